//! Shared helpers for the integration tests: paths into ../shared/data and imports.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)] // shared by several test crates, each uses a part

use std::path::{Path, PathBuf};

use locatiescout_io::import::{import_file, ImportError, ImportOptions, Layer, LayerKind};
use locatiescout_model::FieldMap;

pub fn shared(rel: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
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

/// A GeoJSON polygon for the rectangle (RD New metres).
pub fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> String {
    format!("{{\"type\":\"Polygon\",\"coordinates\":[[[{x0},{y0}],[{x1},{y0}],[{x1},{y1}],[{x0},{y1}],[{x0},{y0}]]]}}")
}

/// Writes an RD New FeatureCollection of (properties, geometry) into `dir` and imports it.
pub fn rd_layer<P: AsRef<str>>(
    dir: &Path,
    name: &str,
    kind: LayerKind,
    feats: &[(P, String)],
) -> Layer {
    let features: Vec<String> = feats
        .iter()
        .map(|(p, g)| {
            format!(
                "{{\"type\":\"Feature\",\"properties\":{},\"geometry\":{g}}}",
                p.as_ref()
            )
        })
        .collect();
    let text = format!(
        "{{\"type\":\"FeatureCollection\",\"crs\":{{\"type\":\"name\",\"properties\":{{\"name\":\"urn:ogc:def:crs:EPSG::28992\"}}}},\"features\":[{}]}}",
        features.join(",")
    );
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    import(&path, kind).unwrap()
}
