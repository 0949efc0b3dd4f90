//! The project and flag commands of the CLI, with their exit codes (0 ok, 3 input).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_locatiescout"))
        .current_dir(dir)
        .env("USER", "planner.rvb")
        .args(args)
        .output()
        .unwrap()
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn rvb_flags_buildings_and_a_municipality_imports_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let parcels = common::shared("parcels/derived_brk_dkk_v5_perceel_otterlo_rd.geojson");
    let listings = common::shared("rijksvastgoed/derived_rvb_bouwwerken_netcongestie_rd.geojson");
    let (p, l) = (parcels.to_str().unwrap(), listings.to_str().unwrap());

    let o = run(
        d,
        &[
            "project",
            "create",
            "rvb.locatiescout",
            "--parcels",
            p,
            "--listings",
            l,
        ],
    );
    assert!(o.status.success(), "{:?}", text(&o));
    assert!(text(&o).0.contains("236 objecten"), "{:?}", text(&o));
    let again = run(
        d,
        &["project", "create", "rvb.locatiescout", "--parcels", p],
    );
    assert_eq!(again.status.code(), Some(3));
    assert!(text(&again).1.contains("bestaat al"), "{:?}", text(&again));

    let o = run(
        d,
        &[
            "flag",
            "rvb.locatiescout",
            "--site",
            "2514LV8_01",
            "--status",
            "Aangeboden aan gemeente",
            "--note",
            "kantoor leeg",
        ],
    );
    assert!(o.status.success(), "{:?}", text(&o));
    assert!(
        text(&o).0.contains("planner.rvb"),
        "the OS user is the default author: {:?}",
        text(&o)
    );
    let unknown = run(
        d,
        &[
            "flag",
            "rvb.locatiescout",
            "--site",
            "BESTAAT_NIET",
            "--status",
            "kansrijk",
        ],
    );
    assert_eq!(unknown.status.code(), Some(3));
    assert!(
        text(&unknown)
            .1
            .contains("onbekende locatie 'BESTAAT_NIET'"),
        "{:?}",
        text(&unknown)
    );
    let status = run(
        d,
        &[
            "flag",
            "rvb.locatiescout",
            "--site",
            "2514LV8_01",
            "--status",
            "misschien",
        ],
    );
    assert_eq!(status.status.code(), Some(3));
    assert!(
        text(&status).1.contains("onbekende status"),
        "{:?}",
        text(&status)
    );

    for out in ["vlaggen.csv", "vlaggen.geojson"] {
        let o = run(d, &["flags", "export", "rvb.locatiescout", out]);
        assert!(o.status.success(), "{:?}", text(&o));
    }
    let o = run(d, &["flags", "export", "rvb.locatiescout", "vlaggen.xlsx"]);
    assert_eq!(o.status.code(), Some(3));

    let o = run(
        d,
        &[
            "project",
            "create",
            "gemeente.locatiescout",
            "--parcels",
            p,
            "--listings",
            l,
        ],
    );
    assert!(o.status.success());
    let o = run(
        d,
        &[
            "flags",
            "import",
            "gemeente.locatiescout",
            "vlaggen.geojson",
        ],
    );
    assert!(o.status.success(), "{:?}", text(&o));
    assert!(text(&o).0.contains("1 vlaggen ingelezen"), "{:?}", text(&o));
    let show = run(d, &["project", "show", "gemeente.locatiescout"]);
    assert!(
        text(&show).0.contains("2514LV8_01") && text(&show).0.contains("Aangeboden aan gemeente"),
        "{:?}",
        text(&show)
    );

    std::fs::write(d.join("half.csv"), "site_id;status;tijdstip\n2514LV8_01;Gereserveerd;2026-11-20T10:00:00Z\nX;kansrijk;2026-11-20T10:00:00Z\n").unwrap();
    let o = run(d, &["flags", "import", "gemeente.locatiescout", "half.csv"]);
    assert_eq!(o.status.code(), Some(3), "rows were refused");
    let (out, err) = text(&o);
    assert!(
        out.contains("1 vlaggen ingelezen") && err.contains("regel 3: onbekende locatie 'X'"),
        "{out} {err}"
    );

    let missing = run(d, &["flags", "import", "weg.locatiescout", "half.csv"]);
    assert_eq!(missing.status.code(), Some(3));
    assert!(text(&missing).1.contains("bestaat niet"));
}

#[test]
fn listings_command_links_and_scores_with_both_profiles() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sample = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("data/sample");
    let f = |n: &str| sample.join(n).to_str().unwrap().to_string();
    let (p, b, l) = (
        f("percelen.geojson"),
        f("panden.geojson"),
        f("rijksvastgoed.geojson"),
    );
    let o = run(
        d,
        &[
            "listings",
            "--parcels",
            &p,
            "--buildings",
            &b,
            "--listings",
            &l,
            "--out",
            "links.csv",
        ],
    );
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    // Sample: every listing lies on a parcel; the 65 polygon listings each cover one pand.
    assert!(
        out.contains(
            "75 aanbod: 75 op een perceel (75 koppelingen), 65 overlapt een pand (65 koppelingen)"
        ),
        "{out}"
    );
    let csv = std::fs::read_to_string(d.join("links.csv")).unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 76);
    assert!(
        lines[1].starts_with("3800VB1_01;NL.IMKAD.KadastraalObject."),
        "{}",
        lines[1]
    );
    // Polygon listings carry a score under both profiles.
    let scored = lines[1..]
        .iter()
        .filter(|r| {
            let c: Vec<&str> = r.split(';').collect();
            !c[3].is_empty() && !c[5].is_empty()
        })
        .count();
    assert!(scored >= 65, "{scored}");

    // No listings: usage error, exit 2.
    let o = run(d, &["listings", "--parcels", &p]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn grid_classify_prints_status_year_operator_and_phrase() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        dir.path(),
        &[
            "grid",
            "classify",
            "Geen transportcapaciteit tot 2029 (Stedin)",
        ],
    );
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(out.contains("status:        wachtrij"), "{out}");
    assert!(out.contains("jaar:          2029"), "{out}");
    assert!(out.contains("netbeheerder:  Stedin"), "{out}");
    assert!(
        out.contains("besliste zin:  \"Geen transportcapaciteit\""),
        "{out}"
    );
    let o = run(dir.path(), &["grid", "classify"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn score_reads_congestion_areas_with_the_capaciteitskaart_and_a_code_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sample = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("data/sample");
    let parcels = sample.join("percelen.geojson");
    let areas = sample.join("congestiegebieden.geojson");
    let (p, a) = (parcels.to_str().unwrap(), areas.to_str().unwrap());
    let args = |extra: &[&str]| {
        let mut v = vec![
            "score",
            "--parcels",
            p,
            "--congestion",
            a,
            "--profile",
            "flex",
            "--top",
            "1200",
        ];
        v.extend_from_slice(extra);
        v.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let run_args = |v: Vec<String>| {
        let refs: Vec<&str> = v.iter().map(String::as_str).collect();
        run(d, &refs)
    };
    let o = run_args(args(&[]));
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("4 congestiegebieden ingelezen"), "{err}");
    assert!(
        out.contains(
            "capaciteitskaart: rood, wachtrij 14,2 MW, opgelost 2031 (Stedin, gebied VS-WEST)"
        ),
        "{out}"
    );

    // Another code mapping: every code means "transparent".
    let cfg = d.join("kaart.toml");
    std::fs::write(&cfg, "[codes]\n\"0\" = \"transparent\"\n\"1\" = \"transparent\"\n\"2\" = \"transparent\"\n\"3\" = \"transparent\"\n").unwrap();
    let o = run_args(args(&["--congestion-config", cfg.to_str().unwrap()]));
    let (out, _) = text(&o);
    assert!(!out.contains("capaciteitskaart: rood"), "{out}");
    assert!(out.contains("capaciteitskaart: transparant"), "{out}");

    // A mapping file with a wrong key: exit 3 naming the file.
    std::fs::write(&cfg, "kleur = 1\n").unwrap();
    let o = run_args(args(&["--congestion-config", cfg.to_str().unwrap()]));
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(3));
    assert!(err.contains("kaart.toml"), "{err}");

    // The real capaciteitskaart table: no sample area is in it, and that is said.
    let csv = common::shared("grid_congestion/capaciteitskaart_voedingsgebieden.csv");
    let o = run_args(args(&["--congestion-csv", csv.to_str().unwrap()]));
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("0 van 4 gebieden gekoppeld op voedingsgebied_id; 603 rijen zonder gebied"),
        "{err}"
    );
    assert!(
        err.contains("zonder rij: VS-WEST, VS-CENTRUM, VS-NOORD, VS-OOST"),
        "{err}"
    );
}

/// A project ranked again from the file (saved weights, a --weight for this run
/// only) and written out as vector tiles for QGIS or a web map.
#[test]
fn project_rank_and_tiles_read_the_saved_project() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample/percelen.geojson");
    let o = run(
        d,
        &[
            "project",
            "create",
            "v.locatiescout",
            "--parcels",
            sample.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{:?}", text(&o));

    let o = run(d, &["project", "rank", "v.locatiescout", "--top", "5"]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        out.starts_with("Profiel Flexwoningen op grond — 1.197 locaties, top 5"),
        "{out}"
    );
    // Each site by its kadastrale aanduiding, as the score table names it.
    assert_eq!(
        out.lines()
            .filter(|l| l.contains(" Voorbeeldstad "))
            .count(),
        5,
        "{out}"
    );
    assert!(err.contains("geopend en gescoord in"), "{err}");
    // Only the station counting: another top, and nothing saved in the file.
    let o = run(
        d,
        &[
            "project",
            "rank",
            "v.locatiescout",
            "--top",
            "5",
            "--weight",
            "station=100",
            "--weight",
            "size=0",
        ],
    );
    let (out2, err2) = text(&o);
    assert!(
        o.status.success() && err2.contains("opnieuw gescoord in"),
        "{err2}"
    );
    assert_ne!(out, out2);
    assert_eq!(
        text(&run(
            d,
            &["project", "rank", "v.locatiescout", "--top", "5"]
        ))
        .0,
        out,
        "a --weight is not saved"
    );

    let o = run(
        d,
        &[
            "project",
            "tiles",
            "v.locatiescout",
            "--zoom",
            "10-14",
            "--out",
            "tegels",
        ],
    );
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("zoomniveau 10: 1 tegel,") && err.contains("zoomniveau 14:"),
        "{err}"
    );
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("tegels/tiles.json")).unwrap())
            .unwrap();
    assert_eq!(
        (meta["minzoom"].as_u64(), meta["maxzoom"].as_u64()),
        (Some(10), Some(14))
    );
    assert_eq!(meta["vector_layers"][0]["id"], "locaties");
    let count: usize = (10..=14)
        .map(|z| walk(&d.join(format!("tegels/{z}"))))
        .sum();
    assert!(
        out.contains(&format!("{count} tegels geschreven")),
        "{out} / {count} files"
    );
    // Every tile file is a Mapbox Vector Tile: a protobuf whose first field is
    // layer 3 (tag 0x1A) named "locaties".
    let any = std::fs::read_dir(d.join("tegels/14"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let tile = std::fs::read(
        std::fs::read_dir(any)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path(),
    )
    .unwrap();
    assert_eq!(tile[0], 0x1A);
    assert!(tile.windows(8).any(|w| w == b"locaties"));

    for (zoom, why) in [
        ("9-3", "--zoom verwacht"),
        ("17", "0 tot en met 16"),
        ("x", "kreeg 'x'"),
    ] {
        let o = run(
            d,
            &[
                "project",
                "tiles",
                "v.locatiescout",
                "--zoom",
                zoom,
                "--out",
                "t2",
            ],
        );
        assert_eq!(o.status.code(), Some(2), "{zoom}");
        assert!(text(&o).1.contains(why), "{zoom}: {}", text(&o).1);
    }
}

fn walk(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p)
            } else {
                1
            }
        })
        .sum()
}
