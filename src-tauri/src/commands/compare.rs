//! The comparison of chosen sites: side by side in the window, or written as a table.

use std::path::Path;

use tauri::State;

use crate::dto_compare::ComparisonDto;
use crate::error::ApiError;
use crate::state::{with_session, AppState};

/// Sites of the current profile side by side (2–4 chosen in the list).
#[tauri::command]
pub fn compare_sites(
    state: State<'_, AppState>,
    indices: Vec<u32>,
) -> Result<ComparisonDto, ApiError> {
    let lang = state.lang();
    with_session(&state, |s| {
        Ok(ComparisonDto::new(s.comparison(&indices)?, lang))
    })
}

/// Writes the comparison as `.xlsx` or `.csv`; returns the path written.
#[tauri::command]
pub fn compare_export(
    state: State<'_, AppState>,
    indices: Vec<u32>,
    path: String,
) -> Result<String, ApiError> {
    let lang = state.lang();
    with_session(&state, |s| {
        s.export_comparison(&indices, Path::new(&path), lang)?;
        Ok(path)
    })
}
