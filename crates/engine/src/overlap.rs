//! Exact overlap areas between many small sites and the polygons of another
//! layer (panden, Natura 2000, zoning), fast enough for a million sites.
//!
//! General polygon intersection (`geo::BooleanOps`) costs tens of microseconds a
//! pair and grows with the size of the large polygon. Here each site is cut into
//! convex pieces (itself when convex, else an ear-cut triangulation) and every
//! ring of the other layer is clipped by each piece with Sutherland–Hodgman.
//! Clipping a ring of any shape by a convex polygon keeps its winding number
//! inside the clip, so the shoelace area of the clipped ring is exactly the
//! ring's signed area within the piece; exteriors add, holes subtract. Rings with
//! many vertices (a Natura 2000 area has tens of thousands) are split once, per
//! layer, into quadtree tiles of at most [`MAX_PIECE`] vertices the same way, so a
//! site only ever meets the few tiles it touches. A site the triangulation cannot
//! cover exactly (a self-intersecting ring) falls back to `geo`'s boolean ops.

use geo::{Area, BooleanOps, Coord, MultiPolygon, Polygon, Rect, TriangulateEarcut};
use rayon::prelude::*;
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};

use locatiescout_model::layer::Layer;

/// Rings with more vertices are tiled; a tile this size clips in well under a microsecond.
pub const MAX_PIECE: usize = 64;
/// Deepest quadtree split of one ring (4^12 tiles at most, far beyond any real ring).
const MAX_DEPTH: u32 = 12;

type Entry = GeomWithData<Rectangle<[f64; 2]>, u32>;

/// One ring, or one tile of a large ring, of a feature of the indexed layer.
struct Piece {
    feature: u32,
    start: u32,
    end: u32,
    /// +1 or −1: exterior or hole, times the ring's own orientation.
    sign: f64,
    bbox: Rect<f64>,
}

/// The polygons of a layer (or of the features that pass a filter), ready for
/// exact overlap queries.
pub struct AreaIndex {
    coords: Vec<Coord<f64>>,
    pieces: Vec<Piece>,
    tree: RTree<Entry>,
    /// Features indexed, for a fallback with `geo` and for "no polygons" messages.
    pub features: usize,
}

fn signed_area(ring: &[Coord<f64>]) -> f64 {
    let n = ring.len();
    if n < 3 {
        return 0.0;
    }
    let mut s = 0.0;
    for k in 0..n {
        let (a, b) = (ring[k], ring[(k + 1) % n]);
        s += a.x * b.y - b.x * a.y;
    }
    s / 2.0
}

/// The ring without its closing coordinate.
fn open(ring: &[Coord<f64>]) -> &[Coord<f64>] {
    match ring {
        [first, .., last] if first == last => &ring[..ring.len() - 1],
        _ => ring,
    }
}

fn cross(o: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
}

/// Sutherland–Hodgman: `subject` (any ring, open) clipped by the convex,
/// counter-clockwise `clip` (open) into `out`; `tmp` is scratch space.
fn clip_convex(
    subject: &[Coord<f64>],
    clip: &[Coord<f64>],
    out: &mut Vec<Coord<f64>>,
    tmp: &mut Vec<Coord<f64>>,
) {
    out.clear();
    out.extend_from_slice(subject);
    let m = clip.len();
    for k in 0..m {
        if out.is_empty() {
            return;
        }
        let (a, b) = (clip[k], clip[(k + 1) % m]);
        std::mem::swap(out, tmp);
        out.clear();
        let n = tmp.len();
        let mut s = tmp[n - 1];
        let mut ds = cross(a, b, s);
        for &e in tmp.iter() {
            let de = cross(a, b, e);
            if de >= 0.0 {
                if ds < 0.0 {
                    out.push(intersect(s, e, ds, de));
                }
                out.push(e);
            } else if ds >= 0.0 {
                out.push(intersect(s, e, ds, de));
            }
            s = e;
            ds = de;
        }
    }
}

fn intersect(s: Coord<f64>, e: Coord<f64>, ds: f64, de: f64) -> Coord<f64> {
    let t = ds / (ds - de);
    Coord {
        x: s.x + (e.x - s.x) * t,
        y: s.y + (e.y - s.y) * t,
    }
}

fn rect_ring(r: Rect<f64>) -> [Coord<f64>; 4] {
    let (lo, hi) = (r.min(), r.max());
    [
        lo,
        Coord { x: hi.x, y: lo.y },
        hi,
        Coord { x: lo.x, y: hi.y },
    ]
}

fn bbox_of(ring: &[Coord<f64>]) -> Option<Rect<f64>> {
    let first = *ring.first()?;
    let (mut lo, mut hi) = (first, first);
    for c in ring {
        lo.x = lo.x.min(c.x);
        lo.y = lo.y.min(c.y);
        hi.x = hi.x.max(c.x);
        hi.y = hi.y.max(c.y);
    }
    Some(Rect::new(lo, hi))
}

fn aabb(r: Rect<f64>) -> AABB<[f64; 2]> {
    AABB::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y])
}

/// Splits `ring` into quadtree tiles of at most [`MAX_PIECE`] vertices.
fn tile(ring: &[Coord<f64>], bbox: Rect<f64>, depth: u32, out: &mut Vec<Vec<Coord<f64>>>) {
    if ring.len() <= MAX_PIECE || depth >= MAX_DEPTH {
        out.push(ring.to_vec());
        return;
    }
    let c = bbox.center();
    let (lo, hi) = (bbox.min(), bbox.max());
    let quads = [
        Rect::new(lo, c),
        Rect::new(Coord { x: c.x, y: lo.y }, Coord { x: hi.x, y: c.y }),
        Rect::new(c, hi),
        Rect::new(Coord { x: lo.x, y: c.y }, Coord { x: c.x, y: hi.y }),
    ];
    let (mut clipped, mut tmp) = (Vec::new(), Vec::new());
    for q in quads {
        clip_convex(ring, &rect_ring(q), &mut clipped, &mut tmp);
        if clipped.len() >= 3 {
            let piece = std::mem::take(&mut clipped);
            tile(&piece, q, depth + 1, out);
        }
    }
}

impl AreaIndex {
    /// Indexes the polygonal features of `layer` for which `keep` holds; points
    /// and lines are left out (see [`AreaIndex::features`]).
    pub fn build(layer: &Layer, keep: impl Fn(usize) -> bool + Sync) -> AreaIndex {
        type Tiles = (u32, f64, Vec<Vec<Coord<f64>>>);
        let per_feature: Vec<Vec<Tiles>> = (0..layer.len())
            .into_par_iter()
            .filter(|&i| keep(i) && layer.geom.kind(i).is_areal())
            .map(|i| {
                let Some(mp) = layer.geom.multi_polygon(i) else {
                    return Vec::new();
                };
                let mut rings = Vec::new();
                for poly in &mp.0 {
                    let all = std::iter::once(poly.exterior()).chain(poly.interiors());
                    for (r, ring) in all.enumerate() {
                        let ring = open(&ring.0);
                        let a = signed_area(ring);
                        let Some(bbox) = bbox_of(ring) else { continue };
                        if a == 0.0 {
                            continue;
                        }
                        let role = if r == 0 { 1.0 } else { -1.0 };
                        let mut tiles = Vec::new();
                        tile(ring, bbox, 0, &mut tiles);
                        rings.push((i as u32, role * a.signum(), tiles));
                    }
                }
                rings
            })
            .collect();
        let features = per_feature.iter().filter(|r| !r.is_empty()).count();
        let mut coords = Vec::new();
        let mut pieces = Vec::new();
        let mut entries = Vec::new();
        for (feature, sign, tiles) in per_feature.into_iter().flatten() {
            for t in tiles {
                let Some(bbox) = bbox_of(&t) else { continue };
                let start = coords.len() as u32;
                coords.extend_from_slice(&t);
                entries.push(GeomWithData::new(
                    Rectangle::from_aabb(aabb(bbox)),
                    pieces.len() as u32,
                ));
                pieces.push(Piece {
                    feature,
                    start,
                    end: coords.len() as u32,
                    sign,
                    bbox,
                });
            }
        }
        AreaIndex {
            coords,
            pieces,
            tree: RTree::bulk_load(entries),
            features,
        }
    }

    /// Overlap in m² of site `i` of `sites` with each indexed feature it
    /// touches (more than `min_m2`), largest first, ties by feature number.
    pub fn overlaps(&self, sites: &Layer, i: usize, min_m2: f64) -> Vec<(u32, f64)> {
        let Some(bbox) = sites.bbox(i) else {
            return Vec::new();
        };
        let candidates: Vec<u32> = self
            .tree
            .locate_in_envelope_intersecting(&aabb(bbox))
            .map(|e| e.data)
            .collect();
        if candidates.is_empty() {
            return Vec::new();
        }
        let Some(site) = sites.geom.multi_polygon(i) else {
            return Vec::new();
        };
        let mut sums: Vec<(u32, f64)> = Vec::new();
        match convex_pieces(&site) {
            Some(clips) => {
                let (mut out, mut tmp) = (Vec::new(), Vec::new());
                for &p in &candidates {
                    let piece = &self.pieces[p as usize];
                    let ring = &self.coords[piece.start as usize..piece.end as usize];
                    let mut a = 0.0;
                    for (clip, cb) in &clips {
                        if !overlaps_rect(*cb, piece.bbox) {
                            continue;
                        }
                        clip_convex(ring, clip, &mut out, &mut tmp);
                        a += signed_area(&out);
                    }
                    add(&mut sums, piece.feature, piece.sign * a);
                }
            }
            None => {
                // Self-intersecting or degenerate site: exact boolean ops, piece by piece.
                for &p in &candidates {
                    let piece = &self.pieces[p as usize];
                    let ring = &self.coords[piece.start as usize..piece.end as usize];
                    let region = Polygon::new(geo::LineString::new(ring.to_vec()), vec![]);
                    let a = site.intersection(&region).unsigned_area();
                    add(
                        &mut sums,
                        piece.feature,
                        piece.sign * signed_area(ring).signum() * a,
                    );
                }
            }
        }
        sums.retain(|(_, a)| *a > min_m2);
        sums.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        sums
    }
}

fn overlaps_rect(a: Rect<f64>, b: Rect<f64>) -> bool {
    a.min().x <= b.max().x
        && b.min().x <= a.max().x
        && a.min().y <= b.max().y
        && b.min().y <= a.max().y
}

fn add(sums: &mut Vec<(u32, f64)>, f: u32, a: f64) {
    match sums.iter_mut().find(|(g, _)| *g == f) {
        Some(s) => s.1 += a,
        None => sums.push((f, a)),
    }
}

/// Whether the open ring turns one way only (collinear points allowed).
fn is_convex(ring: &[Coord<f64>]) -> bool {
    let n = ring.len();
    if n < 3 {
        return false;
    }
    let (mut pos, mut neg) = (false, false);
    for k in 0..n {
        let c = cross(ring[k], ring[(k + 1) % n], ring[(k + 2) % n]);
        pos |= c > 0.0;
        neg |= c < 0.0;
        if pos && neg {
            return false;
        }
    }
    true
}

/// The site as convex counter-clockwise pieces with their bounding boxes: each
/// hole-free convex part as it is, any other part ear-cut into triangles.
/// `None` when the triangles do not add up to the part's area (an invalid ring).
#[allow(clippy::type_complexity)]
fn convex_pieces(site: &MultiPolygon<f64>) -> Option<Vec<(Vec<Coord<f64>>, Rect<f64>)>> {
    let mut pieces = Vec::new();
    for poly in &site.0 {
        let ext = open(&poly.exterior().0);
        if poly.interiors().is_empty() && is_convex(ext) {
            let mut ring = ext.to_vec();
            if signed_area(&ring) < 0.0 {
                ring.reverse();
            }
            if let Some(b) = bbox_of(&ring) {
                pieces.push((ring, b));
            }
            continue;
        }
        let want = poly.unsigned_area();
        let mut got = 0.0;
        for t in poly.earcut_triangles() {
            let mut ring = vec![t.v1(), t.v2(), t.v3()];
            let a = signed_area(&ring);
            if a < 0.0 {
                ring.reverse();
            }
            got += a.abs();
            if let Some(b) = bbox_of(&ring) {
                pieces.push((ring, b));
            }
        }
        if (got - want).abs() > 1e-6 * want.max(1.0) {
            return None;
        }
    }
    Some(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    #[test]
    fn clipping_a_concave_ring_by_a_square_keeps_its_area_inside() {
        // An L-shape of 3 unit squares, clipped by the square [0.5, 1.5]².
        let l = [
            Coord { x: 0.0, y: 0.0 },
            Coord { x: 2.0, y: 0.0 },
            Coord { x: 2.0, y: 1.0 },
            Coord { x: 1.0, y: 1.0 },
            Coord { x: 1.0, y: 2.0 },
            Coord { x: 0.0, y: 2.0 },
        ];
        let sq = rect_ring(Rect::new(
            Coord { x: 0.5, y: 0.5 },
            Coord { x: 1.5, y: 1.5 },
        ));
        let (mut out, mut tmp) = (Vec::new(), Vec::new());
        clip_convex(&l, &sq, &mut out, &mut tmp);
        assert!((signed_area(&out) - 0.75).abs() < 1e-12, "{out:?}");
        // Clockwise subject: the same area, negative.
        let mut cw = l.to_vec();
        cw.reverse();
        clip_convex(&cw, &sq, &mut out, &mut tmp);
        assert!((signed_area(&out) + 0.75).abs() < 1e-12);
    }

    #[test]
    fn a_tiled_ring_sums_to_its_area() {
        // A 400-gon star: tiles must add up to the ring's area.
        let ring: Vec<Coord<f64>> = (0..400)
            .map(|k| {
                let t = k as f64 / 400.0 * std::f64::consts::TAU;
                let r = if k % 2 == 0 { 100.0 } else { 60.0 };
                Coord {
                    x: r * t.cos(),
                    y: r * t.sin(),
                }
            })
            .collect();
        let mut tiles = Vec::new();
        tile(&ring, bbox_of(&ring).unwrap(), 0, &mut tiles);
        assert!(tiles.len() > 4 && tiles.iter().all(|t| t.len() <= MAX_PIECE + 8));
        let sum: f64 = tiles.iter().map(|t| signed_area(t)).sum();
        assert!((sum - signed_area(&ring)).abs() < 1e-6, "{sum}");
    }

    #[test]
    fn a_concave_site_with_a_hole_is_cut_into_pieces_of_its_area() {
        let p = polygon![
            exterior: [(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 10.0), (x: 5.0, y: 4.0), (x: 0.0, y: 10.0)],
            interiors: [[(x: 2.0, y: 1.0), (x: 3.0, y: 1.0), (x: 3.0, y: 2.0), (x: 2.0, y: 2.0)]],
        ];
        let want = p.unsigned_area();
        let pieces = convex_pieces(&MultiPolygon::new(vec![p])).unwrap();
        let got: f64 = pieces.iter().map(|(r, _)| signed_area(r)).sum();
        assert!((got - want).abs() < 1e-9);
        assert!(pieces.iter().all(|(r, _)| signed_area(r) > 0.0));
    }
}
