//! Map sources as raw GeoJSON bytes: no JSON-in-JSON escaping for 100k sites.

use tauri::ipc::Response;
use tauri::State;

use crate::dto::LayerKindDto;
use crate::error::ApiError;
use crate::state::{with_session, AppState};

/// The scored sites (WGS84), features in site order with the site index as id.
#[tauri::command]
pub fn sites_geojson(state: State<'_, AppState>) -> Result<Response, ApiError> {
    with_session(&state, |s| {
        Ok(Response::new(
            locatiescout::output::export::sites_map_geojson(&s.ds, &s.scoring)?,
        ))
    })
}

/// The municipalities of the country (CBS 2024, bundled) as context lines under the
/// sites: a national portfolio needs the country around it, also offline, when
/// the PDOK base map is off.
#[tauri::command]
pub async fn municipalities_geojson() -> Result<Response, ApiError> {
    crate::commands::project::blocking(|| {
        let layer = locatiescout::io::fetch::gemeenten(&std::env::temp_dir())?;
        Ok(Response::new(locatiescout::output::export::layer_geojson(
            &layer,
        )?))
    })
    .await
}

/// Another loaded layer (WGS84); an empty collection when it is not loaded.
#[tauri::command]
pub fn layer_geojson(state: State<'_, AppState>, kind: LayerKindDto) -> Result<Response, ApiError> {
    with_session(&state, |s| {
        if kind == LayerKindDto::Congestion {
            return Ok(Response::new(match s.ds.congestion.as_ref() {
                Some(c) => {
                    locatiescout::output::export::congestion_geojson(c, &s.ds.congestion_config)?
                }
                None => b"{\"type\":\"FeatureCollection\",\"features\":[]}".to_vec(),
            }));
        }
        match s.layer(kind.into()) {
            Some(l) => Ok(Response::new(locatiescout::output::export::layer_geojson(
                l,
            )?)),
            None => Ok(Response::new(
                b"{\"type\":\"FeatureCollection\",\"features\":[]}".to_vec(),
            )),
        }
    })
}

/// A named overlay layer (WGS84) with each feature's index and own name, so the
/// detail panel can highlight the feature that decided a criterion.
#[tauri::command]
pub fn overlay_geojson(state: State<'_, AppState>, name: String) -> Result<Response, ApiError> {
    with_session(&state, |s| {
        match s.ds.overlays.iter().find(|l| l.name == name) {
            Some(n) => Ok(Response::new(
                locatiescout::output::export::overlay_geojson(&n.layer)?,
            )),
            None => Ok(Response::new(
                b"{\"type\":\"FeatureCollection\",\"features\":[]}".to_vec(),
            )),
        }
    })
}
