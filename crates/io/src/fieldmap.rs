//! The field-mapping dialog's data: which columns a file has (with a few sample
//! values), which of Locatiescout's fields each feeds, and the user's choice,
//! saved in the same TOML format the CLI reads with `--fieldmap`. A choice is
//! remembered per source: a key made from the file's column names, so next
//! month's export of the same register (another file name, same columns) is
//! mapped the same way.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use crate::import::{import_file, ImportError, ImportOptions, LayerKind};
use locatiescout_model::attrs::{Field, FieldMap, PropValue};

/// How many distinct values per column the dialog shows.
pub const SAMPLES_PER_COLUMN: usize = 3;
/// Sample values come from the first features only.
const SAMPLED_FEATURES: usize = 500;
/// A longer sample value is cut (JSON arrays, long notes).
const SAMPLE_CHARS: usize = 60;

/// What the dialog needs of one column, gathered while importing.
#[derive(Debug, Default)]
struct ColumnSeen {
    /// (feature, position in the feature) where the column first appeared.
    first: (usize, usize),
    filled: usize,
    /// Distinct values at their lowest feature number, lowest first.
    samples: Vec<(usize, String)>,
}

/// Columns with their fill counts and first values, collected while importing
/// (also from rows that are not imported, such as CSV rows without coordinates,
/// so the dialog can map the columns that would make them importable). Feature
/// batches are parsed in parallel, so everything is kept by feature number: the
/// same file always shows the same columns, order and samples.
#[derive(Debug, Default)]
pub struct FieldSamples {
    inner: Mutex<BTreeMap<String, ColumnSeen>>,
}

impl FieldSamples {
    pub(crate) fn record(&self, index: usize, props: &[(Cow<'_, str>, PropValue<'_>)]) {
        let Ok(mut m) = self.inner.lock() else {
            return;
        };
        for (pos, (name, value)) in props.iter().enumerate() {
            let col = m.entry(name.to_string()).or_insert_with(|| ColumnSeen {
                first: (index, pos),
                ..ColumnSeen::default()
            });
            col.first = col.first.min((index, pos));
            let Some(text) = value.as_text() else {
                continue;
            };
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            col.filled += 1;
            if index >= SAMPLED_FEATURES {
                continue;
            }
            let short: String = if text.chars().count() > SAMPLE_CHARS {
                text.chars().take(SAMPLE_CHARS - 1).chain(['…']).collect()
            } else {
                text.to_string()
            };
            let list = &mut col.samples;
            if let Some(k) = list.iter().position(|(_, v)| *v == short) {
                if list[k].0 <= index {
                    continue;
                }
                list.remove(k);
            }
            let at = list.partition_point(|(i, _)| *i < index);
            list.insert(at, (index, short));
            list.truncate(SAMPLES_PER_COLUMN);
        }
    }

    /// The columns in the order the file first shows them.
    fn columns(self, map: &FieldMap) -> Vec<ColumnPreview> {
        let m = self.inner.into_inner().unwrap_or_else(|p| p.into_inner());
        let mut cols: Vec<(String, ColumnSeen)> = m.into_iter().collect();
        cols.sort_by_key(|(_, c)| c.first);
        cols.into_iter()
            .map(|(name, c)| ColumnPreview {
                field: map.field_for(&name),
                filled: c.filled,
                samples: c.samples.into_iter().map(|(_, s)| s).collect(),
                name,
            })
            .collect()
    }
}

/// One column of a source file as the dialog shows it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ColumnPreview {
    pub name: String,
    /// Features (or rows) with a value in this column.
    pub filled: usize,
    pub samples: Vec<String>,
    /// What the column feeds with the mapping in use; `None`: kept as is.
    pub field: Option<Field>,
}

/// A file's columns and the mapping they would get.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FieldPreview {
    pub columns: Vec<ColumnPreview>,
    /// Features (or rows) read, and how many of them the mapping in use imports.
    pub features: usize,
    pub imported: usize,
    /// Identifies the source by its column names; see [`source_key`].
    pub source_key: String,
}

/// Reads `path` (its GeoPackage layer `layer`, if given) with `map` and lists
/// its columns with samples and mapping.
pub fn preview_fields(
    path: &Path,
    layer: Option<&str>,
    kind: LayerKind,
    map: &FieldMap,
) -> Result<FieldPreview, ImportError> {
    let samples = FieldSamples::default();
    let mut opts = ImportOptions::new(kind, map);
    opts.samples = Some(&samples);
    opts.layer = layer;
    let layer = import_file(path, opts)?;
    let columns = samples.columns(map);
    let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
    Ok(FieldPreview {
        source_key: source_key(&names),
        features: layer.report.features_read,
        imported: layer.report.imported,
        columns,
    })
}

/// A stable key for a set of column names (order and case do not matter):
/// FNV-1a over the sorted lower-case names, as 16 hex digits. Stable across
/// builds, unlike `std`'s hasher, because it names files on disk.
pub fn source_key(names: &[&str]) -> String {
    let mut sorted: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    sorted.sort();
    sorted.dedup();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for n in &sorted {
        for b in n.bytes().chain([0u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

pub use locatiescout_model::attrs::{MappingError, SourceMapping};
