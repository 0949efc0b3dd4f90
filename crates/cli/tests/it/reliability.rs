//! Issue 32: nothing lost, every message Dutch — the cases a user meets once.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use crate::common::{run_in as run, sample, stderr};

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
    assert!(out.contains("3 rijen, 2 ingelezen"), "{out}");
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

/// The `inspect` summary of `file` in `dir`: (read, imported) and the whole text.
fn inspected(dir: &Path, file: &str, extra: &[&str]) -> ((usize, usize), String) {
    let mut args = vec!["inspect", file];
    args.extend_from_slice(extra);
    let o = run(dir, &args);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success(), "{out}{}", stderr(&o));
    let line = out
        .lines()
        .find(|l| l.starts_with("Gelezen:"))
        .unwrap_or_else(|| panic!("{out}"));
    let n: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|s| s.parse().ok())
        .collect();
    ((n[0], n[1]), out)
}

/// How many rows the report names as skipped (0 when it names none).
fn skipped(out: &str) -> usize {
    out.lines()
        .find_map(|l| l.strip_prefix("Overgeslagen:"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Item 1: a control byte where a line break should be glues two rows into one
/// of 7 fields; a row with more fields than the header is not cut short; a row
/// with fewer is imported and named. Each is reported by its line, and read =
/// imported + skipped.
#[test]
fn item1_control_bytes_and_field_counts_are_reported_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("glued.csv"),
        "x;y;naam;adres\n155000;463000;a;Straat 1\n155100;463100;b;Straat 2\u{2}155200;463200;c;Straat 3\n155300;463300;d;Straat 4\n",
    )
    .unwrap();
    let ((read, imported), out) = inspected(d, "glued.csv", &[]);
    assert_eq!((read, imported), (3, 2), "{out}");
    assert_eq!(skipped(&out), 1, "{out}");
    assert!(
        out.contains("regel 3: een stuurteken (0x02) in kolom 'adres'"),
        "{out}"
    );
    assert!(!out.contains("Problemen:      geen"), "{out}");

    std::fs::write(
        d.join("wide.csv"),
        "x;y;naam;adres\n155000;463000;a;Straat 1\n155100;463100;b;Straat 2;155200\n155300;463300;d\n",
    )
    .unwrap();
    let ((read, imported), out) = inspected(d, "wide.csv", &[]);
    assert_eq!((read, imported), (3, 2), "{out}");
    assert_eq!(skipped(&out), 1, "{out}");
    assert!(
        out.contains("regel 3: 5 velden, de kopregel heeft er 4"),
        "{out}"
    );
    // The short row is imported and named as such.
    assert!(
        out.contains("regel 4: 3 van de 4 velden; leeg gelaten: adres"),
        "{out}"
    );

    // Empty trailing fields (a ';' at every row's end) lose nothing: no report.
    std::fs::write(
        d.join("trailing.csv"),
        "x;y;naam\n155000;463000;a;\n155100;463100;b;;\n",
    )
    .unwrap();
    let ((read, imported), out) = inspected(d, "trailing.csv", &[]);
    assert_eq!((read, imported), (2, 2), "{out}");
    assert!(out.contains("Problemen:      geen"), "{out}");
}

/// Item 3: a stray quote under a wide header that the old check (half the
/// separators on the next line) missed: four rows were read as three.
#[test]
fn item3_a_stray_quote_under_a_wide_header_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("aanbod.csv"),
        "naam;x;y;c1;c2;c3;c4;c5;c6;c7\n\
         A;155000;463000;\"open;1;2;3;4;5;6\n\
         B;155100;463100;\"b\";1;2;3;4;5;6\n\
         C;155200;463200;c;1;2;3;4;5;6\n\
         D;155300;463300;d;1;2;3;4;5;6\n",
    )
    .unwrap();
    let ((read, imported), out) = inspected(d, "aanbod.csv", &["--kind", "aanbod"]);
    assert_eq!(read, imported + skipped(&out), "{out}");
    assert_eq!((read, imported), (3, 2), "{out}");
    assert!(
        out.contains("regel 2: een aanhalingsteken wordt pas op een latere regel gesloten: de regels 2 tot en met 3"),
        "{out}"
    );
    // Old Mac line ends (a lone CR) are line ends too, not a field's text.
    std::fs::write(
        d.join("mac.csv"),
        "naam;x;y\rA;155000;463000\rB;\"155100;463100\rC;155200;463200\r",
    )
    .unwrap();
    let ((read, imported), out) = inspected(d, "mac.csv", &["--kind", "aanbod"]);
    assert_eq!(read, imported + skipped(&out), "{out}");
    assert_eq!(imported, 1, "{out}");
    assert!(out.contains("regels 3 tot en met 4"), "{out}");
}

/// Item 2: `geocode` reads rows with the one CSV reader: a stray quote that
/// merges two rows is named, and rows = with coordinates + found + not found + skipped.
#[test]
fn item2_geocode_names_rows_a_stray_quote_merged() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("adressen.csv"),
        "naam;adres;x;y\n\
         A;\"Kerkstraat 1;155000;463000\n\
         B;Dorpsweg\" 2;155100;463100\n\
         C;Laan 3;155200;463200\n",
    )
    .unwrap();
    let o = run(
        d,
        &[
            "geocode",
            "adressen.csv",
            "--out",
            "rd.csv",
            "--base-url",
            "http://127.0.0.1:9",
        ],
    );
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success(), "{out}{}", stderr(&o));
    assert!(
        out.contains("2 rijen, 1 met coördinaten, 0 adressen gevonden")
            && out.contains("0 niet gevonden, 1 niet ingelezen"),
        "{out}"
    );
    assert!(
        out.contains("regels 2 tot en met 3") && out.contains("aanhalingsteken"),
        "{out}"
    );
}

/// A criterion that is not scored (its layer is missing) is empty in the CSV
/// and null in the GeoJSON, not a 0 a spreadsheet would average in.
#[test]
fn a_criterion_not_scored_is_empty_in_the_export_not_zero() {
    let dir = tempfile::tempdir().unwrap();
    let parcels = sample("percelen.geojson");
    for out in ["s.geojson", "s.csv"] {
        let o = run(
            dir.path(),
            &[
                "score",
                "--profile",
                "flex",
                "--parcels",
                &parcels,
                "--out",
                out,
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("s.geojson")).unwrap()).unwrap();
    let first = &json["features"][0]["properties"];
    assert!(first["score_nature"].is_null(), "{first}");
    assert!(first["score_size"].is_number(), "{first}");
    let mut rd = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(dir.path().join("s.csv"))
        .unwrap();
    let head = rd.headers().unwrap().clone();
    let row = rd.records().next().unwrap().unwrap();
    let col = |k: &str| head.iter().position(|h| h == k).unwrap();
    assert_eq!(&row[col("score_nature")], "", "{row:?}");
    assert_ne!(&row[col("score_size")], "");
}

/// Review of items 1–3: lines are numbered as an editor numbers them in a
/// Windows (CRLF) file and after blank lines; a lone CR inside a row is a
/// control byte, not a row end that splits the row in two; a quote still open
/// at the end of the file is named; UTF-16 (Excel's "Unicode text") is read; a
/// 0-byte is a CSV message, not "geen JSON"; coordinates that are not numbers
/// are named as such; a 10,000-character column name is cut in the report.
#[test]
fn review_line_numbers_lone_cr_open_quote_at_the_end_and_encodings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |name: &str, bytes: &[u8]| std::fs::write(d.join(name), bytes).unwrap();
    write(
        "crlf.csv",
        b"id;x;y;naam\r\n1;155000;463000;Aap\r\n2;155100;463100;Noot;extra\r\n3;155200;463200;Mies\r\n4;155300;463300;W\x01im\r\n",
    );
    let ((read, imported), out) = inspected(d, "crlf.csv", &[]);
    assert_eq!((read, imported), (4, 2), "{out}");
    assert!(
        out.contains("regel 3: 5 velden") && out.contains("regel 5: een stuurteken (0x01)"),
        "{out}"
    );

    write(
        "blank.csv",
        b"id;x;y;naam\n1;155000;463000;Aap\n\n\r\n2;155100;463100;Noot;extra\n3;155200;463200;Mies\n",
    );
    let ((read, imported), out) = inspected(d, "blank.csv", &[]);
    assert_eq!((read, imported), (3, 2), "{out}");
    assert!(out.contains("regel 5: 5 velden"), "{out}");

    write(
        "cr.csv",
        b"naam;id;x;y\nAap;1;155000;463000\nNo\rot;2;155100;463100\nMies;3;155200;463200\n",
    );
    let ((read, imported), out) = inspected(d, "cr.csv", &[]);
    assert_eq!((read, imported), (3, 2), "{out}");
    assert!(
        out.contains("regel 3: een stuurteken (0x0D) in kolom 'naam'"),
        "{out}"
    );

    write(
        "open.csv",
        b"id;x;y;naam\n1;155000;463000;Aap\n2;155100;463100;Noot\n3;155200;463200;\"Mies;extra\n",
    );
    let ((read, imported), out) = inspected(d, "open.csv", &[]);
    assert_eq!((read, imported), (3, 2), "{out}");
    assert!(
        out.contains(
            "regel 4: een aanhalingsteken wordt niet gesloten (tot het einde van het bestand)"
        ),
        "{out}"
    );

    let mut utf16 = vec![0xFF, 0xFE];
    for u in "x;y;naam\n155000;463000;Café\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    write("u16.csv", &utf16);
    let ((read, imported), out) = inspected(d, "u16.csv", &[]);
    assert_eq!((read, imported), (1, 1), "{out}");

    write("nul.csv", b"x;y;naam\n155000;463000;a\x00b\n");
    let o = run(d, &["inspect", "nul.csv"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("regel 2: een 0-byte") && !stderr(&o).contains("JSON"),
        "{}",
        stderr(&o)
    );

    write("num.csv", b"id;x;y\n1;abc;463000\n2;155000;463000\n");
    let ((read, imported), out) = inspected(d, "num.csv", &[]);
    assert_eq!((read, imported), (2, 1), "{out}");
    assert!(
        out.contains("regel 2: coördinaten onvolledig of geen getal (x 'abc', y '463000')"),
        "{out}"
    );

    let long = "N".repeat(10_000);
    write(
        "long.csv",
        format!("x;y;{long}\n155000;463000;a\u{1}b\n155100;463100;c\n").as_bytes(),
    );
    let ((read, imported), out) = inspected(d, "long.csv", &[]);
    assert_eq!((read, imported), (2, 1), "{out}");
    let line = out.lines().find(|l| l.contains("stuurteken")).unwrap();
    assert!(line.chars().count() < 400, "{line}");
}

/// Review of item 2: `geocode` counts coordinates as the importer reads them:
/// `abc` or the placeholder `0;0` is no coordinate, so the row is looked up.
#[test]
fn review_geocode_looks_up_rows_whose_coordinates_are_not_numbers() {
    use httpmock::prelude::*;
    let server = MockServer::start();
    let none = server.mock(|when, then| {
        when.path("/free");
        then.status(200)
            .body("{\"response\":{\"numFound\":0,\"start\":0,\"maxScore\":0.0,\"docs\":[]}}");
    });
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("g.csv"),
        "id;adres;plaats;x;y\n1;Stationsplein 1;Utrecht;155000,5;463000,5\n2;Neude 3;Utrecht;abc;463000\n3;Domplein 2;Utrecht;0;0\n",
    )
    .unwrap();
    let base = server.base_url();
    let o = run(
        d,
        &[
            "geocode",
            "g.csv",
            "--out",
            "rd.csv",
            "--base-url",
            &base,
            "--per-second",
            "50",
        ],
    );
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success(), "{out}{}", stderr(&o));
    assert!(out.contains("3 rijen, 1 met coördinaten"), "{out}");
    assert!(out.contains("2 niet gevonden"), "{out}");
    assert!(
        out.contains("regel 3: Neude 3 Utrecht niet gevonden"),
        "{out}"
    );
    assert_eq!(none.calls(), 2);
}

/// Review: clap's own words are gone from every help screen ("Options:",
/// "Arguments:", "[OPTIONS]", "[default: …]"), and an option given twice is
/// said as such, not as a conflict with itself.
#[test]
fn review_help_screens_are_dutch_and_a_doubled_option_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let commands = [
        "inspect",
        "score",
        "listings",
        "grid",
        "project",
        "flag",
        "flags",
        "fetch",
        "geocode",
        "werkprogramma",
        "regio",
    ];
    for args in std::iter::once(vec!["--help"]).chain(commands.iter().map(|c| vec![*c, "--help"])) {
        let o = run(dir.path(), &args);
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        for en in [
            "Options:",
            "Arguments:",
            "[OPTIONS]",
            "[default:",
            "[possible values:",
            "Usage:",
        ] {
            assert!(!out.contains(en), "{args:?} says '{en}':\n{out}");
        }
    }
    let parcels = sample("percelen.geojson");
    let o = run(
        dir.path(),
        &[
            "score",
            "--parcels",
            &parcels,
            "--out",
            "a.csv",
            "--out",
            "a.csv",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--out is twee keer opgegeven"),
        "{}",
        stderr(&o)
    );
}

/// Second review: the header line is checked too — a quote opened in it (which
/// swallowed every row into the header's names) or a control byte in it (which
/// glued the first row on) refuses the file, naming line 1, instead of
/// "0 rijen, Problemen: geen"; a blank line before the header does not change
/// the separator; a mostly UTF-8 file with one Excel line keeps its "Café" and
/// names the odd line; text after a closing quote is named.
#[test]
fn review2_the_header_line_mixed_encodings_and_text_after_a_quote() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |name: &str, bytes: &[u8]| std::fs::write(d.join(name), bytes).unwrap();
    for (name, bytes, says) in [
        (
            "q.csv",
            b"id;x;y;\"naam\na1;155000;463000;Een\na2;155100;463100;Twee\n".as_slice(),
            "regel 1: een aanhalingsteken in de kopregel (kolom 4) wordt niet op die regel gesloten",
        ),
        (
            "c.csv",
            b"id;x;y;naam\x02a1;155000;463000;Een\na2;155100;463100;Twee\n".as_slice(),
            "regel 1: de kopregel heeft een stuurteken (0x02) in kolom 4",
        ),
        (
            "r.csv",
            b"id;x;y;naam\ra1;155000;463000;Een\na2;155100;463100;Twee\n".as_slice(),
            "regel 1: de kopregel heeft een stuurteken (0x0D) in kolom 4",
        ),
    ] {
        write(name, bytes);
        for args in [vec!["inspect", name], vec!["inspect", "--kind", "aanbod", name]] {
            let o = run(d, &args);
            assert_eq!(o.status.code(), Some(3), "{args:?}: {}", String::from_utf8_lossy(&o.stdout));
            assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
        }
    }
    let o = run(
        d,
        &[
            "geocode",
            "q.csv",
            "--out",
            "o.csv",
            "--base-url",
            "http://127.0.0.1:9",
        ],
    );
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("kopregel"), "{}", stderr(&o));
    assert!(!d.join("o.csv").exists());

    write(
        "blank.csv",
        b"\nid;x;y;naam\na1;155000;463000;Een,twee\na2;155100;463100;Twee\n",
    );
    let ((read, imported), out) = inspected(d, "blank.csv", &[]);
    assert_eq!((read, imported), (2, 2), "{out}");
    assert!(out.contains("scheidingsteken ';'"), "{out}");

    write(
        "mixed.csv",
        b"id;x;y;naam\na1;155000;463000;Caf\xc3\xa9\na2;155100;463100;Na\xefef\n",
    );
    let ((read, imported), out) = inspected(d, "mixed.csv", &[]);
    assert_eq!((read, imported), (2, 2), "{out}");
    assert!(
        out.contains("regel 3: geen geldige UTF-8, gelezen als Windows-1252"),
        "{out}"
    );
    let o = run(
        d,
        &[
            "score",
            "--parcels",
            "mixed.csv",
            "--profile",
            "flex",
            "--out",
            "m.csv",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(d.join("m.csv")).unwrap();
    assert!(
        text.contains("Café") && text.contains("Naïef") && !text.contains("Ã"),
        "{text}"
    );

    write(
        "after.csv",
        b"id;x;y;naam\na1;155000;463000;\"Een\"x\na2;155100;463100;Twee\n",
    );
    let ((read, imported), out) = inspected(d, "after.csv", &[]);
    assert_eq!((read, imported), (2, 2), "{out}");
    assert!(
        out.contains(
            "tekst na het afsluitende aanhalingsteken in kolom 'naam', gelezen als 'Eenx'"
        ),
        "{out}"
    );
}

/// First impression: the sample's buildings are named by their address in the
/// transformatie ranking, not by their BAG id.
#[test]
fn the_sample_buildings_are_named_by_their_address() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        dir.path(),
        &[
            "score",
            "--parcels",
            &sample("percelen.geojson"),
            "--buildings",
            &sample("panden.geojson"),
            "--profile",
            "transformatie",
            "--top",
            "5",
        ],
    );
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Vec<&str> = out.lines().skip(2).take(5).collect();
    assert_eq!(rows.len(), 5, "{out}");
    for r in rows {
        let name = r.split_whitespace().nth(1).unwrap();
        assert!(!name.starts_with("0999"), "{r}");
        assert!(name.chars().next().unwrap().is_alphabetic(), "{r}");
    }
}
