//! Addresses to coordinates: a CSV of RVB listings with addresses only, looked
//! up at PDOK Locatieserver and read as listings.

use std::path::Path;

use locatiescout::geocode::GeocodeRequest;
use tauri::ipc::Channel;
use tauri::State;

use crate::commands::blocking;
use crate::commands::fieldmap::mapping_of;
use crate::commands::project::{imported, percent_progress};
use crate::dto::{
    ColumnChoiceDto, ImportProgressDto, ImportReportDto, ImportResultDto, LayerKindDto,
};
use crate::error::ApiError;
use crate::state::AppState;

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
        let map = locatiescout::fieldmap::map_of(chosen.as_ref());
        st.long_task(|cancel| {
            let bytes = percent_progress(&on_progress);
            let progress = |done: usize, total: usize| bytes(done as u64, total as u64);
            let (file, per_second) = (Path::new(&path), 5.0);
            let req = GeocodeRequest {
                file,
                map: &map,
                per_second,
                cancel,
                progress: &progress,
            };
            let report = locatiescout::geocode::listings_into_session(&st, &req)?;
            imported(&st, ImportReportDto::new(LayerKindDto::Listings, &report))
        })
    })
    .await
}
