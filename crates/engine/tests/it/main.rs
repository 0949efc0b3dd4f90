//! Integration tests of `locatiescout-engine`, one test binary for the crate.

mod business;
mod defaults;
mod grid_notes;
mod werkprogramma;
