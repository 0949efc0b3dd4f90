//! Spatial criteria on the command line: `--layer NAME=FILE[:LAYER]` with
//! `--layer-role`, every input in the scored CSV, and unfit layers named by
//! profile, criterion and layer while the rest still scores.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{self, run};

use std::path::Path;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn sample(name: &str) -> String {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sample"))
        .join(name)
        .display()
        .to_string()
}

#[test]
fn layers_are_scored_and_every_spatial_input_is_in_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("uit.csv");
    let o = run(&[
        "score",
        "--parcels",
        &sample("percelen.geojson"),
        "--buildings",
        &sample("panden.geojson"),
        "--layer",
        &format!("natura2000={}", sample("natura2000.geojson")),
        "--layer",
        &format!("stations={}", sample("stations.geojson")),
        "--layer",
        &format!(
            "bestemmingsplan={}:Enkelbestemming",
            common::shared(
                "zoning/bestemmingsplan_nijkerk_binnenstad_NL.IMRO.0267.BP0174-0001.gpkg"
            )
            .display()
        ),
        "--layer-role",
        "stations=amenity",
        "--profile",
        "flex",
        "--out",
        csv.to_str().unwrap(),
    ]);
    let err = text(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("laag 'natura2000' (harde beperking): 1 objecten ingelezen"),
        "{err}"
    );
    assert!(
        err.contains("laag 'bestemmingsplan' (bestemming): 235 objecten ingelezen"),
        "{err}"
    );
    // Only the amenities are missing.
    assert!(
        err.contains(
            "criterium Afstand tot voorzieningen ('amenities'): laag 'voorzieningen' ontbreekt"
        ),
        "{err}"
    );
    assert!(!err.contains("criterium Natuur ('nature')"), "{err}");
    let out = text(&o.stdout);
    assert!(out.contains("tot station Voorbeeldstad"), "{out}");
    let table = std::fs::read_to_string(&csv).unwrap();
    let header = table.lines().next().unwrap();
    for col in [
        "free_pct",
        "nature_pct",
        "nature_object",
        "zoning_pct",
        "zoning_object",
        "station_m",
        "station_object",
        "amenities_m",
    ] {
        assert!(header.split(';').any(|h| h == col), "{col} in {header}");
    }
    // A parcel wholly inside the made-up area falls out with the area's name.
    let knocked = table
        .lines()
        .find(|l| l.contains(";100,0;Voorbeelduiterwaarden (fictief);"))
        .expect("a parcel wholly in the nature area");
    assert!(
        knocked.contains("\"Valt af (")
            && knocked
                .contains("ligt voor 100 % in Natura 2000-gebied Voorbeelduiterwaarden (fictief)"),
        "{knocked}"
    );
    // Distances as Dutch Excel reads them: decimal comma, no thousands separator.
    let cols: Vec<&str> = header.split(';').collect();
    let station = cols.iter().position(|c| *c == "station_m").unwrap();
    let d = knocked.rsplit(';').nth(cols.len() - 1 - station).unwrap();
    assert!(d.contains(',') && !d.contains('.'), "{d}");
}

#[test]
fn unfit_layers_are_named_and_the_rest_still_scores() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, body: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, body).unwrap();
        p.display().to_string()
    };
    let empty = write(
        "leeg.geojson",
        r#"{"type":"FeatureCollection","features":[]}"#,
    );
    let zones = write(
        "zones.geojson",
        r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:28992"}},"features":[{"type":"Feature","properties":{"naam":"x"},"geometry":{"type":"Polygon","coordinates":[[[158000,461000],[161000,461000],[161000,463000],[158000,463000],[158000,461000]]]}}]}"#,
    );
    let unknown_crs = write(
        "onbekend.geojson",
        r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:2056"}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[2600000,1200000]}}]}"#,
    );
    let o = run(&[
        "score",
        "--parcels",
        &sample("percelen.geojson"),
        "--layer",
        &format!("voorzieningen={empty}"),
        "--layer",
        &format!("natura2000={}", sample("stations.geojson")),
        "--layer",
        &format!("bestemmingsplan={zones}"),
        "--layer",
        &format!("stations={unknown_crs}"),
        "--profile",
        "flex",
        "--top",
        "3",
    ]);
    let err = text(&o.stderr);
    assert!(o.status.success(), "{err}");
    for want in [
        "profiel 'flex', criterium Afstand tot voorzieningen ('amenities'): laag 'voorzieningen' heeft geen objecten",
        "profiel 'flex', criterium Natuur ('nature'): laag 'natura2000' heeft geen vlakken",
        "profiel 'flex', criterium Bestemming ('zoning'): laag 'bestemmingsplan' heeft geen attribuut 'bestemmingshoofdgroep'",
        "--layer stations=",
        "de laag is niet geladen",
        "profiel 'flex', criterium Afstand tot station ('station'): laag 'stations' ontbreekt",
    ] {
        assert!(err.contains(want), "missing '{want}' in:\n{err}");
    }
    assert!(text(&o.stdout).contains("Kansrijk"), "{}", text(&o.stdout));
    // A profile of one's own naming a layer that is not there, and bad flags.
    let o = run(&[
        "score",
        "--parcels",
        &sample("percelen.geojson"),
        "--layer",
        "natura2000",
        "--profile",
        "flex",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("--layer verwacht NAAM=BESTAND[:LAAG]"),
        "{}",
        text(&o.stderr)
    );
    let o = run(&[
        "score",
        "--parcels",
        &sample("percelen.geojson"),
        "--layer",
        &format!("stations={}", sample("stations.geojson")),
        "--layer-role",
        "stations=parkeren",
        "--profile",
        "flex",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("onbekende rol 'parkeren'"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn a_project_keeps_its_named_layers() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.locatiescout");
    let o = run(&[
        "project",
        "create",
        p.to_str().unwrap(),
        "--parcels",
        &sample("percelen.geojson"),
        "--layer",
        &format!("stations={}", sample("stations.geojson")),
        "--layer",
        &format!("geluid={}", sample("natura2000.geojson")),
        "--layer-role",
        "geluid=constraint",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = run(&["project", "show", p.to_str().unwrap()]);
    let out = text(&o.stdout);
    assert!(
        out.contains("laag 'stations'") && out.contains("voorziening, station"),
        "{out}"
    );
    assert!(
        out.contains("laag 'geluid'") && out.contains("harde beperking"),
        "{out}"
    );
}

/// `--lang en`: the table's heads, the numbers and every explanation in English;
/// without it, Dutch (the CLI's default).
#[test]
fn lang_en_writes_the_ranking_and_its_export_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("ranking.csv");
    let args = |lang: Option<&'static str>| {
        let mut v = vec![
            "score".to_string(),
            "--parcels".into(),
            sample("percelen.geojson"),
            "--buildings".into(),
            sample("panden.geojson"),
            "--profile".into(),
            "flex".into(),
            "--top".into(),
            "5".into(),
            "--out".into(),
            csv.display().to_string(),
        ];
        if let Some(l) = lang {
            v.extend(["--lang".to_string(), l.to_string()]);
        }
        v
    };
    let run_with = |lang| {
        let a = args(lang);
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        let o = run(&refs);
        assert!(o.status.success(), "{}", text(&o.stderr));
        (text(&o.stdout), std::fs::read_to_string(&csv).unwrap())
    };
    let (nl, nl_csv) = run_with(None);
    assert!(
        nl.contains("Profiel Flexwoningen op grond — 1.197 locaties, top 5"),
        "{nl}"
    );
    assert!(
        nl.contains("toelichting") && nl.contains(" ha voor ca. "),
        "{nl}"
    );
    assert!(nl_csv.contains(" ha voor ca. "), "{nl_csv}");
    let (en, en_csv) = run_with(Some("en"));
    // 1,197 sites: the English thousands separator.
    assert!(
        en.contains("Profile Relocatable homes on land — 1,197 sites, top 5"),
        "{en}"
    );
    assert!(
        en.contains("explanation") && en.contains(" ha for approx. "),
        "{en}"
    );
    assert!(
        !en.contains(" ha voor ca. ") && !en.contains("jaar beschikbaar"),
        "{en}"
    );
    assert!(en_csv.contains(" ha for approx. "), "{en_csv}");
    let o = run(&[
        "score",
        "--lang",
        "fr",
        "--parcels",
        &sample("percelen.geojson"),
    ]);
    assert!(!o.status.success());
    assert!(
        text(&o.stderr).contains("ongeldige waarde 'fr' voor --lang"),
        "{}",
        text(&o.stderr)
    );
}
