//! Fetching BRK parcels, BAG panden and verblijfsobjecten and the overlay layers
//! of the spatial criteria (Natura 2000, stations, …) from PDOK's OGC API
//! Features, robust against slow, broken and hostile servers: every request has a
//! timeout, 429 and 5xx are retried with backoff honouring `Retry-After`, a
//! response larger than the cap is refused before it is read, the total number of
//! features is capped, and a cancel takes effect at once, also during a request. Pages are
//! followed through their `rel=next` links (PDOK pages by cursor). Features are
//! written as they arrive into one GeoJSON file that the ordinary importer
//! then reads, so fetched data gets the same field mapping, checks and report as
//! a file the user opens.
//!
//! One concept per file: [`FetchSettings`] (where and how), [`Collection`]
//! (what), [`Area`] (where), [`Fetcher`] (the pages of a collection into one
//! file, then the importer), the retrying, size-capped GET and the link checks
//! (`http`), the municipality filter (`clip`), [`FetchError`], and `plan`: what a
//! project already has, and storing a fetch in it.

mod area;
mod clip;
mod collection;
mod error;
mod fetcher;
mod http;
mod plan;
mod settings;

pub use area::{gemeenten, Area};
pub use collection::Collection;
pub use error::{Asked, FetchError};
pub use fetcher::{items_url, FetchProgress, FetchSummary, Fetcher};
pub(crate) use http::urlencode;
pub use http::{allowed_origins, check_link, client, get};
pub use plan::{
    fetch_into_project, in_collection_order, plan, previous, store, FetchRecord, Outcome, Plan,
};
pub use settings::{check_base_url, FetchSettings};
