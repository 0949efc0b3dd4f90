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

/// English a user must not see from this program, outside brackets (where the
/// system's own words are kept for a specialist); the words found.
/// The CLI run in `dir` (the reliability tests' runner).
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_locatiescout"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("locatiescout kon niet starten: {e}"))
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A sample file's path, as an argument.
pub fn sample(f: &str) -> String {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("data/sample")
        .join(f)
        .display()
        .to_string()
}

pub fn english_in(text: &str) -> Vec<&'static str> {
    let mut depth = 0i32;
    let outside: String = text
        .chars()
        .filter(|c| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            depth <= 0
        })
        .collect();
    [
        "error:",
        "Usage:",
        "expected",
        "invalid",
        "No such file",
        "Broken pipe",
        "Print help",
        "no such table",
        "Permission denied",
        "missing field",
        "unknown field",
        "EOF while",
        "trailing characters",
        "unrecognized",
        "panicked",
        "key must be",
        // Issue 32: the parsers', SQLite's and the system's words.
        "recursion limit",
        "trailing comma",
        "hex escape",
        "did not contain valid",
        "unable to open",
        "No space left",
        "os error",
        "no such column",
        "unclosed",
        "must be quoted",
        "too few",
        "cannot be",
        "key-value",
        "database is",
        "not a database",
    ]
    .into_iter()
    .filter(|w| outside.contains(w))
    .collect()
}
