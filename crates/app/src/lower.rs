//! The lower crates' items the command line and the desktop app use, named
//! one by one: the front ends reach the core only through this crate, and a new
//! use of a lower item is a line here (or better, a use case in this crate).

pub mod model {
    pub use locatiescout_model::{Field, FieldMap, Layer, LayerKind};
    pub mod attrs {
        pub use locatiescout_model::attrs::{parse_dutch_number, FieldMapError};
    }
    pub mod crs {
        pub use locatiescout_model::crs::{rd_rect_to_wgs84, rd_to_wgs84, wgs84_to_mercator_unit};
    }
    pub mod defaults {
        pub use locatiescout_model::defaults::use_dir;
    }
    pub mod files {
        pub use locatiescout_model::files::{
            extension_lower, refuse_overwriting_input, refuse_special, write_atomic,
        };
    }
    pub mod geometry {
        pub use locatiescout_model::geometry::GeomKind;
    }
    pub mod layer {
        pub use locatiescout_model::layer::NamedLayer;
    }
    pub mod nl {
        pub use locatiescout_model::nl::{io_nl, io_nl_write, nl_number, pct};
    }
    pub mod nl_error {
        pub use locatiescout_model::nl_error::{cut, json_nl, toml_nl};
    }
    pub mod site_name {
        pub use locatiescout_model::site_name::SiteNamer;
    }
    pub mod text {
        pub use locatiescout_model::text::{known_key, number, Lang, Text};
    }
}

pub mod io {
    pub use locatiescout_io::{import_file, ImportError, ImportOptions};
    pub mod fetch {
        pub use locatiescout_io::fetch::{
            gemeenten, Area, Collection, FetchError, FetchProgress, Outcome,
        };
    }
    pub mod fieldmap {
        pub use locatiescout_io::fieldmap::FieldPreview;
    }
    pub mod import {
        pub use locatiescout_io::import::{split_layer, Flagged, ImportReport, Layer, LayerKind};
        pub mod gpkg {
            pub use locatiescout_io::import::gpkg::{layers, GpkgLayer};
        }
    }
    pub mod join {
        pub use locatiescout_io::join::{join_csv, join_csv_on, JoinKey, JoinReport};
    }
    pub mod project {
        pub use locatiescout_io::project::{Flag, FlagImport, FlagStatus, Project, ProjectError};
        pub mod flags {
            pub use locatiescout_io::project::flags::os_user;
        }
    }
}

pub mod engine {
    pub mod business {
        pub use locatiescout_engine::business::{BusinessCase, BusinessParams};
    }
    pub mod compare {
        pub use locatiescout_engine::compare::{group_text, Comparison};
    }
    pub mod congestion {
        pub use locatiescout_engine::congestion::{Colour, CongestionConfig};
    }
    pub mod dataset {
        pub use locatiescout_engine::dataset::Dataset;
    }
    pub mod grid_connection {
        pub use locatiescout_engine::grid_connection::{read_note, GridReading};
    }
    pub mod index {
        pub use locatiescout_engine::index::layer_extent;
    }
    pub mod link {
        pub use locatiescout_engine::link::{link_listings, ListingLinks, Overlap};
    }
    pub mod profile {
        pub use locatiescout_engine::profile::{Profile, ProfileError};
    }
    pub mod regio {
        pub use locatiescout_engine::regio::Regio;
    }
    pub mod score {
        pub use locatiescout_engine::score::{
            ListQuery, ScoreError, Scoring, Sensitivity, SiteDetail, SiteFilter, SortKey,
        };
    }
    pub mod spatial {
        pub use locatiescout_engine::spatial::SpatialFact;
    }
    pub mod werkprogramma {
        pub use locatiescout_engine::werkprogramma::{
            Addressee, Entry, Knelpunt, KnelpuntCategory, PeriodResult, SiteRow, Werkprogramma,
            WerkprogrammaReport, MAX_DISMISSED, MAX_ENTRIES, MAX_FILE_BYTES, MAX_GROUPS_PER_ENTRY,
            MAX_OWN_KNELPUNTEN, MAX_OWN_KNELPUNTEN_PER_ENTRY, MAX_PERIODS, MAX_SUPPORT_ASKS,
        };
    }
}

pub mod output {
    pub mod export {
        pub use locatiescout_output::export::{export_sites, layer_geojson, ExportError};
    }
    pub mod links {
        pub use locatiescout_output::links::write_links_csv;
    }
    pub mod report {
        pub use locatiescout_output::report::{
            chart_svg, map_svg, Cell, ReportError, Table, WerkprogrammaExport,
        };
        pub mod regio {
            pub use locatiescout_output::report::regio::{
                chart_svg, map_svg, scope, summary, tables, title,
            };
        }
    }
    pub mod tiles {
        pub use locatiescout_output::tiles::{TileId, MAX_ZOOM};
    }
}
