//! Which parcels a Rijksvastgoed listing stands on and which BAG panden it
//! overlaps. A listing is one building or plot to the RVB but often spans
//! several kadastrale percelen, and its drawing seldom matches the BAG footprint
//! exactly; linking by overlap (not by one anchor point) lets each listing be
//! scored with the flex profile (its parcels) and the transformation profile
//! (its panden).

use std::collections::HashMap;

use geo::{Area, BooleanOps, MultiPolygon};
use rayon::prelude::*;

use crate::index::SpatialIndex;
use locatiescout_model::layer::Layer;

/// An overlap smaller than this is digitising noise, whatever the shares.
const MIN_OVERLAP_M2: f64 = 1.0;
/// An overlap counts when it covers at least this share of the smaller of the two
/// shapes. BRK, BAG and RVB are drawn separately, so neighbours along a shared
/// boundary overlap by slivers of a few percent; a real partial overlap is larger.
const MIN_OVERLAP_SHARE: f64 = 0.05;

/// One feature of the other layer a listing is linked to.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Overlap {
    /// Feature number in the other layer.
    pub feature: u32,
    /// Overlapping area in m² (0 for a point listing inside the feature).
    pub overlap_m2: f64,
    /// Share of the listing covered by this feature (1 for a point listing).
    pub share_of_listing: f64,
}

/// The parcels and panden one listing is linked to, largest overlap first.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ListingLinks {
    pub parcels: Vec<Overlap>,
    pub buildings: Vec<Overlap>,
}

/// Features of `to` that `from[i]` overlaps (polygons) or lies in (points),
/// largest overlap first, ties by feature number.
pub fn overlaps(from: &Layer, i: usize, to: &Layer, to_index: &SpatialIndex) -> Vec<Overlap> {
    let mut hits = match from.geom.multi_polygon(i) {
        Some(listing) => polygon_overlaps(&listing, from, i, to, to_index),
        None => match from.geom.anchor(i) {
            // Points (and lines, by their anchor) link to what contains them.
            Some(p) => to_index
                .containing(to, p)
                .into_iter()
                .map(|feature| Overlap {
                    feature,
                    overlap_m2: 0.0,
                    share_of_listing: 1.0,
                })
                .collect(),
            None => Vec::new(),
        },
    };
    hits.sort_by(|a, b| {
        b.overlap_m2
            .total_cmp(&a.overlap_m2)
            .then(a.feature.cmp(&b.feature))
    });
    hits
}

fn polygon_overlaps(
    listing: &MultiPolygon<f64>,
    from: &Layer,
    i: usize,
    to: &Layer,
    to_index: &SpatialIndex,
) -> Vec<Overlap> {
    let Some(bbox) = from.bbox(i) else {
        return Vec::new();
    };
    let listing_m2 = from.area_m2[i];
    to_index
        .bbox(bbox)
        .into_iter()
        .filter_map(|j| {
            let other = to.geom.multi_polygon(j as usize)?;
            let overlap_m2 = listing.intersection(&other).unsigned_area();
            let smaller = listing_m2.min(to.area_m2[j as usize]);
            (overlap_m2 >= MIN_OVERLAP_M2 && overlap_m2 >= MIN_OVERLAP_SHARE * smaller).then(|| {
                Overlap {
                    feature: j,
                    overlap_m2,
                    share_of_listing: if listing_m2 > 0.0 {
                        (overlap_m2 / listing_m2).min(1.0)
                    } else {
                        0.0
                    },
                }
            })
        })
        .collect()
}

/// Links every listing to the parcels and panden loaded with it.
pub fn link_listings(
    listings: &Layer,
    parcels: Option<&Layer>,
    buildings: Option<&Layer>,
) -> Vec<ListingLinks> {
    let pi = parcels.map(|p| (p, SpatialIndex::build(p)));
    let bi = buildings.map(|b| (b, SpatialIndex::build(b)));
    (0..listings.len())
        .into_par_iter()
        .map(|i| ListingLinks {
            parcels: pi
                .as_ref()
                .map(|(p, idx)| overlaps(listings, i, p, idx))
                .unwrap_or_default(),
            buildings: bi
                .as_ref()
                .map(|(b, idx)| overlaps(listings, i, b, idx))
                .unwrap_or_default(),
        })
        .collect()
}

/// Site → the listing that covers most of it, for scoring a site with the
/// listing's facts (owner, term, disposal status, grid rating).
pub fn listing_per_site(listings: &Layer, sites: &Layer) -> HashMap<u32, u32> {
    let idx = SpatialIndex::build(sites);
    let per_listing: Vec<Vec<Overlap>> = (0..listings.len())
        .into_par_iter()
        .map(|i| overlaps(listings, i, sites, &idx))
        .collect();
    let mut best: HashMap<u32, (u32, f64)> = Default::default();
    for (l, hits) in per_listing.into_iter().enumerate() {
        for h in hits {
            let e = best.entry(h.feature).or_insert((l as u32, h.overlap_m2));
            if h.overlap_m2 > e.1 {
                *e = (l as u32, h.overlap_m2);
            }
        }
    }
    best.into_iter().map(|(s, (l, _))| (s, l)).collect()
}
