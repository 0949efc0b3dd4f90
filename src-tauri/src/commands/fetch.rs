//! "Haal gegevens op bij PDOK": parcels, panden and verblijfsobjecten for a
//! municipality or a box, with progress and cancel. The download runs outside
//! the session lock (the window keeps working); what arrived is stored and
//! scored in one step at the end, so a failure or a cancel changes nothing.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use std::path::Path;

use locatiescout::geocode::GeocodeRequest;
use locatiescout::io::fetch::FetchProgress;
use tauri::ipc::Channel;
use tauri::State;

use crate::commands::blocking;
use crate::commands::fieldmap::{chosen_or_default, mapping_of};
use crate::commands::project::{imported, overview, percent_progress};
use crate::dto::{
    ColumnChoiceDto, ImportProgressDto, ImportReportDto, ImportResultDto, LayerKindDto,
};
use crate::dto_fetch::{FetchProgressDto, FetchRequestDto, FetchResultDto, GemeenteDto};
use crate::error::ApiError;
use crate::state::{with_session, AppState};

/// The municipalities that can be fetched, by name.
#[tauri::command]
pub async fn gemeenten() -> Result<Vec<GemeenteDto>, ApiError> {
    blocking(|| {
        let all = locatiescout::fetch::gemeenten()?;
        Ok(all
            .into_iter()
            .map(|(code, name)| GemeenteDto { code, name })
            .collect())
    })
    .await
}

/// Downloads from PDOK into the open project with progress on `on_progress`;
/// "Afbreken" stops it and changes nothing.
#[tauri::command]
pub async fn fetch_pdok(
    state: State<'_, AppState>,
    request: FetchRequestDto,
    on_progress: Channel<FetchProgressDto>,
) -> Result<FetchResultDto, ApiError> {
    let st = state.inner().clone();
    blocking(move || {
        let (what, gemeente, bbox) = (
            request.what.iter().map(String::as_str),
            request.gemeente.as_deref(),
            request.bbox.as_deref(),
        );
        let req = locatiescout::fetch::FetchRequest::parse(what, gemeente, bbox, request.refresh)?;
        let cancel = Arc::new(AtomicBool::new(false));
        let _running = st.claim_long_task(cancel.clone())?;
        let progress = |p: FetchProgress| {
            let _ = on_progress.send(FetchProgressDto::from(p));
        };
        let outcomes = locatiescout::fetch::into_session(&st, &req, &cancel, &progress)?;
        with_session(&st, |s| {
            Ok(FetchResultDto::new(overview(s), &req.area, &outcomes))
        })
    })
    .await
}

/// An address-only CSV of listings: rows without coordinates are looked up at
/// PDOK Locatieserver (cached in the project), then the file imports as listings;
/// the import report says how many were found and lists those that were not.
#[tauri::command]
pub async fn geocode_listings(
    state: State<'_, AppState>,
    path: String,
    mapping: Option<Vec<ColumnChoiceDto>>,
    on_progress: Channel<ImportProgressDto>,
) -> Result<ImportResultDto, ApiError> {
    let st = state.inner().clone();
    let chosen = mapping.as_deref().map(mapping_of).transpose()?;
    blocking(move || {
        let map = chosen_or_default(chosen.as_ref());
        let cancel = Arc::new(AtomicBool::new(false));
        let _running = st.claim_long_task(cancel.clone())?;
        let bytes = percent_progress(&on_progress);
        let progress = |done: usize, total: usize| bytes(done as u64, total as u64);
        let (file, per_second) = (Path::new(&path), 5.0);
        let req = GeocodeRequest {
            file,
            map: &map,
            per_second,
            cancel: &cancel,
            progress: &progress,
        };
        let report = locatiescout::geocode::listings_into_session(&st, &req)?;
        imported(&st, ImportReportDto::new(LayerKindDto::Listings, &report))
    })
    .await
}
