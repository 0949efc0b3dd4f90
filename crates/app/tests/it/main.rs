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
mod sample_project;
mod scoring;
mod site_names;
mod spatial;
mod tiles;
mod use_cases;
mod werkprogramma;

/// The fixed peildatum the scoring tests measure terms and availability from:
/// the engine reads no clock, so a test never changes with the day it runs.
#[allow(clippy::expect_used)]
pub fn peildatum() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("a real date")
}
