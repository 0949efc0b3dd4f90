//! Ranking, weights, the map source and site details.

use tauri::State;

use crate::dto::{site_rows, ListQueryDto, RescoreDto, SiteDetailDto, SiteRowDto, WeightDto};
use crate::error::{ApiError, ErrorCode};
use crate::state::{with_session, AppState};

/// The candidate list, sorted and filtered in the core.
#[tauri::command]
pub fn ranking(
    state: State<'_, AppState>,
    query: ListQueryDto,
) -> Result<Vec<SiteRowDto>, ApiError> {
    with_session(&state, |s| {
        let sites = s.scoring.query(&s.ds, &query.into());
        Ok(site_rows(&s.ds, &s.scoring, &sites))
    })
}

/// The scored sites as GeoJSON text (WGS84) for the map source.
#[tauri::command]
pub fn sites_geojson(state: State<'_, AppState>) -> Result<String, ApiError> {
    with_session(&state, |s| {
        let bytes = locatiescout::export::sites_geojson(&s.ds, &s.scoring, &s.scoring.ranking())?;
        String::from_utf8(bytes).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
    })
}

/// New weights: rescoring happens here, the UI only repaints.
#[tauri::command]
pub fn set_weights(
    state: State<'_, AppState>,
    weights: Vec<WeightDto>,
    query: ListQueryDto,
) -> Result<RescoreDto, ApiError> {
    with_session(&state, |s| {
        for w in &weights {
            s.scoring.set_weight(&w.key, w.weight)?;
        }
        s.scoring.rescore();
        let top = site_rows(&s.ds, &s.scoring, &s.scoring.query(&s.ds, &query.into()));
        Ok(RescoreDto {
            scores: s.scoring.scores.clone(),
            top,
        })
    })
}

#[tauri::command]
pub fn site_detail(state: State<'_, AppState>, index: u32) -> Result<SiteDetailDto, ApiError> {
    with_session(&state, |s| {
        s.scoring
            .detail(&s.ds, index as usize)
            .map(SiteDetailDto::from)
            .ok_or_else(|| {
                ApiError::new(ErrorCode::Score, format!("geen locatie met nummer {index}"))
            })
    })
}
