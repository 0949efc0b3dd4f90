//! The use cases the command line and the desktop app share, run as a caller
//! holding the session alone (`Mutex<Session>`): a file read into the open
//! project as a layer or a named overlay, what an export checks before it
//! writes, the werkprogramma export from a project file, and the weights.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use locatiescout_application::import::{self, ImportRequest, OverlayChoice};
use locatiescout_application::outputs::{check_outputs, date_or_today};
use locatiescout_application::werkprogramma::{export, ExportRequest};
use locatiescout_application::{project, scoring, ErrorKind, Session};
use locatiescout_model::attrs::FieldMap;
use locatiescout_model::layer::{LayerKind, LayerRole};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/sample")
        .join(name)
}

/// The sample region as a project in a fresh folder, opened.
fn sample_session(dir: &Path) -> Session {
    let p = project::sample_project(dir, &sample("")).expect("sample project");
    Session::open(p, Some("flex")).expect("sample opens")
}

#[test]
fn a_named_overlay_read_into_the_session_is_scored_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let session = Mutex::new(sample_session(dir.path()));
    let map = FieldMap::default();
    let choice = OverlayChoice {
        name: "natura2000".into(),
        role: Some("beperking".into()),
        title: Some("  ".into()),
    };
    let file = sample("natura2000.geojson");
    let mut req = ImportRequest::new(&file, LayerKind::Parcels, &map);
    req.overlay = Some(&choice);
    let report = import::into_session(&session, &req).unwrap();
    assert!(report.imported > 0);
    let s = session.lock().unwrap();
    let n =
        s.ds.overlays
            .iter()
            .find(|l| l.name == "natura2000")
            .unwrap();
    // Read as an overlay whatever kind the dialog had; a blank title is the default one.
    assert_eq!(n.layer.kind, LayerKind::Overlay);
    assert_eq!(n.role, LayerRole::Constraint);
    assert_eq!(
        n.title,
        locatiescout_model::layer::default_layer_title("natura2000")
    );
    // Kept in the file: a new session on the same project has it.
    let again = Session::open(
        locatiescout_io::project::Project::open(s.project.path()).unwrap(),
        None,
    )
    .unwrap();
    assert!(again.ds.overlays.iter().any(|l| l.name == "natura2000"));
}

#[test]
fn an_unknown_role_is_refused_in_dutch_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let session = Mutex::new(sample_session(dir.path()));
    let before = session.lock().unwrap().ds.overlays.len();
    let map = FieldMap::default();
    let choice = OverlayChoice {
        name: "geluid".into(),
        role: Some("parkeren".into()),
        title: None,
    };
    let file = sample("natura2000.geojson");
    let mut req = ImportRequest::new(&file, LayerKind::Overlay, &map);
    req.overlay = Some(&choice);
    let e = import::into_session(&session, &req).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Import);
    assert!(e.to_string().contains("onbekende rol 'parkeren'"), "{e}");
    assert_eq!(session.lock().unwrap().ds.overlays.len(), before);
}

#[test]
fn an_export_refuses_an_unknown_format_and_writing_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.toml");
    std::fs::write(&plan, "gemeente = \"Utrecht\"\n").unwrap();
    let input = plan.as_path();
    let inputs = [(input, "het werkprogramma dat wordt ingelezen")];
    let e = check_outputs(&[PathBuf::from("/tmp/x.docx")], &inputs, &["pdf", "csv"]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Export);
    assert_eq!(
        e.to_string(),
        "/tmp/x.docx: onbekend uitvoerformaat; kies uit .pdf, .csv"
    );
    let e = check_outputs(&[input.to_path_buf()], &inputs, &["toml"]).unwrap_err();
    assert!(
        e.to_string()
            .contains("dat is het werkprogramma dat wordt ingelezen zelf"),
        "{e}"
    );
    assert!(check_outputs(&[PathBuf::from("/tmp/y.pdf")], &inputs, &["pdf"]).is_ok());
}

#[test]
fn a_typed_date_is_read_and_a_wrong_one_refused() {
    let d = date_or_today(Some(" 2026-10-01 "), "peildatum").unwrap();
    assert_eq!(d.to_string(), "2026-10-01");
    let e = date_or_today(Some("1-10-2026"), "peildatum").unwrap_err();
    assert_eq!(
        e.to_string(),
        "peildatum 1-10-2026 is geen datum als 2026-11-22"
    );
}

#[test]
fn the_werkprogramma_export_writes_all_or_nothing_and_stores_the_new_one_only_then() {
    let dir = tempfile::tempdir().unwrap();
    drop(sample_session(dir.path()));
    let project = dir.path().join("Voorbeeldstad.locatiescout");
    let from = sample("werkprogramma.toml");
    let date = date_or_today(Some("2026-10-01"), "peildatum").unwrap();
    // One output that cannot be written: nothing is written, nothing stored.
    let good = dir.path().join("wp.csv");
    let bad = dir.path().join("geen-map/wp.pdf");
    let outs = [good.clone(), bad];
    let req = ExportRequest {
        project: &project,
        outs: &outs,
        from: Some(&from),
        restore: None,
        boundary: None,
        reference_date: date,
    };
    assert!(export(&req).is_err());
    assert!(!good.exists());
    let p = locatiescout_io::project::Project::open_read_only(&project).unwrap();
    assert!(locatiescout_application::stored::werkprogramma(&p)
        .unwrap()
        .entries
        .is_empty());
    drop(p);
    // Both writable: written, and the file's werkprogramma is now the project's.
    let outs = [good.clone()];
    let done = export(&ExportRequest { outs: &outs, ..req }).unwrap();
    assert!(good.exists());
    let ex = done.export.unwrap();
    let p = locatiescout_io::project::Project::open_read_only(&project).unwrap();
    let stored = locatiescout_application::stored::werkprogramma(&p).unwrap();
    assert_eq!(stored.entries.len(), ex.report.input.entries.len());
    assert!(!stored.entries.is_empty());
}

#[test]
fn weights_are_set_by_key_and_an_unknown_key_names_the_criteria() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = sample_session(dir.path());
    let key = s.scoring.profile.criteria[0].key.clone();
    scoring::set_weights(&mut s.scoring, [(key.as_str(), 0.0)]).unwrap();
    assert_eq!(s.scoring.weights[0], 0.0);
    let e = scoring::set_weights(&mut s.scoring, [("parkeren", 10.0)]).unwrap_err();
    assert!(e.to_string().contains("parkeren"), "{e}");
}
