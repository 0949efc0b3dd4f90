//! Dutch formatting, written once: numbers (`1.234,5`), euros, percentages,
//! and the words for the I/O errors a user meets.

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

/// The Dutch words for the I/O errors a user meets; the rest keep the OS text.
pub fn io_nl(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "het bestand bestaat niet".into(),
        std::io::ErrorKind::PermissionDenied => "geen toestemming om het bestand te lezen".into(),
        _ => e.to_string(),
    }
}
