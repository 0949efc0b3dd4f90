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
    // Excel's "Unicode text" is UTF-16 with a byte-order mark: read it as such.
    if let Some(utf16) = [encoding_rs::UTF_16LE, encoding_rs::UTF_16BE]
        .into_iter()
        .find(|e| {
            bytes.starts_with(if *e == encoding_rs::UTF_16LE {
                b"\xFF\xFE"
            } else {
                b"\xFE\xFF"
            })
        })
    {
        let (text, _) = utf16.decode_with_bom_removal(&bytes);
        return Ok(decode(text.into_owned().into_bytes()));
    }
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        return Err(ImportError::Csv {
            path: path.to_path_buf(),
            line: bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1,
            message: format!(
                "een 0-byte (byte {at}): dit is geen tekstbestand, of een deel ervan is beschadigd; sla het op als 'CSV UTF-8' en lees opnieuw in"
            ),
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

/// The data rows of a CSV text, each checked; see [`CsvRow`]. Lines are
/// counted from the text's own line ends (the reader's count goes wrong on CRLF
/// and after blank lines), and only LF ends a row: a lone CR inside a row is a
/// control byte to report, not a row end that splits it.
pub(crate) struct CsvRows<'t> {
    path: &'t Path,
    text: &'t str,
    reader: csv::Reader<&'t [u8]>,
    headers: Vec<String>,
    delimiter: u8,
    /// The last byte offset counted, and its line number: lines are counted
    /// once, forward, however long the file.
    counted: (usize, usize),
}

/// A value cut for a message: a 10,000-character column name or address is
/// no help in a report line.
fn short(s: &str) -> String {
    locatiescout_model::nl_error::cut(s).into_owned()
}

impl<'t> CsvRows<'t> {
    pub(crate) fn new(path: &'t Path, text: &'t str, delimiter: u8) -> Result<Self, ImportError> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| csv_error(path, e))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        Ok(CsvRows {
            path,
            text,
            reader,
            headers,
            delimiter,
            counted: (0, 1),
        })
    }

    /// The header's names, trimmed.
    pub(crate) fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The line number of byte offset `byte`.
    fn line_at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let (from, base) = if byte >= self.counted.0 {
            self.counted
        } else {
            (0, 1)
        };
        let n = self.text.as_bytes()[from..byte]
            .iter()
            .filter(|&&c| c == b'\n')
            .count();
        self.counted = (byte, base + n);
        base + n
    }

    fn check(
        &self,
        record: csv::StringRecord,
        line: usize,
        last: usize,
        open_quote: bool,
    ) -> CsvRow {
        // The line a message is filed under is `line`; a record over more lines says which.
        let span = if last == line {
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
        // A quote opened and never closed makes one field of the rest of the
        // file; one closed lines later makes one field of the rows between: a
        // field that runs over a line end and holds the separator after it is
        // that, not a note with a line break in it.
        let merged = record
            .iter()
            .any(|f| f.split('\n').skip(1).any(|l| l.contains(sep)));
        if open_quote || merged {
            let lines = if last == line {
                "de rij is niet ingelezen".to_string()
            } else {
                format!(
                    "de regels {line} tot en met {last} zijn als één rij gelezen en niet ingelezen"
                )
            };
            let end = if open_quote {
                " (tot het einde van het bestand)"
            } else {
                ""
            };
            return refused(
                format!(
                    "een aanhalingsteken wordt niet gesloten{end}: {lines}; sluit het aanhalingsteken (\") en lees opnieuw in"
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
        // A CR is a control byte unless it ends a line inside a quoted note (CRLF).
        let control = record.iter().enumerate().find_map(|(k, f)| {
            let mut chars = f.chars().peekable();
            while let Some(c) = chars.next() {
                let cr_lf = c == '\r' && chars.peek() == Some(&'\n');
                if c.is_control() && !matches!(c, '\t' | '\n') && !cr_lf {
                    return Some((k, c));
                }
            }
            None
        });
        if let Some((k, c)) = control {
            let column = self.headers.get(k).map_or_else(
                || format!("kolom {}", k + 1),
                |h| format!("kolom '{}'", short(h)),
            );
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
        let short_row = (width < header && used > 0).then(|| {
            let missing: Vec<String> = self.headers[width..].iter().map(|h| short(h)).collect();
            short(&format!(
                "{width} van de {header} velden{span}; leeg gelaten: {}",
                missing.join(", ")
            ))
        });
        // A note with a line break in it is fine, but the lines it covers are
        // named, so that rows read = lines in the file can always be checked.
        let multi = (last > line && short_row.is_none()).then(|| {
            format!(
                "de regels {line} tot en met {last} zijn als één rij gelezen (een veld met een regeleinde); klopt dat niet, zoek dan een aanhalingsteken dat niet gesloten wordt"
            )
        });
        CsvRow::Record {
            line,
            record,
            suspect: short_row.or(multi),
        }
    }
}

/// Whether `raw` (one record's text) ends inside a quoted field, read as the
/// CSV reader reads it: a quote opens a field only at its start, `""` inside
/// is a quote. The reader then took the rest of the file as that field.
fn ends_in_quotes(raw: &[u8], delimiter: u8) -> bool {
    #[derive(PartialEq)]
    enum S {
        Start,
        Field,
        Quoted,
        QuoteInQuoted,
    }
    let mut s = S::Start;
    for &c in raw {
        s = match s {
            S::Start if c == b'"' => S::Quoted,
            S::Start | S::Field if c == delimiter || c == b'\n' => S::Start,
            S::Start | S::Field => S::Field,
            S::Quoted if c == b'"' => S::QuoteInQuoted,
            S::Quoted => S::Quoted,
            S::QuoteInQuoted if c == b'"' => S::Quoted,
            S::QuoteInQuoted if c == delimiter || c == b'\n' => S::Start,
            S::QuoteInQuoted => S::Field,
        };
    }
    s == S::Quoted
}

impl Iterator for CsvRows<'_> {
    type Item = Result<CsvRow, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let mut record = csv::StringRecord::new();
            match self.reader.read_record(&mut record) {
                Ok(false) => return None,
                Err(e) => return Some(Err(csv_error(self.path, e))),
                Ok(true) => {}
            }
            let bytes = self.text.as_bytes();
            let end = (self.reader.position().byte() as usize).min(bytes.len());
            // Where the row itself starts: past blank lines the reader skipped.
            let mut start = record.position().map_or(0, |p| p.byte() as usize).min(end);
            while start < end && matches!(bytes[start], b'\n' | b'\r') {
                start += 1;
            }
            // Only LF ends a row: the CR of a CRLF is the last field's last byte.
            let fields: Vec<&str> = record.iter().collect();
            let n = fields.len();
            let trimmed: Vec<&str> = fields
                .iter()
                .enumerate()
                .map(|(k, f)| {
                    if k + 1 == n {
                        f.strip_suffix('\r').unwrap_or(f)
                    } else {
                        f
                    }
                })
                .collect();
            if n == 1 && trimmed[0].is_empty() {
                continue; // a blank line (CRLF) is no row
            }
            let raw = &bytes[start..end];
            let body = {
                let mut b = raw;
                while let [rest @ .., b'\n' | b'\r'] = b {
                    b = rest;
                }
                b
            };
            let line = self.line_at(start);
            let last = line + body.iter().filter(|&&c| c == b'\n').count();
            let open_quote = end == bytes.len() && ends_in_quotes(raw, self.delimiter);
            let mut clean = csv::StringRecord::from(trimmed);
            clean.set_position(record.position().cloned());
            return Some(Ok(self.check(clean, line, last, open_quote)));
        }
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
                // Coordinates that are there but not numbers are named as such.
                let given: Vec<String> = headers
                    .iter()
                    .zip(record.iter())
                    .filter(|(h, v)| {
                        !v.trim().is_empty()
                            && matches!(
                                opts.field_map.field_for(h),
                                Some(Field::XRd | Field::YRd | Field::Lat | Field::Lon)
                            )
                    })
                    .map(|(h, v)| format!("{h} '{}'", locatiescout_model::nl_error::cut(v.trim())))
                    .collect();
                let reason = if given.is_empty() {
                    "geen coördinaten en geen adres".to_string()
                } else {
                    format!(
                        "coördinaten onvolledig of geen getal ({}) en geen adres",
                        given.join(", ")
                    )
                };
                b.skip(line, None, reason);
            } else {
                b.report.features_read += 1;
                b.report.needs_geocoding.push(Skipped {
                    index: line,
                    byte_offset: None,
                    reason: format!(
                        "moet worden gegeocodeerd: {}",
                        locatiescout_model::nl_error::cut(&address.join(", "))
                    ),
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
