//! What Locatiescout writes for people and other programs: ranked sites as
//! GeoJSON and CSV ([`export`]), the werkprogramma as HTML, PDF, XLSX, CSV,
//! GeoPackage and GeoJSON ([`report`]), a comparison ([`compare`]) and the
//! listing links ([`links`]), and the map's vector tiles ([`tiles`]). Reads
//! engine results; never the project store.

pub mod compare;
pub mod export;
pub mod links;
pub mod report;
pub mod tiles;
