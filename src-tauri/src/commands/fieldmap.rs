//! The field-mapping dialog: a file's columns, the user's choice, and that
//! choice remembered per source (`locatiescout::fieldmap`).

use std::path::Path;

use locatiescout::fieldmap::{self, Chosen};
use tauri::State;

use crate::commands::blocking;
use crate::dto::{ColumnChoiceDto, FieldPreviewDto, LayerKindDto};
use crate::error::ApiError;
use crate::state::AppState;

/// The dialog's answer as a checked mapping.
pub fn mapping_of(choices: &[ColumnChoiceDto]) -> Result<Chosen, ApiError> {
    let columns: Vec<(String, Option<String>)> = choices
        .iter()
        .map(|c| (c.name.clone(), c.field.clone()))
        .collect();
    Ok(fieldmap::chosen(&columns)?)
}

/// The columns of `path` with samples and the mapping they would get: the one
/// remembered for this source, else the default.
#[tauri::command]
pub async fn field_preview(
    state: State<'_, AppState>,
    path: String,
    kind: LayerKindDto,
    layer: Option<String>,
) -> Result<FieldPreviewDto, ApiError> {
    let dir = state.data_dir()?;
    blocking(move || {
        let (p, remembered) =
            fieldmap::preview(&dir, Path::new(&path), layer.as_deref(), kind.into())?;
        Ok(FieldPreviewDto::new(&path, p, remembered))
    })
    .await
}

/// Writes the dialog's mapping as a `--fieldmap` file for the command line.
#[tauri::command]
pub fn save_field_map(path: String, choices: Vec<ColumnChoiceDto>) -> Result<(), ApiError> {
    Ok(fieldmap::save_for_command_line(
        Path::new(&path),
        &mapping_of(&choices)?,
    )?)
}
