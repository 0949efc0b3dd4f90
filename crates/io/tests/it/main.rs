//! Integration tests of `locatiescout-io`, one test binary for the crate.

mod bad_input;
mod common;
mod corpus;
mod crash;
mod fetch;
mod fieldmap;
mod gpkg;
mod join;
mod shapefile;
