//! Scoring: each site's facts (homes, term, grid, owner, function, status, year)
//! are read once from the layers and their joins, turned into per-criterion
//! sub-scores (0–100) by the profile's curves, and kept. A weight change then
//! only redoes a weighted sum — milliseconds for a million sites.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::congestion::{area_info, areas_for_sites, AreaInfo, CongestionConfig, SiteArea};
use crate::grid::{read_note, rvb_rating, GridReading, GridSource, GridStatus};
use crate::index::{join_to_containing, SpatialIndex};
use crate::link::{listing_per_site, overlaps};
use crate::profile::{curve_value, Criterion, Input, Profile, SiteLayer};
use locatiescout_model::attrs::{years_between, Field};
use locatiescout_model::layer::{Layer, LayerKind};
use locatiescout_model::text::Text;

/// The loaded data a profile scores.
#[derive(Default)]
pub struct Dataset {
    pub parcels: Option<Layer>,
    pub buildings: Option<Layer>,
    pub listings: Option<Layer>,
    /// BAG verblijfsobjecten, summed per pand for transformation.
    pub units: Option<Layer>,
    /// Named overlay layers (Natura 2000, stations, a bestemmingsplan) that
    /// spatial criteria read by name.
    pub overlays: Vec<locatiescout_model::layer::NamedLayer>,
    /// Grid congestion areas, read with `congestion_config`.
    pub congestion: Option<Layer>,
    pub congestion_config: CongestionConfig,
}

impl Dataset {
    /// The layer whose features are the sites of `profile`.
    /// Transformation falls back to RVB listing polygons when no panden are loaded.
    pub fn site_layer(&self, profile: &Profile) -> Option<&Layer> {
        match profile.sites {
            SiteLayer::Parcels => self.parcels.as_ref(),
            SiteLayer::Buildings => self.buildings.as_ref().or_else(|| {
                self.listings
                    .as_ref()
                    .filter(|l| (0..l.len()).any(|i| l.geom.kind(i).is_areal()))
            }),
        }
    }
}

/// Term of availability.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(tag = "kind", content = "years", rename_all = "snake_case")]
pub enum Term {
    Years(f64),
    /// Available from a date, no end date known (scored as `open_end_years`; not a promise of permanence).
    OpenEnd,
    Unknown,
}

/// Everything the criteria read about one site. Built on demand; not stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SiteFacts {
    pub area_m2: f64,
    /// Land area came from the registered (kadastrale) size, not the geometry.
    pub area_registered: bool,
    pub floor_area_m2: Option<f64>,
    pub floor_area_estimated: bool,
    pub homes: f64,
    pub term: Term,
    /// First day the site is available (ISO date), when known.
    pub available_from: Option<String>,
    pub grid: GridStatus,
    /// Where the grid status came from and what it says.
    pub grid_reading: GridReading,
    pub owner: Option<String>,
    pub functions: Vec<&'static str>,
    /// BAG status of the pand or its units.
    pub status: Option<String>,
    /// RVB afstootstatus, in words ("afstoot besloten").
    pub disposal: Option<String>,
    pub year_built: Option<u16>,
    /// The listing (Rijksvastgoed) joined to this site, by label.
    pub listing: Option<String>,
    /// The parcel a building stands on, by label.
    pub parcel: Option<String>,
    /// Verblijfsobjecten counted into this building.
    pub units: u32,
}

/// Verblijfsobjecten summed per pand (BAG keeps oppervlakte and gebruiksdoel there).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct UnitSum {
    floor_area_m2: f64,
    functions: locatiescout_model::attrs::Functions,
    count: u32,
    out_of_use: u32,
}

/// Joins computed once per dataset and profile.
struct Joins {
    /// site → listing feature
    listing: HashMap<u32, u32>,
    /// building → parcel feature (transformation only)
    parcel: Vec<Option<u32>>,
    /// building → its verblijfsobjecten, summed
    units: HashMap<u32, UnitSum>,
    /// site → the worst congestion area it overlaps
    area: Vec<Option<SiteArea>>,
    areas: Vec<AreaInfo>,
    /// Each distinct grid note read once: notes repeat, and reading one tries
    /// every phrase of the rules.
    notes: HashMap<String, crate::grid::NoteReading>,
}

fn build_joins(ds: &Dataset, profile: &Profile, sites: &Layer) -> Joins {
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
fn read_notes<'a>(
    layers: impl Iterator<Item = &'a Layer>,
) -> HashMap<String, crate::grid::NoteReading> {
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

/// An RVB afstootstatus code in words: `afstootbesloten` → "afstoot besloten".
pub fn disposal_words(code: &str) -> String {
    let c = code.trim();
    let squashed: String = c
        .chars()
        .filter(|ch| !ch.is_whitespace() && *ch != '_' && *ch != '-')
        .collect::<String>()
        .to_lowercase();
    match squashed.as_str() {
        "afstootbesloten" => "afstoot besloten".into(),
        "overtolligstellingverwacht" => "overtolligstelling verwacht".into(),
        "nietinafstoting" => "niet in afstoting".into(),
        "inafstoting" => "in afstoting".into(),
        "afgestoten" => "afgestoten".into(),
        _ => c.to_string(),
    }
}

fn term_of(from: Option<NaiveDate>, until: Option<NaiveDate>, reference: NaiveDate) -> Term {
    match (from, until) {
        (None, None) => Term::Unknown,
        (_, None) => Term::OpenEnd,
        (f, Some(u)) => {
            let start = f.map_or(reference, |f| f.max(reference));
            Term::Years(years_between(start, u).max(0.0))
        }
    }
}

fn facts_of(
    ds: &Dataset,
    profile: &Profile,
    sites: &Layer,
    joins: &Joins,
    i: usize,
    reference: NaiveDate,
) -> SiteFacts {
    let a = &sites.attrs[i];
    let listing = joins
        .listing
        .get(&(i as u32))
        .and_then(|&l| ds.listings.as_ref().map(|layer| (layer, l as usize)));
    let from_listing = |f: Field| listing.and_then(|(l, j)| l.text(j, f));
    let text = |f: Field| sites.text(i, f).or_else(|| from_listing(f));

    let available_from = a
        .available_from
        .or_else(|| listing.and_then(|(l, j)| l.attrs[j].available_from));
    let available_until = a
        .available_until
        .or_else(|| listing.and_then(|(l, j)| l.attrs[j].available_until));
    let term = term_of(available_from, available_until, reference);
    let grid_reading = grid_of(profile, sites, i, listing, joins);
    let grid = grid_reading.status;

    let parcel = joins.parcel.get(i).copied().flatten();
    let parcel_layer = ds.parcels.as_ref();
    let mut owner = text(Field::OwnerType).map(str::to_string);
    if owner.is_none() {
        owner = parcel
            .and_then(|p| parcel_layer.and_then(|l| l.text(p as usize, Field::OwnerType)))
            .map(str::to_string);
    }
    if owner.is_none() && (listing.is_some() || sites.kind == LayerKind::Listings) {
        // A Rijksvastgoed listing is state property.
        owner = Some("rijk".into());
    }

    let geom_area = sites.area_m2[i];
    let registered = a.registered_area_m2.filter(|v| *v > 0.0).map(f64::from);
    let area_m2 = registered.unwrap_or(geom_area);

    let mut functions = a.functions;
    let mut status = text(Field::Status).map(str::to_string);
    let mut floor = a.floor_area_m2.map(f64::from);
    let unit_sum = joins.units.get(&(i as u32)).copied();
    if let Some(u) = unit_sum {
        functions = functions.union(u.functions);
        if u.floor_area_m2 > 0.0 {
            floor = Some(u.floor_area_m2);
        }
        if u.out_of_use > 0 {
            let note = format!(
                "{} van {} verblijfsobjecten buiten gebruik",
                u.out_of_use, u.count
            );
            status = Some(status.map_or(note.clone(), |s| format!("{s}; {note}")));
        }
    }
    let mut disposal = sites.text(i, Field::DisposalStatus).map(disposal_words);
    if let Some((l, j)) = listing {
        functions = functions.union(l.attrs[j].functions);
        floor = floor.or(l.attrs[j].floor_area_m2.map(f64::from));
        if disposal.is_none() {
            disposal = l.text(j, Field::DisposalStatus).map(disposal_words);
        }
    }

    let p = &profile.params;
    let (homes, floor_area_m2, floor_area_estimated) = match profile.sites {
        SiteLayer::Parcels => (
            (area_m2 / 10_000.0 * p.homes_per_ha.unwrap_or(0.0)).floor(),
            floor,
            false,
        ),
        SiteLayer::Buildings => {
            let (fa, est) = match floor {
                Some(f) if f > 0.0 => (f, false),
                _ => (geom_area * p.floors_if_unknown.unwrap_or(0.0), true),
            };
            let per = p.m2_per_home.unwrap_or(f64::INFINITY);
            ((fa / per).floor(), Some(fa), est)
        }
    };

    SiteFacts {
        area_m2,
        area_registered: registered.is_some(),
        floor_area_m2,
        floor_area_estimated,
        homes: homes.max(0.0),
        term,
        available_from: available_from.map(|d| d.format("%Y-%m-%d").to_string()),
        grid,
        grid_reading,
        owner,
        functions: functions.names().collect(),
        status,
        disposal,
        year_built: a.year_built,
        listing: listing.map(|(l, j)| l.label(j)),
        parcel: parcel.and_then(|p| parcel_layer.map(|l| l.label(p as usize))),
        units: unit_sum.map_or(0, |u| u.count),
    }
}

/// The site's grid status from its note, the RVB rating and its congestion area,
/// in the profile's order of precedence: the first source that knows counts.
fn grid_of(
    profile: &Profile,
    sites: &Layer,
    i: usize,
    listing: Option<(&Layer, usize)>,
    joins: &Joins,
) -> GridReading {
    let own = sites.text(i, Field::GridNote);
    let of_listing = listing.and_then(|(l, j)| l.text(j, Field::GridNote));
    // RVB's Groen/Oranje/Rood comes with listings; a parcel's own "Rood" is a note.
    let from_rvb = |t: &str| {
        rvb_rating(t).map(|status| GridReading {
            status,
            source: Some(GridSource::Rvb),
            detail: Text::new("grid.rvb").str("rating", t.trim()),
            phrase: None,
            operator: None,
            queue_mw: None,
        })
    };
    let from_note = |t: &str| {
        let r = joins.notes.get(t).cloned().unwrap_or_else(|| read_note(t));
        GridReading {
            status: r.status,
            source: Some(GridSource::Note),
            detail: Text::new("grid.note").str("note", t.trim()),
            phrase: r.phrase,
            operator: r.operator,
            queue_mw: None,
        }
    };
    let rvb = if sites.kind == LayerKind::Listings {
        own.and_then(from_rvb)
    } else {
        of_listing.and_then(from_rvb)
    };
    let note = match (sites.kind == LayerKind::Listings, own, of_listing) {
        (true, Some(t), _) if rvb.is_none() => Some(from_note(t)),
        (false, Some(t), _) => Some(from_note(t)),
        (_, _, Some(t)) if rvb_rating(t).is_none() => Some(from_note(t)),
        _ => None,
    };
    let area = joins
        .area
        .get(i)
        .copied()
        .flatten()
        .and_then(|a| joins.areas.get(a.area as usize).map(|info| (a, info)))
        .map(|(a, info)| GridReading {
            status: info.status(),
            source: Some(GridSource::Area),
            detail: if a.of > 1 {
                Text::new("grid.areas")
                    .text("area", info.describe())
                    .num("n", f64::from(a.of), 0)
            } else {
                info.describe()
            },
            phrase: None,
            operator: info.operator.clone(),
            queue_mw: info.queue_mw,
        });
    let mut found = [
        (GridSource::Note, note),
        (GridSource::Rvb, rvb),
        (GridSource::Area, area),
    ];
    for want in &profile.params.grid_precedence {
        if let Some((_, r)) = found.iter_mut().find(|(s, _)| s == want) {
            if let Some(r) = r.take_if(|r| r.status != GridStatus::Unknown) {
                return r;
            }
        }
    }
    // Nobody knows: say what there was.
    found
        .into_iter()
        .find_map(|(_, r)| r)
        .unwrap_or_else(GridReading::unknown)
}

fn category<'c>(c: &'c Criterion, text: &str) -> Option<&'c crate::profile::Category> {
    let t = text.to_lowercase();
    c.categories
        .iter()
        .find(|cat| t.contains(&cat.pattern.to_lowercase()))
}

/// Sub-score (0–100) of one criterion and whether it knocks the site out.
fn sub_score(c: &Criterion, f: &SiteFacts, profile: &Profile, reference_year: i32) -> (f64, bool) {
    let numeric = |v: Option<f64>| match v {
        Some(v) => (
            curve_value(&c.curve, v),
            c.knockout_below.is_some_and(|k| v < k) || c.knockout_above.is_some_and(|k| v > k),
        ),
        None => (c.unknown_score, false),
    };
    match c.input {
        Input::Homes => numeric(Some(f.homes)),
        Input::AreaM2 => numeric(Some(f.area_m2)),
        Input::FloorAreaM2 => numeric(f.floor_area_m2),
        Input::YearBuilt => numeric(f.year_built.map(f64::from)),
        Input::TermYears => match f.term {
            Term::Years(y) => numeric(Some(y)),
            Term::OpenEnd => numeric(Some(profile.params.open_end_years)),
            Term::Unknown => (c.unknown_score, false),
        },
        Input::Grid => match f.grid {
            GridStatus::Unknown => (c.unknown_score, false),
            // Years the homes would wait beyond their planned delivery.
            GridStatus::Queue {
                until_year: Some(y),
            }
            | GridStatus::Requested {
                expected_year: Some(y),
            } if !c.wait_curve.is_empty() => (
                curve_value(
                    &c.wait_curve,
                    (f64::from(y - reference_year) - profile.params.delivery_within_years).max(0.0),
                ),
                false,
            ),
            g => category(c, g.key())
                .map_or((c.unknown_score, false), |cat| (cat.score, cat.knockout)),
        },
        Input::OwnerType | Input::Status | Input::Disposal => {
            let v = match c.input {
                Input::OwnerType => &f.owner,
                Input::Status => &f.status,
                _ => &f.disposal,
            };
            match v.as_deref().and_then(|t| category(c, t)) {
                Some(cat) => (cat.score, cat.knockout),
                None => (c.unknown_score, false),
            }
        }
        // Read from their computed columns (`spatial_sub_score`).
        Input::BuiltShare | Input::OverlapShare | Input::DistanceM | Input::Zoning => {
            (c.unknown_score, false)
        }
        Input::Functions => {
            let cats: Vec<_> = f.functions.iter().filter_map(|n| category(c, n)).collect();
            if cats.is_empty() {
                return (c.unknown_score, false);
            }
            let best = cats.iter().map(|c| c.score).fold(0.0, f64::max);
            (best, cats.iter().all(|c| c.knockout))
        }
    }
}

/// Sub-score of a spatial criterion from its computed column.
fn spatial_sub_score(
    ds: &Dataset,
    c: &Criterion,
    col: &crate::spatial::SpatialColumn,
    i: usize,
) -> (f64, bool) {
    if col.not_scored.is_some() {
        return (0.0, false);
    }
    let Some(v) = col.values.get(i).filter(|v| !v.value.is_nan()) else {
        return (c.unknown_score, false);
    };
    if c.input == Input::Zoning {
        return match crate::spatial::zoning_value(ds, c, v.feature).and_then(|z| category(c, z)) {
            Some(cat) => (cat.score, cat.knockout),
            None => (c.unknown_score, false),
        };
    }
    let x = f64::from(v.value);
    (
        curve_value(&c.curve, x),
        c.knockout_below.is_some_and(|k| x < k) || c.knockout_above.is_some_and(|k| x > k),
    )
}

/// The scores of every site of one profile, ready to be re-weighted.
pub struct Scoring {
    pub profile: Profile,
    pub site_kind: LayerKind,
    /// Weights in use (start at the profile's).
    pub weights: Vec<f64>,
    /// Row-major sites × criteria sub-scores.
    sub: Vec<f32>,
    /// Bit c set = criterion c knocks the site out.
    knockout: Vec<u32>,
    pub homes: Vec<f32>,
    /// Years of availability; NaN = unknown, +∞ = open end.
    pub term_years: Vec<f32>,
    pub grid: Vec<GridStatus>,
    pub scores: Vec<f32>,
    /// New with every scoring and every rescore: what the map's tile cache keys on.
    generation: u64,
    reference: NaiveDate,
    joins: Joins,
    /// Spatial criterion inputs, computed once per layer change.
    pub spatial: crate::spatial::SpatialInputs,
}

fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Scoring failed before it started.
#[derive(Debug, thiserror::Error)]
pub enum ScoreError {
    #[error("profiel '{profile}' scoort {what}, maar die zijn niet geladen")]
    NoSites { profile: String, what: &'static str },
    #[error("onbekend criterium '{name}' in --weight; kies uit: {allowed}")]
    UnknownCriterion { name: String, allowed: String },
    #[error("gewicht voor '{name}' = {value} ligt buiten 0 – 100")]
    WeightOutOfRange { name: String, value: f64 },
}

impl Scoring {
    /// A scoring with `weights` (criterion key → weight) set over the profile's
    /// defaults; a key the profile no longer has is ignored, not an error, so
    /// weights saved by an older version still open.
    pub fn with_weights<'k>(
        ds: &Dataset,
        profile: Profile,
        weights: impl IntoIterator<Item = (&'k str, f64)>,
    ) -> Result<Scoring, ScoreError> {
        let mut scoring = Scoring::new(ds, profile)?;
        for (k, w) in weights {
            let _ = scoring.set_weight(k, w);
        }
        scoring.rescore();
        Ok(scoring)
    }

    /// A fresh scoring of `ds` with this scoring's profile and weights: after a
    /// layer or a setting changed, the user's weights stay.
    pub fn redo(&self, ds: &Dataset) -> Result<Scoring, ScoreError> {
        let keys = self.profile.criteria.iter().map(|c| c.key.as_str());
        Scoring::with_weights(
            ds,
            self.profile.clone(),
            keys.zip(self.weights.iter().copied()),
        )
    }

    /// Reads the facts of every site and computes all sub-scores (parallel).
    #[tracing::instrument(skip_all, fields(profile = %profile.key), err)]
    pub fn new(ds: &Dataset, profile: Profile) -> Result<Scoring, ScoreError> {
        let sites = ds.site_layer(&profile).ok_or(ScoreError::NoSites {
            profile: profile.key.clone(),
            what: match profile.sites {
                SiteLayer::Parcels => "percelen",
                SiteLayer::Buildings => "panden (of vlakken in het aanbod)",
            },
        })?;
        let reference = profile.reference_date();
        let joins = build_joins(ds, &profile, sites);
        let spatial = crate::spatial::compute(ds, &profile, sites);
        for p in &spatial.problems {
            tracing::warn!("{p}");
        }
        let k = profile.criteria.len();
        let ry = reference.year();
        type Row = (Vec<f32>, u32, f32, f32, GridStatus);
        let rows: Vec<Row> = (0..sites.len())
            .into_par_iter()
            .map(|i| {
                let f = facts_of(ds, &profile, sites, &joins, i, reference);
                let mut ko = 0u32;
                let mut sub = Vec::with_capacity(k);
                for (c_i, c) in profile.criteria.iter().enumerate() {
                    let (s, out) = match spatial.column(c_i) {
                        Some(col) => spatial_sub_score(ds, c, col, i),
                        None => sub_score(c, &f, &profile, ry),
                    };
                    sub.push(s as f32);
                    if out {
                        ko |= 1 << c_i.min(31);
                    }
                }
                let term = match f.term {
                    Term::Years(y) => y as f32,
                    Term::OpenEnd => f32::INFINITY,
                    Term::Unknown => f32::NAN,
                };
                (sub, ko, f.homes as f32, term, f.grid)
            })
            .collect();
        let n = rows.len();
        let mut s = Scoring {
            weights: profile.weights(),
            site_kind: sites.kind,
            sub: Vec::with_capacity(n * k),
            knockout: Vec::with_capacity(n),
            homes: Vec::with_capacity(n),
            term_years: Vec::with_capacity(n),
            grid: Vec::with_capacity(n),
            scores: vec![0.0; n],
            generation: next_generation(),
            profile,
            reference,
            joins,
            spatial,
        };
        for (sub, ko, homes, term, grid) in rows {
            s.sub.extend(sub);
            s.knockout.push(ko);
            s.homes.push(homes);
            s.term_years.push(term);
            s.grid.push(grid);
        }
        s.rescore();
        Ok(s)
    }

    pub fn len(&self) -> usize {
        self.knockout.len()
    }

    pub fn is_empty(&self) -> bool {
        self.knockout.is_empty()
    }

    /// Sets one weight by criterion key (0–100).
    pub fn set_weight(&mut self, key: &str, weight: f64) -> Result<(), ScoreError> {
        let Some(i) = self.profile.criteria.iter().position(|c| c.key == key) else {
            return Err(ScoreError::UnknownCriterion {
                name: key.to_string(),
                allowed: self
                    .profile
                    .criteria
                    .iter()
                    .map(|c| c.key.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        };
        if !(0.0..=100.0).contains(&weight) {
            return Err(ScoreError::WeightOutOfRange {
                name: key.to_string(),
                value: weight,
            });
        }
        self.weights[i] = weight;
        Ok(())
    }

    /// Recomputes the scores with the current weights; no facts are re-read.
    pub fn rescore(&mut self) {
        self.scores = self.scores_with(&self.weights);
        self.generation = next_generation();
    }

    /// Differs between any two scorings and after every rescore, so a cache of
    /// anything drawn from the scores (map tiles) knows when it is stale.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Scores under other weights, without touching `self`.
    fn scores_with(&self, weights: &[f64]) -> Vec<f32> {
        let scored: Vec<bool> = (0..weights.len()).map(|c| self.spatial.scored(c)).collect();
        weighted_scores(&self.sub, &self.knockout, &scored, weights)
    }

    pub fn sub_scores(&self, i: usize) -> &[f32] {
        let k = self.weights.len();
        &self.sub[i * k..(i + 1) * k]
    }

    pub fn is_knocked_out(&self, i: usize) -> bool {
        self.knockout[i] != 0
    }

    /// Site indices best first: knocked-out sites last, ties by index.
    pub fn ranking(&self) -> Vec<u32> {
        rank(&self.scores, &self.knockout, self.len())
    }

    /// The best `n` sites, best first (partial sort).
    pub fn top(&self, n: usize) -> Vec<u32> {
        rank(&self.scores, &self.knockout, n)
    }

    /// The candidate list as the user asked for it: filtered, sorted, at most
    /// `query.limit` sites. Sorting and filtering are Rust's job, the UI only shows.
    pub fn query(&self, ds: &Dataset, query: &ListQuery) -> Vec<u32> {
        let text = query.text.trim().to_lowercase();
        let layer = ds.site_layer(&self.profile);
        let keep = |i: usize| {
            query.sites.as_ref().is_none_or(|f| f.keeps(i as u32))
                && (!query.free_only || self.is_free_land(i))
                && (!query.unconstrained_only || !self.has_hard_constraint(ds, i))
                && (query.include_knockouts || self.knockout[i] == 0)
                && f64::from(self.scores[i]) >= query.min_score
                && (text.is_empty()
                    || layer.is_some_and(|l| {
                        [Field::Id, Field::Address, Field::Name, Field::RvbCode]
                            .iter()
                            .filter_map(|f| l.text(i, *f))
                            .any(|t| t.to_lowercase().contains(&text))
                    }))
        };
        let mut sites: Vec<u32> = (0..self.len() as u32)
            .filter(|&i| keep(i as usize))
            .collect();
        let by_score = |a: &u32, b: &u32| {
            let (a, b) = (*a as usize, *b as usize);
            (self.knockout[a] != 0)
                .cmp(&(self.knockout[b] != 0))
                .then(self.scores[b].total_cmp(&self.scores[a]))
        };
        // Unknown terms sort last; an open end counts as the longest term.
        let term = |i: u32| {
            let t = self.term_years[i as usize];
            if t.is_nan() {
                f32::NEG_INFINITY
            } else {
                t
            }
        };
        // Best first: available, limited, queue (soonest year first), unknown last.
        let grid_rank = |i: u32| {
            let g = self.grid[i as usize];
            let class = match g {
                GridStatus::Available => 0,
                GridStatus::Limited { .. } => 1,
                GridStatus::Requested { .. } => 2,
                GridStatus::Queue { .. } => 3,
                GridStatus::Unknown => 4,
            };
            (class, g.year().unwrap_or(i32::MAX))
        };
        sites.sort_by(|a, b| {
            let primary = match query.sort {
                SortKey::Score => std::cmp::Ordering::Equal,
                SortKey::Homes => self.homes[*b as usize].total_cmp(&self.homes[*a as usize]),
                SortKey::Term => term(*b).total_cmp(&term(*a)),
                SortKey::Grid => grid_rank(*a).cmp(&grid_rank(*b)),
            };
            let primary = if query.ascending {
                primary.reverse()
            } else {
                primary
            };
            primary.then_with(|| by_score(a, b)).then(a.cmp(b))
        });
        sites.truncate(query.limit);
        sites
    }

    /// The facts of one site, for its detail view and explanation.
    /// The listing that covers most of site `i`, if any (not for listing sites).
    pub fn listing_of(&self, i: usize) -> Option<u32> {
        self.joins.listing.get(&(i as u32)).copied()
    }

    pub fn facts(&self, ds: &Dataset, i: usize) -> Option<SiteFacts> {
        let sites = ds.site_layer(&self.profile)?;
        (i < sites.len())
            .then(|| facts_of(ds, &self.profile, sites, &self.joins, i, self.reference))
    }

    /// Everything the detail panel shows about one site.
    pub fn detail(&self, ds: &Dataset, i: usize) -> Option<SiteDetail> {
        let layer = ds.site_layer(&self.profile)?;
        let facts = self.facts(ds, i)?;
        let total: f64 = self.effective_weights().iter().sum();
        let criteria = self
            .profile
            .criteria
            .iter()
            .enumerate()
            .map(|(c, crit)| CriterionScore {
                key: crit.key.clone(),
                label: crit.label.clone(),
                weight: self.weights[c],
                share: if total > 0.0 {
                    self.effective_weights()[c] / total
                } else {
                    0.0
                },
                score: f64::from(self.sub_scores(i)[c]),
                knocked_out: self.knockout[i] & (1 << c.min(31)) != 0,
                scored: self.spatial.scored(c),
            })
            .collect();
        let mut attributes: Vec<(String, String)> = locatiescout_model::attrs::Field::TEXT
            .iter()
            .filter_map(|f| {
                layer
                    .text(i, *f)
                    .map(|t| (f.key().to_string(), t.to_string()))
            })
            .collect();
        attributes.extend(layer.extras(i).map(|(k, v)| (k.to_string(), v.to_string())));
        let score = f64::from(self.scores[i]);
        Some(SiteDetail {
            index: i as u32,
            id: layer.label(i),
            score,
            band: if self.knockout[i] != 0 {
                Text::new("band.knocked_out")
            } else {
                self.profile.band_for(score, years_of(facts.term)).0
            },
            explanation: self.explain(ds, i),
            knockout_reasons: self.knockout_reasons(ds, i),
            criteria,
            facts,
            spatial: self.spatial_facts(ds, i),
            attributes,
            invalid_geometry: layer.invalid[i],
            source_file: layer.report.path.display().to_string(),
            source_feature: layer.source_index[i] as usize,
        })
    }

    /// Whether site `i` is known to be free land: a scored built share below
    /// [`crate::spatial::FREE_LAND_MAX_BUILT_PCT`].
    pub fn is_free_land(&self, i: usize) -> bool {
        self.profile.criteria.iter().enumerate().any(|(ci, c)| {
            c.input == Input::BuiltShare
                && self.spatial.column(ci).is_some_and(|col| {
                    col.values.get(i).is_some_and(|v| {
                        f64::from(v.value) < crate::spatial::FREE_LAND_MAX_BUILT_PCT
                    })
                })
        })
    }

    /// Whether site `i` lies in a constraint layer (at least
    /// [`crate::spatial::HARD_CONSTRAINT_MIN_PCT`]) or a spatial criterion knocks it out.
    pub fn has_hard_constraint(&self, ds: &Dataset, i: usize) -> bool {
        self.profile.criteria.iter().enumerate().any(|(ci, c)| {
            let Some(col) = self.spatial.column(ci) else {
                return false;
            };
            let knocked = self.knockout[i] & (1 << ci.min(31)) != 0;
            let in_constraint = c.input == Input::OverlapShare
                && c.layer
                    .as_deref()
                    .and_then(|n| crate::spatial::named(ds, n))
                    .is_some_and(|l| l.role == locatiescout_model::layer::LayerRole::Constraint)
                && col
                    .values
                    .get(i)
                    .is_some_and(|v| f64::from(v.value) >= crate::spatial::HARD_CONSTRAINT_MIN_PCT);
            knocked || in_constraint
        })
    }

    /// The weights as they count: 0 for a criterion that is not scored.
    pub fn effective_weights(&self) -> Vec<f64> {
        self.weights
            .iter()
            .enumerate()
            .map(|(c, w)| if self.spatial.scored(c) { *w } else { 0.0 })
            .collect()
    }

    /// Each spatial criterion of site `i` in Dutch, with its deciding feature.
    pub fn spatial_facts(&self, ds: &Dataset, i: usize) -> Vec<crate::spatial::SpatialFact> {
        self.profile
            .criteria
            .iter()
            .enumerate()
            .filter_map(|(ci, c)| crate::spatial::fact(ds, &self.spatial, c, ci, i))
            .collect()
    }

    /// The raw value of spatial criterion `key` for site `i` (% or m), if computed.
    pub fn spatial_value(&self, key: &str, i: usize) -> Option<&crate::spatial::SpatialValue> {
        let ci = self.profile.criteria.iter().position(|c| c.key == key)?;
        self.spatial.column(ci)?.values.get(i)
    }

    /// Knock-out reasons, one sentence each.
    pub fn knockout_reasons(&self, ds: &Dataset, i: usize) -> Vec<Text> {
        self.facts(ds, i)
            .map(|f| self.reasons_from(ds, &f, i))
            .unwrap_or_default()
    }

    fn reasons_from(&self, ds: &Dataset, f: &SiteFacts, i: usize) -> Vec<Text> {
        self.profile
            .criteria
            .iter()
            .enumerate()
            .filter(|(c, _)| self.knockout[i] & (1 << (*c).min(31)) != 0)
            .map(
                |(ci, c)| match crate::spatial::fact(ds, &self.spatial, c, ci, i) {
                    Some(sf) => sf.text,
                    None => knockout_reason(c, f),
                },
            )
            .collect()
    }

    /// The one-line explanation of a site's score.
    pub fn explain(&self, ds: &Dataset, i: usize) -> Text {
        let Some(f) = self.facts(ds, i) else {
            return Text::plain("");
        };
        let what = match self.profile.sites {
            SiteLayer::Parcels => Text::new("what.parcel")
                .num("ha", f.area_m2 / 10_000.0, 1)
                .num("homes", f.homes, 0),
            SiteLayer::Buildings => {
                let function = f.functions.first().map_or_else(
                    || Text::new("bag.gebouw"),
                    |s| {
                        let key = format!("bag.{}", s.trim().to_lowercase());
                        match locatiescout_model::text::known_key(&key) {
                            Some(k) => Text::new(k),
                            None => Text::plain(s.trim_end_matches("functie")),
                        }
                    },
                );
                let part = |key, v: Option<String>| {
                    v.map_or_else(|| Text::plain(""), |v| Text::new(key).str("v", v))
                };
                Text::new("what.building")
                    .text("function", function)
                    .num("m2", f.floor_area_m2.unwrap_or(0.0), 0)
                    .text(
                        "estimated",
                        if f.floor_area_estimated {
                            Text::new("what.estimated")
                        } else {
                            Text::plain("")
                        },
                    )
                    .num("homes", f.homes, 0)
                    .text(
                        "year",
                        part("what.year", f.year_built.map(|y| y.to_string())),
                    )
                    .text(
                        "status",
                        part("what.status", f.status.as_ref().map(|s| s.to_lowercase())),
                    )
                    .text("disposal", part("what.disposal", f.disposal.clone()))
            }
        };
        let term = match f.term {
            Term::Years(y) => Text::new("term.years").num("years", y, 0),
            // The source gives a start and no end: that is not a promise of permanence.
            Term::OpenEnd => Text::new("term.open"),
            Term::Unknown => Text::new("term.unknown"),
        };
        let (scored, missing): (Vec<_>, Vec<_>) = self
            .spatial_facts(ds, i)
            .into_iter()
            .partition(|f| f.scored);
        let mut spatial: Vec<Text> = scored
            .into_iter()
            .map(|sf| Text::new("explain.spatial").text("fact", sf.text))
            .collect();
        if !missing.is_empty() {
            let what: Vec<Text> = missing
                .iter()
                .filter_map(|f| {
                    let ci = self.profile.criteria.iter().position(|c| c.key == f.key)?;
                    let why = self.spatial.column(ci)?.not_scored.clone()?;
                    let c = &self.profile.criteria[ci];
                    Some(
                        Text::new("explain.not_scored_item")
                            .text("label", c.label_text().lowercase())
                            .text("why", why),
                    )
                })
                .collect();
            spatial.push(Text::new("explain.not_scored").join("what", what, ", "));
        }
        let body = Text::new("explain.body")
            .text("what", what)
            .text("term", term)
            .text("grid", f.grid.text())
            .text("detail", f.grid_reading.detail.clone())
            .join("spatial", spatial, "");
        if self.knockout[i] != 0 {
            Text::new("explain.knocked_out")
                .join("reasons", self.reasons_from(ds, &f, i), "; ")
                .text("body", body)
        } else {
            let score = f64::from(self.scores[i]);
            match self.profile.band_for(score, years_of(f.term)) {
                (band, true) => Text::new("explain.capped")
                    .text("band", band)
                    .num("years", self.profile.params.top_band_min_term_years, 0)
                    .text("top", self.profile.top_band())
                    .text("body", body),
                (band, false) => Text::new("explain.band")
                    .text("band", band)
                    .text("body", body),
            }
        }
    }

    /// How stable the top `n` is when each weight moves ±`shift` (0.2 = 20 %).
    pub fn sensitivity(&self, n: usize, shift: f64) -> Sensitivity {
        self.sensitivity_input().run(n, shift)
    }

    /// What [`Scoring::sensitivity`] reads, borrowed; `into_owned` lets a front end
    /// run it without holding the scoring (the app's map tiles need it meanwhile).
    pub fn sensitivity_input(&self) -> SensitivityInput<'_> {
        SensitivityInput {
            sub: std::borrow::Cow::Borrowed(&self.sub),
            knockout: std::borrow::Cow::Borrowed(&self.knockout),
            weights: self.weights.clone(),
            scored: (0..self.weights.len())
                .map(|c| self.spatial.scored(c))
                .collect(),
            keys: self
                .profile
                .criteria
                .iter()
                .map(|c| c.key.clone())
                .collect(),
        }
    }
}

fn knockout_reason(c: &Criterion, f: &SiteFacts) -> Text {
    let min = c.knockout_below.unwrap_or(0.0);
    match c.input {
        Input::Homes => Text::new("ko.small")
            .num("homes", f.homes, 0)
            .num("min", min, 0),
        Input::TermYears => match f.term {
            Term::Years(y) => Text::new("ko.term_short")
                .num("years", y, 1)
                .num("min", min, 0),
            _ => Text::new("ko.term"),
        },
        Input::Functions => Text::new("ko.function").str("v", f.functions.join(", ")),
        Input::Status => Text::new("ko.status").str("v", f.status.as_deref().unwrap_or("")),
        Input::Disposal => Text::new("ko.disposal").str("v", f.disposal.as_deref().unwrap_or("")),
        Input::Grid => Text::new("ko.grid").text("grid", f.grid.text()),
        Input::OwnerType => Text::new("ko.owner").str("v", f.owner.as_deref().unwrap_or("")),
        _ => Text::new("ko.below").text("label", c.label_text()),
    }
}

fn years_of(t: Term) -> Option<f64> {
    match t {
        Term::Years(y) => Some(y),
        _ => None,
    }
}

/// The sub-scores, knock-outs and weights the weight sensitivity works on.
pub struct SensitivityInput<'a> {
    sub: std::borrow::Cow<'a, [f32]>,
    knockout: std::borrow::Cow<'a, [u32]>,
    weights: Vec<f64>,
    scored: Vec<bool>,
    keys: Vec<String>,
}

impl SensitivityInput<'_> {
    /// A copy that no longer borrows the scoring (5 M sites: ~200 MB, copied in ~0.1 s).
    pub fn into_owned(self) -> SensitivityInput<'static> {
        SensitivityInput {
            sub: std::borrow::Cow::Owned(self.sub.into_owned()),
            knockout: std::borrow::Cow::Owned(self.knockout.into_owned()),
            weights: self.weights,
            scored: self.scored,
            keys: self.keys,
        }
    }

    /// Whether the top `n` stays when each weight moves by ±`shift` (0.2 = 20 %).
    pub fn run(&self, n: usize, shift: f64) -> Sensitivity {
        let current = weighted_scores(&self.sub, &self.knockout, &self.scored, &self.weights);
        let base = rank(&current, &self.knockout, n);
        let n = base.len();
        let mut per_criterion = Vec::new();
        let mut worst_rank: HashMap<u32, usize> =
            base.iter().enumerate().map(|(r, &s)| (s, r)).collect();
        for (c, key) in self.keys.iter().enumerate() {
            let mut overlaps = [0.0; 2];
            for (d, factor) in [1.0 - shift, 1.0 + shift].into_iter().enumerate() {
                let mut w = self.weights.clone();
                w[c] = (w[c] * factor).clamp(0.0, 100.0);
                let scores = weighted_scores(&self.sub, &self.knockout, &self.scored, &w);
                // Look a little deeper than n so a site that drops out still gets a rank.
                let deeper = rank(&scores, &self.knockout, (n * 3).max(n + 10));
                let pos: HashMap<u32, usize> =
                    deeper.iter().enumerate().map(|(r, &s)| (s, r)).collect();
                let kept = base
                    .iter()
                    .filter(|s| pos.get(s).is_some_and(|&r| r < n))
                    .count();
                overlaps[d] = if n == 0 { 1.0 } else { kept as f64 / n as f64 };
                for s in &base {
                    let r = pos.get(s).copied().unwrap_or(usize::MAX);
                    if let Some(wr) = worst_rank.get_mut(s) {
                        *wr = (*wr).max(r);
                    }
                }
            }
            per_criterion.push(CriterionShift {
                key: key.clone(),
                overlap_down: overlaps[0],
                overlap_up: overlaps[1],
            });
        }
        let sites = base
            .iter()
            .enumerate()
            .map(|(r, s)| {
                let worst = worst_rank.get(s).copied().unwrap_or(r);
                SiteStability {
                    site: *s,
                    rank: r + 1,
                    worst_rank: worst.checked_add(1),
                    stable: worst < n,
                }
            })
            .collect();
        Sensitivity {
            top_n: n,
            shift,
            per_criterion,
            sites,
        }
    }
}

/// Every site's score under `weights`: a knocked-out site 0, else the weighted
/// mean of its sub-scores, where a criterion that cannot be scored gives its
/// weight to the others.
fn weighted_scores(sub: &[f32], knockout: &[u32], scored: &[bool], weights: &[f64]) -> Vec<f32> {
    let k = weights.len();
    let weights: Vec<f64> = weights
        .iter()
        .enumerate()
        .map(|(c, w)| {
            if scored.get(c).copied().unwrap_or(true) {
                *w
            } else {
                0.0
            }
        })
        .collect();
    let total: f64 = weights.iter().sum();
    let wf: Vec<f32> = weights
        .iter()
        .map(|x| if total > 0.0 { (x / total) as f32 } else { 0.0 })
        .collect();
    (0..knockout.len())
        .into_par_iter()
        .map(|i| {
            if knockout[i] != 0 {
                0.0
            } else {
                sub[i * k..(i + 1) * k]
                    .iter()
                    .zip(&wf)
                    .map(|(s, w)| s * w)
                    .sum()
            }
        })
        .collect()
}

fn rank(scores: &[f32], knockout: &[u32], n: usize) -> Vec<u32> {
    let cmp = |a: &u32, b: &u32| {
        let (a, b) = (*a as usize, *b as usize);
        (knockout[a] != 0)
            .cmp(&(knockout[b] != 0))
            .then(scores[b].total_cmp(&scores[a]))
            .then(a.cmp(&b))
    };
    let mut idx: Vec<u32> = (0..scores.len() as u32).collect();
    let n = n.min(idx.len());
    if n == 0 {
        return Vec::new();
    }
    if n < idx.len() {
        idx.select_nth_unstable_by(n - 1, cmp);
        idx.truncate(n);
    }
    idx.sort_unstable_by(cmp);
    idx
}

/// What the candidate list sorts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    /// Best score first (knock-outs last).
    #[default]
    Score,
    /// Most homes first.
    Homes,
    /// Longest availability first (open end first, unknown last).
    Term,
    /// Best grid status first (available, limited, requested, not connected, queue, unknown).
    Grid,
}

/// The candidate list's filter and order.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct ListQuery {
    pub sort: SortKey,
    /// Reverse the sort key (ties still by score).
    pub ascending: bool,
    pub min_score: f64,
    pub include_knockouts: bool,
    /// Case-insensitive match on id, address, name or RVB code.
    pub text: String,
    pub limit: usize,
    /// Only sites whose built share is known and below [`crate::spatial::FREE_LAND_MAX_BUILT_PCT`].
    #[serde(default)]
    pub free_only: bool,
    /// Leave out sites in a constraint layer or knocked out by a spatial criterion.
    #[serde(default)]
    pub unconstrained_only: bool,
    /// Restrict to (or leave out) a set of sites, e.g. the flagged ones.
    #[serde(skip)]
    pub sites: Option<SiteFilter>,
}

/// A set of site indices a list keeps or leaves out.
#[derive(Debug, Clone, PartialEq)]
pub enum SiteFilter {
    Only(std::collections::HashSet<u32>),
    Except(std::collections::HashSet<u32>),
}

impl SiteFilter {
    pub fn keeps(&self, i: u32) -> bool {
        match self {
            SiteFilter::Only(s) => s.contains(&i),
            SiteFilter::Except(s) => !s.contains(&i),
        }
    }
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            sort: SortKey::Score,
            ascending: false,
            min_score: 0.0,
            include_knockouts: true,
            text: String::new(),
            limit: usize::MAX,
            free_only: false,
            unconstrained_only: false,
            sites: None,
        }
    }
}

/// One criterion's part in a site's score.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CriterionScore {
    pub key: String,
    pub label: String,
    pub weight: f64,
    /// Weight as a share of all weights (0–1).
    pub share: f64,
    /// Sub-score 0–100.
    pub score: f64,
    pub knocked_out: bool,
    /// False when the criterion could not be scored (its layer is missing); its
    /// weight went to the others.
    pub scored: bool,
}

/// A site's breakdown, explanation, facts and every attribute, with its source.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SiteDetail {
    pub index: u32,
    pub id: String,
    pub score: f64,
    pub band: Text,
    pub explanation: Text,
    pub knockout_reasons: Vec<Text>,
    pub criteria: Vec<CriterionScore>,
    pub facts: SiteFacts,
    /// Each spatial criterion with the feature that decided it.
    pub spatial: Vec<crate::spatial::SpatialFact>,
    /// Recognised fields by their Locatiescout key, then the file's own extra fields.
    pub attributes: Vec<(String, String)>,
    pub invalid_geometry: bool,
    pub source_file: String,
    /// Feature index (GeoJSON) or line (CSV) in the source file.
    pub source_feature: usize,
}

/// Result of the ±shift weight test.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Sensitivity {
    pub top_n: usize,
    pub shift: f64,
    pub per_criterion: Vec<CriterionShift>,
    pub sites: Vec<SiteStability>,
}

/// Share of the top-N that stays when one weight goes down / up.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CriterionShift {
    pub key: String,
    pub overlap_down: f64,
    pub overlap_up: f64,
}

/// Whether a top site stays in the top-N under every shift ("stabiel") or not ("gevoelig").
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SiteStability {
    pub site: u32,
    pub rank: usize,
    /// Worst rank seen (1-based) within the depth looked at; `None` when deeper.
    pub worst_rank: Option<usize>,
    pub stable: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use locatiescout_model::nl::nl_number;

    #[test]
    fn dutch_numbers() {
        assert_eq!(nl_number(1234.56, 1), "1.234,6");
        assert_eq!(nl_number(1.2, 1), "1,2");
        assert_eq!(nl_number(36.0, 0), "36");
        assert_eq!(nl_number(1_000_000.0, 0), "1.000.000");
    }

    #[test]
    fn term_counts_from_reference_date_and_open_end_is_permanent() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        let r = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        assert_eq!(term_of(d(2024, 1, 1), None, r), Term::OpenEnd);
        assert_eq!(term_of(None, None, r), Term::Unknown);
        match term_of(d(2020, 1, 1), d(2036, 1, 1), r) {
            Term::Years(y) => assert!((y - 10.0).abs() < 0.01),
            t => panic!("{t:?}"),
        }
    }

    #[test]
    fn rank_puts_knockouts_last_and_is_deterministic() {
        let scores = [50.0, 80.0, 80.0, 0.0, 90.0];
        let ko = [0, 0, 0, 1, 1];
        assert_eq!(rank(&scores, &ko, 5), vec![1, 2, 0, 4, 3]);
        assert_eq!(rank(&scores, &ko, 2), vec![1, 2]);
    }
}
