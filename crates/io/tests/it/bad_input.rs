//! Bad input gives a typed error that says what and where; nothing panics.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use crate::common;

use std::io::Write;

use common::import;
use locatiescout_io::import::{ImportError, LayerKind};

fn write(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(name);
    std::fs::File::create(&p).unwrap().write_all(bytes).unwrap();
    (dir, p)
}

fn err(name: &str, bytes: &[u8]) -> ImportError {
    let (_d, p) = write(name, bytes);
    match import(&p, LayerKind::Parcels) {
        Err(e) => e,
        Ok(l) => panic!("expected an error, got {:?}", l.report),
    }
}

const SQUARE_RD: &str = r#"{"type":"Feature","properties":{"kadastraleGrootte":100},"geometry":{"type":"Polygon","coordinates":[[[136000,455800],[136010,455800],[136010,455810],[136000,455810],[136000,455800]]]}}"#;

#[test]
fn empty_collection_imports_nothing_without_error() {
    let (_d, p) = write(
        "leeg.geojson",
        br#"{"type":"FeatureCollection","features":[]}"#,
    );
    let l = import(&p, LayerKind::Parcels).unwrap();
    assert_eq!(l.len(), 0);
    assert_eq!(l.report.features_read, 0);
}

#[test]
fn null_geometry_is_skipped_with_reason_and_index() {
    let body = format!(
        r#"{{"type":"FeatureCollection","features":[{SQUARE_RD},{{"type":"Feature","properties":{{"adres":"Dorpsstraat 1"}},"geometry":null}}]}}"#
    );
    let (_d, p) = write("null.geojson", body.as_bytes());
    let l = import(&p, LayerKind::Parcels).unwrap();
    assert_eq!(l.len(), 1);
    assert_eq!(l.report.skipped[0].index, 1);
    assert!(
        l.report.skipped[0].reason.contains("Dorpsstraat 1"),
        "{:?}",
        l.report.skipped
    );
}

#[test]
fn truncated_file_names_the_feature_and_offset() {
    let body = format!(r#"{{"type":"FeatureCollection","features":[{SQUARE_RD},{SQUARE_RD}"#);
    let cut = &body.as_bytes()[..body.len() - 30];
    match err("kapot.geojson", cut) {
        ImportError::Truncated {
            feature,
            byte_offset,
            ..
        } => {
            assert_eq!(feature, Some(1));
            assert!(byte_offset > 0);
        }
        e => panic!("{e:?}"),
    }
}

#[test]
fn javascript_file_is_recognised() {
    let e = err(
        "data.js.geojson",
        br#"var x = {"type":"FeatureCollection","features":[]};"#,
    );
    assert_eq!(e.code(), "javascript");
    assert!(e.to_string().contains("JavaScript"));
}

#[test]
fn non_json_file() {
    let e = err("tekst.geojson", b"Dit is geen JSON maar een notitie.");
    assert_eq!(e.code(), "not_json");
    assert!(e.to_string().contains("Dit is geen JSON"));
}

#[test]
fn zero_byte_file() {
    assert_eq!(err("leeg.geojson", b"").code(), "empty_file");
}

#[test]
fn web_mercator_coordinates_name_the_range() {
    let body = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[569000.5,6816000.25]}}]}"#;
    let e = err("mercator.geojson", body.as_bytes());
    assert_eq!(e.code(), "undetectable_crs");
    let m = e.to_string();
    assert!(
        m.contains("569000") && m.contains("6816000") && m.contains("3857"),
        "{m}"
    );
}

#[test]
fn an_unread_crs_is_refused_by_name_and_declared_3857_is_projected() {
    let body = r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3035"}},"features":[]}"#;
    let e = err("m.geojson", body.as_bytes());
    assert_eq!(e.code(), "unknown_crs");
    assert!(
        e.to_string().contains("EPSG:3035") && e.to_string().contains("Web Mercator"),
        "{e}"
    );
    // The Dom tower in Web Mercator metres lands on its RD position (136 800, 455 900 ± 100 m).
    let body = r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[570108.0,6816660.0]}}]}"#;
    let (_d, p) = write("dom.geojson", body.as_bytes());
    let l = import(&p, LayerKind::Listings).unwrap();
    let c = l.geom.coords_of(0)[0];
    assert!(
        (c.x - 136_800.0).abs() < 150.0 && (c.y - 455_900.0).abs() < 150.0,
        "{c:?}"
    );
}

#[test]
fn declared_rd_with_degrees_is_a_mismatch() {
    let body = r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[5.1,52.1]}}]}"#;
    assert_eq!(err("m.geojson", body.as_bytes()).code(), "crs_mismatch");
}

#[test]
fn non_utf8_bytes_give_the_offset() {
    let mut body =
        br#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"naam":"Caf"#
            .to_vec();
    body.push(0xE9);
    body.extend_from_slice(br#""},"geometry":{"type":"Point","coordinates":[5.1,52.1]}}]}"#);
    match err("latin1.geojson", &body) {
        ImportError::NotUtf8 { byte_offset, .. } => assert_eq!(
            byte_offset as usize,
            body.iter().position(|b| *b == 0xE9).unwrap()
        ),
        e => panic!("{e:?}"),
    }
}

#[test]
fn directory_instead_of_file() {
    let dir = tempfile::tempdir().unwrap();
    let e = import(dir.path(), LayerKind::Parcels).unwrap_err();
    assert_eq!(e.code(), "is_directory");
}

#[test]
fn missing_file() {
    let e = import(
        std::path::Path::new("/bestaat/niet.geojson"),
        LayerKind::Parcels,
    )
    .unwrap_err();
    assert_eq!(e.code(), "io");
    assert!(e.to_string().contains("/bestaat/niet.geojson"));
}

#[test]
fn syntax_error_inside_a_feature_gives_byte_offset() {
    let body = format!(
        r#"{{"type":"FeatureCollection","features":[{SQUARE_RD},{{"type":"Feature" "properties":{{}}}}]}}"#
    );
    match err("syntax.geojson", body.as_bytes()) {
        ImportError::Syntax {
            feature,
            byte_offset,
            ..
        } => {
            assert_eq!(feature, Some(1));
            let at = body.find(r#" "properties":{}}"#).unwrap() as u64;
            assert!(
                byte_offset >= at && byte_offset <= at + 2,
                "{byte_offset} vs {at}"
            );
        }
        e => panic!("{e:?}"),
    }
}

#[test]
fn undeclared_rd_is_inferred_with_a_warning() {
    let body = format!(r#"{{"type":"FeatureCollection","features":[{SQUARE_RD}]}}"#);
    let (_d, p) = write("rd.geojson", body.as_bytes());
    let l = import(&p, LayerKind::Parcels).unwrap();
    assert_eq!(l.report.crs, Some(locatiescout_model::Crs::RdNew));
    assert!(l
        .report
        .notes
        .iter()
        .any(|n| n.contains("afgeleid uit het coördinatenbereik")));
    assert!((l.area_m2[0] - 100.0).abs() < 1e-6);
}

#[test]
fn csv_dutch_excel_windows_1252_with_rd_coordinates() {
    let mut text =
        b"id;adres;x;y;beschikbaar_vanaf;beschikbaar_tot;netaansluiting;vloeroppervlak_m2\n"
            .to_vec();
    text.extend_from_slice(
        b"A1;Caf\xe9straat 1;136000,5;455800,25;2026-01-01;2036,0;wachtrij tot 2029;1.234,5\n",
    );
    text.extend_from_slice(b"A2;Dorpsstraat 2;;;;;;\n");
    text.extend_from_slice(b"A3;;;;;;;\n");
    let (_d, p) = write("aanbod.csv", &text);
    let l = import(&p, LayerKind::Listings).unwrap();
    assert_eq!(l.len(), 1);
    let c = l.geom.coords_of(0)[0];
    assert_eq!((c.x, c.y), (136000.5, 455800.25));
    assert_eq!(l.attrs[0].floor_area_m2, Some(1234.5));
    assert_eq!(
        l.text(0, locatiescout_model::Field::Address),
        Some("Caféstraat 1")
    );
    assert!(l.report.notes.iter().any(|n| n.contains("Windows-1252")));
    assert_eq!(l.report.needs_geocoding.len(), 1);
    assert_eq!(l.report.needs_geocoding[0].index, 3);
    assert_eq!(l.report.skipped_count, 1);
    assert_eq!(l.report.features_read, 3);
}

#[test]
fn csv_with_lat_lon_is_projected() {
    let (_d, p) = write(
        "ll.csv",
        b"naam,lat,lon\nAmersfoort,52.155172301,5.387203508\n",
    );
    let l = import(&p, LayerKind::Listings).unwrap();
    let c = l.geom.coords_of(0)[0];
    assert!(
        (c.x - 155000.0).abs() < 1.0 && (c.y - 463000.0).abs() < 1.0,
        "{c:?}"
    );
}

#[test]
fn oversized_feature_is_refused_before_allocating() {
    let map = locatiescout_model::FieldMap::default();
    let mut opts = locatiescout_io::ImportOptions::new(LayerKind::Parcels, &map);
    opts.max_feature_bytes = 1024;
    let mut body = String::from(
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"x":""#,
    );
    body.push_str(&"a".repeat(3 << 20));
    body.push_str(r#""},"geometry":null}]}"#);
    let (_d, p) = write("groot.geojson", body.as_bytes());
    let e = locatiescout_io::import_file(&p, opts).unwrap_err();
    assert_eq!(e.code(), "too_large");
}

#[test]
fn cancel_stops_the_import() {
    use std::sync::atomic::AtomicBool;
    let map = locatiescout_model::FieldMap::default();
    let cancel = AtomicBool::new(true);
    let mut opts = locatiescout_io::ImportOptions::new(LayerKind::Parcels, &map);
    opts.cancel = Some(&cancel);
    let body = format!(r#"{{"type":"FeatureCollection","features":[{SQUARE_RD}]}}"#);
    let (_d, p) = write("c.geojson", body.as_bytes());
    assert_eq!(
        locatiescout_io::import_file(&p, opts).unwrap_err().code(),
        "cancelled"
    );
}
