//! The regional roll-up as files: a report (HTML and PDF, the werkprogramma's
//! house style, with a map of the provinces and a chart per period), a
//! spreadsheet with a sheet per table and a GeoPackage of every site with its
//! municipality code.
//!
//! Split like the werkprogramma's report: the tables, defined once for every
//! writer, in `tables.rs`; the report's blocks in `doc.rs`, its map and chart in
//! `figure.rs`, the GeoPackage in `gpkg.rs`; here the writing of each format.

mod doc;
mod figure;
mod gpkg;
mod tables;

use std::path::{Path, PathBuf};

use locatiescout_engine::regio::Regio;

use crate::report::tables::workbook;
use crate::report::{html, pdf, ReportError, Staged};

pub use doc::{document, title};
pub use figure::{chart, chart_svg, map, map_svg};
pub use tables::{
    category_table, demand_table, knelpunt_table, missing_table, municipality_table, period_table,
    province_table, scheme_table, scope, site_table, summary, support_summary_table, support_table,
    tables, tender_table,
};

/// The formats [`stage`] knows, by extension.
pub const FORMATS: [&str; 4] = ["html", "pdf", "xlsx", "gpkg"];

fn render_to(
    at: &Path,
    named: &Path,
    r: &Regio,
    today: chrono::NaiveDate,
) -> Result<(), ReportError> {
    let fail = |detail: String| ReportError::Write {
        path: named.to_path_buf(),
        detail,
    };
    let bytes = match locatiescout_model::files::extension_lower(named).as_str() {
        "html" | "htm" => html::render_blocks(&title(r), document(r, today)).into_bytes(),
        "pdf" => pdf::render_blocks(title(r), document(r, today)),
        "xlsx" => workbook(today, "Overzicht", &title(r), &summary(r), {
            let mut all = tables(r);
            all.push(tables::notes_table(r));
            all
        })
        .map_err(|e| fail(super::xlsx_nl(&e)))?,
        "gpkg" => return gpkg::write(at, r).map_err(fail),
        _ => {
            return Err(ReportError::UnknownFormat {
                path: named.to_path_buf(),
            })
        }
    };
    crate::report::write_synced(at, &bytes)
        .map_err(|e| fail(locatiescout_model::nl::io_nl_write(&e, named)))
}

/// Renders every output beside its target; nothing is in place until
/// [`Staged::commit`].
pub fn stage(
    paths: &[PathBuf],
    r: &Regio,
    today: chrono::NaiveDate,
) -> Result<Staged, ReportError> {
    let mut staged = Staged::default();
    for path in paths {
        let tmp = staged.begin(path)?;
        render_to(&tmp, path, r, today)?;
    }
    Ok(staged)
}
