//! The application layer: every use case written once — open or create a
//! project, import, join, fetch, score with the saved weights, flags, the
//! werkprogramma — and called by both the `locatiescout` command line and the
//! desktop app. Knows the project store, the engine and the writers; knows
//! nothing of Tauri or clap.

pub mod access;
pub mod compare;
pub mod error;
pub mod fetch;
pub mod fieldmap;
pub mod flags;
pub mod geocode;
pub mod import;
pub mod map_tiles;
pub mod outputs;
pub mod project;
pub mod regio;
pub mod scoring;
pub mod session;
pub mod stored;
pub mod werkprogramma;

pub use error::{AppError, ErrorKind};
pub use session::Session;

mod lower;
pub use lower::{engine, io, model, output};
