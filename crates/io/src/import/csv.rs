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

/// A CSV's text and the lines (1-based) that were not UTF-8 and were read as
/// Windows-1252 (Excel). Decided per line, so a mostly UTF-8 file with one
/// Excel-typed line keeps its "Café" and names the odd line.
pub(crate) struct Decoded {
    pub text: String,
    pub lines_1252: Vec<usize>,
    /// Whether other lines held UTF-8 beyond ASCII (a mixed file).
    pub mixed: bool,
}

/// The text of CSV bytes: UTF-16 with a byte-order mark (Excel's "Unicode
/// text"), else UTF-8 line by line with Windows-1252 for lines that are not.
pub(crate) fn decode(bytes: Vec<u8>) -> Decoded {
    for (bom, enc) in [
        (b"\xFF\xFE".as_slice(), encoding_rs::UTF_16LE),
        (b"\xFE\xFF".as_slice(), encoding_rs::UTF_16BE),
    ] {
        if bytes.starts_with(bom) {
            let (text, _) = enc.decode_with_bom_removal(&bytes);
            return decode(text.into_owned().into_bytes());
        }
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    let (text, lines_1252, mixed) = match String::from_utf8(bytes) {
        Ok(s) => (s, Vec::new(), false),
        Err(e) => {
            let bytes = e.into_bytes();
            let (mut text, mut lines, mut mixed) =
                (String::with_capacity(bytes.len()), Vec::new(), false);
            for (k, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
                match std::str::from_utf8(line) {
                    Ok(l) => {
                        mixed |= !l.is_ascii();
                        text.push_str(l);
                    }
                    Err(_) => {
                        lines.push(k + 1);
                        text.push_str(&encoding_rs::WINDOWS_1252.decode(line).0);
                    }
                }
            }
            (text, lines, mixed)
        }
    };
    // Old Mac files end lines with a lone CR; the reader would number every
    // row "line 1". Without a single LF in the file, a CR is a line end.
    let text = if text.contains('\r') && !text.contains('\n') {
        text.replace('\r', "\n")
    } else {
        text
    };
    Decoded {
        text,
        lines_1252,
        mixed,
    }
}

impl Decoded {
    /// The import report's note on the encoding, if any line was not UTF-8.
    pub(crate) fn note(&self) -> Option<String> {
        if self.lines_1252.is_empty() {
            None
        } else if self.mixed {
            let shown: Vec<String> = self
                .lines_1252
                .iter()
                .take(10)
                .map(ToString::to_string)
                .collect();
            let more = if self.lines_1252.len() > 10 {
                " …"
            } else {
                ""
            };
            Some(format!(
                "regel {}{more}: geen geldige UTF-8, gelezen als Windows-1252 (Excel); de andere regels als UTF-8 — controleer de tekens op die regels",
                shown.join(", ")
            ))
        } else {
            Some("geen geldige UTF-8; gelezen als Windows-1252 (Excel)".into())
        }
    }
}

pub(crate) fn detect_delimiter(text: &str) -> u8 {
    // The header is the first line with text (a blank line may come before it).
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
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
pub(crate) fn read_text(path: &Path) -> Result<Decoded, ImportError> {
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
    // Excel's "Unicode text" is UTF-16 with a byte-order mark: full of 0-bytes, and text.
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    if let Some(at) = bytes.iter().position(|b| *b == 0).filter(|_| !utf16) {
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
        let raw = reader.headers().map_err(|e| csv_error(path, e))?.clone();
        let header_error = |message: String| ImportError::Csv {
            path: path.to_path_buf(),
            line: 1,
            message,
        };
        // A header that ran on over later lines (a quote opened in it and closed
        // lines later, or never) took the rows into its names: nothing could be read.
        if let Some(k) = raw.iter().position(|h| h.contains('\n')) {
            let lines = raw.iter().map(|h| h.matches('\n').count()).sum::<usize>() + 1;
            return Err(header_error(format!(
                "een aanhalingsteken in de kopregel (kolom {}) wordt niet op die regel gesloten: de regels 1 tot en met {lines} zijn als kopregel gelezen en er kon geen rij worden gelezen; sluit het aanhalingsteken (\") of haal het weg en lees opnieuw in",
                k + 1
            )));
        }
        let n = raw.len();
        for (k, h) in raw.iter().enumerate() {
            let h = if k + 1 == n {
                h.strip_suffix('\r').unwrap_or(h)
            } else {
                h
            };
            if let Some(c) = h.chars().find(|c| c.is_control() && *c != '\t') {
                return Err(header_error(format!(
                    "de kopregel heeft een stuurteken (0x{:02X}) in kolom {}: staat het waar een regeleinde hoort, dan is de eerste rij aan de kopregel geplakt; vervang of verwijder het teken en lees opnieuw in",
                    u32::from(c),
                    k + 1
                )));
            }
        }
        let headers = raw.iter().map(|h| h.trim().to_string()).collect();
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
            let how = if open_quote {
                "wordt niet gesloten (tot het einde van het bestand)"
            } else {
                "wordt pas op een latere regel gesloten"
            };
            return refused(
                format!(
                    "een aanhalingsteken {how}: {lines}; sluit het aanhalingsteken (\") op de goede plaats en lees opnieuw in"
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
            let missing: Vec<String> = self.headers[width..]
                .iter()
                .enumerate()
                .map(|(k, h)| {
                    if h.is_empty() {
                        format!("kolom {}", width + k + 1)
                    } else {
                        short(h)
                    }
                })
                .collect();
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

/// How the CSV reader read the quotes of `raw` (one record's text): whether it
/// ends inside a quoted field (the reader then took the rest of the file as
/// that field), and the first field with text after its closing quote
/// (`"Een"x`, read as `Eenx`). A quote opens a field only at its start; `""`
/// inside is a quote.
fn scan_quotes(raw: &[u8], delimiter: u8) -> (bool, Option<usize>) {
    #[derive(PartialEq)]
    enum S {
        Start,
        Field,
        Quoted,
        QuoteInQuoted,
    }
    let (mut s, mut field, mut after) = (S::Start, 0usize, None);
    for &c in raw {
        let end = c == delimiter || c == b'\n';
        s = match s {
            S::Start if c == b'"' => S::Quoted,
            S::Quoted if c == b'"' => S::QuoteInQuoted,
            S::Quoted => S::Quoted,
            S::QuoteInQuoted if c == b'"' => S::Quoted,
            S::QuoteInQuoted if !end && c != b'\r' => {
                after.get_or_insert(field);
                S::Field
            }
            _ if end => {
                field += usize::from(c == delimiter);
                if c == b'\n' {
                    field = 0;
                }
                S::Start
            }
            _ => S::Field,
        };
    }
    (s == S::Quoted, after)
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
            let (open, after_quote) = scan_quotes(raw, self.delimiter);
            let open_quote = end == bytes.len() && open;
            let mut clean = csv::StringRecord::from(trimmed);
            clean.set_position(record.position().cloned());
            let mut row = self.check(clean, line, last, open_quote);
            // Text after a closing quote is read on (`"Een"x` as `Eenx`): used, and named.
            if let (
                Some(k),
                CsvRow::Record {
                    record, suspect, ..
                },
            ) = (after_quote, &mut row)
            {
                let column = self.headers.get(k).filter(|h| !h.is_empty()).map_or_else(
                    || format!("kolom {}", k + 1),
                    |h| format!("kolom '{}'", short(h)),
                );
                let read = short(record.get(k).unwrap_or(""));
                let note = format!(
                    "tekst na het afsluitende aanhalingsteken in {column}, gelezen als '{read}'; zet de hele waarde tussen aanhalingstekens als dat niet klopt"
                );
                *suspect = Some(match suspect.take() {
                    Some(s) => format!("{s}; {note}"),
                    None => note,
                });
            }
            return Some(Ok(row));
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
    let decoded = read_text(path)?;
    let text = &decoded.text;
    let delimiter = csv_opts.delimiter.unwrap_or_else(|| detect_delimiter(text));
    let mut rows = CsvRows::new(path, text, delimiter)?;
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
    if let Some(note) = decoded.note() {
        b.report.notes.push(note);
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
        let d = decode(vec![b'C', b'a', b'f', 0xE9]);
        assert_eq!(d.lines_1252, [1]);
        assert_eq!(d.text, "Café");
        // Mixed: a UTF-8 line keeps its é, the Excel line is read as 1252 and named.
        let d = decode(b"a\nCaf\xC3\xA9\nNa\xEFef\n".to_vec());
        assert_eq!(d.text, "a\nCafé\nNaïef\n");
        assert_eq!((d.lines_1252.as_slice(), d.mixed), ([3].as_slice(), true));
    }
}
