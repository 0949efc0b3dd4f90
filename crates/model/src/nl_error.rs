//! The errors of the parsers (JSON, TOML, CSV), SQLite and the operating system
//! in Dutch, written once for every crate: they speak English, a planner reads
//! Dutch. Each translation is a sentence that says what to do; the system's own
//! words follow in brackets only where they add something for a specialist.

use std::borrow::Cow;
use std::io::ErrorKind as K;

/// How many characters of a value a message repeats: a 10,000-character CRS
/// name or cell must not bury the sentence around it.
pub const SHOWN_CHARS: usize = 80;

/// `s` as a message shows it: at most [`SHOWN_CHARS`] characters, then `…`.
pub fn cut(s: &str) -> Cow<'_, str> {
    cut_to(s, SHOWN_CHARS)
}

/// `s` cut to `max` characters plus `…` when it is longer.
pub fn cut_to(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        Some((at, _)) => Cow::Owned(format!("{}…", &s[..at])),
        None => Cow::Borrowed(s),
    }
}

/// How many characters of the system's own words a message keeps in brackets.
pub const SYSTEM_CHARS: usize = 120;

/// The system's own words as the brackets after a Dutch sentence hold them:
/// their first line that says something (SQLite's integrity check opens with
/// "*** in database main ***" and then lists a line per fault), cut to
/// [`SYSTEM_CHARS`] characters.
pub fn system_words(raw: &str) -> Cow<'_, str> {
    let line = raw
        .lines()
        .map(str::trim)
        .find(|l| {
            let banner = l.starts_with("***") && l.ends_with("***");
            !l.is_empty() && !banner
        })
        .unwrap_or_default();
    cut_to(line, SYSTEM_CHARS)
}

/// The Dutch words for the I/O errors a user meets when reading.
pub fn io_nl(e: &std::io::Error) -> String {
    match e.kind() {
        K::NotFound => "het bestand bestaat niet".into(),
        K::PermissionDenied => "geen toestemming om het bestand te lezen".into(),
        _ => io_kind_nl(e),
    }
}

/// A write's I/O error in Dutch, naming a missing folder as such.
pub fn io_nl_write(e: &std::io::Error, path: &std::path::Path) -> String {
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

/// The other I/O errors in Dutch, each with what to do; the system's own words
/// stay in brackets.
fn io_kind_nl(e: &std::io::Error) -> String {
    if let Some(dutch) = e.get_ref().and_then(|x| x.downcast_ref::<DutchIo>()) {
        return dutch.0.clone();
    }
    let raw = e.to_string();
    let nl = match e.kind() {
        K::StorageFull => "de schijf is vol; maak ruimte vrij of kies een andere schijf",
        K::QuotaExceeded => "uw schijfquotum is op; maak ruimte vrij of kies een andere schijf",
        K::ReadOnlyFilesystem => "de schijf is alleen-lezen; kies een andere map",
        K::IsADirectory => "dat is een map, geen bestand; kies een bestand",
        K::NotADirectory => "een deel van het pad is een bestand, geen map; controleer het pad",
        K::DirectoryNotEmpty => "de map is niet leeg",
        K::AlreadyExists => "het bestand bestaat al; kies een andere naam",
        K::BrokenPipe => "de uitvoer is gesloten (pijp afgebroken)",
        K::InvalidData if raw.contains("UTF-8") => {
            "de tekst is geen geldige UTF-8; sla het bestand opnieuw op als UTF-8"
        }
        K::InvalidData => "de gegevens zijn onleesbaar of beschadigd; controleer het bestand",
        K::UnexpectedEof => {
            "het bestand houdt onverwacht op; is het afgebroken bij het downloaden of kopiëren?"
        }
        K::TimedOut => "de bewerking duurde te lang; probeer het opnieuw",
        K::Interrupted => "de bewerking is onderbroken; probeer het opnieuw",
        K::FileTooLarge => "het bestand is te groot voor deze schijf; kies een andere schijf",
        K::InvalidFilename => "ongeldige bestandsnaam; kies een kortere naam zonder bijzondere tekens",
        K::OutOfMemory => "er is niet genoeg geheugen; sluit andere programma's of splits het bestand",
        K::ResourceBusy | K::ExecutableFileBusy => {
            "het bestand is in gebruik; sluit het in het andere programma en probeer het opnieuw"
        }
        K::CrossesDevices => "het bestand kan niet naar een andere schijf worden verplaatst",
        K::Unsupported => "dat kan op dit systeem niet",
        _ => "lezen of schrijven is mislukt; controleer het bestand en de schijf en probeer het opnieuw",
    };
    format!("{nl} ({})", cut_to(&raw, 200))
}

/// A JSON error in Dutch with where it is: "… (regel 3, kolom 7)".
pub fn json_nl(e: &serde_json::Error) -> String {
    if let Some(kind) = e.io_error_kind() {
        return io_kind_nl(&std::io::Error::new(kind, e.to_string()));
    }
    let msg = serde_nl(&e.to_string());
    if e.line() == 0 {
        msg
    } else {
        format!("{msg} (regel {}, kolom {})", e.line(), e.column())
    }
}

/// A TOML error in Dutch after the line it is on (from `text`, the file read):
/// "regel 3: …".
pub fn toml_nl(e: &toml::de::Error, text: &str) -> String {
    let msg = serde_nl(e.message());
    match e.span() {
        Some(span) => {
            let line = text.get(..span.start).unwrap_or(text).matches('\n').count() + 1;
            format!("regel {line}: {msg}")
        }
        None => msg,
    }
}

/// A CSV reader's or writer's error in Dutch, naming the line ("regel 4: …").
pub fn csv_nl(e: &csv::Error) -> String {
    let line = match e.kind() {
        csv::ErrorKind::Utf8 { pos: Some(p), .. }
        | csv::ErrorKind::UnequalLengths { pos: Some(p), .. }
        | csv::ErrorKind::Deserialize { pos: Some(p), .. } => format!("regel {}: ", p.line()),
        _ => String::new(),
    };
    format!("{line}{}", csv_detail_nl(e))
}

/// [`csv_nl`] without the line, for a message that names it already
/// (`ImportError::Csv`: "{path}, regel {line}: {detail}").
pub fn csv_detail_nl(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Io(io) => io_nl(io),
        csv::ErrorKind::Utf8 { .. } => {
            "de tekst is geen geldige UTF-8; sla het bestand opnieuw op als UTF-8 (in Excel: 'CSV UTF-8')".into()
        }
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "{len} velden waar de kop er {expected_len} heeft; controleer de scheidingstekens en aanhalingstekens op die regel"
        ),
        csv::ErrorKind::Seek => {
            "het bestand kan niet opnieuw worden gelezen; kopieer het naar een gewone map".into()
        }
        csv::ErrorKind::Serialize(msg) => format!(
            "een waarde kan niet als CSV worden geschreven ({})",
            cut(msg)
        ),
        csv::ErrorKind::Deserialize { err, .. } => {
            use csv::DeserializeErrorKind as D;
            let field = err
                .field()
                .map_or(String::new(), |f| format!("veld {}: ", f + 1));
            let what = match err.kind() {
                D::Message(m) | D::Unsupported(m) => serde_nl(m),
                D::UnexpectedEndOfRow => "de regel heeft te weinig velden".into(),
                D::InvalidUtf8(_) => "de tekst is geen geldige UTF-8".into(),
                D::ParseBool(_) => "verwacht waar of onwaar (true/false)".into(),
                D::ParseInt(_) => "verwacht een geheel getal".into(),
                D::ParseFloat(_) => "verwacht een getal".into(),
            };
            format!("{field}{what}")
        }
        _ => format!("het CSV-bestand is onleesbaar ({})", cut_to(&e.to_string(), 200)),
    }
}

/// An SQLite error in Dutch, with what to do. The path is the caller's to name.
pub fn sqlite_nl(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    let raw = e.to_string();
    if let Some(table) = raw.strip_prefix("no such table: ") {
        return format!(
            "de tabel {} ontbreekt: het bestand is onvolledig, beschadigd of van een ander programma",
            cut(table)
        );
    }
    if let Some(column) = raw.strip_prefix("no such column: ") {
        return format!(
            "de kolom {} ontbreekt: het bestand is onvolledig, beschadigd of van een ander programma",
            cut(column)
        );
    }
    let nl = match e.sqlite_error_code() {
        Some(C::DatabaseBusy | C::DatabaseLocked) => {
            return "het bestand is in gebruik door een ander programma; sluit het daar of probeer het over een moment opnieuw".into()
        }
        Some(C::ReadOnly) => {
            return "het bestand is alleen-lezen; sla het op onder een andere naam of in een andere map".into()
        }
        Some(C::DiskFull) => return "de schijf is vol; maak ruimte vrij en probeer het opnieuw".into(),
        Some(C::CannotOpen) => {
            return "het bestand kan niet worden geopend of gemaakt; controleer of de map bestaat en of u er mag schrijven".into()
        }
        Some(C::PermissionDenied | C::AuthorizationForStatementDenied) => {
            return "geen toestemming; controleer de rechten op het bestand en de map".into()
        }
        Some(C::NotADatabase) => {
            return "het is geen SQLite-database (een ander soort bestand, of versleuteld); kies het juiste bestand".into()
        }
        Some(C::DatabaseCorrupt) => {
            return "de database is beschadigd; gebruik een reservekopie of vraag het bestand opnieuw op".into()
        }
        Some(C::OutOfMemory) => "er is niet genoeg geheugen; sluit andere programma's en probeer het opnieuw",
        Some(C::TooBig) => "een waarde is te groot voor de database; splits de gegevens",
        Some(C::SystemIoFailure) => "lezen of schrijven van de schijf is mislukt; controleer de schijf en probeer het opnieuw",
        Some(C::NoLargeFileSupport) => "het bestand is te groot voor deze schijf; kies een andere schijf",
        Some(C::FileLockingProtocolFailed) => "het bestand kan niet worden vergrendeld; kopieer het naar een gewone (lokale) map",
        Some(C::ConstraintViolation) => "een waarde botst met een regel van de database (bijvoorbeeld dubbel of leeg); het bestand is mogelijk beschadigd",
        Some(C::OperationInterrupted | C::OperationAborted) => "de bewerking is afgebroken; probeer het opnieuw",
        _ => match e {
            rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::IntegralValueOutOfRange(..)
            | rusqlite::Error::Utf8Error(..) => {
                "een waarde in de database heeft een onverwachte vorm; het bestand is beschadigd of van een ander programma"
            }
            rusqlite::Error::QueryReturnedNoRows => {
                "een verwacht gegeven ontbreekt in de database; het bestand is onvolledig of beschadigd"
            }
            _ => "de database kan niet worden gelezen of geschreven; het bestand is mogelijk beschadigd",
        },
    };
    format!("{nl} ({})", cut_to(&raw, 200))
}

/// A serde (JSON/TOML) error message in Dutch: the parsers speak English, a user
/// reads Dutch. Syntax errors become a sentence that says what to fix; data
/// errors ("missing field `x`") are translated with the quoted parts (keys,
/// values) kept, cut when long. A message that is Dutch already (from our own
/// checks) passes as it is.
pub fn serde_nl(msg: &str) -> String {
    // Drop serde_json's own " at line L column C": the caller says where.
    let msg = match msg.rfind(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    };
    let msg = msg.trim();
    if let Some(nl) = json_syntax_nl(msg) {
        return nl.into();
    }
    if let Some(nl) = toml_syntax_nl(msg) {
        return nl;
    }
    let out = if SERDE_DATA.iter().any(|p| msg.starts_with(p)) {
        serde_data_nl(msg)
    } else {
        msg.to_string()
    };
    let out = cut_quoted(&out);
    if english_left(&out) {
        format!(
            "de opmaak of inhoud klopt hier niet; controleer de tekst rond deze plek ({})",
            cut_to(msg, 200)
        )
    } else {
        out
    }
}

/// serde_json's syntax errors, a closed set, each as a sentence.
fn json_syntax_nl(msg: &str) -> Option<&'static str> {
    Some(match msg {
        "EOF while parsing a value" => {
            "het bestand houdt op midden in een waarde (leeg of afgebroken bij downloaden of kopiëren?)"
        }
        "EOF while parsing an object" => {
            "het bestand houdt op midden in een object: er ontbreekt een '}' (afgebroken bij downloaden of kopiëren?)"
        }
        "EOF while parsing a list" => {
            "het bestand houdt op midden in een lijst: er ontbreekt een ']' (afgebroken bij downloaden of kopiëren?)"
        }
        "EOF while parsing a string" => {
            "het bestand houdt op midden in een tekst: er ontbreekt een afsluitend '\"'"
        }
        "expected `:`" => "verwacht een ':' tussen sleutel en waarde",
        "expected `,` or `]`" => "verwacht een ',' of ']' in de lijst; controleer de komma's",
        "expected `,` or `}`" => "verwacht een ',' of '}' in het object; controleer de komma's",
        "expected ident" => "verwacht true, false of null; zet tekst tussen dubbele aanhalingstekens",
        "expected value" => {
            "verwacht een waarde (tekst tussen dubbele aanhalingstekens, een getal, true, false, null, een lijst of een object)"
        }
        "expected `\"`" => "verwacht een sleutel tussen dubbele aanhalingstekens",
        "invalid escape" => {
            "ongeldige escape na '\\' in een tekst (na \\u horen vier hexadecimale cijfers 0-9, A-F); schrijf een backslash als '\\\\'"
        }
        "invalid number" => "ongeldig getal; schrijf getallen met een punt als decimaalteken (155000.5)",
        "number out of range" => "getal te groot om te gebruiken",
        "invalid unicode code point" => "ongeldige \\u-code in een tekst; controleer de vier hexadecimale cijfers",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "stuurteken in tekst: een regeleinde of tab binnen aanhalingstekens; schrijf het als \\n of \\t"
        }
        "key must be a string" => "een sleutel moet tekst tussen dubbele aanhalingstekens zijn",
        "invalid value: expected key to be a number in quotes" => {
            "een sleutel moet een getal tussen aanhalingstekens zijn"
        }
        "float key must be finite (got NaN or +/-inf)" => "een sleutel moet een eindig getal zijn",
        "lone leading surrogate in hex escape" => {
            "onvolledig \\u-paar in een tekst; controleer de escapes of sla het bestand op als UTF-8 zonder escapes"
        }
        "trailing comma" => "overbodige komma voor een ']' of '}'; verwijder die komma",
        "trailing characters" => "tekst na het einde van de waarde; er mag maar één JSON-waarde in het bestand staan",
        "unexpected end of hex escape" => {
            "onvolledige \\u-escape in een tekst: de eerste helft van een \\u-paar zonder de tweede; controleer de escapes of sla het bestand op als UTF-8 zonder escapes"
        }
        "recursion limit exceeded" => {
            "lijsten of objecten zijn te diep genest (meer dan 128 niveaus); dit is geen bruikbaar bestand"
        }
        _ => return None,
    })
}

/// TOML's syntax errors ("unclosed array, expected `]`"), by their description.
fn toml_syntax_nl(msg: &str) -> Option<String> {
    let description = msg.split(", expected").next().unwrap_or(msg);
    let nl = match description {
        "unclosed array" => "een lijst is niet gesloten: er ontbreekt een ']'",
        "unclosed inline table" => "een tabel tussen {} is niet gesloten: er ontbreekt een '}'",
        "unclosed table" | "unclosed array table" => {
            "een tabelkop is niet gesloten: er ontbreekt een ']'"
        }
        "string values must be quoted" => {
            "tekst moet tussen aanhalingstekens staan (naam = \"waarde\")"
        }
        "key with no value" | "missing value" | "missing value for key" => {
            "een sleutel heeft geen waarde; schrijf sleutel = waarde"
        }
        "invalid key-value pair" | "missing assignment between key-value pairs" => {
            "verwacht sleutel = waarde op deze regel"
        }
        "extra assignment between key-value pairs" | "extra `=`" => "een '=' te veel",
        "missing comma between key-value pairs" | "missing comma between array elements" => {
            "er ontbreekt een komma tussen twee waarden"
        }
        "extra comma in inline table" | "extra comma in array" => {
            "een komma te veel; verwijder die komma"
        }
        "unquoted keys cannot be empty"
        | "invalid unquoted key"
        | "missing key for inline table element" => {
            "een sleutel ontbreekt of bevat tekens die aanhalingstekens nodig hebben"
        }
        "keys cannot be multi-line literal strings" | "keys cannot be multi-line basic strings" => {
            "een sleutel mag niet over meer regels lopen"
        }
        "too few unicode value digits" | "missing escaped value" => {
            "onvolledige escape in een tekst: na \\u horen vier en na \\U acht hexadecimale cijfers"
        }
        "invalid basic string"
        | "invalid multi-line basic string"
        | "invalid literal string"
        | "invalid multi-line literal string"
        | "invalid string" => "ongeldige tekst: controleer de aanhalingstekens en escapes",
        "missing opening quote" => "er ontbreekt een openend aanhalingsteken",
        "unexpected leading zero" => "een getal mag niet met een 0 beginnen",
        "`_` may only go between digits" => "een '_' mag alleen tussen cijfers staan",
        "unexpected sign" | "redundant numeric sign" => {
            "een plus- of minteken staat op de verkeerde plek"
        }
        "integers with a radix cannot be signed"
        | "redundant integer number prefix"
        | "radix must be lowercase" => "ongeldig geheel getal",
        "invalid integer number"
        | "invalid float"
        | "invalid fraction"
        | "invalid exponent"
        | "invalid mantissa"
        | "invalid hexadecimal number"
        | "invalid octal number"
        | "invalid binary number" => {
            "ongeldig getal; schrijf getallen met een punt als decimaalteken (155000.5)"
        }
        "invalid date-time" => "ongeldige datum of tijd; schrijf JJJJ-MM-DD",
        "invalid boolean" => "verwacht true of false, of tekst tussen aanhalingstekens",
        "unexpected `=` in array" => "een '=' hoort niet in een lijst",
        "carriage return must be followed by newline" => {
            "los regeleinde-teken (CR); sla het bestand op met gewone regeleinden"
        }
        "unexpected content between comment and newline" | "invalid comment character" => {
            "ongeldig teken in commentaar"
        }
        "unexpected key or value"
        | "unexpected content"
        | "invalid value"
        | "invalid table"
        | "invalid inline table element"
        | "missing table open"
        | "missing inline table opening"
        | "missing array opening"
        | "missing comment start" => "onverwachte tekst",
        "cannot recurse further; max recursion depth met" | "recursion limit" => {
            "lijsten of tabellen zijn te diep genest"
        }
        "duplicate key" => "een sleutel staat er twee keer; laat er één staan",
        "integer number overflowed" | "floating-point number overflowed" => {
            "getal te groot om te gebruiken"
        }
        _ => return None,
    };
    Some(format!(
        "{nl}; controleer de TOML-opmaak op deze regel ({})",
        cut_to(msg, 200)
    ))
}

/// How serde's data errors begin; only these are translated phrase by phrase,
/// so a Dutch message of our own ("de map …") is never touched.
const SERDE_DATA: [&str; 14] = [
    "invalid type: ",
    "invalid value: ",
    "invalid length ",
    "unknown variant ",
    "unknown field ",
    "missing field ",
    "duplicate field ",
    "duplicate key",
    "data did not match",
    "number out of range",
    "expected ",
    "wanted ",
    "integer number overflowed",
    "floating-point number overflowed",
];

/// serde's data errors ("invalid type: string \"a\", expected f64"), phrase by phrase.
fn serde_data_nl(msg: &str) -> String {
    const PHRASES: [(&str, &str); 22] = [
        ("number out of range", "getal te groot om te gebruiken"),
        (
            "integer number overflowed",
            "getal te groot om te gebruiken",
        ),
        (
            "floating-point number overflowed",
            "getal te groot om te gebruiken",
        ),
        (
            "data did not match any variant of untagged enum ",
            "de waarde past bij geen van de toegestane vormen van ",
        ),
        ("` or `", "` of `"),
        ("invalid type: ", "verkeerd type: "),
        ("invalid value: ", "ongeldige waarde: "),
        ("invalid length ", "verkeerde lengte "),
        ("unknown variant ", "onbekende waarde "),
        ("unknown field ", "onbekende sleutel "),
        ("missing field ", "ontbrekende sleutel "),
        ("duplicate field ", "dubbele sleutel "),
        ("duplicate key", "dubbele sleutel"),
        ("expected one of ", "verwacht een van "),
        ("there are no fields", "er zijn geen sleutels"),
        ("expected nothing", "verwacht niets"),
        ("expected ", "verwacht "),
        ("a sequence", "een lijst"),
        ("a map", "een tabel"),
        ("a string", "tekst"),
        ("a boolean", "waar/onwaar"),
        ("a borrowed string", "tekst"),
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
        ("struct ", "structuur "),
        ("unit value", "lege waarde"),
        ("f64", "een getal"),
        ("f32", "een getal"),
        ("u32", "een geheel getal van 0 of meer"),
        ("u64", "een geheel getal van 0 of meer"),
        ("usize", "een geheel getal van 0 of meer"),
        ("u16", "een geheel getal van 0 of meer"),
        ("u8", "een geheel getal van 0 of meer"),
        ("i32", "een geheel getal"),
        ("i64", "een geheel getal"),
        ("array", "lijst"),
        (" table", " tabel"),
        (" map", " tabel"),
        ("value", "waarde"),
        (" key", " sleutel"),
        (" elements", " elementen"),
        (" element", " element"),
        ("with length", "met lengte"),
        ("tuple", "reeks"),
    ] {
        out = out.replace(en, nl);
    }
    out
}

/// Words that only English has: a message that still holds one after the
/// translation was not understood, and gets a Dutch sentence in front.
fn english_left(text: &str) -> bool {
    const WORDS: [&str; 23] = [
        "expected",
        "invalid",
        "unexpected",
        "must",
        "cannot",
        "found",
        "missing",
        "unclosed",
        "unterminated",
        "exceeded",
        "while",
        "digits",
        "quoted",
        "too ",
        "limit",
        "trailing",
        "should",
        "allowed",
        "failed",
        "error",
        "unknown",
        "wanted",
        "overflow",
    ];
    let outside = outside_quotes(text).to_lowercase();
    WORDS.iter().any(|w| outside.contains(w))
}

/// `text` without its quoted parts (`…`, "…", '…'): keys and values a user wrote.
fn outside_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open: Option<char> = None;
    for c in text.chars() {
        match open {
            Some(q) if c == q => open = None,
            Some(_) => {}
            None if matches!(c, '`' | '"' | '\'') => open = Some(c),
            None => out.push(c),
        }
    }
    out
}

/// Every quoted part (`…`, "…", '…') longer than [`SHOWN_CHARS`] cut.
fn cut_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(4096));
    let mut rest = text;
    while let Some(start) = rest.find(['`', '"', '\'']) {
        let q = rest[start..].chars().next().unwrap_or('"');
        let after = &rest[start + 1..];
        let Some(len) = after.find(q) else { break };
        out.push_str(&rest[..=start]);
        out.push_str(&cut(&after[..len]));
        out.push(q);
        rest = &after[len + 1..];
    }
    out.push_str(rest);
    cut_to(&out, 2 * SHOWN_CHARS + 200).into_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Review F10: of twelve lines of integrity-check output, the first that
    /// names a fault, cut short.
    #[test]
    fn system_words_are_one_line_cut_short() {
        let raw = "*** in database main ***\nTree 5 page 23 cell 36: Rowid 92 out of order\nPage 14: never used";
        assert_eq!(
            system_words(raw),
            "Tree 5 page 23 cell 36: Rowid 92 out of order"
        );
        let long = "x".repeat(500);
        assert_eq!(system_words(&long).chars().count(), SYSTEM_CHARS + 1);
        assert_eq!(system_words(""), "");
    }

    #[test]
    fn a_full_disk_says_to_make_room() {
        let e = std::io::Error::from_raw_os_error(28);
        let nl = io_nl(&e);
        assert!(nl.starts_with("de schijf is vol; maak ruimte vrij"), "{nl}");
        // The system's words only in brackets, after the Dutch sentence.
        assert!(nl.find('(') < nl.find("No space"), "{nl}");
        let w = io_nl_write(&e, std::path::Path::new("/tmp/x.csv"));
        assert!(w.starts_with("de schijf is vol"), "{w}");
    }

    #[test]
    fn invalid_utf8_says_to_save_as_utf8() {
        let e = std::fs::read_to_string("/proc/self/exe").unwrap_err();
        let nl = io_nl(&e);
        assert!(
            nl.starts_with("de tekst is geen geldige UTF-8; sla het bestand"),
            "{nl}"
        );
    }

    #[test]
    fn json_syntax_errors_are_sentences() {
        for (text, says) in [
            ("", "houdt op midden in een waarde"),
            ("[1,]", "overbodige komma"),
            ("\"\\uD800\"", "onvolledige \\u-escape"),
            ("\"\\u12G4\"", "ongeldige escape"),
            (&"[".repeat(200), "te diep genest"),
            ("{\"a\":1} x", "tekst na het einde"),
        ] {
            let e = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
            let nl = json_nl(&e);
            assert!(nl.contains(says), "{text:?}: {nl}");
            assert!(nl.contains("(regel 1, kolom"), "{nl}");
            assert!(!english_left(&nl), "{nl}");
        }
    }

    #[test]
    fn serde_data_errors_keep_keys_and_cut_long_values() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct S {
            homes: f64,
        }
        let e = serde_json::from_str::<S>("{}").unwrap_err();
        assert_eq!(serde_nl(&e.to_string()), "ontbrekende sleutel `homes`");
        let long = "x".repeat(10_000);
        let e = serde_json::from_str::<S>(&format!("{{\"homes\":\"{long}\"}}")).unwrap_err();
        let nl = serde_nl(&e.to_string());
        assert!(nl.starts_with("verkeerd type: tekst \"xxx"), "{nl}");
        assert!(nl.len() < 300, "{nl}");
        assert!(nl.contains("…\""), "{nl}");
    }

    #[test]
    fn toml_errors_are_sentences_with_their_line() {
        for (text, says) in [
            ("x = [1,\n", "een lijst is niet gesloten"),
            ("a = \n", "tekst moet tussen aanhalingstekens"),
            ("name = \"\\uZZ\"\n", "onvolledige escape"),
            ("a = 1\na = 2\n", "twee keer"),
        ] {
            let e = toml::from_str::<toml::Table>(text).unwrap_err();
            let nl = toml_nl(&e, text);
            assert!(nl.contains(says), "{text:?}: {nl}");
            assert!(nl.starts_with("regel "), "{nl}");
            let before = nl.split('(').next().unwrap();
            assert!(!english_left(before), "{nl}");
        }
    }

    #[test]
    fn a_message_not_understood_gets_a_dutch_sentence_first() {
        let nl = serde_nl("something else went wrong, expected a frobnicator");
        assert!(
            nl.starts_with("de opmaak of inhoud klopt hier niet"),
            "{nl}"
        );
        // Dutch from our own checks passes as it is.
        assert_eq!(serde_nl("onbekende status 'x'"), "onbekende status 'x'");
    }

    #[test]
    fn csv_errors_name_the_line() {
        let mut r = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&b"a;b\n1;2;3\n"[..]);
        let e = r.records().find_map(Result::err).unwrap();
        assert_eq!(
            csv_nl(&e),
            "regel 2: 3 velden waar de kop er 2 heeft; controleer de scheidingstekens en aanhalingstekens op die regel"
        );
        let mut r = csv::Reader::from_reader(&b"a\nok\nok\n\xff\n"[..]);
        let e = r.records().find_map(Result::err).unwrap();
        assert!(
            csv_nl(&e).starts_with("regel 4: de tekst is geen geldige UTF-8"),
            "{}",
            csv_nl(&e)
        );
    }

    #[test]
    fn sqlite_errors_say_what_to_do() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let e = conn
            .query_row("SELECT * FROM flag_events", [], |_| Ok(()))
            .unwrap_err();
        assert_eq!(
            sqlite_nl(&e),
            "de tabel flag_events ontbreekt: het bestand is onvolledig, beschadigd of van een ander programma"
        );
        let e = rusqlite::Connection::open("/bestaat/niet/x.gpkg").unwrap_err();
        assert!(sqlite_nl(&e).starts_with("het bestand kan niet worden geopend of gemaakt"));
    }

    #[test]
    fn cut_keeps_short_values_and_cuts_long_ones() {
        assert_eq!(cut("EPSG:28992"), "EPSG:28992");
        let long = "é".repeat(10_000);
        let c = cut(&long);
        assert_eq!(c.chars().count(), SHOWN_CHARS + 1);
        assert!(c.ends_with('…'));
    }
}
