//! Map responsiveness in the real window (WebKitGTK under Xvfb, software GL),
//! not a pass/fail test: `bench/map.sh` runs it and writes the figures.
//!
//!     LOCATIESCOUT_SAMPLE=<dir with percelen.geojson> LOCATIESCOUT_APP=target/release/locatiescout-app \
//!       xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p locatiescout-e2e --test map_bench -- --ignored --nocapture
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
        let n = js(c, "const m = window.locatiescoutMap; return m && m.loaded() && m.getLayer('locaties') ? m.queryRenderedFeatures({ layers: ['locaties'] }).length : 0").await;
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
    let m = js(c, "const g = (n) => performance.getEntriesByName(n).map((e) => e.duration)[0]; return [g('open-rust'), g('open-shown')]").await;
    println!("BENCH map open: Rust import+score {:.0} ms, shown (layers fetched, parsed, handed to MapLibre, list) {:.0} ms", m[0].as_f64().unwrap_or(f64::NAN), m[1].as_f64().unwrap_or(f64::NAN));
    let ipc = c
        .execute_async(
            "const done = arguments[arguments.length - 1]; const t0 = performance.now(); \
             window.__TAURI_INTERNALS__.invoke('sites_geojson').then((b) => { const t1 = performance.now(); \
             const fc = JSON.parse(new TextDecoder().decode(b)); done([b.byteLength, t1 - t0, performance.now() - t1, fc.features.length]); });",
            vec![],
        )
        .await
        .unwrap();
    println!(
        "BENCH map source: {:.1} MB GeoJSON, Rust build + IPC {:.0} ms, decode + JSON.parse {:.0} ms, {} features",
        ipc[0].as_f64().unwrap_or(0.0) / 1e6,
        ipc[1].as_f64().unwrap_or(f64::NAN),
        ipc[2].as_f64().unwrap_or(f64::NAN),
        ipc[3]
    );
    js(c, "const m = window.locatiescoutMap; m.jumpTo({ center: m.getCenter(), zoom: m.getZoom() }); return true").await;
    animate(c, "pan (whole region in view)", "pan").await;
    animate(c, "zoom in 2 levels", "zoomIn").await;
    animate(c, "pan (zoomed in)", "panZoomed").await;
    animate(c, "zoom out 3 levels", "zoomOut").await;
    // A weight change: Rust rescores, the map repaints every site through feature-state.
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
            "BENCH map rescore weight {w}: Rust + feature-state for every site {ms:.0} ms, repainted {:.0} ms later",
            idle.as_f64().unwrap_or(f64::NAN)
        );
    }
}

#[tokio::test]
#[ignore = "benchmark; run by bench/map.sh"]
async fn map_responsiveness() {
    let started = Instant::now();
    // A fresh data folder, so the sample project is built from LOCATIESCOUT_SAMPLE.
    let data = std::env::temp_dir().join(format!("locatiescout-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let data_s = data.display().to_string();
    run_session(
        &[("LOCATIESCOUT_DATA_DIR", data_s.as_str())],
        move |c| async move { bench(&c, started).await },
    )
    .await;
    let _ = std::fs::remove_dir_all(&data);
}
