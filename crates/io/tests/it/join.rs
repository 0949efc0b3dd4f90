//! Joining the RVB impact-analysis sheet (CSV, no geometry) to the RVB buildings
//! (geometry) on EAN: 235 of 236 join, and what did not join is reported.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use common::{import_ok, shared};
use locatiescout_io::import::LayerKind;
use locatiescout_io::join::join_csv;
use locatiescout_model::attrs::Field;
use locatiescout_model::FieldMap;

#[test]
fn rvb_buildings_join_the_impact_analysis_on_ean() {
    let mut l = import_ok(
        "rijksvastgoed/derived_rvb_bouwwerken_netcongestie_rd.geojson",
        LayerKind::Listings,
    );
    assert_eq!(l.len(), 236);
    let csv = shared("rijksvastgoed/derived_rvb_impactanalyse_gefilterde_data.csv");
    let r = join_csv(&mut l, &csv, Field::Ean, &FieldMap::default()).unwrap();
    assert_eq!(r.rows, 275);
    // Every building finds its row; two share one connection, so 235 distinct EANs are used
    // (PROVENANCE: "235 of the 236 shapefile EANs join").
    assert_eq!(r.matched, 236);
    assert_eq!(r.matched_keys, 235);
    assert!(
        r.unmatched_features.is_empty(),
        "{:?}",
        r.unmatched_features
    );
    assert_eq!(r.duplicate_keys.len(), 1, "{:?}", r.duplicate_keys);
    assert_eq!(
        r.unmatched_rows.len(),
        275 - 235 - 1,
        "every row is accounted for"
    );
    let note = "236 van 236 objecten (235 verschillende";
    assert!(
        l.report.notes.iter().any(|n| n.contains(note)),
        "{:?}",
        l.report.notes
    );

    // Joined fields feed the scoring inputs: function, grid rating, address; the rest is kept.
    let (i, _) = (0..l.len())
        .map(|i| (i, l.text(i, Field::Ean).unwrap_or("")))
        .find(|(_, e)| *e == "EAN_871689276000049937")
        .expect("the Algemene Rekenkamer EAN is in the shapefile");
    assert_eq!(
        l.text(i, Field::City),
        Some("'s-Gravenhage"),
        "the apostrophe belongs to the name"
    );
    assert_eq!(l.text(i, Field::Address), Some("Lange Voorhout, 8"));
    assert_eq!(l.text(i, Field::GridNote), Some("Groen"));
    assert!(
        !l.attrs[i].functions.is_empty(),
        "Kantoorgebouw is a building function"
    );
    let extras: Vec<(&str, &str)> = l.extras(i).collect();
    assert!(
        extras.contains(&("Entity", "Algemene Rekenkamer")),
        "{extras:?}"
    );
    assert!(
        extras.contains(&("Contractcapaciteit", "302")),
        "{extras:?}"
    );
    // The shapefile's own bouwwerkcode stays; the sheet's different code is kept beside it.
    assert_ne!(l.text(i, Field::RvbCode), Some("100894G01"));
    assert!(
        extras
            .iter()
            .any(|(k, v)| *k == "Gebouwcode hoofdaansluiting" && *v == "100894G01"),
        "{extras:?}"
    );
}

#[test]
fn a_table_without_the_key_column_is_refused() {
    let mut layer = import_ok(
        "rijksvastgoed/derived_rvb_bouwwerken_netcongestie_rd.geojson",
        LayerKind::Listings,
    );
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("geen_ean.csv");
    std::fs::write(&csv, "adres;plaats\nA 1;B\n").unwrap();
    let before = layer.extras.len();
    let e = join_csv(&mut layer, &csv, Field::Ean, &FieldMap::default()).unwrap_err();
    assert!(e.to_string().contains("koppelsleutel 'ean'"), "{e}");
    assert_eq!(
        layer.extras.len(),
        before,
        "a failed join leaves the layer as it was"
    );
}
