//! Locatiescout desktop app: windows and commands only; all computing is in the
//! `locatiescout` core crate. A library so IPC tests can build the same app on
//! Tauri's mock runtime.

pub mod commands;
pub mod dto;
pub mod dto_compare;
pub mod dto_fetch;
pub mod dto_regio;
pub mod dto_werkprogramma;
pub mod error;
pub mod recent;
pub mod state;

use tauri::Manager;

/// Every command the window may call; `build.rs` lists the same names for the
/// capability file, so a command missing from either is refused. `data_dir` holds
/// the sample project and the recent list: `None` means the platform's app data
/// folder (or `LOCATIESCOUT_DATA_DIR`, which the end-to-end test sets).
pub fn with_commands<R: tauri::Runtime>(
    builder: tauri::Builder<R>,
    data_dir: Option<std::path::PathBuf>,
) -> tauri::Builder<R> {
    let explicit = data_dir.is_some();
    builder
        .manage(state::AppState::with_data_dir(data_dir))
        .setup(move |app| {
            let resource = app
                .path()
                .resolve("sample", tauri::path::BaseDirectory::Resource)
                .ok();
            // The installation's defaults (profiles, field map, …) as files beside
            // the compiled-in ones; absent in IPC tests, which use the built-in ones.
            if let Ok(dir) = app
                .path()
                .resolve("defaults", tauri::path::BaseDirectory::Resource)
            {
                if dir.is_dir() {
                    locatiescout::model::defaults::use_dir(&dir);
                }
            }
            let sample = state::find_sample_dir(resource);
            if sample.is_none() {
                tracing::warn!("voorbeeldregio niet gevonden (map 'sample' bij de installatie)");
            }
            if let Ok(mut d) = app.state::<state::AppState>().sample_dir.lock() {
                *d = sample;
            }
            if !explicit {
                let dir = std::env::var_os("LOCATIESCOUT_DATA_DIR")
                    .map(std::path::PathBuf::from)
                    .or_else(|| app.path().app_data_dir().ok());
                if let Ok(mut d) = app.state::<state::AppState>().data_dir.lock() {
                    *d = dir;
                }
            }
            Ok(())
        })
        .register_asynchronous_uri_scheme_protocol(
            commands::map::TILE_SCHEME,
            commands::map::tile_protocol,
        )
        .invoke_handler(tauri::generate_handler![
            commands::project::open_start,
            commands::project::open_sample,
            commands::project::project_open,
            commands::project::project_new,
            commands::project::project_save_as,
            commands::project::recent_projects,
            commands::project::set_profile,
            commands::project::import_layer,
            commands::project::gpkg_layers,
            commands::project::join_listings_table,
            commands::project::cancel_import,
            commands::project::join_congestion_table,
            commands::project::congestion_config,
            commands::project::set_congestion_config,
            commands::fieldmap::field_preview,
            commands::fieldmap::save_field_map,
            commands::map::layer_geojson,
            commands::map::overlay_geojson,
            commands::project::remove_overlay,
            commands::map::municipalities_geojson,
            commands::scoring::ranking,
            commands::scoring::set_weights,
            commands::scoring::site_detail,
            commands::scoring::sensitivity,
            commands::flags::flag_sites,
            commands::flags::site_flags,
            commands::flags::flag_history,
            commands::flags::default_author,
            commands::flags::flags_export,
            commands::flags::flags_import,
            commands::compare::compare_sites,
            commands::compare::compare_export,
            commands::werkprogramma::werkprogramma,
            commands::werkprogramma::werkprogramma_set,
            commands::werkprogramma::werkprogramma_add,
            commands::werkprogramma::werkprogramma_export,
            commands::fetch::gemeenten,
            commands::fetch::fetch_pdok,
            commands::geocode::geocode_listings,
            commands::regio::regio_overview,
            commands::regio::regio_export,
            commands::scoring::set_language,
        ])
}
