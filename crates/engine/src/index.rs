//! R-tree over a layer's feature envelopes (`rstar`), with exact refinement on
//! the geometry: bbox, point-in-polygon, k-nearest, and the spatial joins
//! (listing → parcel, building → parcel, site → overlay area).

use geo::{BoundingRect, Contains, Distance, Euclidean, Geometry, Point, Rect};
use rayon::prelude::*;
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};

use locatiescout_model::layer::Layer;

type Entry = GeomWithData<Rectangle<[f64; 2]>, u32>;

/// Spatial index of one layer; feature numbers are the layer's indices.
pub struct SpatialIndex {
    tree: RTree<Entry>,
}

fn aabb(r: Rect<f64>) -> AABB<[f64; 2]> {
    AABB::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y])
}

impl SpatialIndex {
    /// Bulk-loads the envelopes of every feature.
    pub fn build(layer: &Layer) -> SpatialIndex {
        SpatialIndex::build_where(layer, |_| true)
    }

    /// Bulk-loads the envelopes of the features for which `keep` holds.
    pub fn build_where(layer: &Layer, keep: impl Fn(usize) -> bool + Sync) -> SpatialIndex {
        let entries: Vec<Entry> = (0..layer.len())
            .into_par_iter()
            .filter(|&i| keep(i))
            .filter_map(|i| {
                let r = layer.bbox(i)?;
                Some(GeomWithData::new(Rectangle::from_aabb(aabb(r)), i as u32))
            })
            .collect();
        SpatialIndex {
            tree: RTree::bulk_load(entries),
        }
    }

    pub fn len(&self) -> usize {
        self.tree.size()
    }

    pub fn is_empty(&self) -> bool {
        self.tree.size() == 0
    }

    /// Features whose envelope intersects `r` (RD New metres).
    pub fn bbox(&self, r: Rect<f64>) -> Vec<u32> {
        let env = aabb(r);
        self.tree
            .locate_in_envelope_intersecting(&env)
            .map(|e| e.data)
            .collect()
    }

    /// How many features' envelopes intersect `r`, without collecting them.
    pub fn bbox_count(&self, r: Rect<f64>) -> usize {
        let env = aabb(r);
        self.tree.locate_in_envelope_intersecting(&env).count()
    }

    /// Polygonal features that contain `p` (boundary excluded), in ascending order.
    pub fn containing(&self, layer: &Layer, p: Point<f64>) -> Vec<u32> {
        let mut hits: Vec<u32> = self
            .tree
            .locate_all_at_point(&[p.x(), p.y()])
            .map(|e| e.data)
            .filter(|&i| {
                layer
                    .geom
                    .multi_polygon(i as usize)
                    .is_some_and(|mp| mp.contains(&p))
            })
            .collect();
        hits.sort_unstable();
        hits
    }

    /// The `k` features nearest to `p` by exact Euclidean distance in metres
    /// (0 inside a polygon), nearest first; ties by feature number.
    pub fn nearest(&self, layer: &Layer, p: Point<f64>, k: usize) -> Vec<(u32, f64)> {
        let mut best: Vec<(u32, f64)> = Vec::with_capacity(k + 1);
        if k == 0 {
            return best;
        }
        for (e, env_d2) in self
            .tree
            .nearest_neighbor_iter_with_distance_2(&[p.x(), p.y()])
        {
            if best.len() == k && env_d2.sqrt() > best[k - 1].1 {
                break; // the envelope bound already exceeds the k-th exact distance
            }
            let d = Euclidean.distance(&layer.geom.geometry(e.data as usize), &p);
            let pos = best
                .iter()
                .position(|&(j, bd)| d < bd || (d == bd && e.data < j))
                .unwrap_or(best.len());
            best.insert(pos, (e.data, d));
            best.truncate(k);
        }
        best
    }
}

impl SpatialIndex {
    /// The feature of `layer` nearest to `geom` (edge to edge, 0 inside), with
    /// its exact distance in metres; ties by feature number. Candidates come by
    /// envelope distance from the centre of `geom`'s box; the search stops once
    /// that distance, less the box's half-diagonal, exceeds the best exact
    /// distance found (no closer feature can follow).
    pub fn nearest_to(
        &self,
        layer: &Layer,
        geom: &Geometry<f64>,
        bbox: Rect<f64>,
    ) -> Option<(u32, f64)> {
        let c = bbox.center();
        let radius = bbox.width().hypot(bbox.height()) / 2.0;
        let mut best: Option<(u32, f64)> = None;
        for (e, d2) in self.tree.nearest_neighbor_iter_with_distance_2(&[c.x, c.y]) {
            if best.is_some_and(|(_, b)| d2.sqrt() - radius > b) {
                break;
            }
            let d = Euclidean.distance(geom, &layer.geom.geometry(e.data as usize));
            if best.is_none_or(|(j, b)| d < b || (d == b && e.data < j)) {
                best = Some((e.data, d));
            }
        }
        best
    }
}

/// For each feature of `from`, the first polygon of `to` that contains its anchor
/// point (interior point for polygons): listing → parcel, building → parcel,
/// site → congestion area or boundary.
pub fn join_to_containing(from: &Layer, to: &Layer, to_index: &SpatialIndex) -> Vec<Option<u32>> {
    (0..from.len())
        .into_par_iter()
        .map(|i| {
            let p = from.geom.anchor(i)?;
            to_index.containing(to, p).first().copied()
        })
        .collect()
}

/// Bounding box of a whole layer, for fitting a map.
pub fn layer_extent(layer: &Layer) -> Option<Rect<f64>> {
    let pts: Vec<Point<f64>> = (0..layer.len())
        .filter_map(|i| layer.bbox(i))
        .flat_map(|r| [r.min().into(), r.max().into()])
        .collect();
    geo::MultiPoint::new(pts).bounding_rect()
}
