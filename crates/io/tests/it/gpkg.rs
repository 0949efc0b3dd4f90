//! GeoPackage layers: what a file holds, read without writing to it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use locatiescout_io::import::gpkg::layers;
use locatiescout_model::crs::Crs;

#[test]
fn the_nijkerk_bestemmingsplan_lists_its_eight_layers() {
    let path =
        common::shared("zoning/bestemmingsplan_nijkerk_binnenstad_NL.IMRO.0267.BP0174-0001.gpkg");
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    let l = layers(&path).unwrap();
    let names: Vec<&str> = l.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Maatvoering",
            "Bouwvlak",
            "Gebiedsaanduiding",
            "Functieaanduiding",
            "Bouwaanduiding",
            "Dubbelbestemming",
            "Enkelbestemming",
            "Bestemmingsplangebied"
        ]
    );
    let enkel = l.iter().find(|x| x.name == "Enkelbestemming").unwrap();
    assert_eq!(enkel.features, 235);
    assert_eq!(enkel.geometry_type.as_deref(), Some("POLYGON"));
    assert_eq!((enkel.srs_id, enkel.crs), (28992, Some(Crs::RdNew)));
    // Read-only and immutable: the file is untouched and no -wal/-shm appears beside it.
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        before
    );
    assert!(!path.with_extension("gpkg-wal").exists());
}

#[test]
fn a_file_that_is_not_a_geopackage_is_named_and_refused() {
    let dir = tempfile::tempdir().unwrap();
    let not_sqlite = dir.path().join("kapot.gpkg");
    std::fs::write(&not_sqlite, b"dit is geen database, alleen tekst").unwrap();
    let e = layers(&not_sqlite).unwrap_err();
    assert_eq!(e.code(), "geopackage");
    assert!(
        e.to_string().contains("kapot.gpkg") && e.to_string().contains("geen SQLite"),
        "{e}"
    );

    let plain = dir.path().join("gewoon.sqlite");
    let c = rusqlite::Connection::open(&plain).unwrap();
    c.execute_batch("CREATE TABLE t (x INTEGER);").unwrap();
    drop(c);
    let e = layers(&plain).unwrap_err();
    assert!(e.to_string().contains("gpkg_contents ontbreekt"), "{e}");
}
