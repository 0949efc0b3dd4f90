//! Accessibility and the English mode in the real window: axe-core (WCAG 2.0/2.1
//! A and AA) on the main window, with a site open and with each dialog open; a
//! keyboard-only walk; and no Dutch catalogue text on an English screen.
//!
//!     xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p locatiescout-e2e --test access
//!
//! Needs what `window` needs, and `ui/node_modules` (axe-core is a dev dependency there).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use fantoccini::Client;
use locatiescout_e2e::{js, run_session, screenshot, wait_for};
use serde_json::Value;

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";
const DOWN: &str = "\u{E015}";

/// Sends keys to whatever has the focus, as a keyboard user would.
async fn press(c: &Client, keys: &str) {
    let el = c.active_element().await.expect("a focused element");
    el.send_keys(keys).await.expect("keys sent");
    tokio::time::sleep(Duration::from_millis(150)).await;
}

async fn focused(c: &Client) -> String {
    js(c, "const a = document.activeElement; return a ? (a.id || a.className || a.tagName) + '|' + (a.textContent || '').slice(0, 40) : ''")
        .await
        .as_str()
        .unwrap_or("")
        .to_string()
}

/// Loads axe-core (from the UI's npm packages) into the window once.
async fn load_axe(c: &Client) {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/node_modules/axe-core/axe.min.js");
    let src = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (npm ci in ui/)", path.display()));
    js(c, &format!("{src}\n;return true")).await;
    assert_eq!(
        js(c, "return typeof window.axe").await,
        Value::String("object".into()),
        "axe-core loaded"
    );
}

/// Contrast items axe cannot decide, by its reason, with why each is fine. Any
/// other "needs review" contrast item fails the test.
const EXPLAINED: &[(&str, &str, &str)] = &[
    (
        "elmPartiallyObscured",
        "",
        "text partly scrolled out of its scrolling panel (#left, a dialog): axe cannot see \
         behind the cut; each such element is scrolled into view and measured again below",
    ),
    (
        "imgNode",
        "text[",
        "text drawn inside the core's SVG figures (chart, map): axe cannot read an SVG \
         background; the figures draw ink (30,30,30) on their own page colour or white, \
         ≥ 15:1 (output::report::figure tests::ink_reads_on_every_figure_background)",
    ),
    (
        "bgOverlap",
        "text[",
        "the same SVG text where a legend swatch or bar sits beside it: the label's own \
         background is the figure's page colour, as above",
    ),
    (
        "shortTextContent",
        "",
        "a one-character label (the legend's tick \"0\"): axe will not judge one glyph; it has \
         the colour and background of the other ticks, which axe measures and passes",
    ),
];

/// Runs axe on the page as it is now; `what` names the state in a failure.
async fn axe(c: &Client, what: &str) {
    let script = "const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations', 'incomplete'] })
          .then((r) => done(JSON.stringify({
            violations: r.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\\s+/g, ' ')) })),
            contrast: r.incomplete.filter((i) => i.id === 'color-contrast').flatMap((i) => i.nodes.map((n) => ({ target: n.target.join(' '), why: n.any[0] && n.any[0].data ? n.any[0].data.messageKey : '' }))),
          })))
          .catch((e) => done(JSON.stringify({ error: String(e) })));";
    let raw = c.execute_async(script, vec![]).await.expect("axe ran");
    let r: Value = serde_json::from_str(raw.as_str().unwrap_or("{}")).unwrap();
    assert!(r.get("error").is_none(), "axe failed ({what}): {r}");
    let violations = r["violations"].as_array().cloned().unwrap_or_default();
    assert!(
        violations.is_empty(),
        "axe violations with {what}: {}",
        serde_json::to_string_pretty(&violations).unwrap()
    );
    let contrast = r["contrast"].as_array().cloned().unwrap_or_default();
    let unexplained: Vec<&Value> = contrast
        .iter()
        .filter(|n| {
            !EXPLAINED.iter().any(|(why, target, _)| {
                n["why"] == *why && n["target"].as_str().is_some_and(|t| t.starts_with(target))
            })
        })
        .collect();
    assert!(
        unexplained.is_empty(),
        "contrast to review with {what}: {unexplained:#?}"
    );
    // The partly hidden ones, each scrolled into view and measured on its own.
    let targets: Vec<String> = contrast
        .iter()
        .filter(|n| n["why"] == "elmPartiallyObscured")
        .filter_map(|n| n["target"].as_str().map(str::to_string))
        .collect();
    // Unclip the scrolling panels (inline styles, removed after), measure, restore.
    let again = "const [targets, done] = [arguments[0], arguments[arguments.length - 1]];
        const clipped = [...document.querySelectorAll('*')].filter((e) => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(e).overflowY) && e.scrollHeight > e.clientHeight);
        const saved = clipped.map((e) => e.getAttribute('style'));
        for (const e of clipped) { e.style.overflow = 'visible'; e.style.height = 'auto'; e.style.maxHeight = 'none'; }
        const els = targets.map((t) => document.querySelector(t)).filter(Boolean);
        const why = (n) => (n.any[0] && n.any[0].data ? n.any[0].data.messageKey : '');
        (async () => {
          const r = await axe.run({ include: els }, { runOnly: ['color-contrast'], resultTypes: ['violations', 'incomplete'] });
          clipped.forEach((e, k) => (saved[k] === null ? e.removeAttribute('style') : e.setAttribute('style', saved[k])));
          const bad = [];
          for (const v of r.violations) for (const n of v.nodes) bad.push({ target: n.target.join(' '), why: 'violation: ' + n.failureSummary });
          // Unclipped, a few now overlap a neighbour: those, scrolled into view one by one.
          for (const i of r.incomplete) for (const n of i.nodes) {
            const el = document.querySelector(n.target.join(' '));
            if (!el) continue;
            el.scrollIntoView({ block: 'center' });
            const one = await axe.run(el, { runOnly: ['color-contrast'], resultTypes: ['violations', 'incomplete'] });
            for (const v of one.violations) for (const m of v.nodes) bad.push({ target: n.target.join(' '), why: 'violation: ' + m.failureSummary });
            for (const j of one.incomplete) for (const m of j.nodes) bad.push({ target: n.target.join(' '), why: why(m) });
          }
          done(JSON.stringify(bad));
        })();";
    let raw = c
        .execute_async(again, vec![serde_json::to_value(&targets).unwrap()])
        .await
        .expect("contrast measured again");
    let bad: Vec<Value> = serde_json::from_str(raw.as_str().unwrap_or("[]")).unwrap();
    // Measured in view, only the explained kinds other than "partly hidden" may stay undecided.
    let bad: Vec<&Value> = bad
        .iter()
        .filter(|n| {
            !EXPLAINED.iter().any(|(why, target, _)| {
                *why != "elmPartiallyObscured"
                    && n["why"] == *why
                    && n["target"].as_str().is_some_and(|t| t.starts_with(target))
            })
        })
        .collect();
    assert!(bad.is_empty(), "contrast in view with {what}: {bad:#?}");
}

/// Ticks the list's first two rows and opens their comparison, as a user does.
async fn compare_first_two(c: &Client) {
    for n in [1, 2] {
        locatiescout_e2e::click(c, &format!("#list .row:nth-child({n}) .choose")).await;
    }
    locatiescout_e2e::click(c, "#compare").await;
    wait_for("the comparison", Duration::from_secs(15), || async {
        dialog_open(c, "compare-dialog").await.then_some(())
    })
    .await;
}

async fn dialog_open(c: &Client, id: &str) -> bool {
    js(c, &format!("return document.getElementById('{id}').open")).await == Value::Bool(true)
}

/// axe on the main window, with a site open, and with each dialog that the
/// window can open without a file chooser.
async fn axe_everywhere(c: &Client) {
    load_axe(c).await;
    axe(c, "the main window").await;
    locatiescout_e2e::click(c, "#list .row").await;
    wait_for("a site's detail", Duration::from_secs(15), || async {
        let n = js(c, "return document.querySelectorAll('#detail .bar').length").await;
        n.as_u64().filter(|n| *n > 0)
    })
    .await;
    axe(c, "a site open").await;
    // Each dialog, opened as the app opens it, then closed with Escape.
    for (button, dialog) in [
        ("#wp-open", "wp-dialog"),
        ("#regio-open", "regio-dialog"),
        ("#pdok-open", "pdok-dialog"),
    ] {
        locatiescout_e2e::click(c, button).await;
        wait_for(dialog, Duration::from_secs(15), || async {
            dialog_open(c, dialog).await.then_some(())
        })
        .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        axe(c, dialog).await;
        js(
            c,
            &format!("document.getElementById('{dialog}').close(); return true"),
        )
        .await;
    }
    // The comparison: two sites ticked in the list.
    compare_first_two(c).await;
    axe(c, "compare-dialog").await;
    js(c, "document.getElementById('compare-dialog').close(); document.getElementById('compare-clear').click(); return true").await;
    // The two that open on a file, opened as an import opens them, then cancelled:
    // the field mapping of an RVB listing file and the congestion areas' codes.
    for (kind, file, dialog, cancel) in [
        (
            "listings",
            "rijksvastgoed.geojson",
            "fieldmap-dialog",
            "#fieldmap-cancel",
        ),
        (
            "congestion",
            "congestiegebieden.geojson",
            "congestion-dialog",
            "#congestion-cancel",
        ),
    ] {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../data/sample")
            .join(file);
        let script = format!(
            "window.locatiescoutImport({}, '{kind}'); return true",
            serde_json::to_string(&path.display().to_string()).unwrap()
        );
        js(c, &script).await;
        wait_for(dialog, Duration::from_secs(20), || async {
            dialog_open(c, dialog).await.then_some(())
        })
        .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        axe(c, dialog).await;
        locatiescout_e2e::click(c, cancel).await;
        wait_for("the dialog closed", Duration::from_secs(5), || async {
            (!dialog_open(c, dialog).await).then_some(())
        })
        .await;
    }
    // The report, flag-import and layer-choice dialogs are filled by the same view code
    // after a file; here their frame (name, close button) is checked.
    for dialog in ["report-dialog", "flags-dialog", "layer-dialog"] {
        js(
            c,
            &format!("document.getElementById('{dialog}').showModal(); return true"),
        )
        .await;
        axe(c, dialog).await;
        js(
            c,
            &format!("document.getElementById('{dialog}').close(); return true"),
        )
        .await;
    }
}

/// Picks a site from the list and one from the map, opens the werkprogramma and
/// closes it: only keys, from the top of the page.
async fn keyboard_only(c: &Client) {
    js(c, "document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); return true").await;
    // The first Tab reaches the skip link to the list.
    let body = c.find(fantoccini::Locator::Css("body")).await.unwrap();
    body.send_keys(TAB).await.unwrap();
    assert!(
        focused(c).await.contains("skip"),
        "first Tab: {}",
        focused(c).await
    );
    press(c, ENTER).await;
    let first = focused(c).await;
    assert!(
        first.starts_with("row"),
        "the skip link puts the focus in the list: {first}"
    );
    // Down once, Enter: the second row's site opens.
    press(c, DOWN).await;
    let want = js(
        c,
        "return document.activeElement.querySelector('.id').title",
    )
    .await;
    press(c, ENTER).await;
    wait_for("the site picked by keyboard", Duration::from_secs(15), || async {
        let v = js(c, "const d = document.querySelector('#detail .detail-id'); return d ? d.textContent : null").await;
        (v == want).then_some(())
    })
    .await;
    // The list is one tab stop: the next Tab leaves it.
    press(c, TAB).await;
    assert!(
        !focused(c).await.starts_with("row"),
        "Tab leaves the list: {}",
        focused(c).await
    );

    // The map: the second skip link, then N steps to the best site in view, Enter opens it.
    js(c, "document.activeElement.blur(); return true").await;
    body.send_keys(TAB).await.unwrap();
    press(c, TAB).await;
    assert!(
        focused(c).await.contains("kaart"),
        "second skip link: {}",
        focused(c).await
    );
    press(c, ENTER).await;
    assert!(
        focused(c).await.contains("maplibregl-canvas"),
        "the map has the focus: {}",
        focused(c).await
    );
    press(c, "n").await;
    let told = wait_for("the stepped site", Duration::from_secs(10), || async {
        let v = js(c, "return document.getElementById('announce').textContent").await;
        v.as_str()
            .filter(|t| t.starts_with("1 van "))
            .map(str::to_string)
    })
    .await;
    let tip = js(
        c,
        "const t = document.querySelector('.tooltip'); return t ? t.textContent : null",
    )
    .await;
    assert!(tip.is_string(), "the tooltip shows the stepped site");
    // The line names the site as the list does ("Voorbeeldstad A 1"), not by its id.
    let name = told
        .split(": ")
        .nth(1)
        .and_then(|s| s.split(", score").next())
        .unwrap_or("")
        .to_string();
    assert!(!name.contains("KadastraalObject"), "{told}");
    press(c, ENTER).await;
    wait_for("the site picked on the map by keyboard", Duration::from_secs(15), || async {
        let v = js(c, "const d = document.querySelector('#detail .detail-name'); return d ? d.textContent : null").await;
        (v.as_str() == Some(name.as_str())).then_some(())
    })
    .await;

    // The werkprogramma: Tab to its button, Enter opens, Escape closes, the focus returns.
    let mut tabs = 0;
    while !focused(c).await.starts_with("wp-open") {
        press(c, TAB).await;
        tabs += 1;
        assert!(
            tabs < 40,
            "wp-open not reached by Tab: {}",
            focused(c).await
        );
    }
    press(c, ENTER).await;
    wait_for(
        "the werkprogramma by keyboard",
        Duration::from_secs(15),
        || async { dialog_open(c, "wp-dialog").await.then_some(()) },
    )
    .await;
    press(c, ESCAPE).await;
    wait_for(
        "the werkprogramma closed",
        Duration::from_secs(5),
        || async { (!dialog_open(c, "wp-dialog").await).then_some(()) },
    )
    .await;
    assert!(
        focused(c).await.starts_with("wp-open"),
        "the focus returns: {}",
        focused(c).await
    );
}

/// Visible text, without what is marked as Dutch source data (`lang="nl"` inside
/// an English page), source data quoted inside a sentence ('geen
/// transportcapaciteit tot 2027', a layer's name, a file name) and hidden elements.
const VISIBLE_TEXT: &str = "const root = arguments[0] ? document.querySelector(arguments[0]) : document.body;
    const out = [];
    const walk = (n) => {
      if (n.nodeType === 3) { out.push(n.textContent); return; }
      if (n.nodeType !== 1) return;
      if (n.lang === 'nl' && n !== document.documentElement) return;
      if (n.tagName === 'SCRIPT' || n.tagName === 'STYLE' || n.tagName === 'OPTION' || n.tagName === 'DATALIST' || n.tagName === 'CODE') return;
      const s = getComputedStyle(n);
      if (s.display === 'none' || s.visibility === 'hidden') return;
      if (n.tagName === 'DIALOG' && !n.open) return;
      for (const c of n.childNodes) walk(c);
    };
    walk(root);
    // Source data inside a sentence: a quoted note or layer name, a file name;
    // identifiers (a layer's name) are <code> and skipped above.
    return out.join(' ').replace(/'[^']*'/g, ' ').replace(/\\S+\\.(geojson|gpkg|shp|zip|csv|json|locatiescout)\\b/g, ' ').replace(/\\s+/g, ' ');";

/// The Dutch catalogue (the UI's and the core's), cut into the fixed parts between
/// placeholders that English does not share.
async fn dutch_fragments(c: &Client) -> Vec<String> {
    let dicts = js(c, "return window.locatiescoutTexts()").await;
    let strings = |lang: &str| -> Vec<String> {
        dicts[lang]
            .as_object()
            .map(|o| {
                o.values()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut nl = strings("nl");
    let mut en = strings("en");
    for (_, d, e) in locatiescout_model::text::CATALOGUE {
        nl.push(d.to_string());
        en.push(e.to_string());
    }
    let english = en.join("\n");
    let mut out = BTreeSet::new();
    for s in nl {
        for part in s.split(['{', '}']).step_by(2) {
            let part = part.trim_matches(|ch: char| !ch.is_alphanumeric());
            // Short parts ("ha", "m²") and words both languages use say nothing.
            if part.chars().filter(|ch| ch.is_alphabetic()).count() < 4 || english.contains(part) {
                continue;
            }
            out.insert(part.to_string());
        }
    }
    out.into_iter().collect()
}

async fn no_dutch(c: &Client, css: Option<&str>, fragments: &[String], what: &str) {
    let arg = css.map_or(Value::Null, |s| Value::String(s.into()));
    let text = c.execute(VISIBLE_TEXT, vec![arg]).await.unwrap();
    let text = text.as_str().unwrap_or("");
    assert!(text.len() > 20, "{what}: no text found");
    let found: Vec<&String> = fragments
        .iter()
        .filter(|f| {
            // Whole words only: "Score" is not Dutch inside "Scores".
            text.match_indices(f.as_str()).any(|(i, _)| {
                let before = text[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|ch| !ch.is_alphanumeric());
                let after = text[i + f.len()..]
                    .chars()
                    .next()
                    .is_none_or(|ch| !ch.is_alphanumeric());
                before && after
            })
        })
        .collect();
    assert!(
        found.is_empty(),
        "Dutch in English mode ({what}): {found:?}\n{text}"
    );
}

/// The English mode: the main window, a site's detail and the comparison show no
/// text from the Dutch catalogue (source data, marked `lang="nl"`, aside).
async fn english(c: &Client, shot: bool) {
    locatiescout_e2e::click(c, "#lang").await;
    wait_for("English", Duration::from_secs(10), || async {
        let v = js(c, "return document.documentElement.lang").await;
        (v.as_str() == Some("en")).then_some(())
    })
    .await;
    wait_for("the list in English", Duration::from_secs(15), || async {
        let v = js(c, "const e = document.querySelector('#list .row .explanation'); return e ? e.textContent : ''").await;
        v.as_str().filter(|t| t.contains(" homes")).map(|_| ())
    })
    .await;
    if shot {
        // The whole sample in view, the site picked on the map by keyboard in the panel.
        js(c, "window.locatiescoutMap.setZoom(14.2); return true").await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        screenshot(c, "docs/screenshot-en.png").await;
    }
    locatiescout_e2e::click(c, "#list .row").await;
    wait_for("the detail in English", Duration::from_secs(15), || async {
        let v = js(c, "const e = document.querySelector('#detail .explanation'); return e ? e.textContent : ''").await;
        v.as_str().filter(|t| t.contains(" homes")).map(|_| ())
    })
    .await;
    let fragments = dutch_fragments(c).await;
    assert!(
        fragments.len() > 200,
        "only {} Dutch fragments",
        fragments.len()
    );
    no_dutch(c, None, &fragments, "the main window").await;
    no_dutch(c, Some("#detail"), &fragments, "the detail panel").await;
    compare_first_two(c).await;
    no_dutch(c, Some("#compare-dialog"), &fragments, "the comparison").await;
    // The two sites into the werkprogramma: it opens with their periods, verdicts,
    // knelpunten and chart, all computed in the core.
    locatiescout_e2e::click(c, "#compare-add").await;
    wait_for("the werkprogramma", Duration::from_secs(15), || async {
        let n = js(c, "return document.getElementById('wp-dialog').open ? document.querySelectorAll('#wp .wp-sites tbody tr').length : 0").await;
        n.as_u64().filter(|n| *n >= 2)
    })
    .await;
    no_dutch(c, Some("#wp-dialog"), &fragments, "the werkprogramma").await;
    if shot {
        screenshot(c, "docs/werkprogramma-en.png").await;
    }
    js(
        c,
        "document.getElementById('wp-dialog').close(); return true",
    )
    .await;
}

#[tokio::test]
async fn keyboard_screen_reader_and_english() {
    let data = std::env::temp_dir().join(format!("locatiescout-e2e-access-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let data_s = data.display().to_string();
    run_session(&[("LOCATIESCOUT_DATA_DIR", data_s.as_str())], |c| async move {
        wait_for("the sample's list", Duration::from_secs(60), || async {
            let n = js(&c, "return document.querySelectorAll('#list .row').length").await;
            n.as_u64().filter(|n| *n > 10)
        })
        .await;
        wait_for("rendered sites", Duration::from_secs(60), || async {
            let n = js(&c, "const m = window.locatiescoutMap; return m && m.getLayer('locaties') ? m.queryRenderedFeatures({ layers: ['locaties'] }).length : 0").await;
            n.as_u64().filter(|n| *n > 100)
        })
        .await;
        axe_everywhere(&c).await;
        keyboard_only(&c).await;
        english(&c, std::env::var_os("UPDATE_SCREENSHOT").is_some()).await;
    })
    .await;
    let _ = std::fs::remove_dir_all(&data);
}
