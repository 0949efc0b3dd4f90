//! What a feature brought: each attribute of the source file with its value as
//! the file had it, so an export can hand back every column beside the
//! computed ones and be joined to its source in QGIS.
//!
//! An unrecognised attribute is kept as read. A recognised one is stored typed
//! (an area as a number, a date, the BAG gebruiksdoelen, a trimmed text); where
//! that typed value would read otherwise than the file (BAG's year 9999,
//! `Kantoorgebouw`, `30-06-2031`, spaces around a text, `true`) the import keeps
//! the original beside it, among the feature's extras under a marked name that
//! [`Layer::extras`] passes over, so the project file keeps it without a table
//! of its own. Coordinate columns (`x`, `y`, `lon`, `lat`) became the geometry
//! and are not repeated.

use crate::attrs::{functions_text, number_text, Field, JSON_MARK, TEXT_MARK};
use crate::layer::{FieldSeen, Layer};

/// One source attribute's value for one feature.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceValue<'a> {
    /// As the source wrote it (numbers as their decimal text).
    Text(&'a str),
    /// A number, `true`/`false`, an array or an object, as JSON writes it.
    Json(&'a str),
    /// A recognised text field (an identifier, a code, a note): always text.
    Code(&'a str),
    /// A recognised number as stored.
    Number(f64),
    /// A recognised date or building function as it reads back (the source
    /// wrote it so, or its original would have been kept).
    Read(String),
}

impl Layer {
    /// The source attributes an export hands back, in the layer's field order.
    pub fn source_columns(&self) -> Vec<&FieldSeen> {
        self.report
            .fields
            .iter()
            .filter(|f| {
                !matches!(
                    f.recognised_as,
                    Some(Field::XRd | Field::YRd | Field::Lon | Field::Lat)
                )
            })
            .collect()
    }

    /// Feature `i`'s value of source attribute `col` as the file had it; `None`
    /// when it had none.
    pub fn source_value(&self, i: usize, col: &FieldSeen) -> Option<SourceValue<'_>> {
        let a = &self.attrs[i];
        let range = a.extra_start as usize..(a.extra_start + a.extra_len) as usize;
        let entries = self.extras.get(range).unwrap_or_default();
        // Its original where the import kept one, else the value kept as an
        // extra (unrecognised, unreadable, or a second column feeding a field
        // already filled), else the typed value, which reads as the file had it.
        for (k, v) in entries {
            let k = self.strings.resolve(k);
            if k.strip_prefix(TEXT_MARK) == Some(col.name.as_str()) {
                return Some(SourceValue::Text(self.strings.resolve(v)));
            }
            if k.strip_prefix(JSON_MARK) == Some(col.name.as_str()) {
                return Some(SourceValue::Json(self.strings.resolve(v)));
            }
        }
        if let Some((_, v)) = self.extras(i).find(|(k, _)| *k == col.name) {
            return Some(SourceValue::Text(v));
        }
        let field = col.recognised_as?;
        if field.text_slot().is_some() || field == Field::Id {
            return self.text(i, field).map(SourceValue::Code);
        }
        let number = |v: Option<f32>| {
            v.and_then(|v| number_text(v).parse::<f64>().ok())
                .map(SourceValue::Number)
        };
        match field {
            Field::RegisteredAreaM2 => number(a.registered_area_m2),
            Field::FloorAreaM2 => number(a.floor_area_m2),
            Field::YearBuilt => a.year_built.map(|y| SourceValue::Number(f64::from(y))),
            Field::AvailableFrom => a.available_from.map(|d| SourceValue::Read(d.to_string())),
            Field::AvailableUntil => a.available_until.map(|d| SourceValue::Read(d.to_string())),
            Field::Functions => {
                (!a.functions.is_empty()).then(|| SourceValue::Read(functions_text(a.functions)))
            }
            _ => None,
        }
    }
}
