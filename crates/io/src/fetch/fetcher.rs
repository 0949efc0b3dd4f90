//! Fetching a collection: page after page through the `rel=next` links, each
//! feature written on as it arrives into one GeoJSON file (outside the
//! municipality left out), which the ordinary importer then reads as a layer.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use geo::BoundingRect;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::area::Area;
use super::clip::inside;
use super::collection::{choose_collection, Collection, CollectionList};
use super::error::FetchError;
use super::http::{check_link, client, get, urlencode};
use super::settings::FetchSettings;
use crate::import::{import_file, ImportOptions, Layer};
use locatiescout_model::attrs::FieldMap;

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
        let body = get(&self.client, self.settings, &url, self.cancel, &mut retried)
            .map_err(FetchError::for_area)?;
        let list: CollectionList = serde_json::from_slice(&body).map_err(|e| {
            FetchError::Input(format!(
                "{url}: geen lijst van collecties ({})",
                locatiescout_model::nl_error::json_nl(&e)
            ))
        })?;
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

const RD_CRS: &str = "http://www.opengis.net/def/crs/EPSG/0/28992";

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
        let body =
            get(client, s, &u, cancel, &mut summary.retries).map_err(FetchError::for_area)?;
        summary.bytes += body.len() as u64;
        let page: Page<'_> = serde_json::from_slice(&body).map_err(|e| FetchError::Malformed {
            url: u.clone(),
            detail: locatiescout_model::nl_error::json_nl(&e),
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
                        detail: locatiescout_model::nl_error::json_nl(&e),
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
