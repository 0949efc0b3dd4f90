//! Shared helpers for the integration tests: paths into ../shared/data and imports.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)] // shared by several test crates, each uses a part

use std::path::{Path, PathBuf};

use locatiescout::import::{import_file, ImportError, ImportOptions, Layer, LayerKind};
use locatiescout::FieldMap;

pub fn shared(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(rel)
}

pub fn import(path: &Path, kind: LayerKind) -> Result<Layer, ImportError> {
    let map = FieldMap::default();
    import_file(path, ImportOptions::new(kind, &map))
}

pub fn import_ok(rel: &str, kind: LayerKind) -> Layer {
    let p = shared(rel);
    import(&p, kind).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}
