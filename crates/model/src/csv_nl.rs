//! The Dutch Excel CSV dialect every CSV this program writes follows: `;` between
//! fields, a decimal comma, a UTF-8 byte-order mark so Excel reads accents.

/// The byte-order mark Excel needs to read UTF-8.
pub const BOM: &str = "\u{feff}";

/// A field quoted where `;`, a quote or a line break would break the row.
pub fn csv_field(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
