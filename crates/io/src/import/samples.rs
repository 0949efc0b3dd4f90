//! The columns a file shows while it is imported: for each, where it first
//! appears, how many features fill it and its first few distinct values. The
//! readers record into [`FieldSamples`] when asked; the field-mapping dialog
//! ([`crate::fieldmap`]) shows the result as [`ColumnPreview`]s.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Mutex;

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
    pub(crate) fn columns(self, map: &FieldMap) -> Vec<ColumnPreview> {
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
