//! Paths into `../shared/data`, the public Dutch data the tests read, and the binary.
#![allow(clippy::panic)] // test code

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn shared(rel: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("../shared/data")
        .join(rel)
}

/// Runs the `locatiescout` binary with `args`.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_locatiescout"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("locatiescout kon niet starten: {e}"))
}
