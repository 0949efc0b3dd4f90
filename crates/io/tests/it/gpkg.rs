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

// ------------------------------------------------------------------ reading a layer

use locatiescout_io::import::{import_file, ImportOptions, Layer, LayerKind};
use locatiescout_model::FieldMap;

const NIJKERK: &str = "zoning/bestemmingsplan_nijkerk_binnenstad_NL.IMRO.0267.BP0174-0001.gpkg";
const AMSTERDAM: &str = "constraints/amsterdam_milieuthemas_geluid_externeveiligheid_bodem.gpkg";

fn read(
    path: &std::path::Path,
    layer: Option<&str>,
    kind: LayerKind,
) -> Result<Layer, locatiescout_io::import::ImportError> {
    let map = FieldMap::default();
    let mut opts = ImportOptions::new(kind, &map);
    opts.layer = layer;
    import_file(path, opts)
}

fn extra<'a>(l: &'a Layer, i: usize, name: &str) -> Option<&'a str> {
    l.extras(i).find(|(k, _)| *k == name).map(|(_, v)| v)
}

#[test]
fn nijkerk_enkelbestemming_reads_235_polygons_with_their_attributes() {
    let path = common::shared(NIJKERK);
    let l = read(&path, Some("Enkelbestemming"), LayerKind::Overlay).unwrap();
    assert_eq!(l.len(), 235);
    assert_eq!(l.report.imported, 235);
    assert_eq!(l.report.skipped_count, 0);
    assert_eq!(l.source_crs, Crs::RdNew);
    assert_eq!(l.report.format, "GeoPackage");
    // PROVENANCE §8: wonen 53, tuin 65, centrum 25.
    let count = |v: &str| {
        (0..l.len())
            .filter(|&i| extra(&l, i, "bestemmingshoofdgroep") == Some(v))
            .count()
    };
    assert_eq!(
        (count("wonen"), count("tuin"), count("centrum")),
        (53, 65, 25)
    );
    // MEDIUMINT is read as a number; the report names the columns with their types.
    assert!(
        l.report
            .notes
            .iter()
            .any(|n| n.contains("artikelnummer (MEDIUMINT)")),
        "{:?}",
        l.report.notes
    );
    assert!(l.report.notes.iter().any(|n| n.contains("een van 8 lagen")));
    // The Nijkerk binnenstad lies around RD (165 500, 477 000); every area is positive.
    let b = l.geom.bbox(0).unwrap();
    assert!(
        (160_000.0..170_000.0).contains(&b.min().x) && (470_000.0..485_000.0).contains(&b.min().y),
        "{b:?}"
    );
    assert!(l.area_m2.iter().all(|a| *a > 0.0));
    // The fid is the fallback id, so a feature can be found in QGIS.
    assert!(l.source_id(0).is_some());
}

#[test]
fn several_layers_without_a_choice_ask_for_one_and_a_wrong_name_lists_them() {
    let path = common::shared(NIJKERK);
    let e = read(&path, None, LayerKind::Overlay).unwrap_err();
    assert_eq!(e.code(), "choose_layer");
    let m = e.to_string();
    assert!(
        m.contains("8 lagen") && m.contains("Enkelbestemming") && m.contains(":LAAG"),
        "{m}"
    );
    let e = read(&path, Some("Enkelbestemmingen"), LayerKind::Overlay).unwrap_err();
    assert_eq!(e.code(), "no_such_layer");
    assert!(
        e.to_string().contains("'Enkelbestemmingen' bestaat niet")
            && e.to_string().contains("Bouwvlak"),
        "{e}"
    );
    // Case does not matter when the name is otherwise unique.
    assert_eq!(
        read(&path, Some("enkelbestemming"), LayerKind::Overlay)
            .unwrap()
            .len(),
        235
    );
}

#[test]
fn every_amsterdam_layer_reads_with_the_count_sqlite_gives() {
    let path = common::shared(AMSTERDAM);
    let listed = layers(&path).unwrap();
    assert_eq!(listed.len(), 27);
    for l in &listed {
        let layer = read(&path, Some(&l.name), LayerKind::Overlay)
            .unwrap_or_else(|e| panic!("{}: {e}", l.name));
        let r = &layer.report;
        assert_eq!(
            r.imported + r.skipped_count,
            l.features as usize,
            "{}: {} gelezen, {} overgeslagen",
            l.name,
            r.imported,
            r.skipped_count
        );
        assert_eq!(layer.source_crs, Crs::RdNew, "{}", l.name);
    }
    // dro_geluid declares RD New, yet 27 of its 34 noise zones are in degrees
    // (4.8° E, 52.3° N): those are skipped with that reason, the rest read.
    let noise = read(&path, Some("dro_geluid"), LayerKind::Overlay).unwrap();
    assert_eq!((noise.len(), noise.report.skipped_count), (7, 27));
    assert!(
        noise.report.skipped[0]
            .reason
            .contains("passen niet bij RD New"),
        "{:?}",
        noise.report.skipped[0]
    );
    // A layer declared GEOMETRY holds lines (a gas pipeline).
    let pipe = read(&path, Some("dmb_aardgas_leiding"), LayerKind::Overlay).unwrap();
    assert!(
        pipe.report
            .geometry_counts
            .keys()
            .any(|k| k.contains("LineString")),
        "{:?}",
        pipe.report.geometry_counts
    );
}

#[test]
fn the_bag_in_rd_and_in_crs84_lands_on_the_same_spots() {
    let rd = read(
        &common::shared("bag/gokoala_bag_amsterdam_rd.gpkg"),
        Some("verblijfsobjecten"),
        LayerKind::Listings,
    )
    .unwrap();
    let wgs = read(
        &common::shared("bag/gokoala_bag_amsterdam_wgs84.gpkg"),
        Some("verblijfsobjecten"),
        LayerKind::Listings,
    )
    .unwrap();
    assert_eq!((rd.len(), wgs.len()), (1836, 1836));
    assert_eq!(wgs.source_crs, Crs::Wgs84);
    assert!(
        matches!(&wgs.report.crs_decision, Some(locatiescout_model::crs::CrsDecision::Declared { name }) if name.contains("CRS84"))
    );
    let mut worst = 0.0f64;
    for i in 0..rd.len() {
        let a = rd.geom.coords_of(i)[0];
        let b = wgs.geom.coords_of(i)[0];
        worst = worst.max((a.x - b.x).hypot(a.y - b.y));
    }
    // The same points through proj4rs' 7-parameter Helmert: well within a metre.
    assert!(worst < 1.0, "grootste verschil {worst} m");
}

/// A one-layer GeoPackage with the given srs and blobs, made as GDAL makes them.
fn tiny_gpkg(
    dir: &std::path::Path,
    srs: (i64, &str, i64, &str),
    blobs: &[Option<Vec<u8>>],
) -> std::path::PathBuf {
    let path = dir.join("klein.gpkg");
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch(
        "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY, organization TEXT, organization_coordsys_id INTEGER, definition TEXT, description TEXT);
         CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT, identifier TEXT, description TEXT, last_change TEXT, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
         CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, geometry_type_name TEXT, srs_id INTEGER, z TINYINT, m TINYINT);
         CREATE TABLE vlakken (fid INTEGER PRIMARY KEY, geom MULTIPOLYGON, naam TEXT, open BOOLEAN, groot INTEGER);",
    )
    .unwrap();
    c.execute(
        "INSERT INTO gpkg_spatial_ref_sys VALUES (?1, ?2, ?3, ?4, 'onbekend', '')",
        rusqlite::params![srs.1, srs.0, srs.3, srs.2],
    )
    .unwrap();
    c.execute("INSERT INTO gpkg_contents VALUES ('vlakken', 'features', 'vlakken', '', '', 0, 0, 0, 0, ?1)", [srs.0]).unwrap();
    c.execute(
        "INSERT INTO gpkg_geometry_columns VALUES ('vlakken', 'geom', 'MULTIPOLYGON', ?1, 0, 0)",
        [srs.0],
    )
    .unwrap();
    for (i, b) in blobs.iter().enumerate() {
        c.execute(
            "INSERT INTO vlakken (geom, naam, open, groot) VALUES (?1, ?2, 1, 9007199254740993)",
            rusqlite::params![b, format!("vlak {i}")],
        )
        .unwrap();
    }
    path
}

fn square_rd(x: f64, y: f64, side: f64) -> geo::MultiPolygon<f64> {
    geo::MultiPolygon(vec![geo::geometry::Polygon::new(
        geo::LineString::from(vec![
            (x, y),
            (x + side, y),
            (x + side, y + side),
            (x, y + side),
            (x, y),
        ]),
        vec![],
    )])
}

#[test]
fn a_corrupt_blob_skips_its_row_and_keeps_the_rest() {
    use locatiescout_model::gpkg_blob::encode_multi_polygon;
    let dir = tempfile::tempdir().unwrap();
    let good = encode_multi_polygon(&square_rd(155_000.0, 463_000.0, 100.0), 28992).unwrap();
    let mut cut = good.clone();
    cut.truncate(60);
    let path = tiny_gpkg(
        dir.path(),
        (28992, "Amersfoort / RD New", 28992, "EPSG"),
        &[
            Some(good.clone()),
            Some(cut),
            Some(b"onzin".to_vec()),
            None,
            Some(good),
        ],
    );
    let l = read(&path, None, LayerKind::Parcels).unwrap();
    assert_eq!((l.len(), l.report.skipped_count), (2, 3));
    assert!((l.area_m2[0] - 10_000.0).abs() < 1e-6);
    let reasons: Vec<&str> = l.report.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert!(
        reasons[0].starts_with("fid 2:") && reasons[0].contains("beschadigd"),
        "{reasons:?}"
    );
    assert!(
        reasons[1].starts_with("fid 3:") && reasons[1].contains("te kort"),
        "{reasons:?}"
    );
    assert!(
        reasons[2].starts_with("fid 4:") && reasons[2].contains("geen geometrie"),
        "{reasons:?}"
    );
    // BOOLEAN reads as ja/nee; an integer beyond 2^53 keeps every digit.
    assert_eq!(extra(&l, 0, "open"), Some("ja"));
    assert_eq!(extra(&l, 0, "groot"), Some("9007199254740993"));
}

#[test]
fn web_mercator_is_projected_and_an_unknown_srs_is_named() {
    use locatiescout_model::crs::rd_to_wgs84;
    use locatiescout_model::gpkg_blob::encode_multi_polygon;
    // A 100 m square near Amersfoort in RD, written as Web Mercator metres.
    let rd = square_rd(155_000.0, 463_000.0, 100.0);
    let merc = geo::MultiPolygon(vec![geo::Polygon::new(
        rd.0[0]
            .exterior()
            .coords()
            .map(|c| {
                let (lon, lat) = rd_to_wgs84(c.x, c.y).unwrap();
                let r = 6_378_137.0;
                geo::coord! { x: r * lon.to_radians(), y: r * (std::f64::consts::FRAC_PI_4 + lat.to_radians() / 2.0).tan().ln() }
            })
            .collect(),
        vec![],
    )]);
    let dir = tempfile::tempdir().unwrap();
    let path = tiny_gpkg(
        dir.path(),
        (3857, "WGS 84 / Pseudo-Mercator", 3857, "EPSG"),
        &[encode_multi_polygon(&merc, 3857)],
    );
    let l = read(&path, None, LayerKind::Parcels).unwrap();
    assert_eq!(l.source_crs, Crs::WebMercator);
    // Back in RD: the same 10 000 m² within 0.1 %, the same corner within a metre.
    assert!((l.area_m2[0] - 10_000.0).abs() < 10.0, "{}", l.area_m2[0]);
    let c = l.geom.coords_of(0)[0];
    assert!(
        (c.x - 155_000.0).abs() < 1.0 && (c.y - 463_000.0).abs() < 1.0,
        "{c:?}"
    );

    let dir = tempfile::tempdir().unwrap();
    let path = tiny_gpkg(
        dir.path(),
        (3035, "ETRS89 / LAEA Europe", 3035, "EPSG"),
        &[encode_multi_polygon(&rd, 3035)],
    );
    let e = read(&path, None, LayerKind::Parcels).unwrap_err();
    assert_eq!(e.code(), "unknown_crs");
    assert!(
        e.to_string().contains("ETRS89 / LAEA Europe (srs_id 3035)")
            && e.to_string().contains("klein.gpkg"),
        "{e}"
    );
}

#[test]
fn the_export_writes_what_the_import_reads() {
    use locatiescout_model::gpkg_blob::encode_multi_polygon;
    // Two squares, one with a hole: the shared encoder, read back.
    let mut mp = square_rd(155_000.0, 463_000.0, 100.0);
    mp.0[0].interiors_push(vec![
        (155_010.0, 463_010.0),
        (155_010.0, 463_020.0),
        (155_020.0, 463_020.0),
        (155_020.0, 463_010.0),
        (155_010.0, 463_010.0),
    ]);
    mp.0.push(square_rd(156_000.0, 463_000.0, 10.0).0.remove(0));
    let dir = tempfile::tempdir().unwrap();
    let path = tiny_gpkg(
        dir.path(),
        (28992, "Amersfoort / RD New", 28992, "EPSG"),
        &[encode_multi_polygon(&mp, 28992)],
    );
    let l = read(&path, None, LayerKind::Parcels).unwrap();
    assert!(
        (l.area_m2[0] - (10_000.0 - 100.0 + 100.0)).abs() < 1e-6,
        "{}",
        l.area_m2[0]
    );
    assert_eq!(l.geom.multi_polygon(0).unwrap(), mp);
}
