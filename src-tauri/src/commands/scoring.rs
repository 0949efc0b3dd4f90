//! Ranking, weights, the map source and site details.

use tauri::State;

use crate::dto::{
    site_rows, ListQueryDto, ListingLinksDto, RescoreDto, SensitivityDto, SiteDetailDto,
    SiteRowDto, WeightDto,
};
use crate::error::{ApiError, ErrorCode};
use crate::state::{with_session, AppState};

/// The candidate list, sorted and filtered in the core.
#[tauri::command]
pub fn ranking(
    state: State<'_, AppState>,
    query: ListQueryDto,
) -> Result<Vec<SiteRowDto>, ApiError> {
    let lang = state.lang();
    with_session(&state, |s| {
        let sites = s.scoring.query(&s.ds, &query.to_query(&s.flags));
        Ok(site_rows(s, &sites, lang))
    })
}

/// The window's language (`nl` or `en`): the sentences the core sends from now on.
#[tauri::command]
pub fn set_language(state: State<'_, AppState>, lang: String) -> Result<(), ApiError> {
    let l = locatiescout::model::text::Lang::parse(&lang).ok_or_else(|| {
        ApiError::new(
            ErrorCode::Score,
            format!("onbekende taal '{lang}': kies nl of en"),
        )
    })?;
    state.set_lang(l);
    Ok(())
}

/// New weights: rescoring happens here, the UI only repaints.
#[tauri::command]
pub fn set_weights(
    state: State<'_, AppState>,
    weights: Vec<WeightDto>,
    query: ListQueryDto,
) -> Result<RescoreDto, ApiError> {
    let lang = state.lang();
    with_session(&state, |s| {
        s.set_weights(weights.iter().map(|w| (w.key.as_str(), w.weight)))?;
        let sites = s.scoring.query(&s.ds, &query.to_query(&s.flags));
        let top = site_rows(s, &sites, lang);
        Ok(RescoreDto { top })
    })
}

/// A site's breakdown with its extent and, for an RVB listing, its parcels and panden.
#[tauri::command]
pub fn site_detail(state: State<'_, AppState>, index: u32) -> Result<SiteDetailDto, ApiError> {
    let lang = state.lang();
    with_session(&state, |s| {
        let view = s.site_detail(index)?;
        let mut dto = SiteDetailDto::new(view.detail, lang);
        dto.bounds = view.bounds_wgs84;
        dto.listing = view
            .listing
            .and_then(|(l, link)| ListingLinksDto::new(s, l, &link));
        Ok(dto)
    })
}

/// "Stabiel / gevoelig" for the top sites under ±20 % per weight; separate from
/// `set_weights` so dragging a slider stays quick on large data.
#[tauri::command]
pub async fn sensitivity(state: State<'_, AppState>) -> Result<SensitivityDto, ApiError> {
    let st = state.inner().clone();
    crate::commands::blocking(move || {
        let (r, profile) = locatiescout::scoring::stability(&st)?;
        Ok(SensitivityDto::new(&r, &profile))
    })
    .await
}
