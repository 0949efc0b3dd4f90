//! The values everything else speaks: geometry in RD New and the CRS it came
//! from, typed attributes and the field map, a [`layer::Layer`] with its import
//! report, how a planner names a site and what it brought, flags, Dutch
//! formatting and the Dutch Excel CSV dialect, the bundled defaults and where
//! an installation may replace them. Depends on no other Locatiescout crate.

pub mod attrs;
pub mod crs;
pub mod csv_nl;
pub mod defaults;
pub mod exchange;
pub mod files;
pub mod flag;
pub mod geojson;
pub mod geometry;
pub mod gpkg_blob;
pub mod layer;
pub mod nl;
pub mod nl_error;
pub mod saved;
pub mod site_name;
pub mod source_values;
pub mod text;

pub use attrs::{Field, FieldMap};
pub use crs::Crs;
pub use layer::{ImportReport, Layer, LayerKind};
