//! Geocoding address lists through PDOK Locatieserver: a CSV of listings that
//! carries only addresses gets RD New coordinates, so it imports like any other.
//! Requests are rate-limited and go through the same retrying, size-capped GET
//! as the OGC API fetch; answers (found or not) are cached by normalised address
//! so the next import asks nothing again; every address not found is reported
//! with its line.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use serde::Deserialize;

use crate::fetch::{get, urlencode, FetchError, FetchSettings};
use crate::import::csv::{detect_delimiter, read_text, CsvRow, CsvRows};
use locatiescout_model::attrs::{Field, FieldMap};

/// One address found.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Hit {
    pub x_rd: f64,
    pub y_rd: f64,
    /// What Locatieserver matched ("Stationsplein 1, 3511ED Utrecht").
    pub label: String,
}

/// Answers kept between runs: normalised address → hit, or `None` for "not found".
pub type Cache = HashMap<String, Option<Hit>>;

#[derive(Deserialize)]
struct Answer {
    response: Response,
}

#[derive(Deserialize)]
struct Response {
    #[serde(default)]
    docs: Vec<Doc>,
}

#[derive(Deserialize)]
struct Doc {
    weergavenaam: Option<String>,
    centroide_rd: Option<String>,
}

/// `POINT(155000.1 463000.2)` → (x, y).
fn parse_point(wkt: &str) -> Option<(f64, f64)> {
    let inner = wkt
        .trim()
        .strip_prefix("POINT")?
        .trim()
        .strip_prefix('(')?
        .strip_suffix(')')?;
    let mut it = inner.split_whitespace().map(|v| v.parse::<f64>());
    let (x, y) = (it.next()?.ok()?, it.next()?.ok()?);
    // Only a finite point in the Netherlands (RD New) is an answer; NaN, inf or
    // a 309-digit number from a broken or hostile server is none.
    let in_nl = (-7_000.0..=300_000.0).contains(&x) && (289_000.0..=629_000.0).contains(&y);
    (x.is_finite() && y.is_finite() && in_nl).then_some((x, y))
}

fn normalise(address: &str) -> String {
    address
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Asks Locatieserver, at most `per_second` requests a second, remembering answers.
pub struct Geocoder<'a> {
    client: reqwest::blocking::Client,
    settings: &'a FetchSettings,
    cancel: &'a AtomicBool,
    pub cache: Cache,
    per_second: f64,
    last: Option<Instant>,
    /// Requests actually sent (the rest came from the cache).
    pub requests: usize,
    /// When geocoding began: all of it must end within `max_total_s`.
    started: Instant,
}

impl<'a> Geocoder<'a> {
    pub fn new(
        settings: &'a FetchSettings,
        cache: Cache,
        per_second: f64,
        cancel: &'a AtomicBool,
    ) -> Result<Geocoder<'a>, FetchError> {
        Ok(Geocoder {
            client: crate::fetch::client(settings)?,
            settings,
            cancel,
            cache,
            per_second: per_second.max(0.1),
            last: None,
            requests: 0,
            started: Instant::now(),
        })
    }

    /// The best match for `address`, or `None` when Locatieserver knows none.
    pub fn lookup(&mut self, address: &str) -> Result<Option<Hit>, FetchError> {
        let key = normalise(address);
        if let Some(hit) = self.cache.get(&key) {
            return Ok(hit.clone());
        }
        if self.started.elapsed().as_secs_f64() > self.settings.max_total_s {
            return Err(FetchError::OverBudget {
                seconds: self.settings.max_total_s,
            });
        }
        if let Some(last) = self.last {
            let gap = Duration::from_secs_f64(1.0 / self.per_second);
            let since = last.elapsed();
            if since < gap {
                std::thread::sleep(gap - since);
            }
        }
        self.last = Some(Instant::now());
        self.requests += 1;
        let url = format!(
            "{}/free?q={}&fq=type:adres&rows=1&fl=weergavenaam,centroide_rd",
            self.settings.locatieserver_url.trim_end_matches('/'),
            urlencode(address)
        );
        let mut retried = 0;
        let body = get(&self.client, self.settings, &url, self.cancel, &mut retried)?;
        let answer: Answer = serde_json::from_slice(&body).map_err(|e| FetchError::Malformed {
            url: url.clone(),
            detail: locatiescout_model::nl_error::json_nl(&e),
        })?;
        let hit = answer.response.docs.into_iter().find_map(|d| {
            let (x, y) = parse_point(d.centroide_rd.as_deref()?)?;
            Some(Hit {
                x_rd: x,
                y_rd: y,
                label: d.weergavenaam.unwrap_or_default(),
            })
        });
        self.cache.insert(key, hit.clone());
        Ok(hit)
    }
}

/// What geocoding a CSV did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct GeocodeReport {
    pub rows: usize,
    /// Rows that had coordinates already.
    pub had_coordinates: usize,
    pub found: usize,
    /// Of those found, how many came from the cache.
    pub from_cache: usize,
    /// (line, address) not found; an empty address reads "(geen adres)".
    pub not_found: Vec<(usize, String)>,
    /// (line, why) of rows not read as they stood (a quote never closed, a
    /// control byte, more fields than the header): left out of the result.
    pub skipped: Vec<(usize, String)>,
    /// (line, what) of rows used but perhaps not as meant (fewer fields).
    pub suspect: Vec<(usize, String)>,
    pub requests: usize,
}

/// Reads a CSV, geocodes the rows without coordinates from their address
/// (adres, postcode, plaats) and returns the CSV with RD coordinates (`;`,
/// UTF-8), ready for the ordinary CSV import.
pub fn geocode_csv(
    path: &Path,
    map: &FieldMap,
    geocoder: &mut Geocoder<'_>,
    progress: &dyn Fn(usize, usize),
) -> Result<(String, GeocodeReport), FetchError> {
    let text = read_text(path)?.text;
    let delimiter = detect_delimiter(&text);
    let rows = CsvRows::new(path, &text, delimiter)?;
    let headers = rows.headers().to_vec();
    let col = |f: Field| headers.iter().position(|h| map.field_for(h) == Some(f));
    let (x_col, y_col) = (col(Field::XRd), col(Field::YRd));
    let (lon_col, lat_col) = (col(Field::Lon), col(Field::Lat));
    let address_cols: Vec<usize> = [Field::Address, Field::Postcode, Field::City]
        .into_iter()
        .filter_map(col)
        .collect();
    if address_cols.is_empty() {
        return Err(FetchError::Input(format!(
            "{}: geen adreskolom (adres, postcode, plaats) om te geocoderen; koppel er een in de veldkoppeling",
            path.display()
        )));
    }
    let mut report = GeocodeReport::default();
    let mut records: Vec<(usize, csv::StringRecord)> = Vec::new();
    for row in rows {
        report.rows += 1;
        match row? {
            CsvRow::Record {
                line,
                record,
                suspect,
            } => {
                if let Some(what) = suspect {
                    report.suspect.push((line, what));
                }
                records.push((line, record));
            }
            CsvRow::Refused { line, reason, .. } => report.skipped.push((line, reason)),
        }
    }
    // Rows keep their columns; coordinates go in the file's own x/y (or lat/lon)
    // columns, else in new ones: the importer reads one pair per file.
    let own_xy = x_col.zip(y_col);
    let own_ll = lon_col.zip(lat_col).filter(|_| own_xy.is_none());
    let append = own_xy.is_none() && own_ll.is_none();
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let mut header = headers.clone();
    if append {
        header.push("x_rd".into());
        header.push("y_rd".into());
    }
    header.push("geocode_match".into());
    let wr = |e: csv::Error| {
        FetchError::Input(format!(
            "geocoderen: {}",
            locatiescout_model::nl_error::csv_nl(&e)
        ))
    };
    out.write_record(&header).map_err(wr)?;
    for (k, (line, rec)) in records.iter().enumerate() {
        progress(k, records.len());
        let line = *line;
        let mut row: Vec<String> = (0..headers.len())
            .map(|c| rec.get(c).unwrap_or("").to_string())
            .collect();
        // Coordinates count only as the importer reads them: finite numbers
        // (decimal comma or point), and not the placeholder 0;0. A row with
        // `abc` or `0;0` is looked up by its address like a row without.
        let number = |c: Option<usize>| {
            c.and_then(|c| {
                locatiescout_model::attrs::PropValue::Str(std::borrow::Cow::Borrowed(row[c].trim()))
                    .as_number()
            })
            .filter(|v| v.is_finite())
        };
        let pair = |a: Option<usize>, b: Option<usize>| {
            number(a)
                .zip(number(b))
                .is_some_and(|(p, q)| p != 0.0 || q != 0.0)
        };
        let has_xy = pair(x_col, y_col);
        let has_ll = pair(lon_col, lat_col);
        let mut xy = (String::new(), String::new());
        let mut point = None;
        let mut matched = String::new();
        if has_xy || has_ll {
            report.had_coordinates += 1;
        } else {
            let address = address_cols
                .iter()
                .map(|&c| row[c].trim())
                .filter(|v| !v.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let known = geocoder.cache.contains_key(&normalise(&address));
            match (!address.is_empty())
                .then(|| geocoder.lookup(&address))
                .transpose()?
                .flatten()
                // A cached answer from before the check may still be non-finite.
                .filter(|h| h.x_rd.is_finite() && h.y_rd.is_finite())
            {
                Some(hit) => {
                    report.found += 1;
                    if known {
                        report.from_cache += 1;
                    }
                    xy = (format!("{:.3}", hit.x_rd), format!("{:.3}", hit.y_rd));
                    point = Some((hit.x_rd, hit.y_rd));
                    matched = hit.label;
                }
                None => report.not_found.push((
                    line,
                    if address.is_empty() {
                        "(geen adres)".into()
                    } else {
                        // A report line, not the cell: a very long one is cut.
                        locatiescout_model::nl_error::cut(&address).into_owned()
                    },
                )),
            }
        }
        if append {
            row.push(xy.0);
            row.push(xy.1);
        } else if let Some((hit_x, hit_y)) = point {
            if let Some((xc, yc)) = own_xy {
                row[xc] = format!("{hit_x:.3}");
                row[yc] = format!("{hit_y:.3}");
            } else if let Some((lc, bc)) = own_ll {
                let (lon, lat) = locatiescout_model::crs::rd_to_wgs84(hit_x, hit_y)
                    .map_err(|e| FetchError::Input(e.to_string()))?;
                row[lc] = format!("{lon:.7}");
                row[bc] = format!("{lat:.7}");
            }
        }
        row.push(matched);
        out.write_record(&row).map_err(wr)?;
    }
    report.requests = geocoder.requests;
    let bytes = out.into_inner().map_err(|e| {
        FetchError::Input(format!(
            "geocoderen: {}",
            locatiescout_model::nl_error::io_nl(e.error())
        ))
    })?;
    Ok((String::from_utf8_lossy(&bytes).into_owned(), report))
}

/// Settings key of the answers kept in a project (CLI and app share it).
const CACHE_KEY: &str = "geocode_cache";

/// The answers a project kept; empty when none (or unreadable).
pub fn load_cache(
    project: &crate::project::Project,
) -> Result<Cache, crate::project::ProjectError> {
    Ok(project
        .setting(CACHE_KEY)?
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default())
}

/// Keeps the answers in the project for the next run.
pub fn save_cache(
    project: &crate::project::Project,
    cache: &Cache,
) -> Result<(), crate::project::ProjectError> {
    let text = serde_json::to_string(cache).map_err(|e| crate::project::ProjectError::Sql {
        path: project.path().to_path_buf(),
        message: locatiescout_model::nl_error::json_nl(&e),
    })?;
    project.set_setting(CACHE_KEY, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_finite_points_in_the_netherlands_are_answers() {
        assert_eq!(
            parse_point("POINT(155000.1 463000.2)"),
            Some((155000.1, 463000.2))
        );
        assert_eq!(parse_point("POINT(NaN inf)"), None);
        assert_eq!(
            parse_point(&format!("POINT(1{} 463000)", "0".repeat(308))),
            None
        );
        assert_eq!(parse_point("POINT(-1e9 463000)"), None);
    }

    #[test]
    fn points_and_keys() {
        assert_eq!(
            parse_point("POINT(155000.5 463000.25)"),
            Some((155000.5, 463000.25))
        );
        assert_eq!(
            parse_point("POINT (121000 487000)"),
            Some((121000.0, 487000.0))
        );
        assert_eq!(parse_point("LINESTRING(1 2, 3 4)"), None);
        assert_eq!(
            normalise("  Stationsplein  1,\tUtrecht "),
            "stationsplein 1, utrecht"
        );
    }
}
