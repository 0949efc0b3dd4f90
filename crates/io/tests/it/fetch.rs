//! Fetching from PDOK without the internet: recorded OGC API responses
//! (`../shared/data/pdok_ogcapi/`, their `next` links rewritten) replayed by a
//! mock server on loopback (httpmock), and a scripted raw-socket server for what
//! a well-behaved mock cannot do — lie about the length, cut the body, never
//! answer. Every case ends in the right result or a clear error, in bounded time.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(feature = "fetch")]

use crate::common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::AtomicBool;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use httpmock::prelude::*;
use locatiescout_io::fetch::{Area, Collection, FetchError, FetchSettings, Fetcher};
use locatiescout_model::FieldMap;
use locatiescout_model::LayerKind;

fn recorded(name: &str, base: &str, collection: &str) -> String {
    std::fs::read_to_string(common::shared(&format!("pdok_ogcapi/{name}")))
        .unwrap()
        .replace(
            "http://localhost:8080/collections/foo",
            &format!("{base}/collections/{collection}"),
        )
}

fn settings(base: &str) -> FetchSettings {
    FetchSettings {
        timeout_s: 1.0,
        retries: 2,
        backoff_ms: 10,
        max_wait_s: 5.0,
        ..FetchSettings::default().with_base_url(base)
    }
}

fn area() -> Area {
    Area::parse_bbox("120000,566000,121000,567000").unwrap()
}

fn fetch(
    s: &FetchSettings,
    c: Collection,
    area: &Area,
) -> Result<
    (
        locatiescout_model::Layer,
        locatiescout_io::fetch::FetchSummary,
    ),
    FetchError,
> {
    let dir = tempfile::tempdir().unwrap();
    let cancel = AtomicBool::new(false);
    let pages = Mutex::new(Vec::new());
    let map = FieldMap::default();
    let progress =
        |p: locatiescout_io::fetch::FetchProgress| pages.lock().unwrap().push(p.features);
    let r = Fetcher::new(s, &map, dir.path(), &cancel, &progress)
        .unwrap()
        .layer(c, area);
    // Nothing is left behind in the work folder, whatever happened.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    r
}

#[test]
fn pages_are_followed_through_next_links_until_an_empty_page() {
    let server = MockServer::start();
    let base = server.base_url();
    let first = server.mock(|when, then| {
        when.method(GET)
            .path("/collections/perceel/items")
            .query_param_exists("bbox")
            .query_param("limit", "1000")
            .query_param("crs", "http://www.opengis.net/def/crs/EPSG/0/28992")
            .query_param("bbox-crs", "http://www.opengis.net/def/crs/EPSG/0/28992");
        then.status(200)
            .header("content-type", "application/geo+json")
            .body(recorded(
                "gokoala_expected_foo_collection_with_limit.json",
                &base,
                "perceel",
            ));
    });
    let second = server.mock(|when, then| {
        when.method(GET)
            .path("/collections/perceel/items")
            .query_param("cursor", "Dv4|Nwyr1Q");
        then.status(200).body(recorded(
            "gokoala_expected_foo_collection_with_cursor.json",
            &base,
            "perceel",
        ));
    });
    let last = server.mock(|when, then| {
        when.method(GET)
            .path("/collections/perceel/items")
            .query_param("cursor", "DwA|Nwyr1Q");
        then.status(200).body(recorded(
            "gokoala_expected_empty_feature_collection.json",
            &base,
            "perceel",
        ));
    });
    let (layer, summary) = fetch(&settings(&base), Collection::Percelen, &area()).unwrap();
    first.assert();
    second.assert();
    last.assert();
    assert_eq!(summary.pages, 3);
    assert_eq!(summary.received, 4);
    assert_eq!(layer.len(), 4);
    assert_eq!(layer.kind, LayerKind::Parcels);
    // The server answered in WGS84 although RD was asked: still read right.
    let b = layer.bbox(0).unwrap();
    assert!(b.min().x > 100_000.0 && b.min().y > 400_000.0, "{b:?}");
    assert_eq!(
        layer.report.path.display().to_string(),
        "PDOK perceel (bbox 120000,566000,121000,567000)"
    );
    assert!(summary.first_url.contains("/collections/perceel/items?"));
}

#[test]
fn a_single_feature_and_a_null_geometry() {
    let server = MockServer::start();
    let base = server.base_url();
    server.mock(|when, then| {
        when.path("/collections/pand/items");
        then.status(200).body(recorded(
            "gokoala_expected_feature_4030.json",
            &base,
            "pand",
        ));
    });
    let (layer, summary) = fetch(&settings(&base), Collection::Panden, &area()).unwrap();
    assert_eq!((summary.pages, summary.received, layer.len()), (1, 1, 1));

    let server = MockServer::start();
    let base = server.base_url();
    server.mock(|when, then| {
        when.path("/collections/pand/items");
        then.status(200).body(recorded(
            "gokoala_expected_feature_geom_null.json",
            &base,
            "pand",
        ));
    });
    let (layer, summary) = fetch(&settings(&base), Collection::Panden, &area()).unwrap();
    assert_eq!(summary.received, 1);
    assert_eq!(layer.len(), 0);
    assert_eq!(
        layer.report.skipped_count, 1,
        "the feature without geometry is reported"
    );
}

#[test]
fn a_municipality_keeps_only_what_lies_in_it() {
    let boundaries = common::import_ok(
        "boundaries/derived_cbs_gemeenten2024_rd.geojson",
        LayerKind::Overlay,
    );
    let server = MockServer::start();
    let base = server.base_url();
    server.mock(|when, then| {
        when.path("/collections/verblijfsobject/items");
        then.status(200).body(recorded(
            "gokoala_expected_multiple_gpkgs_bbox_rd_output_also_rd.json",
            &base,
            "verblijfsobject",
        ));
    });
    // Six address points in Oosterend, on Texel.
    let texel = Area::gemeente("GM0448", &boundaries).unwrap();
    assert!(texel.label.contains("Texel"), "{}", texel.label);
    let (layer, summary) = fetch(&settings(&base), Collection::Verblijfsobjecten, &texel).unwrap();
    assert_eq!((summary.received, summary.outside, layer.len()), (6, 0, 6));
    let utrecht = Area::gemeente("gm0344", &boundaries).unwrap();
    let (layer, summary) =
        fetch(&settings(&base), Collection::Verblijfsobjecten, &utrecht).unwrap();
    assert_eq!((summary.received, summary.outside, layer.len()), (6, 6, 0));
    let e = Area::gemeente("GM9999", &boundaries)
        .unwrap_err()
        .to_string();
    assert!(e.contains("GM9999") && e.contains("niet"), "{e}");
}

/// A server that answers each connection with the next scripted reply (and then
/// the last one again): raw bytes, so it can lie, cut off or stay silent.
struct Scripted {
    base: String,
    hits: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

enum Reply {
    Bytes(Vec<u8>),
    /// Accept, read the request, never answer.
    Silent,
}

fn ok_json(body: &str) -> Reply {
    Reply::Bytes(
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/geo+json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .into_bytes(),
    )
}

fn status(code: u16, extra: &str) -> Reply {
    Reply::Bytes(
        format!("HTTP/1.1 {code} X\r\nContent-Length: 0\r\nConnection: close\r\n{extra}\r\n")
            .into_bytes(),
    )
}

fn scripted(replies: Vec<Reply>) -> Scripted {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let hits = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let h = hits.clone();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let n = h.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let mut buf = [0u8; 8192];
            let _ = stream.read(&mut buf);
            match replies.get(n).or(replies.last()) {
                Some(Reply::Bytes(b)) => {
                    let _ = stream.write_all(b);
                }
                Some(Reply::Silent) | None => held.push(stream),
            }
        }
    });
    Scripted { base, hits }
}

const ONE_PARCEL: &str = r#"{"type":"FeatureCollection","links":[],"features":[{"type":"Feature","properties":{"identificatie_lokaal_id":"1","kadastrale_grootte_waarde":100},"geometry":{"type":"Polygon","coordinates":[[[120000,566000],[120010,566000],[120010,566010],[120000,566010],[120000,566000]]]}}]}"#;

#[test]
fn retries_honour_retry_after_and_then_succeed() {
    let srv = scripted(vec![
        status(429, "Retry-After: 1\r\n"),
        status(503, ""),
        ok_json(ONE_PARCEL),
    ]);
    let t = Instant::now();
    let (layer, summary) = fetch(&settings(&srv.base), Collection::Percelen, &area()).unwrap();
    assert_eq!(layer.len(), 1);
    assert_eq!(summary.retries, 2);
    assert_eq!(srv.hits.load(std::sync::atomic::Ordering::SeqCst), 3);
    assert!(
        t.elapsed() >= Duration::from_millis(950),
        "Retry-After: 1 was not honoured"
    );
}

#[test]
fn a_server_that_keeps_failing_or_asks_too_much_patience() {
    let srv = scripted(vec![status(500, "")]);
    let e = fetch(&settings(&srv.base), Collection::Percelen, &area()).unwrap_err();
    assert!(
        matches!(
            e,
            FetchError::Status {
                status: 500,
                attempts: 3,
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("foutcode 500") && e.to_string().contains("3 pogingen"));
    let srv = scripted(vec![status(429, "Retry-After: 3600\r\n")]);
    let e = fetch(&settings(&srv.base), Collection::Percelen, &area()).unwrap_err();
    assert!(e.to_string().contains("3600 s te wachten"), "{e}");
    let srv = scripted(vec![status(404, "")]);
    let e = fetch(&settings(&srv.base), Collection::Percelen, &area()).unwrap_err();
    assert!(
        matches!(
            e,
            FetchError::Status {
                status: 404,
                attempts: 1,
                ..
            }
        ),
        "a 404 is not retried: {e}"
    );
}

#[test]
fn hostile_responses_end_in_clear_errors_in_bounded_time() {
    // A 2 GB Content-Length is refused before a byte of the body is read.
    let srv = scripted(vec![Reply::Bytes(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2147483648\r\n\r\n{\"type\":".to_vec(),
    )]);
    let t = Instant::now();
    let e = fetch(&settings(&srv.base), Collection::Percelen, &area()).unwrap_err();
    assert!(
        matches!(
            e,
            FetchError::TooLarge {
                bytes: 2147483648,
                ..
            }
        ),
        "{e}"
    );
    assert!(t.elapsed() < Duration::from_secs(2));

    // A body cut short of its Content-Length.
    let mut cut = b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n".to_vec();
    cut.extend_from_slice(&ONE_PARCEL.as_bytes()[..60]);
    let srv = scripted(vec![Reply::Bytes(cut)]);
    let e = fetch(&settings(&srv.base), Collection::Percelen, &area()).unwrap_err();
    assert!(matches!(e, FetchError::Broken { attempts: 3, .. }), "{e}");
    assert!(e.to_string().contains("brak af"), "{e}");

    // A server that never answers: the timeout, retried once (not `retries`
    // times: issue 32 item 8), then a message.
    let srv = scripted(vec![Reply::Silent]);
    let t = Instant::now();
    let e = fetch(&settings(&srv.base), Collection::Percelen, &area()).unwrap_err();
    assert!(matches!(e, FetchError::Timeout { attempts: 2, .. }), "{e}");
    assert_eq!(srv.hits.load(std::sync::atomic::Ordering::SeqCst), 2);
    assert!(t.elapsed() < Duration::from_secs(8), "{:?}", t.elapsed());
    assert!(e.to_string().contains("antwoordde niet binnen"), "{e}");

    // Malformed JSON.
    let srv = scripted(vec![ok_json(
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":",
    )]);
    let e = fetch(&settings(&srv.base), Collection::Percelen, &area()).unwrap_err();
    assert!(matches!(e, FetchError::Malformed { .. }), "{e}");
    assert!(e.to_string().contains("geen geldige GeoJSON"), "{e}");
}

#[test]
fn a_redirect_loop_and_a_next_link_back_to_itself() {
    let server = MockServer::start();
    let base = server.base_url();
    server.mock(|when, then| {
        when.path("/collections/perceel/items");
        then.status(302).header(
            "Location",
            format!("{base}/collections/perceel/items?f=json"),
        );
    });
    let e = fetch(&settings(&base), Collection::Percelen, &area()).unwrap_err();
    assert!(matches!(e, FetchError::Redirects { .. }), "{e}");
    assert!(e.to_string().contains("doorverwijzing"), "{e}");

    let server = MockServer::start();
    let base = server.base_url();
    let body = ONE_PARCEL.replace(
        "\"links\":[]",
        &format!("\"links\":[{{\"rel\":\"next\",\"type\":\"application/geo+json\",\"href\":\"{base}/collections/perceel/items?cursor=x\"}}]"),
    );
    server.mock(|when, then| {
        when.path("/collections/perceel/items");
        then.status(200).body(&body);
    });
    let e = fetch(&settings(&base), Collection::Percelen, &area()).unwrap_err();
    assert!(e.to_string().contains("al is opgehaald"), "{e}");
}

#[test]
fn offline_caps_and_cancel() {
    // Nothing listens: PDOK unreachable, said in Dutch.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let e = fetch(
        &settings(&format!("http://127.0.0.1:{port}")),
        Collection::Percelen,
        &area(),
    )
    .unwrap_err();
    assert!(matches!(e, FetchError::Offline { .. }), "{e}");
    assert!(
        e.to_string().contains("niet bereikbaar") && e.to_string().contains("werkt gewoon door"),
        "{e}"
    );

    // More features than allowed.
    let srv = scripted(vec![ok_json(ONE_PARCEL)]);
    let s = FetchSettings {
        max_features: 0,
        ..settings(&srv.base)
    };
    let e = fetch(&s, Collection::Percelen, &area()).unwrap_err();
    assert!(matches!(e, FetchError::TooMany { .. }), "{e}");

    // A response over the size cap without a Content-Length (read, then refused).
    let body = ONE_PARCEL.to_string();
    let srv = scripted(vec![Reply::Bytes(
        format!("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{body}").into_bytes(),
    )]);
    let s = FetchSettings {
        max_response_bytes: 100,
        ..settings(&srv.base)
    };
    let e = fetch(&s, Collection::Percelen, &area()).unwrap_err();
    assert!(matches!(e, FetchError::TooLarge { .. }), "{e}");

    // Cancelled before the first page.
    let srv = scripted(vec![ok_json(ONE_PARCEL)]);
    let s = settings(&srv.base);
    let cancel = AtomicBool::new(true);
    let dir = tempfile::tempdir().unwrap();
    let map = FieldMap::default();
    let e = Fetcher::new(&s, &map, dir.path(), &cancel, &|_| {})
        .unwrap()
        .layer(Collection::Percelen, &area())
        .unwrap_err();
    assert!(matches!(e, FetchError::Cancelled));

    // Cancelled while a request hangs: "Afbreken" does not wait for the (here 30 s) timeout.
    let srv = scripted(vec![Reply::Silent]);
    let s = FetchSettings {
        timeout_s: 30.0,
        ..settings(&srv.base)
    };
    let cancel = AtomicBool::new(false);
    let t = Instant::now();
    let e = std::thread::scope(|scope| {
        scope.spawn(|| {
            while srv.hits.load(std::sync::atomic::Ordering::SeqCst) == 0 {
                std::thread::sleep(Duration::from_millis(10));
            }
            std::thread::sleep(Duration::from_millis(200));
            cancel.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        Fetcher::new(&s, &map, dir.path(), &cancel, &|_| {})
            .unwrap()
            .layer(Collection::Percelen, &area())
            .unwrap_err()
    });
    assert!(matches!(e, FetchError::Cancelled), "{e}");
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
    assert_eq!(srv.hits.load(std::sync::atomic::Ordering::SeqCst), 1);

    // Bad boxes are refused before any request.
    for bad in [
        "1,2,3",
        "a,b,c,d",
        "160000,460000,150000,465000",
        "4.1,52.0,4.2,52.1",
    ] {
        assert!(Area::parse_bbox(bad).is_err(), "{bad}");
    }
}

/// An overlay preset finds its collection in the service's own list (the id
/// differs from the one guessed), fetches it and is stored as the named overlay.
#[test]
fn an_overlay_preset_finds_its_collection_and_is_stored_by_name() {
    let server = MockServer::start();
    let base = server.base_url();
    let list = server.mock(|when, then| {
        when.method(GET).path("/rvo/natura2000/ogc/v1/collections");
        then.status(200).body(
            r#"{"collections":[{"id":"gebieden","title":"Natura 2000-gebieden"},{"id":"habitattypen","title":"Habitattypen"}]}"#,
        );
    });
    let polygon = r#"{"type":"Polygon","coordinates":[[[120100,566100],[120900,566100],[120900,566900],[120100,566900],[120100,566100]]]}"#;
    let items = server.mock(|when, then| {
        when.method(GET)
            .path("/rvo/natura2000/ogc/v1/collections/gebieden/items")
            .query_param_exists("bbox");
        then.status(200).body(format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","id":1,"properties":{{"naam":"Proefgebied"}},"geometry":{polygon}}}],"links":[]}}"#
        ));
    });
    let s = settings(&base);
    let (layer, summary) = fetch(&s, Collection::Natura2000, &area()).unwrap();
    list.assert();
    assert_eq!(layer.len(), 1);
    assert_eq!(layer.kind, LayerKind::Overlay);
    assert_eq!(layer.feature_name(0), "Proefgebied");
    assert!(
        summary.first_url.contains("/collections/gebieden/items"),
        "{}",
        summary.first_url
    );

    // Into a project: stored as the overlay 'natura2000' with its role; a second
    // fetch of the same area downloads nothing.
    let dir = tempfile::tempdir().unwrap();
    let mut project =
        locatiescout_io::project::Project::create(&dir.path().join("p.locatiescout")).unwrap();
    let cancel = AtomicBool::new(false);
    let map = FieldMap::default();
    let progress = |_: locatiescout_io::fetch::FetchProgress| {};
    let f = Fetcher::new(&s, &map, dir.path(), &cancel, &progress).unwrap();
    locatiescout_io::fetch::fetch_into_project(
        &mut project,
        &f,
        &[Collection::Natura2000],
        &area(),
        false,
    )
    .unwrap();
    let named = project.load_named().unwrap();
    assert_eq!(named.len(), 1);
    assert_eq!(named[0].name, "natura2000");
    assert_eq!(
        named[0].role,
        locatiescout_model::layer::LayerRole::Constraint
    );
    assert_eq!(named[0].title, "Natura 2000-gebied");
    assert!(
        project.load_layers().unwrap().is_empty(),
        "not stored as the outline"
    );
    let again = locatiescout_io::fetch::fetch_into_project(
        &mut project,
        &f,
        &[Collection::Natura2000],
        &area(),
        false,
    )
    .unwrap();
    assert!(matches!(
        again[0].1,
        locatiescout_io::fetch::Outcome::Cached(_)
    ));
    // Once for the layer, once into the project; the cached call asks nothing.
    items.assert_calls(2);
}

#[test]
fn an_overlay_service_without_a_fitting_collection_says_what_it_has() {
    let server = MockServer::start();
    let base = server.base_url();
    server.mock(|when, then| {
        when.path("/prorail/spoorwegen/ogc/v1/collections");
        then.status(200)
            .body(r#"{"collections":[{"id":"spooras","title":"Spoorassen"},{"id":"overweg"}]}"#);
    });
    let e = fetch(&settings(&base), Collection::Stations, &area())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("geen collectie voor stations gevonden") && e.contains("spooras, overweg"),
        "{e}"
    );
    // Not a list at all.
    let server = MockServer::start();
    let base = server.base_url();
    server.mock(|when, then| {
        when.path("/prorail/spoorwegen/ogc/v1/collections");
        then.status(200).body("<html>onderhoud</html>");
    });
    let e = fetch(&settings(&base), Collection::Stations, &area())
        .unwrap_err()
        .to_string();
    assert!(e.contains("geen lijst van collecties"), "{e}");
}

/// A server that answers every request with a body trickling one byte per `gap`.
fn trickling(gap: Duration) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                let _ = stream.read(&mut buf);
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/geo+json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    ONE_PARCEL.len()
                );
                let _ = stream.write_all(head.as_bytes());
                for b in ONE_PARCEL.bytes() {
                    if stream.write_all(&[b]).is_err() {
                        return;
                    }
                    std::thread::sleep(gap);
                }
            });
        }
    });
    base
}

/// Issue 18 item 1: a byte every 0,3 s resets a per-read timeout of 1 s for ever;
/// the request's own deadline (connect → last byte) ends it, and says so.
#[test]
fn a_trickling_server_meets_the_request_deadline() {
    let base = trickling(Duration::from_millis(300));
    let s = FetchSettings {
        retries: 0,
        ..settings(&base)
    };
    let t = Instant::now();
    let e = fetch(&s, Collection::Percelen, &area()).unwrap_err();
    assert!(matches!(e, FetchError::TooSlow { .. }), "{e:?}");
    assert!(
        e.to_string().contains("van verbinden tot de laatste byte"),
        "{e}"
    );
    // One request of 1 s, not the ~100 s the trickle would take.
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
}

/// A server whose n-th answer is a page of one point linking to `next(base, n)`,
/// after `delay`; it counts the requests.
fn chain_server(
    delay: Duration,
    next: impl Fn(&str, usize) -> String + Send + Sync + 'static,
) -> Scripted {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let hits = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (h, b) = (hits.clone(), base.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let n = h.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let mut buf = [0u8; 8192];
            let _ = stream.read(&mut buf);
            std::thread::sleep(delay);
            let body = format!(
                r#"{{"type":"FeatureCollection","links":[{{"rel":"next","type":"application/geo+json","href":"{}"}}],"features":[{{"type":"Feature","properties":{{"identificatie_lokaal_id":"{n}"}},"geometry":{{"type":"Point","coordinates":[120500,566500]}}}}]}}"#,
                next(&b, n)
            );
            let _ = stream.write_all(
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/geo+json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                )
                .as_bytes(),
            );
        }
    });
    Scripted { base, hits }
}

/// Issue 18 item 2: `next` links that never end stop at `max_pages`; the whole
/// fetch stops at `max_total_s`; a `next` to another server or to file:// is refused at once.
#[test]
fn endless_or_foreign_next_links_are_bounded_and_refused() {
    use std::sync::atomic::Ordering::SeqCst;
    let endless = chain_server(Duration::ZERO, |b, n| {
        format!("{b}/collections/perceel/items?p={}", n + 1)
    });
    let s = FetchSettings {
        max_pages: 25,
        ..settings(&endless.base)
    };
    let e = fetch(&s, Collection::Percelen, &area()).unwrap_err();
    assert!(
        matches!(e, FetchError::TooManyPages { max: 25, .. }),
        "{e:?}"
    );
    assert!(e.to_string().contains("meer dan 25 pagina's"), "{e}");
    assert_eq!(endless.hits.load(SeqCst), 25);

    // A total budget ends a slow but endless chain.
    let slow = chain_server(Duration::from_millis(200), |b, n| {
        format!("{b}/collections/perceel/items?p={}", n + 1)
    });
    let s = FetchSettings {
        max_total_s: 1.0,
        ..settings(&slow.base)
    };
    let t = Instant::now();
    let e = fetch(&s, Collection::Percelen, &area()).unwrap_err();
    assert!(matches!(e, FetchError::OverBudget { .. }), "{e:?}");
    assert!(t.elapsed() < Duration::from_secs(10));

    for foreign in [
        "http://example.org/collections/perceel/items?p=1",
        "file:///etc/passwd",
    ] {
        let target = foreign.to_string();
        let srv = chain_server(Duration::ZERO, move |_, _| target.clone());
        let e = fetch(&settings(&srv.base), Collection::Percelen, &area()).unwrap_err();
        assert!(
            matches!(e, FetchError::ForeignLink { .. }),
            "{foreign}: {e:?}"
        );
        assert!(e.to_string().contains("wordt niet gevolgd"), "{e}");
        // Refused at once: one request, no retries.
        assert_eq!(srv.hits.load(SeqCst), 1, "{foreign}");
    }

    // A redirect to another server is not followed either.
    let srv = scripted(vec![status(302, "Location: http://example.org/elders\r\n")]);
    let e = fetch(&settings(&srv.base), Collection::Percelen, &area()).unwrap_err();
    assert!(e.to_string().contains("wordt niet gevolgd"), "{e}");
    assert_eq!(srv.hits.load(SeqCst), 1);
}
