//! [`Scoring`]: every site's facts read once and turned into sub-scores, so a
//! weight change only redoes a weighted sum.

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use super::facts::{facts_of, SiteFacts, Term};
use super::joins::{build_joins, Joins};
use super::rank::{rank, weighted_scores};
use super::sub_score::{spatial_sub_score, sub_score};
use crate::dataset::Dataset;
use crate::grid_connection::GridStatus;
use crate::profile::{Profile, SiteLayer};
use crate::spatial::{SpatialInputs, SpatialValue};
use locatiescout_model::layer::LayerKind;

/// The scores of every site of one profile, ready to be re-weighted.
pub struct Scoring {
    pub profile: Profile,
    pub site_kind: LayerKind,
    /// Weights in use (start at the profile's).
    pub weights: Vec<f64>,
    /// Row-major sites × criteria sub-scores.
    pub(super) sub: Vec<f32>,
    /// Bit c set = criterion c knocks the site out.
    pub(super) knockout: Vec<u32>,
    pub homes: Vec<f32>,
    /// Years of availability; NaN = unknown, +∞ = open end.
    pub term_years: Vec<f32>,
    pub grid: Vec<GridStatus>,
    pub scores: Vec<f32>,
    /// New with every scoring and every rescore: what the map's tile cache keys on.
    pub(super) generation: u64,
    pub(super) reference: NaiveDate,
    pub(super) joins: Joins,
    /// Spatial criterion inputs, computed once per layer change.
    pub spatial: SpatialInputs,
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
    #[error(
        "profiel '{profile}' heeft geen peildatum om beschikbaarheid en termijnen vanaf te tellen"
    )]
    NoReferenceDate { profile: String },
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

    /// The date this scoring measured availability and terms from.
    pub fn reference_date(&self) -> NaiveDate {
        self.reference
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
        let reference = profile
            .reference_date()
            .ok_or_else(|| ScoreError::NoReferenceDate {
                profile: profile.key.clone(),
            })?;
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
    pub(super) fn scores_with(&self, weights: &[f64]) -> Vec<f32> {
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

    /// The listing that covers most of site `i`, if any (not for listing sites).
    pub fn listing_of(&self, i: usize) -> Option<u32> {
        self.joins.listing.get(&(i as u32)).copied()
    }

    /// The facts of one site, for its detail view and explanation.
    pub fn facts(&self, ds: &Dataset, i: usize) -> Option<SiteFacts> {
        let sites = ds.site_layer(&self.profile)?;
        (i < sites.len())
            .then(|| facts_of(ds, &self.profile, sites, &self.joins, i, self.reference))
    }

    /// The weights as they count: 0 for a criterion that is not scored.
    pub fn effective_weights(&self) -> Vec<f64> {
        self.weights
            .iter()
            .enumerate()
            .map(|(c, w)| if self.spatial.scored(c) { *w } else { 0.0 })
            .collect()
    }

    /// The raw value of spatial criterion `key` for site `i` (% or m), if computed.
    pub fn spatial_value(&self, key: &str, i: usize) -> Option<&SpatialValue> {
        let ci = self.profile.criteria.iter().position(|c| c.key == key)?;
        self.spatial.column(ci)?.values.get(i)
    }
}
