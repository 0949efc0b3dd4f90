/// App commands get generated permissions (`allow-<command>`), so the capability
/// file grants exactly these and nothing else.
const COMMANDS: &[&str] = &[
    "open_start",
    "open_sample",
    "project_open",
    "project_new",
    "project_save_as",
    "recent_projects",
    "set_profile",
    "import_layer",
    "gpkg_layers",
    "join_listings_table",
    "cancel_import",
    "join_congestion_table",
    "congestion_config",
    "set_congestion_config",
    "field_preview",
    "save_field_map",
    "layer_geojson",
    "overlay_geojson",
    "remove_overlay",
    "municipalities_geojson",
    "ranking",
    "set_weights",
    "site_detail",
    "sensitivity",
    "flag_sites",
    "site_flags",
    "flag_history",
    "default_author",
    "flags_export",
    "flags_import",
    "compare_sites",
    "compare_export",
    "werkprogramma",
    "werkprogramma_set",
    "werkprogramma_add",
    "werkprogramma_export",
    "gemeenten",
    "fetch_pdok",
    "geocode_listings",
    "regio_overview",
    "regio_export",
    "set_language",
];

fn main() {
    let attrs = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attrs) {
        eprintln!("tauri-build: {e:#}");
        std::process::exit(1);
    }
}
