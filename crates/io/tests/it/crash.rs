//! Nothing lost: a writer process is killed (SIGKILL) at random moments while it
//! imports layers and writes flags, 50 times. Every flag whose write had returned
//! (and was reported on stdout) must still be there, and the file must open and
//! pass `PRAGMA integrity_check` every time.
//!
//! The writer is this test binary itself, re-run with `LOCATIESCOUT_CRASH_WRITER` set.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout
)]

use crate::common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use locatiescout_io::import::LayerKind;
use locatiescout_io::project::{FlagStatus, NewFlag, Project};
use rand::{Rng, SeedableRng};

const ENV: &str = "LOCATIESCOUT_CRASH_WRITER";

/// The child: loops forever (until killed) alternating layer imports and flag writes.
#[test]
#[ignore = "run by killing_the_writer_loses_nothing"]
fn crash_writer() {
    let Some(path) = std::env::var_os(ENV) else {
        return;
    };
    let path = Path::new(&path);
    let mut p = Project::open(path).unwrap();
    let parcels = common::import(
        Path::new(concat!(
            concat!(env!("CARGO_MANIFEST_DIR"), "/../.."),
            "/data/sample/percelen.geojson"
        )),
        LayerKind::Parcels,
    )
    .unwrap();
    let listings = common::import(
        Path::new(concat!(
            concat!(env!("CARGO_MANIFEST_DIR"), "/../.."),
            "/data/sample/rijksvastgoed.geojson"
        )),
        LayerKind::Listings,
    )
    .unwrap();
    let out = std::io::stdout();
    let pid = std::process::id();
    for k in 0u64.. {
        match k % 3 {
            0 => p.save_layer(&parcels).unwrap(),
            1 => p.save_layer(&listings).unwrap(),
            _ => {
                let site = format!("SITE-{pid}-{k}");
                let flags = p
                    .add_flags(vec![NewFlag {
                        site_id: site,
                        site_kind: LayerKind::Parcels,
                        status: FlagStatus::ALL[(k % 5) as usize],
                        note: format!("schrijver {pid}, stap {k}"),
                        author: Some("test".into()),
                        at: None,
                    }])
                    .unwrap();
                // Only now has the write returned: acknowledge it.
                let mut o = out.lock();
                writeln!(o, "FLAG {}", flags[0].site_id).unwrap();
                o.flush().unwrap();
            }
        }
    }
}

#[test]
fn killing_the_writer_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.locatiescout");
    drop(Project::create(&path).unwrap());
    let me = std::env::current_exe().unwrap();
    let mut rng = rand::rngs::StdRng::seed_from_u64(20261121);
    let mut acknowledged: HashSet<String> = HashSet::new();
    for round in 0..50 {
        let mut child = Command::new(&me)
            .args([
                "--ignored",
                "--exact",
                "crash::crash_writer",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|l| l.strip_prefix("FLAG ").map(str::to_string))
                .collect::<Vec<_>>()
        });
        // Kill at a random moment: mostly mid-write, sometimes while still starting.
        let delay = Duration::from_millis(rng.random_range(50..600));
        let started = Instant::now();
        while started.elapsed() < delay {
            std::thread::sleep(Duration::from_millis(5));
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        acknowledged.extend(reader.join().unwrap());

        let p = Project::open(&path).unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert_eq!(p.integrity_check().unwrap(), "ok", "round {round}");
        let present: HashSet<String> = p
            .current_flags()
            .unwrap()
            .into_iter()
            .map(|f| f.site_id)
            .collect();
        let lost: Vec<_> = acknowledged.difference(&present).collect();
        assert!(
            lost.is_empty(),
            "round {round}: acknowledged flags lost: {lost:?}"
        );
        p.load_layers()
            .unwrap_or_else(|e| panic!("round {round}: layers: {e}"));
    }
    assert!(
        acknowledged.len() > 20,
        "the writer hardly wrote: {} flags",
        acknowledged.len()
    );
    println!(
        "{} acknowledged flags survived 50 kills",
        acknowledged.len()
    );
}
