//! The real app window, driven through tauri-driver + WebKitWebDriver under Xvfb:
//!
//!     xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p locatiescout-e2e --test window
//!
//! Needs `target/debug/locatiescout-app` built (with `ui/dist`) and `tauri-driver` on PATH;
//! `scripts/test.sh` does both. Fixed ports: one test at a time.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::time::Duration;

use fantoccini::{Client, Locator};
use locatiescout_e2e::{click, js, run_session, screenshot, wait_for};
use serde_json::{json, Value};

async fn top_ids(c: &Client, n: usize) -> Vec<String> {
    let v = js(c, &format!("return [...document.querySelectorAll('#list .row .id')].slice(0, {n}).map(e => e.title)")).await;
    serde_json::from_value(v).unwrap_or_default()
}

async fn checks(c: &Client) {
    // The app opens on the sample and the map has rendered features (asked through MapLibre, not pixels).
    let rendered = wait_for("rendered sites", Duration::from_secs(60), || async {
        let n = js(c, "const m = window.locatiescoutMap; return m && m.getLayer('locaties') ? m.queryRenderedFeatures({ layers: ['locaties'] }).length : 0").await;
        n.as_u64().filter(|n| *n > 0)
    })
    .await;
    assert!(rendered > 100, "only {rendered} sites rendered");
    // The sites come as vector tiles from the core (lstile://), not as one GeoJSON source.
    assert_eq!(
        js(c, "const s = window.locatiescoutMap.getSource('sites'); return [s.type, s.tiles[0].split('/').slice(0, 4).join('/')]").await,
        json!(["vector", "lstile://localhost/sites"])
    );
    let held = map_source(c).await;
    assert_eq!(
        held[0],
        json!(1197),
        "every sample site in the tiles in view: {held}"
    );
    // A click on a site on the map opens its breakdown.
    click_a_site_on_the_map(c).await;
    let before = wait_for("the candidate list", Duration::from_secs(30), || async {
        let ids = top_ids(c, 5).await;
        (ids.len() == 5).then_some(ids)
    })
    .await;
    assert_eq!(
        js(c, "return document.documentElement.lang").await,
        json!("nl")
    );

    // Moving a weight slider changes the top of the list (rescoring happens in Rust):
    // the distance to the sample's station then decides most.
    js(c, "const i = document.querySelector('#weights input[data-key=station]'); i.value = 100; i.dispatchEvent(new Event('input', { bubbles: true })); return true").await;
    let after = wait_for("a re-ranked list", Duration::from_secs(15), || async {
        let ids = top_ids(c, 5).await;
        (ids.len() == 5 && ids != before).then_some(ids)
    })
    .await;
    assert_ne!(before, after);

    // Clicking a site shows its breakdown.
    click(c, "#list .row").await;
    let bars = wait_for("the breakdown", Duration::from_secs(15), || async {
        let n = js(c, "return document.querySelectorAll('#detail .bar').length").await;
        n.as_u64().filter(|n| *n > 0)
    })
    .await;
    assert_eq!(bars, 9, "one bar per flex criterion");
    let text = c
        .find(Locator::Css("#detail"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        text.contains("Opbouw van de score") && text.contains("Netaansluiting"),
        "{text}"
    );

    // The core's weight-sensitivity shows as "stabiel / gevoelig" on the top sites.
    wait_for("stability badges", Duration::from_secs(20), || async {
        let n = js(c, "return document.querySelectorAll('#list .badge').length").await;
        n.as_u64().filter(|n| *n > 0)
    })
    .await;

    if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        // The list click zoomed in on the site; show the whole region around it for the README.
        let fit = "const done = arguments[arguments.length - 1]; const m = window.locatiescoutMap; \
            m.getSource('outline').getData().then((d) => { const xs = [], ys = []; \
            JSON.stringify(d.features[0].geometry.coordinates).replace(/-?[0-9.]+,-?[0-9.]+/g, (p) => { \
            const [x, y] = p.split(',').map(Number); xs.push(x); ys.push(y); return p; }); \
            m.fitBounds([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], { padding: 30, duration: 0 }); done(true); });";
        c.execute_async(fit, vec![]).await.unwrap();
        rendered_when_idle(c, "locaties").await;
        let png = c.screenshot().await.unwrap();
        std::fs::write(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshot.png"),
            png,
        )
        .unwrap();
    }

    // Importing a bad file shows the Dutch error and keeps the old data.
    let shown = map_source(c).await;
    let bad = repo_path("../shared/data/geojson_validation/bad/bad-json.geojson");
    import(c, &bad, "parcels").await;
    let message = wait_for("the error message", Duration::from_secs(20), || async {
        let v = js(
            c,
            "const m = document.getElementById('message'); return m.hidden ? null : m.textContent",
        )
        .await;
        v.as_str().map(str::to_string)
    })
    .await;
    assert!(
        message.contains("bad-json.geojson")
            && message.contains("ongeldige JSON")
            && message.contains("niet gewijzigd"),
        "{message}"
    );
    assert_eq!(
        top_ids(c, 5).await,
        after,
        "the list changed after a failed import"
    );
    assert_eq!(
        map_source(c).await,
        shown,
        "the map changed after a failed import"
    );
    assert!(rendered_when_idle(c, "locaties").await > 0);

    // A listings file opens the field-mapping dialog first; "Inlezen" reads it and
    // its import report is shown.
    let listings = repo_path("data/sample/rijksvastgoed.geojson");
    import(c, &listings, "listings").await;
    let mapping = wait_for("the field-mapping dialog", Duration::from_secs(30), || async {
        let v = js(c, "const d = document.getElementById('fieldmap-dialog');             const s = document.querySelector('#fieldmap select[data-column=BOUWWERKCO]');             return d.open && s ? [d.textContent, s.value] : null").await;
        v.as_array().cloned()
    })
    .await;
    assert!(
        mapping[0].as_str().unwrap().contains("75 van 75 objecten"),
        "{mapping:?}"
    );
    assert_eq!(mapping[1], "rvb_code");
    click(c, "#fieldmap-import").await;
    let report = wait_for("the import report", Duration::from_secs(30), || async {
        let v = js(c, "const d = document.getElementById('report-dialog'); return d.open ? d.textContent : null").await;
        v.as_str().map(str::to_string)
    })
    .await;
    assert!(
        report.contains("Importverslag") && report.contains("75 ingelezen"),
        "{report}"
    );
    click(c, "#report-close").await;
    congestion(c).await;
}

/// The sample's congestion areas: switched on in the legend they are drawn with the
/// operators' legend; a site without a note explains its grid status from its area.
async fn congestion(c: &Client) {
    click(c, "#legend input[data-layer=congestion]").await;
    let legend = js(c, "return document.getElementById('legend').textContent").await;
    assert!(
        legend
            .as_str()
            .unwrap()
            .contains("gearceerd: congestiemanagement"),
        "{legend}"
    );
    let drawn = wait_for("the congestion areas", Duration::from_secs(20), || async {
        let script = "const done = arguments[arguments.length - 1]; const m = window.locatiescoutMap; \
            if (m.getLayoutProperty('congestiegebieden', 'visibility') !== 'visible') { done(0); return; } \
            m.once('idle', () => done(m.queryRenderedFeatures({ layers: ['congestiegebieden'] }).length)); m.triggerRepaint();";
        let n = c.execute_async(script, vec![]).await.unwrap();
        n.as_u64().filter(|n| *n > 0)
    })
    .await;
    assert!(drawn > 0);
    // VBS00D004570000's note ('geen aansluiting') says nothing about capacity, and it lies in
    // VS-CENTRUM (orange, congestion management): its area decides.
    js(
        c,
        "const s = document.getElementById('search'); s.value = 'VBS00D004570000'; \
        s.dispatchEvent(new Event('input')); return true",
    )
    .await;
    wait_for("the searched site", Duration::from_secs(15), || async {
        let n = js(c, "return document.querySelectorAll('#list .row').length").await;
        (n.as_u64() == Some(1)).then_some(())
    })
    .await;
    click(c, "#list .row").await;
    let grid = wait_for("the grid block", Duration::from_secs(15), || async {
        let v = js(c, "const g = document.querySelector('#detail section.grid'); \
            const e = document.querySelector('#detail .explanation'); \
            return g && e && e.textContent.includes('VBS') === false ? [g.textContent, e.textContent] : null").await;
        v.as_array().cloned()
    })
    .await;
    let (block, explanation) = (grid[0].as_str().unwrap(), grid[1].as_str().unwrap());
    assert!(
        block.contains("capaciteitskaart (congestiegebied)") && block.contains("Stedin"),
        "{block}"
    );
    assert!(
        explanation.contains("capaciteitskaart: oranje, wachtrij 6,8 MW, opgelost 2029"),
        "{explanation}"
    );
    if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        rendered_when_idle(c, "locaties").await;
        let png = c.screenshot().await.unwrap();
        std::fs::write(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/congestion.png"),
            png,
        )
        .unwrap();
    }
    // Back to the whole list, areas off again.
    js(
        c,
        "const s = document.getElementById('search'); s.value = ''; \
        s.dispatchEvent(new Event('input')); return true",
    )
    .await;
    click(c, "#legend input[data-layer=congestion]").await;
    wait_for("the whole list", Duration::from_secs(15), || async {
        let n = js(c, "return document.querySelectorAll('#list .row').length").await;
        n.as_u64().filter(|n| *n > 1)
    })
    .await;
}

/// Features of map layer `layer` MapLibre rendered once it is idle (after any zoom).
async fn rendered_when_idle(c: &Client, layer: &str) -> u64 {
    let script = format!(
        "const done = arguments[arguments.length - 1]; const m = window.locatiescoutMap; \
        m.once('idle', () => done(m.queryRenderedFeatures({{ layers: ['{layer}'] }}).length)); m.triggerRepaint();"
    );
    let v = c.execute_async(&script, vec![]).await.unwrap();
    v.as_u64().unwrap()
}

/// What the map holds: the number of distinct sites in the loaded tiles, and the
/// id and score of the lowest site index among them (the tiles are cut in Rust).
async fn map_source(c: &Client) -> Value {
    let script = "const done = arguments[arguments.length - 1]; const m = window.locatiescoutMap; \
        m.once('idle', () => { const by = new Map(); \
          for (const f of m.querySourceFeatures('sites', { sourceLayer: 'locaties' })) by.set(f.properties.site_index, f.properties); \
          const first = by.size ? by.get(Math.min(...by.keys())) : null; \
          done([by.size, first && first.id, first && first.score]); }); m.triggerRepaint();";
    c.execute_async(script, vec![]).await.unwrap()
}

/// Clicks the map itself (not the list) in the middle of a drawn site polygon and
/// returns that site's id as the tile carried it; the detail panel must show it.
async fn click_a_site_on_the_map(c: &Client) -> String {
    let script = "const m = window.locatiescoutMap; \
        const fs = m.queryRenderedFeatures({ layers: ['locaties'] }).filter((f) => f.geometry.type === 'Polygon'); \
        const w = m.getCanvas().clientWidth, h = m.getCanvas().clientHeight; \
        for (const f of fs) { const ring = f.geometry.coordinates[0]; \
          const lng = ring.reduce((a, p) => a + p[0], 0) / ring.length, lat = ring.reduce((a, p) => a + p[1], 0) / ring.length; \
          const p = m.project([lng, lat]); if (p.x < 40 || p.y < 40 || p.x > w - 40 || p.y > h - 40) continue; \
          const hit = m.queryRenderedFeatures([p.x, p.y], { layers: ['locaties'] }); \
          if (!hit.length || hit[0].properties.site_index !== f.properties.site_index) continue; \
          const r = m.getCanvas().getBoundingClientRect(); \
          for (const type of ['mousedown', 'mouseup', 'click']) \
            m.getCanvasContainer().dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, clientX: r.left + p.x, clientY: r.top + p.y, button: 0 })); \
          return f.properties.id; } \
        return null";
    let id = js(c, script).await;
    let id = id
        .as_str()
        .expect("a site polygon in view to click")
        .to_string();
    let shown = wait_for("the clicked site's detail", Duration::from_secs(15), || async {
        let v = js(c, "const e = document.querySelector('#detail .detail-id'); return e ? e.textContent : null").await;
        v.as_str().filter(|t| t.contains(id.as_str())).map(str::to_string)
    })
    .await;
    assert!(shown.contains(&id));
    id
}

fn repo_path(rel: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel);
    p.canonicalize()
        .unwrap_or_else(|_| panic!("missing test file {}", p.display()))
        .display()
        .to_string()
}

/// Opens a file the way the dialog and drag-and-drop do (a native dialog cannot be driven).
async fn import(c: &Client, path: &str, kind: &str) {
    let script = format!(
        "window.locatiescoutImport({}, {}); return true",
        serde_json::to_string(path).unwrap(),
        serde_json::to_string(kind).unwrap()
    );
    js(c, &script).await;
}

/// Flags the site shown in the detail panel; returns its id.
async fn flag_the_picked_site(c: &Client) -> String {
    wait_for("the flag panel", Duration::from_secs(15), || async {
        let v = js(c, "return !document.getElementById('flag-panel').hidden").await;
        (v == Value::Bool(true)).then_some(())
    })
    .await;
    let id = js(
        c,
        "return document.querySelector('#detail .detail-id').textContent",
    )
    .await;
    js(
        c,
        "document.getElementById('flag-status').value = 'aangeboden'; \
         document.getElementById('flag-note').value = 'aangeboden aan de gemeente, e2e'; \
         document.getElementById('flag-set').click(); return true",
    )
    .await;
    wait_for(
        "the flag in the history",
        Duration::from_secs(15),
        || async {
            let v = js(
                c,
                "return document.getElementById('flag-history').textContent",
            )
            .await;
            v.as_str().filter(|t| t.contains("e2e")).map(str::to_string)
        },
    )
    .await;
    id.as_str().unwrap().to_string()
}

/// After a restart: the flagged site is in the list under "met vlag", with its history.
async fn flag_survives_a_restart(c: &Client, id: &str) {
    wait_for("the candidate list", Duration::from_secs(60), || async {
        let n = js(c, "return document.querySelectorAll('#list .row').length").await;
        n.as_u64().filter(|n| *n > 0)
    })
    .await;
    js(c, "const f = document.getElementById('flag-filter'); f.value = 'any'; f.dispatchEvent(new Event('change')); return true").await;
    let rows = wait_for("the flagged row", Duration::from_secs(15), || async {
        let v = js(c, "return [...document.querySelectorAll('#list .row')].map((r) => r.querySelector('.id').title + ' | ' + r.textContent)").await;
        let rows: Vec<String> = serde_json::from_value(v).unwrap_or_default();
        (rows.len() == 1).then_some(rows)
    })
    .await;
    assert!(
        rows[0].starts_with(id) && rows[0].contains("Aangeboden aan gemeente"),
        "{rows:?}"
    );
    // The map dims what the flag filter leaves out (a style expression on the flag state).
    // (Applied once the map has loaded, which after a restart may be after the list.)
    wait_for("the dimmed map", Duration::from_secs(20), || async {
        let paint = js(
            c,
            "return window.locatiescoutMap.getPaintProperty('locaties', 'fill-opacity')",
        )
        .await;
        (paint[0] == "case").then_some(())
    })
    .await;
    click(c, "#list .row").await;
    let history = wait_for("the history", Duration::from_secs(15), || async {
        let v = js(c, "return document.getElementById('flag-panel').hidden ? null : document.getElementById('flag-history').textContent").await;
        v.as_str().filter(|t| !t.is_empty()).map(str::to_string)
    })
    .await;
    assert!(
        history.contains("aangeboden aan de gemeente, e2e"),
        "{history}"
    );
}

#[tokio::test]
async fn window_opens_on_the_sample_rescores_imports_and_flags_survive_a_restart() {
    // A data folder of its own: the sample project and the recent list start empty.
    let data = std::env::temp_dir().join(format!("locatiescout-e2e-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let data_s = data.display().to_string();
    let env = [("LOCATIESCOUT_DATA_DIR", data_s.as_str())];
    let id = run_session(&env, |c| async move {
        checks(&c).await;
        compare_and_plan(&c).await;
        // Flag a site with a note; the window is closed after this.
        click(&c, "#list .row").await;
        flag_the_picked_site(&c).await
    })
    .await;
    // Reopen: the app opens the last project, and the flag and its history are there.
    run_session(&env, move |c| async move {
        flag_survives_a_restart(&c, &id).await
    })
    .await;

    // Hand-off on the real RVB data: RVB flags two buildings and exports; a municipality,
    // with its own data folder and project, imports them.
    let flags = data.join("vlaggen-rvb.geojson").display().to_string();
    let rvb_project = data.join("rvb.locatiescout").display().to_string();
    let f2 = flags.clone();
    let flagged: Vec<String> = run_session(&env, move |c| async move {
        new_rvb_project(&c, &rvb_project).await;
        let mut ids = Vec::new();
        for row in [1, 2] {
            let css = format!("#list .row:nth-child({row})");
            let want = js(&c, &format!("return document.querySelector('{css} .id').title")).await;
            click(&c, &css).await;
            // Wait for this site's detail, not the previous one's.
            wait_for("the picked site's detail", Duration::from_secs(15), || async {
                let v = js(&c, "const d = document.querySelector('#detail .detail-id'); return d ? d.textContent : null").await;
                (v == want).then_some(())
            })
            .await;
            ids.push(flag_the_picked_site(&c).await);
        }
        let export = format!(
            "window.locatiescoutFlagsExport({}); return true",
            serde_json::to_string(&f2).unwrap()
        );
        js(&c, &export).await;
        wait_for("the export", Duration::from_secs(15), || async {
            let v = js(&c, "return document.getElementById('status').textContent").await;
            v.as_str()
                .filter(|t| t.contains("2 gevlagde locaties"))
                .map(str::to_string)
        })
        .await;
        ids
    })
    .await;
    assert_ne!(flagged[0], flagged[1]);
    let municipal = data.join("gemeente");
    let municipal_s = municipal.display().to_string();
    let gem_project = municipal
        .join("gemeente.locatiescout")
        .display()
        .to_string();
    run_session(&[("LOCATIESCOUT_DATA_DIR", municipal_s.as_str())], move |c| async move {
        new_rvb_project(&c, &gem_project).await;
        let import = format!("window.locatiescoutFlagsImport({}); return true", serde_json::to_string(&flags).unwrap());
        js(&c, &import).await;
        let report = wait_for("the flag import report", Duration::from_secs(20), || async {
            let v = js(&c, "const d = document.getElementById('flags-dialog'); return d.open ? d.textContent : null").await;
            v.as_str().map(str::to_string)
        })
        .await;
        assert!(report.contains("2 vlaggen ingelezen"), "{report}");
        click(&c, "#flags-close").await;
        js(&c, "const f = document.getElementById('flag-filter'); f.value = 'aangeboden'; f.dispatchEvent(new Event('change')); return true").await;
        let ids = wait_for("the received flags in the list", Duration::from_secs(15), || async {
            let v = js(&c, "return [...document.querySelectorAll('#list .row .id')].map((e) => e.title)").await;
            let ids: Vec<String> = serde_json::from_value(v).unwrap_or_default();
            (ids.len() == 2).then_some(ids)
        })
        .await;
        for id in &flagged {
            assert!(ids.contains(id), "{id} not among {ids:?}");
        }
    })
    .await;
    // Parcels from "PDOK" (a local server) through the dialog, with its progress.
    let pdok = canned_pdok();
    let env = [
        ("LOCATIESCOUT_DATA_DIR", data_s.as_str()),
        ("LOCATIESCOUT_PDOK_URL", pdok.as_str()),
    ];
    run_session(&env, |c| async move { fetch_through_the_dialog(&c).await }).await;
    // A bestemmingsplan GeoPackage: the layer chooser, then its zoning on the map.
    let gpkg_data = data.join("gpkg");
    let gpkg_s = gpkg_data.display().to_string();
    run_session(
        &[("LOCATIESCOUT_DATA_DIR", gpkg_s.as_str())],
        |c| async move { open_a_geopackage_layer(&c).await },
    )
    .await;
    // The sample's made-up Natura 2000 area removed and read back as an overlay: a parcel
    // inside falls out, by name.
    let overlay_data = data.join("overlay");
    let overlay_s = overlay_data.display().to_string();
    run_session(
        &[("LOCATIESCOUT_DATA_DIR", overlay_s.as_str())],
        |c| async move { an_overlay_knocks_out_a_site_by_name(&c).await },
    )
    .await;
    let _ = std::fs::remove_dir_all(&data);
}

/// A sample parcel inside the made-up Natura 2000 area: block (13, 0) of
/// `data/sample/generate.py` lies wholly inside its polygon.
fn parcel_in_sample_nature() -> String {
    let text = std::fs::read_to_string(repo_path("data/sample/percelen.geojson")).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let (x0, y0) = (158_000.0 + 2600.0, 461_000.0);
    doc["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["geometry"]["coordinates"][0]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| {
                    let (x, y) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
                    (x0..=x0 + 180.0).contains(&x) && (y0..=y0 + 180.0).contains(&y)
                })
        })
        .map(|f| {
            f["properties"]["identificatie"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .expect("a parcel in block (13, 0)")
}

/// The sample's own `natura2000` overlay removed under *Gegevens* (nature is then
/// not scored), then `data/sample/natura2000.geojson` loaded back as the overlay
/// `natura2000` through the open dialog's "Overlaylaag" choice: the layer is
/// listed, the parcel inside is knocked out with the area's name, and its detail
/// shows the deciding area.
async fn an_overlay_knocks_out_a_site_by_name(c: &Client) {
    wait_for("the sample's list", Duration::from_secs(60), || async {
        let n = js(c, "return document.querySelectorAll('#list .row').length").await;
        n.as_u64().filter(|n| *n > 0)
    })
    .await;
    click(c, "#layers li[data-overlay=\"natura2000\"] button").await;
    wait_for(
        "the sample's natura2000 removed",
        Duration::from_secs(30),
        || async {
            let gone = js(
                c,
                "return !document.querySelector('#layers li[data-overlay=\"natura2000\"]')",
            )
            .await;
            (gone == Value::Bool(true)).then_some(())
        },
    )
    .await;
    let id = parcel_in_sample_nature();
    search(c, &id).await;
    let before = wait_for("nature not scored", Duration::from_secs(30), || async {
        let v = js(c, "const e = document.querySelector('#list .row .explanation'); return e ? e.textContent : null").await;
        v.as_str()
            .filter(|t| t.contains("natuur (laag 'natura2000' ontbreekt)"))
            .map(str::to_string)
    })
    .await;
    assert!(!before.is_empty());
    js(
        c,
        "const k = document.getElementById('kind'); k.value = 'overlay'; k.dispatchEvent(new Event('change')); \
         document.getElementById('overlay-name').value = 'natura2000'; return true",
    )
    .await;
    let shown = js(
        c,
        "return !document.getElementById('overlay-choice').hidden",
    )
    .await;
    assert_eq!(shown, Value::Bool(true));
    import(c, &repo_path("data/sample/natura2000.geojson"), "overlay").await;
    let report = wait_for("the import report", Duration::from_secs(30), || async {
        let v = js(c, "const d = document.getElementById('report-dialog'); const m = document.getElementById('message'); \
            return d.open ? d.textContent : (m.hidden ? null : 'FOUT ' + m.textContent)").await;
        v.as_str().map(str::to_string)
    })
    .await;
    assert!(report.contains("1 ingelezen"), "{report}");
    click(c, "#report-close").await;
    let listed = js(c, "const li = document.querySelector('#layers li[data-overlay=\"natura2000\"]'); return li ? li.textContent : null").await;
    assert!(
        listed
            .as_str()
            .is_some_and(|t| t.contains("Natura 2000-gebied") && t.contains("harde beperking")),
        "{listed}"
    );
    search(c, &id).await;
    let after = wait_for("the knocked-out parcel", Duration::from_secs(30), || async {
        let v = js(c, "const r = document.querySelector('#list .row'); return r && r.classList.contains('ko') ? r.querySelector('.explanation').textContent : null").await;
        v.as_str().map(str::to_string)
    })
    .await;
    assert!(
        after.starts_with(
            "Valt af (ligt voor 100 % in Natura 2000-gebied Voorbeelduiterwaarden (fictief))"
        ),
        "{after}"
    );
    click(c, "#list .row").await;
    let fact = wait_for("the spatial criteria in the detail", Duration::from_secs(15), || async {
        let v = js(c, "const li = document.querySelector('#detail .spatial-facts li[data-key=\"nature\"]'); return li ? li.textContent : null").await;
        v.as_str().map(str::to_string)
    })
    .await;
    assert!(fact.contains("Voorbeelduiterwaarden"), "{fact}");
    click(c, "#detail .spatial-facts li[data-key=\"nature\"] button").await;
    // The legend switches the overlay like any other layer.
    let legend = js(
        c,
        "return !!document.querySelector('#legend input[data-layer=\"overlay:natura2000\"]')",
    )
    .await;
    assert_eq!(legend, Value::Bool(true));
    let drawn = wait_for(
        "the overlay and its highlight drawn",
        Duration::from_secs(30),
        || async {
            let n = rendered_when_idle(c, "overlay-natura2000-uitgelicht").await;
            (n > 0).then_some(n)
        },
    )
    .await;
    assert!(drawn > 0);
    screenshot(c, "target/e2e-overlay.png").await;
}

/// Opens the Nijkerk bestemmingsplan: the chooser lists its eight layers in
/// Dutch; Enkelbestemming is read as parcels and drawn.
async fn open_a_geopackage_layer(c: &Client) {
    let path = repo_path(
        "../shared/data/zoning/bestemmingsplan_nijkerk_binnenstad_NL.IMRO.0267.BP0174-0001.gpkg",
    );
    // The sample project opens first; the zoning then replaces its parcels.
    wait_for("the sample's list", Duration::from_secs(60), || async {
        let n = js(c, "return document.querySelectorAll('#list .row').length").await;
        n.as_u64().filter(|n| *n > 0)
    })
    .await;
    import(c, &path, "parcels").await;
    let options = wait_for("the layer chooser", Duration::from_secs(30), || async {
        let v = js(c, "const d = document.getElementById('layer-dialog'); \
            return d.open ? [...document.querySelectorAll('#layer-choice option')].map((o) => o.textContent) : null").await;
        v.as_array().cloned()
    })
    .await;
    assert_eq!(options.len(), 8, "{options:?}");
    let intro = js(
        c,
        "return document.getElementById('layer-intro').textContent",
    )
    .await;
    assert!(intro.as_str().unwrap().contains("bevat 8 lagen"), "{intro}");
    assert!(
        options.iter().any(|o| o.as_str().unwrap()
            == "Enkelbestemming — POLYGON, 235 objecten, RD New (EPSG:28992)"),
        "{options:?}"
    );
    js(
        c,
        "document.getElementById('layer-choice').value = 'Enkelbestemming'; return true",
    )
    .await;
    screenshot(c, "target/e2e-layer-dialog.png").await;
    click(c, "#layer-import").await;
    let report = wait_for("the import report", Duration::from_secs(30), || async {
        let v = js(c, "const d = document.getElementById('report-dialog'); const m = document.getElementById('message'); \
            return d.open ? d.textContent : (m.hidden ? null : 'FOUT ' + m.textContent)").await;
        v.as_str().map(str::to_string)
    })
    .await;
    assert!(
        report.contains("235 ingelezen") && report.contains("GeoPackage"),
        "{report}"
    );
    click(c, "#report-close").await;
    let source = wait_for("the zoning on the map", Duration::from_secs(30), || async {
        let v = map_source(c).await;
        (v[0].as_u64() == Some(235)).then_some(v)
    })
    .await;
    assert_eq!(source[0], 235);
    let drawn = wait_for("drawn zoning polygons", Duration::from_secs(30), || async {
        let n = rendered_when_idle(c, "locaties").await;
        (n > 0).then_some(n)
    })
    .await;
    assert!(drawn > 0);
    screenshot(c, "target/e2e-nijkerk.png").await;
}

/// A server answering every request with two parcels in Voorbeeldstad.
fn canned_pdok() -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let square = |id: &str, x: f64| {
        format!(
            "{{\"type\":\"Feature\",\"properties\":{{\"identificatie_lokaal_id\":\"{id}\",\"kadastrale_grootte_waarde\":20000}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[{x},461000],[{x2},461000],[{x2},461140],[{x},461140],[{x},461000]]]}}}}",
            x2 = x + 140.0
        )
    };
    let body = format!(
        "{{\"type\":\"FeatureCollection\",\"links\":[],\"features\":[{},{}]}}",
        square("PDOK-1", 158_000.0),
        square("PDOK-2", 158_300.0)
    );
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { return };
            let mut buf = [0u8; 8192];
            let _ = s.read(&mut buf);
            let _ = write!(
                s,
                "HTTP/1.1 200 OK\r\nContent-Type: application/geo+json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

async fn fetch_through_the_dialog(c: &Client) {
    wait_for("the project", Duration::from_secs(60), || async {
        let n = js(c, "return document.querySelectorAll('#list .row').length").await;
        n.as_u64().filter(|n| *n > 0)
    })
    .await;
    click(c, "#pdok-open").await;
    wait_for("the municipalities", Duration::from_secs(20), || async {
        let n = js(
            c,
            "return document.getElementById('pdok-gemeente').options.length",
        )
        .await;
        n.as_u64().filter(|n| *n > 300)
    })
    .await;
    js(
        c,
        "document.getElementById('pdok-by-bbox').checked = true; \
        document.getElementById('pdok-bbox').value = '157000,460000,160000,463000'; \
        document.getElementById('pdok-panden').checked = false; \
        document.getElementById('pdok-verblijfsobjecten').checked = false; \
        document.getElementById('pdok-refresh').checked = true; return true",
    )
    .await;
    click(c, "#pdok-start").await;
    let result = wait_for("the fetch result", Duration::from_secs(30), || async {
        let v = js(
            c,
            "return document.getElementById('pdok-result').textContent",
        )
        .await;
        v.as_str().filter(|t| !t.is_empty()).map(str::to_string)
    })
    .await;
    assert!(
        result.contains("percelen: 2 opgehaald in 1 pagina, 2 in het project"),
        "{result}"
    );
    let progress = js(
        c,
        "return document.getElementById('pdok-progress').textContent",
    )
    .await;
    assert!(
        progress
            .as_str()
            .unwrap()
            .contains("Opgehaald: bbox 157000,460000,160000,463000"),
        "{progress}"
    );
    if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        screenshot(c, "docs/pdok.png").await;
    }
    click(c, "#pdok-close").await;
    // The RVB project scores its buildings; the parcels are the flex profile's sites.
    js(c, "const p = document.getElementById('profile'); p.value = 'flex'; p.dispatchEvent(new Event('change')); return true").await;
    let ids = wait_for(
        "the fetched parcels in the list",
        Duration::from_secs(20),
        || async {
            let v = js(
                c,
                "return [...document.querySelectorAll('#list .row .id')].map((e) => e.title)",
            )
            .await;
            let ids: Vec<String> = serde_json::from_value(v).unwrap_or_default();
            (ids.len() == 2).then_some(ids)
        },
    )
    .await;
    assert!(ids.iter().all(|i| i.starts_with("PDOK-")), "{ids:?}");
}

/// A new project from the RVB buildings (`../shared/data/rijksvastgoed/`), as the
/// "Nieuw…" button does after its two dialogs.
async fn new_rvb_project(c: &Client, project: &str) {
    let rvb =
        repo_path("../shared/data/rijksvastgoed/derived_rvb_bouwwerken_netcongestie_rd.geojson");
    wait_for("the first project", Duration::from_secs(60), || async {
        let n = js(c, "return document.querySelectorAll('#list .row').length").await;
        n.as_u64().filter(|n| *n > 0)
    })
    .await;
    let script = format!(
        "window.locatiescoutProjectNew({}, {}, 'listings'); return true",
        serde_json::to_string(project).unwrap(),
        serde_json::to_string(&rvb).unwrap()
    );
    js(c, &script).await;
    let name = std::path::Path::new(project)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    wait_for("the RVB project", Duration::from_secs(60), || async {
        let v = js(c, "return document.getElementById('project-name').textContent + ' ' + document.getElementById('status').textContent").await;
        let t = v.as_str().unwrap_or("").to_string();
        (t.contains(&name) && t.contains("236 locaties")).then_some(())
    })
    .await;
    // Buildings all over the country are below a pixel at this zoom: they show as markers.
    let zoom = js(c, "return window.locatiescoutMap.getZoom()").await;
    assert!(zoom.as_f64().unwrap() < 10.0, "{zoom}");
    let markers = rendered_when_idle(c, "locaties-marker").await;
    assert!(markers >= 200, "{markers} markers for 236 RVB buildings");
    if std::env::var_os("UPDATE_SCREENSHOT").is_some() && name == "rvb" {
        screenshot(c, "docs/rvb.png").await;
    }
}

/// Sets a werkprogramma field as typing does and waits for Rust's answer to be drawn.
async fn set_wp(c: &Client, key: &str, value: &str) {
    let before = js(
        c,
        "return Number(document.getElementById('wp').dataset.rendered || 0)",
    )
    .await;
    let script = format!(
        "const i = document.querySelector('#wp [data-k={key}]'); i.value = {}; i.dispatchEvent(new Event('change')); return true",
        serde_json::to_string(value).unwrap()
    );
    js(c, &script).await;
    wait_for(
        "the werkprogramma redrawn",
        Duration::from_secs(15),
        || async {
            let now = js(
                c,
                "return Number(document.getElementById('wp').dataset.rendered || 0)",
            )
            .await;
            (now.as_u64() > before.as_u64()).then_some(())
        },
    )
    .await;
}

/// The text of the period table's rows, cell by cell.
async fn period_rows(c: &Client) -> Vec<Vec<String>> {
    let v = js(c, "return [...document.querySelectorAll('#wp .wp-periods tbody tr')].map((r) => [...r.children].map((td) => { const i = td.querySelector('input'); return i ? i.value : td.textContent.trim(); }))").await;
    serde_json::from_value(v).unwrap()
}

/// A corporation compares two sites; a planner puts both in the werkprogramma with
/// the taakstelling, checks the 20 % ambition and exports the report.
async fn compare_and_plan(c: &Client) {
    js(
        c,
        "document.getElementById('message').hidden = true; return true",
    )
    .await;
    // A municipal parcel with a connection and one whose note says there is a queue.
    for id in ["VBS00A000010000", "VBS00C003770000"] {
        search(c, id).await;
        click(c, "#list .row:nth-child(1) .choose").await;
    }
    search(c, "").await;
    wait_for("two sites chosen", Duration::from_secs(10), || async {
        let v = js(c, "return document.getElementById('compare').disabled").await;
        (v == Value::Bool(false)).then_some(())
    })
    .await;
    click(c, "#compare").await;
    let table = wait_for("the comparison", Duration::from_secs(15), || async {
        let v = js(c, "const d = document.getElementById('compare-dialog'); return d.open ? d.textContent : null").await;
        v.as_str().map(str::to_string)
    })
    .await;
    for needle in [
        "Locaties vergelijken",
        "Netaansluiting",
        "Bron netaansluiting",
        "Tekort per woning",
        "SFT",
        "RTHF",
    ] {
        assert!(table.contains(needle), "{needle} not in {table}");
    }
    let columns = js(
        c,
        "return document.querySelectorAll('#comparison thead th').length",
    )
    .await;
    assert_eq!(columns, json!(3), "a label column and one per site");
    if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        screenshot(c, "docs/compare.png").await;
    }
    // Saved for the corporation's board (the save dialog itself is native: the path is given).
    let xlsx = std::env::temp_dir().join(format!("vergelijking-{}.xlsx", std::process::id()));
    js(
        c,
        &format!(
            "window.locatiescoutCompareExport({}); return true",
            serde_json::to_string(&xlsx.display().to_string()).unwrap()
        ),
    )
    .await;
    wait_for(
        "the comparison written",
        Duration::from_secs(15),
        || async {
            let v = js(
                c,
                "return document.getElementById('compare-status').textContent",
            )
            .await;
            v.as_str()
                .filter(|t| t.starts_with("Vergelijking geschreven naar"))
                .map(str::to_string)
        },
    )
    .await;
    let bytes = std::fs::read(&xlsx).unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX is a zip");
    let _ = std::fs::remove_file(&xlsx);

    click(c, "#compare-add").await;
    wait_for("the werkprogramma with both sites", Duration::from_secs(15), || async {
        let v = js(c, "const d = document.getElementById('wp-dialog'); return d.open ? document.querySelectorAll('#wp .wp-sites tbody tr:not(.wp-site-bc)').length : 0").await;
        (v == json!(2)).then_some(())
    })
    .await;
    // 100 persons a period, 20 % over the three periods: 60 persons. Site 1: 20 homes of
    // 2 persons, half for statushouders (10 homes, 20 persons) in the first period; site 2:
    // 30 homes of 1 person, 30 % (9 persons) in the second.
    set_wp(c, "gemeente", "Voorbeeldstad").await;
    for p in 0..3 {
        set_wp(c, &format!("taak{p}"), "100").await;
    }
    set_wp(c, "homes0", "20").await;
    set_wp(c, "ppu0", "2").await;
    set_wp(c, "share0", "50").await;
    set_wp(c, "homes1", "30").await;
    set_wp(c, "share1", "30").await;
    set_wp(c, "period1", "1").await;
    let rows = period_rows(c).await;
    // Periode, taakstelling, regulier, al gehuisvest, te huisvesten, deel ambitie, gepland,
    // haalbaar, via samenwerking, zonder woning.
    assert_eq!(rows[0][4..7], ["100", "20", "20"], "{rows:?}");
    assert_eq!(rows[1][4..7], ["100", "20", "9"], "{rows:?}");
    assert_eq!(rows[2][4..7], ["100", "20", "0"], "{rows:?}");
    assert_eq!(
        rows[3][1..7],
        ["300", "0", "0", "300", "60", "29"],
        "{rows:?}"
    );
    // The rows add up: each column of the total is the sum of the periods (issue 31).
    for col in [4, 5, 6, 7, 9] {
        let sum: i64 = (0..3)
            .map(|r| {
                rows[r][col]
                    .replace('.', "")
                    .replace('−', "-")
                    .parse::<i64>()
                    .unwrap()
            })
            .sum();
        assert_eq!(
            rows[3][col]
                .replace('.', "")
                .replace('−', "-")
                .parse::<i64>()
                .unwrap(),
            sum,
            "column {col}: {rows:?}"
        );
    }
    let verdict = js(
        c,
        "return document.querySelector('#wp .wp-verdict').textContent",
    )
    .await;
    assert!(
        verdict.as_str().unwrap().contains("niet gehaald")
            && verdict.as_str().unwrap().contains("van de 60 personen"),
        "{verdict}"
    );
    if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        screenshot(c, "docs/werkprogramma.png").await;
        let scroll = "const done = arguments[arguments.length - 1]; const d = document.getElementById('wp-dialog'); \
            const t = document.querySelector('#wp .wp-sites'); d.scrollTop = t.getBoundingClientRect().top - d.getBoundingClientRect().top + d.scrollTop - 30; \
            requestAnimationFrame(() => requestAnimationFrame(() => done(d.scrollTop)));";
        c.execute_async(scroll, vec![]).await.unwrap();
        screenshot(c, "docs/werkprogramma-locaties.png").await;
    }

    // The report, as the export button writes it after the save dialog.
    let out = std::env::temp_dir().join(format!("locatiescout-e2e-wp-{}.html", std::process::id()));
    let script = format!(
        "window.locatiescoutWerkprogrammaExport({}); return true",
        serde_json::to_string(&out.display().to_string()).unwrap()
    );
    js(c, &script).await;
    wait_for("the exported report", Duration::from_secs(20), || async {
        let v = js(c, "return document.getElementById('status').textContent").await;
        v.as_str()
            .filter(|t| t.contains("Werkprogramma geschreven naar"))
            .map(|_| ())
    })
    .await;
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("Lokaal werkprogramma aanvullende huisvesting — Voorbeeldstad"));
    assert!(html.contains("<svg"), "the report has its map and chart");
    let _ = std::fs::remove_file(&out);
    regional_overview_of_three(c).await;
    click(c, "#wp-close").await;
}

/// The same werkprogramma handed in by three municipalities of the province of
/// Utrecht (the CBS code found from the name), rolled up in "Regionaal
/// overzicht": the province has three municipalities and three times the
/// ambition (3 × 60 = 180) and the planned persons (3 × 29 = 87).
async fn regional_overview_of_three(c: &Client) {
    let dir = std::env::temp_dir().join(format!("locatiescout-e2e-regio-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for name in ["Utrecht", "Amersfoort", "Leusden"] {
        set_wp(c, "gemeente", name).await;
        let path = dir.join(format!("{name}.gpkg")).display().to_string();
        js(
            c,
            &format!(
                "window.locatiescoutWerkprogrammaExport({}); return true",
                serde_json::to_string(&path).unwrap()
            ),
        )
        .await;
        wait_for(
            "the GeoPackage written",
            Duration::from_secs(20),
            || async { std::path::Path::new(&path).exists().then_some(()) },
        )
        .await;
        files.push(path);
    }
    set_wp(c, "gemeente", "Voorbeeldstad").await;
    click(c, "#wp-close").await;
    js(
        c,
        &format!(
            "window.locatiescoutRegio({}, 'PV26'); return true",
            serde_json::to_string(&files).unwrap()
        ),
    )
    .await;
    let row = wait_for("the province's totals", Duration::from_secs(30), || async {
        let v = js(
            c,
            "const d = document.getElementById('regio-dialog'); if (!d.open) return null;              const r = [...document.querySelectorAll('#regio table tr')].find((tr) => { const td = tr.querySelector('td[data-k=provincie_code]'); return td && td.textContent === 'PV26'; });              if (!r) return null; return Object.fromEntries([...r.children].map((td) => [td.dataset.k, td.textContent]))",
        )
        .await;
        (!v.is_null()).then_some(v)
    })
    .await;
    assert_eq!(row["provincie"], "Utrecht", "{row}");
    assert_eq!(row["gemeenten"], "3", "{row}");
    assert_eq!(
        row["ontbrekend"], "23",
        "26 municipalities in Utrecht, 3 sent one: {row}"
    );
    assert_eq!(row["ambitie_personen"], "180", "3 × 60: {row}");
    assert_eq!(row["taakstelling_personen"], "900", "3 × 300: {row}");
    assert_eq!(row["gepland_personen"], "87", "3 × 29: {row}");
    let text = js(c, "return document.getElementById('regio').textContent").await;
    let text = text.as_str().unwrap();
    assert!(
        text.contains("GM0344") && text.contains("GM0307") && text.contains("GM0327"),
        "{text}"
    );
    let svgs = js(
        c,
        "return document.querySelectorAll('#regio figure svg').length",
    )
    .await;
    assert_eq!(svgs, json!(2), "the map and the chart");
    if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        screenshot(c, "docs/regio.png").await;
    }
    let pdf = dir.join("regio.pdf").display().to_string();
    js(
        c,
        &format!(
            "window.locatiescoutRegioExport({}); return true",
            serde_json::to_string(&pdf).unwrap()
        ),
    )
    .await;
    wait_for("the regional report", Duration::from_secs(30), || async {
        let v = js(
            c,
            "return document.getElementById('regio-status').textContent",
        )
        .await;
        v.as_str()
            .filter(|t| t.contains("Regionaal overzicht geschreven naar"))
            .map(|_| ())
    })
    .await;
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    click(c, "#regio-close").await;
    let _ = std::fs::remove_dir_all(&dir);
    // Back in the werkprogramma dialog for the caller.
    click(c, "#wp-open").await;
    wait_for(
        "the werkprogramma again",
        Duration::from_secs(15),
        || async {
            let v = js(c, "return document.getElementById('wp-dialog').open").await;
            (v == Value::Bool(true)).then_some(())
        },
    )
    .await;
}

/// Types in the list's search box and waits for the list to match.
async fn search(c: &Client, text: &str) {
    let script = format!(
        "const s = document.getElementById('search'); s.value = {}; s.dispatchEvent(new Event('input')); return true",
        serde_json::to_string(text).unwrap()
    );
    js(c, &script).await;
    wait_for("the searched list", Duration::from_secs(15), || async {
        let v = js(
            c,
            "return [...document.querySelectorAll('#list .row .id')].map((e) => e.title)",
        )
        .await;
        let ids: Vec<String> = serde_json::from_value(v).unwrap_or_default();
        let matches = if text.is_empty() {
            ids.len() > 1
        } else {
            !ids.is_empty() && ids.iter().all(|i| i.contains(text))
        };
        matches.then_some(())
    })
    .await;
}
