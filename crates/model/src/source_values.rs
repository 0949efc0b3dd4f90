//! What a feature brought: each attribute of the source file with its value as
//! the layer keeps it, so an export can hand back every column beside the
//! computed ones and be joined to its source in QGIS.
//!
//! Unrecognised attributes are kept as read. A recognised text (an id, a code,
//! a note) is kept as read too, trimmed. A recognised number, date or building
//! function was parsed on import: it comes back as Locatiescout read it (an
//! area as a number, a date as `JJJJ-MM-DD`, a function as the BAG
//! gebruiksdoel). Coordinate columns (`x`, `y`, `lon`, `lat`) became the
//! geometry and are not repeated.

use crate::attrs::Field;
use crate::layer::{FieldSeen, Layer};

/// One source attribute's value for one feature.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceValue<'a> {
    /// Kept as the source wrote it (numbers as their decimal text).
    Text(&'a str),
    /// A recognised text field (an identifier, a code, a note): always text.
    Code(&'a str),
    /// A recognised number as stored.
    Number(f64),
    /// A recognised date or building function in the form it was read as.
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

    /// Feature `i`'s value of source attribute `col`; `None` when it had none.
    pub fn source_value(&self, i: usize, col: &FieldSeen) -> Option<SourceValue<'_>> {
        // A second column feeding a field already filled is kept as an extra, so
        // the extras are asked first: each column gets its own value.
        if let Some((_, v)) = self.extras(i).find(|(k, _)| *k == col.name) {
            return Some(SourceValue::Text(v));
        }
        let field = col.recognised_as?;
        if field.text_slot().is_some() || field == Field::Id {
            return self.text(i, field).map(SourceValue::Code);
        }
        let a = &self.attrs[i];
        // The f32 as its shortest decimal, not 2917.962646484375.
        let number = |v: Option<f32>| {
            v.and_then(|v| v.to_string().parse::<f64>().ok())
                .map(SourceValue::Number)
        };
        match field {
            Field::RegisteredAreaM2 => number(a.registered_area_m2),
            Field::FloorAreaM2 => number(a.floor_area_m2),
            Field::YearBuilt => a.year_built.map(|y| SourceValue::Number(f64::from(y))),
            Field::AvailableFrom => a.available_from.map(|d| SourceValue::Read(d.to_string())),
            Field::AvailableUntil => a.available_until.map(|d| SourceValue::Read(d.to_string())),
            Field::Functions => (!a.functions.is_empty())
                .then(|| SourceValue::Read(a.functions.names().collect::<Vec<_>>().join(", "))),
            _ => None,
        }
    }
}
