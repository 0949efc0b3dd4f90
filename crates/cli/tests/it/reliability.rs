//! Issue 32: nothing lost, every message Dutch — the cases a user meets once.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_locatiescout"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn sample(f: &str) -> String {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("data/sample")
        .join(f)
        .display()
        .to_string()
}

/// Item 5: a megabyte of blanks before valid JSON is still that JSON.
#[test]
fn item5_a_megabyte_of_spaces_before_the_json_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let json = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[155000,463000]}}]}"#;
    std::fs::write(
        d.join("sp.geojson"),
        format!("{}{json}", " ".repeat(1_100_000)),
    )
    .unwrap();
    let o = run(d, &["inspect", "sp.geojson"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("1 features, 1 ingelezen"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // Only blanks is still said as such.
    std::fs::write(d.join("leeg.geojson"), " ".repeat(1_100_000)).unwrap();
    let o = run(d, &["inspect", "leeg.geojson"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("alleen spaties"), "{}", stderr(&o));
}

/// Item 7: the same output twice is named as such (not "de map bestaat niet"),
/// and a 1-byte project file is not called an SQLite database.
#[test]
fn item7_the_same_output_twice_and_a_one_byte_project() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = run(
        d,
        &[
            "project",
            "create",
            "p.locatiescout",
            "--parcels",
            &sample("percelen.geojson"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(
        d,
        &[
            "werkprogramma",
            "p.locatiescout",
            "--out",
            "a.csv",
            "--out",
            "./a.csv",
        ],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("twee keer als uitvoer opgegeven"),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("a.csv").exists());
    std::fs::write(d.join("een.locatiescout"), b"x").unwrap();
    let o = run(d, &["project", "show", "een.locatiescout"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("geen SQLite-database"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("wel een SQLite"), "{}", stderr(&o));
    assert_eq!(std::fs::read(d.join("een.locatiescout")).unwrap(), b"x");
}

/// First impression: the sensitivity summary names the criteria as the profile
/// does for a reader ("Grootte", not `size`).
#[test]
fn the_sensitivity_summary_uses_the_criteria_labels() {
    let dir = tempfile::tempdir().unwrap();
    let (parcels, panden) = (sample("percelen.geojson"), sample("panden.geojson"));
    let o = run(
        dir.path(),
        &[
            "score",
            "--parcels",
            &parcels,
            "--buildings",
            &panden,
            "--profile",
            "flex",
            "--sensitivity",
            "--top",
            "3",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let summary = out.split("Gevoeligheid").nth(1).unwrap();
    for key in [
        "size",
        "term",
        "grid",
        "free",
        "nature",
        "zoning",
        "station",
        "amenities",
    ] {
        assert!(
            !summary
                .lines()
                .any(|l| l.trim_start().starts_with(&format!("{key} "))),
            "{key} in:\n{summary}"
        );
    }
}

/// Item 6: an output through a symbolic link writes the link's target (the
/// link stays a link), and a device or pipe behind a name is refused with
/// nothing written — before, `/dev/full` behind a link was "geschreven".
#[test]
fn item6_outputs_through_links_and_onto_devices() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let parcels = sample("percelen.geojson");
    let o = run(
        d,
        &["project", "create", "p.locatiescout", "--parcels", &parcels],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for (args, name) in [
        (
            vec!["werkprogramma", "p.locatiescout", "--out", "link.csv"],
            "link.csv",
        ),
        (
            vec![
                "score",
                "--profile",
                "flex",
                "--parcels",
                &parcels,
                "--out",
                "sites.csv",
            ],
            "sites.csv",
        ),
        (
            vec!["flags", "export", "p.locatiescout", "flags.csv"],
            "flags.csv",
        ),
    ] {
        let target = d.join(format!("doel-{name}"));
        std::fs::write(&target, "oud").unwrap();
        let _ = std::fs::remove_file(d.join(name));
        std::os::unix::fs::symlink(&target, d.join(name)).unwrap();
        let o = run(d, &args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let meta = std::fs::symlink_metadata(d.join(name)).unwrap();
        assert!(meta.file_type().is_symlink(), "{name} is no longer a link");
        let written = std::fs::read_to_string(&target).unwrap();
        assert!(
            written.len() > 3 && !written.starts_with("oud"),
            "{name}: {written}"
        );
        // The same name onto a device: refused, nothing beside it.
        std::fs::remove_file(d.join(name)).unwrap();
        std::os::unix::fs::symlink("/dev/full", d.join(name)).unwrap();
        let o = run(d, &args);
        assert!(!o.status.success(), "{args:?} onto /dev/full");
        assert!(stderr(&o).contains("geen gewoon bestand"), "{}", stderr(&o));
        assert!(!Path::new("/dev/full.tmp").exists());
        assert!(!Path::new("/dev/full.csv.tmp").exists());
    }
}

/// Item 4: one `0;0` row in an RD CSV is skipped and named, as in GeoJSON; the
/// file is not refused as a whole ("Web Mercator?"), and the counts add up.
#[test]
fn item4_a_zero_row_in_a_csv_is_skipped_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("z.csv"),
        "x;y;naam\n155000;463000;a\n0;0;b\n155100;463100;c\n",
    )
    .unwrap();
    let o = run(d, &["inspect", "z.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(out.contains("3 features, 2 ingelezen"), "{out}");
    assert!(out.contains("dit object is overgeslagen"), "{out}");
    assert!(out.contains("Overgeslagen:   1"), "{out}");
}

/// First impression: no `-0.0` in an export (the sample's free-land share of a
/// fully built parcel came out as `"free_pct":-0.0` on 61 sites).
#[test]
fn no_negative_zero_in_the_scored_export() {
    let dir = tempfile::tempdir().unwrap();
    let (parcels, panden) = (sample("percelen.geojson"), sample("panden.geojson"));
    for out in ["s.geojson", "s.csv"] {
        let o = run(
            dir.path(),
            &[
                "score",
                "--profile",
                "flex",
                "--parcels",
                &parcels,
                "--buildings",
                &panden,
                "--out",
                out,
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let text = std::fs::read_to_string(dir.path().join(out)).unwrap();
        assert!(
            !text.contains(":-0.0") && !text.contains(";-0,0;"),
            "{out} has -0"
        );
    }
}
