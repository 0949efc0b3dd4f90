//! Issue 32, "Dutch all the way": the parsers', SQLite's and the system's
//! English turned into Dutch sentences that say what to do, each case a refusal
//! the hostile run met. The system's words may follow only in brackets.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_locatiescout"))
        .current_dir(dir)
        .env_remove("LOCATIESCOUT_LOG")
        .args(args)
        .output()
        .unwrap()
}

fn sample(f: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("data/sample")
        .join(f)
}

/// The refusal's text: the command failed, said it once, in Dutch, and `says`.
fn refused(dir: &Path, args: &[&str], says: &str) -> String {
    let o = run(dir, args);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(3), "{args:?}: {err}");
    assert!(err.contains(says), "{args:?}: '{says}' not in: {err}");
    let en = crate::common::english_in(&err);
    assert!(en.is_empty(), "{args:?}: English {en:?} in {err}");
    err
}

/// A project of the sample parcels, for the werkprogramma cases.
fn project(dir: &Path) -> PathBuf {
    let p = dir.join("p.locatiescout");
    let o = run(
        dir,
        &[
            "project",
            "create",
            p.to_str().unwrap(),
            "--parcels",
            sample("percelen.geojson").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    p
}

/// A GeoJSON with one feature whose properties are `props` (raw JSON text).
fn feature_with(props: &str) -> String {
    format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{props},"geometry":{{"type":"Point","coordinates":[155000,463000]}}}}]}}"#
    )
}

#[test]
fn json_that_ends_early_says_it_was_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = project(d);
    std::fs::write(d.join("eof.json"), "{\"entries\": [").unwrap();
    // Before: "het bestand houdt op midden in een lijst" without what is missing.
    refused(
        d,
        &[
            "werkprogramma",
            p.to_str().unwrap(),
            "--from",
            "eof.json",
            "--out",
            "wp.csv",
        ],
        "er ontbreekt een ']' (afgebroken bij downloaden of kopiëren?)",
    );
}

#[test]
fn deeply_nested_json_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = project(d);
    // Before: "recursion limit exceeded".
    std::fs::write(
        d.join("diep.geojson"),
        feature_with(&format!("{{\"a\":{}}}", "[".repeat(5000))),
    )
    .unwrap();
    refused(
        d,
        &["inspect", "diep.geojson"],
        "te diep genest (meer dan 128 niveaus)",
    );
    std::fs::write(d.join("diep.json"), "[".repeat(5000)).unwrap();
    refused(
        d,
        &[
            "werkprogramma",
            p.to_str().unwrap(),
            "--from",
            "diep.json",
            "--out",
            "wp.csv",
        ],
        "te diep genest",
    );
}

#[test]
fn a_trailing_comma_is_named_and_what_to_do_said() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = project(d);
    // Before: "trailing comma".
    std::fs::write(d.join("komma.geojson"), feature_with("{\"a\":1,}")).unwrap();
    refused(
        d,
        &["inspect", "komma.geojson"],
        "overbodige komma voor een ']' of '}'; verwijder die komma",
    );
    std::fs::write(d.join("komma.json"), "{\"entries\":[],}").unwrap();
    refused(
        d,
        &[
            "werkprogramma",
            p.to_str().unwrap(),
            "--from",
            "komma.json",
            "--out",
            "wp.csv",
        ],
        "regel 1, kolom 15: overbodige komma",
    );
}

#[test]
fn a_bad_hex_escape_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Before: "unexpected end of hex escape" (half a \u pair).
    std::fs::write(d.join("hex.geojson"), feature_with(r#"{"a":"\uD800"}"#)).unwrap();
    refused(
        d,
        &["inspect", "hex.geojson"],
        "onvolledige \\u-escape in een tekst",
    );
    // Before: "ongeldige escape" without what a \u needs.
    std::fs::write(d.join("hex2.geojson"), feature_with(r#"{"a":"\u12G4"}"#)).unwrap();
    refused(
        d,
        &["inspect", "hex2.geojson"],
        "na \\u horen vier hexadecimale cijfers",
    );
}

#[test]
fn text_that_is_not_utf8_says_to_save_it_as_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = project(d);
    std::fs::write(d.join("wp.toml"), b"gemeente = \"Gem\xe9ente\"\n").unwrap();
    // Before: "ongeldige gegevens (stream did not contain valid UTF-8)".
    refused(
        d,
        &["werkprogramma", p.to_str().unwrap(), "--from", "wp.toml", "--out", "wp.csv"],
        "wp.toml: kan niet worden gelezen: de tekst is geen geldige UTF-8; sla het bestand opnieuw op als UTF-8",
    );
    std::fs::write(d.join("profiel.toml"), b"name = \"\xff\"\n").unwrap();
    refused(
        d,
        &[
            "score",
            "--profile",
            "profiel.toml",
            "--parcels",
            sample("percelen.geojson").to_str().unwrap(),
        ],
        "de tekst is geen geldige UTF-8",
    );
}

#[test]
fn toml_syntax_errors_are_dutch_sentences_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let parcels = sample("percelen.geojson");
    for (text, says) in [
        // Before: "unclosed array, expected `]` (regel 2)".
        (
            "key = \"x\"\nx = [1,\n",
            "een lijst is niet gesloten: er ontbreekt een ']'",
        ),
        // Before: "string values must be quoted, expected literal string".
        ("name = \n", "tekst moet tussen aanhalingstekens staan"),
        // Before: "too few unicode value digits".
        ("name = \"\\u12\"\n", "onvolledige escape in een tekst"),
    ] {
        std::fs::write(d.join("profiel.toml"), text).unwrap();
        let err = refused(
            d,
            &[
                "score",
                "--profile",
                "profiel.toml",
                "--parcels",
                parcels.to_str().unwrap(),
            ],
            says,
        );
        assert!(err.contains(": regel "), "{err}");
        std::fs::write(d.join("veld.toml"), text).unwrap();
        refused(
            d,
            &[
                "inspect",
                "--fieldmap",
                "veld.toml",
                parcels.to_str().unwrap(),
            ],
            says,
        );
    }
}

#[test]
fn a_one_byte_project_is_not_called_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("een.locatiescout"), b"x").unwrap();
    let err = refused(
        d,
        &["project", "show", "een.locatiescout"],
        "is geen Locatiescout-project",
    );
    assert!(!err.contains("wel een SQLite-database"), "{err}");
    assert_eq!(std::fs::read(d.join("een.locatiescout")).unwrap(), b"x");
}

#[test]
fn a_project_missing_a_table_says_which_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = project(d);
    rusqlite::Connection::open(&p)
        .unwrap()
        .execute_batch("DROP TABLE flag_events;")
        .unwrap();
    // Before: "het project is onvolledig of beschadigd (no such table: flag_events)".
    let err = refused(
        d,
        &["project", "show", p.to_str().unwrap()],
        "het project is onvolledig of beschadigd: de tabel flag_events ontbreekt. Open een reservekopie",
    );
    assert!(!err.contains("no such table"), "{err}");
}

#[test]
fn a_database_that_cannot_be_opened_is_said_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = project(d);
    // A folder that is a file: SQLite cannot create the GeoPackage there.
    std::fs::write(d.join("bestand"), b"x").unwrap();
    // Before: "unable to open database file: bestand/wp.gpkg.tmp.tmp".
    let err = refused(
        d,
        &[
            "werkprogramma",
            p.to_str().unwrap(),
            "--out",
            "bestand/wp.gpkg",
        ],
        "kan niet worden geopend of gemaakt; controleer of de map bestaat en of u er mag schrijven",
    );
    assert!(!err.contains("unable to open"), "{err}");
}

#[test]
fn a_very_long_crs_name_is_cut() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let name = "X".repeat(10_000);
    std::fs::write(
        d.join("crs.geojson"),
        format!(
            r#"{{"type":"FeatureCollection","crs":{{"type":"name","properties":{{"name":"{name}"}}}},"features":[{{"type":"Feature","properties":{{}},"geometry":{{"type":"Point","coordinates":[1,2]}}}}]}}"#
        ),
    )
    .unwrap();
    // Before: all 10,000 characters in the message.
    let err = refused(
        d,
        &["inspect", "crs.geojson"],
        "niet-ondersteund coördinatenstelsel",
    );
    assert!(err.contains(&format!("'{}…'", "X".repeat(80))), "{err}");
    assert!(err.len() < 600, "{} characters: {err}", err.len());
}

#[test]
fn a_long_value_in_a_type_error_is_cut() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = project(d);
    let long = "y".repeat(10_000);
    std::fs::write(
        d.join("wp.json"),
        format!(r#"{{"gemeente":"G","entries":[{{"site_id":"a","homes":"{long}"}}]}}"#),
    )
    .unwrap();
    let err = refused(
        d,
        &[
            "werkprogramma",
            p.to_str().unwrap(),
            "--from",
            "wp.json",
            "--out",
            "wp.csv",
        ],
        "verkeerd type: tekst",
    );
    assert!(err.len() < 600, "{} characters: {err}", err.len());
}
