//! CSV listings as Dutch Excel writes them: `;` or `,` separated, decimal comma,
//! UTF-8 or Windows-1252, coordinates in x/y (RD New) or lat/lon columns. Rows
//! with only an address are listed as "needs geocoding", never dropped silently.

use std::borrow::Cow;
use std::path::Path;

use geo::Coord;

use super::{ImportError, ImportOptions, Layer, LayerBuilder, Prepared, Skipped};
use locatiescout_model::attrs::{new_strings, Field, ParsedAttrs, PropValue};
use locatiescout_model::crs::{self, Crs, CrsDecision};
use locatiescout_model::geometry::{FeatureGeometry, GeomKind};

/// CSV reading settings; `None` means detect.
#[derive(Debug, Clone, Default)]
pub struct CsvOptions {
    pub delimiter: Option<u8>,
}

/// Largest CSV read into memory at once; listings are small, this guards mistakes.
const MAX_CSV_BYTES: u64 = 1 << 30;

fn decode(bytes: Vec<u8>) -> (String, bool) {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    let (text, was_1252) = match String::from_utf8(bytes) {
        Ok(s) => (s, false),
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(e.as_bytes());
            (text.into_owned(), true)
        }
    };
    // Old Mac files end lines with a lone CR; the reader would number every
    // row "line 1". Without a single LF in the file, a CR is a line end.
    if text.contains('\r') && !text.contains('\n') {
        (text.replace('\r', "\n"), was_1252)
    } else {
        (text, was_1252)
    }
}

pub(crate) fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let semi = header.matches(';').count();
    let comma = header.matches(',').count();
    let tab = header.matches('\t').count();
    if tab > semi && tab > comma {
        b'\t'
    } else if semi >= comma && semi > 0 {
        b';'
    } else {
        b','
    }
}

/// Reads a CSV file of listings (or any point data).
/// A CSV file as text: size limit, no binary data, UTF-8 or else Windows-1252
/// (whether the latter was needed is the flag).
pub(crate) fn read_text(path: &Path) -> Result<(String, bool), ImportError> {
    let (file, size) = super::open_checked(path)?;
    if size > MAX_CSV_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
            what: "het CSV-bestand".into(),
            limit: "1 GB".into(),
            byte_offset: 0,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    std::io::Read::read_to_end(&mut std::io::BufReader::new(file), &mut bytes).map_err(
        |source| ImportError::Io {
            path: path.to_path_buf(),
            source,
        },
    )?;
    if bytes.contains(&0) {
        return Err(ImportError::NotJson {
            path: path.to_path_buf(),
            start: "binaire gegevens".into(),
            byte_offset: bytes.iter().position(|b| *b == 0).unwrap_or(0) as u64,
        });
    }
    Ok(decode(bytes))
}

/// A CSV error with the file and line it happened on.
pub(crate) fn csv_error(path: &Path, e: csv::Error) -> ImportError {
    ImportError::Csv {
        path: path.to_path_buf(),
        line: e.position().map_or(0, |p| p.line()),
        message: locatiescout_model::nl_error::csv_detail_nl(&e),
    }
}

/// A reader over `text` (ragged rows allowed) and its trimmed header names.
pub(crate) fn reader_with_headers<'t>(
    path: &Path,
    text: &'t str,
    delimiter: u8,
) -> Result<(csv::Reader<&'t [u8]>, Vec<String>), ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| csv_error(path, e))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    Ok((reader, headers))
}

/// One data row of a CSV, checked against its header: a record to use, or the
/// lines that could not be read as they stood and why. Every command that reads
/// a CSV goes through [`CsvRows`], so each reports the same rows the same way.
#[derive(Debug)]
pub(crate) enum CsvRow {
    /// A record to use; `suspect` names what may not be what the user meant
    /// (fewer fields than the header: the missing ones are left empty).
    Record {
        line: usize,
        record: csv::StringRecord,
        suspect: Option<String>,
    },
    /// Not read: a quote never closed, a control byte, more fields than the header.
    Refused {
        line: usize,
        reason: String,
        /// More (non-empty) fields than the header: with `,` as separator, the
        /// sign of decimal commas.
        too_wide: bool,
    },
}

/// The data rows of a CSV text, each checked; see [`CsvRow`].
pub(crate) struct CsvRows<'t> {
    path: &'t Path,
    records: csv::StringRecordsIntoIter<&'t [u8]>,
    headers: Vec<String>,
    delimiter: u8,
    row: usize,
}

impl<'t> CsvRows<'t> {
    pub(crate) fn new(path: &'t Path, text: &'t str, delimiter: u8) -> Result<Self, ImportError> {
        let (reader, headers) = reader_with_headers(path, text, delimiter)?;
        Ok(CsvRows {
            path,
            records: reader.into_records(),
            headers,
            delimiter,
            row: 0,
        })
    }

    /// The header's names, trimmed.
    pub(crate) fn headers(&self) -> &[String] {
        &self.headers
    }

    fn check(&self, record: csv::StringRecord) -> CsvRow {
        let line = record
            .position()
            .map_or(self.row + 1, |p| p.line() as usize);
        let breaks: usize = record.iter().map(line_breaks).sum();
        let last = line + breaks;
        // The line a message is filed under is `line`; a record over more lines says which.
        let span = if breaks == 0 {
            String::new()
        } else {
            format!(" (regels {line} tot en met {last})")
        };
        let refused = |reason: String, too_wide: bool| CsvRow::Refused {
            line,
            reason,
            too_wide,
        };
        let sep = char::from(self.delimiter);
        // A quote opened and never closed (or closed a line later) makes one
        // field of the rows after it: a field that runs over a line end and holds
        // the separator after it is that, not a note with a line break in it.
        if record
            .iter()
            .any(|f| f.split(['\n', '\r']).skip(1).any(|l| l.contains(sep)))
        {
            return refused(
                format!(
                    "een aanhalingsteken wordt niet gesloten: de regels {line} tot en met {last} zijn als één rij gelezen en niet ingelezen; sluit het aanhalingsteken (\") en lees opnieuw in"
                ),
                false,
            );
        }
        let width = record.len();
        let used = (0..width)
            .rev()
            .find(|&k| record.get(k).is_some_and(|f| !f.trim().is_empty()))
            .map_or(0, |k| k + 1);
        let header = self.headers.len();
        let control = record.iter().enumerate().find_map(|(k, f)| {
            f.chars()
                .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                .map(|c| (k, c))
        });
        if let Some((k, c)) = control {
            let column = self
                .headers
                .get(k)
                .map_or_else(|| format!("kolom {}", k + 1), |h| format!("kolom '{h}'"));
            let glued = if used > header {
                format!(", en {width} velden waar de kopregel er {header} heeft: waarschijnlijk staat het teken waar een regeleinde hoort en zijn twee rijen aan elkaar geplakt")
            } else {
                String::new()
            };
            return refused(
                format!(
                    "een stuurteken (0x{:02X}) in {column}{glued}{span}; niet ingelezen: vervang of verwijder het teken en lees opnieuw in",
                    u32::from(c)
                ),
                false,
            );
        }
        if used > header {
            return refused(
                format!(
                    "{used} velden, de kopregel heeft er {header}{span}: niet ingelezen; staat er een scheidingsteken '{}' te veel of een decimale komma in, of staan er twee rijen op één regel?",
                    sep.escape_default()
                ),
                true,
            );
        }
        let short = (width < header && used > 0).then(|| {
            let missing: Vec<&str> = self.headers[width..].iter().map(String::as_str).collect();
            format!(
                "{width} van de {header} velden{span}; leeg gelaten: {}",
                missing.join(", ")
            )
        });
        // A note with a line break in it is fine, but the lines it covers are
        // named, so that rows read = lines in the file can always be checked.
        let multi = (breaks > 0 && short.is_none()).then(|| {
            format!(
                "de regels {line} tot en met {last} zijn als één rij gelezen (een veld met een regeleinde); klopt dat niet, zoek dan een aanhalingsteken dat niet gesloten wordt"
            )
        });
        let suspect = short.or(multi);
        CsvRow::Record {
            line,
            record,
            suspect,
        }
    }
}

/// The line ends inside a field: `\r\n` counts once, a lone `\r` (old Mac) too;
/// the file's last line end, swallowed by a quote never closed, is no new line.
fn line_breaks(field: &str) -> usize {
    let field = field.trim_end_matches(['\n', '\r']);
    field.matches('\n').count() + field.matches('\r').count() - field.matches("\r\n").count()
}

impl Iterator for CsvRows<'_> {
    type Item = Result<CsvRow, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        let record = self.records.next()?;
        self.row += 1;
        Some(
            record
                .map_err(|e| csv_error(self.path, e))
                .map(|r| self.check(r)),
        )
    }
}

/// Reads a CSV of points (x/y in RD New or lat/lon) or addresses; a few rows
/// whose coordinates cannot be in the file's CRS (a `0;0`) are skipped and
/// named, as in GeoJSON, instead of the whole file being refused.
pub fn read_csv(
    path: &Path,
    opts: ImportOptions<'_>,
    csv_opts: &CsvOptions,
) -> Result<Layer, ImportError> {
    super::skipping_outliers(opts, |opts| read_csv_once(path, opts, csv_opts))
}

fn read_csv_once(
    path: &Path,
    opts: ImportOptions<'_>,
    csv_opts: &CsvOptions,
) -> Result<Layer, ImportError> {
    let (text, was_1252) = read_text(path)?;
    let delimiter = csv_opts
        .delimiter
        .unwrap_or_else(|| detect_delimiter(&text));
    let mut rows = CsvRows::new(path, &text, delimiter)?;
    let headers = rows.headers().to_vec();
    let has = |f: Field| {
        headers
            .iter()
            .any(|h| opts.field_map.field_for(h) == Some(f))
    };
    let latlon = has(Field::Lat) && has(Field::Lon);
    let xy = has(Field::XRd) && has(Field::YRd);

    let mut b = LayerBuilder::new(path, "CSV", opts);
    let strings = new_strings();
    if was_1252 {
        b.report
            .notes
            .push("geen geldige UTF-8; gelezen als Windows-1252 (Excel)".into());
    }
    b.report.notes.push(format!(
        "scheidingsteken '{}'",
        char::from(delimiter).escape_default()
    ));
    if !latlon && !xy {
        b.report.notes.push(
            "geen coördinaatkolommen (x/y of lat/lon) gevonden; rijen met een adres moeten worden gegeocodeerd".into(),
        );
    }
    // The first row with more fields than the header: with ',' as separator, the
    // sign of decimal commas (a wrong CRS guess would otherwise be blamed).
    let mut too_wide: Option<usize> = None;
    let mut pushed = 0usize;
    for row in &mut rows {
        let (line, record, suspect) = match row? {
            CsvRow::Record {
                line,
                record,
                suspect,
            } => (line, record, suspect),
            CsvRow::Refused {
                line,
                reason,
                too_wide: wide,
            } => {
                if wide && too_wide.is_none() {
                    too_wide = Some(line);
                }
                b.skip(line, None, reason);
                continue;
            }
        };
        let props: Vec<(Cow<str>, PropValue)> = headers
            .iter()
            .zip(record.iter())
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(h, v)| (Cow::Borrowed(h.as_str()), PropValue::Str(Cow::Borrowed(v))))
            .collect();
        if let Some(samples) = opts.samples {
            samples.record(line, &props);
        }
        let attrs = ParsedAttrs::from_props(props, opts.field_map);
        if let Some(reason) = attrs.historic() {
            b.skip(line, None, reason);
            continue;
        }
        let point = if latlon {
            attrs.lon.zip(attrs.lat)
        } else if xy {
            attrs.x_rd.zip(attrs.y_rd)
        } else {
            None
        };
        let Some((x, y)) = point else {
            let address: Vec<&str> = [7usize, 8, 9]
                .iter()
                .filter_map(|s| attrs.texts[*s].as_deref())
                .collect();
            if address.is_empty() {
                b.skip(line, None, "geen coördinaten en geen adres".into());
            } else {
                b.report.features_read += 1;
                b.report.needs_geocoding.push(Skipped {
                    index: line,
                    byte_offset: None,
                    reason: format!("moet worden gegeocodeerd: {}", address.join(", ")),
                });
            }
            continue;
        };
        let geometry = FeatureGeometry {
            kind: GeomKind::Point,
            coords: vec![Coord { x, y }],
            ring_ends: vec![1],
            part_ends: vec![1],
        };
        if let Some(reason) = super::outside_declared(opts.outliers_for, &geometry) {
            b.skip(line, None, format!("{reason}; dit object is overgeslagen"));
            continue;
        }
        b.push(Prepared::new(
            line,
            geometry,
            attrs,
            None,
            suspect.into_iter().collect(),
            false,
            &strings,
        ))?;
        pushed += 1;
    }
    if let Some(line) = too_wide.filter(|_| delimiter == b',' && pushed == 0) {
        return Err(ImportError::DecimalComma {
            path: path.to_path_buf(),
            line,
        });
    }
    let extent = b.raw_extent();
    let (crs, decision) = if latlon {
        (
            Crs::Wgs84,
            CrsDecision::Declared {
                name: "kolommen lat/lon".into(),
            },
        )
    } else {
        let decimal_comma = |line| ImportError::DecimalComma {
            path: path.to_path_buf(),
            line,
        };
        let (crs, _) = crs::infer_crs(&extent).map_err(|source| {
            match too_wide.filter(|_| delimiter == b',') {
                Some(line) => decimal_comma(line),
                None => ImportError::UndetectableCrs {
                    path: path.to_path_buf(),
                    source,
                },
            }
        })?;
        (
            crs,
            CrsDecision::Declared {
                name: format!("kolommen x/y, bereik past bij {crs}"),
            },
        )
    };
    if !crs::plausible(crs, &extent) {
        return Err(ImportError::CrsMismatch {
            path: path.to_path_buf(),
            declared: crs,
            extent,
        });
    }
    b.finish(crs, decision, strings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_dutch_excel_dialect() {
        assert_eq!(detect_delimiter("a;b;c\n1,5;2;3"), b';');
        assert_eq!(detect_delimiter("a,b,c\n"), b',');
        let (t, was) = decode(vec![b'C', b'a', b'f', 0xE9]);
        assert!(was);
        assert_eq!(t, "Café");
    }
}
