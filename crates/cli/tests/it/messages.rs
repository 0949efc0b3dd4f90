//! What a failing command says on stderr: the error once, in Dutch, and no
//! terminal colour codes in a file or a pipe (issue 31 item 10).
#![allow(clippy::unwrap_used)]

use std::process::{Command, Output};

fn inspect_missing(log: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_locatiescout"));
    cmd.args(["inspect", "/bestaat/niet/percelen.gpkg"]);
    match log {
        Some(level) => cmd.env("LOCATIESCOUT_LOG", level),
        None => cmd.env_remove("LOCATIESCOUT_LOG"),
    };
    // `output` pipes stderr: not a terminal.
    cmd.output().unwrap()
}

#[test]
fn an_error_is_said_once_and_without_colour_codes_in_a_pipe() {
    // Before: a coloured log line ("\x1b[31mERROR\x1b[0m …") and then "fout: …", the same twice.
    let out = inspect_missing(None);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("\x1b["), "{err:?}");
    assert_eq!(err.matches("kan niet worden gelezen").count(), 1, "{err}");
    assert_eq!(
        err,
        "fout: /bestaat/niet/percelen.gpkg: kan niet worden gelezen: het bestand bestaat niet\n"
    );
    // Logging asked for: the log line with the error's code, still without colour codes.
    let out = inspect_missing(Some("error"));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("\x1b["), "{err:?}");
    assert!(err.contains("code=\"io\""), "{err}");
}

#[test]
fn a_usage_error_has_no_colour_codes_in_a_pipe() {
    let out = Command::new(env!("CARGO_BIN_EXE_locatiescout"))
        .args(["inspect", "--bestaat-niet"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("\x1b["), "{err:?}");
    assert_eq!(err.matches("onbekende optie").count(), 1, "{err}");
}
