//! The field-mapping dialog: a file's columns, the user's choice, and that choice
//! remembered per source (by column names) in the data folder as a `--fieldmap`
//! file, so the next export of the same register opens with the same mapping and
//! the CLI can use the very same file.

use std::path::{Path, PathBuf};

use locatiescout::io::fieldmap::{preview_fields, source_key, SourceMapping};
use locatiescout::model::{Field, FieldMap};
use tauri::State;

use crate::dto::{ColumnChoiceDto, FieldPreviewDto, LayerKindDto};
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

fn remembered_path(data_dir: &Path, key: &str) -> PathBuf {
    data_dir.join("veldkoppelingen").join(format!("{key}.toml"))
}

/// The mapping remembered for a source, if any. A remembered file that cannot be
/// read is passed over (the default applies and the dialog shows it).
pub fn remembered(data_dir: &Path, key: &str) -> Option<SourceMapping> {
    let path = remembered_path(data_dir, key);
    if !path.exists() {
        return None;
    }
    match FieldMap::read_mapping(&path) {
        Ok(m) => Some(m),
        Err(e) => {
            tracing::warn!(error = %e, "onthouden veldkoppeling overgeslagen");
            None
        }
    }
}

/// The dialog's answer as a mapping, with its source key.
pub fn mapping_of(choices: &[ColumnChoiceDto]) -> Result<(String, SourceMapping), ApiError> {
    let mut cols = Vec::with_capacity(choices.len());
    for c in choices {
        let field =
            match c.field.as_deref() {
                None | Some("") => None,
                Some(k) => Some(Field::from_key(k).ok_or_else(|| {
                    ApiError::new(ErrorCode::Import, format!("onbekend veld '{k}'"))
                })?),
            };
        cols.push((c.name.clone(), field));
    }
    let m = SourceMapping::from_choices(&cols, &FieldMap::default())
        .map_err(|e| ApiError::new(ErrorCode::Import, e.to_string()))?;
    let names: Vec<&str> = choices.iter().map(|c| c.name.as_str()).collect();
    Ok((source_key(&names), m))
}

fn write_mapping(path: &Path, m: &SourceMapping, comment: &str) -> Result<(), ApiError> {
    let text = m
        .to_toml(comment)
        .map_err(|e| ApiError::new(ErrorCode::Import, e.to_string()))?;
    let fail = |e: std::io::Error| {
        ApiError::new(
            ErrorCode::Import,
            format!(
                "{}: kan niet worden geschreven: {}",
                path.display(),
                locatiescout::model::nl::io_nl(&e)
            ),
        )
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    locatiescout::model::files::write_atomic(path, text.as_bytes()).map_err(fail)
}

/// Remembers `m` for the source `key` (after an import with it succeeded).
pub fn remember(data_dir: &Path, key: &str, m: &SourceMapping, file: &str) -> Result<(), ApiError> {
    let name = Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    write_mapping(
        &remembered_path(data_dir, key),
        m,
        &format!("Veldkoppeling van Locatiescout, laatst gebruikt voor {name}.\nOok bruikbaar als: locatiescout … --fieldmap DIT-BESTAND"),
    )
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
    tauri::async_runtime::spawn_blocking(move || {
        let file = Path::new(&path);
        let default = FieldMap::default();
        let layer = layer.as_deref();
        let first = preview_fields(file, layer, kind.into(), &default)?;
        match remembered(&dir, &first.source_key) {
            Some(m) => {
                let p = preview_fields(file, layer, kind.into(), &default.with(&m))?;
                Ok(FieldPreviewDto::new(&path, p, true))
            }
            None => Ok(FieldPreviewDto::new(&path, first, false)),
        }
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?
}

/// Writes the dialog's mapping as a `--fieldmap` file for the command line.
#[tauri::command]
pub fn save_field_map(path: String, choices: Vec<ColumnChoiceDto>) -> Result<(), ApiError> {
    let (_, m) = mapping_of(&choices)?;
    write_mapping(
        Path::new(&path),
        &m,
        "Veldkoppeling van Locatiescout.\nGebruik: locatiescout inspect|score|listings|project create … --fieldmap DIT-BESTAND",
    )
}
