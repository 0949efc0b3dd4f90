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

/// Spreadsheet-made rows for the CSV mutation run: RD points, a quoted field
/// with the separator in it, an address.
fn listing_csv() -> Vec<u8> {
    let mut s = String::from("naam;x;y;adres;toelichting\n");
    for k in 0..120u32 {
        s.push_str(&format!(
            "Locatie {k};{};{};\"Dorpsstraat {k}; achterom\";vrij veld {k}\n",
            150_000 + 37 * k,
            460_000 + 53 * k
        ));
    }
    s.into_bytes()
}

/// One CSV mutation in the data rows (never the header): a control byte where
/// a line break was or anywhere, a stray quote, a separator more or less.
fn mutate_csv(b: &[u8], sep: u8, rng: &mut rand::rngs::StdRng) -> Vec<u8> {
    let mut v = b.to_vec();
    let start = v.iter().position(|&c| c == b'\n').map_or(0, |p| p + 1);
    if start >= v.len() {
        return v;
    }
    for _ in 0..rng.random_range(1..4) {
        let at = rng.random_range(start..v.len());
        let control = [1u8, 2, 3, 8, 11, 12, 13, 27, 31, 127][rng.random_range(0..10)];
        match rng.random_range(0..6) {
            0 => {
                if let Some(i) = (at..v.len()).find(|&i| v[i] == b'\n') {
                    v[i] = control;
                }
            }
            1 => v.insert(at, control),
            2 => v.insert(at, b'"'),
            3 => {
                if let Some(i) = (at..v.len()).find(|&i| v[i] == sep) {
                    v.insert(i + 1, b'"');
                }
            }
            4 => v.insert(at, sep),
            _ => {
                if let Some(i) = (at..v.len()).find(|&i| v[i] == sep) {
                    v.remove(i);
                }
            }
        }
    }
    v
}

/// The lines a report names as read as one row: "regels A tot en met B" adds B − A.
fn spanned(messages: &[serde_json::Value], key: &str) -> usize {
    messages
        .iter()
        .filter_map(|m| m[key].as_str())
        .filter_map(|m| {
            let (_, rest) = m.split_once("regels ")?;
            let mut n = rest
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|w| w.parse::<usize>().ok());
            Some(n.next()?..=n.next()?)
        })
        .map(|r| r.end() - r.start())
        .sum()
}

/// Issue 32: CSV rows with control bytes, stray quotes and a separator more or
/// less are never lost without a word. For every mutant that is read: rows read
/// = imported + skipped + to geocode, and the rows read plus the extra lines the
/// report names ("regels A tot en met B") are every non-empty line of the file.
#[test]
fn csv_mutants_lose_no_row_without_a_word() {
    let n: usize = std::env::var("LOCATIESCOUT_MUTANTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let seed: u64 = std::env::var("LOCATIESCOUT_MUTANT_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(32);
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let rvb = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../.."))
        .join("shared/data/rijksvastgoed/derived_rvb_impactanalyse_gefilterde_data.csv");
    // The same rows as Excel on Windows writes them (CRLF): line numbers and
    // a lone CR must come out the same.
    let crlf = String::from_utf8(listing_csv())
        .unwrap()
        .replace('\n', "\r\n")
        .into_bytes();
    let mut sources = vec![
        ("aanbod.csv", listing_csv(), b';'),
        ("aanbod-crlf.csv", crlf, b';'),
    ];
    if let Ok(b) = std::fs::read(&rvb) {
        sources.push(("rvb.csv", b, b','));
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (mut read, mut problems) = (0, Vec::new());
    for m in 0..n {
        let (src, bytes, sep) = &sources[m % sources.len()];
        let mutant = mutate_csv(bytes, *sep, &mut rng);
        let name = format!("m{m}.csv");
        std::fs::write(d.join(&name), &mutant).unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_locatiescout"))
            .current_dir(d)
            .args(["inspect", "--kind", "aanbod", "--json", &name])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        let label = format!("mutant {m} of {src} (seed {seed})");
        if !o.status.success() {
            if o.status.code() == Some(101) || err.contains("panicked") {
                problems.push(format!("{label}: panic: {err}"));
            } else if let Some(w) = crate::common::english_in(&err).first() {
                problems.push(format!("{label}: English '{w}' in: {err}"));
            }
            continue;
        }
        read += 1;
        let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let count = |k: &str| r[k].as_u64().unwrap() as usize;
        let list = |k: &str| r[k].as_array().cloned().unwrap_or_default();
        let (rows, imported, skipped) = (
            count("features_read"),
            count("imported"),
            count("skipped_count"),
        );
        let geocode = list("needs_geocoding").len();
        if rows != imported + skipped + geocode {
            problems.push(format!(
                "{label}: {rows} read ≠ {imported} imported + {skipped} skipped + {geocode} to geocode"
            ));
        }
        let text = String::from_utf8_lossy(&mutant);
        let lines = text
            .split('\n')
            .skip(1)
            .filter(|l| !l.trim_end_matches('\r').is_empty())
            .count();
        let extra = spanned(&list("skipped"), "reason") + spanned(&list("warnings"), "message");
        if rows + extra != lines {
            problems.push(format!(
                "{label}: {rows} rows read + {extra} lines named as part of a row ≠ {lines} lines in the file"
            ));
        }
    }
    eprintln!("{n} CSV mutants: {read} read, {} problems", problems.len());
    assert!(read > n / 2, "most CSV mutants are read, not refused");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
