//! The application layer: every use case written once — open or create a
//! project, import, join, fetch, score with the saved weights, flags, the
//! werkprogramma — and called by both the `locatiescout` command line and the
//! desktop app. Knows the project store, the engine and the writers; knows
//! nothing of Tauri or clap.

pub mod error;
pub mod stored;

pub use error::AppError;
