//! The R-tree answers like a brute-force scan on seeded random data.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use crate::common;

use geo::{Contains, Distance, Euclidean, Intersects, Point, Rect};
use locatiescout_engine::index::{join_to_containing, SpatialIndex};
use locatiescout_io::import::{Layer, LayerKind};
use rand::{rngs::StdRng, Rng, SeedableRng};

/// Random RD parcels (some L-shaped, some with holes) written as GeoJSON and imported.
pub(crate) fn random_layer(seed: u64, n: usize) -> (tempfile::TempDir, Layer) {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut feats = Vec::new();
    for i in 0..n {
        let x = rng.random_range(150_000.0..152_000.0);
        let y = rng.random_range(460_000.0..462_000.0);
        let w = rng.random_range(5.0..80.0);
        let h = rng.random_range(5.0..80.0);
        let ring = match i % 3 {
            // L-shape: its bbox holds points outside the polygon
            0 => format!(
                "[[{x},{y}],[{},{y}],[{},{}],[{},{}],[{},{}],[{x},{}],[{x},{y}]]",
                x + w,
                x + w,
                y + h / 2.0,
                x + w / 2.0,
                y + h / 2.0,
                x + w / 2.0,
                y + h,
                y + h
            ),
            _ => format!(
                "[[{x},{y}],[{},{y}],[{},{}],[{x},{}],[{x},{y}]]",
                x + w,
                x + w,
                y + h,
                y + h
            ),
        };
        let hole = if i % 3 == 1 {
            format!(
                ",[[{},{}],[{},{}],[{},{}],[{},{}],[{},{}]]",
                x + w * 0.25,
                y + h * 0.25,
                x + w * 0.25,
                y + h * 0.75,
                x + w * 0.75,
                y + h * 0.75,
                x + w * 0.75,
                y + h * 0.25,
                x + w * 0.25,
                y + h * 0.25
            )
        } else {
            String::new()
        };
        feats.push(format!(r#"{{"type":"Feature","properties":{{"id":"p{i}"}},"geometry":{{"type":"Polygon","coordinates":[{ring}{hole}]}}}}"#));
    }
    let body = format!(
        r#"{{"type":"FeatureCollection","crs":{{"type":"name","properties":{{"name":"EPSG:28992"}}}},"features":[{}]}}"#,
        feats.join(",")
    );
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("random.geojson");
    std::fs::write(&p, body).unwrap();
    let layer = common::import(&p, LayerKind::Parcels).unwrap();
    assert_eq!(layer.len(), n);
    (dir, layer)
}

#[test]
fn bbox_point_in_polygon_and_nearest_match_brute_force() {
    let (_d, layer) = random_layer(7, 2000);
    let idx = SpatialIndex::build(&layer);
    let mut rng = StdRng::seed_from_u64(8);
    let polys: Vec<_> = (0..layer.len())
        .map(|i| layer.geom.multi_polygon(i).unwrap())
        .collect();
    for _ in 0..300 {
        let (x, y) = (
            rng.random_range(149_900.0..152_100.0),
            rng.random_range(459_900.0..462_100.0),
        );
        let p = Point::new(x, y);
        let r = Rect::new(
            (x, y),
            (
                x + rng.random_range(1.0..300.0),
                y + rng.random_range(1.0..300.0),
            ),
        );

        let mut got = idx.bbox(r);
        got.sort_unstable();
        let want: Vec<u32> = (0..layer.len() as u32)
            .filter(|&i| layer.bbox(i as usize).unwrap().intersects(&r))
            .collect();
        assert_eq!(got, want, "bbox");

        let got = idx.containing(&layer, p);
        let want: Vec<u32> = (0..layer.len() as u32)
            .filter(|&i| polys[i as usize].contains(&p))
            .collect();
        assert_eq!(got, want, "point in polygon at {p:?}");

        let k = 5;
        let got = idx.nearest(&layer, p, k);
        let mut all: Vec<(u32, f64)> = (0..layer.len() as u32)
            .map(|i| (i, Euclidean.distance(&polys[i as usize], &p)))
            .collect();
        all.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        for (g, w) in got.iter().zip(&all[..k]) {
            assert!((g.1 - w.1).abs() < 1e-9, "nearest distance {g:?} vs {w:?}");
        }
        assert_eq!(got.len(), k);
    }
}

#[test]
fn join_to_containing_matches_brute_force() {
    let (_d, parcels) = random_layer(11, 800);
    let (_d2, points) = random_layer(12, 400);
    let idx = SpatialIndex::build(&parcels);
    let joined = join_to_containing(&points, &parcels, &idx);
    for (i, j) in joined.iter().enumerate() {
        let a = points.geom.anchor(i).unwrap();
        let want = (0..parcels.len() as u32)
            .find(|&k| parcels.geom.multi_polygon(k as usize).unwrap().contains(&a));
        assert_eq!(*j, want, "feature {i}");
    }
}
