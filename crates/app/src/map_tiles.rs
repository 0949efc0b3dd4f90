//! The map's tiles of the open project: the tile index of the site layer, built
//! on the first request after the layer changed, and the tiles cut since the
//! last change of layer or scores, kept up to [`CACHE_BYTES`].

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use locatiescout_engine::dataset::Dataset;
use locatiescout_engine::score::Scoring;
use locatiescout_model::layer::Layer;
use locatiescout_output::tiles::{site_tile, TileId, TileIndex, MAX_ZOOM, SITES_LAYER};
use rayon::prelude::*;

use crate::{AppError, ErrorKind};

/// Encoded tiles kept in memory; a zoomed-out tile of a million sites is a few
/// hundred kB, a town-zoom one tens of kB.
pub const CACHE_BYTES: usize = 96 << 20;

#[derive(Default)]
pub struct MapTiles {
    /// The index and the layer it was built for (coordinates' address and length).
    index: Option<((usize, usize), TileIndex)>,
    /// The scoring generation the cached tiles were cut with.
    generation: u64,
    cache: HashMap<TileId, Arc<Vec<u8>>>,
    bytes: usize,
}

impl MapTiles {
    /// Tile `t` of the current site layer and scores; empty bytes when there is
    /// no site layer or nothing in the tile.
    pub fn tile(
        &mut self,
        ds: &Dataset,
        scoring: &Scoring,
        t: TileId,
    ) -> Result<Arc<Vec<u8>>, AppError> {
        let Some(layer) = ds.site_layer(&scoring.profile) else {
            return Ok(Arc::new(Vec::new()));
        };
        self.index_for(layer);
        if self.generation != scoring.generation() {
            self.clear();
            self.generation = scoring.generation();
        }
        if let Some(hit) = self.cache.get(&t) {
            return Ok(hit.clone());
        }
        let Some((_, index)) = self.index.as_ref() else {
            return Ok(Arc::new(Vec::new()));
        };
        let bytes = Arc::new(site_tile(index, layer, scoring, t)?);
        if self.bytes + bytes.len() > CACHE_BYTES {
            self.clear();
        }
        self.bytes += bytes.len();
        self.cache.insert(t, bytes.clone());
        Ok(bytes)
    }

    /// The tile index of `layer`, built when the layer is not the one it was built for.
    fn index_for(&mut self, layer: &Layer) -> Option<&TileIndex> {
        let key = (layer.geom.raw().coords.as_ptr() as usize, layer.len());
        if self.index.as_ref().map(|(k, _)| *k) != Some(key) {
            self.index = Some((key, TileIndex::build(layer)));
            self.clear();
        }
        self.index.as_ref().map(|(_, i)| i)
    }

    fn clear(&mut self) {
        self.cache.clear();
        self.bytes = 0;
    }
}

/// One zoom level written by [`write_tiles`].
#[derive(Debug, Clone)]
pub struct ZoomWritten {
    pub z: u8,
    /// Tiles with sites (empty tiles are not written).
    pub tiles: usize,
    pub bytes: usize,
    pub seconds: f64,
}

/// Writes the site tiles of zoom levels `zooms` under `dir` as `{z}/{x}/{y}.pbf`
/// with a `tiles.json` (TileJSON 3) beside them — an XYZ vector tile source QGIS
/// and web maps open — cut in parallel with the current scores. `progress` hears
/// of each level when it is done.
pub fn write_tiles(
    ds: &Dataset,
    scoring: &Scoring,
    tiles: &mut MapTiles,
    zooms: std::ops::RangeInclusive<u8>,
    dir: &Path,
    mut progress: impl FnMut(&ZoomWritten),
) -> Result<Vec<ZoomWritten>, AppError> {
    let refuse = |path: &Path, e: std::io::Error| {
        AppError::refused(
            ErrorKind::Export,
            format!(
                "{}: {}",
                path.display(),
                locatiescout_model::nl::io_nl_write(&e, path)
            ),
        )
    };
    if *zooms.end() > MAX_ZOOM || zooms.is_empty() {
        return Err(AppError::refused(
            ErrorKind::Export,
            format!(
                "zoomniveaus {}–{}: kies niveaus van 0 tot en met {MAX_ZOOM}",
                zooms.start(),
                zooms.end()
            ),
        ));
    }
    let layer = ds
        .site_layer(&scoring.profile)
        .ok_or_else(|| AppError::refused(ErrorKind::Export, "het project heeft geen locaties"))?;
    let index = tiles
        .index_for(layer)
        .ok_or_else(|| AppError::refused(ErrorKind::Internal, "geen tegelindex"))?;
    let mut done = Vec::new();
    for z in zooms.clone() {
        let started = Instant::now();
        let level = dir.join(z.to_string());
        let cut: Vec<Result<(TileId, usize), AppError>> = index
            .covering(z)
            .into_par_iter()
            .map(|t| {
                let bytes = site_tile(index, layer, scoring, t)?;
                if bytes.is_empty() {
                    return Ok((t, 0));
                }
                let folder = level.join(t.x.to_string());
                std::fs::create_dir_all(&folder).map_err(|e| refuse(&folder, e))?;
                let path = folder.join(format!("{}.pbf", t.y));
                std::fs::write(&path, &bytes).map_err(|e| refuse(&path, e))?;
                Ok((t, bytes.len()))
            })
            .collect();
        let mut w = ZoomWritten {
            z,
            tiles: 0,
            bytes: 0,
            seconds: 0.0,
        };
        for r in cut {
            let (_, n) = r?;
            if n > 0 {
                w.tiles += 1;
                w.bytes += n;
            }
        }
        w.seconds = started.elapsed().as_secs_f64();
        progress(&w);
        done.push(w);
    }
    let bounds = locatiescout_engine::index::layer_extent(layer)
        .and_then(locatiescout_model::crs::rd_rect_to_wgs84);
    let meta = serde_json::json!({
        "tilejson": "3.0.0",
        "name": "Locatiescout: locaties",
        "tiles": ["{z}/{x}/{y}.pbf"],
        "minzoom": zooms.start(),
        "maxzoom": zooms.end(),
        "bounds": bounds,
        "vector_layers": [{
            "id": SITES_LAYER,
            "description": "Locaties met score (0–100) en knock-out; kleiner dan 4 px als punt",
            "fields": { "site_index": "Number", "id": "String", "score": "Number", "knockout": "Boolean", "pt": "Boolean" }
        }]
    });
    let path = dir.join("tiles.json");
    std::fs::create_dir_all(dir).map_err(|e| refuse(dir, e))?;
    std::fs::write(&path, meta.to_string()).map_err(|e| refuse(&path, e))?;
    Ok(done)
}
