//! Generated werkprogramma GeoPackages for the regional roll-up: the sample
//! region's werkprogramma computed for real (scoring, knelpunten, business
//! case), its sites moved into each municipality, with 5–50 lines and
//! taakstellingen that differ per municipality. Used by the tests and by
//! `examples/bench_regio.rs` (all 342 municipalities).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use geo::{InteriorPoint, Scale, Translate};

use locatiescout_engine::business::{BusinessParams, HousingForm};
use locatiescout_engine::dataset::Dataset;
use locatiescout_engine::score::Scoring;
use locatiescout_engine::werkprogramma::{Entry, PeriodInput, Werkprogramma};
use locatiescout_io::{import_file, ImportOptions};
use locatiescout_model::exchange::Gemeente;
use locatiescout_model::{FieldMap, LayerKind};
use locatiescout_output::report::{self, assemble, scoring_for, WerkprogrammaExport};

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The sample region scored with both profiles.
pub struct Sample {
    pub ds: Dataset,
    pub flex: Scoring,
    pub transf: Scoring,
    /// Parcel ids with homes, in rank order.
    pub sites: Vec<String>,
}

impl Sample {
    pub fn load() -> Sample {
        let map = FieldMap::default();
        let load = |f: &str, kind| {
            let p = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
                .join("data/sample")
                .join(f);
            import_file(&p, ImportOptions::new(kind, &map)).unwrap()
        };
        let ds = Dataset {
            parcels: Some(load("percelen.geojson", LayerKind::Parcels)),
            buildings: Some(load("panden.geojson", LayerKind::Buildings)),
            ..Dataset::default()
        };
        let flex = scoring_for(&ds, "flex", &Default::default(), day("2026-11-22")).unwrap();
        let transf =
            scoring_for(&ds, "transformatie", &Default::default(), day("2026-11-22")).unwrap();
        let layer = ds.site_layer(&flex.profile).unwrap();
        let sites = flex
            .top(200)
            .into_iter()
            .filter_map(|i| layer.source_id(i as usize).map(str::to_string))
            .collect();
        Sample {
            ds,
            flex,
            transf,
            sites,
        }
    }

    /// The werkprogramma of municipality number `k` (0-based) of `g`: 5–50 lines,
    /// its own taakstelling, computed over the sample and moved into `g`.
    pub fn werkprogramma(&self, k: usize, g: &Gemeente, today: NaiveDate) -> WerkprogrammaExport {
        let lines = 5 + (k * 7) % 46;
        let mut wp = Werkprogramma::starting(day("2026-11-22"));
        wp.gemeente = g.naam.clone();
        wp.gemeente_code = g.code.clone();
        wp.periods = (0..3)
            .map(|p| PeriodInput {
                taakstelling_persons: (20 + (k * 13 + p * 7) % 150) as f64,
                regular_stock_persons: (10 + (k * 5) % 40) as f64,
                realised_persons: 0.0,
            })
            .collect();
        wp.backlog_persons = ((k * 11) % 60) as f64;
        wp.rvb_tender_homes = if k.is_multiple_of(3) { 48.0 } else { 0.0 };
        wp.rvb_tender_types = if k.is_multiple_of(3) {
            "gestapelde studio's".into()
        } else {
            String::new()
        };
        wp.entries = (0..lines)
            .map(|j| Entry {
                site_id: self.sites[(k * 17 + j * 3) % self.sites.len()].clone(),
                homes: (10 + (j * 9) % 40) as f64,
                period: j % 3,
                share_statushouders: Some(0.3 + 0.1 * (j % 4) as f64),
                form: if j % 5 == 4 {
                    HousingForm::Microwoningen
                } else {
                    HousingForm::Flex
                },
                // Every fourth line costly: a funding gap that SFT helps close.
                business: (j % 4 == 0).then(|| BusinessParams {
                    investment_per_home_eur: 200_000.0,
                    term_years: 15.0,
                    share_statushouders: 0.3,
                    ..BusinessParams::default()
                }),
                ..Entry::default()
            })
            .collect();
        let mut ex = assemble(&self.ds, None, &[&self.flex, &self.transf], &[], &wp, today);
        move_into(&mut ex, g);
        ex
    }
}

/// Shrinks the sites' layout to a tenth around its middle and moves that
/// middle onto the municipality's interior point, so every site lies inside.
pub fn move_into(ex: &mut WerkprogrammaExport, g: &Gemeente) {
    let Some(rect) = locatiescout_model::geometry::bounds_of(ex.shapes.iter().flatten()) else {
        return;
    };
    let to = g.shape.interior_point().unwrap();
    let middle = geo::Point::from(rect.center());
    for s in ex.shapes.iter_mut().flatten() {
        let shrunk = s.scale_around_point(0.1, 0.1, middle);
        *s = shrunk.translate(to.x() - middle.x(), to.y() - middle.y());
    }
}

/// Writes the werkprogramma of every municipality of `gemeenten` as `{code}.gpkg` in `dir`.
pub fn write_all(
    sample: &Sample,
    gemeenten: &[&Gemeente],
    dir: &Path,
    today: NaiveDate,
) -> Vec<PathBuf> {
    gemeenten
        .iter()
        .enumerate()
        .map(|(k, g)| {
            let path = dir.join(format!("{}.gpkg", g.code));
            report::write(&path, &sample.werkprogramma(k, g, today)).unwrap();
            path
        })
        .collect()
}
