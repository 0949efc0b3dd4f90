//! Opening data: the sample region at first start, then the user's own files.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use locatiescout::import::{import_file, ImportOptions, Layer, LayerKind};
use locatiescout::profile::Profile;
use locatiescout::score::{Dataset, Scoring};
use locatiescout::FieldMap;
use tauri::ipc::Channel;
use tauri::State;

use crate::dto::{
    CriterionDto, ImportProgressDto, ImportReportDto, ImportResultDto, LayerInfoDto, LayerKindDto,
    OverviewDto,
};
use crate::error::{ApiError, ErrorCode};
use crate::state::{with_session, AppState, Session};

/// `data/sample` of the repository (overridable with LOCATIESCOUT_SAMPLE).
pub fn sample_dir() -> PathBuf {
    let dir = std::env::var_os("LOCATIESCOUT_SAMPLE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/sample")));
    dir.canonicalize().unwrap_or(dir)
}

/// Loads the sample region; a missing optional file (outline, panden, aanbod) is no error.
pub fn load_sample(dir: &Path, profile: &str) -> Result<Session, ApiError> {
    let map = FieldMap::default();
    let load = |name: &str, kind| import_file(&dir.join(name), ImportOptions::new(kind, &map));
    let optional = |name: &str, kind| {
        dir.join(name)
            .exists()
            .then(|| load(name, kind))
            .transpose()
    };
    let ds = Dataset {
        parcels: Some(load("percelen.geojson", LayerKind::Parcels)?),
        buildings: optional("panden.geojson", LayerKind::Buildings)?,
        listings: optional("rijksvastgoed.geojson", LayerKind::Listings)?,
        ..Dataset::default()
    };
    let outline = optional("gemeente.geojson", LayerKind::Overlay)?;
    let scoring = Scoring::new(&ds, Profile::load(profile)?)?;
    Ok(Session {
        ds,
        scoring,
        outline,
    })
}

fn layer_info(kind: LayerKindDto, l: &Layer) -> LayerInfoDto {
    LayerInfoDto {
        kind,
        file: l.report.path.display().to_string(),
        features: l.len() as u32,
        invalid: l.report.invalid_count as u32,
    }
}

pub fn overview(s: &Session) -> OverviewDto {
    let p = &s.scoring.profile;
    let bounds =
        s.ds.site_layer(p)
            .and_then(locatiescout::index::layer_extent)
            .and_then(locatiescout::crs::rd_rect_to_wgs84);
    let layers = [
        (LayerKindDto::Parcels, s.ds.parcels.as_ref()),
        (LayerKindDto::Buildings, s.ds.buildings.as_ref()),
        (LayerKindDto::Listings, s.ds.listings.as_ref()),
        (LayerKindDto::Outline, s.outline.as_ref()),
    ]
    .into_iter()
    .filter_map(|(k, l)| l.map(|l| layer_info(k, l)))
    .collect();
    OverviewDto {
        profile: p.key.clone(),
        profile_title: p.title.clone(),
        sites: s.scoring.len() as u32,
        criteria: p
            .criteria
            .iter()
            .zip(&s.scoring.weights)
            .map(|(c, w)| CriterionDto {
                key: c.key.clone(),
                label: c.label.clone(),
                weight: *w,
                default_weight: c.weight,
            })
            .collect(),
        bounds,
        layers,
    }
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?
}

/// Opens the sample region with a profile; heavy work runs off the main thread.
#[tauri::command]
pub async fn open_sample(
    state: State<'_, AppState>,
    profile: String,
) -> Result<OverviewDto, ApiError> {
    let session = blocking(move || load_sample(&sample_dir(), &profile)).await?;
    let dto = overview(&session);
    *state.lock()? = Some(session);
    Ok(dto)
}

/// Switches profile on the loaded data; weights start at the profile's defaults.
#[tauri::command]
pub fn set_profile(state: State<'_, AppState>, profile: String) -> Result<OverviewDto, ApiError> {
    with_session(&state, |s| {
        s.scoring = Scoring::new(&s.ds, Profile::load(&profile)?)?;
        Ok(overview(s))
    })
}

/// A file in which nothing could be used is refused, naming the first reasons.
fn refuse_empty(layer: &Layer) -> Result<(), ApiError> {
    if layer.is_empty() {
        let r = &layer.report;
        let reasons: Vec<&str> = r
            .skipped
            .iter()
            .take(3)
            .map(|x| x.reason.as_str())
            .collect();
        let why = if reasons.is_empty() {
            String::new()
        } else {
            format!(" Reden: {}.", reasons.join("; "))
        };
        return Err(ApiError::new(
            ErrorCode::Import,
            format!(
                "{}: geen bruikbare objecten ({} gelezen, {} overgeslagen).{why}",
                r.path.display(),
                r.features_read,
                r.skipped_count
            ),
        ));
    }
    Ok(())
}

/// Puts a freshly read layer into the session and rescores, keeping the user's
/// weights. Nothing changes when scoring fails.
pub fn install_layer(s: &mut Session, kind: LayerKindDto, layer: Layer) -> Result<(), ApiError> {
    let slot = match kind {
        LayerKindDto::Parcels => &mut s.ds.parcels,
        LayerKindDto::Buildings => &mut s.ds.buildings,
        LayerKindDto::Listings => &mut s.ds.listings,
        LayerKindDto::Outline => {
            s.outline = Some(layer);
            return Ok(());
        }
    };
    let old = slot.replace(layer);
    match Scoring::new(&s.ds, s.scoring.profile.clone()) {
        Ok(mut scoring) => {
            for (c, w) in s.scoring.profile.criteria.iter().zip(&s.scoring.weights) {
                scoring.set_weight(&c.key, *w)?;
            }
            scoring.rescore();
            s.scoring = scoring;
            Ok(())
        }
        Err(e) => {
            // Put the old layer back: a failed import leaves the project as it was.
            let slot = match kind {
                LayerKindDto::Parcels => &mut s.ds.parcels,
                LayerKindDto::Buildings => &mut s.ds.buildings,
                _ => &mut s.ds.listings,
            };
            *slot = old;
            Err(e.into())
        }
    }
}

/// A project started from a user's file when nothing was open yet (no sample).
fn first_session(kind: LayerKindDto, layer: Layer) -> Result<Session, ApiError> {
    let (ds, profile) = match kind {
        LayerKindDto::Parcels => (
            Dataset {
                parcels: Some(layer),
                ..Dataset::default()
            },
            "flex",
        ),
        LayerKindDto::Buildings => (
            Dataset {
                buildings: Some(layer),
                ..Dataset::default()
            },
            "transformatie",
        ),
        LayerKindDto::Listings => (
            Dataset {
                listings: Some(layer),
                ..Dataset::default()
            },
            "transformatie",
        ),
        LayerKindDto::Outline => return Err(ApiError::new(
            ErrorCode::NoProject,
            "open eerst percelen, panden of aanbod; een gemeentegrens alleen geeft geen locaties",
        )),
    };
    Ok(Session {
        scoring: Scoring::new(&ds, Profile::load(profile)?)?,
        ds,
        outline: None,
    })
}

/// Marks the import as ended however it ends (also on error or panic).
struct Running<'a>(&'a Mutex<Option<Arc<AtomicBool>>>);
impl Drop for Running<'_> {
    fn drop(&mut self) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = None;
        }
    }
}

fn busy() -> ApiError {
    ApiError::new(
        ErrorCode::Busy,
        "er wordt al een bestand ingelezen; wacht tot dat klaar is of breek het af",
    )
}

/// Reads `path` as a layer of `kind` with progress on `on_progress`; on any
/// failure the loaded project stays untouched.
#[tauri::command]
pub async fn import_layer(
    state: State<'_, AppState>,
    path: String,
    kind: LayerKindDto,
    on_progress: Channel<ImportProgressDto>,
) -> Result<ImportResultDto, ApiError> {
    let st = state.inner().clone();
    blocking(move || {
        let cancel = Arc::new(AtomicBool::new(false));
        {
            let mut slot = st.import.lock().map_err(|_| busy())?;
            if slot.is_some() {
                return Err(busy());
            }
            *slot = Some(cancel.clone());
        }
        let _running = Running(&st.import);
        let map = FieldMap::default();
        let last_percent = AtomicU64::new(u64::MAX);
        let progress = |done: u64, total: u64| {
            // One message per percent is plenty for a progress bar.
            let pct = (done.saturating_mul(100)).checked_div(total).unwrap_or(0);
            if last_percent.swap(pct, Ordering::Relaxed) != pct {
                let _ = on_progress.send(ImportProgressDto {
                    bytes_done: done,
                    bytes_total: total,
                });
            }
        };
        let mut opts = ImportOptions::new(kind.into(), &map);
        opts.progress = Some(&progress);
        opts.cancel = Some(&cancel);
        let layer = import_file(Path::new(&path), opts)?;
        refuse_empty(&layer)?;
        let report = ImportReportDto::new(kind, &layer.report);
        let mut guard = st.lock()?;
        let session = match guard.as_mut() {
            Some(s) => {
                install_layer(s, kind, layer)?;
                s
            }
            None => guard.insert(first_session(kind, layer)?),
        };
        Ok(ImportResultDto {
            overview: overview(session),
            report,
        })
    })
    .await
}

/// Asks a running import to stop; it ends with a `cancelled` error.
#[tauri::command]
pub fn cancel_import(state: State<'_, AppState>) {
    if let Ok(slot) = state.import.lock() {
        if let Some(cancel) = slot.as_ref() {
            cancel.store(true, Ordering::SeqCst);
        }
    }
}
