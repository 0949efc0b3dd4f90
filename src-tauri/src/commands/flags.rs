//! Flags on sites: set (one site or a whole selection), history, and hand-off
//! files. Every flag is written to the project file before the call returns.

use std::path::Path;

use locatiescout::io::project::{flags::os_user, FlagStatus};
use tauri::State;

use crate::dto::{FlagDto, FlagImportDto, FlagResultDto, SiteFlagDto};
use crate::error::{ApiError, ErrorCode};
use crate::state::{with_session, AppState};

/// Flags the sites `indices` (one, or a whole selection) in one transaction.
#[tauri::command]
pub fn flag_sites(
    state: State<'_, AppState>,
    indices: Vec<u32>,
    status: String,
    note: String,
    author: Option<String>,
) -> Result<FlagResultDto, ApiError> {
    let status = FlagStatus::parse(&status).map_err(|m| ApiError::new(ErrorCode::Flag, m))?;
    with_session(&state, |s| {
        let (flagged, skipped) = s.flag_sites(&indices, status, &note, author.as_deref())?;
        Ok(FlagResultDto {
            flagged: flagged as u32,
            skipped,
        })
    })
}

/// The current flag of every flagged site of the site layer.
#[tauri::command]
pub fn site_flags(state: State<'_, AppState>) -> Result<Vec<SiteFlagDto>, ApiError> {
    with_session(&state, |s| {
        Ok(s.site_flags()
            .into_iter()
            .map(|(index, status)| SiteFlagDto {
                index,
                status: status.key().to_string(),
            })
            .collect())
    })
}

/// A site's flag history, oldest first.
#[tauri::command]
pub fn flag_history(state: State<'_, AppState>, index: u32) -> Result<Vec<FlagDto>, ApiError> {
    with_session(&state, |s| {
        let Some((id, _)) = s.site_key(index) else {
            return Ok(Vec::new());
        };
        Ok(s.project
            .flag_history(&id)?
            .iter()
            .map(FlagDto::from)
            .collect())
    })
}

/// The author a new flag gets unless the user types another.
#[tauri::command]
pub fn default_author() -> String {
    os_user()
}

/// Writes every flag to `.csv` (history) or `.geojson` (with geometry).
#[tauri::command]
pub fn flags_export(state: State<'_, AppState>, path: String) -> Result<u32, ApiError> {
    with_session(&state, |s| Ok(s.export_flags(Path::new(&path))? as u32))
}

/// Reads a flag file made by another project; the newest change wins, conflicts are
/// listed and both sides stay in the history.
#[tauri::command]
pub fn flags_import(state: State<'_, AppState>, path: String) -> Result<FlagImportDto, ApiError> {
    with_session(&state, |s| {
        Ok(FlagImportDto::from(&s.import_flags(Path::new(&path))?))
    })
}
