//! The scored sites as Mapbox Vector Tiles, cut per request: what the map draws
//! for a province or the whole country, where one GeoJSON source of a million
//! parcels (440 MB) is the wrong route.
//!
//! [`TileIndex`] sorts the sites once by the zoom from which they are big
//! enough to draw as a polygon and, within that, by the Morton (Z-order) key of
//! their centre in Web Mercator. A tile is then a few binary searches: its
//! polygons are the sites of the buckets up to its zoom whose centre lies in the
//! tile or close enough to reach into it; every smaller site becomes a dot —
//! where a tile would hold thousands, one per 8 × 8 pixels (the best-scoring
//! one), so a national view of 10 M parcels stays a few thousand dots per tile. Features
//! carry the site index (also their id, for feature-state), label, the name the
//! tooltip shows, score and knock-out, so the map colours and answers clicks as
//! it did with GeoJSON.

use locatiescout_engine::score::Scoring;
use locatiescout_model::crs::{rd_to_mercator_unit, wgs84_to_mercator_unit, Crs};
use locatiescout_model::layer::Layer;
use locatiescout_model::site_name::SiteNamer;
use mvt::{GeomEncoder, GeomType, Tile};
use rayon::prelude::*;

/// Tile coordinates run 0..EXTENT across a tile (the MVT default).
pub const EXTENT: u32 = 4096;
/// The layer name inside every tile (the map's `source-layer`).
pub const SITES_LAYER: &str = "locaties";
/// Deepest zoom cut; the map overzooms beyond (EXTENT gives 0.02 m there).
pub const MAX_ZOOM: u8 = 16;
/// CSS pixels a tile covers on screen (MapLibre's vector tile size).
const TILE_PX: f64 = 512.0;
/// A site narrower than this (bounding-box diagonal, CSS pixels) is a dot.
pub const MIN_POLYGON_PX: f64 = 4.0;
/// Below this zoom, a tile with more than [`THIN_ABOVE_DOTS`] dots keeps only
/// the best site per 8 × 8 pixels (a dot is 7–10 px across, so they touched
/// anyway; at 4 × 4 px a software-rendered map drew four times the dots for
/// nothing); fewer are all drawn,
/// so a national portfolio of a few hundred buildings loses none.
pub const THIN_BELOW_ZOOM: u8 = 14;
pub const THIN_ABOVE_DOTS: usize = 2_000;
/// Cells per tile side for thinning: 512 px / 8 px.
const CELL_BITS: u32 = 6;
/// Tile units around the tile that clipped polygons keep (edges drawn across).
const BUFFER: f64 = 64.0;
/// Buckets 0..=MAX_ZOOM: the zoom from which a site is a polygon; the last one
/// holds points and sites that stay dots up to MAX_ZOOM.
const DOTS: usize = MAX_ZOOM as usize + 1;
const BUCKETS: usize = DOTS + 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TileId {
    pub z: u8,
    pub x: u32,
    pub y: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum TileError {
    #[error("kaarttegel {z}/{x}/{y} bestaat niet (zoomniveau 0–{max}, x en y 0 tot 2^zoom)", max = MAX_ZOOM)]
    OutOfRange { z: u32, x: u32, y: u32 },
    #[error("kaarttegel {z}/{x}/{y} kan niet worden gecodeerd: {reason}")]
    Encode {
        z: u8,
        x: u32,
        y: u32,
        reason: String,
    },
}

impl TileId {
    /// A tile of the Web Mercator pyramid (XYZ scheme, y from the top).
    pub fn new(z: u32, x: u32, y: u32) -> Result<TileId, TileError> {
        if z > u32::from(MAX_ZOOM) || u64::from(x) >= 1 << z || u64::from(y) >= 1 << z {
            return Err(TileError::OutOfRange { z, x, y });
        }
        Ok(TileId { z: z as u8, x, y })
    }

    /// The Morton keys of positions inside this tile: `lo..=hi`.
    fn key_range(self) -> (u64, u64) {
        if self.z == 0 {
            return (0, u64::MAX);
        }
        let shift = 64 - 2 * u32::from(self.z);
        let prefix = interleave(self.x, self.y);
        (prefix << shift, (prefix << shift) | ((1u64 << shift) - 1))
    }
}

/// Spreads the bits of `x` to the odd and of `y` to the even positions, so the
/// top 2z bits of a position's key are the key of its tile at zoom z.
fn interleave(x: u32, y: u32) -> u64 {
    fn spread(v: u32) -> u64 {
        let mut v = u64::from(v);
        v = (v | (v << 16)) & 0x0000_FFFF_0000_FFFF;
        v = (v | (v << 8)) & 0x00FF_00FF_00FF_00FF;
        v = (v | (v << 4)) & 0x0F0F_0F0F_0F0F_0F0F;
        v = (v | (v << 2)) & 0x3333_3333_3333_3333;
        v = (v | (v << 1)) & 0x5555_5555_5555_5555;
        v
    }
    (spread(x) << 1) | spread(y)
}

/// A site's box in the unit Web Mercator square: `[u0, v0, u1, v1]`.
fn unit_box(layer: &Layer, local: bool, i: usize) -> Option<[f64; 4]> {
    let r = layer.geom.bbox(i)?;
    let project = |x: f64, y: f64| {
        if local {
            Some(wgs84_to_mercator_unit(x, y))
        } else {
            rd_to_mercator_unit(x, y)
        }
    };
    let (min, max) = (r.min(), r.max());
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for (x, y) in [
        (min.x, min.y),
        (max.x, min.y),
        (min.x, max.y),
        (max.x, max.y),
    ] {
        let (u, v) = project(x, y)?;
        b = [b[0].min(u), b[1].min(v), b[2].max(u), b[3].max(v)];
    }
    b.iter().all(|c| c.is_finite()).then_some(b)
}

/// The sites of one layer ordered for cutting tiles; built once per layer
/// (12 bytes per site), independent of the scores.
pub struct TileIndex {
    /// Morton key of each site's centre, sorted within each bucket.
    keys: Vec<u64>,
    /// The site index at the same position.
    sites: Vec<u32>,
    /// Bucket `b` is `starts[b]..starts[b + 1]`.
    starts: [usize; BUCKETS + 1],
    local: bool,
    /// The layer this was built for (its length), to refuse a mismatch.
    len: usize,
    /// All sites' box in the unit square `[u0, v0, u1, v1]`; `None` without sites.
    extent: Option<[f64; 4]>,
}

impl TileIndex {
    pub fn build(layer: &Layer) -> TileIndex {
        let local = layer.source_crs == Crs::Local;
        let boxes: Vec<(usize, [f64; 4])> = (0..layer.len())
            .into_par_iter()
            .filter_map(|i| Some((i, unit_box(layer, local, i)?)))
            .collect();
        let extent = boxes.par_iter().map(|(_, b)| Some(*b)).reduce(
            || None,
            |a, b| match (a, b) {
                (Some(a), Some(b)) => Some([
                    a[0].min(b[0]),
                    a[1].min(b[1]),
                    a[2].max(b[2]),
                    a[3].max(b[3]),
                ]),
                (a, None) => a,
                (None, b) => b,
            },
        );
        let mut rows: Vec<(u8, u64, u32)> = boxes
            .into_par_iter()
            .map(|(i, b)| {
                let (cu, cv) = ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0);
                let q = |t: f64| (t.clamp(0.0, 1.0) * 4_294_967_295.0) as u32;
                let key = interleave(q(cu), q(cv));
                let size0_px = (b[2] - b[0]).hypot(b[3] - b[1]) * TILE_PX;
                let bucket = if !layer.geom.kind(i).is_areal() || size0_px <= 0.0 {
                    DOTS
                } else {
                    let z = (MIN_POLYGON_PX / size0_px).log2().ceil().max(0.0);
                    if z > f64::from(MAX_ZOOM) {
                        DOTS
                    } else {
                        z as usize
                    }
                };
                (bucket as u8, key, i as u32)
            })
            .collect();
        rows.par_sort_unstable();
        let mut starts = [0usize; BUCKETS + 1];
        for r in &rows {
            starts[r.0 as usize + 1] += 1;
        }
        for b in 0..BUCKETS {
            starts[b + 1] += starts[b];
        }
        TileIndex {
            keys: rows.iter().map(|r| r.1).collect(),
            sites: rows.iter().map(|r| r.2).collect(),
            starts,
            local,
            len: layer.len(),
            extent,
        }
    }

    /// The tiles at zoom `z` that hold any site (of the sites' bounding box),
    /// row by row; e.g. to write a zoom level out for a web map.
    pub fn covering(&self, z: u8) -> Vec<TileId> {
        let Some([u0, v0, u1, v1]) = self.extent else {
            return Vec::new();
        };
        let n = f64::from(1u32 << z.min(MAX_ZOOM));
        let cell = |t: f64| ((t * n) as u32).min((1u32 << z.min(MAX_ZOOM)) - 1);
        let mut v = Vec::new();
        for y in cell(v0)..=cell(v1) {
            for x in cell(u0)..=cell(u1) {
                v.push(TileId {
                    z: z.min(MAX_ZOOM),
                    x,
                    y,
                });
            }
        }
        v
    }

    /// Heap bytes held, for the memory figures.
    pub fn heap_bytes(&self) -> usize {
        self.keys.capacity() * 8 + self.sites.capacity() * 4
    }

    /// Positions of bucket `b` whose key lies in `lo..=hi`.
    fn range(&self, b: usize, lo: u64, hi: u64) -> std::ops::Range<usize> {
        let (s, e) = (self.starts[b], self.starts[b + 1]);
        let keys = &self.keys[s..e];
        s + keys.partition_point(|k| *k < lo)..s + keys.partition_point(|k| *k <= hi)
    }
}

/// What a tile shows of each site: its score and whether it is knocked out.
/// `Scoring` in the app; anything with scores in tests and benchmarks.
pub trait SiteColours: Sync {
    fn score(&self, i: usize) -> f32;
    fn knocked_out(&self, i: usize) -> bool;
}

impl SiteColours for Scoring {
    fn score(&self, i: usize) -> f32 {
        self.scores.get(i).copied().unwrap_or(0.0)
    }
    fn knocked_out(&self, i: usize) -> bool {
        self.is_knocked_out(i)
    }
}

/// Tile `t` of the sites of `layer` (which `index` was built from) as MVT bytes;
/// empty when nothing lies there.
pub fn site_tile(
    index: &TileIndex,
    layer: &Layer,
    colours: &impl SiteColours,
    t: TileId,
) -> Result<Vec<u8>, TileError> {
    let encode_err = |e: mvt::Error| TileError::Encode {
        z: t.z,
        x: t.x,
        y: t.y,
        // The encoder's own words only in brackets after a Dutch sentence.
        reason: format!("een geometrie past niet in de tegel; zoom verder in ({e})"),
    };
    if index.len != layer.len() {
        return Err(TileError::Encode {
            z: t.z,
            x: t.x,
            y: t.y,
            reason: "de tegelindex hoort bij een andere laag".into(),
        });
    }
    let scale = f64::from(1u32 << t.z);
    // Unit square → tile units.
    let to_tile = |u: f64, v: f64| {
        (
            (u * scale - f64::from(t.x)) * f64::from(EXTENT),
            (v * scale - f64::from(t.y)) * f64::from(EXTENT),
        )
    };
    let tile = Tile::new(EXTENT);
    let mut out = tile.create_layer(SITES_LAYER);
    let namer = SiteNamer::new(layer);
    let mut count = 0usize;

    // Polygons: buckets up to this zoom, from the neighbourhood their size allows.
    let margin = BUFFER / f64::from(EXTENT) / scale;
    let (tu0, tv0) = (
        f64::from(t.x) / scale - margin,
        f64::from(t.y) / scale - margin,
    );
    let (tu1, tv1) = (
        f64::from(t.x + 1) / scale + margin,
        f64::from(t.y + 1) / scale + margin,
    );
    for b in 0..=usize::from(t.z).min(DOTS - 1) {
        let ranges: Vec<std::ops::Range<usize>> = if b == 0 {
            std::iter::once(index.starts[0]..index.starts[1]).collect()
        } else {
            // Half a site of bucket b is under MIN_POLYGON_PX · 2^(z−b) pixels:
            // look that far round the tile, in tiles of an ancestor zoom.
            let d = (i32::from(t.z) - b as i32 - 7).max(0) as u8;
            let za = t.z - d;
            let (ax, ay) = (i64::from(t.x >> d), i64::from(t.y >> d));
            let n = 1i64 << za;
            let mut v = Vec::with_capacity(9);
            for ny in (ay - 1).max(0)..=(ay + 1).min(n - 1) {
                for nx in (ax - 1).max(0)..=(ax + 1).min(n - 1) {
                    let (lo, hi) = TileId {
                        z: za,
                        x: nx as u32,
                        y: ny as u32,
                    }
                    .key_range();
                    v.push(index.range(b, lo, hi));
                }
            }
            v
        };
        for r in ranges {
            for &s in &index.sites[r] {
                let i = s as usize;
                let Some(bx) = unit_box(layer, index.local, i) else {
                    continue;
                };
                if bx[2] < tu0 || bx[0] > tu1 || bx[3] < tv0 || bx[1] > tv1 {
                    continue;
                }
                let Some(geom) = polygon(layer, index.local, i, &to_tile).map_err(encode_err)?
                else {
                    continue;
                };
                out = add_feature(out, geom, (layer, &namer), colours, i, false);
                count += 1;
            }
        }
    }

    // Dots: every smaller site whose centre is in the tile; thinned when zoomed out.
    let (lo, hi) = t.key_range();
    let dot_ranges: Vec<std::ops::Range<usize>> = ((usize::from(t.z) + 1).min(DOTS)..BUCKETS)
        .map(|b| index.range(b, lo, hi))
        .collect();
    let thin = t.z < THIN_BELOW_ZOOM
        && dot_ranges.iter().map(|r| r.len()).sum::<usize>() > THIN_ABOVE_DOTS;
    let cell_shift = 64 - 2 * (u32::from(t.z) + CELL_BITS);
    let mut best: Vec<u32> = if thin {
        vec![u32::MAX; 1 << (2 * CELL_BITS)]
    } else {
        Vec::new()
    };
    let better = |a: usize, b: usize| {
        let key = |i: usize| (!colours.knocked_out(i), colours.score(i));
        match key(a).partial_cmp(&key(b)) {
            Some(std::cmp::Ordering::Greater) => true,
            Some(std::cmp::Ordering::Less) => false,
            _ => a < b,
        }
    };
    let mut dots: Vec<u32> = Vec::new();
    for r in dot_ranges {
        for p in r {
            let s = index.sites[p];
            if thin {
                let cell = ((index.keys[p] >> cell_shift) & ((1 << (2 * CELL_BITS)) - 1)) as usize;
                let old = best[cell];
                if old == u32::MAX || better(s as usize, old as usize) {
                    best[cell] = s;
                }
            } else {
                dots.push(s);
            }
        }
    }
    if thin {
        dots.extend(best.into_iter().filter(|s| *s != u32::MAX));
    }
    for s in dots {
        let i = s as usize;
        let Some(bx) = unit_box(layer, index.local, i) else {
            continue;
        };
        let (x, y) = to_tile((bx[0] + bx[2]) / 2.0, (bx[1] + bx[3]) / 2.0);
        let geom = GeomEncoder::new(GeomType::Point)
            .point(x, y)
            .and_then(|g| g.encode())
            .map_err(encode_err)?;
        out = add_feature(
            out,
            geom,
            (layer, &namer),
            colours,
            i,
            !layer.geom.kind(i).is_areal(),
        );
        count += 1;
    }
    if count == 0 {
        return Ok(Vec::new());
    }
    let mut tile = tile;
    tile.add_layer(out).map_err(encode_err)?;
    tile.to_bytes().map_err(encode_err)
}

/// One site in the tile: its index, full id, the name the tooltip shows, score
/// and knock-out.
fn add_feature(
    layer_out: mvt::Layer,
    geom: mvt::GeomData,
    (layer, namer): (&Layer, &SiteNamer<'_>),
    colours: &impl SiteColours,
    i: usize,
    own_point: bool,
) -> mvt::Layer {
    let mut f = layer_out.into_feature(geom);
    f.set_id(i as u64);
    f.add_tag_uint("site_index", i as u64);
    f.add_tag_string("id", &layer.label(i));
    f.add_tag_string("name", &namer.name(i));
    f.add_tag_double("score", (f64::from(colours.score(i)) * 10.0).round() / 10.0);
    f.add_tag_bool("knockout", colours.knocked_out(i));
    if own_point {
        f.add_tag_bool("pt", true);
    }
    f.into_layer()
}

/// Site `i`'s rings in tile units, outer rings clockwise on screen and holes
/// counter-clockwise as the MVT specification wants, clipped to the tile and
/// its buffer; `None` when every ring collapses at this zoom.
fn polygon(
    layer: &Layer,
    local: bool,
    i: usize,
    to_tile: &impl Fn(f64, f64) -> (f64, f64),
) -> Result<Option<mvt::GeomData>, mvt::Error> {
    let lo = -BUFFER;
    let hi = f64::from(EXTENT) + BUFFER;
    let mut enc = GeomEncoder::new(GeomType::Polygon).bbox(pointy::BBox::new([(lo, lo), (hi, hi)]));
    let mut ring: Vec<(f64, f64)> = Vec::new();
    let mut rings = 0;
    let mut outer_kept = false;
    for (outer, coords) in layer.geom.polygon_rings(i) {
        if !outer && !outer_kept {
            continue;
        }
        ring.clear();
        for c in coords {
            let (u, v) = if local {
                wgs84_to_mercator_unit(c.x, c.y)
            } else {
                match rd_to_mercator_unit(c.x, c.y) {
                    Some(p) => p,
                    None => continue,
                }
            };
            ring.push(to_tile(u, v));
        }
        if ring.len() > 1 && ring.first() == ring.last() {
            ring.pop();
        }
        // Shoelace in tile units (y down): positive is clockwise on screen.
        let area2: f64 = (0..ring.len())
            .map(|k| {
                let (a, b) = (ring[k], ring[(k + 1) % ring.len()]);
                a.0 * b.1 - b.0 * a.1
            })
            .sum();
        // The site's box reached the tile, its ring may not (the box is of RD
        // corners): a ring wholly outside would clip to a line along the edge.
        let outside = ring.iter().all(|p| p.0 < lo)
            || ring.iter().all(|p| p.0 > hi)
            || ring.iter().all(|p| p.1 < lo)
            || ring.iter().all(|p| p.1 > hi);
        if ring.len() < 3 || area2.abs() < 2.0 || outside {
            if outer {
                outer_kept = false;
            }
            continue;
        }
        if outer {
            outer_kept = true;
        }
        if (area2 > 0.0) != outer {
            ring.reverse();
        }
        for &(x, y) in &ring {
            enc.add_point(x, y)?;
        }
        enc.complete_geom()?;
        rings += 1;
    }
    if rings == 0 {
        return Ok(None);
    }
    enc.encode().map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_keys_nest() {
        // A position's key starts with the key of every tile that holds it.
        let (u, v) = (0.514_226_1_f64, 0.329_901_4_f64);
        let q = |t: f64| (t * 4_294_967_295.0) as u32;
        let key = interleave(q(u), q(v));
        for z in 1..=MAX_ZOOM {
            let n = f64::from(1u32 << z);
            let t = TileId::new(u32::from(z), (u * n) as u32, (v * n) as u32).expect("valid");
            let (lo, hi) = t.key_range();
            assert!(lo <= key && key <= hi, "zoom {z}");
        }
        assert!(TileId::new(3, 8, 0).is_err());
        assert!(TileId::new(17, 0, 0).is_err());
    }
}
