//! ESRI shapefiles: the RVB buildings as the RVB sends them, zipped, and every
//! way a set of shapefile parts arrives broken.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use crate::common;

use locatiescout_io::import::{import_file, ImportError, ImportOptions, Layer, LayerKind};
use locatiescout_model::crs::Crs;
use locatiescout_model::{Field, FieldMap};

const PARTS: [&str; 5] = ["shp", "shx", "dbf", "prj", "cpg"];

fn rvb(ext: &str) -> PathBuf {
    common::shared(&format!("rvb_shapefile/Bouwwerken_netcongestie.{ext}"))
}

fn read(path: &Path) -> Result<Layer, ImportError> {
    let map = FieldMap::default();
    import_file(path, ImportOptions::new(LayerKind::Listings, &map))
}

/// The RVB parts copied into `dir` (minus `leave_out`), for breaking them.
fn copy_parts(dir: &Path, leave_out: &[&str]) -> PathBuf {
    for ext in PARTS.iter().filter(|e| !leave_out.contains(e)) {
        std::fs::copy(rvb(ext), dir.join(format!("gebouwen.{ext}"))).unwrap();
    }
    dir.join("gebouwen.shp")
}

fn extra<'a>(l: &'a Layer, i: usize, name: &str) -> Option<&'a str> {
    l.extras(i).find(|(k, _)| *k == name).map(|(_, v)| v)
}

#[test]
fn the_rvb_shapefile_matches_its_geojson_in_ids_attributes_and_areas() {
    let shp = read(&rvb("shp")).unwrap();
    let json = common::import_ok(
        "rijksvastgoed/derived_rvb_bouwwerken_netcongestie_rd.geojson",
        LayerKind::Listings,
    );
    assert_eq!((shp.len(), json.len()), (236, 236));
    assert_eq!(shp.source_crs, Crs::RdNew);
    assert_eq!(shp.report.format, "Shapefile");
    assert_eq!(shp.report.skipped_count, 0);
    // Pair them by the RVB building code and compare what a planner sees.
    let by_code: std::collections::HashMap<&str, usize> = (0..json.len())
        .map(|i| (json.text(i, Field::RvbCode).unwrap(), i))
        .collect();
    let mut worst = 0.0f64;
    for i in 0..shp.len() {
        let code = shp.text(i, Field::RvbCode).unwrap();
        let j = by_code[code];
        assert_eq!(shp.text(i, Field::Ean), json.text(j, Field::Ean), "{code}");
        assert_eq!(
            shp.text(i, Field::DisposalStatus),
            json.text(j, Field::DisposalStatus),
            "{code}"
        );
        assert_eq!(extra(&shp, i, "UVID"), extra(&json, j, "UVID"));
        worst = worst.max((shp.area_m2[i] - json.area_m2[j]).abs() / json.area_m2[j]);
    }
    assert!(
        worst < 0.001,
        "grootste oppervlakteverschil {:.4} %",
        worst * 100.0
    );
    // dBASE F fields come through the dbase crate as f32: seven digits, no noise.
    assert_eq!(extra(&shp, 0, "Shape_Leng"), Some("272.39383"));
    let notes = shp.report.notes.join(" | ");
    assert!(
        notes.contains("UTF-8 (.cpg: UTF-8)") && notes.contains("BOUWWERKCO (Character)"),
        "{notes}"
    );
    assert!(notes.contains("hoogte (Z)"), "{notes}");
    // Shapefiles wind outer rings clockwise by design: no RFC 7946 note.
    assert!(!notes.contains("rechterhandregel"), "{notes}");
}

#[test]
fn the_dbf_or_a_zip_opens_the_same_shapefile() {
    assert_eq!(read(&rvb("dbf")).unwrap().len(), 236);
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("rvb.zip");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    for ext in PARTS {
        z.start_file(
            format!("Bouwwerken/Bouwwerken_netcongestie.{}", ext.to_uppercase()),
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(&mut z, &std::fs::read(rvb(ext)).unwrap()).unwrap();
    }
    z.finish().unwrap();
    let l = read(&zip_path).unwrap();
    assert_eq!((l.len(), l.source_crs), (236, Crs::RdNew));
}

#[test]
fn a_missing_dbf_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let shp = copy_parts(dir.path(), &["dbf"]);
    let e = read(&shp).unwrap_err();
    assert_eq!(e.code(), "shapefile");
    let m = e.to_string();
    assert!(
        m.contains("gebouwen.shp") && m.contains(".dbf") && m.contains("ontbreekt"),
        "{m}"
    );
}

#[test]
fn a_truncated_shp_keeps_what_came_before_and_counts_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let shp = copy_parts(dir.path(), &[]);
    let bytes = std::fs::read(&shp).unwrap();
    std::fs::write(&shp, &bytes[..bytes.len() / 2]).unwrap();
    let l = read(&shp).unwrap();
    assert!(l.len() > 50 && l.len() < 236, "{}", l.len());
    assert_eq!(l.len() + l.report.skipped_count, 236);
    let notes = l.report.notes.join(" | ");
    assert!(
        notes.contains("houdt op bij vorm") && notes.contains("vormen ontbreken"),
        "{notes}"
    );
}

#[test]
fn a_dbf_with_fewer_records_keeps_the_shapes_without_attributes() {
    let dir = tempfile::tempdir().unwrap();
    let shp = copy_parts(dir.path(), &[]);
    let dbf = dir.path().join("gebouwen.dbf");
    let mut d = std::fs::read(&dbf).unwrap();
    // Say (and hold) 200 records instead of 236.
    let (hl, rl) = (
        u16::from_le_bytes([d[8], d[9]]) as usize,
        u16::from_le_bytes([d[10], d[11]]) as usize,
    );
    d[4..8].copy_from_slice(&200u32.to_le_bytes());
    d.truncate(hl + 200 * rl);
    std::fs::write(&dbf, &d).unwrap();
    let l = read(&shp).unwrap();
    assert_eq!(l.len(), 236, "no shape is lost");
    assert!(l.text(199, Field::RvbCode).is_some() && l.text(200, Field::RvbCode).is_none());
    let notes = l.report.notes.join(" | ");
    assert!(notes.contains("200 records voor 236 vormen"), "{notes}");
    assert_eq!(l.report.warning_count, 36);
}

#[test]
fn an_unknown_prj_or_cpg_is_refused_by_name_and_a_missing_prj_is_inferred() {
    let dir = tempfile::tempdir().unwrap();
    let shp = copy_parts(dir.path(), &[]);
    std::fs::write(
        dir.path().join("gebouwen.prj"),
        r#"PROJCS["ETRS_1989_LAEA",GEOGCS["GCS_ETRS_1989"],PROJECTION["Lambert_Azimuthal_Equal_Area"]]"#,
    )
    .unwrap();
    let e = read(&shp).unwrap_err();
    assert_eq!(e.code(), "unknown_crs");
    assert!(
        e.to_string().contains("ETRS_1989_LAEA") && e.to_string().contains(".prj"),
        "{e}"
    );

    std::fs::remove_file(dir.path().join("gebouwen.prj")).unwrap();
    let l = read(&shp).unwrap();
    assert_eq!(l.source_crs, Crs::RdNew);
    assert!(l
        .report
        .notes
        .iter()
        .any(|n| n.contains("geen .prj-bestand")));

    std::fs::write(dir.path().join("gebouwen.cpg"), "KLINGON-7").unwrap();
    let e = read(&shp).unwrap_err();
    assert_eq!(e.code(), "shapefile");
    assert!(e.to_string().contains("'KLINGON-7'"), "{e}");
}

#[test]
fn an_ansi_code_page_reads_accents() {
    let dir = tempfile::tempdir().unwrap();
    let shp = copy_parts(dir.path(), &[]);
    let dbf = dir.path().join("gebouwen.dbf");
    let mut d = std::fs::read(&dbf).unwrap();
    // The first record's UVID is 8NF-W7M-MMJG-HQ1.
    let at = d.windows(6).position(|w| w == b"NF-W7M").unwrap();
    d[at] = 0xE9; // é in Windows-1252, invalid on its own in UTF-8
    std::fs::write(&dbf, &d).unwrap();
    std::fs::write(dir.path().join("gebouwen.cpg"), "ANSI 1252").unwrap();
    let l = read(&shp).unwrap();
    assert!(
        (0..l.len()).any(|i| extra(&l, i, "UVID").is_some_and(|v| v == "8éF-W7M-MMJG-HQ1")),
        "é niet gevonden"
    );
}
