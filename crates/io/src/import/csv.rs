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
    match String::from_utf8(bytes) {
        Ok(s) => (s, false),
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(e.as_bytes());
            (text.into_owned(), true)
        }
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
        message: e.to_string(),
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
    let (mut reader, headers) = reader_with_headers(path, &text, delimiter)?;
    let csv_err = |e| csv_error(path, e);
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
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(csv_err)?;
        let line = record.position().map_or(row as u64 + 2, |p| p.line()) as usize;
        if record.len() > headers.len() && too_wide.is_none() {
            too_wide = Some(line);
        }
        // A quote that is opened and never closed makes one "field" of the rows
        // after it: they would vanish silently. A field that runs over line ends
        // and holds the separator on a later line is that, not a note with a line break.
        let sep = char::from(delimiter);
        let need = (headers.len().saturating_sub(1) / 2).max(1);
        if let Some(field) = record.iter().find(|f| {
            f.contains('\n')
                && f.split('\n')
                    .skip(1)
                    .any(|l| l.matches(sep).count() >= need)
        }) {
            let lines = field.trim_end_matches(['\n', '\r']).matches('\n').count();
            b.skip(
                line,
                None,
                format!(
                    "een aanhalingsteken in regel {line} wordt niet gesloten: de regels {line} tot en met {} zijn als één rij gelezen en niet ingelezen; sluit het aanhalingsteken (\") en lees opnieuw in",
                    line + lines
                ),
            );
            continue;
        }
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
            Vec::new(),
            false,
            &strings,
        ))?;
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
