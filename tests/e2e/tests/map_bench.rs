//! Map responsiveness in the real window (WebKitGTK under Xvfb, software GL),
//! not a pass/fail test: `bench/map.sh` runs it and writes the figures.
//!
//!     LOCATIESCOUT_SAMPLE=<dir with percelen.geojson> LOCATIESCOUT_APP=target/release/locatiescout-app \
//!       xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p locatiescout-e2e --test map_bench -- --ignored --nocapture
//!
//! With `LOCATIESCOUT_BENCH_PROJECT=<file.locatiescout>` that project opens instead.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout
)]

use std::time::{Duration, Instant};

use fantoccini::Client;
use locatiescout_e2e::{js, run_session, wait_for};
use serde_json::Value;

/// Frame intervals (ms) while MapLibre animates `call`, then the time until idle.
const ANIMATE: &str = r#"
const [call, done] = [arguments[0], arguments[arguments.length - 1]];
const m = window.locatiescoutMap;
const frames = [];
let last = performance.now();
let animating = true;
const tick = (t) => { frames.push(t - last); last = t; if (animating) requestAnimationFrame(tick); };
requestAnimationFrame(tick);
const t0 = performance.now();
m.once('moveend', () => {
  const moved = performance.now() - t0;
  animating = false;
  m.once('idle', () => {
    frames.sort((a, b) => a - b);
    const q = (p) => frames[Math.min(frames.length - 1, Math.floor(p * frames.length))];
    done({ frames: frames.length, moveMs: moved, idleMs: performance.now() - t0, p50: q(0.5), p95: q(0.95), max: frames[frames.length - 1] });
  });
  m.triggerRepaint();
});
// No eval under the app's CSP: the moves are named.
const moves = {
  pan: () => m.panBy([400, 0], { duration: 2000 }),
  zoomIn: () => m.zoomTo(m.getZoom() + 2, { duration: 2000 }),
  panZoomed: () => m.panBy([-600, 300], { duration: 2000 }),
  zoomOut: () => m.zoomTo(m.getZoom() - 3, { duration: 2000 }),
};
moves[call]();
"#;

async fn animate(c: &Client, what: &str, call: &str) {
    let v = c
        .execute_async(ANIMATE, vec![Value::String(call.into())])
        .await
        .unwrap();
    let f = |k: &str| v[k].as_f64().unwrap_or(f64::NAN);
    println!(
        "BENCH map {what}: {} frames in {:.0} ms animation, frame p50 {:.1} ms / p95 {:.1} ms / max {:.1} ms, idle after {:.0} ms",
        v["frames"], f("moveMs"), f("p50"), f("p95"), f("max"), f("idleMs")
    );
}

async fn bench(c: &Client, started: Instant) {
    let n = wait_for("rendered sites", Duration::from_secs(300), || async {
        // Polygons, or dots where the sites are under 4 px (a 1M region zoomed out).
        let n = js(c, "const m = window.locatiescoutMap; return m && m.loaded() && m.getLayer('locaties') ? m.queryRenderedFeatures({ layers: ['locaties', 'locaties-marker', 'locaties-punt'] }).length : 0").await;
        n.as_u64().filter(|n| *n > 0)
    })
    .await;
    let sites = js(
        c,
        "return Number(document.getElementById('status').textContent.replace(/\\D/g, ''))",
    )
    .await;
    println!(
        "BENCH map sites: {sites}; first rendered after {:.1} s from launch ({n} features drawn)",
        started.elapsed().as_secs_f64()
    );
    if let Some(shot) = std::env::var_os("LOCATIESCOUT_BENCH_SCREENSHOT") {
        std::fs::write(shot, c.screenshot().await.unwrap()).unwrap();
    }
    let m = js(c, "const g = (n) => performance.getEntriesByName(n).map((e) => e.duration)[0]; return [g('open-rust'), g('open-shown')]").await;
    println!("BENCH map open: Rust import+score {:.0} ms, shown (layers fetched, parsed, handed to MapLibre, list) {:.0} ms", m[0].as_f64().unwrap_or(f64::NAN), m[1].as_f64().unwrap_or(f64::NAN));
    // The sites come as vector tiles cut in Rust per request: how many tiles the
    // first view needed and their size (read back through the same protocol).
    let tiles = c
        .execute_async(
            "const done = arguments[arguments.length - 1]; const m = window.locatiescoutMap; \
             const tm = m.style.tileManagers.sites; const url = m.getSource('sites').tiles[0]; const t0 = performance.now(); \
             Promise.all(tm.getIds().map((k) => { const t = tm.getTileByID(k).tileID.canonical; \
               return fetch(url.replace('{z}', t.z).replace('{x}', t.x).replace('{y}', t.y)).then((r) => r.arrayBuffer()); })) \
             .then((bs) => done([bs.length, bs.reduce((a, b) => a + b.byteLength, 0), performance.now() - t0]));",
            vec![],
        )
        .await
        .unwrap_or(Value::Null);
    println!(
        "BENCH map tiles: {} tiles held, {:.2} MB, fetched again (from the Rust cache) in {:.0} ms",
        tiles[0],
        tiles[1].as_f64().unwrap_or(0.0) / 1e6,
        tiles[2].as_f64().unwrap_or(f64::NAN)
    );
    js(c, "const m = window.locatiescoutMap; m.jumpTo({ center: m.getCenter(), zoom: m.getZoom() }); return true").await;
    animate(c, "pan (whole region in view)", "pan").await;
    animate(c, "zoom in 2 levels", "zoomIn").await;
    animate(c, "pan (zoomed in)", "panZoomed").await;
    animate(c, "zoom out 3 levels", "zoomOut").await;
    // Town zoom: a 1.5 km tile per 512 px, parcels as polygons.
    js(
        c,
        "const m = window.locatiescoutMap; m.jumpTo({ zoom: 15 }); return true",
    )
    .await;
    animate(c, "pan at town zoom (z15)", "pan").await;
    js(
        c,
        "const m = window.locatiescoutMap; m.jumpTo({ zoom: 7.5 }); return true",
    )
    .await;
    animate(c, "pan at national zoom (z7.5)", "pan").await;
    // A weight change: Rust rescores, the map fetches the tiles in view anew.
    for w in [90, 10, 55] {
        js(c, &format!("const i = document.querySelector('#weights input[data-key=size]'); i.value = {w}; i.dispatchEvent(new Event('input', {{ bubbles: true }})); return true")).await;
        let ms = wait_for("a rescore", Duration::from_secs(60), || async {
            let v = js(c, "const e = performance.getEntriesByName('rescore'); const d = e.length ? e[e.length - 1].duration : null; performance.clearMeasures('rescore'); return d").await;
            v.as_f64()
        })
        .await;
        let idle = c
            .execute_async("const done = arguments[arguments.length - 1]; const m = window.locatiescoutMap; const t0 = performance.now(); m.once('idle', () => done(performance.now() - t0)); m.triggerRepaint();", vec![])
            .await
            .unwrap();
        println!(
            "BENCH map rescore weight {w}: Rust rescoring + new tile URL {ms:.0} ms, repainted (tiles cut and drawn) {:.0} ms later",
            idle.as_f64().unwrap_or(f64::NAN)
        );
    }
}

#[tokio::test]
#[ignore = "benchmark; run by bench/map.sh"]
async fn map_responsiveness() {
    let started = Instant::now();
    // A fresh data folder, so the sample project is built from LOCATIESCOUT_SAMPLE —
    // or, with LOCATIESCOUT_BENCH_PROJECT, that project opens as the last one used.
    let data = std::env::temp_dir().join(format!("locatiescout-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    if let Some(project) = std::env::var_os("LOCATIESCOUT_BENCH_PROJECT") {
        std::fs::create_dir_all(&data).unwrap();
        let path = std::fs::canonicalize(project).unwrap();
        std::fs::write(
            data.join("recent.json"),
            serde_json::to_vec(&[path]).unwrap(),
        )
        .unwrap();
    }
    let data_s = data.display().to_string();
    run_session(
        &[("LOCATIESCOUT_DATA_DIR", data_s.as_str())],
        move |c| async move { bench(&c, started).await },
    )
    .await;
    let _ = std::fs::remove_dir_all(&data);
}
