//! Locatiescout desktop app: windows and commands only; all computing is in the
//! `locatiescout` core crate. A library so IPC tests can build the same app on
//! Tauri's mock runtime.

pub mod commands;
pub mod dto;
pub mod error;
pub mod state;

/// Every command the window may call; `build.rs` lists the same names for the
/// capability file, so a command missing from either is refused.
pub fn with_commands<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .manage(state::AppState::default())
        .invoke_handler(tauri::generate_handler![
            commands::project::open_sample,
            commands::project::set_profile,
            commands::project::import_layer,
            commands::project::cancel_import,
            commands::map::sites_geojson,
            commands::map::layer_geojson,
            commands::scoring::ranking,
            commands::scoring::set_weights,
            commands::scoring::site_detail,
            commands::scoring::sensitivity,
        ])
}
