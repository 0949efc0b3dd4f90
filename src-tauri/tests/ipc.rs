//! IPC tests: the real commands, the real capability file and the sample data, on
//! Tauri's mock runtime (no window, no WebKit).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow};

fn shared(rel: &str) -> String {
    format!("{}/../../shared/data/{rel}", env!("CARGO_MANIFEST_DIR"))
}

type App = tauri::App<tauri::test::MockRuntime>;
type Window = WebviewWindow<tauri::test::MockRuntime>;

/// An app with its own data folder (sample project, recent list).
fn app() -> (App, Window, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let (app, w) = app_in(dir.path());
    (app, w, dir)
}

fn app_in(data: &std::path::Path) -> (App, Window) {
    let app = locatiescout_app::with_commands(mock_builder(), Some(data.to_path_buf()))
        .build(tauri::generate_context!())
        .expect("app builds");
    let window = match app.get_webview_window("main") {
        Some(w) => w,
        None => tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap(),
    };
    (app, window)
}

fn call(
    w: &WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        w,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| match b {
        tauri::ipc::InvokeResponseBody::Json(s) => serde_json::from_str(&s).unwrap(),
        tauri::ipc::InvokeResponseBody::Raw(bytes) => serde_json::from_slice(&bytes).unwrap(),
    })
}

fn import(
    w: &WebviewWindow<tauri::test::MockRuntime>,
    path: &str,
    kind: &str,
) -> Result<Value, Value> {
    call(
        w,
        "import_layer",
        json!({ "path": path, "kind": kind, "onProgress": "__CHANNEL__:1" }),
    )
}

fn query() -> Value {
    json!({"sort": "score", "ascending": false, "min_score": 0.0, "include_knockouts": true, "text": "", "limit": 10})
}

/// The z12 tile over the sample town, as the map's lstile protocol answers it.
fn tile(w: &Window) -> Vec<u8> {
    let state = w.state::<locatiescout_app::state::AppState>();
    let (lon, lat) = locatiescout::model::crs::rd_to_wgs84(158_500.0, 461_500.0).unwrap();
    let (u, v) = locatiescout::model::crs::wgs84_to_mercator_unit(lon, lat);
    let path = format!(
        "/sites/1/12/{}/{}",
        (u * 4096.0) as u32,
        (v * 4096.0) as u32
    );
    let r = locatiescout_app::commands::map::tile_response(&state, &path);
    assert_eq!(r.status(), 200);
    r.into_body()
}

fn top_ids(w: &WebviewWindow<tauri::test::MockRuntime>) -> Vec<u64> {
    call(w, "ranking", json!({ "query": query() }))
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["index"].as_u64().unwrap())
        .collect()
}

#[test]
fn opens_the_sample_ranks_and_explains() {
    let (_app, w, _dir) = app();
    assert_eq!(
        call(&w, "ranking", json!({ "query": query() })).unwrap_err()["code"],
        "no_project"
    );

    let o = call(&w, "open_sample", json!({ "profile": "flex" })).unwrap();
    assert_eq!(o["sites"], 1197);
    let kinds: Vec<&str> = o["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["parcels", "buildings", "listings", "outline", "congestion"]
    );
    let b = o["bounds"].as_array().unwrap();
    assert!(
        b[0].as_f64().unwrap() > 3.0 && b[3].as_f64().unwrap() < 54.0,
        "{b:?}"
    );

    let rows = call(&w, "ranking", json!({ "query": query() })).unwrap();
    let scores: Vec<f64> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["score"].as_f64().unwrap())
        .collect();
    assert_eq!(scores.len(), 10);
    assert!(scores.windows(2).all(|p| p[0] >= p[1]), "{scores:?}");

    let top = rows[0]["index"].as_u64().unwrap();
    let d = call(&w, "site_detail", json!({ "index": top })).unwrap();
    assert_eq!(
        d["criteria"].as_array().unwrap().len(),
        o["criteria"].as_array().unwrap().len()
    );
    assert!(!d["explanation"].as_str().unwrap().is_empty());
    assert_eq!(
        call(&w, "site_detail", json!({ "index": 999_999 })).unwrap_err()["code"],
        "score"
    );
    // The window's language: the core's sentences come back in English, numbers too.
    assert!(
        d["explanation"].as_str().unwrap().contains(" woningen"),
        "{d}"
    );
    call(&w, "set_language", json!({ "lang": "en" })).unwrap();
    let en = call(&w, "site_detail", json!({ "index": top })).unwrap();
    let text = en["explanation"].as_str().unwrap();
    assert!(
        text.contains(" homes") && !text.contains(" woningen"),
        "{text}"
    );
    assert_eq!(en["band"], "Promising");
    let rows_en = call(&w, "ranking", json!({ "query": query() })).unwrap();
    assert!(rows_en[0]["explanation"]
        .as_str()
        .unwrap()
        .contains(" ha for approx. "));
    let bad = call(&w, "set_language", json!({ "lang": "fr" })).unwrap_err();
    assert!(
        bad["message"]
            .as_str()
            .unwrap()
            .contains("onbekende taal 'fr'"),
        "{bad}"
    );
    call(&w, "set_language", json!({ "lang": "nl" })).unwrap();

    // The sites as vector tiles through the lstile protocol's handler: the tile over
    // the sample town (RD 158 000, 461 000) at z12 holds sites; paths that are
    // not a tile get a Dutch 400.
    let state = w.state::<locatiescout_app::state::AppState>();
    let (lon, lat) = locatiescout::model::crs::rd_to_wgs84(158_500.0, 461_500.0).unwrap();
    let (u, v) = locatiescout::model::crs::wgs84_to_mercator_unit(lon, lat);
    let path = format!(
        "/sites/1/12/{}/{}",
        (u * 4096.0) as u32,
        (v * 4096.0) as u32
    );
    let r = locatiescout_app::commands::map::tile_response(&state, &path);
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/x-protobuf");
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    assert!(r.body().len() > 1000, "{} bytes", r.body().len());
    for (bad, why) in [
        ("/sites/1/12/x/1", "gehele getallen"),
        ("/sites/1/17/0/0", "bestaat niet"),
        ("/sites/1/3/8/0", "bestaat niet"),
        ("/wegen/1/3/1/1", "onbekende kaartlaag"),
        ("/sites/3/1", "geen kaarttegel"),
    ] {
        let r = locatiescout_app::commands::map::tile_response(&state, bad);
        assert_eq!(r.status(), 400, "{bad}");
        assert!(String::from_utf8_lossy(r.body()).contains(why), "{bad}");
    }
    let outline = call(&w, "layer_geojson", json!({ "kind": "outline" })).unwrap();
    assert_eq!(outline["features"].as_array().unwrap().len(), 1);
    let listings = call(&w, "layer_geojson", json!({ "kind": "listings" })).unwrap();
    assert_eq!(listings["features"].as_array().unwrap().len(), 75);

    let s = call(&w, "sensitivity", json!({})).unwrap();
    assert_eq!(s["top_n"], 10);
    assert_eq!(s["sites"].as_array().unwrap().len(), 10);
    assert_eq!(s["sites"][0]["index"].as_u64().unwrap(), top);
}

#[test]
fn weights_rescore_in_rust_and_profile_switch_keeps_the_data() {
    let (_app, w, _dir) = app();
    let o = call(&w, "open_sample", json!({ "profile": "flex" })).unwrap();
    let before = top_ids(&w);
    // All weight on one criterion: the top must follow that criterion.
    let weights: Vec<Value> = o["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(k, c)| json!({ "key": c["key"], "weight": if k == 0 { 100.0 } else { 0.0 } }))
        .collect();
    let tile_before = tile(&w);
    let r = call(
        &w,
        "set_weights",
        json!({ "weights": weights, "query": query() }),
    )
    .unwrap();
    // No per-site scores cross IPC any more: the tiles are cut anew with the new scores.
    assert!(r.get("scores").is_none());
    assert_ne!(
        tile(&w),
        tile_before,
        "a rescore changes the scores in the tiles"
    );
    let after: Vec<u64> = r["top"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["index"].as_u64().unwrap())
        .collect();
    assert_ne!(before, after);
    let bad = json!([{ "key": "bestaat_niet", "weight": 10.0 }]);
    assert_eq!(
        call(
            &w,
            "set_weights",
            json!({ "weights": bad, "query": query() })
        )
        .unwrap_err()["code"],
        "score"
    );

    let t = call(&w, "set_profile", json!({ "profile": "transformatie" })).unwrap();
    assert_eq!(t["profile"], "transformatie");
    assert_eq!(
        t["layers"].as_array().unwrap().len(),
        5,
        "switching profile must not drop layers"
    );
    assert_eq!(
        call(&w, "set_profile", json!({ "profile": "onbekend" })).unwrap_err()["code"],
        "profile"
    );
}

#[test]
fn a_bad_file_gives_a_dutch_error_and_keeps_the_loaded_data() {
    let (_app, w, _dir) = app();
    call(&w, "open_sample", json!({ "profile": "flex" })).unwrap();
    let before = top_ids(&w);
    for bad in [
        "bad-json.geojson",
        "badcoord.geojson",
        "featurecollection-obj.geojson",
    ] {
        let path = shared(&format!("geojson_validation/bad/{bad}"));
        let e = import(&w, &path, "parcels").unwrap_err();
        assert_eq!(e["code"], "import", "{bad}: {e}");
        let msg = e["message"].as_str().unwrap();
        assert!(msg.contains(bad), "names the file: {msg}");
        assert!(
            msg.contains("geen") || msg.contains("ongeldig") || msg.contains("niet"),
            "Dutch: {msg}"
        );
        assert_eq!(top_ids(&w), before, "{bad} changed the loaded data");
    }
    let missing = import(&w, "/bestaat/niet.geojson", "parcels").unwrap_err();
    assert_eq!(missing["code"], "import");
    assert_eq!(top_ids(&w), before);
}

#[test]
fn importing_a_file_replaces_that_layer_and_reports() {
    let (_app, w, _dir) = app();
    call(&w, "open_sample", json!({ "profile": "transformatie" })).unwrap();
    let path = format!(
        "{}/../data/sample/rijksvastgoed.geojson",
        env!("CARGO_MANIFEST_DIR")
    );
    let r = import(&w, &path, "listings").unwrap();
    let rep = &r["report"];
    assert_eq!(rep["imported"], 75);
    assert_eq!(rep["kind"], "listings");
    assert!(!rep["crs_decision"].as_str().unwrap().is_empty());
    assert!(rep["fields"].as_array().unwrap().len() > 3);
    assert_eq!(r["overview"]["profile"], "transformatie");

    // A file that is partly bad: the report lists what was skipped, the rest is used.
    let mixed = shared("geojson_validation/bad/multiple_problems.geojson");
    match import(&w, &mixed, "outline") {
        Ok(r) => assert!(
            r["report"]["skipped_count"].as_u64().unwrap()
                + r["report"]["invalid_count"].as_u64().unwrap()
                > 0
        ),
        Err(e) => assert_eq!(e["code"], "import"),
    }
}

#[test]
fn without_a_project_imports_are_refused_and_a_new_project_starts_from_a_file() {
    let (_app, w, dir) = app();
    // Without a running import, cancelling is harmless.
    call(&w, "cancel_import", json!({})).unwrap();
    // Without a project the map's tiles are empty, not an error.
    assert!(tile(&w).is_empty());
    let path = format!(
        "{}/../data/sample/percelen.geojson",
        env!("CARGO_MANIFEST_DIR")
    );
    assert_eq!(
        import(&w, &path, "parcels").unwrap_err()["code"],
        "no_project"
    );
    let project = dir.path().join("eigen.locatiescout");
    let o = call(
        &w,
        "project_new",
        json!({ "path": project.display().to_string(), "file": path, "kind": "parcels" }),
    )
    .unwrap();
    assert_eq!(o["sites"], 1197);
    assert_eq!(o["project"]["name"], "eigen");
    let again = call(
        &w,
        "project_new",
        json!({ "path": project.display().to_string(), "file": path, "kind": "parcels" }),
    )
    .unwrap_err();
    assert!(
        again["message"].as_str().unwrap().contains("bestaat al"),
        "{again}"
    );
}

#[test]
fn the_capability_file_grants_only_what_the_window_needs() {
    let (_app, w, _dir) = app();
    // Granted: the app's own commands.
    assert!(call(&w, "cancel_import", json!({})).is_ok());
    // Not granted: closing the window is a core command outside `core:default`; the ACL,
    // not a missing handler, must refuse it.
    let e = call(&w, "plugin:window|close", json!({ "label": "main" })).unwrap_err();
    let text = e.to_string();
    assert!(text.contains("not allowed"), "{text}");
}

#[test]
fn a_running_import_refuses_a_second_one_and_can_be_cancelled() {
    let (app, w, _dir) = app();
    call(&w, "open_sample", json!({ "profile": "flex" })).unwrap();
    let before = top_ids(&w);
    // Big enough that reading it takes well over the moment needed to cancel.
    let dir = std::env::temp_dir().join(format!("locatiescout-ipc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("groot.geojson");
    let mut text = String::from("{\"type\":\"FeatureCollection\",\"features\":[");
    for i in 0..400_000 {
        if i > 0 {
            text.push(',');
        }
        let (x, y) = (150_000 + i % 1000, 450_000 + i / 1000);
        text.push_str(&format!(
            "{{\"type\":\"Feature\",\"properties\":{{\"identificatie\":\"P{i}\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[{x},{y}],[{x}.9,{y}],[{x}.9,{y}.9],[{x},{y}.9],[{x},{y}]]]}}}}"
        ));
    }
    text.push_str("]}");
    std::fs::write(&big, text).unwrap();

    let w2 = w.clone();
    let path = big.display().to_string();
    let running = std::thread::spawn(move || import(&w2, &path, "parcels"));
    let state = app.state::<locatiescout_app::state::AppState>();
    let started = std::time::Instant::now();
    while !state.import_running() {
        assert!(started.elapsed().as_secs() < 30, "the import never started");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let second = import(&w, &big.display().to_string(), "parcels").unwrap_err();
    assert_eq!(second["code"], "busy", "{second}");
    call(&w, "cancel_import", json!({})).unwrap();
    let first = running.join().unwrap().unwrap_err();
    assert_eq!(first["code"], "cancelled", "{first}");
    assert_eq!(top_ids(&w), before, "a cancelled import changed the data");
    let _ = std::fs::remove_dir_all(&dir);
}

fn row_flags(w: &Window, flag: &str) -> Vec<(u64, Option<String>)> {
    let mut q = query();
    q["flag"] = json!(flag);
    q["limit"] = json!(2000);
    call(w, "ranking", json!({ "query": q }))
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["index"].as_u64().unwrap(),
                r["flag"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn flags_are_kept_in_the_project_and_filter_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let top = {
        let (_app, w) = app_in(dir.path());
        call(&w, "open_sample", json!({ "profile": "flex" })).unwrap();
        let top = top_ids(&w);
        let r = call(
            &w,
            "flag_sites",
            json!({ "indices": [top[0], top[1]], "status": "In onderzoek", "note": "eerst kijken", "author": "an" }),
        )
        .unwrap();
        assert_eq!(r["flagged"], 2);
        call(
            &w,
            "flag_sites",
            json!({ "indices": [top[0]], "status": "kansrijk", "note": "goed", "author": null }),
        )
        .unwrap();
        let bad = call(
            &w,
            "flag_sites",
            json!({ "indices": [top[0]], "status": "ja", "note": "" }),
        )
        .unwrap_err();
        assert_eq!(bad["code"], "flag");
        // The weights are kept too.
        let weights = json!([{ "key": "size", "weight": 77.0 }]);
        call(
            &w,
            "set_weights",
            json!({ "weights": weights, "query": query() }),
        )
        .unwrap();
        top
    };
    // A fresh app on the same data folder: everything is still there.
    let (_app, w) = app_in(dir.path());
    let o = call(&w, "open_start", json!({})).unwrap();
    assert_eq!(o["project"]["name"], "Voorbeeldstad");
    let size = o["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "size")
        .unwrap();
    assert_eq!(size["weight"], 77.0, "weights are saved as they change");
    let flagged = row_flags(&w, "any");
    assert_eq!(flagged.len(), 2);
    assert!(
        flagged.contains(&(top[0], Some("kansrijk".into()))),
        "{flagged:?}"
    );
    assert!(
        flagged.contains(&(top[1], Some("in_onderzoek".into()))),
        "{flagged:?}"
    );
    assert_eq!(
        row_flags(&w, "in_onderzoek"),
        vec![(top[1], Some("in_onderzoek".into()))]
    );
    assert_eq!(row_flags(&w, "none").len(), 1197 - 2);
    let history = call(&w, "flag_history", json!({ "index": top[0] })).unwrap();
    let statuses: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["in_onderzoek", "kansrijk"]);
    assert_eq!(history[0]["author"], "an");
    assert!(
        !history[1]["author"].as_str().unwrap().is_empty(),
        "the default author is filled in"
    );
    let map = call(&w, "site_flags", json!({})).unwrap();
    assert_eq!(map.as_array().unwrap().len(), 2);
}

#[test]
fn flags_travel_to_another_project_and_save_as_makes_a_copy() {
    let (_a, rvb, dir) = app();
    call(&rvb, "open_sample", json!({ "profile": "transformatie" })).unwrap();
    let top = top_ids(&rvb);
    call(&rvb, "flag_sites", json!({ "indices": [top[0]], "status": "Aangeboden aan gemeente", "note": "naar de gemeente" }))
        .unwrap();
    let out = dir.path().join("vlaggen.geojson");
    assert_eq!(
        call(
            &rvb,
            "flags_export",
            json!({ "path": out.display().to_string() })
        )
        .unwrap(),
        1
    );

    // Save as: a self-contained copy that becomes the open project.
    let copy = dir.path().join("kopie.locatiescout");
    let o = call(
        &rvb,
        "project_save_as",
        json!({ "path": copy.display().to_string() }),
    )
    .unwrap();
    assert_eq!(o["project"]["name"], "kopie");
    assert_eq!(row_flags(&rvb, "any").len(), 1, "the copy has the flag");
    let recent = call(&rvb, "recent_projects", json!({})).unwrap();
    assert!(
        recent[0].as_str().unwrap().ends_with("kopie.locatiescout"),
        "{recent}"
    );

    // The municipality: its own data folder, the same sample, imports the flags.
    let (_b, gem, _d2) = app();
    call(&gem, "open_sample", json!({ "profile": "transformatie" })).unwrap();
    let r = call(
        &gem,
        "flags_import",
        json!({ "path": out.display().to_string() }),
    )
    .unwrap();
    assert_eq!(r["imported"], 1);
    assert!(r["rejected"].as_array().unwrap().is_empty(), "{r}");
    assert_eq!(
        row_flags(&gem, "aangeboden"),
        vec![(top[0], Some("aangeboden".into()))]
    );
}

#[test]
fn a_project_from_a_newer_version_is_refused_and_the_open_one_stays() {
    let (_app, w, dir) = app();
    call(&w, "open_sample", json!({ "profile": "flex" })).unwrap();
    let before = top_ids(&w);
    let newer = dir.path().join("nieuwer.locatiescout");
    drop(locatiescout::io::project::Project::create(&newer).unwrap());
    {
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.pragma_update(None, "user_version", 42).unwrap();
    }
    let e = call(
        &w,
        "project_open",
        json!({ "path": newer.display().to_string() }),
    )
    .unwrap_err();
    assert_eq!(e["code"], "project");
    assert!(
        e["message"].as_str().unwrap().contains("nieuwere versie"),
        "{e}"
    );
    assert_eq!(top_ids(&w), before);
    let missing = call(
        &w,
        "project_open",
        json!({ "path": "/bestaat/niet.locatiescout" }),
    )
    .unwrap_err();
    assert_eq!(missing["code"], "project");
}

#[test]
fn the_rvb_impact_table_joins_to_the_rvb_buildings_on_ean() {
    let (_app, w, dir) = app();
    let project = dir.path().join("rvb.locatiescout");
    let o = call(
        &w,
        "project_new",
        json!({
            "path": project.display().to_string(),
            "file": shared("rijksvastgoed/derived_rvb_bouwwerken_netcongestie_rd.geojson"),
            "kind": "listings"
        }),
    )
    .unwrap();
    assert_eq!(o["sites"], 236);
    let bad = dir.path().join("geen_ean.csv");
    std::fs::write(&bad, "adres;plaats\nA 1;B\n").unwrap();
    let e = call(
        &w,
        "join_listings_table",
        json!({ "path": bad.display().to_string() }),
    )
    .unwrap_err();
    assert_eq!(e["code"], "import");
    assert_eq!(top_ids(&w).len(), 10, "the listings are still there");

    let csv = shared("rijksvastgoed/derived_rvb_impactanalyse_gefilterde_data.csv");
    let r = call(&w, "join_listings_table", json!({ "path": csv })).unwrap();
    assert_eq!(r["report"]["matched"], 236);
    assert_eq!(r["report"]["matched_keys"], 235);
    assert_eq!(r["report"]["unmatched_rows"].as_array().unwrap().len(), 39);
    assert_eq!(r["overview"]["sites"], 236);
    // The joined attributes are in the detail, and they are saved in the project.
    let top = top_ids(&w)[0];
    let d = call(&w, "site_detail", json!({ "index": top })).unwrap();
    let keys: Vec<&str> = d["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a[0].as_str().unwrap())
        .collect();
    assert!(keys.contains(&"Entity"), "{keys:?}");
    let reopened = call(
        &w,
        "project_open",
        json!({ "path": project.display().to_string() }),
    )
    .unwrap();
    assert_eq!(reopened["sites"], 236);
    let d = call(&w, "site_detail", json!({ "index": top })).unwrap();
    assert!(
        d["attributes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a[0] == "Entity"),
        "saved with the project"
    );
}

fn columns(p: &Value) -> Vec<(String, Option<String>)> {
    p["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["field"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn the_field_mapping_dialog_is_remembered_per_source() {
    let (_app, w, dir) = app();
    call(&w, "open_sample", json!({ "profile": "flex" })).unwrap();
    let rvb = shared("rijksvastgoed/derived_rvb_bouwwerken_netcongestie_rd.geojson");
    let p = call(
        &w,
        "field_preview",
        json!({ "path": rvb, "kind": "listings" }),
    )
    .unwrap();
    assert_eq!(p["remembered"], false);
    assert_eq!(
        (p["features"].as_u64(), p["imported"].as_u64()),
        (Some(236), Some(236))
    );
    let cols = columns(&p);
    assert!(
        cols.contains(&("BOUWWERKCO".into(), Some("rvb_code".into()))),
        "{cols:?}"
    );
    assert!(p["fields"].as_array().unwrap().iter().any(|f| f == "x_rd"));

    // One field from two columns: refused before reading, nothing changes.
    let twice: Vec<Value> = cols
        .iter()
        .map(|(n, f)| {
            let f = if n == "UVID" {
                Some("rvb_code".to_string())
            } else {
                f.clone()
            };
            json!({ "name": n, "field": f })
        })
        .collect();
    let e = call(
        &w,
        "import_layer",
        json!({ "path": rvb, "kind": "listings", "mapping": twice, "onProgress": "__CHANNEL__:1" }),
    )
    .unwrap_err();
    assert_eq!(e["code"], "import");
    assert!(
        e["message"].as_str().unwrap().contains("twee kolommen"),
        "{e}"
    );

    // The user keeps AFSTOOTSTA as a plain attribute.
    let choice: Vec<Value> = cols
        .iter()
        .map(|(n, f)| {
            let f = if n == "AFSTOOTSTA" { None } else { f.clone() };
            json!({ "name": n, "field": f })
        })
        .collect();
    let r = call(
        &w,
        "import_layer",
        json!({ "path": rvb, "kind": "listings", "mapping": choice, "onProgress": "__CHANNEL__:1" }),
    )
    .unwrap();
    let fields: Vec<(String, Option<String>)> = r["report"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f[0].as_str().unwrap().into(),
                f[1].as_str().map(str::to_string),
            )
        })
        .collect();
    assert!(fields.contains(&("AFSTOOTSTA".into(), None)), "{fields:?}");

    // Next time (another app session, same data folder) the same source opens with it.
    let saved: Vec<_> = std::fs::read_dir(dir.path().join("veldkoppelingen"))
        .unwrap()
        .collect();
    assert_eq!(saved.len(), 1);
    let (_app2, w2) = app_in(dir.path());
    let p = call(
        &w2,
        "field_preview",
        json!({ "path": rvb, "kind": "listings" }),
    )
    .unwrap();
    assert_eq!(p["remembered"], true);
    assert!(columns(&p).contains(&("AFSTOOTSTA".into(), None)));
    assert!(columns(&p).contains(&("EAN".into(), Some("ean".into()))));

    // And saved for the command line.
    let out = dir.path().join("rvb.toml");
    call(
        &w,
        "save_field_map",
        json!({ "path": out.display().to_string(), "choices": choice }),
    )
    .unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("ignore = [\"AFSTOOTSTA\"]"), "{text}");
    assert!(text.contains("--fieldmap"), "{text}");

    // A file that is not there: a Dutch message naming it.
    let e = call(
        &w,
        "field_preview",
        json!({ "path": "/nergens/aanbod.geojson", "kind": "listings" }),
    )
    .unwrap_err();
    assert_eq!(e["code"], "import");
    assert!(
        e["message"].as_str().unwrap().contains("aanbod.geojson"),
        "{e}"
    );
}

#[test]
fn a_site_under_a_listing_shows_the_listings_parcels_and_panden() {
    let (_app, w, _dir) = app();
    call(&w, "open_sample", json!({ "profile": "flex" })).unwrap();
    // Find a parcel that carries a listing through the list's text filter on its code.
    let rows = call(
        &w,
        "ranking",
        json!({ "query": {"sort": "score", "ascending": false, "min_score": 0.0, "include_knockouts": true, "text": "", "limit": 2000} }),
    )
    .unwrap();
    let with_listing: Vec<Value> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| {
            let d = call(&w, "site_detail", json!({ "index": r["index"] })).unwrap();
            (!d["listing"].is_null()).then_some(d)
        })
        .collect();
    assert_eq!(
        with_listing.len(),
        75,
        "each sample listing lies on its own parcel"
    );
    let d = &with_listing[0];
    let l = &d["listing"];
    let parcels = l["parcels"].as_array().unwrap();
    assert_eq!(parcels[0]["site"], d["index"]);
    assert_eq!(parcels[0]["score"], d["score"]);
    assert!(l["code"].as_str().unwrap().contains("_0"), "{l}");
    // Under the flex profile panden are not sites: linked but not scored here.
    let polygon = with_listing
        .iter()
        .find(|d| !d["listing"]["buildings"].as_array().unwrap().is_empty())
        .unwrap();
    let b = &polygon["listing"]["buildings"][0];
    assert!(b["site"].is_null() && b["score"].is_null());
    assert_eq!(b["share_pct"], 100.0);

    // Transformation: the pand is the site and carries the score.
    call(&w, "set_profile", json!({ "profile": "transformatie" })).unwrap();
    let code = polygon["listing"]["code"].clone();
    let rows = call(
        &w,
        "ranking",
        json!({ "query": {"sort": "score", "ascending": false, "min_score": 0.0, "include_knockouts": true, "text": "", "limit": 2000} }),
    )
    .unwrap();
    let hit = rows
        .as_array()
        .unwrap()
        .iter()
        .find_map(|r| {
            let d = call(&w, "site_detail", json!({ "index": r["index"] })).unwrap();
            (d["listing"]["code"] == code).then_some(d)
        })
        .unwrap();
    assert_eq!(hit["listing"]["buildings"][0]["site"], hit["index"]);
}

#[test]
fn an_ean_table_with_its_own_column_name_joins_through_the_mapping() {
    let (_app, w, dir) = app();
    call(
        &w,
        "project_new",
        json!({
            "path": dir.path().join("rvb.locatiescout").display().to_string(),
            "file": shared("rijksvastgoed/derived_rvb_bouwwerken_netcongestie_rd.geojson"),
            "kind": "listings"
        }),
    )
    .unwrap();
    // The impact analysis with its key column renamed, as another export might name it.
    let text = std::fs::read_to_string(shared(
        "rijksvastgoed/derived_rvb_impactanalyse_gefilterde_data.csv",
    ))
    .unwrap();
    let renamed = dir.path().join("impact.csv");
    std::fs::write(&renamed, text.replacen("EAN,", "Aansluiting-EAN,", 1)).unwrap();
    let path = renamed.display().to_string();
    let e = call(
        &w,
        "join_listings_table",
        json!({ "path": path, "mapping": null }),
    )
    .unwrap_err();
    assert_eq!(e["code"], "import");

    let p = call(
        &w,
        "field_preview",
        json!({ "path": path, "kind": "listings" }),
    )
    .unwrap();
    let choice: Vec<Value> = columns(&p)
        .into_iter()
        .map(|(n, f)| {
            let f = if n == "Aansluiting-EAN" {
                Some("ean".to_string())
            } else {
                f
            };
            json!({ "name": n, "field": f })
        })
        .collect();
    let r = call(
        &w,
        "join_listings_table",
        json!({ "path": path, "mapping": choice }),
    )
    .unwrap();
    assert_eq!(r["report"]["matched"], 236);
    // Remembered for the next table with these columns.
    let p = call(
        &w,
        "field_preview",
        json!({ "path": path, "kind": "listings" }),
    )
    .unwrap();
    assert_eq!(p["remembered"], true);
    assert!(columns(&p).contains(&("Aansluiting-EAN".into(), Some("ean".into()))));
}

#[test]
fn congestion_areas_explain_the_grid_status_and_join_the_capaciteitskaart() {
    let (_app, w, dir) = app();
    call(&w, "open_sample", json!({ "profile": "flex" })).unwrap();
    // The sample's areas are on the map with their colour and hatch.
    let bytes = call(&w, "layer_geojson", json!({ "kind": "congestion" })).unwrap();
    let features = bytes["features"].as_array().unwrap();
    assert_eq!(features.len(), 4);
    let centrum = features
        .iter()
        .find(|f| f["properties"]["id"] == "VS-CENTRUM")
        .unwrap();
    assert_eq!(centrum["properties"]["afname"], "orange");
    assert_eq!(centrum["properties"]["beheer"], true);
    // A site without a note takes its grid status from the area, and says so.
    let rows = call(
        &w,
        "ranking",
        json!({ "query": {"sort": "score", "ascending": false, "min_score": 0.0, "include_knockouts": true, "text": "", "limit": 2000} }),
    )
    .unwrap();
    let from_area = rows
        .as_array()
        .unwrap()
        .iter()
        .find_map(|r| {
            let d = call(&w, "site_detail", json!({ "index": r["index"] })).unwrap();
            (d["grid"]["source"] == "area" && d["grid"]["status"] == "wachtrij").then_some(d)
        })
        .unwrap();
    assert_eq!(from_area["grid"]["operator"], "Stedin");
    assert!(
        from_area["explanation"]
            .as_str()
            .unwrap()
            .contains("capaciteitskaart: "),
        "{}",
        from_area["explanation"]
    );

    // The capaciteitskaart table joins to areas of a new project keyed to real ids.
    let areas = dir.path().join("gebieden.geojson");
    std::fs::write(
        &areas,
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"voedingsgebied_id":"CM11","afname":2},"geometry":{"type":"Polygon","coordinates":[[[5.3,52.1],[5.5,52.1],[5.5,52.3],[5.3,52.3],[5.3,52.1]]]}}]}"#,
    )
    .unwrap();
    let r = import(&w, &areas.display().to_string(), "congestion").unwrap();
    assert_eq!(r["report"]["imported"], 1);
    let csv = shared("grid_congestion/capaciteitskaart_voedingsgebieden.csv");
    let j = call(&w, "join_congestion_table", json!({ "path": csv })).unwrap();
    assert_eq!(j["report"]["matched"], 1);
    assert_eq!(j["report"]["unmatched_rows"].as_array().unwrap().len(), 602);
    let bytes = call(&w, "layer_geojson", json!({ "kind": "congestion" })).unwrap();
    let tekst = bytes["features"][0]["properties"]["tekst"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        tekst,
        "capaciteitskaart: oranje, wachtrij 8,7 MW, opgelost 2029 (Stedin, gebied CM11)"
    );
}

#[test]
fn the_congestion_code_mapping_is_a_project_setting() {
    let (_app, w, dir) = app();
    call(&w, "open_sample", json!({ "profile": "flex" })).unwrap();
    let mut cfg = call(&w, "congestion_config", json!({})).unwrap();
    assert_eq!(cfg["offtake_field"], "afname");
    assert_eq!(cfg["codes"].as_array().unwrap().len(), 5);
    let before = top_ids(&w);

    // A colour that does not exist: refused, nothing changes.
    cfg["codes"][0][1] = json!("paars");
    let e = call(&w, "set_congestion_config", json!({ "config": cfg })).unwrap_err();
    assert!(e["message"].as_str().unwrap().contains("paars"), "{e}");
    assert_eq!(top_ids(&w), before);

    // Every code transparent: no area holds a site back any more.
    for c in cfg["codes"].as_array_mut().unwrap() {
        c[1] = json!("transparent");
    }
    call(&w, "set_congestion_config", json!({ "config": cfg })).unwrap();
    let rows = call(
        &w,
        "ranking",
        json!({ "query": {"sort": "score", "ascending": false, "min_score": 0.0, "include_knockouts": true, "text": "", "limit": 2000} }),
    )
    .unwrap();
    let area_statuses: std::collections::BTreeSet<String> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| {
            let d = call(&w, "site_detail", json!({ "index": r["index"] })).unwrap();
            (d["grid"]["source"] == "area")
                .then(|| d["grid"]["status"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(
        area_statuses.into_iter().collect::<Vec<_>>(),
        ["beschikbaar"]
    );

    // Kept with the project.
    let (_app2, w2) = app_in(dir.path());
    call(&w2, "open_start", json!({})).unwrap();
    let again = call(&w2, "congestion_config", json!({})).unwrap();
    assert!(again["codes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c[1] == "transparent"));
}

#[test]
fn compare_two_sites_then_plan_them_in_the_werkprogramma_and_export() {
    let (_app, w, dir) = app();
    call(&w, "open_sample", json!({ "profile": "flex" })).unwrap();
    let top = top_ids(&w);
    let pair = json!([top[0], top[1]]);

    // One site is no comparison; two are, with every criterion and the business case.
    let one = call(&w, "compare_sites", json!({ "indices": [top[0]] })).unwrap_err();
    assert_eq!(one["code"], "score");
    assert!(one["message"].as_str().unwrap().contains("kies 2 tot 4"));
    let c = call(&w, "compare_sites", json!({ "indices": pair })).unwrap();
    assert_eq!(c["sites"].as_array().unwrap().len(), 2);
    let labels: Vec<&str> = c["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["label"].as_str().unwrap())
        .collect();
    for l in [
        "Score",
        "Netaansluiting",
        "Bron netaansluiting",
        "Vlag",
        "Tekort per woning",
        "SFT",
        "RTHF",
    ] {
        assert!(labels.contains(&l), "{l} in {labels:?}");
    }
    // Handed on as a spreadsheet or CSV; another format is refused with nothing written.
    for ext in ["xlsx", "csv"] {
        let out = dir.path().join(format!("vergelijking.{ext}"));
        let written = call(
            &w,
            "compare_export",
            json!({ "indices": pair, "path": out.display().to_string() }),
        )
        .unwrap();
        assert_eq!(written, out.display().to_string());
        assert!(std::fs::metadata(&out).unwrap().len() > 100);
    }
    let csv = std::fs::read_to_string(dir.path().join("vergelijking.csv")).unwrap();
    assert!(
        csv.contains("Netaansluiting") && csv.contains(";verschilt;beste"),
        "{csv}"
    );
    let docx = dir.path().join("vergelijking.docx");
    let e = call(
        &w,
        "compare_export",
        json!({ "indices": pair, "path": docx.display().to_string() }),
    )
    .unwrap_err();
    assert_eq!(e["code"], "export");
    assert!(!docx.exists());

    // Empty at first, then both sites with the site's estimate of homes.
    let empty = call(&w, "werkprogramma", json!({})).unwrap();
    assert_eq!(empty["sites"].as_array().unwrap().len(), 0);
    assert!(empty["chart_svg"].as_str().unwrap().starts_with("<svg"));
    let wp = call(&w, "werkprogramma_add", json!({ "indices": pair })).unwrap();
    let sites = wp["sites"].as_array().unwrap();
    assert_eq!(sites.len(), 2);
    assert!(sites[0]["entry"]["homes"].as_f64().unwrap() > 0.0);
    assert_eq!(sites[0]["entry"]["form"], "flex");
    // Adding again does not double them.
    let again = call(&w, "werkprogramma_add", json!({ "indices": pair })).unwrap();
    assert_eq!(again["sites"].as_array().unwrap().len(), 2);

    // The taakstelling: 100 persons a period; 20 % of 300 = 60 persons over the periods.
    let mut input = wp["input"].clone();
    input["gemeente"] = json!("Voorbeeldstad");
    input["entries"][0]["persons_per_unit"] = json!(2.0);
    for p in input["periods"].as_array_mut().unwrap() {
        p["taakstelling_persons"] = json!(100.0);
    }
    input["entries"][0]["homes"] = json!(20.0);
    input["entries"][0]["share_statushouders"] = json!(0.5);
    input["entries"][1]["homes"] = json!(30.0);
    input["entries"][1]["period"] = json!(1);
    input["entries"][1]["share_statushouders"] = json!(0.3);
    let r = call(&w, "werkprogramma_set", json!({ "input": input.clone() })).unwrap();
    // 20 homes × 50 % = 10 homes of 2 persons = 20 persons; 30 × 30 % = 9 persons.
    assert_eq!(r["periods"][0]["ambition_persons"], 20.0);
    assert_eq!(r["periods"][0]["planned_units_statushouders"], 10.0);
    assert_eq!(r["periods"][0]["planned_persons"], 20.0);
    assert_eq!(r["periods"][1]["planned_persons"], 9.0);
    assert_eq!(r["total"]["planned_units"], 50.0);
    assert_eq!(r["ambition_persons"], 60.0);
    assert_eq!(r["planned_persons"], 29.0);
    assert_eq!(r["reaches_ambition"], false);
    assert!(
        r["ambition_verdict"]
            .as_str()
            .unwrap()
            .contains("van de 60 personen"),
        "{}",
        r["ambition_verdict"]
    );

    // Nonsense is refused and nothing is stored.
    let mut bad = input.clone();
    bad["ambition_share"] = json!(2.0);
    let e = call(&w, "werkprogramma_set", json!({ "input": bad })).unwrap_err();
    assert_eq!(e["code"], "werkprogramma");
    assert_eq!(
        call(&w, "werkprogramma", json!({})).unwrap()["input"]["ambition_share"],
        0.2
    );

    // Exports land where asked; an unknown format is a clear error.
    for ext in ["html", "pdf", "xlsx", "gpkg"] {
        let path = dir.path().join(format!("wp.{ext}"));
        let written = call(&w, "werkprogramma_export", json!({ "path": path })).unwrap();
        assert_eq!(written.as_str().unwrap(), path.display().to_string());
        assert!(std::fs::metadata(&path).unwrap().len() > 1000, "{ext}");
    }
    let e = call(
        &w,
        "werkprogramma_export",
        json!({ "path": dir.path().join("wp.docx") }),
    )
    .unwrap_err();
    assert_eq!(e["code"], "export");
    assert!(e["message"]
        .as_str()
        .unwrap()
        .contains("onbekend uitvoerformaat"));

    // The regional overview reads that GeoPackage: "Voorbeeldstad" has no CBS code,
    // which is said, and nothing is counted; Amersfoort was expected and is missing.
    let gpkg = dir.path().join("wp.gpkg");
    let r = call(
        &w,
        "regio_overview",
        json!({ "paths": [gpkg], "expected": ["GM0307"] }),
    )
    .unwrap();
    let notes = r["notes"].to_string();
    assert!(
        notes.contains("'Voorbeeldstad' is geen gemeente van het CBS"),
        "{notes}"
    );
    let missing = r["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["title"] == "Verwacht maar niet ontvangen")
        .unwrap();
    assert_eq!(missing["rows"][0][1], "Amersfoort");
    assert!(r["map_svg"].as_str().unwrap().starts_with("<svg"));
    let pdf = dir.path().join("regio.pdf");
    let written = call(
        &w,
        "regio_export",
        json!({ "paths": [gpkg], "expected": [], "path": pdf }),
    )
    .unwrap();
    assert_eq!(written.as_str().unwrap(), pdf.display().to_string());
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    // A folder without GeoPackages is refused with a Dutch sentence.
    let empty = tempfile::tempdir().unwrap();
    let e = call(
        &w,
        "regio_overview",
        json!({ "paths": [empty.path()], "expected": [] }),
    )
    .unwrap_err();
    assert_eq!(e["code"], "import");
    assert!(e["message"]
        .as_str()
        .unwrap()
        .contains("geen .gpkg-bestanden in deze map"));
}

#[test]
fn parcels_fetched_from_pdok_replace_the_layer_and_a_second_fetch_downloads_nothing() {
    use httpmock::prelude::*;
    let server = MockServer::start();
    let square = |id: &str, x: f64| {
        format!(
            "{{\"type\":\"Feature\",\"properties\":{{\"identificatie_lokaal_id\":\"{id}\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[{x},461000],[{x2},461000],[{x2},461100],[{x},461100],[{x},461000]]]}}}}",
            x2 = x + 100.0
        )
    };
    let body = format!(
        "{{\"type\":\"FeatureCollection\",\"links\":[],\"features\":[{},{}]}}",
        square("A", 158_000.0),
        square("B", 158_200.0)
    );
    let parcels = server.mock(|when, then| {
        when.path("/collections/perceel/items");
        then.status(200).body(&body);
    });
    // Read by the fetch command only; no other test fetches.
    std::env::set_var("LOCATIESCOUT_PDOK_URL", server.base_url());
    let (_app, w, _dir) = app();
    call(&w, "open_sample", json!({ "profile": "flex" })).unwrap();
    let request = json!({ "gemeente": null, "bbox": "157000,460000,160000,463000", "what": ["percelen"], "refresh": false });
    let r = call(
        &w,
        "fetch_pdok",
        json!({ "request": request, "onProgress": "__CHANNEL__:1" }),
    )
    .unwrap();
    assert_eq!(r["overview"]["sites"], 2);
    let lines = r["lines"].as_array().unwrap();
    assert!(
        lines[0]
            .as_str()
            .unwrap()
            .starts_with("percelen: 2 opgehaald in 1 pagina"),
        "{lines:?}"
    );
    let again = call(
        &w,
        "fetch_pdok",
        json!({ "request": request, "onProgress": "__CHANNEL__:1" }),
    )
    .unwrap();
    assert!(
        again["lines"][0].as_str().unwrap().contains("al opgehaald"),
        "{again}"
    );
    assert_eq!(parcels.calls(), 1);

    // PDOK down: a clear message, the project as it was.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    std::env::set_var(
        "LOCATIESCOUT_PDOK_URL",
        format!("http://127.0.0.1:{closed}"),
    );
    let mut refresh = request.clone();
    refresh["refresh"] = json!(true);
    let e = call(
        &w,
        "fetch_pdok",
        json!({ "request": refresh, "onProgress": "__CHANNEL__:1" }),
    )
    .unwrap_err();
    assert_eq!(e["code"], "fetch");
    assert!(e["message"].as_str().unwrap().contains("PDOK"), "{e}");
    assert_eq!(top_ids(&w).len(), 2);
    // An address-only list of listings: looked up at "Locatieserver", then imported.
    let ls = MockServer::start();
    ls.mock(|when, then| {
        when.path("/free").query_param("q", "Stationsplein 1 Utrecht");
        then.status(200).body("{\"response\":{\"numFound\":1,\"docs\":[{\"weergavenaam\":\"Stationsplein 1, 3511ED Utrecht\",\"centroide_rd\":\"POINT(136013.585 455926.148)\"}]}}");
    });
    ls.mock(|when, then| {
        when.path("/free")
            .query_param("q", "Nergens 1 Nergenshuizen");
        then.status(200)
            .body("{\"response\":{\"numFound\":0,\"docs\":[]}}");
    });
    std::env::set_var("LOCATIESCOUT_PDOK_URL", ls.base_url());
    let csv = _dir.path().join("adressen.csv");
    std::fs::write(
        &csv,
        "BOUWWERKCO;adres;plaats\nA1;Stationsplein 1;Utrecht\nA2;Nergens 1;Nergenshuizen\n",
    )
    .unwrap();
    let r = call(
        &w,
        "geocode_listings",
        json!({ "path": csv, "mapping": null, "onProgress": "__CHANNEL__:1" }),
    )
    .unwrap();
    assert_eq!(r["report"]["imported"], 1);
    let notes = r["report"]["notes"].to_string();
    assert!(
        notes.contains("1 gevonden") && notes.contains("Nergens 1 Nergenshuizen niet gevonden"),
        "{notes}"
    );

    // Municipalities to choose from, by name.
    let g = call(&w, "gemeenten", json!({})).unwrap();
    let names: Vec<&str> = g
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 342);
    assert!(names.contains(&"Utrecht"));

    // The same municipalities as context lines for the map, in WGS84 degrees.
    let m = call(&w, "municipalities_geojson", json!({})).unwrap();
    let features = m["features"].as_array().unwrap();
    assert_eq!(features.len(), 342);
    let first = &features[0]["geometry"]["coordinates"];
    let lonlat = [&first[0][0][0], &first[0][0][0][0]]
        .into_iter()
        .find_map(|v| serde_json::from_value::<[f64; 2]>(v.clone()).ok())
        .unwrap();
    assert!(
        (3.0..7.5).contains(&lonlat[0]) && (50.5..53.7).contains(&lonlat[1]),
        "{lonlat:?}"
    );
}

#[test]
fn a_geopackage_lists_its_layers_and_reads_the_one_chosen() {
    let (_app, w, _dir) = app();
    call(&w, "open_sample", json!({ "profile": "flex" })).unwrap();
    let nijkerk = shared("zoning/bestemmingsplan_nijkerk_binnenstad_NL.IMRO.0267.BP0174-0001.gpkg");
    let layers = call(&w, "gpkg_layers", json!({ "path": nijkerk })).unwrap();
    let layers = layers.as_array().unwrap();
    assert_eq!(layers.len(), 8);
    let enkel = layers
        .iter()
        .find(|l| l["name"] == "Enkelbestemming")
        .unwrap();
    assert_eq!(enkel["features"], 235);
    assert_eq!(enkel["geometry_type"], "POLYGON");
    assert_eq!(enkel["crs"], "RD New (EPSG:28992)");
    // Without a choice the import asks for one, in Dutch, naming the layers.
    let e = import(&w, &nijkerk, "parcels").unwrap_err();
    assert!(e["message"].as_str().unwrap().contains("8 lagen"), "{e}");
    let r = call(
        &w,
        "import_layer",
        json!({ "path": nijkerk, "kind": "parcels", "layer": "Enkelbestemming", "onProgress": "__CHANNEL__:1" }),
    )
    .unwrap();
    assert_eq!(r["report"]["imported"], 235);
    assert_eq!(r["report"]["format"], "GeoPackage");
    assert_eq!(r["overview"]["sites"], 235);
}

#[test]
fn a_named_overlay_is_scored_listed_drawn_kept_and_removed() {
    let (_app, w, dir) = app();
    let o = call(&w, "open_sample", json!({ "profile": "flex" })).unwrap();
    // The sample comes with every layer its profiles read: every criterion is scored.
    let mut names: Vec<&str> = o["overlays"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "bestemmingsplan",
            "monumenten",
            "natura2000",
            "stations",
            "voorzieningen"
        ]
    );
    assert_eq!(o["problems"], json!([]));
    // Without its Natura 2000 area, nature is not scored and the reason is named.
    let o = call(&w, "remove_overlay", json!({ "name": "natura2000" })).unwrap();
    assert!(
        o["problems"].as_array().unwrap().iter().any(|p| p
            .as_str()
            .unwrap()
            .contains("criterium Natuur ('nature'): laag 'natura2000' ontbreekt")),
        "{}",
        o["problems"]
    );
    let nature = format!(
        "{}/../data/sample/natura2000.geojson",
        env!("CARGO_MANIFEST_DIR")
    );
    // A name that cannot be one is refused in Dutch before anything changes.
    let e = call(
        &w,
        "import_layer",
        json!({ "path": nature, "kind": "overlay", "overlay": { "name": "Natura 2000" }, "onProgress": "__CHANNEL__:1" }),
    )
    .unwrap_err();
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("laagnaam 'Natura 2000'"),
        "{e}"
    );
    let r = call(
        &w,
        "import_layer",
        json!({ "path": nature, "kind": "overlay", "overlay": { "name": "natura2000", "role": null, "title": null }, "onProgress": "__CHANNEL__:1" }),
    )
    .unwrap();
    assert_eq!(r["report"]["kind"], "overlay");
    let ov = &r["overview"]["overlays"];
    let n = ov
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == "natura2000")
        .unwrap();
    assert_eq!(n["role"], "constraint");
    assert_eq!(n["title"], "Natura 2000-gebied");
    // The English window reads the catalogue's title, not the Dutch one.
    assert_eq!(n["title_en"], "Natura 2000 site");
    assert_eq!(n["geometry"], "polygon");
    assert!(!r["overview"]["problems"].to_string().contains("'nature'"));
    // Some site falls out by the area's name; the free-of-constraints filter leaves it out.
    let q = |unconstrained: bool| {
        json!({ "query": { "sort": "score", "ascending": false, "min_score": 0.0, "include_knockouts": true,
            "text": "", "limit": 5000, "flag": null, "free_only": false, "unconstrained_only": unconstrained } })
    };
    let all = call(&w, "ranking", q(false)).unwrap();
    let out: Vec<&Value> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["explanation"]
                .as_str()
                .unwrap()
                .contains("Natura 2000-gebied Voorbeelduiterwaarden (fictief)")
                && r["knocked_out"] == true
        })
        .collect();
    assert!(!out.is_empty());
    let kept = call(&w, "ranking", q(true)).unwrap();
    let kept = kept.as_array().unwrap();
    assert!(kept.len() < all.as_array().unwrap().len());
    assert!(!kept.iter().any(|r| r["index"] == out[0]["index"]));
    let d = call(&w, "site_detail", json!({ "index": out[0]["index"] })).unwrap();
    let fact = d["spatial"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "nature")
        .unwrap();
    assert_eq!(fact["layer"], "natura2000");
    assert_eq!(fact["feature"], 0);
    assert_eq!(fact["feature_name"], "Voorbeelduiterwaarden (fictief)");
    let geo = call(&w, "overlay_geojson", json!({ "name": "natura2000" })).unwrap();
    assert_eq!(
        geo["features"][0]["properties"]["name"],
        "Voorbeelduiterwaarden (fictief)"
    );
    assert_eq!(geo["features"][0]["properties"]["index"], 0);
    // Kept in the project: another start shows it with its role.
    let (_app2, w2) = app_in(dir.path());
    let again = call(&w2, "open_start", json!({})).unwrap();
    assert_eq!(
        again["overlays"].as_array().unwrap().len(),
        5,
        "{}",
        again["overlays"]
    );
    drop(w2);
    // Removing it makes nature unscored again.
    let o = call(&w, "remove_overlay", json!({ "name": "natura2000" })).unwrap();
    assert_eq!(o["overlays"].as_array().unwrap().len(), 4);
    assert!(o["problems"].to_string().contains("'nature'"));
    let e = call(&w, "remove_overlay", json!({ "name": "natura2000" })).unwrap_err();
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("geen laag 'natura2000'"),
        "{e}"
    );
}
