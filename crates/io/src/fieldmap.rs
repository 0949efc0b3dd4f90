//! The field-mapping dialog's data: which columns a file has (with a few sample
//! values), which of Locatiescout's fields each feeds, and the user's choice,
//! saved in the same TOML format the CLI reads with `--fieldmap`. A choice is
//! remembered per source: a key made from the file's column names, so next
//! month's export of the same register (another file name, same columns) is
//! mapped the same way.

use std::path::Path;

use crate::import::{import_file, ImportError, ImportOptions, LayerKind};
use locatiescout_model::attrs::FieldMap;

pub use crate::import::samples::{ColumnPreview, FieldSamples, SAMPLES_PER_COLUMN};

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
