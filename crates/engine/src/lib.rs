//! What Locatiescout computes: the spatial index and overlaps ([`index`],
//! [`link`]), grid connection notes and congestion areas
//! ([`grid_connection`], [`congestion`]), profiles and scoring ([`profile`],
//! [`score`]) of the loaded data ([`dataset`]), spatial criterion inputs
//! ([`spatial`] over the exact overlaps of [`overlap`], found through a
//! [`box_grid`]), the business case ([`business`]), the werkprogramma
//! ([`werkprogramma`]) and the comparison of sites ([`compare`]). Reads model
//! values only; never a file format or the project store.

pub mod box_grid;
pub mod business;
pub mod compare;
pub mod congestion;
pub mod dataset;
pub mod grid_connection;
pub mod index;
pub mod link;
pub mod overlap;
pub mod profile;
pub mod regio;
pub mod score;
pub mod spatial;
pub mod werkprogramma;

pub use index::SpatialIndex;
