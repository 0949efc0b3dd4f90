//! Walks ../shared/data/geojson_validation: every good file imports, every bad
//! file gives the expected typed error, per-feature skip, or warning.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use crate::common;

use common::{import, shared};
use locatiescout_io::import::LayerKind;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// A fatal error with this code.
    Error(&'static str),
    /// Imported with at least one skipped feature.
    Skip,
    /// Imported, with a warning or note naming the problem.
    Warn,
    /// Accepted as valid: the "problem" is a recommendation only.
    Accept,
}

const BAD: &[(&str, Expect)] = &[
    ("bad-duplicate-properties", Expect::Error("not_geojson")),
    ("bad-featurelist", Expect::Skip),
    ("bad-json", Expect::Error("syntax")),
    ("bad-object-type", Expect::Error("not_geojson")),
    ("bad-polygon-interiorring-rhr", Expect::Warn),
    ("bad-polygonloop", Expect::Skip),
    ("bad-properties-as-array", Expect::Skip),
    ("badcoord", Expect::Skip),
    ("badcoordtype", Expect::Skip),
    ("badfeature", Expect::Skip),
    ("badfeatureid", Expect::Skip),
    ("bbox-4or6elements", Expect::Warn),
    ("bbox-contains-string", Expect::Warn),
    ("bbox-string", Expect::Warn),
    ("different-first-last", Expect::Warn),
    ("different-first-size", Expect::Warn),
    // RFC 7946 §11.2 only recommends 6 decimals; the values themselves are valid.
    ("excessive_precision_truncated", Expect::Accept),
    ("expected_object", Expect::Skip),
    ("false", Expect::Skip),
    ("feature_changed_semantics", Expect::Warn),
    ("featurecollection-obj", Expect::Error("not_geojson")),
    ("featurecollection-type-case", Expect::Error("not_geojson")),
    ("featurecollection", Expect::Error("not_geojson")),
    ("featurecollection_changed_semantics", Expect::Warn),
    ("geometry_changed_semantics", Expect::Warn),
    ("geometrycollection_nested", Expect::Warn),
    ("geometrycollection_single", Expect::Warn),
    ("multiple_problems", Expect::Skip),
    ("multipoint-multidimension", Expect::Skip),
    ("multipoint-nondimension", Expect::Skip),
    ("nofeaturetype", Expect::Skip),
    ("notype", Expect::Error("not_geojson")),
    ("point-labeled-as-a-multipolygon", Expect::Skip),
    ("point-string", Expect::Skip),
    ("point-toofew", Expect::Skip),
    ("point-toomany", Expect::Skip),
    ("point", Expect::Skip),
    ("polygon_winding_order", Expect::Warn),
    ("rootstring", Expect::Error("not_geojson")),
    ("short-line", Expect::Skip),
    ("short-linearring", Expect::Warn),
    ("short-multilinestring", Expect::Skip),
    ("stringcoord", Expect::Skip),
    ("unknowntype", Expect::Error("not_geojson")),
];

#[test]
fn every_bad_file_has_an_expectation_and_meets_it() {
    let dir = shared("geojson_validation/bad");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".geojson"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 44, "the corpus changed");
    for name in files {
        let stem = name.trim_end_matches(".geojson");
        let expect = BAD
            .iter()
            .find(|(n, _)| *n == stem)
            .unwrap_or_else(|| panic!("no expectation for {stem}"))
            .1;
        let result = import(&dir.join(&name), LayerKind::Parcels);
        match (expect, result) {
            (Expect::Error(code), Err(e)) => {
                assert_eq!(e.code(), code, "{stem}: {e}");
                assert!(
                    e.to_string().contains(&name),
                    "{stem}: message must name the file: {e}"
                );
            }
            (Expect::Skip, Ok(l)) => {
                let r = &l.report;
                assert!(r.skipped_count > 0, "{stem}: expected a skipped feature");
                for s in &r.skipped {
                    assert!(
                        !s.reason.is_empty() && s.byte_offset.is_some(),
                        "{stem}: {s:?}"
                    );
                }
                assert_eq!(
                    r.features_read,
                    r.imported + r.skipped_count,
                    "{stem}: features lost"
                );
            }
            (Expect::Warn, Ok(l)) => {
                let r = &l.report;
                assert!(
                    r.warning_count + r.notes.len() > 0,
                    "{stem}: expected a warning"
                );
                assert_eq!(r.skipped_count, 0, "{stem}");
                assert!(!l.is_empty(), "{stem}: the feature must be kept");
            }
            (Expect::Accept, Ok(l)) => assert!(!l.is_empty(), "{stem}"),
            (e, r) => panic!("{stem}: expected {e:?}, got {:?}", r.map(|l| l.report)),
        }
    }
}

#[test]
fn every_good_file_imports_without_losing_features() {
    let dir = shared("geojson_validation/good");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let layer = import(&path, LayerKind::Parcels).unwrap_or_else(|e| panic!("{e}"));
        let r = &layer.report;
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        // nullgeometry.geojson holds a feature without geometry: listed as skipped, not lost.
        if name == "nullgeometry.geojson" {
            assert_eq!(r.skipped_count, 1);
            assert!(r.skipped[0].reason.contains("geen geometrie"));
        } else {
            assert_eq!(r.skipped_count, 0, "{name}: {:?}", r.skipped);
            assert!(!layer.is_empty(), "{name}");
        }
        n += 1;
    }
    assert_eq!(n, 18);
}
