//! Exact overlap areas between many small sites and the polygons of another
//! layer (panden, Natura 2000, zoning), fast enough for a million sites.
//!
//! General polygon intersection (`geo::BooleanOps`) costs tens of microseconds a
//! pair and grows with the size of the large polygon. Here each site is cut into
//! convex pieces (itself when convex, else ear-clipped triangles merged into
//! convex polygons) and every ring of the other layer is clipped by each piece
//! with Sutherland–Hodgman. Clipping a ring of any shape by a convex polygon
//! keeps its winding number inside the clip, so the shoelace area of the clipped
//! ring is exactly the ring's signed area within the piece; exteriors add, holes
//! subtract. Rings with many vertices (a Natura 2000 area has tens of thousands)
//! are split once, per layer, into quadtree tiles of at most [`MAX_PIECE`]
//! vertices the same way, so a site only ever meets the few tiles it touches,
//! found through a [`BoxGrid`]. A site the triangulation cannot cover exactly (a
//! self-intersecting ring) falls back to `geo`'s boolean ops.

use crate::box_grid::BoxGrid;
use geo::{Area, BooleanOps, Coord, Polygon, Rect};
use rayon::iter::Either;
use rayon::prelude::*;

use locatiescout_model::geometry::coords_bbox as bbox_of;
use locatiescout_model::layer::Layer;

/// Rings with more vertices are tiled; a tile this size clips in well under a microsecond.
pub const MAX_PIECE: usize = 32;
/// Deepest quadtree split of one ring (4^12 tiles at most, far beyond any real ring).
const MAX_DEPTH: u32 = 12;

/// One ring, or one tile of a large ring, of a feature of the indexed layer.
struct Piece {
    feature: u32,
    /// In the index's own buffer (a tile) rather than the layer's coordinates.
    own: bool,
    start: u32,
    end: u32,
    /// +1 or −1: exterior or hole, times the ring's own orientation.
    sign: f64,
    bbox: Rect<f64>,
    /// The piece's own signed area: what a clip that contains it would give.
    area: f64,
}

/// A ring too large for one piece: its feature, sign and tiles.
type TiledRing = (u32, f64, Vec<Vec<Coord<f64>>>);

/// The polygons of a layer (or of the features that pass a filter), ready for
/// exact overlap queries.
pub struct AreaIndex<'l> {
    /// The layer's own coordinates: untiled rings are read in place.
    layer: &'l [Coord<f64>],
    /// Tiles of large rings.
    own: Vec<Coord<f64>>,
    pieces: Vec<Piece>,
    grid: BoxGrid,
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

impl<'l> AreaIndex<'l> {
    /// Indexes the polygonal features of `layer` for which `keep` holds; points
    /// and lines are left out (see [`AreaIndex::features`]).
    pub fn build(layer: &'l Layer, keep: impl Fn(usize) -> bool + Sync) -> AreaIndex<'l> {
        let all = layer.geom.raw().coords;
        let wanted = |i: &usize| keep(*i) && layer.geom.kind(*i).is_areal();
        // Rings are read where they are; only a ring too large for one piece
        // is tiled into the index's own buffer.
        // One pass over the rings: a small ring becomes a piece read in place,
        // a large one its tiles.
        let (mut pieces, tiled): (Vec<Piece>, Vec<TiledRing>) = (0..layer.len())
            .into_par_iter()
            .filter(wanted)
            .flat_map_iter(|i| {
                layer
                    .geom
                    .polygon_ring_ranges(i)
                    .filter_map(move |(outer, r)| {
                        let ring = open(&all[r.clone()]);
                        let area = signed_area(ring);
                        let bbox = bbox_of(ring)?;
                        if area == 0.0 {
                            return None;
                        }
                        let sign = if outer { 1.0 } else { -1.0 } * area.signum();
                        if ring.len() > MAX_PIECE {
                            let mut tiles = Vec::new();
                            tile(ring, bbox, 0, &mut tiles);
                            return Some(Either::Right((i as u32, sign, tiles)));
                        }
                        Some(Either::Left(Piece {
                            feature: i as u32,
                            own: false,
                            start: r.start as u32,
                            end: (r.start + ring.len()) as u32,
                            sign,
                            bbox,
                            area,
                        }))
                    })
            })
            .partition_map(|e| e);
        let mut own = Vec::new();
        for (feature, sign, tiles) in tiled {
            for t in tiles {
                let Some(bbox) = bbox_of(&t) else { continue };
                let start = own.len() as u32;
                own.extend_from_slice(&t);
                pieces.push(Piece {
                    feature,
                    own: true,
                    start,
                    end: own.len() as u32,
                    sign,
                    bbox,
                    area: signed_area(&t),
                });
            }
        }
        let mut seen = vec![false; layer.len()];
        for p in &pieces {
            seen[p.feature as usize] = true;
        }
        let features = seen.iter().filter(|s| **s).count();
        let boxes = pieces.par_iter().map(|p| p.bbox).collect();
        AreaIndex {
            layer: all,
            own,
            pieces,
            grid: BoxGrid::build(boxes),
            features,
        }
    }

    fn ring(&self, p: &Piece) -> &[Coord<f64>] {
        let (s, e) = (p.start as usize, p.end as usize);
        if p.own {
            &self.own[s..e]
        } else {
            &self.layer[s..e]
        }
    }

    /// Overlap in m² of site `i` of `sites` with each indexed feature it
    /// touches (more than `min_m2`), largest first, ties by feature number.
    pub fn overlaps(&self, sites: &Layer, i: usize, min_m2: f64) -> Vec<(u32, f64)> {
        let Some(bbox) = sites.bbox(i) else {
            return Vec::new();
        };
        SCRATCH.with_borrow_mut(|sc| {
            let Scratch {
                candidates,
                clips,
                out,
                tmp,
                idx,
            } = sc;
            candidates.clear();
            self.grid.for_each(bbox, |p| candidates.push(p));
            if candidates.is_empty() {
                return Vec::new();
            }
            let mut sums: Vec<(u32, f64)> = Vec::new();
            if clips.fill(sites, i, idx) {
                for &p in candidates.iter() {
                    let piece = &self.pieces[p as usize];
                    let ring = self.ring(piece);
                    let mut a = 0.0;
                    for (clip, cb) in clips.iter() {
                        if !overlaps_rect(cb, piece.bbox) {
                            continue;
                        }
                        a += match relation(ring, clip) {
                            Relation::Inside => piece.area,
                            Relation::Outside => 0.0,
                            Relation::Crossing => {
                                clip_convex(ring, clip, out, tmp);
                                signed_area(out)
                            }
                        };
                    }
                    add(&mut sums, piece.feature, piece.sign * a);
                }
            } else {
                // Self-intersecting or degenerate site: exact boolean ops, piece by piece.
                let Some(site) = sites.geom.multi_polygon(i) else {
                    return Vec::new();
                };
                for &p in candidates.iter() {
                    let piece = &self.pieces[p as usize];
                    let ring = self.ring(piece);
                    let region = Polygon::new(geo::LineString::new(ring.to_vec()), vec![]);
                    let a = site.intersection(&region).unsigned_area();
                    add(
                        &mut sums,
                        piece.feature,
                        piece.sign * piece.area.signum() * a,
                    );
                }
            }
            sums.retain(|(_, a)| *a > min_m2);
            sums.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            sums
        })
    }
}

/// Where a ring lies against a convex counter-clockwise clip.
enum Relation {
    Inside,
    Outside,
    Crossing,
}

/// Inside when every vertex is inside every edge (the ring is then within the
/// convex clip); outside when all vertices lie beyond one edge; else crossing.
/// Cheaper than clipping, which is only needed for the crossing case.
fn relation(ring: &[Coord<f64>], clip: &[Coord<f64>]) -> Relation {
    let m = clip.len();
    let mut inside = true;
    for k in 0..m {
        let (a, b) = (clip[k], clip[(k + 1) % m]);
        let mut any_in = false;
        let mut all_in = true;
        for &p in ring {
            if cross(a, b, p) >= 0.0 {
                any_in = true;
            } else {
                all_in = false;
            }
        }
        if !any_in {
            return Relation::Outside;
        }
        inside &= all_in;
    }
    if inside {
        Relation::Inside
    } else {
        Relation::Crossing
    }
}

/// Buffers one thread reuses for every site: a million sites allocate nothing.
#[derive(Default)]
struct Scratch {
    candidates: Vec<u32>,
    clips: ConvexPieces,
    out: Vec<Coord<f64>>,
    tmp: Vec<Coord<f64>>,
    idx: Vec<usize>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Rings with at most this many vertices are ear-clipped here; larger ones
/// and rings with holes go to `earcutr`.
const EAR_CLIP_MAX: usize = 32;

/// A site cut into convex counter-clockwise pieces, in one buffer.
#[derive(Default)]
struct ConvexPieces {
    coords: Vec<Coord<f64>>,
    pieces: Vec<(usize, usize, Rect<f64>)>,
    /// Scratch of the ear clipping: triangles, then convex polygons (vertex
    /// numbers) they merge into.
    tris: Vec<[usize; 3]>,
    polys: Vec<Vec<usize>>,
}

impl ConvexPieces {
    fn iter(&self) -> impl Iterator<Item = (&[Coord<f64>], Rect<f64>)> + '_ {
        self.pieces.iter().map(|&(s, e, b)| (&self.coords[s..e], b))
    }

    fn push(&mut self, ring: impl Iterator<Item = Coord<f64>>) {
        let start = self.coords.len();
        self.coords.extend(ring);
        let piece = &mut self.coords[start..];
        if signed_area(piece) < 0.0 {
            piece.reverse();
        }
        if let Some(b) = bbox_of(piece) {
            self.pieces.push((start, self.coords.len(), b));
        }
    }

    /// Site `i` as convex pieces: each hole-free convex part as it is, any
    /// other part cut into triangles. False when the triangles do not add up
    /// to the part's area (an invalid ring).
    fn fill(&mut self, sites: &Layer, i: usize, idx: &mut Vec<usize>) -> bool {
        self.coords.clear();
        self.pieces.clear();
        let mut rings = sites
            .geom
            .polygon_rings(i)
            .map(|(outer, r)| (outer, open(r)))
            .peekable();
        while let Some((_, outer)) = rings.next() {
            let mut holes: Vec<&[Coord<f64>]> = Vec::new();
            while let Some((false, h)) = rings.peek() {
                holes.push(h);
                rings.next();
            }
            if !self.add_part(outer, &holes, idx) {
                return false;
            }
        }
        true
    }

    /// [`ConvexPieces::fill`] over rings given as (outer, open ring), for tests.
    #[cfg(test)]
    fn from_rings(rings: &[(bool, &[Coord<f64>])]) -> Option<ConvexPieces> {
        let mut out = ConvexPieces::default();
        let mut idx = Vec::new();
        let mut k = 0;
        while k < rings.len() {
            let end = rings[k + 1..]
                .iter()
                .position(|(outer, _)| *outer)
                .map_or(rings.len(), |p| k + 1 + p);
            let holes: Vec<&[Coord<f64>]> = rings[k + 1..end].iter().map(|(_, r)| *r).collect();
            if !out.add_part(rings[k].1, &holes, &mut idx) {
                return None;
            }
            k = end;
        }
        Some(out)
    }

    fn add_part(
        &mut self,
        outer: &[Coord<f64>],
        holes: &[&[Coord<f64>]],
        idx: &mut Vec<usize>,
    ) -> bool {
        if holes.is_empty() && is_convex(outer) {
            self.push(outer.iter().copied());
            return true;
        }
        let want =
            signed_area(outer).abs() - holes.iter().map(|h| signed_area(h).abs()).sum::<f64>();
        let before = self.pieces.len();
        let cut = if holes.is_empty() && outer.len() <= EAR_CLIP_MAX {
            self.ear_clip(outer, idx)
        } else {
            self.earcut(outer, holes)
        };
        if !cut {
            return false;
        }
        let got: f64 = self.pieces[before..]
            .iter()
            .map(|&(s, e, _)| signed_area(&self.coords[s..e]))
            .sum();
        (got - want).abs() <= 1e-6 * want.abs().max(1.0)
    }

    /// Ear clipping of a simple ring without holes, the triangles merged into
    /// convex polygons where the union stays convex (Hertel–Mehlhorn, greedy):
    /// a nearly convex parcel becomes two or three pieces instead of eight
    /// triangles, and every piece is one clip less. False when no ear is left
    /// to cut (a ring crossing itself).
    fn ear_clip(&mut self, ring: &[Coord<f64>], idx: &mut Vec<usize>) -> bool {
        idx.clear();
        idx.extend(0..ring.len());
        if signed_area(ring) < 0.0 {
            idx.reverse();
        }
        self.tris.clear();
        while idx.len() > 3 {
            let n = idx.len();
            let mut cut = None;
            for k in 0..n {
                let (ia, ib, ic) = (idx[(k + n - 1) % n], idx[k], idx[(k + 1) % n]);
                let (a, b, c) = (ring[ia], ring[ib], ring[ic]);
                let turn = cross(a, b, c);
                if turn == 0.0 {
                    // A straight or doubled-back vertex: dropping it changes no area.
                    cut = Some((k, None));
                    break;
                }
                if turn < 0.0 {
                    continue;
                }
                let blocked = idx.iter().any(|&j| {
                    let p = ring[j];
                    p != a
                        && p != b
                        && p != c
                        && cross(a, b, p) >= 0.0
                        && cross(b, c, p) >= 0.0
                        && cross(c, a, p) >= 0.0
                });
                if !blocked {
                    cut = Some((k, Some([ia, ib, ic])));
                    break;
                }
            }
            match cut {
                Some((k, tri)) => {
                    if let Some(t) = tri {
                        self.tris.push(t);
                    }
                    idx.remove(k);
                }
                None => return false,
            }
        }
        if let [a, b, c] = idx[..] {
            let turn = cross(ring[a], ring[b], ring[c]);
            if turn < 0.0 {
                // The last triangle turns the wrong way: the ring crosses itself.
                return false;
            }
            if turn > 0.0 {
                self.tris.push([a, b, c]);
            }
        }
        self.merge(ring);
        true
    }

    /// Greedy merge of the triangles (counter-clockwise vertex numbers) into
    /// convex polygons, then pushed as pieces.
    fn merge(&mut self, ring: &[Coord<f64>]) {
        let mut used = 0;
        for t in std::mem::take(&mut self.tris) {
            let mut merged = false;
            for p in self.polys[..used].iter_mut() {
                if try_merge(p, t, ring) {
                    merged = true;
                    break;
                }
            }
            if !merged {
                if used == self.polys.len() {
                    self.polys.push(Vec::new());
                }
                let p = &mut self.polys[used];
                p.clear();
                p.extend_from_slice(&t);
                used += 1;
            }
        }
        for k in 0..used {
            let start = self.coords.len();
            self.coords.extend(self.polys[k].iter().map(|&v| ring[v]));
            if let Some(b) = bbox_of(&self.coords[start..]) {
                self.pieces.push((start, self.coords.len(), b));
            }
        }
    }
    /// `earcutr` (the triangulation `geo` uses) for large rings and rings with holes.
    fn earcut(&mut self, outer: &[Coord<f64>], holes: &[&[Coord<f64>]]) -> bool {
        let mut flat: Vec<f64> = outer.iter().flat_map(|c| [c.x, c.y]).collect();
        let mut starts = Vec::with_capacity(holes.len());
        for h in holes {
            starts.push(flat.len() / 2);
            flat.extend(h.iter().flat_map(|c| [c.x, c.y]));
        }
        let Ok(tris) = earcutr::earcut(&flat, &starts, 2) else {
            return false;
        };
        let at = |v: usize| Coord {
            x: flat[2 * v],
            y: flat[2 * v + 1],
        };
        for t in tris.chunks_exact(3) {
            self.push([at(t[0]), at(t[1]), at(t[2])].into_iter());
        }
        true
    }
}

/// Adds triangle `t` to the convex polygon `p` (both counter-clockwise vertex
/// numbers of `ring`) when they share an edge and the union stays convex.
fn try_merge(p: &mut Vec<usize>, t: [usize; 3], ring: &[Coord<f64>]) -> bool {
    let n = p.len();
    for e in 0..3 {
        // The triangle's edge x→y and its third vertex v; p must hold y→x.
        let (x, y, v) = (t[e], t[(e + 1) % 3], t[(e + 2) % 3]);
        for k in 0..n {
            if p[k] != y || p[(k + 1) % n] != x {
                continue;
            }
            let before = ring[p[(k + n - 1) % n]];
            let after = ring[p[(k + 2) % n]];
            let (py, pv, px) = (ring[y], ring[v], ring[x]);
            if cross(before, py, pv) >= 0.0
                && cross(py, pv, px) >= 0.0
                && cross(pv, px, after) >= 0.0
            {
                p.insert(k + 1, v);
                return true;
            }
            return false;
        }
    }
    false
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
        let rings: Vec<(bool, &[Coord<f64>])> = std::iter::once(p.exterior())
            .chain(p.interiors())
            .enumerate()
            .map(|(j, r)| (j == 0, open(&r.0)))
            .collect();
        let pieces = ConvexPieces::from_rings(&rings).unwrap();
        let got: f64 = pieces.iter().map(|(r, _)| signed_area(r)).sum();
        assert!((got - want).abs() < 1e-9);
        assert!(pieces.iter().all(|(r, _)| signed_area(r) > 0.0));
        // A ring crossing itself does not add up: the caller falls back to geo.
        let bow = [
            Coord { x: 0.0, y: 0.0 },
            Coord { x: 10.0, y: 10.0 },
            Coord { x: 10.0, y: 0.0 },
            Coord { x: 0.0, y: 10.0 },
        ];
        assert!(ConvexPieces::from_rings(&[(true, &bow[..])]).is_none());
    }
}
