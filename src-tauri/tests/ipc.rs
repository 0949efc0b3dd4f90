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

fn app() -> (
    tauri::App<tauri::test::MockRuntime>,
    WebviewWindow<tauri::test::MockRuntime>,
) {
    let app = locatiescout_app::with_commands(mock_builder())
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
    json!({"sort": "score", "ascending": false, "minScore": 0.0, "includeKnockouts": true, "text": "", "limit": 10})
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
    let (_app, w) = app();
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
    assert_eq!(kinds, ["parcels", "buildings", "listings", "outline"]);
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

    let sites = call(&w, "sites_geojson", json!({})).unwrap();
    let features = sites["features"].as_array().unwrap();
    assert_eq!(features.len(), 1197);
    assert_eq!(features[5]["id"], 5);
    assert_eq!(features[5]["properties"]["site_index"], 5);
    let outline = call(&w, "layer_geojson", json!({ "kind": "outline" })).unwrap();
    assert_eq!(outline["features"].as_array().unwrap().len(), 1);
    let listings = call(&w, "layer_geojson", json!({ "kind": "listings" })).unwrap();
    assert_eq!(listings["features"].as_array().unwrap().len(), 75);

    let s = call(&w, "sensitivity", json!({})).unwrap();
    assert_eq!(s["topN"], 10);
    assert_eq!(s["sites"].as_array().unwrap().len(), 10);
    assert_eq!(s["sites"][0]["index"].as_u64().unwrap(), top);
}

#[test]
fn weights_rescore_in_rust_and_profile_switch_keeps_the_data() {
    let (_app, w) = app();
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
    let r = call(
        &w,
        "set_weights",
        json!({ "weights": weights, "query": query() }),
    )
    .unwrap();
    assert_eq!(r["scores"].as_array().unwrap().len(), 1197);
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
        4,
        "switching profile must not drop layers"
    );
    assert_eq!(
        call(&w, "set_profile", json!({ "profile": "onbekend" })).unwrap_err()["code"],
        "profile"
    );
}

#[test]
fn a_bad_file_gives_a_dutch_error_and_keeps_the_loaded_data() {
    let (_app, w) = app();
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
    let (_app, w) = app();
    call(&w, "open_sample", json!({ "profile": "transformatie" })).unwrap();
    let path = format!(
        "{}/../data/sample/rijksvastgoed.geojson",
        env!("CARGO_MANIFEST_DIR")
    );
    let r = import(&w, &path, "listings").unwrap();
    let rep = &r["report"];
    assert_eq!(rep["imported"], 75);
    assert_eq!(rep["kind"], "listings");
    assert!(!rep["crsDecision"].as_str().unwrap().is_empty());
    assert!(rep["fields"].as_array().unwrap().len() > 3);
    assert_eq!(r["overview"]["profile"], "transformatie");

    // A file that is partly bad: the report lists what was skipped, the rest is used.
    let mixed = shared("geojson_validation/bad/multiple_problems.geojson");
    match import(&w, &mixed, "outline") {
        Ok(r) => assert!(
            r["report"]["skippedCount"].as_u64().unwrap()
                + r["report"]["invalidCount"].as_u64().unwrap()
                > 0
        ),
        Err(e) => assert_eq!(e["code"], "import"),
    }
}

#[test]
fn cancel_without_an_import_is_harmless_and_a_first_file_opens_a_project() {
    let (_app, w) = app();
    // Without a running import, cancelling is harmless and a later import still works.
    call(&w, "cancel_import", json!({})).unwrap();
    let path = format!(
        "{}/../data/sample/percelen.geojson",
        env!("CARGO_MANIFEST_DIR")
    );
    let r = import(&w, &path, "parcels").unwrap();
    assert_eq!(
        r["overview"]["sites"], 1197,
        "a first file opens a project when none was open"
    );
}

#[test]
fn the_capability_file_grants_only_what_the_window_needs() {
    let (_app, w) = app();
    // Granted: the app's own commands.
    assert!(call(&w, "cancel_import", json!({})).is_ok());
    // Not granted: saving through the dialog plugin (only `dialog:allow-open` is in the capability).
    let e = call(&w, "plugin:dialog|save", json!({ "options": {} })).unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("not allowed") || text.contains("not found"),
        "{text}"
    );
}

#[test]
fn a_running_import_refuses_a_second_one_and_can_be_cancelled() {
    let (app, w) = app();
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
