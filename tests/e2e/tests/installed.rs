//! The installed desktop package, started as a planner would: the binary the .deb
//! put on the system (`LOCATIESCOUT_APP`, e.g. /usr/bin/locatiescout-app), from a
//! folder outside the checkout, with a home of its own and none of the variables
//! the other tests set. It must find its bundled sample through the resource
//! resolver, make the sample project in the platform's data folder and draw it.
//!
//!     LOCATIESCOUT_APP=/usr/bin/locatiescout-app \
//!       xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p locatiescout-e2e --test installed
//!
//! `scripts/test.sh` builds the .deb, installs it and runs this.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::time::Duration;

use locatiescout_e2e::{app_path, click, js, run_session_in, wait_for, Place};

#[tokio::test]
async fn the_installed_app_opens_the_sample_outside_the_checkout() {
    let app = app_path();
    let checkout = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap();
    assert!(
        !app.starts_with(&checkout),
        "LOCATIESCOUT_APP must be the installed binary, not {} in the checkout",
        app.display()
    );
    let home = std::env::temp_dir().join(format!("locatiescout-installed-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    let data_home = home.join(".local/share");
    let work = home.join("werkmap");
    std::fs::create_dir_all(&work).unwrap();
    let home_s = home.display().to_string();
    let data_home_s = data_home.display().to_string();
    let place = Place {
        cwd: Some(work),
        unset: vec![
            "LOCATIESCOUT_SAMPLE",
            "LOCATIESCOUT_DATA_DIR",
            "LOCATIESCOUT_PDOK_URL",
            "CARGO_MANIFEST_DIR",
        ],
    };
    let env = [
        ("HOME", home_s.as_str()),
        ("XDG_DATA_HOME", data_home_s.as_str()),
    ];
    let (rows, source) = run_session_in(&place, &env, |c| async move {
        let rendered = wait_for("rendered sites", Duration::from_secs(60), || async {
            let n = js(&c, "const m = window.locatiescoutMap; return m && m.getLayer('locaties') ? m.queryRenderedFeatures({ layers: ['locaties'] }).length : 0").await;
            n.as_u64().filter(|n| *n > 0)
        })
        .await;
        assert!(rendered > 100, "only {rendered} sites rendered");
        let rows = wait_for("the candidate list", Duration::from_secs(30), || async {
            let n = js(&c, "return document.querySelectorAll('#list .row').length").await;
            n.as_u64().filter(|n| *n > 0)
        })
        .await;
        // The detail names the file a site was read from.
        click(&c, "#list .row").await;
        let source = wait_for("the site's source file", Duration::from_secs(15), || async {
            let v = js(&c, "const s = document.querySelector('#detail .source'); return s ? s.textContent : null").await;
            v.as_str().map(str::to_string)
        })
        .await;
        (rows, source)
    })
    .await;
    assert!(rows >= 10, "{rows} rows");
    // The sample project was made where the platform keeps app data, from the
    // files the package installed, not from the checkout's data/sample.
    let project = data_home.join("nl.locatiescout.app/Voorbeeldstad.locatiescout");
    assert!(project.is_file(), "{} missing", project.display());
    // The .deb puts resources in /usr/lib/<productName>/.
    assert!(
        source.contains("/lib/Locatiescout/sample/percelen.geojson"),
        "{source}"
    );
    assert!(
        !source.contains(&checkout.display().to_string()),
        "the sample came from the checkout: {source}"
    );
    let _ = std::fs::remove_dir_all(&home);
}
