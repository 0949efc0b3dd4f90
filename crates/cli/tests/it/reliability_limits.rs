//! Issue 32 items 8 and 9: a stalled server ends `fetch` with a Dutch message
//! after one retry, and a werkprogramma of 100,000 lines is refused at once,
//! naming the limit, while one at the limit completes with totals that add up.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::engine::werkprogramma::{MAX_ENTRIES, MAX_FILE_BYTES};
use app::io::project::Project;

use crate::common::english_in;

use crate::common::{run_in as run, sample, stderr};

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
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
    let json_list = |n: usize| {
        let lines: Vec<String> = (0..n)
            .map(|i| format!(r#"{{"site_id":"{SITE}","homes":{},"period":0}}"#, 1 + i % 7))
            .collect();
        format!(
            r#"{{"gemeente":"Voorbeeldstad","periods":[{{"taakstelling_persons":10}}],"entries":[{}]}}"#,
            lines.join(",")
        )
    };
    let toml_list = |n: usize| {
        let lines: Vec<String> = (0..n)
            .map(|_| format!(r#"{{ site_id = "{SITE}", homes = 3, period = 0 }}"#))
            .collect();
        format!(
            "gemeente = \"Voorbeeldstad\"\nentries = [\n{}\n]\n[[periods]]\ntaakstelling_persons = 10\n",
            lines.join(",\n")
        )
    };
    let over = MAX_ENTRIES + 1;
    let cases = [
        (wp("tabellen.toml", werkprogramma_toml(100_000)), 100_000),
        (wp("lijst.toml", toml_list(100_000)), 100_000),
        (wp("lijst.json", json_list(100_000)), 100_000),
        (wp("een_te_veel.toml", werkprogramma_toml(over)), over),
        (wp("een_te_veel_lijst.toml", toml_list(over)), over),
        (wp("een_te_veel.json", json_list(over)), over),
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
        // A file larger than a werkprogramma can be is refused by its size, unread.
        if std::fs::metadata(d.join(&file)).unwrap().len() > MAX_FILE_BYTES {
            assert!(err.contains("hoogstens 3 MB"), "{file}: {err}");
        } else {
            assert!(
                err.contains(&format!("heeft {} regels", said(lines)))
                    && err.contains(&format!("hoogstens {} regels", said(MAX_ENTRIES))),
                "{file}: {err}"
            );
        }
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

/// The files in `dir`, by name, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// F7: a write that fails at its last step (the rename onto `x.csv/`, a name
/// with a folder's slash) leaves no temporary file behind, whatever the writer:
/// the scored export, the werkprogramma's staged outputs.
#[test]
fn f7_a_failed_write_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = d.join("uit");
    std::fs::create_dir(&out).unwrap();
    for target in ["x.csv/", "x.geojson/.", "x.csv//"] {
        let o = run(
            &out,
            &[
                "score",
                "--profile",
                "flex",
                "--parcels",
                &sample("percelen.geojson"),
                "--out",
                target,
            ],
        );
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(3), "{target}: {err}");
        assert!(listing(&out).is_empty(), "{target}: {:?}", listing(&out));
        assert!(english_in(&err).is_empty(), "{target}: {err}");
    }
    // The werkprogramma's outputs are all or nothing: the good one is not left
    // beside the bad one either.
    let project = sample_project(d);
    let o = run(
        &out,
        &[
            "werkprogramma",
            &project,
            "--from",
            &sample("werkprogramma.toml"),
            "--date",
            "2026-11-30",
            "--out",
            "goed.csv",
            "--out",
            "fout.csv/",
        ],
    );
    assert!(!o.status.success(), "{}", stderr(&o));
    assert!(listing(&out).is_empty(), "{:?}", listing(&out));
}

/// Runs `werkprogramma --from file` on `project`; asserts it was refused with
/// every one of `said`, in Dutch, and that nothing was written or stored.
fn refused_werkprogramma(d: &Path, project: &str, file: &str, said: &[&str]) {
    let out = d.join(format!("{file}.csv"));
    let t = Instant::now();
    let o = run(
        d,
        &[
            "werkprogramma",
            project,
            "--from",
            file,
            "--date",
            "2026-11-30",
            "--out",
            &out.display().to_string(),
        ],
    );
    let err = stderr(&o);
    assert!(!o.status.success(), "{file}: {err}");
    for s in said {
        assert!(err.contains(s), "{file}: {s:?} not in {err}");
    }
    assert!(err.contains("er is niets opgeslagen"), "{file}: {err}");
    assert!(english_in(&err).is_empty(), "{file}: {err}");
    assert!(!out.exists(), "{file}");
    // Refused before anything is computed (the counts were seconds and gigabytes).
    assert!(
        t.elapsed() < Duration::from_secs(20),
        "{file}: {:?}",
        t.elapsed()
    );
    let history = run(d, &["werkprogramma", project, "--history"]);
    assert!(
        stdout(&history).contains("geen eerdere versies"),
        "{file}: {}",
        stdout(&history)
    );
}

/// F8: the werkprogramma's other repeated parts have stated limits too — target
/// groups per line, periods, knelpunten added and struck out, support asked —
/// and a file larger than a werkprogramma can be is refused naming its size;
/// each before anything is computed, in Dutch, nothing stored.
#[test]
fn f8_every_repeated_part_of_a_werkprogramma_has_a_stated_limit() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let project = sample_project(d);
    let head = "gemeente = \"Voorbeeldstad\"\nfirst_year = 2026\nfirst_half = 2\n";
    let periods = "[[periods]]\ntaakstelling_persons = 160\n".repeat(3);
    let entry = format!(
        "[[entries]]\nsite_id = \"{SITE}\"\nhomes = 10\nperiod = 0\nshare_statushouders = 0.4\n"
    );
    let write = |name: &str, text: String| {
        std::fs::write(d.join(name), text).unwrap();
        name.to_string()
    };
    // One line with 21 target groups (TOML) and one with 100,000 (JSON).
    let groups = |n: usize| -> String {
        (0..n)
            .map(|i| format!("{{ group = \"groep {i}\", share = 0.0 }}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let f = write(
        "doelgroepen.toml",
        format!("{head}{periods}{entry}mix = [{}]\n", groups(21)),
    );
    refused_werkprogramma(
        d,
        &project,
        &f,
        &["21 doelgroepen", "hoogstens 20 doelgroepen per regel"],
    );
    let many: Vec<String> = (0..100_000)
        .map(|_| r#"{"group":"a","share":0}"#.to_string())
        .collect();
    let f = write(
        "doelgroepen.json",
        format!(
            r#"{{"gemeente":"Voorbeeldstad","periods":[{{"taakstelling_persons":10}}],"entries":[{{"site_id":"{SITE}","homes":1,"mix":[{}]}}]}}"#,
            many.join(",")
        ),
    );
    refused_werkprogramma(
        d,
        &project,
        &f,
        &["100.000 doelgroepen", "hoogstens 20 doelgroepen per regel"],
    );
    // 41 and 100,000 periods.
    for n in [41, 100_000] {
        let f = write(
            &format!("periodes{n}.toml"),
            format!("{head}{}{entry}", "[[periods]]\n".repeat(n)),
        );
        let said = format!("{} periodes", app::model::nl::nl_number(n as f64, 0));
        refused_werkprogramma(d, &project, &f, &[&said, "hoogstens 40 periodes"]);
    }
    // Knelpunten of a line's own and struck out, overall ones, support asked.
    let own = |n: usize| -> String {
        (0..n)
            .map(|i| format!("{{ category = \"locaties\", key = \"eigen\", derived = false, text = \"knelpunt {i}\" }}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let keys = |n: usize| -> String {
        (0..n)
            .map(|i| format!("\"sleutel{i}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let f = write(
        "eigen.toml",
        format!("{head}{periods}{entry}added = [{}]\n", own(11)),
    );
    refused_werkprogramma(
        d,
        &project,
        &f,
        &[
            "11 eigen knelpunten",
            "hoogstens 10 eigen knelpunten per regel",
        ],
    );
    let f = write(
        "weg.toml",
        format!("{head}{periods}{entry}dismissed = [{}]\n", keys(51)),
    );
    refused_werkprogramma(
        d,
        &project,
        &f,
        &[
            "51 weggestreepte knelpunten",
            "hoogstens 50 weggestreepte knelpunten per regel",
        ],
    );
    let f = write(
        "alles_eigen.toml",
        format!("{head}added = [{}]\n{periods}{entry}", own(101)),
    );
    refused_werkprogramma(
        d,
        &project,
        &f,
        &["101 eigen knelpunten", "hoogstens 100 eigen knelpunten"],
    );
    let f = write(
        "alles_weg.toml",
        format!("{head}dismissed = [{}]\n{periods}{entry}", keys(51)),
    );
    refused_werkprogramma(
        d,
        &project,
        &f,
        &[
            "51 weggestreepte knelpunten",
            "hoogstens 50 weggestreepte knelpunten",
        ],
    );
    let asks: String = (0..201)
        .map(|i| {
            format!("[[support_asks]]\nkey = \"k{i}\"\naddressee = \"rijk\"\nask = \"hulp\"\n")
        })
        .collect();
    let f = write("steun.toml", format!("{head}{periods}{entry}{asks}"));
    refused_werkprogramma(
        d,
        &project,
        &f,
        &["201 steunvragen", "hoogstens 200 steunvragen"],
    );
    // A file of 6 MB (a note of that length) is refused by its size, unread.
    let f = write(
        "groot.toml",
        format!("{head}{periods}{entry}note = \"{}\"\n", "x".repeat(6 << 20)),
    );
    refused_werkprogramma(d, &project, &f, &["6,0 MB", "hoogstens 3 MB"]);
}

/// Overwrites `len` bytes of `path` from `at` with fixed pseudo-random bytes.
fn scribble(path: &Path, at: u64, len: usize) {
    use std::io::{Seek, SeekFrom};
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let bytes: Vec<u8> = (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.seek(SeekFrom::Start(at)).unwrap();
    f.write_all(&bytes).unwrap();
}

/// F10: a damaged project is said in one Dutch sentence — damaged, and what to
/// do (a copy back, or the project made anew from the source files) — with
/// SQLite's or the reader's own words only in brackets after it, cut short;
/// not twelve lines of integrity-check output in English.
#[test]
fn f10_a_damaged_project_is_said_in_one_dutch_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = sample_project(d);
    let root_of = |p: &Path, table: &str| -> u64 {
        let c = rusqlite::Connection::open(p).unwrap();
        c.query_row(
            "SELECT rootpage FROM sqlite_master WHERE name = ?1",
            [table],
            |r| r.get::<_, i64>(0),
        )
        .unwrap() as u64
    };
    let copy = |name: &str| {
        let p = d.join(name);
        std::fs::copy(&good, &p).unwrap();
        p
    };
    let page = 65_536u64;
    let mut cases = Vec::new();
    // One 4 KB block of a b-tree page overwritten: the layers' columns and their index.
    for (name, table, offset) in [
        ("kolommen.locatiescout", "layer_columns", 0),
        ("kolommen2.locatiescout", "layer_columns", 4096),
        ("index.locatiescout", "sqlite_autoindex_layer_columns_1", 0),
        ("lagen.locatiescout", "layers", 0),
    ] {
        let p = copy(name);
        let root = root_of(&p, table);
        scribble(&p, (root - 1) * page + offset, 4096);
        cases.push(p);
    }
    // A layer's stored ids that are no text.
    let p = copy("ids.locatiescout");
    let c = rusqlite::Connection::open(&p).unwrap();
    c.execute(
        "UPDATE layer_columns SET data = X'FFFEFDFC' || substr(data, 5) WHERE name = 'ids'",
        [],
    )
    .unwrap();
    drop(c);
    cases.push(p);
    let mut refused = 0;
    for p in &cases {
        let o = run(d, &["project", "rank", &p.display().to_string()]);
        let err = stderr(&o);
        if o.status.success() {
            continue;
        }
        refused += 1;
        let said = err.trim_end();
        assert_eq!(said.lines().count(), 1, "{}: {said}", p.display());
        assert!(
            said.contains("beschadigd")
                && said.contains("reservekopie")
                && said.contains("opnieuw uit de bronbestanden"),
            "{}: {said}",
            p.display()
        );
        assert!(!said.contains("***"), "{}: {said}", p.display());
        assert!(english_in(said).is_empty(), "{}: {said}", p.display());
        // The system's words, if any, in one bracket at the end and cut short.
        if let Some(open) = said.find(" (") {
            let inside = &said[open + 2..said.len() - 1];
            assert!(said.ends_with(')'), "{}: {said}", p.display());
            assert!(inside.chars().count() <= 121, "{}: {said}", p.display());
        }
        assert!(said.chars().count() < 400, "{}: {said}", p.display());
    }
    assert!(refused >= 3, "{refused} of {} refused", cases.len());
}

/// F13a: an address that is no web address (`notaurl`, `ftp://x`) is refused at
/// once, before any request, in Dutch — for fetch and for geocode.
#[test]
fn f13a_a_base_url_that_is_no_web_address_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("adressen.csv"),
        "naam;adres;postcode;plaats\nA;Stationsplein 1;3511ED;Utrecht\n",
    )
    .unwrap();
    for base in ["notaurl", "ftp://x", "http://", "file:///etc"] {
        let t = Instant::now();
        let o = run(
            d,
            &[
                "fetch",
                "--gemeente",
                "GM0344",
                "--project",
                "p.locatiescout",
                "--base-url",
                base,
            ],
        );
        let err = stderr(&o);
        assert!(!o.status.success(), "{base}: {err}");
        assert!(
            err.contains(&format!(
                "'{base}' is geen geldig webadres; gebruik http:// of https://"
            )),
            "{base}: {err}"
        );
        assert!(!err.contains("pogingen"), "{base}: {err}");
        assert!(english_in(&err).is_empty(), "{base}: {err}");
        assert!(
            t.elapsed() < Duration::from_secs(5),
            "{base}: {:?}",
            t.elapsed()
        );
        assert!(!d.join("p.locatiescout").exists(), "{base}");
        let o = run(
            d,
            &[
                "geocode",
                "adressen.csv",
                "--out",
                "uit.csv",
                "--base-url",
                base,
            ],
        );
        let err = stderr(&o);
        assert!(!o.status.success(), "{base}: {err}");
        assert!(
            err.contains(&format!(
                "'{base}' is geen geldig webadres; gebruik http:// of https://"
            )),
            "{base}: {err}"
        );
        assert!(!d.join("uit.csv").exists(), "{base}");
    }
}

/// F13b: the geocode summary counts "1 rij" (not "1 rijen"), and a stalled
/// Locatieserver is not answered with "kies een kleiner gebied" (a lookup has
/// no area), while a stalled area fetch still is.
#[test]
fn f13b_geocode_says_one_row_and_no_area_for_a_stalled_lookup() {
    let server = httpmock::MockServer::start();
    server.mock(|when, then| {
        when.path("/free");
        then.status(200).body(
            r#"{"response":{"numFound":1,"start":0,"docs":[{"weergavenaam":"Stationsplein 1, 3511ED Utrecht","centroide_rd":"POINT(136013.585 455926.148)","type":"adres"}]}}"#,
        );
    });
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("een.csv"),
        "naam;adres;postcode;plaats\nA;Stationsplein 1;3511ED;Utrecht\n",
    )
    .unwrap();
    std::fs::write(d.join("twee.csv"), "naam;adres;postcode;plaats\nA;Stationsplein 1;3511ED;Utrecht\nB;Stationsplein 2;3511ED;Utrecht\n").unwrap();
    let base = server.base_url();
    let o = run(
        d,
        &[
            "geocode",
            "een.csv",
            "--out",
            "een-rd.csv",
            "--base-url",
            &base,
        ],
    );
    let out = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        out.contains(
            "een.csv: 1 rij, 0 met coördinaten, 1 adres gevonden (0 uit de cache, 1 verzoek)"
        ),
        "{out}"
    );
    let o = run(
        d,
        &[
            "geocode",
            "twee.csv",
            "--out",
            "twee-rd.csv",
            "--base-url",
            &base,
        ],
    );
    let out = stdout(&o);
    assert!(out.contains("twee.csv: 2 rijen, 0 met coördinaten, 2 adressen gevonden (0 uit de cache, 2 verzoeken)"), "{out}");

    // A Locatieserver that trickles: the lookup's deadline passes twice.
    let project = project_with_deadline(d);
    let (slow, _) = trickling("200 OK", Duration::from_secs(2));
    let o = run(
        d,
        &[
            "geocode",
            "een.csv",
            "--out",
            "traag.csv",
            "--project",
            &project,
            "--base-url",
            &slow,
        ],
    );
    let err = stderr(&o);
    assert!(!o.status.success(), "{err}");
    assert!(err.contains("Probeer het later opnieuw"), "{err}");
    assert!(!err.contains("gebied"), "{err}");
    // An area fetch from the same server still advises a smaller area.
    let o = run(
        d,
        &[
            "fetch",
            "--bbox",
            "120000,566000,121000,567000",
            "--what",
            "percelen",
            "--project",
            &project,
            "--base-url",
            &slow,
        ],
    );
    let err = stderr(&o);
    assert!(!o.status.success(), "{err}");
    assert!(err.contains("kies een kleiner gebied"), "{err}");
}
