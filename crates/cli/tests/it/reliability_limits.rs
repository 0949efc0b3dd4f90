//! Issue 32 items 8 and 9: a stalled server ends `fetch` with a Dutch message
//! after one retry, and a werkprogramma of 100,000 lines is refused at once,
//! naming the limit, while one at the limit completes with totals that add up.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::engine::werkprogramma::MAX_ENTRIES;
use app::io::project::Project;

use crate::common::english_in;

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_locatiescout"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn sample(f: &str) -> String {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("data/sample")
        .join(f)
        .display()
        .to_string()
}

const ONE_PARCEL: &str = r#"{"type":"FeatureCollection","links":[],"features":[{"type":"Feature","properties":{"identificatie_lokaal_id":"1","kadastrale_grootte_waarde":100},"geometry":{"type":"Polygon","coordinates":[[[120000,566000],[120010,566000],[120010,566010],[120000,566010],[120000,566000]]]}}]}"#;

/// A server on loopback that answers every request with `status` and a body
/// trickling one byte per `gap`; it counts the connections.
fn trickling(status: &'static str, gap: Duration) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let counted = hits.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            counted.fetch_add(1, Ordering::SeqCst);
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                let _ = stream.read(&mut buf);
                let head = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: application/geo+json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    ONE_PARCEL.len()
                );
                let _ = stream.write_all(head.as_bytes());
                for b in ONE_PARCEL.bytes() {
                    if stream.write_all(&[b]).is_err() {
                        return;
                    }
                    if !gap.is_zero() {
                        std::thread::sleep(gap);
                    }
                }
            });
        }
    });
    (base, hits)
}

/// A project whose fetch settings have a per-request deadline of 1 s (PDOK's
/// default is 50 s) and almost no backoff; every other limit is PDOK's.
fn project_with_deadline(dir: &Path) -> String {
    let path = dir.join("p.locatiescout");
    let p = Project::create(&path).unwrap();
    p.set_setting("fetch_settings", r#"{"timeout_s": 1.0, "backoff_ms": 10}"#)
        .unwrap();
    drop(p);
    path.display().to_string()
}

/// Item 8: a server that trickles a byte every 2 s is asked twice (the first
/// attempt and one retry, not five), and the fetch ends with a Dutch message
/// that says what happened and what to do.
#[test]
fn item8_a_trickling_server_is_retried_once_and_the_fetch_ends_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let project = project_with_deadline(dir.path());
    let (base, hits) = trickling("200 OK", Duration::from_secs(2));
    let t = Instant::now();
    let o = run(
        dir.path(),
        &[
            "fetch",
            "--bbox",
            "120000,566000,121000,567000",
            "--what",
            "percelen",
            "--project",
            &project,
            "--base-url",
            &base,
        ],
    );
    let took = t.elapsed();
    let err = stderr(&o);
    assert!(!o.status.success(), "{err}");
    assert_eq!(hits.load(Ordering::SeqCst), 2, "{err}");
    // Two attempts of about 2 s (the deadline is checked as the bytes arrive).
    assert!(took < Duration::from_secs(20), "{took:?}: {err}");
    assert!(
        err.contains("antwoordde niet volledig binnen 1 s")
            && err.contains("ook niet na 2 pogingen")
            && err.contains("Probeer het later opnieuw"),
        "{err}"
    );
    assert!(english_in(&err).is_empty(), "{:?}: {err}", english_in(&err));
    // Nothing stored in the project.
    let p = Project::open(Path::new(&project)).unwrap();
    assert!(p.load_layers().unwrap().is_empty());
}

/// Item 8, the other side: a server error keeps its retries (4 by default:
/// five requests), only a deadline that passed is retried once.
#[test]
fn item8_a_server_error_keeps_its_retries() {
    let dir = tempfile::tempdir().unwrap();
    let project = project_with_deadline(dir.path());
    let (base, hits) = trickling("503 Service Unavailable", Duration::ZERO);
    let o = run(
        dir.path(),
        &[
            "fetch",
            "--bbox",
            "120000,566000,121000,567000",
            "--what",
            "percelen",
            "--project",
            &project,
            "--base-url",
            &base,
        ],
    );
    let err = stderr(&o);
    assert!(!o.status.success(), "{err}");
    assert_eq!(hits.load(Ordering::SeqCst), 5, "{err}");
    assert!(
        err.contains("foutcode 503") && err.contains("5 pogingen"),
        "{err}"
    );
}

const SITE: &str = "NL.IMKAD.KadastraalObject.VBS00A000010000";

/// A werkprogramma (TOML) of `lines` lines on one site of the sample region,
/// each with 1–7 homes and a knelpunt of its own.
fn werkprogramma_toml(lines: usize) -> String {
    let mut t = String::from(
        "gemeente = \"Voorbeeldstad\"\nfirst_year = 2026\nfirst_half = 2\n\n\
         [[periods]]\ntaakstelling_persons = 160\n[[periods]]\ntaakstelling_persons = 150\n\
         [[periods]]\ntaakstelling_persons = 140\n\n",
    );
    for i in 0..lines {
        t.push_str(&format!(
            "[[entries]]\nsite_id = \"{SITE}\"\nhomes = {}\nperiod = {}\nshare_statushouders = 0.4\n\
             added = [{{ category = \"locaties\", key = \"eigen\", derived = false, text = \"knelpunt van regel {}\" }}]\n\n",
            1 + i % 7,
            i % 3,
            i + 1
        ));
    }
    t
}

/// A project of the sample region.
fn sample_project(dir: &Path) -> String {
    let project = dir.join("v.locatiescout").display().to_string();
    let o = run(
        dir,
        &[
            "project",
            "create",
            &project,
            "--parcels",
            &sample("percelen.geojson"),
            "--buildings",
            &sample("panden.geojson"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    project
}

/// "1.234" → 1234.
fn nl_whole(s: &str) -> f64 {
    s.replace('.', "").parse().unwrap()
}

/// Item 9: a werkprogramma of 100,000 lines (TOML tables, a TOML array, JSON),
/// and one line over the limit, are refused before anything is computed, in
/// Dutch and naming the limit; nothing is stored or written.
#[test]
fn item9_a_werkprogramma_over_the_limit_is_refused_at_once_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let project = sample_project(d);
    let wp = |name: &str, text: String| {
        std::fs::write(d.join(name), text).unwrap();
        name.to_string()
    };
    let json_lines: Vec<String> = (0..100_000)
        .map(|i| format!(r#"{{"site_id":"{SITE}","homes":{},"period":0}}"#, 1 + i % 7))
        .collect();
    let array_lines: Vec<String> = (0..100_000)
        .map(|_| format!(r#"{{ site_id = "{SITE}", homes = 3, period = 0 }}"#))
        .collect();
    let cases = [
        (wp("tabellen.toml", werkprogramma_toml(100_000)), 100_000),
        (
            wp(
                "lijst.toml",
                format!(
                    "gemeente = \"Voorbeeldstad\"\nentries = [\n{}\n]\n[[periods]]\ntaakstelling_persons = 10\n",
                    array_lines.join(",\n")
                ),
            ),
            100_000,
        ),
        (
            wp(
                "lijst.json",
                format!(
                    r#"{{"gemeente":"Voorbeeldstad","periods":[{{"taakstelling_persons":10}}],"entries":[{}]}}"#,
                    json_lines.join(",")
                ),
            ),
            100_000,
        ),
        (
            wp("een_te_veel.toml", werkprogramma_toml(MAX_ENTRIES + 1)),
            MAX_ENTRIES + 1,
        ),
    ];
    for (file, lines) in cases {
        let out = d.join(format!("{file}.csv"));
        let o = run(
            d,
            &[
                "werkprogramma",
                &project,
                "--from",
                &file,
                "--date",
                "2026-11-30",
                "--out",
                &out.display().to_string(),
            ],
        );
        let err = stderr(&o);
        assert!(!o.status.success(), "{file}: {err}");
        let said = |n: usize| app::model::nl::nl_number(n as f64, 0);
        assert!(
            err.contains(&format!("heeft {} regels", said(lines)))
                && err.contains(&format!("hoogstens {} regels", said(MAX_ENTRIES))),
            "{file}: {err}"
        );
        assert!(english_in(&err).is_empty(), "{file}: {err}");
        assert!(!out.exists(), "{file}");
        let history = run(d, &["werkprogramma", &project, "--history"]);
        assert!(
            stdout(&history).contains("geen eerdere versies"),
            "{file}: {}",
            stdout(&history)
        );
    }
}

/// Item 9: a werkprogramma at the limit, every line on one site with a
/// knelpunt of its own, completes, and its rows add up to the totals printed.
#[test]
fn item9_a_werkprogramma_at_the_limit_completes_and_adds_up() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let project = sample_project(d);
    std::fs::write(d.join("wp.toml"), werkprogramma_toml(MAX_ENTRIES)).unwrap();
    let out = d.join("wp.csv");
    let o = run(
        d,
        &[
            "werkprogramma",
            &project,
            "--from",
            "wp.toml",
            "--date",
            "2026-11-30",
            "--out",
            &out.display().to_string(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let homes: f64 = (0..MAX_ENTRIES).map(|i| (1 + i % 7) as f64).sum();
    let summary = text.lines().next().unwrap();
    let planned = summary
        .split(", ")
        .nth(1)
        .and_then(|part| part.split(' ').next())
        .map(nl_whole)
        .unwrap();
    assert!(
        summary.starts_with(&format!(
            "Voorbeeldstad: {} regels",
            app::model::nl::nl_number(MAX_ENTRIES as f64, 0)
        )),
        "{summary}"
    );
    assert_eq!(planned, homes, "{summary}");
    // The periods' planned persons add up to the rows' persons.
    let per_period: f64 = text
        .lines()
        .filter_map(|l| l.split("statushouders gepland ").nth(1))
        .map(|rest| nl_whole(rest.split(',').next().unwrap()))
        .sum();
    let csv = std::fs::read_to_string(&out).unwrap();
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(';').collect())
        .collect();
    assert_eq!(rows.len(), MAX_ENTRIES);
    let column = |k: usize| rows.iter().map(|r| nl_whole(r[k])).sum::<f64>();
    assert_eq!(column(3), homes);
    assert_eq!(column(8), per_period);
    // Statushouders' homes rounded once over all lines: 40 % of all homes.
    assert_eq!(column(7), (homes * 0.4).round());
}
