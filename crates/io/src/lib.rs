//! Reading and storing: files into [`model::layer::Layer`]s ([`import`]), the
//! field-mapping dialog's preview ([`fieldmap`]), attribute joins ([`join`]),
//! the project file ([`project`]), and PDOK downloads and geocoding ([`fetch`],
//! [`geocode`]). Knows the model, never the engine.

pub use locatiescout_model as model;

pub mod cbs;
pub mod exchange;
pub mod fieldmap;
pub mod import;
pub mod join;
pub mod project;

#[cfg(feature = "fetch")]
pub mod fetch;
#[cfg(feature = "fetch")]
pub mod geocode;

pub use import::{import_file, ImportError, ImportOptions};
