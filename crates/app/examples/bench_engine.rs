//! Phase timings of the engine on a generated parcel file and the shared query
//! file, printed as one JSON line next to ../shared/bench/bench_py.py's output.
//!
//!     cargo run --release -p locatiescout-application --example bench_engine -- p1m.geojson q1m.txt [--no-validate]

#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use geo::{Point, Rect};
use locatiescout_engine::dataset::Dataset;
use locatiescout_engine::profile::Profile;
use locatiescout_engine::score::Scoring;
use locatiescout_engine::SpatialIndex;
use locatiescout_io::import::{import_file, ImportOptions, LayerKind};
use locatiescout_model::FieldMap;

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn read_queries(path: &str) -> (Vec<Rect<f64>>, Vec<Point<f64>>) {
    let text = std::fs::read_to_string(path).expect("query file");
    let mut lines = text.lines();
    let nb: usize = lines.next().unwrap().trim().parse().unwrap();
    let nums = |l: &str| {
        l.split_whitespace()
            .map(|v| v.parse::<f64>().unwrap())
            .collect::<Vec<_>>()
    };
    let boxes = (0..nb)
        .map(|_| {
            let v = nums(lines.next().unwrap());
            Rect::new((v[0], v[1]), (v[2], v[3]))
        })
        .collect();
    let np: usize = lines.next().unwrap().trim().parse().unwrap();
    let pts = (0..np)
        .map(|_| {
            let v = nums(lines.next().unwrap());
            Point::new(v[0], v[1])
        })
        .collect();
    (boxes, pts)
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Same allocator setting as the CLI (see src/main.rs).
    unsafe { libmimalloc_sys::mi_option_set(15, 1000) };
    let args: Vec<String> = std::env::args().collect();
    let (file, queries) = (&args[1], &args[2]);
    let validate = !args.iter().any(|a| a == "--no-validate");
    let (boxes, pts) = read_queries(queries);
    let map = FieldMap::default();
    let mut out = serde_json::Map::new();
    let mut put = |k: &str, v: serde_json::Value| {
        out.insert(k.to_string(), v);
    };
    put("tool", "locatiescout".into());
    put("validate", validate.into());

    let t = Instant::now();
    let mut opts = ImportOptions::new(LayerKind::Parcels, &map);
    opts.validate = validate;
    let layer = import_file(std::path::Path::new(file), opts).expect("import");
    put("read_parse_convert", t.elapsed().as_secs_f64().into());
    put("features", layer.len().into());
    put("invalid", layer.report.invalid_count.into());
    put("rss_after_read_mb", peak_rss_mb().into());
    put(
        "layer_heap_mb",
        (layer.heap_bytes() as f64 / 1048576.0).into(),
    );
    put("area_sum", layer.area_m2.iter().sum::<f64>().into());
    put(
        "attr_sum",
        layer
            .attrs
            .iter()
            .filter_map(|a| a.registered_area_m2)
            .map(f64::from)
            .sum::<f64>()
            .into(),
    );

    let t = Instant::now();
    let idx = SpatialIndex::build(&layer);
    put("rtree_build", t.elapsed().as_secs_f64().into());

    let t = Instant::now();
    let hits: usize = boxes.iter().map(|b| idx.bbox_count(*b)).sum();
    put("bbox_queries_100k", t.elapsed().as_secs_f64().into());
    put("bbox_hits", hits.into());

    let t = Instant::now();
    let pip: usize = pts.iter().map(|p| idx.containing(&layer, *p).len()).sum();
    put("pip_100k", t.elapsed().as_secs_f64().into());
    put("pip_hits", pip.into());

    let t = Instant::now();
    let nn: f64 = pts
        .iter()
        .map(|p| idx.nearest(&layer, *p, 1).first().map_or(0.0, |x| x.1))
        .sum();
    put("nearest_100k", t.elapsed().as_secs_f64().into());
    put("nn_dist_sum", nn.into());

    let ds = Dataset {
        parcels: Some(layer),
        ..Dataset::default()
    };
    let t = Instant::now();
    let mut scoring = Scoring::new(
        &ds,
        Profile::load("flex")
            .expect("profile")
            .dated(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")),
    )
    .expect("scoring");
    put("score_full", t.elapsed().as_secs_f64().into());
    // Rescoring after a weight change, the thing a slider does: median of 11.
    let mut times = Vec::new();
    for k in 0..11 {
        scoring.set_weight("grid", 10.0 + k as f64).expect("weight");
        let t = Instant::now();
        scoring.rescore();
        let _top = scoring.top(100);
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    put("rescore_top100_median", times[5].into());
    put("rss_mb", peak_rss_mb().into());
    println!("{}", serde_json::Value::Object(out));
}
