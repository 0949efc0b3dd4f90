//! Integration tests of `locatiescout`, one test binary for the crate.

mod cli_fetch;
mod cli_formats;
mod cli_project;
mod cli_spatial;
mod common;
mod dutch_messages;
mod first_impression;
mod hostile;
mod messages;
mod mutants;
mod reliability;
mod reliability_limits;
mod sample_complete;
mod setup_scripts;
mod werkprogramma_export;
