//! Integration tests of `locatiescout-model`, one test binary for the crate.

mod crs_proj;
