//! The field-mapping dialog's core on the real RVB files: columns with samples and
//! their recognised field, a user's choice turned into a `--fieldmap` file that
//! the CLI reads back to the same import, and the per-source key.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use crate::common;

use locatiescout_io::fieldmap::{preview_fields, source_key, MappingError, SourceMapping};
use locatiescout_io::import::{import_file, ImportOptions, LayerKind};
use locatiescout_model::attrs::Field;
use locatiescout_model::FieldMap;

const RVB: &str = "rijksvastgoed/derived_rvb_bouwwerken_netcongestie_rd.geojson";
const RVB_CSV: &str = "rijksvastgoed/derived_rvb_impactanalyse_gefilterde_data.csv";

#[test]
fn preview_lists_columns_samples_and_recognised_fields() {
    let path = common::shared(RVB);
    let p = preview_fields(&path, None, LayerKind::Listings, &FieldMap::default()).unwrap();
    assert_eq!(p.features, 236);
    let col = |n: &str| p.columns.iter().find(|c| c.name == n).unwrap().clone();
    let code = col("BOUWWERKCO");
    assert_eq!(code.field, Some(Field::RvbCode));
    assert_eq!(code.filled, 236);
    // The first features' values, in file order.
    assert_eq!(code.samples[0], "6221AC125_01");
    assert_eq!(code.samples.len(), 3);
    assert_eq!(col("AFSTOOTSTA").field, Some(Field::DisposalStatus));
    assert_eq!(col("EAN").field, Some(Field::Ean));
    assert_eq!(col("UVID").field, None);
    // Parallel parsing does not change what is shown.
    let again = preview_fields(&path, None, LayerKind::Listings, &FieldMap::default()).unwrap();
    assert_eq!(p, again);

    // Columns in file order.
    assert_eq!(p.columns[0].name, "OBJECTID");

    // The impact analysis has no coordinates: no row imports, yet the dialog shows
    // every column, so the user can see why (and map coordinate columns if any).
    let csv = preview_fields(
        &common::shared(RVB_CSV),
        None,
        LayerKind::Listings,
        &FieldMap::default(),
    )
    .unwrap();
    assert_eq!((csv.features, csv.imported), (275, 0));
    assert_eq!(csv.columns.len(), 23);
    assert_eq!(csv.columns[0].name, "EAN");
    assert_eq!(csv.columns[0].field, Some(Field::Ean));
    let oordeel = csv
        .columns
        .iter()
        .find(|c| c.name == "Oordeel verbruik")
        .unwrap();
    assert_eq!(oordeel.field, Some(Field::GridNote));
    assert_eq!(oordeel.samples, ["Groen", "Rood", "Oranje"]);
}

#[test]
fn a_users_choice_becomes_a_cli_fieldmap_with_the_same_result() {
    let path = common::shared(RVB);
    let base = FieldMap::default();
    let p = preview_fields(&path, None, LayerKind::Listings, &base).unwrap();
    // The user takes UVID as the id and keeps AFSTOOTSTA as a plain attribute.
    let choices: Vec<(String, Option<Field>)> = p
        .columns
        .iter()
        .map(|c| {
            let f = match c.name.as_str() {
                "UVID" => Some(Field::Id),
                "AFSTOOTSTA" => None,
                _ => c.field,
            };
            (c.name.clone(), f)
        })
        .collect();
    let m = SourceMapping::from_choices(&choices, &base).unwrap();
    assert_eq!(m.ignore, ["AFSTOOTSTA"]);
    assert_eq!(m.fields[&Field::Id], ["UVID"]);

    let check = |map: &FieldMap| {
        let l = import_file(&path, ImportOptions::new(LayerKind::Listings, map)).unwrap();
        assert_eq!(l.text(0, Field::Id), Some("8NF-W7M-MMJG-HQ1"));
        assert_eq!(l.text(0, Field::DisposalStatus), None);
        assert!(l
            .extras(0)
            .any(|(k, v)| k == "AFSTOOTSTA" && v == "nietinafstoting"));
        assert_eq!(l.text(0, Field::RvbCode), Some("6221AC125_01"));
    };
    check(&FieldMap::default().with(&m));

    // Saved for the CLI and read back through `--fieldmap`'s loader.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rvb.toml");
    let text = m.to_toml("Veldkoppeling voor RVB-bouwwerken").unwrap();
    assert!(
        text.starts_with("# Veldkoppeling voor RVB-bouwwerken\n"),
        "{text}"
    );
    std::fs::write(&file, &text).unwrap();
    check(&FieldMap::with_user_file(&file).unwrap());
    assert_eq!(FieldMap::read_mapping(&file).unwrap(), m);
}

#[test]
fn one_field_from_two_columns_is_refused() {
    let choices = vec![
        ("BOUWWERKCO".to_string(), Some(Field::RvbCode)),
        ("UVID".to_string(), Some(Field::RvbCode)),
    ];
    let e = SourceMapping::from_choices(&choices, &FieldMap::default()).unwrap_err();
    assert!(matches!(e, MappingError::Twice { .. }));
    assert!(e.to_string().contains("'BOUWWERKCO' en 'UVID'"), "{e}");
}

#[test]
fn source_key_ignores_order_and_case_but_not_columns() {
    let a = source_key(&["EAN", "BOUWWERKCO", "AFSTOOTSTA"]);
    assert_eq!(a, source_key(&["afstootsta", "ean", "bouwwerkco"]));
    assert_ne!(a, source_key(&["EAN", "BOUWWERKCO"]));
    assert_eq!(a.len(), 16);
}

#[test]
fn a_mapping_file_with_an_unknown_key_is_refused_with_the_allowed_fields() {
    let e = FieldMap::parse_mapping("[fields]\nbouwjaar = [\"jaar\"]\n", "mijn.toml").unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("mijn.toml"), "{msg}");
    assert!(msg.contains("year_built"), "{msg}");
    let e = FieldMap::parse_mapping("negeer = [\"x\"]\n", "mijn.toml").unwrap_err();
    assert!(e.to_string().contains("mijn.toml"));
}

#[test]
fn mapping_unknown_coordinate_columns_makes_a_csv_importable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("aanbod.csv");
    std::fs::write(
        &path,
        "code;oost;noord;status\n\
         A1;155000,5;463000,25;afstootbesloten\n\
         A2;155100;463100;nietinafstoting\n",
    )
    .unwrap();
    let base = FieldMap::default();
    let p = preview_fields(&path, None, LayerKind::Listings, &base).unwrap();
    assert_eq!((p.features, p.imported), (2, 0));
    let names: Vec<&str> = p.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["code", "oost", "noord", "status"]);
    assert_eq!(p.columns[1].samples, ["155000,5", "155100"]);
    let choices = vec![
        ("code".to_string(), Some(Field::RvbCode)),
        ("oost".to_string(), Some(Field::XRd)),
        ("noord".to_string(), Some(Field::YRd)),
        ("status".to_string(), Some(Field::DisposalStatus)),
    ];
    let m = SourceMapping::from_choices(&choices, &base).unwrap();
    let map = FieldMap::default().with(&m);
    let again = preview_fields(&path, None, LayerKind::Listings, &map).unwrap();
    assert_eq!(again.imported, 2);
    assert_eq!(again.source_key, p.source_key);
    let l = import_file(&path, ImportOptions::new(LayerKind::Listings, &map)).unwrap();
    assert_eq!(l.label(0), "A1");
    assert_eq!(l.text(1, Field::DisposalStatus), Some("nietinafstoting"));
    let pt = l.geom.anchor(0).unwrap();
    assert!((pt.x() - 155_000.5).abs() < 1e-6 && (pt.y() - 463_000.25).abs() < 1e-6);
}
