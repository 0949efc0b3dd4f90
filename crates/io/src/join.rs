//! Joining an attribute table (CSV) to a layer on a key — e.g. the RVB buildings
//! (geometry with `EAN`) and the impact-analysis sheet (`EAN`, `Bouwwerkfunctie`,
//! address, `Oordeel verbruik`). Columns go through the field map like any import:
//! recognised ones fill fields the layer does not have yet, the rest are kept as
//! extra attributes. Nothing is dropped silently: features without a row, rows
//! without a feature and repeated keys are all reported.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::import::csv::{detect_delimiter, read_text, CsvRow, CsvRows};
use crate::import::{ImportError, Layer};
use locatiescout_model::attrs::{Field, FieldMap, ParsedAttrs, PropValue, Sym};

/// What a join matched and what it could not.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct JoinReport {
    pub csv: PathBuf,
    /// The field key or column name joined on.
    pub key: String,
    pub rows: usize,
    /// Features that found a row.
    pub matched: usize,
    /// Distinct keys used (several buildings can share one connection's EAN).
    pub matched_keys: usize,
    /// Features without a row: index and label.
    pub unmatched_features: Vec<(usize, String)>,
    /// Rows without a feature: CSV line and key.
    pub unmatched_rows: Vec<(usize, String)>,
    /// Keys found in more than one row (the first row is used): line and key.
    pub duplicate_keys: Vec<(usize, String)>,
    /// Rows not read as they stood (a quote never closed, a control byte, more
    /// fields than the header): line and why. Not joined.
    pub skipped_rows: Vec<(usize, String)>,
}

fn norm(k: &str) -> String {
    k.trim().trim_start_matches('\'').to_uppercase()
}

/// Joins the rows of `csv` to `layer` where the `key` field (e.g. [`Field::Ean`])
/// of both sides is equal (case and spaces ignored).
/// Everything that can fail (reading, headers, rows) happens before `layer` is
/// touched, so on an error the layer is as it was.
pub fn join_csv(
    layer: &mut Layer,
    csv: &Path,
    key: Field,
    map: &FieldMap,
) -> Result<JoinReport, ImportError> {
    join_csv_on(layer, csv, &JoinKey::Field(key), map)
}

/// What two sides are joined on: a recognised field, or a column by name (for
/// sources Locatiescout has no field for, such as the capaciteitskaart's
/// `voedingsgebied_id`).
#[derive(Debug, Clone, PartialEq)]
pub enum JoinKey {
    Field(Field),
    Column(String),
}

impl JoinKey {
    fn name(&self) -> &str {
        match self {
            JoinKey::Field(f) => f.key(),
            JoinKey::Column(c) => c,
        }
    }

    fn is_header(&self, header: &str, map: &FieldMap) -> bool {
        match self {
            JoinKey::Field(f) => map.field_for(header) == Some(*f),
            JoinKey::Column(c) => header.trim().eq_ignore_ascii_case(c),
        }
    }

    /// The key of feature `i`; a column the field map recognises (such as
    /// `voedingsgebied_id` as the id) was stored as that field, not as an extra.
    fn value<'l>(&self, layer: &'l Layer, i: usize, map: &FieldMap) -> Option<&'l str> {
        match self {
            JoinKey::Field(f) => layer.text(i, *f),
            JoinKey::Column(c) => match map.field_for(c) {
                Some(f) => layer.text(i, f),
                None => layer
                    .extras(i)
                    .find(|(k, _)| k.eq_ignore_ascii_case(c))
                    .map(|(_, v)| v),
            },
        }
    }
}

/// [`join_csv`] on any [`JoinKey`].
pub fn join_csv_on(
    layer: &mut Layer,
    csv: &Path,
    key: &JoinKey,
    map: &FieldMap,
) -> Result<JoinReport, ImportError> {
    let text = read_text(csv)?.text;
    let rows_read = CsvRows::new(csv, &text, detect_delimiter(&text))?;
    let headers = rows_read.headers().to_vec();
    let Some(key_col) = headers.iter().position(|h| key.is_header(h, map)) else {
        return Err(ImportError::Csv {
            path: csv.to_path_buf(),
            line: 1,
            message: format!(
                "geen kolom voor de koppelsleutel '{}' gevonden (kolommen: {})",
                key.name(),
                headers.join(", ")
            ),
        });
    };
    let mut report = JoinReport {
        csv: csv.to_path_buf(),
        key: key.name().to_string(),
        ..JoinReport::default()
    };
    let mut rows: HashMap<String, (usize, ::csv::StringRecord)> = HashMap::new();
    for row in rows_read {
        report.rows += 1;
        let (line, rec) = match row? {
            CsvRow::Record { line, record, .. } => (line, record),
            CsvRow::Refused { line, reason, .. } => {
                report.skipped_rows.push((line, reason));
                continue;
            }
        };
        let Some(value) = rec.get(key_col).map(norm).filter(|v| !v.is_empty()) else {
            report.unmatched_rows.push((line, String::new()));
            continue;
        };
        match rows.entry(value) {
            std::collections::hash_map::Entry::Occupied(e) => {
                report.duplicate_keys.push((line, e.key().clone()));
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert((line, rec));
            }
        }
    }

    let mut used: HashMap<&str, bool> = rows.keys().map(|k| (k.as_str(), false)).collect();
    let mut extras: Vec<(Sym, Sym)> = Vec::with_capacity(layer.extras.len());
    for i in 0..layer.len() {
        let old = {
            let a = &layer.attrs[i];
            a.extra_start as usize..(a.extra_start + a.extra_len) as usize
        };
        let start = extras.len();
        extras.extend_from_slice(&layer.extras[old]);
        let row = key
            .value(layer, i, map)
            .map(norm)
            .and_then(|k| rows.get_key_value(&k));
        match row {
            None => report.unmatched_features.push((i, layer.label(i))),
            Some((k, (_, rec))) => {
                report.matched += 1;
                if let Some(u) = used.get_mut(k.as_str()) {
                    *u = true;
                }
                let props: Vec<(Cow<str>, PropValue)> = headers
                    .iter()
                    .zip(rec.iter())
                    .enumerate()
                    .filter(|(c, (_, v))| *c != key_col && !v.trim().is_empty())
                    .map(|(_, (h, v))| {
                        (Cow::Borrowed(h.as_str()), PropValue::Str(Cow::Borrowed(v)))
                    })
                    .collect();
                let p = ParsedAttrs::from_props(props, map);
                let strings = &layer.strings;
                let a = &mut layer.attrs[i];
                for (slot, t) in p.texts.iter().enumerate() {
                    let Some(t) = t else { continue };
                    match a.texts[slot] {
                        None => a.texts[slot] = Some(strings.get_or_intern(t.as_ref())),
                        // The layer's own value stays; the table's differing one is kept beside it.
                        Some(own) if strings.resolve(&own) != t.as_ref() => {
                            let name = p
                                .recognised
                                .iter()
                                .find(|(_, f)| f.text_slot() == Some(slot))
                                .map_or("?", |(n, _)| n.as_ref());
                            extras.push((
                                strings.get_or_intern(name),
                                strings.get_or_intern(t.as_ref()),
                            ));
                        }
                        Some(_) => {}
                    }
                }
                a.registered_area_m2 = a
                    .registered_area_m2
                    .or(p.registered_area_m2.map(|v| v as f32));
                a.floor_area_m2 = a.floor_area_m2.or(p.floor_area_m2.map(|v| v as f32));
                a.year_built = a.year_built.or(p.year_built);
                a.functions = a.functions.union(p.functions);
                a.available_from = a.available_from.or(p.available_from);
                a.available_until = a.available_until.or(p.available_until);
                for (n, v) in &p.extra {
                    extras.push((
                        strings.get_or_intern(n.as_ref()),
                        strings.get_or_intern(v.as_ref()),
                    ));
                }
            }
        }
        let a = &mut layer.attrs[i];
        a.extra_start = start as u32;
        a.extra_len = (extras.len() - start) as u32;
    }
    layer.extras = extras;
    let mut unmatched: Vec<(usize, String)> = rows
        .iter()
        .filter(|(k, _)| used.get(k.as_str()) == Some(&false))
        .map(|(k, (line, _))| (*line, k.clone()))
        .collect();
    unmatched.sort();
    report.matched_keys = used.values().filter(|u| **u).count();
    report.unmatched_rows.extend(unmatched);
    report.unmatched_rows.sort();
    layer.report.notes.push(format!(
        "gekoppeld met {} op {}: {} van {} objecten ({} verschillende sleutels); {} rijen zonder object, {} dubbele sleutels",
        csv.display(),
        key.name(),
        report.matched,
        layer.len(),
        report.matched_keys,
        report.unmatched_rows.len(),
        report.duplicate_keys.len()
    ));
    Ok(report)
}
