//! Starts the window; commands live in the library (`src/lib.rs`).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("LOCATIESCOUT_LOG"))
        .init();
    let builder = tauri::Builder::default().plugin(tauri_plugin_dialog::init());
    let result = locatiescout_app::with_commands(builder, None).run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!("Locatiescout kon niet starten: {e}");
        std::process::exit(1);
    }
}
