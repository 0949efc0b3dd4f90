//! Project file benchmark: saves a parcels layer into a project once, then times
//! reopening it (open + integrity quick check + reading every layer back).
//! Prints one JSON line. Run by `bench/project.sh`.
//!
//!     cargo run --release -p locatiescout-application --example bench_project -- PARCELS.geojson PROJECT.locatiescout
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::Path;
use std::time::Instant;

use locatiescout_io::import::{import_file, ImportOptions, LayerKind};
use locatiescout_io::project::Project;
use locatiescout_model::FieldMap;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (src, proj) = (Path::new(&args[1]), Path::new(&args[2]));
    let mut save_s = None;
    if !proj.exists() {
        let map = FieldMap::default();
        let layer = import_file(src, ImportOptions::new(LayerKind::Parcels, &map)).unwrap();
        let t = Instant::now();
        let mut p = Project::create(proj).unwrap();
        p.save_layer(&layer).unwrap();
        p.conn_checkpoint();
        drop(p);
        save_s = Some(t.elapsed().as_secs_f64());
    }
    let t = Instant::now();
    let p = Project::open(proj).unwrap();
    let open_s = t.elapsed().as_secs_f64();
    let layers = p.load_layers().unwrap();
    let reopen_s = t.elapsed().as_secs_f64();
    let features: usize = layers.iter().map(|l| l.len()).sum();
    let rss_mb = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<f64>()
                    .unwrap_or(0.0)
                    / 1024.0
            })
        })
        .unwrap_or(0.0);
    let size_mb = std::fs::metadata(proj)
        .map(|m| m.len() as f64 / 1e6)
        .unwrap_or(0.0);
    println!(
        "{{\"tool\":\"locatiescout_project\",\"features\":{features},\"file_mb\":{size_mb:.1},\"save_s\":{},\"open_s\":{open_s:.4},\"reopen_s\":{reopen_s:.4},\"rss_mb\":{rss_mb:.0}}}",
        save_s.map_or("null".to_string(), |s| format!("{s:.3}"))
    );
}
