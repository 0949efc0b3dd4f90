//! Transport types of the PDOK fetch dialog.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use locatiescout::fetch::FetchRequest;
use locatiescout::io::fetch::{Area, Collection, FetchProgress, Outcome};
use locatiescout::AppError;

use crate::dto::OverviewDto;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct GemeenteDto {
    /// CBS code, e.g. GM0344.
    pub code: String,
    pub name: String,
}

/// A municipality (CBS code) or a box "X1,Y1,X2,Y2" in RD New metres.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct FetchRequestDto {
    pub gemeente: Option<String>,
    pub bbox: Option<String>,
    /// percelen, panden, verblijfsobjecten
    pub what: Vec<String>,
    /// Download again even if the project has this area.
    pub refresh: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct FetchProgressDto {
    pub collection: String,
    pub pages: u32,
    #[ts(type = "number")]
    pub features: u64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct FetchResultDto {
    pub overview: OverviewDto,
    pub area: String,
    /// One Dutch line per collection: fetched, or already there.
    pub lines: Vec<String>,
}

impl FetchRequestDto {
    /// The use case's request: collection names, a CBS code or a box, checked.
    pub fn to_request(&self) -> Result<FetchRequest, AppError> {
        let what = self.what.iter().map(String::as_str);
        FetchRequest::parse(
            what,
            self.gemeente.as_deref(),
            self.bbox.as_deref(),
            self.refresh,
        )
    }
}

impl From<FetchProgress> for FetchProgressDto {
    fn from(p: FetchProgress) -> Self {
        FetchProgressDto {
            collection: p.collection.key().into(),
            pages: p.pages,
            features: p.features,
        }
    }
}

impl FetchResultDto {
    /// One line per collection, and the hint to fetch again when one was already there.
    pub fn new(overview: OverviewDto, area: &Area, outcomes: &[(Collection, Outcome)]) -> Self {
        FetchResultDto {
            overview,
            lines: outcomes
                .iter()
                .map(|(c, o)| o.describe(*c))
                .chain(
                    outcomes
                        .iter()
                        .any(|(_, o)| matches!(o, Outcome::Cached(_)))
                        .then(|| "Vink 'Opnieuw ophalen' aan om toch te downloaden.".to_string()),
                )
                .collect(),
            area: area.label.clone(),
        }
    }
}
