//! Opening data: the sample region (more sources follow).

use std::path::PathBuf;

use locatiescout::import::{import_file, ImportOptions, LayerKind};
use locatiescout::profile::Profile;
use locatiescout::score::{Dataset, Scoring};
use locatiescout::FieldMap;
use tauri::State;

use crate::dto::{CriterionDto, OverviewDto};
use crate::error::{ApiError, ErrorCode};
use crate::state::{AppState, Session};

/// `data/sample` of the repository (overridable with LOCATIESCOUT_SAMPLE).
fn sample_dir() -> PathBuf {
    let dir = std::env::var_os("LOCATIESCOUT_SAMPLE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/sample")));
    dir.canonicalize().unwrap_or(dir)
}

fn load_sample(profile: &str) -> Result<Session, ApiError> {
    let dir = sample_dir();
    let map = FieldMap::default();
    let load = |name: &str, kind| import_file(&dir.join(name), ImportOptions::new(kind, &map));
    let ds = Dataset {
        parcels: Some(load("percelen.geojson", LayerKind::Parcels)?),
        buildings: Some(load("panden.geojson", LayerKind::Buildings)?),
        listings: Some(load("rijksvastgoed.geojson", LayerKind::Listings)?),
        ..Dataset::default()
    };
    let scoring = Scoring::new(&ds, Profile::load(profile)?)?;
    Ok(Session { ds, scoring })
}

pub fn overview(s: &Session) -> OverviewDto {
    let p = &s.scoring.profile;
    let bounds =
        s.ds.site_layer(p)
            .and_then(locatiescout::index::layer_extent)
            .and_then(|r| {
                let (w, so) = locatiescout::crs::rd_to_wgs84(r.min().x, r.min().y).ok()?;
                let (e, n) = locatiescout::crs::rd_to_wgs84(r.max().x, r.max().y).ok()?;
                Some([w, so, e, n])
            });
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
    }
}

/// Opens the sample region with a profile; heavy work runs off the main thread.
#[tauri::command]
pub async fn open_sample(
    state: State<'_, AppState>,
    profile: String,
) -> Result<OverviewDto, ApiError> {
    let session = tauri::async_runtime::spawn_blocking(move || load_sample(&profile))
        .await
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))??;
    let dto = overview(&session);
    *state.lock()? = Some(session);
    Ok(dto)
}
