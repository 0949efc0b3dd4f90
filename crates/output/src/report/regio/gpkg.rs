//! The roll-up as a GeoPackage: every site with its municipality code, and the
//! tables per municipality and per province.

use std::path::Path;

use locatiescout_engine::regio::Regio;

use super::tables::{municipality_table, province_table, site_table};
use crate::report::gpkg;

/// Writes the GeoPackage at `at`.
pub(super) fn write(at: &Path, r: &Regio) -> Result<(), String> {
    gpkg::write_with(at, |conn| {
        // The newest peildatum of the werkprogramma's, not the clock.
        let as_of = r
            .municipalities
            .iter()
            .filter_map(|m| chrono::NaiveDate::parse_from_str(&m.reference_date, "%Y-%m-%d").ok())
            .max()
            .unwrap_or_default();
        let srs = gpkg::begin(conn, false, as_of)?;
        let shapes: Vec<Option<&geo::MultiPolygon<f64>>> =
            r.sites.iter().map(|s| s.shape.as_ref()).collect();
        gpkg::feature_table(
            conn,
            "regio_locaties",
            &site_table(r),
            &shapes,
            srs,
            "Locaties van alle werkprogramma's met de gemeentecode",
        )?;
        gpkg::attribute_table(
            conn,
            "regio_gemeenten",
            &municipality_table(r),
            "Per gemeente",
        )?;
        gpkg::attribute_table(
            conn,
            "regio_provincies",
            &province_table(r),
            "Per provincie en in totaal",
        )?;
        conn.execute_batch("COMMIT;")
    })
}
