//! Transport types of the comparison of sites: rows and values rendered in the
//! window's language.

use serde::Serialize;
use ts_rs::TS;

use locatiescout::engine::compare::{group_text, Comparison};
use locatiescout::model::text::Lang;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct CompareRowDto {
    pub group: String,
    pub label: String,
    pub values: Vec<String>,
    pub differs: bool,
    pub best: Vec<u32>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ComparedSiteDto {
    pub index: u32,
    pub id: String,
    pub score: f64,
    pub band: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ComparisonDto {
    pub profile: String,
    pub sites: Vec<ComparedSiteDto>,
    pub rows: Vec<CompareRowDto>,
}

impl ComparisonDto {
    /// The comparison with every sentence rendered in `lang`.
    pub fn new(c: Comparison, lang: Lang) -> Self {
        ComparisonDto {
            profile: c.profile.render(lang),
            sites: c
                .sites
                .into_iter()
                .map(|s| ComparedSiteDto {
                    index: s.index,
                    id: s.id,
                    score: s.score,
                    band: s.band.render(lang),
                })
                .collect(),
            rows: c
                .rows
                .into_iter()
                .map(|r| CompareRowDto {
                    group: group_text(r.group).render(lang),
                    label: r.label.render(lang),
                    values: r.values.iter().map(|v| v.render(lang)).collect(),
                    differs: r.differs,
                    best: r.best.into_iter().map(|b| b as u32).collect(),
                })
                .collect(),
        }
    }
}
