//! Transport types: separate from the core's domain types, camelCase, and their
//! TypeScript twins generated into `ui/src/bindings/` by `cargo test -p locatiescout-app`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use locatiescout::score::{Dataset, ListQuery, Scoring, SiteDetail, SortKey};

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct CriterionDto {
    pub key: String,
    pub label: String,
    pub weight: f64,
    pub default_weight: f64,
}

/// What the UI needs after a project is opened.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct OverviewDto {
    pub profile: String,
    pub profile_title: String,
    pub sites: u32,
    pub criteria: Vec<CriterionDto>,
    /// WGS84 [west, south, east, north] of the sites, for fitting the map.
    pub bounds: Option<[f64; 4]>,
}

/// One row of the candidate list.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SiteRowDto {
    pub index: u32,
    pub rank: u32,
    pub id: String,
    pub score: f64,
    pub homes: f64,
    /// Years; `null` when unknown, -1 for an open end.
    pub term_years: Option<f64>,
    pub grid: String,
    pub knocked_out: bool,
    pub explanation: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct WeightDto {
    pub key: String,
    pub weight: f64,
}

/// After a weight change: every site's new score (by site index) and the new top.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct RescoreDto {
    pub scores: Vec<f32>,
    pub top: Vec<SiteRowDto>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct CriterionScoreDto {
    pub key: String,
    pub label: String,
    pub share: f64,
    pub score: f64,
    pub knocked_out: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SiteDetailDto {
    pub index: u32,
    pub id: String,
    pub score: f64,
    pub band: String,
    pub explanation: String,
    pub knockout_reasons: Vec<String>,
    pub criteria: Vec<CriterionScoreDto>,
    pub attributes: Vec<(String, String)>,
    pub invalid_geometry: bool,
    pub source_file: String,
    pub source_feature: u32,
}

impl From<SiteDetail> for SiteDetailDto {
    fn from(d: SiteDetail) -> Self {
        SiteDetailDto {
            index: d.index,
            id: d.id,
            score: d.score,
            band: d.band,
            explanation: d.explanation,
            knockout_reasons: d.knockout_reasons,
            criteria: d
                .criteria
                .into_iter()
                .map(|c| CriterionScoreDto {
                    key: c.key,
                    label: c.label,
                    share: c.share,
                    score: c.score,
                    knocked_out: c.knocked_out,
                })
                .collect(),
            attributes: d.attributes,
            invalid_geometry: d.invalid_geometry,
            source_file: d.source_file,
            source_feature: d.source_feature as u32,
        }
    }
}

pub fn site_rows(ds: &Dataset, s: &Scoring, sites: &[u32]) -> Vec<SiteRowDto> {
    let Some(layer) = ds.site_layer(&s.profile) else {
        return Vec::new();
    };
    sites
        .iter()
        .enumerate()
        .map(|(r, &i)| {
            let i = i as usize;
            let t = s.term_years[i];
            SiteRowDto {
                index: i as u32,
                rank: r as u32 + 1,
                id: layer.label(i),
                score: f64::from(s.scores[i]),
                homes: f64::from(s.homes[i]),
                term_years: if t.is_nan() {
                    None
                } else if t.is_infinite() {
                    Some(-1.0)
                } else {
                    Some(f64::from(t))
                },
                grid: s.grid[i].to_string(),
                knocked_out: s.is_knocked_out(i),
                explanation: s.explain(ds, i),
            }
        })
        .collect()
}

#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub enum SortKeyDto {
    Score,
    Homes,
    Term,
    Grid,
}

/// The candidate list's order and filter, as the UI controls set them.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ListQueryDto {
    pub sort: SortKeyDto,
    pub ascending: bool,
    pub min_score: f64,
    pub include_knockouts: bool,
    pub text: String,
    pub limit: u32,
}

impl From<ListQueryDto> for ListQuery {
    fn from(q: ListQueryDto) -> Self {
        ListQuery {
            sort: match q.sort {
                SortKeyDto::Score => SortKey::Score,
                SortKeyDto::Homes => SortKey::Homes,
                SortKeyDto::Term => SortKey::Term,
                SortKeyDto::Grid => SortKey::Grid,
            },
            ascending: q.ascending,
            min_score: q.min_score,
            include_knockouts: q.include_knockouts,
            text: q.text,
            limit: q.limit as usize,
        }
    }
}
