//! Locatiescout desktop app: windows and commands only; all computing is in the
//! `locatiescout` core crate.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod dto;
mod error;
mod state;

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("LOCATIESCOUT_LOG"))
        .init();
    let result = tauri::Builder::default()
        .manage(state::AppState::default())
        .invoke_handler(tauri::generate_handler![
            commands::project::open_sample,
            commands::scoring::ranking,
            commands::scoring::sites_geojson,
            commands::scoring::set_weights,
            commands::scoring::site_detail,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!("Locatiescout kon niet starten: {e}");
        std::process::exit(1);
    }
}
