//! Transitional facade: the core now lives in the crates under `crates/`; this
//! re-exports them at their old paths while the CLI and tests move.

pub use locatiescout_engine::{
    business, compare, congestion, grid, index, link, profile, score, werkprogramma,
};
#[cfg(feature = "fetch")]
pub use locatiescout_io::{fetch, geocode};
pub use locatiescout_io::{fieldmap, import, join, project};
pub use locatiescout_model::{attrs, crs, defaults, geometry};
pub use locatiescout_output::{export, report};

pub use attrs::{Field, FieldMap};
pub use crs::Crs;
pub use import::{import_file, ImportError, ImportOptions, ImportReport, Layer, LayerKind};
pub use index::SpatialIndex;

pub use locatiescout_application as application;
pub use locatiescout_model::{files, nl};
pub use locatiescout_output as output;
