//! Locatiescout's core: import Dutch parcel, building and listing files, index
//! them, and score sites for flexwoningen and transformation. Knows nothing of
//! Tauri; the desktop app and the `locatiescout` command line both call it.
//!
//! A tour: [`import`] reads GeoJSON/CSV into a [`Layer`] (geometry in RD New,
//! see [`crs`]); [`index`] answers bbox, point-in-polygon and nearest queries and
//! joins layers; [`grid`] reads Dutch grid-connection notes; [`profile`] loads
//! scoring profiles (data, not code); [`score`] turns layers into ranked
//! [`score::Site`]s with explanations; [`export`] writes GeoJSON and CSV.
//! [`defaults`] holds the bundled profiles, field map and other defaults, and
//! where an installation may replace them.

pub mod attrs;
pub mod business;
pub mod compare;
pub mod congestion;
pub mod crs;
pub mod defaults;
pub mod fieldmap;
pub mod geometry;
pub mod import;

pub use attrs::{Field, FieldMap};
pub use crs::Crs;
pub use import::{import_file, ImportError, ImportOptions, ImportReport, Layer, LayerKind};
pub mod grid;
pub mod index;
pub use index::SpatialIndex;
pub mod export;
#[cfg(feature = "fetch")]
pub mod fetch;
#[cfg(feature = "fetch")]
pub mod geocode;
pub mod join;
pub mod link;
pub mod profile;
pub mod project;
pub mod report;
pub mod score;
pub mod werkprogramma;
