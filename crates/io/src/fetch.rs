//! Fetching BRK parcels, BAG panden and verblijfsobjecten and the overlay layers
//! of the spatial criteria (Natura 2000, stations, …) from PDOK's OGC API
//! Features, robust against slow, broken and hostile servers: every request has a
//! timeout, 429 and 5xx are retried with backoff honouring `Retry-After`, a
//! response larger than the cap is refused before it is read, the total number of
//! features is capped, and a cancel takes effect at once, also during a request. Pages are
//! followed through their `rel=next` links (PDOK pages by cursor). Features are
//! written as they arrive into one GeoJSON file that the ordinary importer
//! then reads, so fetched data gets the same field mapping, checks and report as
//! a file the user opens.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use geo::{BoundingRect, Intersects, MultiPolygon, Rect};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::import::{import_file, ImportOptions, Layer, LayerKind};
use locatiescout_model::attrs::FieldMap;
use locatiescout_model::layer::LayerRole;

/// Where and how to fetch. Base URLs are settings so tests (and mirrors) can
/// point them elsewhere.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct FetchSettings {
    /// BRK kadastrale kaart, OGC API Features landing page.
    pub brk_url: String,
    /// BAG, OGC API Features landing page.
    pub bag_url: String,
    /// PDOK Locatieserver (`…/search/v3_1`).
    pub locatieserver_url: String,
    /// PDOK's API host; the overlay presets add their path (`/rvo/natura2000/ogc/v1`).
    pub pdok_url: String,
    /// Per request, from connecting to the last byte.
    pub timeout_s: f64,
    /// Retries after the first attempt, for 429, 5xx, timeouts and broken connections.
    pub retries: u32,
    /// First backoff; doubles per retry.
    pub backoff_ms: u64,
    /// A `Retry-After` longer than this ends the fetch instead of waiting.
    pub max_wait_s: f64,
    /// A response larger than this is refused (a page of 1,000 parcels is ~1 MB).
    pub max_response_bytes: u64,
    /// The fetch stops with an error beyond this many features per collection.
    pub max_features: u64,
    /// `limit` asked per page (PDOK accepts up to 1,000).
    pub page_limit: u32,
    /// The fetch stops with an error beyond this many pages per collection
    /// (a server whose `next` links never end).
    pub max_pages: u32,
    /// The whole fetch (all collections, all pages, retries included) may take this long.
    pub max_total_s: f64,
}

impl Default for FetchSettings {
    fn default() -> Self {
        FetchSettings {
            brk_url: "https://api.pdok.nl/kadaster/brk-kadastrale-kaart/ogc/v1".into(),
            bag_url: "https://api.pdok.nl/kadaster/bag/ogc/v2".into(),
            locatieserver_url: "https://api.pdok.nl/bzk/locatieserver/search/v3_1".into(),
            pdok_url: "https://api.pdok.nl".into(),
            timeout_s: 60.0,
            retries: 4,
            backoff_ms: 1000,
            max_wait_s: 120.0,
            max_response_bytes: 64 << 20,
            max_features: 5_000_000,
            page_limit: 1000,
            max_pages: 10_000,
            max_total_s: 3600.0,
        }
    }
}

impl FetchSettings {
    /// Every base URL replaced by one (a test server or mirror serving all collections).
    pub fn with_base_url(mut self, base: &str) -> FetchSettings {
        let base = base.trim_end_matches('/').to_string();
        self.brk_url = base.clone();
        self.bag_url = base.clone();
        self.pdok_url = base.clone();
        self.locatieserver_url = base;
        self
    }
}

/// What can be fetched: the BRK/BAG layers, and the overlay layers of the
/// spatial criteria (DOMAIN.md "Spatial suitability"), each stored as the named
/// overlay its key names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Collection {
    Percelen,
    Panden,
    Verblijfsobjecten,
    /// Natura 2000 areas (RVO).
    Natura2000,
    /// Nationally protected areas incl. NNN (RVO, CDDA).
    Cdda,
    /// Flood risk areas (Rijkswaterstaat).
    Overstroming,
    /// Protected cultural-historic areas (RCE).
    Cultuurhistorie,
    /// Public-law restrictions (Kadaster Wkpb).
    Wkpb,
    /// Railway stations (ProRail).
    Stations,
    /// CBS buurten with the distances to GP, supermarket, school and station.
    Buurten,
}

impl Collection {
    pub const ALL: [Collection; 10] = [
        Collection::Percelen,
        Collection::Panden,
        Collection::Verblijfsobjecten,
        Collection::Natura2000,
        Collection::Cdda,
        Collection::Overstroming,
        Collection::Cultuurhistorie,
        Collection::Wkpb,
        Collection::Stations,
        Collection::Buurten,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Collection::Percelen => "percelen",
            Collection::Panden => "panden",
            Collection::Verblijfsobjecten => "verblijfsobjecten",
            Collection::Natura2000 => "natura2000",
            Collection::Cdda => "cdda",
            Collection::Overstroming => "overstroming",
            Collection::Cultuurhistorie => "cultuurhistorie",
            Collection::Wkpb => "wkpb",
            Collection::Stations => "stations",
            Collection::Buurten => "buurten",
        }
    }

    pub fn parse(s: &str) -> Option<Collection> {
        let s = s.trim().to_lowercase();
        Self::ALL
            .into_iter()
            .find(|c| c.key() == s || c.collection_id() == s)
    }

    /// The name of the overlay layer this collection is stored as; `None` for BRK/BAG.
    pub fn overlay_name(self) -> Option<&'static str> {
        self.api_path().map(|_| self.key())
    }

    /// The OGC API collection id at PDOK. For an overlay this is only what is
    /// asked when the service's own list (`/collections`) names none better; see
    /// [`Collection::keywords`].
    pub fn collection_id(self) -> &'static str {
        match self {
            Collection::Percelen => "perceel",
            Collection::Panden => "pand",
            Collection::Verblijfsobjecten => "verblijfsobject",
            Collection::Natura2000 => "natura2000",
            Collection::Cdda => "cdda",
            Collection::Overstroming => "risicogebied",
            Collection::Cultuurhistorie => "beschermde_gebieden",
            Collection::Wkpb => "publiekrechtelijke_beperking",
            Collection::Stations => "station",
            Collection::Buurten => "buurten",
        }
    }

    /// The API's path on PDOK's host (DOMAIN.md "Spatial suitability"); `None` for BRK/BAG.
    fn api_path(self) -> Option<&'static str> {
        match self {
            Collection::Percelen | Collection::Panden | Collection::Verblijfsobjecten => None,
            Collection::Natura2000 => Some("/rvo/natura2000/ogc/v1"),
            Collection::Cdda => Some("/rvo/nationaal-beschermde-gebieden-cdda/ogc/v1"),
            Collection::Overstroming => Some("/rws/overstromingen-risicogebied/ogc/v2"),
            Collection::Cultuurhistorie => Some("/rce/beschermde-gebieden-cultuurhistorie/ogc/v1"),
            Collection::Wkpb => Some("/kadaster/brk-publiekrechtelijke-beperkingen-wkpb/ogc/v1"),
            Collection::Stations => Some("/prorail/spoorwegen/ogc/v1"),
            Collection::Buurten => Some("/cbs/wijken-en-buurten-2025/ogc/v1"),
        }
    }

    /// Words that pick this overlay's collection out of the service's
    /// `/collections` list, in order of preference: DOMAIN.md warns the names are
    /// to be checked against the service, so they are looked up, not assumed.
    fn keywords(self) -> &'static [&'static str] {
        match self {
            Collection::Natura2000 => &["natura2000", "natura"],
            Collection::Cdda => &["cdda", "beschermd", "protected"],
            Collection::Overstroming => &["risicogebied", "overstroming", "flood"],
            Collection::Cultuurhistorie => &["beschermd", "gezicht", "cultuur"],
            Collection::Wkpb => &["beperking", "wkpb"],
            Collection::Stations => &["station"],
            Collection::Buurten => &["buurt"],
            _ => &[],
        }
    }

    pub fn layer_kind(self) -> LayerKind {
        match self {
            Collection::Percelen => LayerKind::Parcels,
            Collection::Panden => LayerKind::Buildings,
            Collection::Verblijfsobjecten => LayerKind::Units,
            _ => LayerKind::Overlay,
        }
    }

    fn base(self, s: &FetchSettings) -> String {
        match (self, self.api_path()) {
            (Collection::Percelen, _) => s.brk_url.clone(),
            (_, Some(path)) => format!("{}{path}", s.pdok_url.trim_end_matches('/')),
            _ => s.bag_url.clone(),
        }
    }
}

/// The `/collections` answer of an OGC API, as far as choosing one is concerned.
#[derive(Deserialize)]
struct CollectionList {
    #[serde(default)]
    collections: Vec<CollectionEntry>,
}

#[derive(Deserialize)]
struct CollectionEntry {
    id: String,
    #[serde(default)]
    title: Option<String>,
}

/// The collection of `c` among `ids` (id, title): the first keyword matched by an
/// id, then by a title.
fn choose_collection(c: Collection, list: &[(String, String)]) -> Option<String> {
    c.keywords().iter().find_map(|k| {
        list.iter()
            .find(|(id, _)| id.to_lowercase().contains(k))
            .or_else(|| list.iter().find(|(_, t)| t.to_lowercase().contains(k)))
            .map(|(id, _)| id.clone())
    })
}

/// The area to fetch: a box in RD New, optionally with the polygon (a
/// municipality) the features are filtered to after fetching.
#[derive(Debug, Clone)]
pub struct Area {
    pub bbox: Rect<f64>,
    pub clip: Option<MultiPolygon<f64>>,
    /// "bbox 155000,460000,160000,465000" or "GM0344 Utrecht", for reports and the cache.
    pub label: String,
}

impl Area {
    pub fn bbox(r: Rect<f64>) -> Area {
        Area {
            label: format!(
                "bbox {:.0},{:.0},{:.0},{:.0}",
                r.min().x,
                r.min().y,
                r.max().x,
                r.max().y
            ),
            bbox: r,
            clip: None,
        }
    }

    /// "X1,Y1,X2,Y2" in RD New metres.
    pub fn parse_bbox(s: &str) -> Result<Area, FetchError> {
        let bad = || {
            FetchError::Input(format!(
                "bbox '{s}' is geen X1,Y1,X2,Y2 in RD-meters (bijv. 155000,460000,160000,465000)"
            ))
        };
        let v: Vec<f64> = s
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| bad())?;
        let [x1, y1, x2, y2] = v[..] else {
            return Err(bad());
        };
        let plausible = |x: f64, y: f64| {
            (-7_000.0..=300_000.0).contains(&x) && (289_000.0..=629_000.0).contains(&y)
        };
        if !(plausible(x1, y1) && plausible(x2, y2)) || x1 >= x2 || y1 >= y2 {
            return Err(bad());
        }
        Ok(Area::bbox(Rect::new(
            geo::coord! { x: x1, y: y1 },
            geo::coord! { x: x2, y: y2 },
        )))
    }

    /// A municipality by CBS code (`GM0344`) from a boundaries layer (id = code).
    pub fn gemeente(code: &str, boundaries: &Layer) -> Result<Area, FetchError> {
        let want = code.trim().to_uppercase();
        let i = (0..boundaries.len())
            .find(|&i| {
                boundaries
                    .source_id(i)
                    .is_some_and(|id| id.eq_ignore_ascii_case(&want))
            })
            .ok_or_else(|| {
                FetchError::Input(format!(
                    "gemeente {want} staat niet in de CBS-gemeentegrenzen (codes als GM0344)"
                ))
            })?;
        let mp = boundaries
            .geom
            .multi_polygon(i)
            .ok_or_else(|| FetchError::Input(format!("gemeente {want} heeft geen vlak")))?;
        let bbox = mp
            .bounding_rect()
            .ok_or_else(|| FetchError::Input(format!("gemeente {want} heeft een leeg vlak")))?;
        let name = boundaries
            .text(i, locatiescout_model::Field::Name)
            .unwrap_or("");
        Ok(Area {
            bbox,
            clip: Some(mp),
            label: format!("{want} {name}").trim().to_string(),
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{0}")]
    Input(String),
    #[error("PDOK is niet bereikbaar ({url}): {detail}. Controleer de internetverbinding; de rest van Locatiescout werkt gewoon door.")]
    Offline { url: String, detail: String },
    #[error("PDOK antwoordde niet binnen {seconds} s ({url}), ook niet na {attempts} pogingen. Probeer het later opnieuw of kies een kleiner gebied.")]
    Timeout {
        url: String,
        seconds: f64,
        attempts: u32,
    },
    #[error("PDOK gaf foutcode {status} ({url}){}", if *.attempts > 1 { format!(", ook na {} pogingen", attempts) } else { String::new() })]
    Status {
        url: String,
        status: u16,
        attempts: u32,
    },
    #[error("PDOK vraagt {seconds} s te wachten ({url}); dat is langer dan de ingestelde {max} s. Probeer het later opnieuw.")]
    WaitTooLong { url: String, seconds: f64, max: f64 },
    #[error("het antwoord van {url} is te groot ({bytes} bytes, grens {max}); kies een kleiner gebied of een kleinere pagina")]
    TooLarge { url: String, bytes: u64, max: u64 },
    #[error("meer dan {max} objecten in {collection}; kies een kleiner gebied")]
    TooMany { collection: String, max: u64 },
    #[error("meer dan {max} pagina's in {collection} (de 'next'-links houden niet op); kies een kleiner gebied of verhoog max_pages")]
    TooManyPages { collection: String, max: u32 },
    #[error("het ophalen duurt langer dan de ingestelde {seconds} s voor alles samen (max_total_s); er is niets gewijzigd. Kies een kleiner gebied of probeer het later opnieuw.")]
    OverBudget { seconds: f64 },
    #[error("{url} antwoordde niet volledig binnen {seconds} s (van verbinden tot de laatste byte; de server stuurt te langzaam), ook niet na {attempts} pogingen")]
    TooSlow {
        url: String,
        seconds: f64,
        attempts: u32,
    },
    #[error("{url}: een link of doorverwijzing naar {target} wordt niet gevolgd; alleen {allowed} (zelfde schema en server als het basisadres)")]
    ForeignLink {
        url: String,
        target: String,
        allowed: String,
    },
    #[error(
        "de verbinding met {url} brak af tijdens het lezen ({detail}), ook na {attempts} pogingen"
    )]
    Broken {
        url: String,
        detail: String,
        attempts: u32,
    },
    #[error("{url} stuurt steeds door (doorverwijzing in een kringetje of te vaak); het adres klopt niet")]
    Redirects { url: String },
    #[error("{url} gaf geen geldige GeoJSON: {detail}")]
    Malformed { url: String, detail: String },
    #[error("ophalen afgebroken; er is niets gewijzigd")]
    Cancelled,
    #[error("{path}: {detail}")]
    Io { path: PathBuf, detail: String },
    #[error(transparent)]
    Import(#[from] crate::ImportError),
    #[error(transparent)]
    Project(#[from] crate::project::ProjectError),
}

/// Progress of one collection.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FetchProgress {
    pub collection: Collection,
    pub pages: u32,
    pub features: u64,
    pub bytes: u64,
}

/// What one collection's fetch did.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FetchSummary {
    pub collection: Collection,
    pub area: String,
    pub pages: u32,
    /// Features the server sent.
    pub received: u64,
    /// Left out because they lie outside the municipality.
    pub outside: u64,
    pub bytes: u64,
    /// Requests retried (429, 5xx, timeouts, broken connections).
    pub retries: u32,
    pub first_url: String,
}

/// One page of an OGC API Features response; features stay raw JSON so they are
/// written on unchanged.
#[derive(Deserialize)]
struct Page<'a> {
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(borrow, default)]
    features: Option<Vec<&'a RawValue>>,
    #[serde(default)]
    links: Vec<Link>,
}

#[derive(Deserialize)]
struct Link {
    rel: Option<String>,
    href: Option<String>,
    #[serde(rename = "type")]
    media: Option<String>,
}

/// Just the geometry of a feature, for the municipality filter.
#[derive(Deserialize)]
struct FeatureGeometry {
    geometry: Option<serde_json::Value>,
}

const RD_CRS: &str = "http://www.opengis.net/def/crs/EPSG/0/28992";

/// The scheme and host (with port) of `url`: what a link may point to.
fn origin_of(url: &str) -> Option<String> {
    let u = reqwest::Url::parse(url).ok()?;
    Some(format!(
        "{}://{}{}",
        u.scheme(),
        u.host_str()?,
        u.port().map(|p| format!(":{p}")).unwrap_or_default()
    ))
}

/// The origins of the configured base URLs: the only places links and redirects may lead.
pub fn allowed_origins(s: &FetchSettings) -> Vec<String> {
    let mut v: Vec<String> = [&s.brk_url, &s.bag_url, &s.locatieserver_url, &s.pdok_url]
        .iter()
        .filter_map(|u| origin_of(u))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Refuses a link to another scheme or server than the base URLs (a `next` to
/// another host, or to `file://`), at once and with a Dutch message.
pub fn check_link(s: &FetchSettings, from: &str, to: &str) -> Result<(), FetchError> {
    let allowed = allowed_origins(s);
    match origin_of(to) {
        Some(o) if allowed.contains(&o) => Ok(()),
        _ => Err(FetchError::ForeignLink {
            url: from.into(),
            target: to.chars().take(200).collect(),
            allowed: allowed.join(", "),
        }),
    }
}

/// The blocking HTTP client: a timeout per request, at most 5 redirects and only
/// to the scheme and server of a base URL.
pub fn client(s: &FetchSettings) -> Result<reqwest::blocking::Client, FetchError> {
    let allowed = allowed_origins(s);
    let policy = reqwest::redirect::Policy::custom(move |attempt| {
        let target = attempt.url().to_string();
        let ok = origin_of(&target).is_some_and(|o| allowed.contains(&o));
        if !ok {
            attempt.error(format!(
                "doorverwijzing naar {target} buiten {} wordt niet gevolgd",
                allowed.join(", ")
            ))
        } else if attempt.previous().len() >= 5 {
            attempt.error("te veel doorverwijzingen")
        } else {
            attempt.follow()
        }
    });
    reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs_f64(s.timeout_s.max(0.1)))
        .connect_timeout(Duration::from_secs_f64(s.timeout_s.clamp(0.1, 15.0)))
        .redirect(policy)
        .user_agent(concat!("Locatiescout/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| FetchError::Input(format!("HTTP-client: {e}")))
}

/// How long a `Retry-After` asks to wait: seconds or an HTTP date.
fn retry_after(h: &reqwest::header::HeaderMap) -> Option<f64> {
    let v = h.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(s) = v.parse::<f64>() {
        return Some(s.max(0.0));
    }
    let when = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    Some(
        ((when.timestamp_millis() - chrono::Utc::now().timestamp_millis()) as f64 / 1000.0)
            .max(0.0),
    )
}

/// Sleeps in small steps so a cancel is noticed.
fn wait(seconds: f64, cancel: &AtomicBool) -> Result<(), FetchError> {
    let end = std::time::Instant::now() + Duration::from_secs_f64(seconds.max(0.0));
    while std::time::Instant::now() < end {
        if cancel.load(Ordering::Relaxed) {
            return Err(FetchError::Cancelled);
        }
        std::thread::sleep(Duration::from_millis(20).min(end - std::time::Instant::now()));
    }
    Ok(())
}

/// What one HTTP attempt gave. The body is read only for a success.
enum Attempt {
    /// Sending failed (no connection, timeout, too many redirects…).
    Send(reqwest::Error),
    /// A status other than success, with its `Retry-After` in seconds.
    Status {
        status: u16,
        retry_after: Option<f64>,
    },
    /// `Content-Length` beyond the limit.
    TooLarge(u64),
    /// A success: the body as read, at most the limit plus one byte.
    Body(std::io::Result<Vec<u8>>),
    /// The body did not arrive whole before the request's deadline.
    TooSlow,
}

fn attempt(
    client: &reqwest::blocking::Client,
    url: &str,
    max_bytes: u64,
    deadline: std::time::Instant,
) -> Attempt {
    let resp = client
        .get(url)
        .header(
            reqwest::header::ACCEPT,
            "application/geo+json, application/json",
        )
        .send();
    let resp = match resp {
        Ok(r) => r,
        Err(e) => return Attempt::Send(e),
    };
    let status = resp.status();
    if !status.is_success() {
        return Attempt::Status {
            status: status.as_u16(),
            retry_after: retry_after(resp.headers()),
        };
    }
    if let Some(len) = resp.content_length().filter(|&l| l > max_bytes) {
        return Attempt::TooLarge(len);
    }
    // Read in pieces against one deadline: a server that sends a byte every few
    // seconds resets any per-read timeout, never this one.
    let mut body = Vec::new();
    let mut reader = resp.take(max_bytes + 1);
    let mut buf = [0u8; 64 << 10];
    loop {
        if std::time::Instant::now() > deadline {
            return Attempt::TooSlow;
        }
        match reader.read(&mut buf) {
            Ok(0) => return Attempt::Body(Ok(body)),
            Ok(n) => body.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Attempt::Body(Err(e)),
        }
    }
}

/// One attempt on a thread of its own, so that "Afbreken" does not wait for a
/// slow server (up to the timeout, a minute by default): on a cancel the thread is
/// left to finish within its timeout and its answer is dropped.
fn attempt_cancellable(
    client: &reqwest::blocking::Client,
    url: &str,
    max_bytes: u64,
    timeout_s: f64,
    cancel: &AtomicBool,
) -> Result<Attempt, FetchError> {
    use std::sync::mpsc::{channel, RecvTimeoutError};
    let deadline = std::time::Instant::now() + Duration::from_secs_f64(timeout_s.max(0.1));
    let (tx, rx) = channel();
    let (client, owned) = (client.clone(), url.to_string());
    std::thread::Builder::new()
        .name("pdok-verzoek".into())
        .spawn(move || {
            let _ = tx.send(attempt(&client, &owned, max_bytes, deadline));
        })
        .map_err(|e| FetchError::Input(format!("kan geen verzoek starten: {e}")))?;
    loop {
        match rx.recv_timeout(Duration::from_millis(25)) {
            Ok(a) => return Ok(a),
            Err(RecvTimeoutError::Timeout) if cancel.load(Ordering::Relaxed) => {
                return Err(FetchError::Cancelled)
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                return Err(FetchError::Broken {
                    url: url.into(),
                    detail: "het verzoek is onverwacht afgebroken".into(),
                    attempts: 1,
                })
            }
        }
    }
}

/// GET with retries; returns the body, at most `max_response_bytes`. A cancel is
/// noticed within a few hundredths of a second, also while a request is under way.
pub fn get(
    client: &reqwest::blocking::Client,
    s: &FetchSettings,
    url: &str,
    cancel: &AtomicBool,
    retried: &mut u32,
) -> Result<Vec<u8>, FetchError> {
    let attempts = s.retries + 1;
    let mut last: Option<FetchError> = None;
    for attempt in 0..attempts {
        if cancel.load(Ordering::Relaxed) {
            return Err(FetchError::Cancelled);
        }
        if attempt > 0 {
            *retried += 1;
        }
        let backoff = (s.backoff_ms as f64 / 1000.0) * 2f64.powi(attempt as i32);
        match attempt_cancellable(client, url, s.max_response_bytes, s.timeout_s, cancel)? {
            Attempt::TooSlow => {
                last = Some(FetchError::TooSlow {
                    url: url.into(),
                    seconds: s.timeout_s,
                    attempts,
                });
                wait(backoff, cancel)?;
            }
            Attempt::Send(e) if e.is_redirect() => {
                let why = root_cause(&e);
                return Err(if why.contains("wordt niet gevolgd") {
                    FetchError::Input(format!("{url}: {why}"))
                } else {
                    FetchError::Redirects { url: url.into() }
                });
            }
            Attempt::Send(e) if e.is_timeout() => {
                last = Some(FetchError::Timeout {
                    url: url.into(),
                    seconds: s.timeout_s,
                    attempts,
                });
                wait(backoff, cancel)?;
            }
            Attempt::Send(e) if e.is_connect() => {
                // Nothing listens or no network: retrying at once will not help much,
                // but a server restarting deserves a second chance.
                last = Some(FetchError::Offline {
                    url: url.into(),
                    detail: root_cause(&e),
                });
                if attempt + 1 < attempts.min(2) {
                    wait(backoff, cancel)?;
                    continue;
                }
                break;
            }
            Attempt::Send(e) => {
                last = Some(FetchError::Broken {
                    url: url.into(),
                    detail: root_cause(&e),
                    attempts,
                });
                wait(backoff, cancel)?;
            }
            Attempt::Status {
                status,
                retry_after: after,
            } if status == 429 || (500..600).contains(&status) => {
                if let Some(sec) = after {
                    if sec > s.max_wait_s {
                        return Err(FetchError::WaitTooLong {
                            url: url.into(),
                            seconds: sec,
                            max: s.max_wait_s,
                        });
                    }
                }
                last = Some(FetchError::Status {
                    url: url.into(),
                    status,
                    attempts,
                });
                if attempt + 1 < attempts {
                    wait(after.unwrap_or(backoff), cancel)?;
                }
            }
            Attempt::Status { status, .. } => {
                return Err(FetchError::Status {
                    url: url.into(),
                    status,
                    attempts: attempt + 1,
                })
            }
            Attempt::TooLarge(bytes) => {
                return Err(FetchError::TooLarge {
                    url: url.into(),
                    bytes,
                    max: s.max_response_bytes,
                })
            }
            Attempt::Body(Ok(body)) if body.len() as u64 > s.max_response_bytes => {
                return Err(FetchError::TooLarge {
                    url: url.into(),
                    bytes: body.len() as u64,
                    max: s.max_response_bytes,
                })
            }
            Attempt::Body(Ok(body)) => return Ok(body),
            Attempt::Body(Err(e)) => {
                let timeout = e
                    .get_ref()
                    .and_then(|inner| inner.downcast_ref::<reqwest::Error>())
                    .is_some_and(|r| r.is_timeout())
                    || e.kind() == std::io::ErrorKind::TimedOut;
                last = Some(if timeout {
                    FetchError::Timeout {
                        url: url.into(),
                        seconds: s.timeout_s,
                        attempts,
                    }
                } else {
                    FetchError::Broken {
                        url: url.into(),
                        detail: e.to_string(),
                        attempts,
                    }
                });
                wait(backoff, cancel)?;
            }
        }
    }
    Err(last.unwrap_or(FetchError::Cancelled))
}

fn root_cause(e: &dyn std::error::Error) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

/// The first page's URL for `c` over `area`.
pub fn items_url(s: &FetchSettings, c: Collection, area: &Area) -> String {
    items_url_of(s, c, c.collection_id(), area)
}

/// The first page's URL for collection `id` of `c`'s service over `area`.
fn items_url_of(s: &FetchSettings, c: Collection, id: &str, area: &Area) -> String {
    let b = area.bbox;
    format!(
        "{}/collections/{}/items?f=json&limit={}&crs={}&bbox-crs={}&bbox={:.2},{:.2},{:.2},{:.2}",
        c.base(s).trim_end_matches('/'),
        urlencode(id),
        s.page_limit.max(1),
        urlencode(RD_CRS),
        urlencode(RD_CRS),
        b.min().x,
        b.min().y,
        b.max().x,
        b.max().y
    )
}

/// Percent-encoding of a query value (RFC 3986 unreserved characters kept).
pub(crate) fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Whether a raw feature's geometry touches the municipality (features without
/// a readable geometry are kept: the importer reports them).
fn inside(raw: &RawValue, clip: &MultiPolygon<f64>, clip_box: &Rect<f64>) -> bool {
    let Ok(f) = serde_json::from_str::<FeatureGeometry>(raw.get()) else {
        return true;
    };
    let Some(g) = f.geometry.filter(|g| !g.is_null()) else {
        return true;
    };
    let Some(geom) = json_geometry(&g) else {
        return true;
    };
    match geom.bounding_rect() {
        Some(r) if !r.intersects(clip_box) => false,
        _ => geom.intersects(clip),
    }
}

/// A GeoJSON geometry object as `geo` (coordinates as given, here RD New).
fn json_geometry(g: &serde_json::Value) -> Option<geo::Geometry<f64>> {
    use geo::{Coord, LineString, Point, Polygon};
    let coord = |v: &serde_json::Value| -> Option<Coord<f64>> {
        let a = v.as_array()?;
        Some(Coord {
            x: a.first()?.as_f64()?,
            y: a.get(1)?.as_f64()?,
        })
    };
    let ring = |v: &serde_json::Value| -> Option<LineString<f64>> {
        v.as_array()?
            .iter()
            .map(coord)
            .collect::<Option<Vec<_>>>()
            .map(LineString::new)
    };
    let polygon = |v: &serde_json::Value| -> Option<Polygon<f64>> {
        let rings = v.as_array()?;
        let mut it = rings.iter();
        let outer = ring(it.next()?)?;
        let holes = it.map(ring).collect::<Option<Vec<_>>>()?;
        Some(Polygon::new(outer, holes))
    };
    let c = g.get("coordinates")?;
    Some(match g.get("type")?.as_str()? {
        "Point" => geo::Geometry::Point(Point(coord(c)?)),
        "MultiPoint" => geo::Geometry::MultiPoint(geo::MultiPoint(
            c.as_array()?
                .iter()
                .map(|p| coord(p).map(Point))
                .collect::<Option<_>>()?,
        )),
        "LineString" => geo::Geometry::LineString(ring(c)?),
        "Polygon" => geo::Geometry::Polygon(polygon(c)?),
        "MultiPolygon" => geo::Geometry::MultiPolygon(MultiPolygon(
            c.as_array()?.iter().map(polygon).collect::<Option<_>>()?,
        )),
        _ => return None,
    })
}

/// Fetches one collection over `area` into `out` (GeoJSON), following `next`
/// links. Nothing is left at `out` when it fails.
fn fetch_to_file(
    f: &Fetcher<'_>,
    c: Collection,
    id: &str,
    area: &Area,
    out: &Path,
) -> Result<FetchSummary, FetchError> {
    let r = fetch_pages(f, c, id, area, out);
    if r.is_err() {
        let _ = std::fs::remove_file(out);
    }
    r
}

fn fetch_pages(
    f: &Fetcher<'_>,
    c: Collection,
    id: &str,
    area: &Area,
    out: &Path,
) -> Result<FetchSummary, FetchError> {
    let (client, s, cancel, progress) = (&f.client, f.settings, f.cancel, f.progress);
    let io = |e: std::io::Error| FetchError::Io {
        path: out.to_path_buf(),
        detail: locatiescout_model::nl::io_nl(&e),
    };
    let mut w = std::io::BufWriter::new(std::fs::File::create(out).map_err(io)?);
    // No `crs` member: RD New was asked for, but a server that ignores `crs` and
    // answers in WGS84 must still come out right, so the importer decides from the
    // coordinates, as for any file without a declaration.
    w.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")
        .map_err(io)?;
    let first_url = items_url_of(s, c, id, area);
    let clip_box = area.clip.as_ref().and_then(|m| m.bounding_rect());
    let mut summary = FetchSummary {
        collection: c,
        area: area.label.clone(),
        pages: 0,
        received: 0,
        outside: 0,
        bytes: 0,
        retries: 0,
        first_url: first_url.clone(),
    };
    let mut written = 0u64;
    let mut url = Some(first_url);
    let mut seen = std::collections::HashSet::new();
    while let Some(u) = url.take() {
        if cancel.load(Ordering::Relaxed) {
            return Err(FetchError::Cancelled);
        }
        if f.started.elapsed().as_secs_f64() > s.max_total_s {
            return Err(FetchError::OverBudget {
                seconds: s.max_total_s,
            });
        }
        if summary.pages >= s.max_pages {
            return Err(FetchError::TooManyPages {
                collection: c.key().into(),
                max: s.max_pages,
            });
        }
        // A server that links a page to itself (or back) would page forever.
        if !seen.insert(u.clone()) {
            return Err(FetchError::Malformed {
                url: u,
                detail: "de 'next'-link wijst naar een pagina die al is opgehaald".into(),
            });
        }
        let body = get(client, s, &u, cancel, &mut summary.retries)?;
        summary.bytes += body.len() as u64;
        let page: Page<'_> = serde_json::from_slice(&body).map_err(|e| FetchError::Malformed {
            url: u.clone(),
            detail: format!("{e}"),
        })?;
        summary.pages += 1;
        // A single Feature (not a collection) is one feature.
        let single;
        let features: &[&RawValue] = match (&page.features, page.kind.as_deref()) {
            (Some(f), _) => f,
            (None, Some("Feature")) => {
                single = [serde_json::from_slice::<&RawValue>(&body).map_err(|e| {
                    FetchError::Malformed {
                        url: u.clone(),
                        detail: e.to_string(),
                    }
                })?];
                &single
            }
            _ => {
                return Err(FetchError::Malformed {
                    url: u.clone(),
                    detail: "geen 'features' en geen Feature".into(),
                })
            }
        };
        for f in features {
            summary.received += 1;
            if summary.received > s.max_features {
                return Err(FetchError::TooMany {
                    collection: c.key().into(),
                    max: s.max_features,
                });
            }
            if let (Some(clip), Some(cb)) = (&area.clip, &clip_box) {
                if !inside(f, clip, cb) {
                    summary.outside += 1;
                    continue;
                }
            }
            if written > 0 {
                w.write_all(b",\n").map_err(io)?;
            }
            w.write_all(f.get().as_bytes()).map_err(io)?;
            written += 1;
        }
        progress(FetchProgress {
            collection: c,
            pages: summary.pages,
            features: summary.received,
            bytes: summary.bytes,
        });
        url = page
            .links
            .iter()
            .find(|l| {
                l.rel.as_deref() == Some("next")
                    && l.media.as_deref().is_none_or(|m| m.contains("json"))
            })
            .and_then(|l| l.href.clone())
            .filter(|_| !features.is_empty());
        if let Some(next) = &url {
            check_link(s, &u, next)?;
        }
    }
    w.write_all(b"]}\n").map_err(io)?;
    w.flush().map_err(io)?;
    Ok(summary)
}

/// Everything a fetch needs besides what and where.
pub struct Fetcher<'a> {
    pub client: reqwest::blocking::Client,
    pub settings: &'a FetchSettings,
    pub map: &'a FieldMap,
    /// Where the pages are gathered before import (removed afterwards).
    pub work_dir: &'a Path,
    pub cancel: &'a AtomicBool,
    pub progress: &'a (dyn Fn(FetchProgress) + Sync),
    /// When the fetch began: all of it must end within `max_total_s`.
    pub started: std::time::Instant,
}

impl<'a> Fetcher<'a> {
    pub fn new(
        settings: &'a FetchSettings,
        map: &'a FieldMap,
        work_dir: &'a Path,
        cancel: &'a AtomicBool,
        progress: &'a (dyn Fn(FetchProgress) + Sync),
    ) -> Result<Fetcher<'a>, FetchError> {
        Ok(Fetcher {
            client: client(settings)?,
            settings,
            map,
            work_dir,
            cancel,
            progress,
            started: std::time::Instant::now(),
        })
    }

    /// Fetches and imports one collection as a layer (its source shown as the PDOK URL).
    pub fn layer(&self, c: Collection, area: &Area) -> Result<(Layer, FetchSummary), FetchError> {
        let out = self.work_dir.join(format!(
            "pdok-{}-{}-{:?}.geojson",
            c.key(),
            std::process::id(),
            std::thread::current().id()
        ));
        let id = self.collection_of(c)?;
        let summary = fetch_to_file(self, c, &id, area, &out)?;
        let layer = import_file(&out, ImportOptions::new(c.layer_kind(), self.map));
        let _ = std::fs::remove_file(&out);
        let mut layer = layer?;
        // Shown as the layer's source: readable, the full URL is in the fetch record.
        layer.report.path = PathBuf::from(format!("PDOK {id} ({})", area.label));
        Ok((layer, summary))
    }

    /// The collection id to fetch: BRK/BAG's known one; for an overlay the one
    /// the service's `/collections` list names for it.
    fn collection_of(&self, c: Collection) -> Result<String, FetchError> {
        if c.overlay_name().is_none() {
            return Ok(c.collection_id().to_string());
        }
        let url = format!("{}/collections?f=json", c.base(self.settings));
        let mut retried = 0;
        let body = get(&self.client, self.settings, &url, self.cancel, &mut retried)?;
        let list: CollectionList = serde_json::from_slice(&body)
            .map_err(|e| FetchError::Input(format!("{url}: geen lijst van collecties ({e})")))?;
        let ids: Vec<(String, String)> = list
            .collections
            .into_iter()
            .map(|e| (e.id, e.title.unwrap_or_default()))
            .collect();
        choose_collection(c, &ids).ok_or_else(|| {
            FetchError::Input(format!(
                "{url}: geen collectie voor {} gevonden (gezocht op {}; de dienst heeft: {})",
                c.key(),
                c.keywords().join(", "),
                if ids.is_empty() {
                    "geen".to_string()
                } else {
                    ids.iter()
                        .map(|(i, _)| i.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            ))
        })
    }

    /// Several collections, at most two requests at a time.
    pub fn all(
        &self,
        what: &[Collection],
        area: &Area,
    ) -> Result<Vec<(Layer, FetchSummary)>, FetchError> {
        let mut out = Vec::with_capacity(what.len());
        for pair in what.chunks(2) {
            let results: Vec<Result<(Layer, FetchSummary), FetchError>> =
                std::thread::scope(|scope| {
                    let handles: Vec<_> = pair
                        .iter()
                        .map(|&c| scope.spawn(move || self.layer(c, area)))
                        .collect();
                    handles
                        .into_iter()
                        .map(|h| {
                            h.join().unwrap_or_else(|_| {
                                Err(FetchError::Input("ophalen is onverwacht gestopt".into()))
                            })
                        })
                        .collect()
                });
            for r in results {
                out.push(r?);
            }
        }
        Ok(out)
    }
}

/// The bundled municipalities as a layer (id = CBS code such as `GM0344`).
pub fn gemeenten(work_dir: &Path) -> Result<Layer, FetchError> {
    Ok(crate::cbs::gemeenten(work_dir)?)
}

/// What the project remembers of a fetch, so the same area is not downloaded twice.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FetchRecord {
    pub area: String,
    pub at: String,
    pub features: usize,
    pub pages: u32,
    pub url: String,
}

fn record_key(c: Collection) -> String {
    format!("fetch:{}", c.key())
}

/// The previous fetch of `c` stored in the project, if any.
pub fn previous(
    project: &crate::project::Project,
    c: Collection,
) -> Result<Option<FetchRecord>, crate::project::ProjectError> {
    Ok(project
        .setting(&record_key(c))?
        .and_then(|t| serde_json::from_str(&t).ok()))
}

/// One collection's outcome for a project.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub enum Outcome {
    /// Fetched now and stored.
    Fetched(FetchSummary, usize),
    /// Already in the project for this area; nothing downloaded.
    Cached(FetchRecord),
}

impl Outcome {
    /// One Dutch line for the user: what came, from where, what was left out.
    pub fn describe(&self, c: Collection) -> String {
        match self {
            Outcome::Fetched(s, kept) => format!(
                "{}: {} opgehaald in {} {}{}{}, {} in het project",
                c.key(),
                s.received,
                s.pages,
                if s.pages == 1 { "pagina" } else { "pagina's" },
                if s.outside > 0 {
                    format!(", {} buiten de gemeente", s.outside)
                } else {
                    String::new()
                },
                if s.retries > 0 {
                    format!(", {} keer opnieuw geprobeerd", s.retries)
                } else {
                    String::new()
                },
                kept
            ),
            Outcome::Cached(r) => format!(
                "{}: al opgehaald op {} ({} objecten, {}); opnieuw ophalen kan",
                c.key(),
                r.at,
                r.features,
                r.area
            ),
        }
    }
}

/// What a fetch into a project has to download, and what it already has.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub todo: Vec<Collection>,
    pub cached: Vec<(Collection, Outcome)>,
}

/// Which of `what` must be downloaded for `area` (all with `refresh`), and the
/// outcome of those already in the project.
pub fn plan(
    project: &crate::project::Project,
    what: &[Collection],
    area: &Area,
    refresh: bool,
) -> Result<Plan, FetchError> {
    let stored = project.stored_layers()?;
    let mut cached = Vec::new();
    let mut todo = Vec::new();
    for &c in what {
        let have = stored.iter().any(|(kind, name)| match c.overlay_name() {
            Some(n) => name == n,
            None => *kind == c.layer_kind() && name.is_empty(),
        });
        match previous(project, c)? {
            Some(r) if !refresh && r.area == area.label && have => {
                cached.push((c, Outcome::Cached(r)))
            }
            _ => todo.push(c),
        }
    }
    Ok(Plan { todo, cached })
}

/// Stores fetched layers, each with a record of its fetch.
pub fn store(
    project: &mut crate::project::Project,
    fetched: &[(Layer, FetchSummary)],
    area: &Area,
) -> Result<Vec<(Collection, Outcome)>, FetchError> {
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut outcomes = Vec::new();
    for (layer, summary) in fetched {
        let c = summary.collection;
        match c.overlay_name() {
            Some(name) => project.save_overlay(
                layer,
                name,
                LayerRole::default_for(name).key(),
                &locatiescout_model::layer::default_layer_title(name),
            )?,
            None => project.save_layer(layer)?,
        }
        let record = FetchRecord {
            area: area.label.clone(),
            at: at.clone(),
            features: layer.len(),
            pages: summary.pages,
            url: summary.first_url.clone(),
        };
        let text = serde_json::to_string(&record).map_err(|e| FetchError::Input(e.to_string()))?;
        project.set_setting(&record_key(c), &text)?;
        outcomes.push((c, Outcome::Fetched(summary.clone(), layer.len())));
    }
    Ok(outcomes)
}

/// Fetches what the project does not have yet for `area` (or everything with
/// `refresh`) and stores each layer with a record of the fetch. Layers are
/// stored only after every collection arrived: a failure changes nothing.
pub fn fetch_into_project(
    project: &mut crate::project::Project,
    f: &Fetcher<'_>,
    what: &[Collection],
    area: &Area,
    refresh: bool,
) -> Result<Vec<(Collection, Outcome)>, FetchError> {
    let Plan {
        todo,
        cached: mut outcomes,
    } = plan(project, what, area, refresh)?;
    let fetched = f.all(&todo, area)?;
    outcomes.extend(store(project, &fetched, area)?);
    outcomes.sort_by_key(|(c, _)| Collection::ALL.iter().position(|x| x == c));
    Ok(outcomes)
}

impl FetchSettings {
    /// The project's `fetch_settings` (a mirror, other limits), else PDOK's defaults.
    pub fn of_project(
        project: &crate::project::Project,
    ) -> Result<FetchSettings, crate::project::ProjectError> {
        Ok(project
            .setting("fetch_settings")?
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overlay_s_collection_is_chosen_from_the_service_s_list() {
        let list = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        let spoor = list(&[
            ("spooras", "Spoorassen"),
            ("overweg", "Overwegen"),
            ("station", "Stations"),
        ]);
        assert_eq!(
            choose_collection(Collection::Stations, &spoor).as_deref(),
            Some("station")
        );
        let n2k = list(&[("gebieden", "Natura 2000-gebieden")]);
        assert_eq!(
            choose_collection(Collection::Natura2000, &n2k).as_deref(),
            Some("gebieden")
        );
        assert_eq!(
            choose_collection(Collection::Buurten, &list(&[("wijken", "Wijken")])),
            None
        );
        assert_eq!(
            Collection::parse("natura2000"),
            Some(Collection::Natura2000)
        );
        assert_eq!(Collection::Natura2000.overlay_name(), Some("natura2000"));
        assert_eq!(Collection::Percelen.overlay_name(), None);
        let s = FetchSettings::default();
        assert_eq!(
            Collection::Natura2000.base(&s),
            "https://api.pdok.nl/rvo/natura2000/ogc/v1"
        );
        // Every overlay's name is one a profile can use.
        for c in Collection::ALL {
            if let Some(n) = c.overlay_name() {
                assert!(locatiescout_model::layer::valid_layer_name(n), "{n}");
            }
        }
    }
}
