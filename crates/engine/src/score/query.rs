//! The candidate list: which sites, in which order ([`ListQuery`]) — sorting
//! and filtering are Rust's job, the UI only shows.

use super::scoring::Scoring;
use crate::dataset::Dataset;
use crate::grid_connection::GridStatus;
use crate::profile::Input;
use locatiescout_model::attrs::Field;

impl Scoring {
    /// The candidate list as the user asked for it: filtered, sorted, at most
    /// `query.limit` sites. Sorting and filtering are Rust's job, the UI only shows.
    pub fn query(&self, ds: &Dataset, query: &ListQuery) -> Vec<u32> {
        let text = query.text.trim().to_lowercase();
        let layer = ds.site_layer(&self.profile);
        // The name the list shows ("Voorbeeldstad A 9") finds the site too.
        let namer = layer
            .filter(|_| !text.is_empty())
            .map(locatiescout_model::site_name::SiteNamer::new);
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
                    })
                    || namer
                        .as_ref()
                        .is_some_and(|n| n.name(i).to_lowercase().contains(&text)))
        };
        // In parallel: a text search may build the planner's name of every site
        // (millions at national scale); the order is kept, so results are the same.
        let mut sites: Vec<u32> = {
            use rayon::prelude::*;
            (0..self.len() as u32)
                .into_par_iter()
                .filter(|&i| keep(i as usize))
                .collect()
        };
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
    /// Case-insensitive match on id, address, name, RVB code or the name the list shows.
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
