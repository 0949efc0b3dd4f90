//! The regional overview: many municipalities' werkprogramma GeoPackages rolled
//! up by the core; the window shows the same tables, chart and map the report
//! prints, and writes the report. Needs no open project.

use std::path::PathBuf;

use crate::commands::blocking;
use crate::dto_regio::RegioDto;
use crate::error::ApiError;

/// Rolls up the files (or every `.gpkg` in the folders) in `paths`; `expected`
/// lists municipalities or provinces that should have sent one.
#[tauri::command]
pub async fn regio_overview(
    paths: Vec<String>,
    expected: Vec<String>,
) -> Result<RegioDto, ApiError> {
    blocking(move || {
        let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
        let (r, files) = locatiescout::regio::read(&paths, &expected)?;
        Ok(RegioDto::new(&r, files))
    })
    .await
}

/// Writes the roll-up of `paths` to `path` (.pdf, .html, .xlsx or .gpkg); returns the path written.
#[tauri::command]
pub async fn regio_export(
    paths: Vec<String>,
    expected: Vec<String>,
    path: String,
) -> Result<String, ApiError> {
    blocking(move || {
        let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
        let today = locatiescout::outputs::today();
        locatiescout::regio::export(&paths, &expected, &[PathBuf::from(&path)], today)?;
        Ok(path)
    })
    .await
}
