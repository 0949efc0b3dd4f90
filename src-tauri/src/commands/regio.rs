//! The regional overview: many municipalities' werkprogramma GeoPackages rolled
//! up by the core; the window shows the same tables, chart and map the report
//! prints, and writes the report. Needs no open project.

use std::path::PathBuf;

use crate::dto_regio::RegioDto;
use crate::error::{ApiError, ErrorCode};

/// Rolls up the files (or every `.gpkg` in the folders) in `paths`; `expected`
/// lists municipalities or provinces that should have sent one.
#[tauri::command]
pub async fn regio_overview(
    paths: Vec<String>,
    expected: Vec<String>,
) -> Result<RegioDto, ApiError> {
    tauri::async_runtime::spawn_blocking(move || {
        let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
        let files = locatiescout::regio::gather(&paths)?;
        let r = locatiescout::regio::regio(&files, &expected)?;
        Ok(RegioDto::new(&r, files))
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?
}

/// Writes the roll-up of `paths` to `path` (.pdf, .html, .xlsx or .gpkg); returns the path written.
#[tauri::command]
pub async fn regio_export(
    paths: Vec<String>,
    expected: Vec<String>,
    path: String,
) -> Result<String, ApiError> {
    tauri::async_runtime::spawn_blocking(move || {
        let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
        let files = locatiescout::regio::gather(&paths)?;
        let r = locatiescout::regio::regio(&files, &expected)?;
        locatiescout::regio::write_regio(
            &r,
            &files,
            &[PathBuf::from(&path)],
            locatiescout::regio::today(),
        )?;
        Ok(path)
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?
}
