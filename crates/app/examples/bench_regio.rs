//! The regional roll-up of all 342 municipalities (issue: < 5 s, < 500 MB).
//! `generate DIR` writes one werkprogramma GeoPackage per CBS municipality (the
//! sample computed for real, 5–50 lines each, sites moved into the municipality;
//! `tests/it/regio_gen.rs`); `rollup DIR` — in a fresh process — reads and rolls
//! them up, then writes the PDF, XLSX and GeoPackage, and prints one JSON line
//! with the times and the peak memory. Run by `bench/regio.sh`.
//!
//!     cargo run --release -p locatiescout-application --example bench_regio -- generate /tmp/regio
//!     cargo run --release -p locatiescout-application --example bench_regio -- rollup /tmp/regio
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::PathBuf;
use std::time::Instant;

#[path = "../tests/it/regio_gen.rs"]
mod regio_gen;

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .unwrap_or(0.0)
        / 1024.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(what), Some(dir)) = (args.get(1), args.get(2)) else {
        eprintln!("gebruik: bench_regio generate|rollup MAP");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir);
    match what.as_str() {
        "generate" => {
            std::fs::create_dir_all(&dir).unwrap();
            let t = Instant::now();
            let sample = regio_gen::Sample::load();
            let register = locatiescout_application::regio::cbs_register().unwrap();
            let all: Vec<_> = register.iter().collect();
            let files = regio_gen::write_all(&sample, &all, &dir, regio_gen::day("2026-11-30"));
            println!(
                "{{\"generated\":{},\"seconds\":{:.1}}}",
                files.len(),
                t.elapsed().as_secs_f64()
            );
        }
        "rollup" => {
            let t = Instant::now();
            let r =
                locatiescout_application::regio::regio(std::slice::from_ref(&dir), &[]).unwrap();
            let rollup_s = t.elapsed().as_secs_f64();
            let rollup_mb = peak_rss_mb();
            let out = std::env::temp_dir().join(format!("bench-regio-{}", std::process::id()));
            std::fs::create_dir_all(&out).unwrap();
            let outs: Vec<PathBuf> = ["pdf", "xlsx", "gpkg"]
                .iter()
                .map(|e| out.join(format!("regio.{e}")))
                .collect();
            let t = Instant::now();
            locatiescout_application::regio::write_regio(
                &r,
                &[],
                &outs,
                regio_gen::day("2026-11-30"),
            )
            .unwrap();
            let write_s = t.elapsed().as_secs_f64();
            let _ = std::fs::remove_dir_all(&out);
            println!(
                "{{\"files\":{},\"municipalities\":{},\"sites\":{},\"notes\":{},\"rollup_s\":{rollup_s:.2},\"rollup_peak_mb\":{rollup_mb:.0},\"write_pdf_xlsx_gpkg_s\":{write_s:.2},\"peak_mb\":{:.0}}}",
                r.files_read,
                r.municipalities.len(),
                r.sites.len(),
                r.notes.len(),
                peak_rss_mb()
            );
        }
        _ => {
            eprintln!("gebruik: bench_regio generate|rollup MAP");
            std::process::exit(2);
        }
    }
}
