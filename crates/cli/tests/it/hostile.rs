//! Issue 18: the failures of the independent hostile-input run, each a test
//! that failed before the fix. Never hang, never lose what the user had, always
//! a clear Dutch message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_locatiescout"))
        .current_dir(dir)
        .env("USER", "planner")
        .args(args)
        .output()
        .unwrap()
}

fn sample(f: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("data/sample")
        .join(f)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A project of the sample parcels with one flag and a werkprogramma of one site.
fn project(dir: &Path) -> PathBuf {
    let p = dir.join("p.locatiescout");
    let o = run(
        dir,
        &[
            "project",
            "create",
            p.to_str().unwrap(),
            "--parcels",
            sample("percelen.geojson").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(
        dir,
        &[
            "flag",
            p.to_str().unwrap(),
            "--site",
            "NL.IMKAD.KadastraalObject.VBS00A000010000",
            "--status",
            "kansrijk",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::write(
        dir.join("wp.toml"),
        "gemeente = \"Voorbeeldstad\"\n[[entries]]\nsite_id = \"NL.IMKAD.KadastraalObject.VBS00A000010000\"\nhomes = 10\n",
    )
    .unwrap();
    let o = run(
        dir,
        &[
            "werkprogramma",
            p.to_str().unwrap(),
            "--from",
            "wp.toml",
            "--out",
            "wp.csv",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    p
}

/// Item 7: an output equal to an input is refused and the input is untouched.
#[test]
fn item7_an_output_that_is_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = project(d);
    let before = std::fs::read(&p).unwrap();
    let ps = p.to_str().unwrap();
    // The project itself, by another spelling, and through a symbolic link.
    std::os::unix::fs::symlink(&p, d.join("link.csv")).unwrap();
    for out in [ps, "./p.locatiescout", "link.csv"] {
        let o = run(d, &["werkprogramma", ps, "--out", out]);
        assert!(!o.status.success(), "werkprogramma --out {out}");
        assert!(
            stderr(&o).contains("dat is het project zelf"),
            "{}",
            stderr(&o)
        );
        let o = run(d, &["flags", "export", ps, out]);
        assert!(!o.status.success(), "flags export {out}");
        assert!(stderr(&o).contains("het project zelf"), "{}", stderr(&o));
    }
    // The werkprogramma file read with --from.
    let o = run(
        d,
        &["werkprogramma", ps, "--from", "wp.toml", "--out", "wp.toml"],
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("dat is het werkprogramma dat wordt ingelezen zelf"));
    // score --out onto the parcels it reads.
    let parcels = d.join("percelen.geojson");
    std::fs::copy(sample("percelen.geojson"), &parcels).unwrap();
    let parcels_before = std::fs::read(&parcels).unwrap();
    let o = run(
        d,
        &[
            "score",
            "--profile",
            "flex",
            "--parcels",
            "percelen.geojson",
            "--out",
            parcels.to_str().unwrap(),
        ],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("dat is de percelen zelf"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&parcels).unwrap(), parcels_before);
    // Nothing changed: the project still opens with its flag and werkprogramma.
    assert_eq!(std::fs::read(&p).unwrap(), before);
    let o = run(d, &["flags", "export", ps, "vlaggen.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(d.join("vlaggen.csv"))
        .unwrap()
        .contains("VBS00A000010000"));
}

/// Item 15: no CSV this program writes runs a formula in a spreadsheet.
#[test]
fn item15_csv_cells_never_run_as_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = project(d);
    let ps = p.to_str().unwrap();
    let o = run(
        d,
        &[
            "flag",
            ps,
            "--site",
            "NL.IMKAD.KadastraalObject.VBS00A000120000",
            "--status",
            "in onderzoek",
            "--note",
            "=HYPERLINK(\"http://evil\";\"klik\")",
            "--author",
            "@SUM(1+1)",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(d, &["flags", "export", ps, "vlaggen.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let flags = std::fs::read_to_string(d.join("vlaggen.csv")).unwrap();
    assert!(flags.contains("\"'=HYPERLINK("), "{flags}");
    assert!(flags.contains(";'@SUM(1+1);"), "{flags}");
    // An input id that looks like a formula, through score --out.
    let gj = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"identificatie":"=1+2","eigenaar_type":"gemeente"},"geometry":{"type":"Polygon","coordinates":[[[155000,463000],[155100,463000],[155100,463100],[155000,463100],[155000,463000]]]}}]}"#;
    std::fs::write(d.join("evil.geojson"), gj).unwrap();
    let o = run(
        d,
        &[
            "score",
            "--profile",
            "flex",
            "--parcels",
            "evil.geojson",
            "--out",
            "rang.csv",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let rank = std::fs::read_to_string(d.join("rang.csv")).unwrap();
    assert!(rank.contains("'=1+2"), "{rank}");
    assert!(
        !rank
            .lines()
            .any(|l| l.starts_with("=1+2") || l.contains(";=1+2")),
        "{rank}"
    );
    // The werkprogramma CSV with a note that is a formula.
    std::fs::write(
        d.join("wp2.toml"),
        "[[entries]]\nsite_id = \"NL.IMKAD.KadastraalObject.VBS00A000010000\"\nhomes = 10\nnote = \"-2+3+cmd|' /C calc'!A0\"\n",
    )
    .unwrap();
    let o = run(
        d,
        &["werkprogramma", ps, "--from", "wp2.toml", "--out", "wp.csv"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let wp = std::fs::read_to_string(d.join("wp.csv")).unwrap();
    assert!(wp.contains("'-2+3+cmd"), "{wp}");
}

/// Item 8: a flag from the future is refused, and one already stored cannot pin a site.
#[test]
fn item8_a_flag_from_the_future_does_not_pin_a_site() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = project(d);
    let ps = p.to_str().unwrap();
    let site = "NL.IMKAD.KadastraalObject.VBS00A000120000";
    std::fs::write(
        d.join("in.csv"),
        format!(
            "site_id;status;toelichting;auteur;tijdstip\n{site};Niet geschikt;vast;x;9999-12-31T00:00:00Z\n{site};In onderzoek;;y;2026-01-01T00:00:00Z\n"
        ),
    )
    .unwrap();
    let o = run(d, &["flags", "import", ps, "in.csv"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains(
            "regel 2: tijdstip '9999-12-31T00:00:00Z' ligt meer dan een dag in de toekomst"
        ),
        "{}",
        stderr(&o)
    );
    // A future event already in a project (written before the check) ranks as oldest.
    let conn = rusqlite::Connection::open(&p).unwrap();
    conn.execute(
        "INSERT INTO flag_events (site_id, site_kind, status, note, author, at, origin)
         VALUES (?1, 'parcels', 'niet_geschikt', 'vast', 'x', '9999-12-31T00:00:00.000Z', 'import:oud')",
        [site],
    )
    .unwrap();
    drop(conn);
    let o = run(d, &["flag", ps, "--site", site, "--status", "kansrijk"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(d, &["project", "show", ps]);
    let out = String::from_utf8_lossy(&o.stdout);
    let line = out
        .lines()
        .find(|l| l.contains("VBS00A000120000"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.contains("Kansrijk"), "{out}");
}

/// Runs with a deadline: a hang is a failure, not a stuck test run.
fn run_within(dir: &Path, args: &[&str], secs: u64) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_locatiescout"))
        .current_dir(dir)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed().as_secs() >= secs {
            let _ = child.kill();
            panic!("locatiescout {args:?} hangs (> {secs} s)");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Item 4: a pipe with no writer, or a /proc file, is refused at once with a Dutch message.
#[test]
fn item4_pipes_and_proc_files_are_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = project(d);
    let ps = p.to_str().unwrap();
    let fifo = d.join("pijp.geojson");
    let ok = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(ok.success());
    let f = fifo.to_str().unwrap();
    let fifo_toml = d.join("pijp.toml");
    assert!(Command::new("mkfifo")
        .arg(&fifo_toml)
        .status()
        .unwrap()
        .success());
    let t = fifo_toml.to_str().unwrap();
    for args in [
        vec!["score", "--profile", "flex", "--parcels", f],
        vec!["inspect", f],
        vec!["werkprogramma", ps, "--from", t, "--out", "wp.csv"],
        vec!["flags", "import", ps, f],
        vec!["project", "show", f],
        vec![
            "score",
            "--profile",
            t,
            "--parcels",
            sample("percelen.geojson").to_str().unwrap(),
        ],
        vec![
            "score",
            "--profile",
            "flex",
            "--fieldmap",
            t,
            "--parcels",
            sample("percelen.geojson").to_str().unwrap(),
        ],
    ] {
        let o = run_within(d, &args, 20);
        assert!(!o.status.success(), "{args:?}");
        assert!(
            stderr(&o).contains("geen gewoon bestand"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    let o = run_within(
        d,
        &[
            "score",
            "--profile",
            "flex",
            "--parcels",
            "/proc/self/status",
        ],
        20,
    );
    assert!(
        stderr(&o).contains("systeembestand zonder vaste grootte"),
        "{}",
        stderr(&o)
    );
}

/// Item 5: a --from file that is not a werkprogramma never wipes the stored one,
/// an unknown key is named, and every replaced version can be put back.
#[test]
fn item5_a_wrong_from_file_never_wipes_the_werkprogramma() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = project(d);
    let ps = p.to_str().unwrap();
    for (name, text, says) in [
        ("leeg.json", "{}", "de sleutel 'entries'"),
        (
            "lijst.json",
            "[]",
            "verwacht een object met 'entries', kreeg een lijst",
        ),
        (
            "kaart.json",
            r#"{"type":"FeatureCollection","features":[]}"#,
            "onbekende sleutel 'type'",
        ),
        (
            "typo.toml",
            "gemeente = \"X\"\nentires = []\n",
            "onbekende sleutel 'entires'",
        ),
        (
            "oud.toml",
            "household_size = 2.0\nentries = []\n",
            "persons_per_unit",
        ),
        (
            "kapot.json",
            "{\"entries\": [",
            "regel 1, kolom 13: het bestand houdt op",
        ),
    ] {
        std::fs::write(d.join(name), text).unwrap();
        let o = run(d, &["werkprogramma", ps, "--from", name, "--out", "x.csv"]);
        assert!(!o.status.success(), "{name}");
        assert!(stderr(&o).contains(says), "{name}: {}", stderr(&o));
    }
    // The stored werkprogramma is still the one with its site.
    let o = run(d, &["werkprogramma", ps, "--out", "wp.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("1 regel,"));
    // A valid but different file replaces it; the old one is in the history and comes back.
    std::fs::write(
        d.join("ander.toml"),
        "gemeente = \"Anders\"\nentries = []\n",
    )
    .unwrap();
    let o = run(
        d,
        &[
            "werkprogramma",
            ps,
            "--from",
            "ander.toml",
            "--out",
            "wp.csv",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(d, &["werkprogramma", ps, "--history"]);
    let hist = String::from_utf8_lossy(&o.stdout).into_owned();
    let line = hist
        .lines()
        .find(|l| l.ends_with("Voorbeeldstad"))
        .unwrap_or_else(|| panic!("{hist}"));
    let id = line.split_whitespace().next().unwrap();
    let o = run(d, &["werkprogramma", ps, "--restore", id]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(d, &["werkprogramma", ps, "--out", "wp.csv"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("Voorbeeldstad: 1 regel,"), "{out}");
}

/// Item 6: an unbalanced quote in a CSV never makes rows vanish without a word.
#[test]
fn item6_an_unclosed_quote_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("q.csv"),
        "id;x;y;naam\n1;155000;463000;a\n2;155010;463000;\"b\n3;155020;463000;c\n4;155030;463000;d\n5;155040;463000;e\n",
    )
    .unwrap();
    let o = run(d, &["inspect", "q.csv"]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned() + &stderr(&o);
    assert!(
        out.contains("regel 3: een aanhalingsteken wordt niet gesloten (tot het einde van het bestand): de regels 3 tot en met 6"),
        "{out}"
    );
    assert!(!out.contains("Problemen: geen"), "{out}");
    // A note with a line break in quotes is still one ordinary field.
    std::fs::write(
        d.join("ok.csv"),
        "id;x;y;naam\n1;155000;463000;\"twee\nregels\"\n2;155010;463000;b\n",
    )
    .unwrap();
    let o = run(d, &["inspect", "ok.csv"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("2 rijen, 2 ingelezen"), "{out}");
    assert!(!out.contains("Overgeslagen"), "{out}");
    // Its two lines are named, so that rows and lines can always be reconciled.
    assert!(
        out.contains("regel 2 (1): de regels 2 tot en met 3 zijn als één rij gelezen"),
        "{out}"
    );
}

/// Item 13: a read-only project is read by the commands that only read.
#[test]
fn item13_a_read_only_project_can_be_shown_and_exported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = project(d);
    let ps = p.to_str().unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&p).unwrap();
    let o = run(d, &["project", "show", ps]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Vlaggen: 1"));
    let o = run(d, &["flags", "export", ps, "vlaggen.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(d, &["werkprogramma", ps, "--out", "wp.html"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(d, &["werkprogramma", ps, "--history"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Writing is still refused, in Dutch, and the file is unchanged.
    let o = run(
        d,
        &[
            "flag",
            ps,
            "--site",
            "NL.IMKAD.KadastraalObject.VBS00A000120000",
            "--status",
            "kansrijk",
        ],
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("alleen-lezen"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&p).unwrap(), before);
}

/// Item 11: every sample site in one werkprogramma still makes an XLSX (long
/// cells cut with a note), and a multi-format export is all or nothing.
#[test]
fn item11_a_huge_werkprogramma_exports_and_a_failed_export_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = project(d);
    let ps = p.to_str().unwrap();
    let gj: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sample("percelen.geojson")).unwrap())
            .unwrap();
    let mut toml = String::from("gemeente = \"Alles\"\n");
    // Names as long as the raw BRK ids the hostile run had: the knelpunt naming
    // every site runs past Excel's 32,767 characters.
    for (k, f) in gj["features"].as_array().unwrap().iter().enumerate() {
        let id = f["properties"]["identificatie"].as_str().unwrap();
        toml.push_str(&format!(
            "[[entries]]\nsite_id = \"{id}\"\nname = \"{id} ({k})\"\nhomes = 10\n"
        ));
    }
    std::fs::write(d.join("alles.toml"), &toml).unwrap();
    // A second output that cannot be written: nothing is written, nothing stored.
    let o = run(
        d,
        &[
            "werkprogramma",
            ps,
            "--from",
            "alles.toml",
            "--out",
            "eerst.html",
            "--out",
            "geen-map/daarna.pdf",
        ],
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("geen-map/daarna.pdf"), "{}", stderr(&o));
    assert!(!d.join("eerst.html").exists());
    assert!(!d.join("eerst.html.tmp").exists());
    let o = run(d, &["werkprogramma", ps, "--out", "nu.csv"]);
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("Voorbeeldstad: 1 regel,"));
    // All of it, with a spreadsheet.
    let o = run(
        d,
        &[
            "werkprogramma",
            ps,
            "--from",
            "alles.toml",
            "--out",
            "alles.html",
            "--out",
            "alles.xlsx",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    use calamine::{open_workbook, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(d.join("alles.xlsx")).unwrap();
    let knel = wb.worksheet_range("Knelpunten").unwrap();
    let cut = knel
        .rows()
        .flat_map(|r| r.iter())
        .any(|c| c.to_string().ends_with("de CSV heeft de volledige tekst)"));
    assert!(cut, "a cell over Excel's limit is cut with a note");
}

/// Items 9 and 10: one stray feature does not reject a file, a decimal comma gets
/// the right hint, and features outside the Netherlands are named and counted.
#[test]
fn item9_10_stray_features_decimal_commas_and_the_world() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut gj: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sample("percelen.geojson")).unwrap())
            .unwrap();
    gj["features"][5]["geometry"]["coordinates"] =
        serde_json::json!([[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]);
    std::fs::write(d.join("stray.geojson"), gj.to_string()).unwrap();
    let o = run(d, &["inspect", "stray.geojson"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("1197 features, 1196 ingelezen"), "{out}");
    assert!(
        out.contains("feature 5") && out.contains("dit object is overgeslagen"),
        "{out}"
    );
    // Without a crs member too.
    gj.as_object_mut().unwrap().remove("crs");
    std::fs::write(d.join("stray2.geojson"), gj.to_string()).unwrap();
    let o = run(d, &["inspect", "stray2.geojson"]);
    assert!(o.status.success(), "{}", stderr(&o));

    std::fs::write(
        d.join("dc.csv"),
        "id,x,y\n1,155000,5,463000,5\n2,155010,0,463000,0\n",
    )
    .unwrap();
    let o = run(d, &["inspect", "dc.csv"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("decimale komma's"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("Web Mercator"), "{}", stderr(&o));

    std::fs::write(
        d.join("world.geojson"),
        r#"{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"identificatie":"berlijn"},"geometry":{"type":"Point","coordinates":[13.40,52.52]}},
{"type":"Feature","properties":{"identificatie":"utrecht"},"geometry":{"type":"Point","coordinates":[5.12,52.09]}},
{"type":"Feature","properties":{"identificatie":"verwisseld"},"geometry":{"type":"Point","coordinates":[52.09,5.12]}}]}"#,
    )
    .unwrap();
    let o = run(d, &["inspect", "--kind", "aanbod", "world.geojson"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("2 van de 3 objecten liggen buiten Nederland"),
        "{out}"
    );
    assert!(
        out.contains("feature 2 (verwisseld): ligt buiten Nederland"),
        "{out}"
    );
}

/// Item 12: a damaged layer does not take the flags with it.
#[test]
fn item12_flags_stay_readable_when_a_layer_is_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = project(d);
    let ps = p.to_str().unwrap();
    // Damage every stored column of the parcels: cut each to 7 bytes.
    let conn = rusqlite::Connection::open(&p).unwrap();
    let n = conn
        .execute("UPDATE layer_columns SET data = substr(data, 1, 7)", [])
        .unwrap();
    assert!(n > 0);
    drop(conn);
    let o = run(d, &["flags", "export", ps, "vlaggen.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("is beschadigd"), "{}", stderr(&o));
    assert!(std::fs::read_to_string(d.join("vlaggen.csv"))
        .unwrap()
        .contains("VBS00A000010000"));
    let o = run(d, &["project", "show", ps]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("BESCHADIGD") && out.contains("Vlaggen: 1"),
        "{out}"
    );
}

/// Item 14: SIGTERM (as Ctrl-C) during a fetch leaves no temporary pages and no
/// empty new project.
#[test]
fn item14_an_interrupted_fetch_leaves_nothing_behind() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let tmp = d.join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    // A server that sends pages slowly (one byte every 50 ms), for ever.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { return };
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf);
                let body = "{\"type\":\"FeatureCollection\",\"features\":[".to_string()
                    + &"{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[136500,456500]}},".repeat(1000);
                let _ = s.write_all(
                    format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n",
                        body.len() + 2
                    )
                    .as_bytes(),
                );
                for b in body.bytes() {
                    if s.write_all(&[b]).is_err() {
                        return;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
            });
        }
    });
    let mut child = Command::new(env!("CARGO_BIN_EXE_locatiescout"))
        .current_dir(d)
        .env("TMPDIR", &tmp)
        .args([
            "fetch",
            "--bbox",
            "136000,456000,137000,457000",
            "--project",
            "nieuw.locatiescout",
            "--base-url",
            &base,
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    // The shell's own `kill`: no procps package needed on a fresh machine.
    let ok = Command::new("sh")
        .args(["-c", &format!("kill -TERM {}", child.id())])
        .status()
        .unwrap();
    assert!(ok.success());
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            start.elapsed().as_secs() < 20,
            "the fetch did not stop on SIGTERM"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let out = child.wait_with_output().unwrap();
    assert!(!status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("afgebroken"), "{err}");
    assert!(
        !d.join("nieuw.locatiescout").exists(),
        "no empty project is left"
    );
    let left: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("pdok-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Item 16: a key twice in a feature, its geometry or its properties is reported.
#[test]
fn item16_duplicate_keys_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("dup.geojson"),
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","id":1,"id":2,
"properties":{"identificatie":"a","identificatie":"b"},
"geometry":{"type":"Point","coordinates":[155000,463000],"coordinates":[155001,463001]}}]}"#,
    )
    .unwrap();
    let o = run(d, &["inspect", "--kind", "aanbod", "dup.geojson"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    for w in [
        "dubbel lid 'id'; de laatste telt",
        "eigenschap 'identificatie' staat er twee keer; de laatste waarde telt",
        "dubbel lid 'coordinates' in de geometrie; de laatste telt",
    ] {
        assert!(out.contains(w), "{w}: {out}");
    }
}

/// The messages of the hostile run: every one Dutch, naming file, line or key.
#[test]
fn messages_are_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = project(d);
    let ps = p.to_str().unwrap();
    // Blank lines before valid JSON are fine.
    let ws = " \n".repeat(100) + &std::fs::read_to_string(sample("stations.geojson")).unwrap();
    std::fs::write(d.join("ws.geojson"), ws).unwrap();
    let o = run(d, &["inspect", "--kind", "aanbod", "ws.geojson"]);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::write(d.join("leeg.locatiescout"), b"").unwrap();
    std::fs::write(d.join("bad.json"), "{\"entries\": [1,]}").unwrap();
    std::fs::write(d.join("bad.toml"), "entries = [ { homes = } ]").unwrap();
    std::fs::write(d.join("wit.geojson"), "   \n\n   ").unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["project", "show", "leeg.locatiescout"],
            "leeg (0 bytes)",
        ),
        (
            vec!["werkprogramma", ps, "--out", "geen-map/x.csv"],
            "de map geen-map bestaat niet",
        ),
        (
            vec!["werkprogramma", ps, "--from", "bad.json", "--out", "x.csv"],
            "regel 1",
        ),
        (
            vec!["werkprogramma", ps, "--from", "bad.toml", "--out", "x.csv"],
            "regel 1",
        ),
        (
            vec!["inspect", "wit.geojson"],
            "alleen spaties en regeleinden",
        ),
        (vec!["inspect", "bestaat-niet.geojson"], "bestaat niet"),
        (vec!["frobnicate"], "onbekende opdracht 'frobnicate'"),
        (vec!["score"], "verplicht maar ontbreekt: --profile"),
        (
            vec![
                "score",
                "--profile",
                "flex",
                "--parcels",
                "x",
                "--top",
                "veel",
            ],
            "ongeldige waarde 'veel'",
        ),
        (
            vec!["werkprogramma", ps, "--history", "--from", "bad.json"],
            "gaat niet samen met",
        ),
    ];
    for (args, says) in cases {
        let o = run(d, &args);
        assert!(!o.status.success(), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains(says), "{args:?}: {err}");
        let en = crate::common::english_in(&err);
        assert!(en.is_empty(), "{args:?}: English {en:?} in {err}");
    }
    // A reader that goes away (`| head`) is no error.
    let mut child = Command::new(env!("CARGO_BIN_EXE_locatiescout"))
        .current_dir(d)
        .args([
            "score",
            "--profile",
            "flex",
            "--parcels",
            sample("percelen.geojson").to_str().unwrap(),
            "--top",
            "1000",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("Broken pipe") && !err.contains("pijp afgebroken"),
        "{err}"
    );
}
