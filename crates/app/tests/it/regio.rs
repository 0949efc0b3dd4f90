//! The regional roll-up through real files: werkprogramma's written as exchange
//! GeoPackages, read back and rolled up, every total checked by hand; the
//! schema against its documentation; and every kind of bad file a clear Dutch
//! line while the rest is rolled up.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use locatiescout_application::regio::{cbs_register, regio, write_regio};
use locatiescout_engine::business::HousingForm;
use locatiescout_engine::werkprogramma::{
    assess, Addressee, Entry, Knelpunt, KnelpuntCategory, PeriodInput, SupportAsk, Werkprogramma,
};
use locatiescout_model::exchange::{self, Gemeente};
use locatiescout_output::report::{self, WerkprogrammaExport};

use super::regio_gen::{day, move_into, write_all, Sample};

fn gemeente(code: &str) -> &'static Gemeente {
    cbs_register()
        .unwrap()
        .iter()
        .find(|g| g.code == code)
        .unwrap()
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-6, "{a} != {b}");
}

/// A werkprogramma without sites (woningdelen: places in the existing stock,
/// one person each, all for statushouders), so every number is hand-computable.
fn by_hand(
    code: &str,
    taakstelling: [f64; 3],
    backlog: f64,
    places: [f64; 3],
) -> WerkprogrammaExport {
    let g = gemeente(code);
    let mut wp = Werkprogramma::starting(day("2026-11-22"));
    wp.gemeente = g.naam.clone();
    wp.gemeente_code = g.code.clone();
    wp.periods = taakstelling
        .iter()
        .map(|t| PeriodInput {
            taakstelling_persons: *t,
            regular_stock_persons: 0.0,
            realised_persons: 0.0,
        })
        .collect();
    wp.backlog_persons = backlog;
    wp.ambition_share = 0.2;
    wp.ambition_includes_backlog = true;
    wp.entries = places
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0.0)
        .map(|(p, n)| Entry {
            site_id: String::new(),
            name: format!("woningdelen periode {}", p + 1),
            profile: "flex".into(),
            form: HousingForm::Woningdelen,
            homes: *n,
            period: p,
            persons_per_unit: Some(1.0),
            // Counted in the period planned: this test is about the roll-up.
            lead_time_months: Some(0),
            share_statushouders: Some(1.0),
            ..Entry::default()
        })
        .collect();
    wp.added = vec![Knelpunt {
        category: KnelpuntCategory::Capaciteit,
        key: "eigen".into(),
        text: "te weinig begeleiding voor woningdelers".into(),
        derived: false,
    }];
    wp.support_asks = vec![SupportAsk {
        key: "te weinig begeleiding voor woningdelers".into(),
        addressee: Addressee::Provincie,
        ask: "regionale pool van begeleiders".into(),
    }];
    wp.validate().unwrap();
    WerkprogrammaExport {
        gemeente_code: wp.gemeente_code.clone(),
        report: assess(&wp, &[], day("2026-11-30")),
        shapes: vec![None; wp.entries.len()],
        outline: Vec::new(),
        local: false,
    }
}

fn write(dir: &Path, name: &str, ex: &WerkprogrammaExport) -> PathBuf {
    let p = dir.join(name);
    report::write(&p, ex).unwrap();
    p
}

#[test]
fn three_municipalities_add_up_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    // Utrecht: taakstelling 3 × 100 = 300, ambition 20 % = 60; 40 places (10+10+20): short 20.
    let a = write(
        dir.path(),
        "utrecht.gpkg",
        &by_hand("GM0344", [100.0; 3], 0.0, [10.0, 10.0, 20.0]),
    );
    // Amersfoort: 3 × 50 = 150, ambition 30; 35 places: reached.
    let b = write(
        dir.path(),
        "amersfoort.gpkg",
        &by_hand("GM0307", [50.0; 3], 0.0, [35.0, 0.0, 0.0]),
    );
    // Amsterdam: 3 × 200 + backlog 60 = 660, ambition 132; 100 places: short 32.
    let c = write(
        dir.path(),
        "amsterdam.gpkg",
        &by_hand("GM0363", [200.0; 3], 60.0, [50.0, 50.0, 0.0]),
    );
    let r = regio(&[a, b, c], &["PV26".into()]).unwrap();
    assert!(r.notes.is_empty(), "{:?}", r.notes);
    assert_eq!(r.municipalities.len(), 3);
    assert_eq!(
        r.periods,
        ["2e helft 2026", "1e helft 2027", "2e helft 2027"]
    );

    let utrecht = r
        .municipalities
        .iter()
        .find(|m| m.code == "GM0344")
        .unwrap();
    close(utrecht.taakstelling_persons, 300.0);
    close(utrecht.ambition_persons, 60.0);
    close(utrecht.feasible_persons, 40.0);
    close(utrecht.gap_persons, 20.0);
    assert!(!utrecht.reached);
    assert_eq!(utrecht.feasible_units_per_period, [10.0, 10.0, 20.0]);
    let amsterdam = r
        .municipalities
        .iter()
        .find(|m| m.code == "GM0363")
        .unwrap();
    close(amsterdam.ambition_persons, 132.0);
    close(amsterdam.gap_persons, 32.0);
    assert_eq!(amsterdam.provincie, "Noord-Holland");

    // Province Utrecht: Utrecht and Amersfoort. 60 + 30 = 90 ambition, 40 + 35 = 75 feasible,
    // shortfalls 20 + 0 = 20 (Amersfoort's surplus of 5 does not make up for Utrecht).
    let pv26 = r.provinces.iter().find(|p| p.code == "PV26").unwrap();
    assert_eq!((pv26.municipalities, pv26.reached), (2, 1));
    close(pv26.taakstelling_persons, 450.0);
    close(pv26.ambition_persons, 90.0);
    close(pv26.feasible_persons, 75.0);
    close(pv26.gap_persons, 20.0);
    assert_eq!(pv26.feasible_units_per_period, [45.0, 10.0, 20.0]);
    // 26 municipalities in Utrecht expected, 2 sent one: 24 missing.
    assert_eq!(pv26.missing, 24);
    assert_eq!(r.missing.len(), 24);
    assert!(r
        .missing
        .iter()
        .any(|(c, n, _)| c == "GM0345" && n == "Veenendaal"));

    let nh = r.provinces.iter().find(|p| p.code == "PV27").unwrap();
    assert_eq!((nh.municipalities, nh.missing), (1, 0));
    close(nh.ambition_persons, 132.0);
    // Nationally: 300 + 150 + 600 = 1050 taakstelling, 60 backlog; ambition 60 + 30 + 132 = 222;
    // feasible 40 + 35 + 100 = 175; shortfall 20 + 0 + 32 = 52; one of three reaches it.
    let n = &r.national;
    assert_eq!((n.municipalities, n.reached, n.missing), (3, 1, 24));
    close(n.taakstelling_persons, 1050.0);
    close(n.backlog_persons, 60.0);
    close(n.ambition_persons, 222.0);
    close(n.feasible_persons, 175.0);
    close(n.feasible_units, 175.0);
    close(n.gap_persons, 52.0);
    // Per half-year: 10 + 35 + 50 = 95, 10 + 0 + 50 = 60, 20.
    assert_eq!(n.feasible_units_per_period, [95.0, 60.0, 20.0]);
    let p1 = &r.period_totals[0];
    close(p1.taakstelling_persons, 100.0 + 50.0 + 200.0);
    close(p1.feasible_units, 95.0);
    assert_eq!(p1.municipalities, 3);

    // Demand per form: all woningdelen, 95 / 60 / 20 = 175.
    assert_eq!(r.demand.len(), 1);
    assert_eq!(r.demand[0].form, "Woningdelen");
    assert_eq!(r.demand[0].units_per_period, [95.0, 60.0, 20.0]);
    close(r.demand[0].total_units, 175.0);
    // The own knelpunt in three municipalities, asked of the province three times.
    let cap = r
        .categories
        .iter()
        .find(|c| c.category == KnelpuntCategory::Capaciteit)
        .unwrap();
    assert!(cap.municipalities == 3 && cap.count >= 3, "{cap:?}");
    let prov = r
        .support
        .iter()
        .find(|s| s.addressee == "provincie")
        .unwrap();
    assert_eq!(prov.municipalities, 3);
    assert!(prov
        .asks
        .iter()
        .all(|a| a.ask == "regionale pool van begeleiders"));
    let own = r
        .knelpunten
        .iter()
        .find(|k| k.text == "te weinig begeleiding voor woningdelers")
        .unwrap();
    assert_eq!(own.municipalities.len(), 3);

    // The files: PDF, XLSX and GeoPackage, each read back.
    let out = |n: &str| dir.path().join(n);
    let outs = [
        out("regio.pdf"),
        out("regio.xlsx"),
        out("regio.gpkg"),
        out("regio.html"),
    ];
    write_regio(&r, &[], &outs, day("2026-11-30")).unwrap();
    let pdf = lopdf::Document::load(out("regio.pdf")).unwrap();
    assert!(pdf.get_pages().len() >= 3);
    let html = std::fs::read_to_string(out("regio.html")).unwrap();
    assert!(html.contains("provincies") && html.contains("Noord-Holland") && html.contains("<svg"));
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(out("regio.xlsx")).unwrap();
    let names = wb.sheet_names();
    for sheet in [
        "Overzicht",
        "Provincies",
        "Gemeenten",
        "Periodes",
        "Knelpunten",
        "Steun",
        "Regelingen",
        "Locaties",
        "Ontbrekend",
    ] {
        assert!(names.iter().any(|n| n == sheet), "{sheet} in {names:?}");
    }
    let provinces = wb.worksheet_range("Provincies").unwrap();
    let total = provinces.rows().find(|row| row[0] == "NL").unwrap();
    // Code, name, municipalities 3, missing 24, reached 1, taakstelling 1050, backlog 60, ambition 222.
    assert_eq!(total[2].to_string(), "3");
    assert_eq!(total[7].to_string(), "222");
    let conn = rusqlite::Connection::open(out("regio.gpkg")).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM regio_gemeenten", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 3);
}

#[test]
fn generated_municipalities_roll_up_to_the_sum_of_their_files() {
    let sample = Sample::load();
    let dir = tempfile::tempdir().unwrap();
    let gs: Vec<&Gemeente> = ["GM0344", "GM0307", "GM0363", "GM0599"]
        .iter()
        .map(|c| gemeente(c))
        .collect();
    let files = write_all(&sample, &gs, dir.path(), day("2026-11-30"));
    let r = regio(&[dir.path().to_path_buf()], &[]).unwrap();
    // The generated sites lie inside their municipality: no notes.
    assert!(r.notes.is_empty(), "{:?}", r.notes);
    assert_eq!(r.municipalities.len(), 4);
    // Every total is the sum of what the files say, read here with plain SQL.
    let mut ambition = 0.0;
    let mut feasible = 0.0;
    let mut gap = 0.0;
    let mut lines = 0;
    let mut sft = 0.0;
    for f in &files {
        let conn = rusqlite::Connection::open(f).unwrap();
        let meta = |k: &str| -> f64 {
            conn.query_row(
                "SELECT waarde FROM werkprogramma_metadata WHERE sleutel = ?1",
                [k],
                |r| r.get::<_, String>(0),
            )
            .unwrap()
            .parse()
            .unwrap()
        };
        ambition += meta("ambitie_personen");
        feasible += meta("haalbaar_personen");
        gap += meta("tekort_personen");
        lines += conn
            .query_row("SELECT count(*) FROM werkprogramma_locaties", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap();
        sft += conn
            .query_row(
                "SELECT coalesce(sum(bedrag), 0) FROM werkprogramma_regelingen WHERE regeling_code = 'sft' AND past = 1",
                [],
                |r| r.get::<_, f64>(0),
            )
            .unwrap();
    }
    close(r.national.ambition_persons, ambition);
    close(r.national.feasible_persons, feasible);
    close(r.national.gap_persons, gap);
    assert_eq!(r.sites.len() as i64, lines);
    // Lines 5 + 12 + 19 + 26 (5 + 7k mod 46).
    assert_eq!(lines, 5 + 12 + 19 + 26);
    let s = r.schemes.iter().find(|s| s.key == "sft").unwrap();
    close(s.amount_eur, sft);
    assert!(sft > 0.0);
    close(s.budget_share.unwrap(), sft / 77_800_000.0);
    // Two provinces (Utrecht, Noord-Holland) and Zuid-Holland (Rotterdam, GM0599).
    assert_eq!(r.provinces.len(), 3);
    // Knelpunten ranked by the homes they block.
    assert!(r
        .knelpunten
        .windows(2)
        .all(|w| w[0].blocked_units >= w[1].blocked_units));
    // A derived knelpunt is one line for all four, whatever numbers each text holds.
    assert!(
        r.knelpunten.iter().any(|k| k.municipalities.len() == 4),
        "{:?}",
        r.knelpunten
    );
    // Every site has a shape on the map.
    assert!(r.sites.iter().all(|s| s.shape.is_some()));
}

#[test]
fn bad_files_each_get_a_dutch_line_and_the_rest_is_rolled_up() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = write(
        d,
        "utrecht.gpkg",
        &by_hand("GM0344", [100.0; 3], 0.0, [10.0, 10.0, 20.0]),
    );
    let good_bytes = std::fs::read(&good).unwrap();
    // Not a GeoPackage at all.
    std::fs::write(d.join("tekst.gpkg"), "dit is geen database").unwrap();
    // Damaged: a GeoPackage cut off halfway.
    std::fs::write(d.join("kapot.gpkg"), &good_bytes[..good_bytes.len() / 2]).unwrap();
    // A GeoPackage of something else.
    let other = d.join("ander.gpkg");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE percelen (fid INTEGER PRIMARY KEY);")
        .unwrap();
    // From before the schema had a version.
    let old = d.join("oud.gpkg");
    std::fs::copy(&good, &old).unwrap();
    rusqlite::Connection::open(&old)
        .unwrap()
        .execute_batch("DROP TABLE werkprogramma_metadata;")
        .unwrap();
    // From a newer Locatiescout.
    let newer = d.join("nieuwer.gpkg");
    std::fs::copy(&good, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch(
            "UPDATE werkprogramma_metadata SET waarde = '2' WHERE sleutel = 'schema_versie';",
        )
        .unwrap();
    // A code that does not exist.
    let fake = d.join("verzonnen.gpkg");
    std::fs::copy(&good, &fake).unwrap();
    rusqlite::Connection::open(&fake)
        .unwrap()
        .execute_batch(
            "UPDATE werkprogramma_metadata SET waarde = 'GM9999' WHERE sleutel = 'gemeente_code';",
        )
        .unwrap();
    // The same file twice, and Utrecht again with other numbers on the same date.
    std::fs::copy(&good, d.join("utrecht-kopie.gpkg")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    write(
        d,
        "utrecht-anders.gpkg",
        &by_hand("GM0344", [100.0; 3], 0.0, [30.0, 10.0, 20.0]),
    );
    // Amersfoort twice: an older reference date loses.
    let mut older = by_hand("GM0307", [50.0; 3], 0.0, [5.0, 0.0, 0.0]);
    older.report.reference_date = "01-06-2026".into();
    write(d, "amersfoort-juni.gpkg", &older);
    write(
        d,
        "amersfoort.gpkg",
        &by_hand("GM0307", [50.0; 3], 0.0, [35.0, 0.0, 0.0]),
    );
    // Amsterdam with sites that lie in the sample region, not in Amsterdam.
    let sample = Sample::load();
    let mut far = sample.werkprogramma(0, gemeente("GM0363"), day("2026-11-30"));
    move_into(&mut far, gemeente("GM0327"));
    write(d, "amsterdam.gpkg", &far);

    let r = regio(
        &[d.to_path_buf()],
        &[
            "GM0344".into(),
            "GM0307".into(),
            "GM0363".into(),
            "GM0014".into(),
            "XX12".into(),
        ],
    )
    .unwrap();
    let notes = r.notes.join("\n");
    let has = |s: &str| assert!(notes.contains(s), "'{s}' not in:\n{notes}");
    has("tekst.gpkg is geen GeoPackage (geen SQLite-database)");
    has("kapot.gpkg is beschadigd");
    has("ander.gpkg is een GeoPackage maar geen werkprogramma van Locatiescout");
    has("oud.gpkg is gemaakt met een Locatiescout van vóór schemaversie 1");
    has("nieuwer.gpkg heeft schemaversie 2; deze Locatiescout leest tot en met versie 1");
    has(
        "verzonnen.gpkg: gemeentecode GM9999 bestaat niet in de CBS-indeling 2024 — niet meegeteld",
    );
    // Which file is newer is the file's time (the file carries its peildatum, not the
    // day it was written): the copy was made after the original.
    has("GM0344 Utrecht: utrecht.gpkg heeft dezelfde gegevens als utrecht-kopie.gpkg; telt evenmin.");
    has("hebben dezelfde peildatum (30-11-2026) maar verschillende gegevens; het laatst gemaakte bestand (utrecht-anders.gpkg");
    has("GM0307 Amersfoort: nieuwste versie telt: amersfoort.gpkg (peildatum 30-11-2026); amersfoort-juni.gpkg (peildatum 01-06-2026) niet");
    has("GM0363 Amsterdam, regel 1");
    has("km buiten de gemeente; wel meegeteld");
    has("Verwacht: 'XX12' is geen gemeente- of provinciecode");
    // Counted: Utrecht (the later file, 60 places), Amersfoort (the newer), Amsterdam.
    assert_eq!(r.municipalities.len(), 3);
    let utrecht = r
        .municipalities
        .iter()
        .find(|m| m.code == "GM0344")
        .unwrap();
    assert_eq!(utrecht.file, "utrecht-anders.gpkg");
    close(utrecht.feasible_persons, 60.0);
    let amersfoort = r
        .municipalities
        .iter()
        .find(|m| m.code == "GM0307")
        .unwrap();
    close(amersfoort.feasible_persons, 35.0);
    // Groningen was expected and sent nothing.
    assert_eq!(
        r.missing,
        [(
            "GM0014".to_string(),
            "Groningen".to_string(),
            "Groningen".to_string()
        )]
    );
    // Files: 12 offered, every one accounted for.
    assert_eq!(r.files_read, 12);
}

#[test]
fn schema_is_documented_and_every_written_column_is_in_it() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/werkprogramma-gpkg.md"
    ))
    .unwrap();
    for (table, column, ty) in exchange::COLUMNS {
        assert!(
            doc.contains(&format!("`{table}`")),
            "{table} not documented"
        );
        assert!(
            doc.contains(&format!("| `{column}` | {ty} |")),
            "{table}.{column} ({ty}) not documented"
        );
    }
    for key in exchange::META_KEYS {
        assert!(
            doc.contains(&format!("| `{key}` |")),
            "metadata {key} not documented"
        );
    }
    assert!(doc.contains(&format!("schema_versie` | `{}`", exchange::SCHEMA_VERSION)));
    // A real export holds exactly the schema's columns, with their types.
    let sample = Sample::load();
    let dir = tempfile::tempdir().unwrap();
    let f = write_all(
        &sample,
        &[gemeente("GM0344")],
        dir.path(),
        day("2026-11-30"),
    );
    let conn = rusqlite::Connection::open(&f[0]).unwrap();
    for table in [
        exchange::SITES_TABLE,
        exchange::PERIODS_TABLE,
        exchange::KNELPUNTEN_TABLE,
        exchange::SCHEMES_TABLE,
    ] {
        let mut stmt = conn
            .prepare(&format!("PRAGMA table_info(\"{table}\")"))
            .unwrap();
        let cols: Vec<(String, String)> = stmt
            .query_map([], |r| Ok((r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .filter(|(n, _): &(String, String)| n != "fid" && n != "geom")
            .collect();
        let want: Vec<(String, String)> = exchange::COLUMNS
            .iter()
            .filter(|(t, _, _)| *t == table)
            .map(|(_, c, ty)| (c.to_string(), ty.to_string()))
            .collect();
        assert_eq!(cols, want, "{table}");
    }
    let keys: Vec<String> = conn
        .prepare("SELECT sleutel FROM werkprogramma_metadata ORDER BY rowid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(keys, exchange::META_KEYS);
}
