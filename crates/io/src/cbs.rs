//! The bundled CBS municipalities (2024, generalised, RD New; CC BY 4.0) with
//! their province (`data/cbs_provincies.py`): the outline for "fetch a
//! municipality" and the register the regional roll-up checks codes against.

use std::path::Path;

use locatiescout_model::exchange::Gemeente;
use locatiescout_model::layer::{Layer, LayerKind};
use locatiescout_model::FieldMap;

use crate::import::{import_file, ImportError, ImportOptions};

const GEMEENTEN: &[u8] = include_bytes!("../../../data/cbs_gemeenten_2024_rd.geojson");

/// The bundled municipalities as a layer (id = CBS code such as `GM0344`).
pub fn gemeenten(work_dir: &Path) -> Result<Layer, ImportError> {
    let path = work_dir.join(format!(
        "cbs-gemeenten-{}-{:?}.geojson",
        std::process::id(),
        std::thread::current().id()
    ));
    let bytes = locatiescout_model::defaults::bytes("cbs_gemeenten_2024_rd.geojson", GEMEENTEN);
    std::fs::write(&path, &*bytes).map_err(|source| ImportError::Io {
        path: path.clone(),
        source,
    })?;
    let map = FieldMap::default();
    let layer = import_file(&path, ImportOptions::new(LayerKind::Overlay, &map));
    let _ = std::fs::remove_file(&path);
    layer
}

/// Every municipality with its province and outline, in CBS code order.
pub fn register(work_dir: &Path) -> Result<Vec<Gemeente>, ImportError> {
    let layer = gemeenten(work_dir)?;
    let mut out: Vec<Gemeente> = (0..layer.len())
        .filter_map(|i| {
            Some(Gemeente {
                code: layer.source_id(i)?.to_string(),
                naam: layer
                    .text(i, locatiescout_model::Field::Name)
                    .unwrap_or_default()
                    .to_string(),
                provincie_code: layer
                    .attribute(i, "provincie_code")
                    .unwrap_or_default()
                    .to_string(),
                provincie: layer
                    .attribute(i, "provincie")
                    .unwrap_or_default()
                    .to_string(),
                shape: layer.geom.multi_polygon(i)?,
            })
        })
        .collect();
    out.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(out)
}
