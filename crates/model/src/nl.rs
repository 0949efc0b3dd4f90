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
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "het bestand bestaat niet".into(),
        K::PermissionDenied => "geen toestemming om het bestand te lezen".into(),
        _ => io_kind_nl(e),
    }
}

/// A write's I/O error in Dutch, naming a missing folder as such.
pub fn io_nl_write(e: &std::io::Error, path: &std::path::Path) -> String {
    use std::io::ErrorKind as K;
    if let Some(dutch) = e.get_ref().and_then(|x| x.downcast_ref::<DutchIo>()) {
        return dutch.0.clone();
    }
    match e.kind() {
        K::NotFound => match path.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(dir) if !dir.exists() => format!("de map {} bestaat niet", dir.display()),
            _ => "de map bestaat niet of het bestand kan er niet worden gemaakt".into(),
        },
        K::PermissionDenied => "geen toestemming om hier te schrijven".into(),
        _ => io_kind_nl(e),
    }
}

/// An I/O refusal this program words itself, in Dutch (`io::Error::other(DutchIo(…))`):
/// said as it stands, not as an unknown system error.
#[derive(Debug)]
pub struct DutchIo(pub String);

impl std::fmt::Display for DutchIo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DutchIo {}

/// The other I/O errors in Dutch; the system's own words stay in brackets.
fn io_kind_nl(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if let Some(dutch) = e.get_ref().and_then(|x| x.downcast_ref::<DutchIo>()) {
        return dutch.0.clone();
    }
    let nl = match e.kind() {
        K::StorageFull => "de schijf is vol",
        K::ReadOnlyFilesystem => "de schijf is alleen-lezen",
        K::IsADirectory => "dat is een map, geen bestand",
        K::NotADirectory => "een deel van het pad is geen map",
        K::AlreadyExists => "het bestand bestaat al",
        K::BrokenPipe => "de uitvoer is gesloten (pijp afgebroken)",
        K::InvalidData => "ongeldige gegevens",
        K::UnexpectedEof => "het bestand houdt onverwacht op",
        K::TimedOut => "de bewerking duurde te lang",
        K::Interrupted => "onderbroken",
        K::FileTooLarge => "het bestand is te groot",
        K::InvalidFilename => "ongeldige bestandsnaam",
        _ => "invoer-/uitvoerfout",
    };
    format!("{nl} ({e})")
}

/// A serde (JSON/TOML) error message in Dutch: the parsers speak English, a user
/// reads Dutch. Known phrases are translated; the quoted parts (keys, values) stay.
pub fn serde_nl(msg: &str) -> String {
    // Drop serde_json's own " at line L column C": the caller says where.
    let msg = match msg.rfind(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    };
    const PHRASES: [(&str, &str); 26] = [
        ("number out of range", "getal te groot om te gebruiken"),
        ("expected value", "verwacht een waarde"),
        ("` or `", "` of `"),
        ("expected ident", "verwacht true, false of null"),
        ("invalid type: ", "verkeerd type: "),
        ("invalid value: ", "ongeldige waarde: "),
        ("invalid length ", "verkeerde lengte "),
        ("unknown variant ", "onbekende waarde "),
        ("unknown field ", "onbekende sleutel "),
        ("missing field ", "ontbrekende sleutel "),
        ("duplicate field ", "dubbele sleutel "),
        ("duplicate key", "dubbele sleutel"),
        ("expected one of ", "verwacht een van "),
        ("expected ", "verwacht "),
        (
            "EOF while parsing a value",
            "het bestand houdt op midden in een waarde",
        ),
        (
            "EOF while parsing an object",
            "het bestand houdt op midden in een object",
        ),
        (
            "EOF while parsing a list",
            "het bestand houdt op midden in een lijst",
        ),
        (
            "EOF while parsing a string",
            "het bestand houdt op midden in een tekst",
        ),
        ("trailing characters", "tekst na het einde van de waarde"),
        ("key must be a string", "een sleutel moet tekst zijn"),
        ("invalid number", "ongeldig getal"),
        ("invalid escape", "ongeldige escape"),
        (
            "control character (\\u0000-\\u001F) found while parsing a string",
            "stuurteken in tekst",
        ),
        ("a sequence", "een lijst"),
        ("a map", "een tabel"),
        ("a string", "tekst"),
    ];
    let mut out = msg.to_string();
    for (en, nl) in PHRASES {
        out = out.replace(en, nl);
    }
    for (en, nl) in [
        ("floating point", "kommagetal"),
        ("integer", "geheel getal"),
        ("boolean", "waar/onwaar"),
        ("string", "tekst"),
        ("sequence", "lijst"),
        ("map", "tabel"),
        ("struct ", "structuur "),
        ("unit value", "lege waarde"),
        ("f64", "een getal"),
        ("f32", "een getal"),
        ("u32", "een geheel getal van 0 of meer"),
        ("u64", "een geheel getal van 0 of meer"),
        ("usize", "een geheel getal van 0 of meer"),
        ("u8", "een geheel getal van 0 of meer"),
        ("i32", "een geheel getal"),
        ("i64", "een geheel getal"),
        // TOML's parser.
        ("literal string", "letterlijke tekst"),
        ("basic string", "tekst"),
        ("invalid ", "ongeldige "),
        ("unexpected ", "onverwachte "),
        ("unclosed ", "niet gesloten "),
        ("unterminated ", "niet afgesloten "),
        ("key with no value", "sleutel zonder waarde"),
        ("missing ", "ontbrekende "),
        ("array", "lijst"),
        ("table", "tabel"),
        ("value", "waarde"),
        ("key", "sleutel"),
    ] {
        out = out.replace(en, nl);
    }
    out.trim().to_string()
}
