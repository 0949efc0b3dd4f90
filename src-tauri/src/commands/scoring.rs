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

#[tauri::command]
pub fn site_detail(state: State<'_, AppState>, index: u32) -> Result<SiteDetailDto, ApiError> {
    let lang = state.lang();
    with_session(&state, |s| {
        let i = index as usize;
        let mut dto = s
            .scoring
            .detail(&s.ds, i)
            .map(|d| SiteDetailDto::new(d, lang))
            .ok_or_else(|| {
                ApiError::new(ErrorCode::Score, format!("geen locatie met nummer {index}"))
            })?;
        dto.bounds =
            s.ds.site_layer(&s.scoring.profile)
                .and_then(|l| l.bbox(i))
                .and_then(locatiescout::model::crs::rd_rect_to_wgs84);
        if let Some((l, link)) = s.listing_links(i) {
            dto.listing = ListingLinksDto::new(s, l, &link);
        }
        Ok(dto)
    })
}

/// "Stabiel / gevoelig" for the top sites under ±20 % per weight; separate from
/// `set_weights` so dragging a slider stays quick on large data.
#[tauri::command]
pub async fn sensitivity(state: State<'_, AppState>) -> Result<SensitivityDto, ApiError> {
    let st = state.inner().clone();
    crate::commands::blocking(move || {
        // Copied under the lock, computed after it: on 5 M sites this takes seconds,
        // and the map's tiles need the session meanwhile.
        let (input, profile) = with_session(&st, |s| {
            Ok((
                s.scoring.sensitivity_input().into_owned(),
                s.scoring.profile.clone(),
            ))
        })?;
        use locatiescout::scoring::{SENSITIVITY_SHIFT, SENSITIVITY_TOP};
        let r = input.run(SENSITIVITY_TOP, SENSITIVITY_SHIFT);
        Ok(SensitivityDto::new(&r, &profile))
    })
    .await
}
