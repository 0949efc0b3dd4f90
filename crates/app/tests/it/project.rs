//! The project file: layers survive a save and reopen exactly, a newer, foreign,
//! read-only, locked or damaged file is refused with a Dutch message and left as it
//! was, and flags keep their history through export and import.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use common::{import_ok, shared};
use locatiescout_engine::dataset::Dataset;
use locatiescout_engine::profile::Profile;
use locatiescout_engine::score::Scoring;
use locatiescout_io::import::{Layer, LayerKind};
use locatiescout_io::project::{FlagStatus, NewFlag, Project, ProjectError};
use locatiescout_model::attrs::Field;

fn real_layers() -> Vec<Layer> {
    vec![
        import_ok(
            "parcels/derived_brk_dkk_v5_perceel_otterlo_rd.geojson",
            LayerKind::Parcels,
        ),
        import_ok(
            "bag/derived_lvbag_doesburg_0221_panden_actueel_rd.geojson",
            LayerKind::Buildings,
        ),
        import_ok(
            "rijksvastgoed/derived_rvb_bouwwerken_netcongestie_rd.geojson",
            LayerKind::Listings,
        ),
        import_ok(
            "boundaries/derived_cbs_gemeenten2024_rd.geojson",
            LayerKind::Overlay,
        ),
    ]
}

fn assert_same(a: &Layer, b: &Layer) {
    assert_eq!(a.kind, b.kind);
    assert_eq!(a.source_crs, b.source_crs);
    assert_eq!(a.len(), b.len());
    assert_eq!(a.area_m2, b.area_m2);
    assert_eq!(a.invalid, b.invalid);
    assert_eq!(a.source_index, b.source_index);
    assert_eq!(a.report.path, b.report.path);
    assert_eq!(a.report.skipped_count, b.report.skipped_count);
    assert_eq!(a.attrs.len(), b.attrs.len());
    for i in 0..a.len() {
        assert_eq!(a.geom.geometry(i), b.geom.geometry(i), "feature {i}");
        assert_eq!(a.geom.kind(i), b.geom.kind(i));
        assert_eq!(a.label(i), b.label(i));
        for f in [
            Field::Status,
            Field::Address,
            Field::RvbCode,
            Field::GridNote,
            Field::DisposalStatus,
            Field::Name,
        ] {
            assert_eq!(a.text(i, f), b.text(i, f), "feature {i} {f:?}");
        }
        let (x, y) = (&a.attrs[i], &b.attrs[i]);
        assert_eq!(x.registered_area_m2, y.registered_area_m2);
        assert_eq!(x.floor_area_m2, y.floor_area_m2);
        assert_eq!(x.year_built, y.year_built);
        assert_eq!(x.functions, y.functions);
        assert_eq!(x.available_from, y.available_from);
        assert_eq!(x.available_until, y.available_until);
        assert_eq!(
            a.extras(i).collect::<Vec<_>>(),
            b.extras(i).collect::<Vec<_>>()
        );
    }
}

#[test]
fn layers_survive_save_and_reopen_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("otterlo.locatiescout");
    let layers = real_layers();
    {
        let mut p = Project::create(&path).unwrap();
        for l in &layers {
            p.save_layer(l).unwrap();
        }
        p.set_setting("profile", "\"flex\"").unwrap();
    }
    let p = Project::open(&path).unwrap();
    assert_eq!(p.setting("profile").unwrap().as_deref(), Some("\"flex\""));
    assert_eq!(p.integrity_check().unwrap(), "ok");
    // New projects use SQLite's largest page: column blobs read in fewer pages.
    let page: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "page_size", |r| r.get(0))
        .unwrap();
    assert_eq!(page, 65_536);
    let back = p.load_layers().unwrap();
    assert_eq!(back.len(), layers.len());
    for (a, b) in layers.iter().zip(&back) {
        assert_same(a, b);
    }
    // Scoring the reopened data gives the same ranking.
    let score = |mut v: Vec<Layer>| {
        let listings = v.remove(2);
        let buildings = v.remove(1);
        let parcels = v.remove(0);
        let ds = Dataset {
            parcels: Some(parcels),
            buildings: Some(buildings),
            listings: Some(listings),
            ..Dataset::default()
        };
        let s = Scoring::new(
            &ds,
            Profile::load("flex").unwrap().dated(crate::peildatum()),
        )
        .unwrap();
        (s.scores.clone(), s.ranking())
    };
    assert_eq!(score(layers), score(back));
}

#[test]
fn saving_a_layer_again_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.locatiescout");
    let mut p = Project::create(&path).unwrap();
    let parcels = import_ok(
        "parcels/derived_brk_dkk_v5_perceel_otterlo_rd.geojson",
        LayerKind::Parcels,
    );
    p.save_layer(&parcels).unwrap();
    p.save_layer(&parcels).unwrap();
    assert_eq!(p.load_layers().unwrap().len(), 1);
}

#[test]
fn refuses_to_overwrite_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.locatiescout");
    std::fs::write(&path, b"iets").unwrap();
    let e = Project::create(&path).unwrap_err();
    assert!(matches!(e, ProjectError::Exists { .. }), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), b"iets");
}

fn untouched(path: &std::path::Path, f: impl FnOnce() -> ProjectError) -> String {
    let before = std::fs::read(path).unwrap();
    let e = f();
    assert_eq!(std::fs::read(path).unwrap(), before, "the file was changed");
    e.to_string()
}

#[test]
fn a_file_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nieuw.locatiescout");
    drop(Project::create(&path).unwrap());
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let msg = untouched(&path, || Project::open(&path).unwrap_err());
    assert!(
        msg.contains("nieuwere versie van Locatiescout") && msg.contains("99"),
        "{msg}"
    );
}

#[test]
fn other_files_are_not_projects() {
    let dir = tempfile::tempdir().unwrap();
    let geojson = shared("geojson_validation/bad/bad-json.geojson");
    let msg = untouched(&geojson, || Project::open(&geojson).unwrap_err());
    assert!(msg.contains("geen Locatiescout-project"), "{msg}");

    let other = dir.path().join("ander.sqlite");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let msg = untouched(&other, || Project::open(&other).unwrap_err());
    assert!(msg.contains("niet van Locatiescout"), "{msg}");

    let missing = dir.path().join("weg.locatiescout");
    assert!(matches!(
        Project::open(&missing).unwrap_err(),
        ProjectError::NotFound { .. }
    ));
}

#[test]
fn a_damaged_file_gives_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kapot.locatiescout");
    {
        let mut p = Project::create(&path).unwrap();
        p.save_layer(&import_ok(
            "parcels/derived_brk_dkk_v5_perceel_otterlo_rd.geojson",
            LayerKind::Parcels,
        ))
        .unwrap();
        p.conn_checkpoint();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    let len = bytes.len();
    // The middle third: with 64 KB pages a 4 KB patch may fall in a page's unused space.
    for b in &mut bytes[len / 3..2 * len / 3] {
        *b ^= 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    let outcome = Project::open(&path).and_then(|p| p.load_layers().map(|_| ()));
    let e = outcome.expect_err("a damaged file must not load");
    assert!(!e.to_string().is_empty());
    assert_eq!(
        std::fs::read(&path).unwrap().len(),
        len,
        "the file was not destroyed"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_refused_with_a_hint() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ro.locatiescout");
    drop(Project::create(&path).unwrap());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let msg = untouched(&path, || Project::open(&path).unwrap_err());
    assert!(msg.contains("alleen-lezen"), "{msg}");
}

#[test]
fn a_locked_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("slot.locatiescout");
    let mut p = Project::create(&path).unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    let e = p
        .add_flags(vec![flag("X", FlagStatus::Kansrijk, "", None)])
        .unwrap_err();
    assert!(matches!(e, ProjectError::Locked { .. }), "{e}");
    assert!(e.to_string().contains("in gebruik"), "{e}");
    other.execute_batch("ROLLBACK;").unwrap();
    assert_eq!(
        p.add_flags(vec![flag("X", FlagStatus::Kansrijk, "", None)])
            .unwrap()
            .len(),
        1
    );
}

fn flag(site: &str, status: FlagStatus, note: &str, at: Option<&str>) -> NewFlag {
    NewFlag {
        site_id: site.into(),
        site_kind: LayerKind::Listings,
        status,
        note: note.into(),
        author: Some("rvb.medewerker".into()),
        at: at.map(str::to_string),
    }
}

#[test]
fn flags_keep_history_and_travel_from_rvb_to_a_municipality() {
    let dir = tempfile::tempdir().unwrap();
    let listings = import_ok(
        "rijksvastgoed/derived_rvb_bouwwerken_netcongestie_rd.geojson",
        LayerKind::Listings,
    );
    let code = |i: usize| listings.text(i, Field::RvbCode).unwrap().to_string();
    let (a, b, c) = (code(0), code(1), code(2));

    // RVB flags three buildings, one twice.
    let rvb_path = dir.path().join("rvb.locatiescout");
    let mut rvb = Project::create(&rvb_path).unwrap();
    rvb.save_layer(&listings).unwrap();
    rvb.add_flags(vec![
        flag(
            &a,
            FlagStatus::InOnderzoek,
            "eerst bekijken",
            Some("2026-10-01T09:00:00Z"),
        ),
        flag(
            &b,
            FlagStatus::Kansrijk,
            "kantoor, leeg",
            Some("2026-10-02T09:00:00Z"),
        ),
        flag(
            &c,
            FlagStatus::NietGeschikt,
            "",
            Some("2026-10-03T09:00:00Z"),
        ),
    ])
    .unwrap();
    rvb.add_flags(vec![flag(
        &a,
        FlagStatus::Aangeboden,
        "aangeboden aan gemeente",
        Some("2026-11-01T09:00:00Z"),
    )])
    .unwrap();
    let history = rvb.flag_history(&a).unwrap();
    assert_eq!(
        history.iter().map(|f| f.status).collect::<Vec<_>>(),
        [FlagStatus::InOnderzoek, FlagStatus::Aangeboden]
    );
    let current = rvb.current_flags().unwrap();
    assert_eq!(current.len(), 3);
    assert_eq!(
        current.iter().find(|f| f.site_id == a).unwrap().status,
        FlagStatus::Aangeboden
    );

    let csv = dir.path().join("vlaggen.csv");
    let geojson = dir.path().join("vlaggen.geojson");
    let layers = vec![&listings];
    assert_eq!(rvb.export_flags(&csv, &layers).unwrap(), 3);
    assert_eq!(rvb.export_flags(&geojson, &layers).unwrap(), 3);
    let gj: serde_json::Value = serde_json::from_slice(&std::fs::read(&geojson).unwrap()).unwrap();
    assert_eq!(gj["features"].as_array().unwrap().len(), 3);
    assert!(
        gj["features"][0]["geometry"]["coordinates"].is_array(),
        "flags carry the geometry"
    );
    let csv_text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(
        csv_text.lines().count(),
        1 + 4,
        "every event, the history included"
    );

    // The municipality has its own project with the same listings and one flag of its own on `b`, made later.
    let gem_path = dir.path().join("gemeente.locatiescout");
    let mut gem = Project::create(&gem_path).unwrap();
    gem.save_layer(layers[0]).unwrap();
    gem.add_flags(vec![flag(
        &b,
        FlagStatus::Gereserveerd,
        "voor 40 flexwoningen",
        Some("2026-11-10T09:00:00Z"),
    )])
    .unwrap();
    let r = gem.import_flags(&geojson, &layers).unwrap();
    assert_eq!(r.imported, 4);
    assert!(r.rejected.is_empty(), "{:?}", r.rejected);
    assert_eq!(r.conflicts.len(), 1);
    assert_eq!(r.conflicts[0].site_id, b);
    assert!(
        !r.conflicts[0].incoming_wins,
        "the municipality's own later flag stays current"
    );
    let now = gem.current_flags().unwrap();
    assert_eq!(
        now.iter().find(|f| f.site_id == b).unwrap().status,
        FlagStatus::Gereserveerd
    );
    assert_eq!(
        now.iter().find(|f| f.site_id == a).unwrap().status,
        FlagStatus::Aangeboden
    );
    assert_eq!(
        gem.flag_history(&b).unwrap().len(),
        2,
        "nothing overwritten"
    );
    assert_eq!(
        gem.flag_history(&a).unwrap().len(),
        2,
        "the history travelled along"
    );

    // Importing the CSV afterwards adds nothing new.
    let again = gem.import_flags(&csv, &layers).unwrap();
    assert_eq!((again.imported, again.duplicates), (0, 4));
}

#[test]
fn a_bad_flag_file_imports_the_good_rows_and_reports_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let listings = import_ok(
        "rijksvastgoed/derived_rvb_bouwwerken_netcongestie_rd.geojson",
        LayerKind::Listings,
    );
    let good = listings.text(5, Field::RvbCode).unwrap().to_string();
    let layers = vec![&listings];
    let mut p = Project::create(&dir.path().join("p.locatiescout")).unwrap();
    p.save_layer(layers[0]).unwrap();
    let file = dir.path().join("vlaggen.csv");
    std::fs::write(
        &file,
        format!(
            "site_id;status;toelichting;auteur;tijdstip\n\
             {good};Kansrijk;goed;an;2026-11-01T10:00:00+01:00\n\
             BESTAAT_NIET;Kansrijk;;an;2026-11-01T10:00:00Z\n\
             {good};Misschien;;an;2026-11-02T10:00:00Z\n\
             {good};Gereserveerd;;an;gisteren\n\
             ;Kansrijk;;an;2026-11-02T10:00:00Z\n\
             {good};niet geschikt;\"met ; puntkomma\";an;2026-11-03T10:00:00Z\n"
        ),
    )
    .unwrap();
    let r = p.import_flags(&file, &layers).unwrap();
    assert_eq!(r.imported, 2);
    let lines: Vec<usize> = r.rejected.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [3, 4, 5, 6]);
    let reasons: Vec<&str> = r.rejected.iter().map(|(_, m)| m.as_str()).collect();
    assert!(reasons[0].contains("onbekende locatie"), "{reasons:?}");
    assert!(
        reasons[1].contains("onbekende status 'Misschien'"),
        "{reasons:?}"
    );
    assert!(reasons[2].contains("tijdstip 'gisteren'"), "{reasons:?}");
    assert!(reasons[3].contains("locatie-id"), "{reasons:?}");
    let h = p.flag_history(&good).unwrap();
    assert_eq!(
        h[0].at, "2026-11-01T09:00:00.000Z",
        "times are stored in UTC"
    );
    assert_eq!(h[1].note, "met ; puntkomma");

    let broken = dir.path().join("kapot.geojson");
    std::fs::write(
        &broken,
        b"{\"type\": \"FeatureCollection\", \"features\": [",
    )
    .unwrap();
    let e = p.import_flags(&broken, &layers).unwrap_err();
    assert!(
        e.to_string().contains("houdt op midden in een lijst"),
        "{e}"
    );
}

#[test]
fn statuses_parse_from_keys_and_labels() {
    assert_eq!(
        FlagStatus::parse("Aangeboden aan gemeente").unwrap(),
        FlagStatus::Aangeboden
    );
    assert_eq!(
        FlagStatus::parse("in_onderzoek").unwrap(),
        FlagStatus::InOnderzoek
    );
    assert_eq!(
        FlagStatus::parse(" NIET-GESCHIKT ").unwrap(),
        FlagStatus::NietGeschikt
    );
    let e = FlagStatus::parse("ja").unwrap_err();
    assert!(e.contains("Kansrijk, In onderzoek"), "{e}");
}
