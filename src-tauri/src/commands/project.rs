//! Opening data: the sample region at first start, then the user's own files.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use locatiescout::import::{import_file, ImportOptions, Layer, LayerKind};
use locatiescout::join::JoinKey;
use locatiescout::profile::Profile;
use locatiescout::project::Project;
use locatiescout::score::Scoring;
use locatiescout::FieldMap;
use tauri::ipc::Channel;
use tauri::State;

use crate::commands::fieldmap::mapping_of;
use crate::dto::{
    ColumnChoiceDto, CongestionConfigDto, CriterionDto, ImportProgressDto, ImportReportDto,
    ImportResultDto, JoinReportDto, JoinResultDto, LayerInfoDto, LayerKindDto, OverviewDto,
    ProjectInfoDto,
};
use crate::error::{ApiError, ErrorCode};
use crate::recent;
use crate::state::{with_session, AppState, Session};

/// Reads the sample region's files; a missing optional file (outline, panden, aanbod,
/// congestiegebieden) is no error.
fn sample_layers(dir: &Path) -> Result<Vec<Layer>, ApiError> {
    let map = FieldMap::default();
    let mut layers = vec![import_file(
        &dir.join("percelen.geojson"),
        ImportOptions::new(LayerKind::Parcels, &map),
    )?];
    for (name, kind) in [
        ("panden.geojson", LayerKind::Buildings),
        ("rijksvastgoed.geojson", LayerKind::Listings),
        ("gemeente.geojson", LayerKind::Overlay),
        ("congestiegebieden.geojson", LayerKind::Congestion),
    ] {
        let path = dir.join(name);
        if path.exists() {
            layers.push(import_file(&path, ImportOptions::new(kind, &map))?);
        }
    }
    Ok(layers)
}

/// The sample region as a project in the app's data folder, made on first use, so
/// flags and weights on the sample are kept like in any project.
pub fn sample_project(data_dir: &Path, sample: &Path) -> Result<Project, ApiError> {
    let path = data_dir.join("Voorbeeldstad.locatiescout");
    if path.exists() {
        return Ok(Project::open(&path)?);
    }
    let layers = sample_layers(sample)?;
    // Built under a temporary name: an interrupted first start leaves no half project.
    let tmp = data_dir.join("Voorbeeldstad.locatiescout.nieuw");
    let _ = std::fs::remove_file(&tmp);
    {
        let mut p = Project::create(&tmp)?;
        for l in &layers {
            p.save_layer(l)?;
        }
        p.conn_checkpoint();
    }
    std::fs::rename(&tmp, &path)
        .map_err(|e| ApiError::new(ErrorCode::Project, format!("{}: {e}", path.display())))?;
    Ok(Project::open(&path)?)
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
        LayerKindDto::Parcels,
        LayerKindDto::Buildings,
        LayerKindDto::Listings,
        LayerKindDto::Outline,
        LayerKindDto::Congestion,
    ]
    .into_iter()
    .filter_map(|k| s.layer(k).map(|l| layer_info(k, l)))
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
        project: project_info(&s.project),
    }
}

fn project_info(p: &Project) -> ProjectInfoDto {
    let path = p.path();
    ProjectInfoDto {
        path: path.display().to_string(),
        name: path
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    }
}

pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?
}

/// Makes `session` the open project and remembers it for the next start.
fn install(state: &AppState, session: Session) -> Result<OverviewDto, ApiError> {
    let dto = overview(&session);
    if let Ok(dir) = state.data_dir() {
        recent::remember(&dir, session.project.path());
    }
    *state.lock()? = Some(session);
    Ok(dto)
}

/// Opens the sample region (as a project in the data folder) with a profile.
#[tauri::command]
pub async fn open_sample(
    state: State<'_, AppState>,
    profile: String,
) -> Result<OverviewDto, ApiError> {
    let dir = state.data_dir()?;
    let sample = state.sample_dir()?;
    let session = blocking(move || {
        let p = sample_project(&dir, &sample)?;
        Session::from_project(p, Some(&profile))
    })
    .await?;
    install(&state, session)
}

/// At start: the last project that still opens, else the sample region.
#[tauri::command]
pub async fn open_start(state: State<'_, AppState>) -> Result<OverviewDto, ApiError> {
    let dir = state.data_dir()?;
    // Needed only when no recent project opens.
    let sample = state.sample_dir();
    let session = blocking(move || {
        for path in recent::list(&dir) {
            match Project::open(&path)
                .map_err(ApiError::from)
                .and_then(|p| Session::from_project(p, None))
            {
                Ok(s) => return Ok(s),
                Err(e) => tracing::warn!(
                    "laatste project {} niet geopend: {}",
                    path.display(),
                    e.message
                ),
            }
        }
        Session::from_project(sample_project(&dir, &sample?)?, None)
    })
    .await?;
    install(&state, session)
}

/// Opens a project file.
#[tauri::command]
pub async fn project_open(
    state: State<'_, AppState>,
    path: String,
) -> Result<OverviewDto, ApiError> {
    let session =
        blocking(move || Session::from_project(Project::open(Path::new(&path))?, None)).await?;
    install(&state, session)
}

/// A new project at `path`, started from one data file of `kind`.
#[tauri::command]
pub async fn project_new(
    state: State<'_, AppState>,
    path: String,
    file: String,
    kind: LayerKindDto,
) -> Result<OverviewDto, ApiError> {
    if matches!(kind, LayerKindDto::Outline | LayerKindDto::Congestion) {
        return Err(ApiError::new(
            ErrorCode::Import,
            "begin een project met percelen, panden of aanbod; een gemeentegrens of congestiegebieden alleen geven geen locaties",
        ));
    }
    let session = blocking(move || {
        let map = FieldMap::default();
        let layer = import_file(Path::new(&file), ImportOptions::new(kind.into(), &map))?;
        refuse_empty(&layer)?;
        let path = Path::new(&path);
        let mut project = Project::create(path)?;
        let saved = project
            .save_layer(&layer)
            .map_err(ApiError::from)
            .and_then(|_| Session::from_project(project, None));
        if saved.is_err() {
            // Nothing half-made stays behind (the database and its WAL files).
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
        saved
    })
    .await?;
    install(&state, session)
}

/// Writes the open project to `path` as one self-contained file (to mail it, or to
/// keep a copy) and continues working in the new file. The layers in memory stay:
/// the copy holds the same ones, so nothing is read back.
#[tauri::command]
pub async fn project_save_as(
    state: State<'_, AppState>,
    path: String,
) -> Result<OverviewDto, ApiError> {
    let st = state.inner().clone();
    let dto = blocking(move || {
        with_session(&st, |s| {
            let target = Path::new(&path);
            s.project.save_copy(target)?;
            s.project = Project::open(target)?;
            s.refresh_flags()?;
            Ok(overview(s))
        })
    })
    .await?;
    if let Ok(dir) = state.data_dir() {
        recent::remember(&dir, Path::new(&dto.project.path));
    }
    Ok(dto)
}

/// Recently opened projects, newest first (only those that still exist).
#[tauri::command]
pub fn recent_projects(state: State<'_, AppState>) -> Result<Vec<String>, ApiError> {
    Ok(recent::list(&state.data_dir()?)
        .into_iter()
        .map(|p| p.display().to_string())
        .collect())
}

/// Switches profile on the loaded data; weights start at the profile's defaults.
#[tauri::command]
pub fn set_profile(state: State<'_, AppState>, profile: String) -> Result<OverviewDto, ApiError> {
    with_session(&state, |s| {
        s.scoring = Scoring::new(&s.ds, Profile::load(&profile)?)?;
        s.refresh_flags()?;
        s.save_settings()?;
        Ok(overview(s))
    })
}

/// How congestion areas are read in this project.
#[tauri::command]
pub fn congestion_config(state: State<'_, AppState>) -> Result<CongestionConfigDto, ApiError> {
    with_session(&state, |s| {
        Ok(CongestionConfigDto::from(&s.ds.congestion_config))
    })
}

/// Sets how congestion areas are read (fields, code mapping), saves it with the
/// project and rescores when areas are loaded; on a failure nothing changes.
#[tauri::command]
pub async fn set_congestion_config(
    state: State<'_, AppState>,
    config: CongestionConfigDto,
) -> Result<OverviewDto, ApiError> {
    let cfg = config
        .to_config()
        .map_err(|m| ApiError::new(ErrorCode::Import, m))?;
    let text = serde_json::to_string(&cfg)
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
    let st = state.inner().clone();
    blocking(move || {
        with_session(&st, |s| {
            let old = std::mem::replace(&mut s.ds.congestion_config, cfg);
            let rescored = if s.ds.congestion.is_some() {
                rescore_keeping_weights(s).map(Some)
            } else {
                Ok(None)
            };
            match rescored.and_then(|sc| {
                s.project
                    .set_setting("congestion_config", &text)
                    .map_err(ApiError::from)
                    .map(|_| sc)
            }) {
                Ok(sc) => {
                    if let Some(sc) = sc {
                        s.scoring = sc;
                    }
                    Ok(overview(s))
                }
                Err(e) => {
                    s.ds.congestion_config = old;
                    Err(e)
                }
            }
        })
    })
    .await
}

/// A fresh scoring of the session's data with the profile and weights in use.
pub fn rescore_keeping_weights(s: &Session) -> Result<Scoring, ApiError> {
    let mut scoring = Scoring::new(&s.ds, s.scoring.profile.clone())?;
    for (c, w) in s.scoring.profile.criteria.iter().zip(&s.scoring.weights) {
        scoring.set_weight(&c.key, *w)?;
    }
    scoring.rescore();
    Ok(scoring)
}

/// A file in which nothing could be used is refused, naming the first reasons.
pub fn refuse_empty(layer: &Layer) -> Result<(), ApiError> {
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

/// Puts a freshly read layer into the session and the project file and rescores,
/// keeping the user's weights. When scoring or saving fails, memory and file stay
/// as they were.
pub fn install_layer(s: &mut Session, kind: LayerKindDto, layer: Layer) -> Result<(), ApiError> {
    let old = s.layer_slot(kind).replace(layer);
    s.links = None;
    let rescored = if kind == LayerKindDto::Outline {
        Ok(None)
    } else {
        rescore_keeping_weights(s).map(Some)
    };
    let saved = rescored.and_then(|scoring| {
        // Out of its slot while the project (another field of the session) writes it.
        let layer = s
            .layer_slot(kind)
            .take()
            .ok_or_else(|| ApiError::new(ErrorCode::Internal, "laag ontbreekt"))?;
        let written = s.project.save_layer(&layer);
        *s.layer_slot(kind) = Some(layer);
        written?;
        Ok(scoring)
    });
    match saved {
        Ok(scoring) => {
            if let Some(scoring) = scoring {
                s.scoring = scoring;
            }
            s.refresh_flags()
        }
        Err(e) => {
            *s.layer_slot(kind) = old;
            Err(e)
        }
    }
}

/// Takes the one slot for a long task (an import or a fetch) with its cancel
/// flag; the slot is freed when the returned guard drops.
pub fn claim_long_task(st: &AppState, cancel: Arc<AtomicBool>) -> Result<Running<'_>, ApiError> {
    let mut slot = st.import.lock().map_err(|_| busy())?;
    if slot.is_some() {
        return Err(busy());
    }
    *slot = Some(cancel);
    Ok(Running(&st.import))
}

/// Marks the import as ended however it ends (also on error or panic).
pub struct Running<'a>(&'a Mutex<Option<Arc<AtomicBool>>>);
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
        "er wordt al een bestand ingelezen of opgehaald; wacht tot dat klaar is of breek het af",
    )
}

/// Reads `path` as a layer of `kind` with progress on `on_progress`; on any
/// failure the loaded project stays untouched.
#[tauri::command]
pub async fn import_layer(
    state: State<'_, AppState>,
    path: String,
    kind: LayerKindDto,
    mapping: Option<Vec<ColumnChoiceDto>>,
    on_progress: Channel<ImportProgressDto>,
) -> Result<ImportResultDto, ApiError> {
    let st = state.inner().clone();
    // The dialog's choice: checked before anything is read.
    let chosen = mapping.as_deref().map(mapping_of).transpose()?;
    blocking(move || {
        let cancel = Arc::new(AtomicBool::new(false));
        let _running = claim_long_task(&st, cancel.clone())?;
        let map = match &chosen {
            Some((_, m)) => FieldMap::default().with(m),
            None => FieldMap::default(),
        };
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
        with_session(&st, |s| {
            install_layer(s, kind, layer)?;
            remember_choice(&st, chosen.as_ref(), &path);
            Ok(ImportResultDto {
                overview: overview(s),
                report,
            })
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

/// Joins an attribute table (CSV) to the listings on EAN — e.g. the RVB impact
/// analysis to the RVB buildings — rescores and saves. A failed join leaves the
/// listings as they were.
#[tauri::command]
pub async fn join_listings_table(
    state: State<'_, AppState>,
    path: String,
    mapping: Option<Vec<ColumnChoiceDto>>,
) -> Result<JoinResultDto, ApiError> {
    let st = state.inner().clone();
    let chosen = mapping.as_deref().map(mapping_of).transpose()?;
    blocking(move || {
        let map = match &chosen {
            Some((_, m)) => FieldMap::default().with(m),
            None => FieldMap::default(),
        };
        let result = with_session(&st, |s| {
            join_table(
                s,
                LayerKindDto::Listings,
                &JoinKey::Field(locatiescout::Field::Ean),
                &map,
                &path,
                "er is nog geen aanbod (Rijksvastgoed) geladen om de tabel aan te koppelen",
            )
        })?;
        remember_choice(&st, chosen.as_ref(), &path);
        Ok(result)
    })
    .await
}

/// Joins the capaciteitskaart table (CSV, on the area id — `voedingsgebied_id` by
/// default) to the loaded congestion areas for operator, queue and year solved;
/// rescores and saves. A failed join leaves the areas as they were.
#[tauri::command]
pub async fn join_congestion_table(
    state: State<'_, AppState>,
    path: String,
) -> Result<JoinResultDto, ApiError> {
    let st = state.inner().clone();
    blocking(move || {
        with_session(&st, |s| {
            let key = JoinKey::Column(s.ds.congestion_config.id_field.clone());
            join_table(
                s,
                LayerKindDto::Congestion,
                &key,
                &FieldMap::default(),
                &path,
                "er zijn nog geen congestiegebieden geladen om de tabel aan te koppelen",
            )
        })
    })
    .await
}

/// Joins the table at `path` to the layer of `kind` on `key`, then rescores and
/// saves; on any failure the layer in memory and in the file stays as it was.
fn join_table(
    s: &mut Session,
    kind: LayerKindDto,
    key: &JoinKey,
    map: &FieldMap,
    path: &str,
    missing: &str,
) -> Result<JoinResultDto, ApiError> {
    let mut layer = s
        .layer_slot(kind)
        .take()
        .ok_or_else(|| ApiError::new(ErrorCode::Import, missing))?;
    let report = match locatiescout::join::join_csv_on(&mut layer, Path::new(path), key, map) {
        Ok(r) => JoinReportDto::new(&r, layer.len()),
        Err(e) => {
            *s.layer_slot(kind) = Some(layer);
            return Err(e.into());
        }
    };
    if let Err(e) = install_layer(s, kind, layer) {
        // The joined layer could not be used: read the saved one back.
        let want: LayerKind = kind.into();
        *s.layer_slot(kind) = s
            .project
            .load_layers()?
            .into_iter()
            .find(|l| l.kind == want);
        return Err(e);
    }
    Ok(JoinResultDto {
        overview: overview(s),
        report,
    })
}

/// Remembers the dialog's choice once it has been used successfully; a failed
/// write costs the memory, not the import.
fn remember_choice(
    st: &AppState,
    chosen: Option<&(String, locatiescout::fieldmap::SourceMapping)>,
    path: &str,
) {
    if let Some((key, m)) = chosen {
        if let Err(e) = st
            .data_dir()
            .and_then(|dir| crate::commands::fieldmap::remember(&dir, key, m, path))
        {
            tracing::warn!(error = %e.message, "veldkoppeling niet onthouden");
        }
    }
}
