//! Issue 18, "keep it that way": a seeded mutation run over the real files. Each
//! mutant (byte flips, cuts, inserts, repeats, digits and quotes changed) is
//! read by the real binary with a deadline: no panic, no hang, and every refusal
//! in Dutch. A few hundred mutants run in the test command; set
//! `LOCATIESCOUT_MUTANTS=5000` (and `LOCATIESCOUT_MUTANT_SEED`) for more.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};

fn sources() -> Vec<(PathBuf, &'static str)> {
    let repo = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let shared = repo.join("../shared/data");
    vec![
        (repo.join("data/sample/rijksvastgoed.geojson"), "geojson"),
        (
            repo.join("data/sample/congestiegebieden.geojson"),
            "geojson",
        ),
        (repo.join("data/sample/natura2000.geojson"), "geojson"),
        (
            shared.join("parcels/derived_brk_dkk_v5_perceel_otterlo_rd.geojson"),
            "geojson",
        ),
        (
            shared.join("parcels/derived_brk_dkk_v5_perceel_otterlo_wgs84.geojson"),
            "geojson",
        ),
        (
            shared.join("bag/nlextract_bag2_doesburg_PND_sample_crs84.geojson"),
            "geojson",
        ),
        (
            shared.join("rijksvastgoed/derived_rvb_impactanalyse_gefilterde_data.csv"),
            "csv",
        ),
        (repo.join("data/sample/werkprogramma.toml"), "toml"),
    ]
}

/// One mutation of `b`, chosen by `rng`.
fn mutate(b: &[u8], rng: &mut rand::rngs::StdRng) -> Vec<u8> {
    let mut v = b.to_vec();
    if v.is_empty() {
        return v;
    }
    let at = rng.random_range(0..v.len());
    match rng.random_range(0..8) {
        0 => v[at] ^= 1 << rng.random_range(0..8),
        1 => v.truncate(at),
        2 => {
            let junk: Vec<u8> = (0..rng.random_range(1..16)).map(|_| rng.random()).collect();
            v.splice(at..at, junk);
        }
        3 => {
            let end = (at + rng.random_range(1..200)).min(v.len());
            let chunk = v[at..end].to_vec();
            v.splice(at..at, chunk);
        }
        4 => {
            let end = (at + rng.random_range(1..200)).min(v.len());
            v.drain(at..end);
        }
        5 => {
            // A digit elsewhere: coordinates and numbers go wild.
            if let Some(i) = (at..v.len()).find(|&i| v[i].is_ascii_digit()) {
                v[i] = b"0123456789-.eE"[rng.random_range(0..14)];
            }
        }
        6 => {
            if let Some(i) = (at..v.len()).find(|&i| v[i] == b'"' || v[i] == b',' || v[i] == b';') {
                v[i] = [b'"', b',', b';', b'{', b']'][rng.random_range(0..5)];
            }
        }
        _ => {
            let huge = b"1e309";
            v.splice(at..at, huge.iter().copied());
        }
    }
    v
}

#[test]
fn mutants_of_real_files_never_panic_hang_or_speak_english() {
    let n: usize = std::env::var("LOCATIESCOUT_MUTANTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(240);
    let seed: u64 = std::env::var("LOCATIESCOUT_MUTANT_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(17);
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let project = d.join("p.locatiescout");
    let o = Command::new(env!("CARGO_BIN_EXE_locatiescout"))
        .args(["project", "create", project.to_str().unwrap(), "--parcels"])
        .arg(Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/sample/percelen.geojson"
        )))
        .output()
        .unwrap();
    assert!(o.status.success());
    let files: Vec<(PathBuf, &str, Vec<u8>)> = sources()
        .into_iter()
        .filter(|(p, _)| p.exists())
        .map(|(p, k)| {
            let b = std::fs::read(&p).unwrap();
            (p, k, b)
        })
        .collect();
    let (mut refused, mut read, mut problems) = (0, 0, Vec::new());
    for m in 0..n {
        let (src, kind, bytes) = &files[m % files.len()];
        let mutant = mutate(bytes, &mut rng);
        let name = format!("m{m}.{kind}");
        let path = d.join(&name);
        std::fs::write(&path, &mutant).unwrap();
        let args: Vec<String> = match *kind {
            "toml" => vec![
                "werkprogramma".into(),
                project.display().to_string(),
                "--from".into(),
                name.clone(),
                "--out".into(),
                format!("m{m}.csv"),
            ],
            _ => vec![
                "inspect".into(),
                "--kind".into(),
                "aanbod".into(),
                name.clone(),
            ],
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_locatiescout"))
            .current_dir(d)
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let start = Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break Some(s);
            }
            if start.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                break None;
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let err = {
            use std::io::Read;
            let mut s = String::new();
            let _ = child.stderr.take().map(|mut e| e.read_to_string(&mut s));
            s
        };
        let label = format!("mutant {m} of {} (seed {seed})", src.display());
        match status {
            None => problems.push(format!("{label}: hangs")),
            Some(s) if s.code() == Some(101) || err.contains("panicked") => {
                problems.push(format!("{label}: panic: {err}"))
            }
            Some(s) if s.success() => read += 1,
            Some(_) => {
                refused += 1;
                if let Some(w) = crate::common::english_in(&err).first() {
                    problems.push(format!("{label}: English '{w}' in: {err}"));
                }
            }
        }
        let _ = std::fs::remove_file(&path);
    }
    eprintln!(
        "{n} mutants: {read} read, {refused} refused, {} problems",
        problems.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
