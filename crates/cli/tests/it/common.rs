//! Paths into `../shared/data`, the public Dutch data the tests read.

use std::path::{Path, PathBuf};

pub fn shared(rel: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("../shared/data")
        .join(rel)
}
