//! Criterion benches on deterministic generated data (no files needed):
//! import, index queries and rescoring. `cargo bench -p locatiescout-application --bench engine`.
//! The 100k/1M comparison with geopandas is `bench/run.sh` (see BENCHMARKS.md).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use geo::{Point, Rect};
use locatiescout_engine::dataset::Dataset;
use locatiescout_engine::profile::Profile;
use locatiescout_engine::score::Scoring;
use locatiescout_engine::SpatialIndex;
use locatiescout_io::import::{import_file, ImportOptions, LayerKind};
use locatiescout_model::FieldMap;

/// A seeded grid of `n` RD parcels with the attributes the flex profile reads.
fn parcels_geojson(n: usize) -> String {
    let mut state = 28_992_u64;
    let mut rnd = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % 10_000) as f64 / 10_000.0
    };
    let side = (n as f64).sqrt().ceil() as usize;
    let notes = [
        "aansluiting aanwezig",
        "geen capaciteit tot 2029",
        "wachtrij netbeheerder",
        "onbekend",
    ];
    let owners = ["gemeente", "particulier", "corporatie", "rijk"];
    let mut out = String::from(
        r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":["#,
    );
    for i in 0..n {
        let (x, y) = (
            140_000.0 + (i % side) as f64 * 40.0,
            450_000.0 + (i / side) as f64 * 40.0,
        );
        let (w, h) = (10.0 + rnd() * 28.0, 10.0 + rnd() * 28.0);
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            r#"{{"type":"Feature","properties":{{"identificatie":"P{i}","kadastraleGrootte":{:.0},"eigenaar_type":"{}","beschikbaar_vanaf":"2026-01-01","beschikbaar_tot":"{}","netaansluiting":"{}"}},"geometry":{{"type":"Polygon","coordinates":[[[{x},{y}],[{},{y}],[{},{}],[{x},{}],[{x},{y}]]]}}}}"#,
            w * h,
            owners[i % 4],
            2030 + i % 20,
            notes[i % 4],
            x + w,
            x + w,
            y + h,
            y + h
        ));
    }
    out.push_str("]}");
    out
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.geojson");
    std::fs::write(&path, parcels_geojson(20_000)).unwrap();
    let map = FieldMap::default();
    c.bench_function("import 20k parcels (GeoJSON, RD)", |b| {
        b.iter(|| import_file(&path, ImportOptions::new(LayerKind::Parcels, &map)).unwrap())
    });
    let layer = import_file(&path, ImportOptions::new(LayerKind::Parcels, &map)).unwrap();
    c.bench_function("R-tree build 20k", |b| {
        b.iter(|| SpatialIndex::build(black_box(&layer)))
    });
    let idx = SpatialIndex::build(&layer);
    let p = Point::new(142_001.0, 452_003.0);
    c.bench_function("bbox query 200x200 m", |b| {
        b.iter(|| {
            idx.bbox_count(black_box(Rect::new(
                (142_000.0, 452_000.0),
                (142_200.0, 452_200.0),
            )))
        })
    });
    c.bench_function("point in polygon", |b| {
        b.iter(|| idx.containing(&layer, black_box(p)))
    });
    c.bench_function("5 nearest", |b| {
        b.iter(|| idx.nearest(&layer, black_box(p), 5))
    });
    let ds = Dataset {
        parcels: Some(layer),
        ..Dataset::default()
    };
    let mut scoring = Scoring::new(
        &ds,
        Profile::load("flex")
            .unwrap()
            .dated(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()),
    )
    .unwrap();
    let mut w = 10.0;
    c.bench_function("rescore 20k sites + top 100", |b| {
        b.iter(|| {
            w = if w > 90.0 { 10.0 } else { w + 1.0 };
            scoring.set_weight("grid", w).unwrap();
            scoring.rescore();
            scoring.top(100)
        })
    });
}

criterion_group!(engine, benches);
criterion_main!(engine);
