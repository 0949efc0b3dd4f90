//! "Haal gegevens op bij PDOK": parcels, panden and verblijfsobjecten for a
//! municipality or a box, with progress and cancel. The download runs outside
//! the session lock (the window keeps working); what arrived is stored and
//! scored in one step at the end, so a failure or a cancel changes nothing.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use locatiescout::io::fetch::{self, Fetcher, Outcome};
use locatiescout::model::FieldMap;
use tauri::ipc::Channel;
use tauri::State;

use crate::commands::project::{blocking, claim_long_task, overview};
use crate::dto_fetch::{FetchProgressDto, FetchRequestDto, FetchResultDto, GemeenteDto};
use crate::error::ApiError;
use crate::state::{with_session, AppState};

/// The municipalities that can be fetched, by name.
#[tauri::command]
pub async fn gemeenten() -> Result<Vec<GemeenteDto>, ApiError> {
    blocking(|| {
        let layer = fetch::gemeenten(&std::env::temp_dir())?;
        let mut out: Vec<GemeenteDto> = (0..layer.len())
            .filter_map(|i| {
                Some(GemeenteDto {
                    code: layer.source_id(i)?.to_string(),
                    name: layer.text(i, locatiescout::model::Field::Name)?.to_string(),
                })
            })
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    })
    .await
}

#[tauri::command]
pub async fn fetch_pdok(
    state: State<'_, AppState>,
    request: FetchRequestDto,
    on_progress: Channel<FetchProgressDto>,
) -> Result<FetchResultDto, ApiError> {
    let st = state.inner().clone();
    blocking(move || {
        let what = locatiescout::fetch::collections(request.what.iter().map(String::as_str))?;
        let work = std::env::temp_dir();
        let area =
            locatiescout::fetch::area(request.gemeente.as_deref(), request.bbox.as_deref(), &work)?;
        let (plan, settings) = with_session(&st, |s| {
            Ok((
                fetch::plan(&s.project, &what, &area, request.refresh)?,
                locatiescout::fetch::settings(&s.project, None)?,
            ))
        })?;
        let cancel = Arc::new(AtomicBool::new(false));
        let _running = claim_long_task(&st, cancel.clone())?;
        let progress = |p: fetch::FetchProgress| {
            let _ = on_progress.send(FetchProgressDto {
                collection: p.collection.key().into(),
                pages: p.pages,
                features: p.features,
            });
        };
        let map = FieldMap::default();
        let fetcher = Fetcher::new(&settings, &map, &work, &cancel, &progress)?;
        let fetched = fetcher.all(&plan.todo, &area)?;
        with_session(&st, |s| {
            let outcomes = s.store_fetched(fetched, &area, plan.cached.clone())?;
            Ok(FetchResultDto {
                overview: overview(s),
                lines: outcomes
                    .iter()
                    .map(|(c, o)| o.describe(*c))
                    .chain(
                        outcomes
                            .iter()
                            .any(|(_, o)| matches!(o, Outcome::Cached(_)))
                            .then(|| {
                                "Vink 'Opnieuw ophalen' aan om toch te downloaden.".to_string()
                            }),
                    )
                    .collect(),
                area: area.label.clone(),
            })
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
    mapping: Option<Vec<crate::dto::ColumnChoiceDto>>,
    on_progress: Channel<crate::dto::ImportProgressDto>,
) -> Result<crate::dto::ImportResultDto, ApiError> {
    use locatiescout::geocode::{geocode_file, geocoded_listings};
    use locatiescout::io::geocode::{load_cache, save_cache};
    let st = state.inner().clone();
    let chosen = mapping
        .as_deref()
        .map(crate::commands::fieldmap::mapping_of)
        .transpose()?;
    blocking(move || {
        let map = match &chosen {
            Some((_, m)) => FieldMap::default().with(m),
            None => FieldMap::default(),
        };
        let (settings, mut cache) = with_session(&st, |s| {
            Ok((
                locatiescout::fetch::settings(&s.project, None)?,
                load_cache(&s.project)?,
            ))
        })?;
        let cancel = Arc::new(AtomicBool::new(false));
        let _running = claim_long_task(&st, cancel.clone())?;
        let progress = |done: usize, total: usize| {
            let _ = on_progress.send(crate::dto::ImportProgressDto {
                bytes_done: done as u64,
                bytes_total: total as u64,
            });
        };
        let file = std::path::Path::new(&path);
        let result = geocode_file(&settings, &mut cache, file, &map, 5.0, &cancel, &progress);
        // What was learnt is kept, also when a later address failed.
        with_session(&st, |s| Ok(save_cache(&s.project, &cache)?))?;
        let (csv, r) = result?;
        let layer = geocoded_listings(file, &csv, &r, &map)?;
        let report =
            crate::dto::ImportReportDto::new(crate::dto::LayerKindDto::Listings, &layer.report);
        with_session(&st, |s| {
            s.install_layer(layer)?;
            Ok(crate::dto::ImportResultDto {
                overview: overview(s),
                report,
            })
        })
    })
    .await
}
