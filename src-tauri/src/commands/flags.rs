//! Flags on sites: set (one site or a whole selection), history, and hand-off
//! files. Every flag is written to the project file before the call returns.

use std::path::Path;

use locatiescout::io::project::{flags::os_user, FlagStatus, NewFlag};
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
        let mut flags = Vec::with_capacity(indices.len());
        let mut skipped = Vec::new();
        for &i in &indices {
            match s.site_key(i) {
                Some((site_id, site_kind)) => flags.push(NewFlag {
                    site_id,
                    site_kind,
                    status,
                    note: note.clone(),
                    author: author.clone(),
                    at: None,
                }),
                None => skipped.push(format!(
                    "locatie {i} heeft geen identificatie (BRK/BAG-id of bouwwerkcode) en kan niet worden gevlagd"
                )),
            }
        }
        let flagged = s.project.add_flags(flags)?.len() as u32;
        s.refresh_flags()?;
        Ok(FlagResultDto { flagged, skipped })
    })
}

/// The current flag of every flagged site of the site layer.
#[tauri::command]
pub fn site_flags(state: State<'_, AppState>) -> Result<Vec<SiteFlagDto>, ApiError> {
    with_session(&state, |s| {
        let mut v: Vec<SiteFlagDto> = s
            .flags
            .iter()
            .map(|(i, f)| SiteFlagDto {
                index: *i,
                status: f.status.key().to_string(),
            })
            .collect();
        v.sort_by_key(|f| f.index);
        Ok(v)
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

fn all_layers(ds: &locatiescout::engine::score::Dataset) -> Vec<&locatiescout::model::Layer> {
    [&ds.parcels, &ds.buildings, &ds.listings]
        .into_iter()
        .filter_map(Option::as_ref)
        .collect()
}

/// Writes every flag to `.csv` (history) or `.geojson` (with geometry).
#[tauri::command]
pub fn flags_export(state: State<'_, AppState>, path: String) -> Result<u32, ApiError> {
    with_session(&state, |s| {
        let layers = all_layers(&s.ds);
        Ok(s.project.export_flags(Path::new(&path), &layers)? as u32)
    })
}

/// Reads a flag file made by another project; the newest change wins, conflicts are
/// listed and both sides stay in the history.
#[tauri::command]
pub fn flags_import(state: State<'_, AppState>, path: String) -> Result<FlagImportDto, ApiError> {
    with_session(&state, |s| {
        let layers = all_layers(&s.ds);
        let r = s.project.import_flags(Path::new(&path), &layers)?;
        s.refresh_flags()?;
        Ok(FlagImportDto::from(&r))
    })
}
