//! The map's data: the sites as vector tiles over a custom protocol (cut in the
//! core per request), the smaller layers as raw GeoJSON bytes (no JSON-in-JSON).

use tauri::ipc::Response;
use tauri::State;

use crate::dto::LayerKindDto;
use crate::error::ApiError;
use crate::state::{with_session, AppState};

/// The scheme the map fetches site tiles from: `lstile://localhost/sites/{v}/{z}/{x}/{y}`
/// (`http://lstile.localhost/…` on Windows). `{v}` is the map's own counter that
/// makes MapLibre fetch again after a rescore; Rust keys its cache on the scoring.
pub const TILE_SCHEME: &str = "lstile";

/// Answers a tile request off the main thread: the tile's MVT bytes, empty when
/// no project is open or nothing lies there; 400 with a Dutch reason for a path
/// that is not a tile.
pub fn tile_protocol<R: tauri::Runtime>(
    ctx: tauri::UriSchemeContext<'_, R>,
    request: tauri::http::Request<Vec<u8>>,
    responder: tauri::UriSchemeResponder,
) {
    use tauri::Manager;
    let state = ctx.app_handle().state::<AppState>().inner().clone();
    let path = request.uri().path().to_string();
    tauri::async_runtime::spawn_blocking(move || responder.respond(tile_response(&state, &path)));
}

/// The response to a tile path (`/sites/{v}/{z}/{x}/{y}`), for the protocol and its tests.
pub fn tile_response(state: &AppState, path: &str) -> tauri::http::Response<Vec<u8>> {
    use tauri::http::{header, Response, StatusCode};
    let reply = |status: StatusCode, kind: &str, body: Vec<u8>| {
        Response::builder()
            .status(status)
            .header(header::CONTENT_TYPE, kind)
            .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
            .body(body)
            .unwrap_or_default()
    };
    const TEXT: &str = "text/plain; charset=utf-8";
    const MVT: &str = "application/x-protobuf";
    let refuse = |why: String| reply(StatusCode::BAD_REQUEST, TEXT, why.into_bytes());
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let [layer, _version, z, x, y] = parts.as_slice() else {
        return refuse(format!(
            "{path}: geen kaarttegel (verwacht sites/versie/z/x/y)"
        ));
    };
    let number = |s: &str| s.trim_end_matches(".pbf").parse::<u32>().ok();
    let (Some(z), Some(x), Some(y)) = (number(z), number(x), number(y)) else {
        return refuse(format!("{path}: z, x en y moeten gehele getallen zijn"));
    };
    if *layer != "sites" {
        return refuse(format!("{path}: onbekende kaartlaag '{layer}'"));
    }
    let tile = match locatiescout::output::tiles::TileId::new(z, x, y) {
        Ok(t) => t,
        Err(e) => return refuse(e.to_string()),
    };
    let Ok(mut guard) = state.lock() else {
        return reply(
            StatusCode::INTERNAL_SERVER_ERROR,
            TEXT,
            b"projectstatus vergrendeld".to_vec(),
        );
    };
    let Some(session) = guard.as_mut() else {
        return reply(StatusCode::OK, MVT, Vec::new());
    };
    match session.site_tile(tile) {
        Ok(bytes) => reply(StatusCode::OK, MVT, bytes.as_ref().clone()),
        Err(e) => {
            tracing::warn!("kaarttegel {path}: {e}");
            reply(
                StatusCode::INTERNAL_SERVER_ERROR,
                TEXT,
                e.to_string().into_bytes(),
            )
        }
    }
}

/// The municipalities of the country (CBS 2024, bundled) as context lines under the
/// sites: a national portfolio needs the country around it, also offline, when
/// the PDOK base map is off.
#[tauri::command]
pub async fn municipalities_geojson() -> Result<Response, ApiError> {
    crate::commands::blocking(|| {
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
    with_session(&state, |s| Ok(Response::new(s.layer_geojson(kind.into())?)))
}

/// A named overlay layer (WGS84) with each feature's index and own name, so the
/// detail panel can highlight the feature that decided a criterion.
#[tauri::command]
pub fn overlay_geojson(state: State<'_, AppState>, name: String) -> Result<Response, ApiError> {
    with_session(&state, |s| Ok(Response::new(s.overlay_geojson(&name)?)))
}
