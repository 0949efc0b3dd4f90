//! The werkprogramma: the UI sends what the user chose or typed, the core
//! checks and computes, the project stores it at once.

use std::path::Path;

use locatiescout::engine::werkprogramma::Werkprogramma;
use locatiescout::model::text::Lang;
use locatiescout::output::report::{self, WerkprogrammaExport};
use tauri::State;

use crate::dto_werkprogramma::WerkprogrammaDto;
use crate::error::ApiError;
use crate::state::{with_session, AppState};

/// The computed werkprogramma with the chart and map the report prints.
fn dto(ex: &WerkprogrammaExport, lang: Lang) -> WerkprogrammaDto {
    WerkprogrammaDto::new(
        ex.report.clone(),
        report::chart_svg(ex, lang),
        report::map_svg(ex, lang),
        lang,
    )
}

/// The stored werkprogramma, computed.
#[tauri::command]
pub fn werkprogramma(state: State<'_, AppState>) -> Result<WerkprogrammaDto, ApiError> {
    let lang = state.lang();
    with_session(&state, |s| Ok(dto(&s.werkprogramma()?, lang)))
}

/// Stores what the user entered (refused whole when it makes no sense) and computes it.
#[tauri::command]
pub fn werkprogramma_set(
    state: State<'_, AppState>,
    input: Werkprogramma,
) -> Result<WerkprogrammaDto, ApiError> {
    let lang = state.lang();
    with_session(&state, |s| Ok(dto(&s.set_werkprogramma(&input)?, lang)))
}

/// Puts the chosen sites into the werkprogramma.
#[tauri::command]
pub fn werkprogramma_add(
    state: State<'_, AppState>,
    indices: Vec<u32>,
) -> Result<WerkprogrammaDto, ApiError> {
    let lang = state.lang();
    with_session(&state, |s| {
        Ok(dto(&s.add_to_werkprogramma(&indices)?, lang))
    })
}

/// Writes the werkprogramma in the format the extension names; returns the path written.
#[tauri::command]
pub fn werkprogramma_export(state: State<'_, AppState>, path: String) -> Result<String, ApiError> {
    with_session(&state, |s| {
        s.export_werkprogramma(Path::new(&path))?;
        Ok(path)
    })
}
