//! Province and country scale, end to end in one process, each phase timed with
//! the process's peak memory after it: import a parcels GeoJSON, score (flex),
//! rescore after a weight change, top 100, the map's tile index and tiles at
//! national and town zoom, save as a project, drop everything, reopen, score
//! again. Prints one JSON line. Run by `bench/scale.sh`.
//!
//!     cargo run --release -p locatiescout-application --example bench_scale -- PARCELS.geojson PROJECT.locatiescout
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::Path;
use std::time::Instant;

use locatiescout_engine::dataset::Dataset;
use locatiescout_engine::profile::Profile;
use locatiescout_engine::score::Scoring;
use locatiescout_io::import::{import_file, ImportOptions, LayerKind};
use locatiescout_io::project::Project;
use locatiescout_model::FieldMap;
use locatiescout_output::tiles::{site_tile, TileIndex};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` (as the CLI sets it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn status_mb(key: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with(key)).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<f64>()
                    .unwrap_or(0.0)
                    / 1024.0
            })
        })
        .unwrap_or(0.0)
}

fn main() {
    // SAFETY: a process-wide allocator option set before any threads start.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 1000) };
    let args: Vec<String> = std::env::args().collect();
    let (src, proj) = (Path::new(&args[1]), Path::new(&args[2]));
    let _ = std::fs::remove_file(proj);
    let mut out: Vec<(String, String)> = Vec::new();
    let mut put = |k: &str, v: String| out.push((k.to_string(), v));
    let phase = |t: Instant| format!("{:.3}", t.elapsed().as_secs_f64());

    let map = FieldMap::default();
    let t = Instant::now();
    let layer = import_file(src, ImportOptions::new(LayerKind::Parcels, &map)).unwrap();
    put("import_s", phase(t));
    put("features", layer.len().to_string());
    put("rss_import_mb", format!("{:.0}", status_mb("VmHWM:")));
    if std::env::var_os("BENCH_IMPORT_ONLY").is_some() {
        // For profiling the import alone (perf record).
        println!("{out:?}");
        return;
    }

    let ds = Dataset {
        parcels: Some(layer),
        ..Dataset::default()
    };
    let t = Instant::now();
    let mut s = Scoring::new(
        &ds,
        Profile::load("flex")
            .unwrap()
            .dated(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()),
    )
    .unwrap();
    put("score_s", phase(t));

    let t = Instant::now();
    s.set_weight("grid", 40.0).unwrap();
    s.rescore();
    put("rescore_s", phase(t));
    let t = Instant::now();
    let top = s.top(100);
    put("top100_s", phase(t));
    assert_eq!(top.len(), 100);

    let layer = ds.parcels.as_ref().unwrap();
    let t = Instant::now();
    let index = TileIndex::build(layer);
    put("tile_index_s", phase(t));
    put(
        "tile_index_mb",
        format!("{:.0}", index.heap_bytes() as f64 / 1e6),
    );
    // National zoom (z7: a tile ~300 km; the whole country in 2–4 tiles) and
    // the zoom of a province (z9).
    for z in [7u8, 9] {
        let t = Instant::now();
        let tiles = index.covering(z);
        let mut bytes = 0;
        let mut worst: f64 = 0.0;
        for &tile in &tiles {
            let one = Instant::now();
            bytes += site_tile(&index, layer, &s, tile).unwrap().len();
            worst = worst.max(one.elapsed().as_secs_f64());
        }
        put(&format!("tiles_z{z}_s"), phase(t));
        put(&format!("tiles_z{z}_n"), tiles.len().to_string());
        put(
            &format!("tiles_z{z}_kb"),
            format!("{:.0}", bytes as f64 / 1e3),
        );
        put(&format!("tiles_z{z}_worst_s"), format!("{worst:.3}"));
    }
    // Town zoom (z14): the 50 tiles round the best site, one by one as panning asks.
    {
        let best = top[0] as usize;
        let c = layer.geom.bbox(best).unwrap().center();
        let (lon, lat) = locatiescout_model::crs::rd_to_wgs84(c.x, c.y).unwrap();
        let (u, v) = locatiescout_model::crs::wgs84_to_mercator_unit(lon, lat);
        let n = f64::from(1u32 << 14);
        let (cx, cy) = ((u * n) as u32, (v * n) as u32);
        let mut times = Vec::new();
        for dy in 0..5u32 {
            for dx in 0..10u32 {
                let tile =
                    locatiescout_output::tiles::TileId::new(14, cx + dx - 5, cy + dy - 2).unwrap();
                let one = Instant::now();
                site_tile(&index, layer, &s, tile).unwrap();
                times.push(one.elapsed().as_secs_f64());
            }
        }
        times.sort_by(f64::total_cmp);
        put("tile_z14_p50_s", format!("{:.4}", times[times.len() / 2]));
        put("tile_z14_max_s", format!("{:.4}", times[times.len() - 1]));
    }
    drop(index);

    let t = Instant::now();
    let mut p = Project::create(proj).unwrap();
    p.save_layer(layer).unwrap();
    p.conn_checkpoint();
    drop(p);
    put("save_s", phase(t));
    put(
        "file_mb",
        format!("{:.0}", std::fs::metadata(proj).unwrap().len() as f64 / 1e6),
    );
    put(
        "rss_before_reopen_mb",
        format!("{:.0}", status_mb("VmHWM:")),
    );
    drop(s);
    drop(ds);

    let t = Instant::now();
    let p = Project::open(proj).unwrap();
    let layers = p.load_layers().unwrap();
    put("reopen_s", phase(t));
    let ds = Dataset {
        parcels: layers.into_iter().next(),
        ..Dataset::default()
    };
    let t = Instant::now();
    let s = Scoring::new(
        &ds,
        Profile::load("flex")
            .unwrap()
            .dated(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()),
    )
    .unwrap();
    put("score_after_reopen_s", phase(t));
    assert_eq!(s.len(), ds.parcels.as_ref().unwrap().len());
    put("rss_mb", format!("{:.0}", status_mb("VmHWM:")));
    let body: Vec<String> = out.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
    println!("{{\"tool\":\"locatiescout_scale\",{}}}", body.join(","));
}
