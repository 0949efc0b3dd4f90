//! The map's tiles of the open project: the tile index of the site layer, built
//! on the first request after the layer changed, and the tiles cut since the
//! last change of layer or scores, kept up to [`CACHE_BYTES`].

use std::collections::HashMap;
use std::sync::Arc;

use locatiescout_engine::score::{Dataset, Scoring};
use locatiescout_output::tiles::{site_tile, TileId, TileIndex};

use crate::AppError;

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
        let key = (layer.geom.raw().coords.as_ptr() as usize, layer.len());
        if self.index.as_ref().map(|(k, _)| *k) != Some(key) {
            self.index = Some((key, TileIndex::build(layer)));
            self.clear();
        }
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

    fn clear(&mut self) {
        self.cache.clear();
        self.bytes = 0;
    }
}
