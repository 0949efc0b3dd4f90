//! Compact geometry storage: one flat coordinate array per layer with offset
//! arrays for rings, parts and features. A municipality's 150k parcels cost a
//! few allocations instead of a few per parcel; `geo` types are materialised on
//! demand for the algorithms (area, containment, distance, validity).

use geo::{
    Area, BoundingRect, Coord, Geometry, InteriorPoint, LineString, MultiLineString, MultiPoint,
    MultiPolygon, Point, Polygon, Rect, Validation,
};

/// The GeoJSON geometry type a feature was read as. Collections are stored by the
/// dimension of their parts (see the import report warning).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum GeomKind {
    Point,
    MultiPoint,
    LineString,
    MultiLineString,
    Polygon,
    MultiPolygon,
}

impl GeomKind {
    pub const ALL: [GeomKind; 6] = [
        GeomKind::Point,
        GeomKind::MultiPoint,
        GeomKind::LineString,
        GeomKind::MultiLineString,
        GeomKind::Polygon,
        GeomKind::MultiPolygon,
    ];

    /// Stable one-byte code for the project file.
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(c: u8) -> Option<GeomKind> {
        Self::ALL.get(c as usize).copied()
    }

    pub fn is_areal(self) -> bool {
        matches!(self, GeomKind::Polygon | GeomKind::MultiPolygon)
    }

    pub fn name(self) -> &'static str {
        match self {
            GeomKind::Point => "Point",
            GeomKind::MultiPoint => "MultiPoint",
            GeomKind::LineString => "LineString",
            GeomKind::MultiLineString => "MultiLineString",
            GeomKind::Polygon => "Polygon",
            GeomKind::MultiPolygon => "MultiPolygon",
        }
    }
}

/// Bounding box of a run of coordinates; `None` when there are none.
pub fn coords_bbox(cs: &[Coord<f64>]) -> Option<Rect<f64>> {
    let first = cs.first()?;
    let (mut min, mut max) = (*first, *first);
    for c in cs {
        min.x = min.x.min(c.x);
        min.y = min.y.min(c.y);
        max.x = max.x.max(c.x);
        max.y = max.y.max(c.y);
    }
    Some(Rect::new(min, max))
}

/// The rectangle around every shape's bounding box; `None` when none has one.
pub fn bounds_of<'a>(shapes: impl IntoIterator<Item = &'a MultiPolygon<f64>>) -> Option<Rect<f64>> {
    shapes
        .into_iter()
        .filter_map(|s| s.bounding_rect())
        .reduce(|a, b| {
            Rect::new(
                Coord {
                    x: a.min().x.min(b.min().x),
                    y: a.min().y.min(b.min().y),
                },
                Coord {
                    x: a.max().x.max(b.max().x),
                    y: a.max().y.max(b.max().y),
                },
            )
        })
}

/// One feature's geometry before it joins the layer store: coordinates are still
/// in the file's CRS. `ring_ends` index `coords`, `part_ends` index `ring_ends`.
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureGeometry {
    pub kind: GeomKind,
    pub coords: Vec<Coord<f64>>,
    pub ring_ends: Vec<u32>,
    pub part_ends: Vec<u32>,
}

/// Borrowed view of a store's arrays.
pub struct RawGeom<'a> {
    pub coords: &'a [Coord<f64>],
    pub ring_ends: &'a [u32],
    pub part_ends: &'a [u32],
    pub feature_ends: &'a [u32],
    pub kinds: &'a [GeomKind],
}

/// All geometries of a layer, in RD New metres once the import has finished.
#[derive(Debug, Default, Clone)]
pub struct GeomStore {
    coords: Vec<Coord<f64>>,
    ring_ends: Vec<u32>,
    part_ends: Vec<u32>,
    feature_ends: Vec<u32>,
    kinds: Vec<GeomKind>,
}

/// Too many coordinates for 32-bit offsets (about 4 billion): split the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("te veel coördinaten in één laag (meer dan 4 miljard); splits het bestand")]
pub struct StoreFull;

fn to_u32(n: usize) -> Result<u32, StoreFull> {
    u32::try_from(n).map_err(|_| StoreFull)
}

impl GeomStore {
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    pub fn kind(&self, i: usize) -> GeomKind {
        self.kinds[i]
    }

    /// Bytes held, for the memory budget in BENCHMARKS.md.
    pub fn heap_bytes(&self) -> usize {
        self.coords.len() * 16
            + (self.ring_ends.len() + self.part_ends.len() + self.feature_ends.len()) * 4
            + self.kinds.len()
    }

    /// Reserves room for about `coords` positions and `features` features.
    pub fn reserve(&mut self, coords: usize, features: usize) {
        self.coords.reserve(coords);
        self.ring_ends.reserve(features);
        self.part_ends.reserve(features);
        self.feature_ends.reserve(features);
        self.kinds.reserve(features);
    }

    pub fn push(&mut self, g: &FeatureGeometry) -> Result<(), StoreFull> {
        let c0 = to_u32(self.coords.len())?;
        let r0 = to_u32(self.ring_ends.len())?;
        to_u32(self.coords.len() + g.coords.len())?;
        self.coords.extend_from_slice(&g.coords);
        self.ring_ends.extend(g.ring_ends.iter().map(|e| e + c0));
        self.part_ends.extend(g.part_ends.iter().map(|e| e + r0));
        self.feature_ends.push(to_u32(self.part_ends.len())?);
        self.kinds.push(g.kind);
        Ok(())
    }

    /// The flat arrays as they are, for the project file (`project::codec`).
    pub fn raw(&self) -> RawGeom<'_> {
        RawGeom {
            coords: &self.coords,
            ring_ends: &self.ring_ends,
            part_ends: &self.part_ends,
            feature_ends: &self.feature_ends,
            kinds: &self.kinds,
        }
    }

    /// Rebuilds a store from its arrays, checking every offset so that a damaged
    /// file gives an error here instead of a panic later.
    pub fn from_raw(
        coords: Vec<Coord<f64>>,
        ring_ends: Vec<u32>,
        part_ends: Vec<u32>,
        feature_ends: Vec<u32>,
        kinds: Vec<GeomKind>,
    ) -> Result<GeomStore, String> {
        fn check(name: &str, ends: &[u32], below: usize, non_empty: bool) -> Result<(), String> {
            let mut prev = 0u32;
            for (i, &e) in ends.iter().enumerate() {
                if e < prev || (non_empty && e == prev) || e as usize > below {
                    return Err(format!("{name}[{i}] = {e} past {prev}/{below}"));
                }
                prev = e;
            }
            Ok(())
        }
        check("ring_ends", &ring_ends, coords.len(), false)?;
        // Every part has at least one ring (coords_of relies on it).
        check("part_ends", &part_ends, ring_ends.len(), true)?;
        check("feature_ends", &feature_ends, part_ends.len(), false)?;
        if feature_ends.len() != kinds.len() {
            return Err(format!(
                "{} features but {} geometry kinds",
                feature_ends.len(),
                kinds.len()
            ));
        }
        Ok(GeomStore {
            coords,
            ring_ends,
            part_ends,
            feature_ends,
            kinds,
        })
    }

    /// Rewrites every coordinate in place (CRS projection after the file's CRS is known).
    pub fn coords_mut(&mut self) -> &mut [Coord<f64>] {
        &mut self.coords
    }

    fn range(ends: &[u32], i: usize) -> std::ops::Range<usize> {
        let start = if i == 0 { 0 } else { ends[i - 1] as usize };
        start..ends[i] as usize
    }

    fn ring(&self, r: usize) -> &[Coord<f64>] {
        &self.coords[Self::range(&self.ring_ends, r)]
    }

    fn rings_of_part(&self, p: usize) -> std::ops::Range<usize> {
        Self::range(&self.part_ends, p)
    }

    fn parts_of(&self, i: usize) -> std::ops::Range<usize> {
        Self::range(&self.feature_ends, i)
    }

    /// All coordinates of feature `i`, whatever its kind.
    pub fn coords_of(&self, i: usize) -> &[Coord<f64>] {
        let parts = self.parts_of(i);
        if parts.is_empty() {
            return &[];
        }
        let first_ring = self.rings_of_part(parts.start).start;
        let last_ring = self.rings_of_part(parts.end - 1).end;
        let start = Self::range(&self.ring_ends, first_ring).start;
        let end = Self::range(&self.ring_ends, last_ring - 1).end;
        &self.coords[start..end]
    }

    fn polygon_of_part(&self, p: usize) -> Polygon<f64> {
        let mut rings = self
            .rings_of_part(p)
            .map(|r| LineString::new(self.ring(r).to_vec()));
        let exterior = rings.next().unwrap_or_else(|| LineString::new(Vec::new()));
        Polygon::new(exterior, rings.collect())
    }

    /// The rings of polygonal feature `i` without allocating: whether the ring
    /// is the first (outer) one of its part, and its coordinates. Nothing for
    /// points and lines.
    pub fn polygon_rings(&self, i: usize) -> impl Iterator<Item = (bool, &[Coord<f64>])> + '_ {
        let areal = self.kinds[i].is_areal();
        self.parts_of(i).filter(move |_| areal).flat_map(move |p| {
            let rings = self.rings_of_part(p);
            let first = rings.start;
            rings.map(move |r| (r == first, self.ring(r)))
        })
    }

    /// [`GeomStore::polygon_rings`] as ranges into [`RawGeom::coords`], so an
    /// index can point into the store instead of copying it.
    pub fn polygon_ring_ranges(
        &self,
        i: usize,
    ) -> impl Iterator<Item = (bool, std::ops::Range<usize>)> + '_ {
        let areal = self.kinds[i].is_areal();
        self.parts_of(i).filter(move |_| areal).flat_map(move |p| {
            let rings = self.rings_of_part(p);
            let first = rings.start;
            rings.map(move |r| (r == first, Self::range(&self.ring_ends, r)))
        })
    }

    /// Polygonal features as a MultiPolygon; `None` for points and lines.
    pub fn multi_polygon(&self, i: usize) -> Option<MultiPolygon<f64>> {
        if !self.kinds[i].is_areal() {
            return None;
        }
        Some(MultiPolygon::new(
            self.parts_of(i).map(|p| self.polygon_of_part(p)).collect(),
        ))
    }

    /// Feature `i` as a `geo` geometry.
    pub fn geometry(&self, i: usize) -> Geometry<f64> {
        let parts = self.parts_of(i);
        match self.kinds[i] {
            GeomKind::Point => Geometry::Point(Point(
                self.coords_of(i)
                    .first()
                    .copied()
                    .unwrap_or(Coord { x: 0.0, y: 0.0 }),
            )),
            GeomKind::MultiPoint => Geometry::MultiPoint(MultiPoint::new(
                self.coords_of(i).iter().map(|c| Point(*c)).collect(),
            )),
            GeomKind::LineString | GeomKind::MultiLineString => {
                let lines: Vec<LineString<f64>> = parts
                    .flat_map(|p| self.rings_of_part(p))
                    .map(|r| LineString::new(self.ring(r).to_vec()))
                    .collect();
                if self.kinds[i] == GeomKind::LineString && lines.len() == 1 {
                    Geometry::LineString(
                        lines
                            .into_iter()
                            .next()
                            .unwrap_or_else(|| LineString::new(vec![])),
                    )
                } else {
                    Geometry::MultiLineString(MultiLineString::new(lines))
                }
            }
            GeomKind::Polygon | GeomKind::MultiPolygon => Geometry::MultiPolygon(
                MultiPolygon::new(parts.map(|p| self.polygon_of_part(p)).collect()),
            ),
        }
    }

    /// Bounding box of feature `i` straight from the flat coordinates.
    pub fn bbox(&self, i: usize) -> Option<Rect<f64>> {
        coords_bbox(self.coords_of(i))
    }

    /// A point guaranteed on the feature (inside for polygons), used for joins.
    pub fn anchor(&self, i: usize) -> Option<Point<f64>> {
        match self.kinds[i] {
            GeomKind::Point => self.coords_of(i).first().map(|c| Point(*c)),
            _ => self
                .geometry(i)
                .interior_point()
                .or_else(|| self.bbox(i).map(|r| r.center().into())),
        }
    }

    /// Area in m², OGC invalidity (when `validate`) and a right-hand-rule breach of
    /// feature `i`, from one materialised polygon: the import's per-feature checks.
    pub fn checks(&self, i: usize, validate: bool) -> (f64, Option<String>, bool) {
        use geo::Winding;
        let Some(mp) = self.multi_polygon(i) else {
            return (0.0, None, false);
        };
        let area = mp.unsigned_area();
        let invalid = if validate { invalidity(&mp) } else { None };
        let rhr =
            mp.0.iter()
                .any(|p| p.exterior().is_cw() || p.interiors().iter().any(|h| h.is_ccw()));
        (area, invalid, rhr)
    }
}

/// Polygons with a ring this long, or more rings than this, go through [`invalidity_prepared`].
const PREPARED_FROM_COORDS: usize = 2_000;
const PREPARED_FROM_RINGS: usize = 32;

/// The OGC invalidity of `mp` in Dutch, `None` when valid.
fn invalidity(mp: &MultiPolygon<f64>) -> Option<String> {
    // One ring and no holes — nearly every parcel and pand: only geo's ring
    // checks apply, done by [`ring_invalidity`] (each segment pair once, boxes
    // first) at a fraction of the cost.
    if let [p] = mp.0.as_slice() {
        if p.interiors().is_empty() {
            return ring_invalidity(p.exterior()).map(|e| {
                dutch_invalidity(&format!("polygon at index 0 is invalid: exterior {e}"))
            });
        }
    }
    // Long rings, or many rings (geo compares every pair of holes and parts).
    let rings: usize = mp.0.iter().map(|p| 1 + p.interiors().len()).sum();
    let large = rings > PREPARED_FROM_RINGS
        || mp.0.iter().any(|p| {
            std::iter::once(p.exterior())
                .chain(p.interiors())
                .any(|r| r.0.len() > PREPARED_FROM_COORDS)
        });
    let en = if large {
        invalidity_prepared(mp)
    } else {
        mp.check_validation().err().map(|e| e.to_string())
    };
    en.map(|e| dutch_invalidity(&e))
}

/// Whether two segments of `ring` meet other than where consecutive segments
/// share their vertex: geo's own rule, found through an R-tree of segments
/// (O(n log n)) where geo compares every pair (O(n²)).
fn ring_self_intersects(ring: &LineString<f64>) -> bool {
    use geo::Intersects;
    if ring.0.len() <= 64 {
        // Few segments: every pair once, their boxes compared first.
        let segs: Vec<geo::Line<f64>> = ring.lines().collect();
        let boxes: Vec<Rect<f64>> = segs.iter().map(|l| Rect::new(l.start, l.end)).collect();
        return (0..segs.len()).any(|i| {
            (i + 1..segs.len()).any(|j| {
                let (a, b) = (&boxes[i], &boxes[j]);
                let overlap = a.min().x <= b.max().x
                    && b.min().x <= a.max().x
                    && a.min().y <= b.max().y
                    && b.min().y <= a.max().y;
                let (la, lb) = (segs[i], segs[j]);
                overlap && la.intersects(&lb) && la.start != lb.end && la.end != lb.start
            })
        });
    }
    use rstar::primitives::GeomWithData;
    let lines: Vec<GeomWithData<rstar::primitives::Line<[f64; 2]>, usize>> = ring
        .lines()
        .enumerate()
        .map(|(i, l)| {
            GeomWithData::new(
                rstar::primitives::Line::new([l.start.x, l.start.y], [l.end.x, l.end.y]),
                i,
            )
        })
        .collect();
    let tree = rstar::RTree::bulk_load(lines);
    let segment = |g: &GeomWithData<rstar::primitives::Line<[f64; 2]>, usize>| {
        let l = g.geom();
        geo::Line::new(
            Coord {
                x: l.from[0],
                y: l.from[1],
            },
            Coord {
                x: l.to[0],
                y: l.to[1],
            },
        )
    };
    tree.intersection_candidates_with_other_tree(&tree)
        .any(|(a, b)| {
            if a.data == b.data {
                return false;
            }
            let (la, lb) = (segment(a), segment(b));
            la.intersects(&lb) && la.start != lb.end && la.end != lb.start
        })
}

/// geo's ring checks (too few points, non-finite, self-intersection) with the
/// self-intersection through [`ring_self_intersects`].
fn ring_invalidity(ring: &LineString<f64>) -> Option<&'static str> {
    if geo::RemoveRepeatedPoints::remove_repeated_points(ring)
        .0
        .len()
        < 4
    {
        Some("ring has too few points (at least 3 required)")
    } else if ring.0.iter().any(|c| !c.x.is_finite() || !c.y.is_finite()) {
        Some("ring has a non-finite coordinate")
    } else if ring_self_intersects(ring) {
        Some("ring has a self-intersection")
    } else {
        None
    }
}

/// The checks `geo`'s `Validation` makes, quick for long rings: geo tests a
/// ring for self-intersection by comparing every pair of segments, which took
/// 19 s for one Amsterdam gas-pipeline zone of 60 788 points (perf: 98.6 % in
/// `linestring_has_self_intersection`); here an R-tree finds the candidate
/// pairs and each shell is prepared once for its holes. Messages are geo's, so
/// the Dutch is the same.
fn invalidity_prepared(mp: &MultiPolygon<f64>) -> Option<String> {
    use geo::coordinate_position::CoordPos;
    use geo::dimensions::Dimensions;
    use geo::{PreparedGeometry, Relate};
    for (i, p) in mp.0.iter().enumerate() {
        if let Some(e) = ring_invalidity(p.exterior()) {
            return Some(format!("polygon {i}: exterior {e}"));
        }
        for (k, h) in p.interiors().iter().enumerate() {
            if let Some(e) = ring_invalidity(h) {
                return Some(format!("polygon {i}: interior {k} {e}"));
            }
        }
        let shell = Polygon::new(p.exterior().clone(), vec![]);
        let holes: Vec<Polygon<f64>> = p
            .interiors()
            .iter()
            .map(|h| Polygon::new(h.clone(), vec![]))
            .collect();
        let prepared = PreparedGeometry::from(&shell);
        for (k, h) in p.interiors().iter().enumerate() {
            let im = prepared.relate(h);
            if !im.is_contains() {
                return Some(format!(
                    "polygon {i}: interior ring {k} is not contained within the polygon's exterior"
                ));
            }
            if im.get(CoordPos::OnBoundary, CoordPos::Inside) == Dimensions::OneDimensional {
                return Some(format!(
                    "polygon {i}: exterior and interior ring {k} intersect on a line"
                ));
            }
        }
        // Only holes whose boxes meet can overlap: candidate pairs from an R-tree of
        // boxes, not every pair (100 000 holes were 5·10⁹ pairs and never finished).
        for (a, b) in box_pairs(&holes) {
            let im = holes[a].relate(&holes[b]);
            if im.get(CoordPos::Inside, CoordPos::Inside) == Dimensions::TwoDimensional {
                return Some(format!("polygon {i}: interior rings overlap"));
            }
            if im.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional {
                return Some(format!("polygon {i}: interior rings intersect on a line"));
            }
        }
    }
    for (i, j) in box_pairs(&mp.0) {
        {
            let (p, q) = (&mp.0[i], &mp.0[j]);
            let im = p.relate(q);
            if im.get(CoordPos::Inside, CoordPos::Inside) == Dimensions::TwoDimensional {
                return Some(format!("polygons at indices {i} and {j} overlap"));
            }
            if im.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional {
                return Some(format!("polygons at indices {i} and {j} touch on a line"));
            }
        }
    }
    None
}

/// The pairs `(a, b)`, `a < b`, of polygons whose bounding boxes meet: an R-tree
/// of boxes, so many small parts cost O(n log n) rather than every pair.
fn box_pairs(polys: &[Polygon<f64>]) -> Vec<(usize, usize)> {
    use geo::BoundingRect;
    use rstar::primitives::{GeomWithData, Rectangle};
    let boxes: Vec<GeomWithData<Rectangle<[f64; 2]>, usize>> = polys
        .iter()
        .enumerate()
        .filter_map(|(k, p)| {
            let r = p.bounding_rect()?;
            Some(GeomWithData::new(
                Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]),
                k,
            ))
        })
        .collect();
    let tree = rstar::RTree::bulk_load(boxes);
    let mut pairs: Vec<(usize, usize)> = tree
        .intersection_candidates_with_other_tree(&tree)
        .filter(|(a, b)| a.data < b.data)
        .map(|(a, b)| (a.data, b.data))
        .collect();
    pairs.sort_unstable();
    pairs
}

/// Translates geo's validation messages; the technical English stays in brackets
/// so a GIS specialist can still look it up.
fn dutch_invalidity(en: &str) -> String {
    let nl = if en.contains("self-intersection") {
        "de rand snijdt zichzelf"
    } else if en.contains("overlap") || en.contains("intersect") {
        "delen of ringen overlappen elkaar (bijv. geneste buitenringen)"
    } else if en.contains("not contained") {
        "een gat ligt (deels) buiten de buitenring"
    } else if en.contains("at least") {
        "een ring heeft te weinig verschillende punten"
    } else if en.contains("non-finite") {
        "een coördinaat is geen eindig getal"
    } else {
        "ongeldige geometrie"
    };
    format!("{nl} ({en})")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f64, y: f64, s: f64) -> Vec<Coord<f64>> {
        vec![
            Coord { x, y },
            Coord { x: x + s, y },
            Coord { x: x + s, y: y + s },
            Coord { x, y: y + s },
            Coord { x, y },
        ]
    }

    #[test]
    fn convex_shortcut_still_flags_bow_ties_and_stars() {
        let mut s = GeomStore::default();
        let ring = |pts: &[(f64, f64)]| FeatureGeometry {
            kind: GeomKind::Polygon,
            coords: pts.iter().map(|&(x, y)| Coord { x, y }).collect(),
            ring_ends: vec![pts.len() as u32],
            part_ends: vec![1],
        };
        s.push(&ring(&[
            (0.0, 0.0),
            (4.0, 0.0),
            (4.0, 4.0),
            (0.0, 4.0),
            (0.0, 0.0),
        ]))
        .unwrap();
        s.push(&ring(&[
            (0.0, 0.0),
            (4.0, 4.0),
            (4.0, 0.0),
            (0.0, 4.0),
            (0.0, 0.0),
        ]))
        .unwrap();
        let star: Vec<(f64, f64)> = (0..=5)
            .map(|k| {
                let a = std::f64::consts::PI * 0.8 * f64::from(k % 5);
                (10.0 * a.cos(), 10.0 * a.sin())
            })
            .collect();
        s.push(&ring(&star)).unwrap();
        assert!(s.checks(0, true).1.is_none());
        assert!(s.checks(1, true).1.is_some(), "bow tie");
        assert!(s.checks(2, true).1.is_some(), "pentagram");
    }

    #[test]
    fn many_holes_are_checked_by_their_boxes_not_every_pair() {
        // 40 000 small holes in a square (the hostile run's 100k never finished):
        // valid; then two of them overlapping is found.
        let sq = |x: f64, y: f64, s: f64| {
            LineString::from(vec![(x, y), (x + s, y), (x + s, y + s), (x, y + s), (x, y)])
        };
        let mut holes = Vec::new();
        for i in 0..200 {
            for j in 0..200 {
                holes.push(sq(1.0 + 6.0 * f64::from(i), 1.0 + 6.0 * f64::from(j), 2.0));
            }
        }
        let outer = sq(0.0, 0.0, 1300.0);
        let valid = MultiPolygon::new(vec![Polygon::new(outer.clone(), holes.clone())]);
        assert_eq!(invalidity(&valid), None);
        holes.push(sq(2.0, 2.0, 2.0));
        let bad = MultiPolygon::new(vec![Polygon::new(outer, holes)]);
        let e = invalidity(&bad).unwrap();
        assert!(e.contains("overlappen"), "{e}");
    }

    #[test]
    fn the_prepared_check_finds_what_geo_finds() {
        // A 2100-point circle with holes: valid; a hole poking out, or two holes
        // overlapping, is invalid — by both checks.
        let circle: Vec<Coord<f64>> = (0..=2100)
            .map(|k| {
                let a = std::f64::consts::TAU * f64::from(k % 2100) / 2100.0;
                Coord {
                    x: 100.0 * a.cos(),
                    y: 100.0 * a.sin(),
                }
            })
            .collect();
        let hole = |x: f64, s: f64| {
            LineString::from(vec![(x, 0.0), (x, s), (x + s, s), (x + s, 0.0), (x, 0.0)])
        };
        let cases = [
            (vec![hole(0.0, 5.0), hole(10.0, 5.0)], false),
            (vec![hole(0.0, 5.0), hole(95.0, 20.0)], true),
            (vec![hole(0.0, 5.0), hole(2.0, 5.0)], true),
        ];
        // A figure eight in a long ring: both find the crossing.
        let mut eight = circle.clone();
        eight[1500] = Coord { x: 150.0, y: 0.0 };
        eight[1501] = Coord { x: -150.0, y: 0.0 };
        let mp = MultiPolygon(vec![Polygon::new(LineString::from(eight), vec![])]);
        assert!(invalidity_prepared(&mp).is_some_and(|e| e.contains("self-intersection")));
        assert!(mp.check_validation().is_err());
        for (holes, bad) in cases {
            let mp = MultiPolygon(vec![Polygon::new(LineString::from(circle.clone()), holes)]);
            assert_eq!(
                invalidity_prepared(&mp).is_some(),
                bad,
                "{:?}",
                invalidity_prepared(&mp)
            );
            assert_eq!(mp.check_validation().is_err(), bad);
            assert_eq!(invalidity(&mp).is_some(), bad);
        }
    }

    #[test]
    fn the_quick_ring_check_agrees_with_geo_on_random_rings() {
        // 3 000 rings of 4–100 random points (both the pairwise and the R-tree path) on a small grid (so many touch and
        // cross): the verdict is geo's every time.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % m) as f64
        };
        let (mut valid, mut invalid) = (0, 0);
        for _ in 0..3_000 {
            let n = 3 + next(98) as usize;
            let mut pts: Vec<Coord<f64>> = (0..n)
                .map(|_| Coord {
                    x: next(12),
                    y: next(12),
                })
                .collect();
            pts.push(pts[0]);
            let mp = MultiPolygon(vec![Polygon::new(LineString::from(pts), vec![])]);
            let ours = invalidity(&mp).is_some();
            assert_eq!(ours, mp.check_validation().is_err(), "{mp:?}");
            if ours {
                invalid += 1
            } else {
                valid += 1
            }
        }
        assert!(valid > 30 && invalid > 1_000, "{valid} {invalid}");
    }

    #[test]
    fn stores_and_materialises_polygons_with_holes() {
        let mut coords = square(0.0, 0.0, 10.0);
        coords.extend(square(2.0, 2.0, 2.0));
        let g = FeatureGeometry {
            kind: GeomKind::Polygon,
            coords,
            ring_ends: vec![5, 10],
            part_ends: vec![2],
        };
        let mut s = GeomStore::default();
        s.push(&g).unwrap();
        s.push(&g).unwrap();
        assert_eq!(s.len(), 2);
        let (area, invalid, _) = s.checks(1, true);
        assert!((area - 96.0).abs() < 1e-9);
        assert!(invalid.is_none());
        assert_eq!(s.coords_of(1).len(), 10);
        let a = s.anchor(1).unwrap();
        assert!(a.x() > 0.0 && a.x() < 10.0);
    }
}
