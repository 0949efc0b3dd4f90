//! Integration tests of `locatiescout-application`, one test binary for the crate.

#[path = "../../../io/tests/it/common.rs"]
mod common;
mod congestion;
mod index_oracle;
mod link;
mod project;
mod real_data;
mod regio;
mod regio_gen;
mod scoring;
mod spatial;
mod tiles;
mod use_cases;
mod werkprogramma;
