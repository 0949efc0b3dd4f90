//! GeoPackages and shapefiles on the command line: `inspect FILE.gpkg` lists
//! the layers, `FILE.gpkg:LAAG` reads one, a wrong name or a broken file says
//! why with exit code 3.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{self, run};

use std::process::Output;

fn out(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn inspect_lists_the_layers_and_reads_the_one_named() {
    let gpkg =
        common::shared("zoning/bestemmingsplan_nijkerk_binnenstad_NL.IMRO.0267.BP0174-0001.gpkg");
    let g = gpkg.display().to_string();
    let o = run(&["inspect", &g]);
    let text = out(&o);
    assert!(o.status.success(), "{text}");
    assert!(text.contains("GeoPackage met 8 lagen"), "{text}");
    assert!(
        text.lines().any(|l| l.contains("Enkelbestemming")
            && l.contains("POLYGON")
            && l.contains("235 features")
            && l.contains("RD New")),
        "{text}"
    );

    let o = run(&[
        "inspect",
        "--kind",
        "overlay",
        &format!("{g}:Enkelbestemming"),
    ]);
    let text = out(&o);
    assert!(o.status.success(), "{text}");
    assert!(
        text.contains("Formaat:        GeoPackage") && text.contains("235 features, 235 ingelezen"),
        "{text}"
    );

    let o = run(&["inspect", &format!("{g}:Enkelbestemmingen")]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        out(&o).contains("laag 'Enkelbestemmingen' bestaat niet"),
        "{}",
        out(&o)
    );
}

#[test]
fn a_shapefile_scores_as_listings_and_a_broken_geopackage_is_named() {
    let shp = common::shared("rvb_shapefile/Bouwwerken_netcongestie.shp");
    let o = run(&["inspect", "--kind", "aanbod", &shp.display().to_string()]);
    let text = out(&o);
    assert!(o.status.success(), "{text}");
    assert!(
        text.contains("Formaat:        Shapefile") && text.contains("236 features, 236 ingelezen"),
        "{text}"
    );

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("kapot.gpkg");
    std::fs::write(&bad, "geen database").unwrap();
    let o = run(&["inspect", &bad.display().to_string()]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        out(&o).contains("kapot.gpkg") && out(&o).contains("geen SQLite"),
        "{}",
        out(&o)
    );
}

/// Issue 17 item 9: the score table's heads are Dutch (the profile's short labels).
#[test]
fn score_table_heads_are_dutch() {
    let sample = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("data/sample/percelen.geojson");
    let o = run(&[
        "score",
        "--profile",
        "flex",
        "--parcels",
        &sample.display().to_string(),
        "--top",
        "3",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    let head = out
        .lines()
        .find(|l| l.starts_with("rang"))
        .expect("a table head");
    for word in [
        "locatie", "woningen", "omvang", "termijn", "net", "eigen", "natuur", "station",
    ] {
        assert!(
            head.split_whitespace().any(|w| w == word),
            "{word} not in {head}"
        );
    }
    for english in ["size", "term", "grid", "owner", "free", "nature", "id"] {
        assert!(
            !head.split_whitespace().any(|w| w == english),
            "{english} in {head}"
        );
    }
}
