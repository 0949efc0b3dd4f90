//! The joins a scoring reads its sites' facts through, computed once per
//! dataset and profile: listing per site, parcel per pand, verblijfsobjecten
//! per pand, congestion area per site, and each distinct grid note read once.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::congestion::{area_info, areas_for_sites, AreaInfo, SiteArea};
use crate::dataset::Dataset;
use crate::grid_connection::{read_note, NoteReading};
use crate::index::{join_to_containing, SpatialIndex};
use crate::link::{listing_per_site, overlaps};
use crate::profile::{Profile, SiteLayer};
use locatiescout_model::attrs::Field;
use locatiescout_model::layer::{Layer, LayerKind};

/// Verblijfsobjecten summed per pand (BAG keeps oppervlakte and gebruiksdoel there).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct UnitSum {
    pub(super) floor_area_m2: f64,
    pub(super) functions: locatiescout_model::attrs::Functions,
    pub(super) count: u32,
    pub(super) out_of_use: u32,
}

/// Joins computed once per dataset and profile.
pub(super) struct Joins {
    /// site → listing feature
    pub(super) listing: HashMap<u32, u32>,
    /// building → parcel feature (transformation only)
    pub(super) parcel: Vec<Option<u32>>,
    /// building → its verblijfsobjecten, summed
    pub(super) units: HashMap<u32, UnitSum>,
    /// site → the worst congestion area it overlaps
    pub(super) area: Vec<Option<SiteArea>>,
    pub(super) areas: Vec<AreaInfo>,
    /// Each distinct grid note read once: notes repeat, and reading one tries
    /// every phrase of the rules.
    pub(super) notes: HashMap<String, NoteReading>,
}

pub(super) fn build_joins(ds: &Dataset, profile: &Profile, sites: &Layer) -> Joins {
    let listings_are_sites = ds.listings.as_ref().is_some_and(|l| std::ptr::eq(l, sites));
    let listing = match (ds.listings.as_ref(), listings_are_sites) {
        (Some(l), false) => listing_per_site(l, sites),
        _ => HashMap::new(),
    };
    let parcel = match (profile.sites, ds.parcels.as_ref()) {
        (SiteLayer::Buildings, Some(p)) => {
            let idx = SpatialIndex::build(p);
            if sites.kind == LayerKind::Listings {
                // A listing often spans parcels: the one under most of it.
                (0..sites.len())
                    .into_par_iter()
                    .map(|i| overlaps(sites, i, p, &idx).first().map(|o| o.feature))
                    .collect()
            } else {
                join_to_containing(sites, p, &idx)
            }
        }
        _ => Vec::new(),
    };
    let units = match (profile.sites, ds.units.as_ref()) {
        (SiteLayer::Buildings, Some(u)) => sum_units(u, sites),
        _ => HashMap::new(),
    };
    let (area, areas) = match ds.congestion.as_ref() {
        Some(c) => (
            areas_for_sites(sites, c, &ds.congestion_config),
            (0..c.len())
                .map(|a| area_info(c, a, &ds.congestion_config))
                .collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let notes = read_notes([Some(sites), ds.listings.as_ref()].into_iter().flatten());
    Joins {
        listing,
        parcel,
        units,
        area,
        areas,
        notes,
    }
}

/// The distinct grid notes of `layers`, each read once (in parallel).
fn read_notes<'a>(layers: impl Iterator<Item = &'a Layer>) -> HashMap<String, NoteReading> {
    let mut distinct: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let layers: Vec<&Layer> = layers.collect();
    for l in &layers {
        for i in 0..l.len() {
            if let Some(t) = l.text(i, Field::GridNote) {
                distinct.insert(t);
            }
        }
    }
    distinct
        .into_par_iter()
        .map(|t| (t.to_string(), read_note(t)))
        .collect()
}

/// Sums verblijfsobjecten per pand: by `pandRef` when the ids match, else by the
/// pand that contains the object's point.
fn sum_units(units: &Layer, buildings: &Layer) -> HashMap<u32, UnitSum> {
    let by_id: HashMap<&str, u32> = (0..buildings.len())
        .filter_map(|b| {
            buildings
                .text(b, Field::Id)
                .map(|id| (locatiescout_model::attrs::bare_bag_id(id), b as u32))
        })
        .collect();
    let spatial = SpatialIndex::build(buildings);
    let located = join_to_containing(units, buildings, &spatial);
    let mut sums: HashMap<u32, UnitSum> = HashMap::new();
    for (u, near) in located.into_iter().enumerate() {
        let refs: Vec<u32> = units
            .text(u, Field::BuildingRef)
            .map(|r| {
                locatiescout_model::attrs::reference_ids(r)
                    .filter_map(|id| by_id.get(id).copied())
                    .collect()
            })
            .unwrap_or_default();
        let targets = if refs.is_empty() {
            near.into_iter().collect()
        } else {
            refs
        };
        let a = &units.attrs[u];
        let out_of_use = units
            .text(u, Field::Status)
            .is_some_and(|s| s.to_lowercase().contains("buiten gebruik"));
        // A verblijfsobject in several panden counts its area once, split evenly.
        let share = 1.0 / targets.len().max(1) as f64;
        for b in targets {
            let e = sums.entry(b).or_default();
            e.floor_area_m2 += a.floor_area_m2.map_or(0.0, f64::from) * share;
            e.functions = e.functions.union(a.functions);
            e.count += 1;
            e.out_of_use += u32::from(out_of_use);
        }
    }
    sums
}
