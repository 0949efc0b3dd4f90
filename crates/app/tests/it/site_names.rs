//! Sites named as a planner names them (issue 32): the kadastrale aanduiding in
//! the detail's heading and the list's search, the full identifier kept beside it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::path::Path;

use locatiescout_engine::dataset::Dataset;
use locatiescout_engine::profile::Profile;
use locatiescout_engine::score::{ListQuery, Scoring};
use locatiescout_io::import::LayerKind;

fn sample() -> (Dataset, Scoring) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample/percelen.geojson");
    let ds = Dataset {
        parcels: Some(crate::common::import(&path, LayerKind::Parcels).unwrap()),
        ..Dataset::default()
    };
    let s = Scoring::new(
        &ds,
        Profile::load("flex").unwrap().dated(crate::peildatum()),
    )
    .unwrap();
    (ds, s)
}

#[test]
fn the_detail_names_the_parcel_and_keeps_its_identifier() {
    let (ds, s) = sample();
    let layer = ds.parcels.as_ref().unwrap();
    let i = (0..layer.len())
        .find(|&i| layer.label(i) == "NL.IMKAD.KadastraalObject.VBS00A000090000")
        .unwrap();
    let d = s.detail(&ds, i).unwrap();
    assert_eq!(d.name, "Voorbeeldstad A 9");
    assert_eq!(d.id, "NL.IMKAD.KadastraalObject.VBS00A000090000");
}

#[test]
fn the_list_finds_a_site_by_the_name_it_shows() {
    let (ds, s) = sample();
    let layer = ds.parcels.as_ref().unwrap();
    let found = s.query(
        &ds,
        &ListQuery {
            text: "voorbeeldstad a 9".into(),
            ..ListQuery::default()
        },
    );
    let names: Vec<String> = found
        .iter()
        .map(|&i| layer.display_name(i as usize))
        .collect();
    // A part of the name, as typed: A 9, A 90 … A 97.
    assert!(
        names.contains(&"Voorbeeldstad A 9".to_string()),
        "{names:?}"
    );
    assert!(
        names.iter().all(|n| n.starts_with("Voorbeeldstad A 9")),
        "{names:?}"
    );
    // The identifier still finds it too.
    let by_id = s.query(
        &ds,
        &ListQuery {
            text: "VBS00A000090000".into(),
            ..ListQuery::default()
        },
    );
    assert_eq!(by_id.len(), 1);
    assert_eq!(layer.display_name(by_id[0] as usize), "Voorbeeldstad A 9");
}
