//! The field-mapping dialog's use cases: a file's columns with samples and the
//! mapping they would get, the user's choice checked, and that choice
//! remembered per source (by its column names) in the data folder as a
//! `--fieldmap` file, so the next export of the same register opens with the
//! same mapping and the command line can use the very same file.

use std::path::{Path, PathBuf};

use locatiescout_io::fieldmap::{preview_fields, source_key, FieldPreview, SourceMapping};
use locatiescout_model::attrs::{Field, FieldMap};
use locatiescout_model::layer::LayerKind;

use crate::{AppError, ErrorKind};

/// The user's mapping of a file's columns, with the key of its source.
#[derive(Debug, Clone)]
pub struct Chosen {
    pub source_key: String,
    pub mapping: SourceMapping,
}

fn refused(message: impl Into<String>) -> AppError {
    AppError::refused(ErrorKind::Import, message)
}

/// The dialog's answer — each column's name with the key of the field it
/// holds (none: not used) — checked as a mapping.
pub fn chosen(columns: &[(String, Option<String>)]) -> Result<Chosen, AppError> {
    let mut cols = Vec::with_capacity(columns.len());
    for (name, field) in columns {
        let field = match field.as_deref() {
            None | Some("") => None,
            Some(k) => {
                Some(Field::from_key(k).ok_or_else(|| refused(format!("onbekend veld '{k}'")))?)
            }
        };
        cols.push((name.clone(), field));
    }
    let mapping = SourceMapping::from_choices(&cols, &FieldMap::default())
        .map_err(|e| refused(e.to_string()))?;
    let names: Vec<&str> = columns.iter().map(|(n, _)| n.as_str()).collect();
    Ok(Chosen {
        source_key: source_key(&names),
        mapping,
    })
}

/// The default field map with the user's choice on top, if there is one.
pub fn map_of(chosen: Option<&Chosen>) -> FieldMap {
    match chosen {
        Some(c) => FieldMap::default().with(&c.mapping),
        None => FieldMap::default(),
    }
}

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

fn write_mapping(path: &Path, m: &SourceMapping, comment: &str) -> Result<(), AppError> {
    let text = m.to_toml(comment).map_err(|e| refused(e.to_string()))?;
    let fail = |e: std::io::Error| {
        refused(format!(
            "{}: kan niet worden geschreven: {}",
            path.display(),
            locatiescout_model::nl::io_nl(&e)
        ))
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    locatiescout_model::files::write_atomic(path, text.as_bytes()).map_err(fail)
}

/// Remembers `chosen` for its source (after an import of `file` with it succeeded).
pub fn remember(data_dir: &Path, chosen: &Chosen, file: &Path) -> Result<(), AppError> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    write_mapping(
        &remembered_path(data_dir, &chosen.source_key),
        &chosen.mapping,
        &format!("Veldkoppeling van Locatiescout, laatst gebruikt voor {name}.\nOok bruikbaar als: locatiescout … --fieldmap DIT-BESTAND"),
    )
}

/// Writes `chosen` as a `--fieldmap` file for the command line.
pub fn save_for_command_line(path: &Path, chosen: &Chosen) -> Result<(), AppError> {
    write_mapping(
        path,
        &chosen.mapping,
        "Veldkoppeling van Locatiescout.\nGebruik: locatiescout inspect|score|listings|project create … --fieldmap DIT-BESTAND",
    )
}

/// The columns of `path` with samples and the mapping they would get: the one
/// remembered for this source (then `true`), else the default.
pub fn preview(
    data_dir: &Path,
    path: &Path,
    layer: Option<&str>,
    kind: LayerKind,
) -> Result<(FieldPreview, bool), AppError> {
    let default = FieldMap::default();
    let first = preview_fields(path, layer, kind, &default)?;
    Ok(match remembered(data_dir, &first.source_key) {
        Some(m) => (preview_fields(path, layer, kind, &default.with(&m))?, true),
        None => (first, false),
    })
}
