//! Tauri commands grouped by domain; each takes the state and calls the core.
pub mod fetch;
pub mod fieldmap;
pub mod flags;
pub mod map;
pub mod project;
pub mod regio;
pub mod scoring;
pub mod werkprogramma;
