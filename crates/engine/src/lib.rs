//! What Locatiescout computes: the spatial index and overlaps ([`index`],
//! [`link`]), grid notes and congestion areas ([`grid`], [`congestion`]),
//! profiles and scoring ([`profile`], [`score`]) of the loaded data
//! ([`dataset`]), spatial criterion inputs ([`spatial`] over the exact
//! overlaps of [`overlap`]), the business case ([`business`]), the
//! werkprogramma ([`werkprogramma`]) and the comparison of sites
//! ([`compare`]). Reads model values only; never a file format or the project
//! store.

pub mod business;
pub mod compare;
pub mod congestion;
pub mod dataset;
pub mod grid;
pub mod grid_index;
pub mod index;
pub mod link;
pub mod overlap;
pub mod profile;
pub mod regio;
pub mod score;
pub mod spatial;
pub mod werkprogramma;

pub use index::SpatialIndex;
