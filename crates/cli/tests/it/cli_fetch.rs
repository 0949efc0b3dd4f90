//! `locatiescout fetch` against a local server standing in for PDOK: a project is
//! filled with parcels, panden and verblijfsobjecten, the verblijfsobjecten are
//! summed into their panden, the project scores, and a second run downloads nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

use app::engine::profile::Profile;
use app::engine::score::Scoring;
use app::io::project::Project;
use httpmock::prelude::*;

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_locatiescout"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn square(x: f64, y: f64, size: f64) -> String {
    format!(
        "{{\"type\":\"Polygon\",\"coordinates\":[[[{x},{y}],[{x2},{y}],[{x2},{y2}],[{x},{y2}],[{x},{y}]]]}}",
        x2 = x + size,
        y2 = y + size
    )
}

fn page(features: &[String], next: Option<String>) -> String {
    let links = next
        .map(|n| {
            format!("[{{\"rel\":\"next\",\"type\":\"application/geo+json\",\"href\":\"{n}\"}}]")
        })
        .unwrap_or_else(|| "[]".into());
    format!(
        "{{\"type\":\"FeatureCollection\",\"links\":{links},\"numberReturned\":{},\"features\":[{}]}}",
        features.len(),
        features.join(",")
    )
}

fn parcel(id: &str, x: f64, y: f64) -> String {
    format!(
        "{{\"type\":\"Feature\",\"properties\":{{\"identificatie_lokaal_id\":\"{id}\",\"kadastrale_grootte_waarde\":10000}},\"geometry\":{}}}",
        square(x, y, 100.0)
    )
}

/// In the municipality of Utrecht (GM0344) unless said otherwise.
fn serve(server: &MockServer) -> Vec<httpmock::Mock<'_>> {
    let base = server.base_url();
    let pand = format!(
        "{{\"type\":\"Feature\",\"properties\":{{\"identificatie\":\"0344100000000001\",\"bouwjaar\":1975,\"status\":\"Pand in gebruik\"}},\"geometry\":{}}}",
        square(136_000.0, 456_000.0, 20.0)
    );
    let vbo = |opp: u32, doel: &str| {
        format!(
            "{{\"type\":\"Feature\",\"properties\":{{\"identificatie\":\"v{opp}\",\"gebruiksdoel\":\"{doel}\",\"oppervlakte\":{opp},\"status\":\"Verblijfsobject in gebruik\",\"pand.href\":[\"{base}/collections/pand/items/0344100000000001\"]}},\"geometry\":{{\"type\":\"Point\",\"coordinates\":[136010.0,456010.0]}}}}"
        )
    };
    vec![
        server.mock(|when, then| {
            when.path("/collections/perceel/items")
                .query_param_exists("bbox");
            then.status(200).body(page(
                &[
                    parcel("1", 136_000.0, 456_000.0),
                    parcel("2", 136_200.0, 456_000.0),
                ],
                Some(format!("{base}/collections/perceel/items?cursor=p2&f=json")),
            ));
        }),
        server.mock(|when, then| {
            when.path("/collections/perceel/items")
                .query_param("cursor", "p2");
            // Outside Utrecht (Bunnik/Zeist side): left out when fetching GM0344.
            then.status(200)
                .body(page(&[parcel("3", 150_000.0, 450_000.0)], None));
        }),
        server.mock(|when, then| {
            when.path("/collections/pand/items");
            then.status(200)
                .body(page(std::slice::from_ref(&pand), None));
        }),
        server.mock(|when, then| {
            when.path("/collections/verblijfsobject/items");
            then.status(200).body(page(
                &[
                    vbo(900, "kantoorfunctie"),
                    vbo(300, "kantoorfunctie,bijeenkomstfunctie"),
                ],
                None,
            ));
        }),
    ]
}

#[test]
fn fetch_fills_a_project_that_scores_and_is_not_fetched_twice() {
    let server = MockServer::start();
    let mocks = serve(&server);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = server.base_url();
    let args = [
        "fetch",
        "--gemeente",
        "GM0344",
        "--project",
        "u.locatiescout",
        "--base-url",
        &base,
    ];
    let o = run(d, &args);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        o.status.success(),
        "{out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        out.contains("percelen: 3 opgehaald in 2 pagina's, 1 buiten de gemeente, 2 in het project"),
        "{out}"
    );
    assert!(
        out.contains("panden: 1 opgehaald in 1 pagina, 1 in het project"),
        "{out}"
    );
    assert!(out.contains("verblijfsobjecten: 2 opgehaald"), "{out}");

    // The project scores: parcels for flex; the pand carries its verblijfsobjecten.
    let p = Project::open(&d.join("u.locatiescout")).unwrap();
    let (ds, _) = app::stored::dataset(&p).unwrap();
    assert_eq!(ds.parcels.as_ref().unwrap().len(), 2);
    let flex = Scoring::new(
        &ds,
        Profile::load("flex")
            .unwrap()
            .dated(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()),
    )
    .unwrap();
    assert_eq!(flex.len(), 2);
    let transformatie = Scoring::new(
        &ds,
        Profile::load("transformatie")
            .unwrap()
            .dated(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()),
    )
    .unwrap();
    let facts = transformatie.facts(&ds, 0).unwrap();
    assert_eq!(facts.units, 2);
    assert_eq!(facts.floor_area_m2, Some(1200.0));
    assert!(
        facts.functions.contains(&"kantoorfunctie"),
        "{:?}",
        facts.functions
    );
    assert_eq!(facts.year_built, Some(1975));
    drop(p);

    // The same area again: nothing downloaded.
    let hits: Vec<usize> = mocks.iter().map(|m| m.calls()).collect();
    let o = run(d, &args);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success());
    assert!(
        out.contains("percelen: al opgehaald op")
            && out.contains("opnieuw ophalen kan met --refresh"),
        "{out}"
    );
    assert_eq!(mocks.iter().map(|m| m.calls()).collect::<Vec<_>>(), hits);
    // Unless asked.
    let mut again = args.to_vec();
    again.extend(["--refresh", "--what", "panden"]);
    let o = run(d, &again);
    assert!(o.status.success());
    assert_eq!(mocks[2].calls(), hits[2] + 1);
    assert_eq!(
        mocks[0].calls(),
        hits[0],
        "only what was asked is fetched again"
    );
}

#[test]
fn pdok_down_or_bad_input_leaves_the_project_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let down = [
        "fetch",
        "--bbox",
        "136000,456000,137000,457000",
        "--project",
        "x.locatiescout",
        "--base-url",
        &url,
    ];
    let o = run(d, &down);
    assert_eq!(o.status.code(), Some(3));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("PDOK is niet bereikbaar"), "{err}");
    assert!(
        !d.join("x.locatiescout").exists(),
        "no empty project is left behind"
    );
    // An existing project is left as it was.
    drop(Project::create(&d.join("x.locatiescout")).unwrap());
    let o = run(d, &down);
    assert_eq!(o.status.code(), Some(3));
    let p = Project::open(&d.join("x.locatiescout")).unwrap();
    assert!(p.load_layers().unwrap().is_empty());
    for bad in [
        vec![
            "fetch",
            "--gemeente",
            "GM9999",
            "--project",
            "y.locatiescout",
        ],
        vec!["fetch", "--bbox", "1,2,3", "--project", "y.locatiescout"],
        vec![
            "fetch",
            "--bbox",
            "136000,456000,137000,457000",
            "--what",
            "bomen",
            "--project",
            "y.locatiescout",
        ],
    ] {
        let o = run(d, &bad);
        assert_eq!(o.status.code(), Some(3), "{bad:?}");
        assert!(!String::from_utf8_lossy(&o.stderr).is_empty());
    }
}

fn locatieserver(docs: &str) -> String {
    format!("{{\"response\":{{\"numFound\":1,\"start\":0,\"maxScore\":12.5,\"docs\":[{docs}]}}}}")
}

#[test]
fn an_address_list_is_geocoded_cached_and_imports() {
    let server = MockServer::start();
    let found = server.mock(|when, then| {
        when.path("/free")
            .query_param("q", "Stationsplein 1 3511ED Utrecht")
            .query_param("fq", "type:adres");
        then.status(200).body(locatieserver(
            "{\"weergavenaam\":\"Stationsplein 1, 3511ED Utrecht\",\"centroide_rd\":\"POINT(136013.585 455926.148)\",\"type\":\"adres\"}",
        ));
    });
    let missing = server.mock(|when, then| {
        when.path("/free")
            .query_param("q", "Nergensstraat 99 Nergenshuizen");
        then.status(200)
            .body("{\"response\":{\"numFound\":0,\"start\":0,\"maxScore\":0.0,\"docs\":[]}}");
    });
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("aanbod.csv"),
        "naam;adres;postcode;plaats\nStation;Stationsplein 1;3511ED;Utrecht\nNergens;Nergensstraat 99;;Nergenshuizen\nNog eens;Stationsplein  1;3511ED;utrecht\nLeeg;;;\n",
    )
    .unwrap();
    drop(Project::create(&d.join("p.locatiescout")).unwrap());
    let base = server.base_url();
    let args = [
        "geocode",
        "aanbod.csv",
        "--out",
        "aanbod-rd.csv",
        "--project",
        "p.locatiescout",
        "--base-url",
        &base,
        "--per-second",
        "50",
    ];
    let o = run(d, &args);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        o.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        out.contains("4 rijen, 0 met coördinaten, 2 adressen gevonden (1 uit de cache, 2 verzoeken), 2 niet gevonden"),
        "{out}"
    );
    assert!(
        out.contains("regel 3: Nergensstraat 99 Nergenshuizen niet gevonden"),
        "{out}"
    );
    assert!(out.contains("regel 5: (geen adres) niet gevonden"), "{out}");
    assert_eq!(
        found.calls(),
        1,
        "the same address (other spacing and case) is asked once"
    );
    assert_eq!(missing.calls(), 1);

    // The result imports as listings: two points where Locatieserver put them.
    let map = app::model::FieldMap::default();
    let layer = app::io::import_file(
        &d.join("aanbod-rd.csv"),
        app::io::ImportOptions::new(app::model::LayerKind::Listings, &map),
    )
    .unwrap();
    assert_eq!(layer.len(), 2);
    let b = layer.bbox(0).unwrap();
    assert!((b.min().x - 136_013.585).abs() < 0.01 && (b.min().y - 455_926.148).abs() < 0.01);

    // Again with the project: everything from the cache, nothing asked.
    let o = run(d, &args);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(out.contains("(2 uit de cache, 0 verzoeken)"), "{out}");
    assert_eq!((found.calls(), missing.calls()), (1, 1));
}
