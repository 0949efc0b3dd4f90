//! Dutch formatting, written once: numbers (`1.234,5`), euros and percentages.
//! The errors of parsers, SQLite and the OS in Dutch are in [`crate::nl_error`].

/// Dutch number formatting: `1.234,5`.
pub fn nl_number(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(i, f)| (i, f));
    let mut grouped = String::new();
    for (k, ch) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let sign = if v < 0.0 && s.chars().any(|c| c != '0' && c != '.') {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// An amount in whole euros: `€ 1.234`.
pub fn eur(v: f64) -> String {
    format!("€ {}", nl_number(v, 0))
}

/// A fraction as a whole percentage: `0,2` → `20 %`.
pub fn pct(v: f64) -> String {
    format!("{} %", nl_number(v * 100.0, 0))
}

// The errors of the parsers, SQLite and the OS in Dutch live in `nl_error`; the
// I/O words and the serde translation keep their names here for their callers.
pub use crate::nl_error::{io_nl, io_nl_write, serde_nl, DutchIo};
