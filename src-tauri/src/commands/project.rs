//! Opening data: the sample region at first start, then the user's own files.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use locatiescout::import::{ImportRequest, OverlayChoice};
use locatiescout::io::import::Layer;
use locatiescout::io::project::Project;
use tauri::ipc::Channel;
use tauri::State;

use crate::commands::blocking;
use crate::commands::fieldmap::mapping_of;
use crate::dto::{
    ColumnChoiceDto, CongestionConfigDto, CriterionDto, GpkgLayerDto, ImportProgressDto,
    ImportReportDto, ImportResultDto, JoinReportDto, JoinResultDto, LayerInfoDto, LayerKindDto,
    OverlayInfoDto, OverviewDto, ProjectInfoDto,
};
use crate::error::{ApiError, ErrorCode};
use crate::recent;
use crate::state::{with_session, AppState, Session};

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
            .and_then(locatiescout::engine::index::layer_extent)
            .and_then(locatiescout::model::crs::rd_rect_to_wgs84);
    let layers = [
        LayerKindDto::Parcels,
        LayerKindDto::Buildings,
        LayerKindDto::Listings,
        LayerKindDto::Outline,
        LayerKindDto::Congestion,
    ]
    .into_iter()
    .filter_map(|k| s.layer(k.into()).map(|l| layer_info(k, l)))
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
        overlays: s.ds.overlays.iter().map(overlay_info).collect(),
        problems: s.scoring.spatial.problems.clone(),
        project: project_info(&s.project),
    }
}

fn overlay_info(n: &locatiescout::model::layer::NamedLayer) -> OverlayInfoDto {
    let l = &n.layer;
    let areal = (0..l.len()).filter(|&i| l.geom.kind(i).is_areal()).count();
    let points = (0..l.len())
        .filter(|&i| {
            use locatiescout::model::geometry::GeomKind;
            matches!(l.geom.kind(i), GeomKind::Point | GeomKind::MultiPoint)
        })
        .count();
    OverlayInfoDto {
        name: n.name.clone(),
        title: n.title_text().render(locatiescout::model::text::Lang::Nl),
        title_en: n.title_text().render(locatiescout::model::text::Lang::En),
        role: n.role.key().to_string(),
        file: l.report.path.display().to_string(),
        features: l.len() as u32,
        geometry: if areal >= points.max(1) {
            "polygon"
        } else if points > 0 {
            "point"
        } else {
            "line"
        }
        .to_string(),
    }
}

/// Removes a named overlay layer; its criteria are no longer scored.
#[tauri::command]
pub async fn remove_overlay(
    state: State<'_, AppState>,
    name: String,
) -> Result<OverviewDto, ApiError> {
    let st = state.inner().clone();
    blocking(move || {
        with_session(&st, |s| {
            s.remove_named(&name)?;
            Ok(overview(s))
        })
    })
    .await
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
        let p = locatiescout::project::sample_project(&dir, &sample)?;
        Ok(Session::open(p, Some(&profile))?)
    })
    .await?;
    install(&state, session)
}

/// At start: the last project that still opens, else the sample region.
#[tauri::command]
pub async fn open_start(state: State<'_, AppState>) -> Result<OverviewDto, ApiError> {
    let dir = state.data_dir()?;
    let st = state.inner().clone();
    let session = blocking(move || {
        let sample = || {
            st.sample_dir().map_err(|e| {
                locatiescout::AppError::refused(locatiescout::ErrorKind::Project, e.message)
            })
        };
        Ok(locatiescout::project::open_recent_or_sample(
            &recent::list(&dir),
            &dir,
            sample,
        )?)
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
        blocking(move || Ok(Session::open(Project::open(Path::new(&path))?, None)?)).await?;
    install(&state, session)
}

/// A new project at `path`, started from one data file of `kind`.
#[tauri::command]
pub async fn project_new(
    state: State<'_, AppState>,
    path: String,
    file: String,
    kind: LayerKindDto,
    layer: Option<String>,
) -> Result<OverviewDto, ApiError> {
    let session = blocking(move || {
        Ok(Session::create_from_file(
            Path::new(&path),
            Path::new(&file),
            layer.as_deref(),
            kind.into(),
        )?)
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
            s.save_as(Path::new(&path))?;
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
        s.set_profile(&profile)?;
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
    let st = state.inner().clone();
    blocking(move || {
        with_session(&st, |s| {
            s.set_congestion_config(cfg)?;
            Ok(overview(s))
        })
    })
    .await
}

/// Reads `path` as a layer of `kind` (or as the named overlay `overlay`) with
/// progress on `on_progress`; on any failure the loaded project stays untouched.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn import_layer(
    state: State<'_, AppState>,
    path: String,
    kind: LayerKindDto,
    mapping: Option<Vec<ColumnChoiceDto>>,
    layer: Option<String>,
    overlay: Option<OverlayChoice>,
    on_progress: Channel<ImportProgressDto>,
) -> Result<ImportResultDto, ApiError> {
    let st = state.inner().clone();
    // The dialog's choice: checked before anything is read.
    let chosen = mapping.as_deref().map(mapping_of).transpose()?;
    blocking(move || {
        st.long_task(|cancel| {
            let map = locatiescout::fieldmap::map_of(chosen.as_ref());
            let progress = percent_progress(&on_progress);
            let mut req = ImportRequest::new(Path::new(&path), kind.into(), &map);
            (req.layer, req.overlay) = (layer.as_deref(), overlay.as_ref());
            (req.progress, req.cancel) = (Some(&progress as _), Some(cancel));
            let report = locatiescout::import::into_session(&st, &req)?;
            remember_choice(&st, chosen.as_ref(), &path);
            let shown_as = if overlay.is_some() {
                LayerKindDto::Overlay
            } else {
                kind
            };
            imported(&st, ImportReportDto::new(shown_as, &report))
        })
    })
    .await
}

/// A progress callback that sends one message per percent: plenty for a bar.
pub fn percent_progress(channel: &Channel<ImportProgressDto>) -> impl Fn(u64, u64) + Sync + '_ {
    let last_percent = AtomicU64::new(u64::MAX);
    move |done: u64, total: u64| {
        let pct = (done.saturating_mul(100)).checked_div(total).unwrap_or(0);
        if last_percent.swap(pct, Ordering::Relaxed) != pct {
            let _ = channel.send(ImportProgressDto {
                bytes_done: done,
                bytes_total: total,
            });
        }
    }
}

/// What the window shows after a file was read into the project.
pub fn imported(st: &AppState, report: ImportReportDto) -> Result<ImportResultDto, ApiError> {
    with_session(st, |s| {
        Ok(ImportResultDto {
            overview: overview(s),
            report,
        })
    })
}

/// The feature layers of a GeoPackage, for the layer chooser.
#[tauri::command]
pub async fn gpkg_layers(path: String) -> Result<Vec<GpkgLayerDto>, ApiError> {
    blocking(move || {
        let layers = locatiescout::io::import::gpkg::layers(Path::new(&path))?;
        Ok(layers.iter().map(GpkgLayerDto::from).collect())
    })
    .await
}

/// Asks a running import to stop; it ends with a `cancelled` error.
#[tauri::command]
pub fn cancel_import(state: State<'_, AppState>) {
    state.cancel_long_task();
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
        let map = locatiescout::fieldmap::map_of(chosen.as_ref());
        let result = with_session(&st, |s| {
            let done = s.join_listings_table(&map, Path::new(&path))?;
            joined(s, done)
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
            let done = s.join_congestion_table(Path::new(&path))?;
            joined(s, done)
        })
    })
    .await
}

/// A join's report with the project after it, for the UI.
fn joined(
    s: &Session,
    (report, features): (locatiescout::io::join::JoinReport, usize),
) -> Result<JoinResultDto, ApiError> {
    Ok(JoinResultDto {
        overview: overview(s),
        report: JoinReportDto::new(&report, features),
    })
}

/// Remembers the dialog's choice once it has been used successfully; a failed
/// write costs the memory, not the import.
fn remember_choice(st: &AppState, chosen: Option<&locatiescout::fieldmap::Chosen>, path: &str) {
    if let Some(c) = chosen {
        let dir = st.data_dir();
        if let Err(e) =
            dir.and_then(|d| Ok(locatiescout::fieldmap::remember(&d, c, Path::new(path))?))
        {
            tracing::warn!(error = %e.message, "veldkoppeling niet onthouden");
        }
    }
}
