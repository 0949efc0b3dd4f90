//! "Haal gegevens op bij PDOK": parcels, panden and verblijfsobjecten for a
//! municipality or a box, with progress and cancel. The download runs outside
//! the session lock (the window keeps working); what arrived is stored and
//! scored in one step at the end, so a failure or a cancel changes nothing.

use locatiescout::io::fetch::FetchProgress;
use tauri::ipc::Channel;
use tauri::State;

use crate::commands::blocking;
use crate::commands::project::overview;
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
        let req = request.to_request()?;
        st.long_task(|cancel| {
            let progress = |p: FetchProgress| {
                let _ = on_progress.send(FetchProgressDto::from(p));
            };
            let outcomes = locatiescout::fetch::into_session(&st, &req, cancel, &progress)?;
            with_session(&st, |s| {
                Ok(FetchResultDto::new(overview(s), &req.area, &outcomes))
            })
        })
    })
    .await
}
