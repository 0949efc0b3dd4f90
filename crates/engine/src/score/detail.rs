//! One site explained: its sub-scores per criterion, its facts, the spatial
//! facts with their deciding feature, the knock-out reasons and the one-line
//! explanation ([`SiteDetail`]).

use super::facts::{SiteFacts, Term};
use super::scoring::Scoring;
use crate::dataset::Dataset;
use crate::profile::{Criterion, Input, SiteLayer};
use crate::spatial::SpatialFact;
use locatiescout_model::text::Text;

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
    /// The full source identifier, which joins back to the source file.
    pub id: String,
    /// As a planner names the site ("Voorbeeldstad A 9"); see `Layer::display_name`.
    pub name: String,
    pub score: f64,
    pub band: Text,
    pub explanation: Text,
    pub knockout_reasons: Vec<Text>,
    pub criteria: Vec<CriterionScore>,
    pub facts: SiteFacts,
    /// Each spatial criterion with the feature that decided it.
    pub spatial: Vec<SpatialFact>,
    /// Recognised fields by their Locatiescout key, then the file's own extra fields.
    pub attributes: Vec<(String, String)>,
    pub invalid_geometry: bool,
    pub source_file: String,
    /// Feature index (GeoJSON) or line (CSV) in the source file.
    pub source_feature: usize,
}

impl Scoring {
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
            name: layer.display_name(i),
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

    /// Each spatial criterion of site `i` in Dutch, with its deciding feature.
    pub fn spatial_facts(&self, ds: &Dataset, i: usize) -> Vec<SpatialFact> {
        self.profile
            .criteria
            .iter()
            .enumerate()
            .filter_map(|(ci, c)| crate::spatial::fact(ds, &self.spatial, c, ci, i))
            .collect()
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

    /// Whether a grid criterion weighs in the score (its weight above 0).
    fn scores_grid(&self) -> bool {
        self.profile
            .criteria
            .iter()
            .zip(&self.weights)
            .any(|(c, w)| c.input == Input::Grid && *w > 0.0)
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
        // The grid is said only when it counts: a profile without a weighted grid
        // criterion would otherwise seem to judge what it ignores.
        let body = if self.scores_grid() {
            Text::new("explain.body")
                .text("grid", f.grid.text())
                .text("detail", f.grid_reading.detail.clone())
        } else {
            Text::new("explain.body_no_grid")
        }
        .text("what", what)
        .text("term", term)
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
