//! Issue 32, "first impression": sites named as a planner names them, a scored
//! export that keeps what the user brought, and an explanation that speaks of
//! the grid only when the profile scores it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::common::{run, shared};

fn sample(name: &str) -> String {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sample"))
        .join(name)
        .display()
        .to_string()
}

fn ok(args: &[&str]) -> String {
    let o = run(args);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{err}");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The rows of the ranking table: (name column, explanation), by the table's
/// fixed layout (rank 4, two spaces, name 34).
fn table_rows(out: &str) -> Vec<(String, String)> {
    out.lines()
        .skip(2)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| {
            let name: String = l.chars().skip(6).take(34).collect();
            let explanation = l.rsplit("  ").next().unwrap_or("").to_string();
            (name.trim().to_string(), explanation)
        })
        .collect()
}

/// The Dutch Excel CSV (`;`, BOM) as its header and rows.
fn read_csv(p: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(p).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn read_json(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn the_ranking_and_its_sensitivity_name_parcels_by_their_kadastrale_aanduiding() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("top.geojson");
    let table = ok(&[
        "score",
        "--parcels",
        &sample("percelen.geojson"),
        "--profile",
        "flex",
        "--top",
        "5",
        "--sensitivity",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!table.contains("KadastraalObject"), "{table}");
    let rows = table_rows(&table);
    assert_eq!(rows.len(), 5, "{table}");
    let aanduiding = regex_like_aanduiding("Voorbeeldstad");
    for (name, _) in &rows {
        assert!(aanduiding(name), "'{name}' in\n{table}");
    }
    assert_eq!(rows[0].0, "Voorbeeldstad A 1", "{table}");
    // The sensitivity lines name the same sites the same way.
    let stability: Vec<&str> = table
        .lines()
        .filter(|l| l.contains("stabiel") || l.contains("gevoelig ("))
        .collect();
    assert_eq!(stability.len(), 5, "{table}");
    for (l, (name, _)) in stability.iter().zip(&rows) {
        assert!(l.contains(&format!(". {name} ")), "{l}");
    }
    // The export keeps the full identifier, which joins back to the source.
    let v = read_json(&out);
    let first = &v["features"][0];
    assert_eq!(
        first["properties"]["id"],
        "NL.IMKAD.KadastraalObject.VBS00A000010000"
    );
    assert_eq!(first["id"], "NL.IMKAD.KadastraalObject.VBS00A000010000");
    assert_eq!(first["properties"]["name"], "Voorbeeldstad A 1");
}

/// `gemeente sectie nummer`: the kadastrale gemeente (a name or an AKR code),
/// one or two capitals, a number.
fn regex_like_aanduiding(gemeente: &'static str) -> impl Fn(&str) -> bool {
    move |name: &str| {
        let parts: Vec<&str> = name.split(' ').collect();
        parts.len() == 3
            && (gemeente.is_empty() || parts[0] == gemeente)
            && !parts[0].is_empty()
            && (1..=2).contains(&parts[1].len())
            && parts[1].chars().all(|c| c.is_ascii_uppercase())
            && parts[2].chars().all(|c| c.is_ascii_digit())
    }
}

#[test]
fn real_brk_parcels_are_named_by_gemeente_sectie_and_perceelnummer() {
    for (file, gemeente) in [
        (
            "parcels/derived_brk_dkk_v5_perceel_otterlo_rd.geojson",
            "Otterlo",
        ),
        // The older DKK export names the kadastrale gemeente by its AKR code.
        ("parcels/nlextract_dkkv3_perceel-flat_rd.geojson", ""),
    ] {
        let table = ok(&[
            "score",
            "--parcels",
            shared(file).to_str().unwrap(),
            "--profile",
            "flex",
            "--top",
            "10",
        ]);
        let rows = table_rows(&table);
        assert!(!rows.is_empty(), "{table}");
        let aanduiding = regex_like_aanduiding(gemeente);
        for (name, _) in rows {
            assert!(aanduiding(&name), "{file}: '{name}' in\n{table}");
        }
    }
}

/// The RVB's buildings as the RVB delivers them, read as panden, by OBJECTID
/// (two rows share a BOUWWERKCO, the key a QGIS join uses).
fn rvb_source() -> BTreeMap<i64, serde_json::Map<String, Value>> {
    let v = read_json(&shared(
        "rijksvastgoed/derived_rvb_bouwwerken_netcongestie_rd.geojson",
    ));
    v["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let p = f["properties"].as_object().unwrap().clone();
            (p["OBJECTID"].as_i64().unwrap(), p)
        })
        .collect()
}

#[test]
fn a_scored_export_of_rvb_buildings_keeps_every_source_attribute_and_their_code() {
    let dir = tempfile::tempdir().unwrap();
    let geojson = dir.path().join("rvb.geojson");
    let csv = dir.path().join("rvb.csv");
    let rvb = shared("rijksvastgoed/derived_rvb_bouwwerken_netcongestie_rd.geojson");
    let source = rvb_source();
    let codes: std::collections::BTreeSet<&str> = source
        .values()
        .map(|p| p["BOUWWERKCO"].as_str().unwrap())
        .collect();
    for out in [&geojson, &csv] {
        let table = ok(&[
            "score",
            "--buildings",
            rvb.to_str().unwrap(),
            "--profile",
            "transformatie",
            "--out",
            out.to_str().unwrap(),
        ]);
        // The table names each building by its code, not by its place in the file.
        for (name, _) in table_rows(&table) {
            assert!(codes.contains(name.as_str()), "'{name}' in\n{table}");
        }
    }
    let v = read_json(&geojson);
    let features = v["features"].as_array().unwrap();
    assert_eq!(features.len(), source.len());
    for f in features {
        let p = f["properties"].as_object().unwrap();
        let code = p["BOUWWERKCO"].as_str().unwrap();
        assert_eq!(f["id"], code, "the id falls back to the RVB code, not #N");
        assert_eq!(p["id"], code);
        let want = &source[&p["OBJECTID"].as_i64().unwrap()];
        for (k, w) in want {
            let got = &p[k];
            match (w.as_f64(), got.as_f64()) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-6, "{code} {k}: {a} vs {b}"),
                _ => assert_eq!(got, w, "{code} {k}"),
            }
        }
        // Beside the computed columns.
        for k in ["score", "rank", "homes", "explanation", "score_size"] {
            assert!(p.contains_key(k), "{k}");
        }
    }
    // The CSV: the source columns after the computed ones, one row per building.
    let (header, rows) = read_csv(&csv);
    for k in [
        "OBJECTID",
        "UVID",
        "BOUWWERKCO",
        "AFSTOOTSTA",
        "Shape_Leng",
        "Shape_Area",
        "EAN",
    ] {
        assert!(header.iter().any(|h| h == k), "{k} missing in {header:?}");
    }
    let at = |k: &str| header.iter().position(|h| *h == k).unwrap();
    assert!(at("BOUWWERKCO") > at("toelichting"));
    assert_eq!(rows.len(), source.len());
    for cells in rows {
        let code = cells[at("id")].as_str();
        let want = &source[&cells[at("OBJECTID")].parse::<i64>().unwrap()];
        assert_eq!(cells[at("BOUWWERKCO")], code);
        assert_eq!(code, want["BOUWWERKCO"].as_str().unwrap());
        assert_eq!(cells[at("EAN")], want["EAN"].as_str().unwrap());
        assert_eq!(cells[at("UVID")], want["UVID"].as_str().unwrap());
    }
}

#[test]
fn a_source_column_named_like_a_computed_one_is_kept_with_a_bron_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("eigen.geojson");
    std::fs::write(
        &input,
        r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"identificatie":"P1","score":"hoog","rank":7,"Rang":"B","explanation":"eigen tekst","kadastraleGrootte":5000,"beschikbaar_vanaf":"2025-01-01","wijk":"Noord"},
 "geometry":{"type":"Polygon","coordinates":[[[158000,461000],[158100,461000],[158100,461050],[158000,461050],[158000,461000]]]}}]}"#,
    )
    .unwrap();
    let geojson = dir.path().join("uit.geojson");
    let csv = dir.path().join("uit.csv");
    for out in [&geojson, &csv] {
        ok(&[
            "score",
            "--parcels",
            input.to_str().unwrap(),
            "--profile",
            "flex",
            "--out",
            out.to_str().unwrap(),
        ]);
    }
    let v = read_json(&geojson);
    let p = &v["features"][0]["properties"];
    assert!(p["score"].is_number(), "the computed score stays: {p}");
    assert_eq!(p["bron_score"], "hoog");
    assert_eq!(p["rank"], 1);
    assert_eq!(p["bron_rank"], 7);
    assert_eq!(p["bron_explanation"], "eigen tekst");
    // One clash rule for both formats: "Rang" reads as the CSV's "rang".
    assert_eq!(p["bron_Rang"], "B");
    assert!(p.get("Rang").is_none(), "{p}");
    assert_eq!(p["identificatie"], "P1");
    assert_eq!(p["kadastraleGrootte"], 5000.0);
    assert_eq!(p["beschikbaar_vanaf"], "2025-01-01");
    assert_eq!(p["wijk"], "Noord");
    let (header, rows) = read_csv(&csv);
    let row = &rows[0];
    let cell = |k: &str| {
        let i = header
            .iter()
            .position(|h| *h == k)
            .unwrap_or_else(|| panic!("{k} missing in {header:?}"));
        row[i].clone()
    };
    assert_eq!(cell("rang"), "1");
    // The CSV's own column is "rang": a source "Rang" would read the same in Excel.
    assert_eq!(cell("bron_Rang"), "B");
    // ... and "rank" as the GeoJSON's "rank".
    assert_eq!(cell("bron_rank"), "7");
    assert_eq!(cell("bron_score"), "hoog");
    assert_eq!(cell("kadastraleGrootte"), "5000");
}

fn profile_without_grid(dir: &Path) -> String {
    let flex = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/profiles/flex.toml"
    ))
    .unwrap();
    let blocks: Vec<&str> = flex.split("[[criteria]]").collect();
    let kept: Vec<&str> = blocks
        .iter()
        .copied()
        .filter(|b| !b.trim_start().starts_with("key = \"grid\""))
        .collect();
    assert_eq!(
        kept.len() + 1,
        blocks.len(),
        "one grid criterion in flex.toml"
    );
    let path = dir.join("flex_zonder_net.toml");
    std::fs::write(&path, kept.join("[[criteria]]")).unwrap();
    path.display().to_string()
}

#[test]
fn the_explanation_speaks_of_the_grid_only_when_the_profile_scores_it() {
    let dir = tempfile::tempdir().unwrap();
    let parcels = sample("percelen.geojson");
    let mentions_grid = |e: &str| e.contains("netaansluiting") || e.contains("netcongestie");
    let with = ok(&[
        "score",
        "--parcels",
        &parcels,
        "--profile",
        "flex",
        "--top",
        "5",
    ]);
    let rows = table_rows(&with);
    assert!(rows.iter().all(|(_, e)| mentions_grid(e)), "{with}");
    let without_profile = profile_without_grid(dir.path());
    for args in [
        vec!["--profile", without_profile.as_str()],
        vec!["--profile", "flex", "--weight", "grid=0"],
    ] {
        let mut all = vec!["score", "--parcels", &parcels, "--top", "5"];
        all.extend(args.iter().copied());
        let out = ok(&all);
        let rows = table_rows(&out);
        assert_eq!(rows.len(), 5, "{out}");
        for (_, e) in rows {
            assert!(!mentions_grid(&e), "{args:?}: {e}");
            assert!(e.contains("beschikbaar") || e.contains("einddatum"), "{e}");
        }
    }
}

/// The sample's RVB buildings by their code, as the file has them.
fn sample_rvb() -> BTreeMap<String, serde_json::Map<String, Value>> {
    let v = read_json(Path::new(&sample("rijksvastgoed.geojson")));
    v["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let p = f["properties"].as_object().unwrap().clone();
            (p["BOUWWERKCO"].as_str().unwrap().to_string(), p)
        })
        .collect()
}

/// Review F6: every source attribute comes back as the file wrote it, also one
/// Locatiescout recognises ('Kantoorgebouw', 'Schoolgebouw' were empty).
#[test]
fn every_sample_rvb_attribute_comes_back_as_the_file_wrote_it() {
    let dir = tempfile::tempdir().unwrap();
    let source = sample_rvb();
    assert_eq!(source.len(), 75);
    for kind in ["--buildings", "--listings"] {
        let geojson = dir.path().join("b.geojson");
        let csv = dir.path().join("b.csv");
        for out in [&geojson, &csv] {
            ok(&[
                "score",
                kind,
                &sample("rijksvastgoed.geojson"),
                "--profile",
                "transformatie",
                "--out",
                out.to_str().unwrap(),
            ]);
        }
        let v = read_json(&geojson);
        let features = v["features"].as_array().unwrap();
        assert_eq!(features.len(), 75, "{kind}");
        for f in features {
            let p = f["properties"].as_object().unwrap();
            let want = &source[p["BOUWWERKCO"].as_str().unwrap()];
            for (k, w) in want {
                // The source's own netaansluiting beside the computed one.
                let k = if k == "netaansluiting" {
                    "bron_netaansluiting"
                } else {
                    k.as_str()
                };
                assert_eq!(&p[k], w, "{kind} {k}: {p:?}");
            }
        }
        let (header, rows) = read_csv(&csv);
        assert_eq!(rows.len(), 75, "{kind}");
        let at = |k: &str| {
            header
                .iter()
                .position(|h| h == k)
                .unwrap_or_else(|| panic!("{k} missing in {header:?}"))
        };
        for cells in rows {
            let want = &source[&cells[at("BOUWWERKCO")]];
            for (k, w) in want {
                let k = if k == "netaansluiting" {
                    "bron_netaansluiting"
                } else {
                    k.as_str()
                };
                assert_eq!(cells[at(k)], w.as_str().unwrap_or(""), "{kind} {k}");
            }
        }
    }
}

/// Review F6: what Locatiescout reads differently comes back as the source had
/// it: BAG's unknown year 9999, a Dutch date, a building function, a number with
/// more digits than the store keeps, a text with spaces around it.
#[test]
fn recognised_values_come_back_in_their_source_form() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("panden.geojson");
    std::fs::write(
        &input,
        r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"identificatie":"0221100000000001","oorspronkelijkBouwjaar":9999,"status":" Pand in gebruik ","gebruiksdoel":"Kantoorgebouw","beschikbaar_vanaf":"30-06-2031","oppervlakte":2917.96256463,"actief":true},
 "geometry":{"type":"Polygon","coordinates":[[[158000,461000],[158100,461000],[158100,461050],[158000,461050],[158000,461000]]]}},
{"type":"Feature","properties":{"identificatie":"0221100000000002","oorspronkelijkBouwjaar":1975,"status":"Pand in gebruik","gebruiksdoel":"kantoorfunctie","beschikbaar_vanaf":"2031-06-30","oppervlakte":1200,"actief":false},
 "geometry":{"type":"Polygon","coordinates":[[[158200,461000],[158300,461000],[158300,461050],[158200,461050],[158200,461000]]]}}]}"#,
    )
    .unwrap();
    let geojson = dir.path().join("uit.geojson");
    let csv = dir.path().join("uit.csv");
    for out in [&geojson, &csv] {
        ok(&[
            "score",
            "--buildings",
            input.to_str().unwrap(),
            "--profile",
            "transformatie",
            "--out",
            out.to_str().unwrap(),
        ]);
    }
    let v = read_json(&geojson);
    let by_id = |id: &str| {
        v["features"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["properties"]["identificatie"] == id)
            .unwrap_or_else(|| panic!("{id} missing"))["properties"]
            .clone()
    };
    let p = by_id("0221100000000001");
    assert_eq!(p["oorspronkelijkBouwjaar"], 9999, "{p}");
    assert_eq!(p["status"], " Pand in gebruik ");
    assert_eq!(p["gebruiksdoel"], "Kantoorgebouw");
    assert_eq!(p["beschikbaar_vanaf"], "30-06-2031");
    assert_eq!(p["oppervlakte"], 2917.96256463);
    assert_eq!(p["actief"], true);
    let p = by_id("0221100000000002");
    assert_eq!(p["oorspronkelijkBouwjaar"], 1975, "{p}");
    assert_eq!(p["status"], "Pand in gebruik");
    assert_eq!(p["gebruiksdoel"], "kantoorfunctie");
    assert_eq!(p["beschikbaar_vanaf"], "2031-06-30");
    assert_eq!(p["oppervlakte"], 1200);
    assert_eq!(p["actief"], false);

    let (header, rows) = read_csv(&csv);
    let at = |k: &str| header.iter().position(|h| h == k).unwrap();
    let row = |id: &str| {
        rows.iter()
            .find(|r| r[at("identificatie")] == id)
            .unwrap()
            .clone()
    };
    let r = row("0221100000000001");
    assert_eq!(r[at("oorspronkelijkBouwjaar")], "9999");
    assert_eq!(r[at("status")], " Pand in gebruik ");
    assert_eq!(r[at("gebruiksdoel")], "Kantoorgebouw");
    assert_eq!(r[at("beschikbaar_vanaf")], "30-06-2031");
    assert_eq!(r[at("oppervlakte")], "2917,96256463");
    assert_eq!(r[at("actief")], "true");
    let r = row("0221100000000002");
    assert_eq!(r[at("oorspronkelijkBouwjaar")], "1975");
    assert_eq!(r[at("gebruiksdoel")], "kantoorfunctie");
    assert_eq!(r[at("oppervlakte")], "1200");
}

/// Review F6: a column whose first value cannot be read ('onbekend') is still
/// the same column further down: its readable values are kept too.
#[test]
fn a_column_whose_first_value_is_unreadable_keeps_its_other_values() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("panden.geojson");
    std::fs::write(
        &input,
        r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"identificatie":"A","bouwjaar":"onbekend"},
 "geometry":{"type":"Polygon","coordinates":[[[158000,461000],[158100,461000],[158100,461050],[158000,461050],[158000,461000]]]}},
{"type":"Feature","properties":{"identificatie":"B","bouwjaar":1975},
 "geometry":{"type":"Polygon","coordinates":[[[158200,461000],[158300,461000],[158300,461050],[158200,461050],[158200,461000]]]}}]}"#,
    )
    .unwrap();
    let geojson = dir.path().join("uit.geojson");
    ok(&[
        "score",
        "--buildings",
        input.to_str().unwrap(),
        "--profile",
        "transformatie",
        "--out",
        geojson.to_str().unwrap(),
    ]);
    let v = read_json(&geojson);
    let year = |id: &str| {
        v["features"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["properties"]["identificatie"] == id)
            .unwrap()["properties"]["bouwjaar"]
            .clone()
    };
    assert_eq!(year("A"), "onbekend");
    assert_eq!(year("B"), 1975);
}

/// Review F6: the source columns carry the same names in both formats; a name
/// that either format computes gets `bron_` in both.
#[test]
fn source_columns_are_named_alike_in_csv_and_geojson() {
    let dir = tempfile::tempdir().unwrap();
    let geojson = dir.path().join("b.geojson");
    let csv = dir.path().join("b.csv");
    for out in [&geojson, &csv] {
        ok(&[
            "score",
            "--buildings",
            &sample("rijksvastgoed.geojson"),
            "--profile",
            "transformatie",
            "--out",
            out.to_str().unwrap(),
        ]);
    }
    let source = [
        "AFSTOOTSTA",
        "BOUWWERKCO",
        "Bouwwerkfunctie",
        "EAN",
        "beschikbaar_tot",
        "beschikbaar_vanaf",
        "bron_netaansluiting",
    ];
    let v = read_json(&geojson);
    for f in v["features"].as_array().unwrap() {
        let p = f["properties"].as_object().unwrap();
        for k in source {
            assert!(p.contains_key(k), "{k} missing in {p:?}");
        }
        assert!(!p.contains_key("netaansluiting"), "{p:?}");
    }
    let (header, _) = read_csv(&csv);
    let from = header.iter().position(|h| h == "monument_object").unwrap() + 1;
    assert_eq!(header[from..], source.map(String::from));
}

/// Review F12: no negative zero anywhere in an export, whether a recognised
/// attribute, an attribute of the user's own or a text that reads as one.
#[test]
fn no_negative_zero_in_an_export() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("percelen.geojson");
    std::fs::write(
        &input,
        r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"identificatie":"P1","kadastraleGrootte":-0.0,"eigen":-0.0,"tekst":"-0","komma":"-0,0","punt":"-0.00"},
 "geometry":{"type":"Polygon","coordinates":[[[158000,461000],[158100,461000],[158100,461050],[158000,461050],[158000,461000]]]}}]}"#,
    )
    .unwrap();
    let geojson = dir.path().join("uit.geojson");
    let csv = dir.path().join("uit.csv");
    for out in [&geojson, &csv] {
        ok(&[
            "score",
            "--parcels",
            input.to_str().unwrap(),
            "--profile",
            "flex",
            "--out",
            out.to_str().unwrap(),
        ]);
    }
    let negative_zero = |t: &str| {
        let t = t.trim_matches('"');
        t.starts_with('-')
            && t.len() > 1
            && t[1..].chars().all(|c| c == '0' || c == '.' || c == ',')
    };
    let text = std::fs::read_to_string(&geojson).unwrap();
    for token in text.split([':', ',', '[', ']', '{', '}']) {
        assert!(!negative_zero(token), "'{token}' in {text}");
    }
    // The minus goes; the rest stays as the source wrote it.
    let v = read_json(&geojson);
    let p = &v["features"][0]["properties"];
    for k in ["kadastraleGrootte", "eigen", "tekst", "punt"] {
        assert_eq!(p[k].as_f64(), Some(0.0), "{k}: {p}");
    }
    assert_eq!(p["komma"], "0,0");
    let text = std::fs::read_to_string(&csv).unwrap();
    let (header, rows) = read_csv(&csv);
    for (h, c) in header.iter().zip(&rows[0]) {
        assert!(!negative_zero(c), "{h}: '{c}' in {text}");
    }
    let at = |k: &str| header.iter().position(|h| h == k).unwrap();
    for (k, want) in [
        ("kadastraleGrootte", "0"),
        ("eigen", "0"),
        ("tekst", "0"),
        ("komma", "0,0"),
        ("punt", "0,00"),
    ] {
        assert_eq!(rows[0][at(k)], want, "{k}");
    }
}

/// Review F12: coordinates that fit no known system are written as the file had
/// them, but a `-0.0` among them as 0.
#[test]
fn no_negative_zero_in_local_coordinates() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("lokaal.geojson");
    std::fs::write(
        &input,
        r#"{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"L1"},"geometry":{"type":"Polygon","coordinates":[[[-0.0,-0.0],[100,-0.0],[100,150],[-0.0,150],[-0.0,-0.0]]]}}]}"#,
    )
    .unwrap();
    let out = dir.path().join("uit.geojson");
    ok(&[
        "score",
        "--parcels",
        input.to_str().unwrap(),
        "--profile",
        "flex",
        "--out",
        out.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(!text.contains("-0.0"), "{text}");
    let v = read_json(&out);
    assert_eq!(
        v["features"][0]["geometry"]["coordinates"][0][0][0],
        serde_json::json!([0.0, 0.0])
    );
}
