//! Attributes: which source fields mean what (a data-driven field map), how Dutch
//! values are read (decimal comma, `9999` = unknown year, `2031,0`), and the
//! compact per-feature record the scorer reads.

use std::borrow::Cow;
use std::collections::HashMap;

use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use lasso::{Spur, ThreadedRodeo};

/// Interned string handle; all texts of a layer live once in its [`Strings`].
pub type Sym = Spur;

/// The string pool of a layer. Thread-safe so that features are interned in the
/// parallel parse phase, not on the serial merge path; FxHash for speed.
pub type Strings = ThreadedRodeo<Sym, std::hash::BuildHasherDefault<rustc_hash::FxHasher>>;

/// An empty string pool.
pub fn new_strings() -> Strings {
    ThreadedRodeo::with_hasher(Default::default())
}

/// A field Locatiescout understands. Everything else is kept as an extra field.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Id,
    RegisteredAreaM2,
    FloorAreaM2,
    YearBuilt,
    Status,
    Functions,
    AvailableFrom,
    AvailableUntil,
    GridNote,
    OwnerType,
    RvbCode,
    DisposalStatus,
    Ean,
    Address,
    Postcode,
    City,
    Name,
    XRd,
    YRd,
    Lon,
    Lat,
    /// BAG `pandRef`: the pand(en) a verblijfsobject lies in.
    BuildingRef,
    /// BAG `eindGeldigheid`: set on historic versions, which are not imported.
    EndOfValidity,
}

impl Field {
    /// Fields kept as text in [`Attrs::texts`], in slot order.
    pub const TEXT: [Field; 13] = [
        Field::Id,
        Field::Status,
        Field::GridNote,
        Field::OwnerType,
        Field::RvbCode,
        Field::DisposalStatus,
        Field::Ean,
        Field::Address,
        Field::Postcode,
        Field::City,
        Field::Name,
        Field::BuildingRef,
        Field::EndOfValidity,
    ];

    pub fn text_slot(self) -> Option<usize> {
        Self::TEXT.iter().position(|f| *f == self)
    }

    /// The field a mapping key names (`rvb_code`, `x_rd`, …).
    pub fn from_key(key: &str) -> Option<Field> {
        ALL_FIELDS.iter().copied().find(|f| f.key() == key)
    }

    pub fn key(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::RegisteredAreaM2 => "registered_area_m2",
            Field::FloorAreaM2 => "floor_area_m2",
            Field::YearBuilt => "year_built",
            Field::Status => "status",
            Field::Functions => "functions",
            Field::AvailableFrom => "available_from",
            Field::AvailableUntil => "available_until",
            Field::GridNote => "grid_note",
            Field::OwnerType => "owner_type",
            Field::RvbCode => "rvb_code",
            Field::DisposalStatus => "disposal_status",
            Field::Ean => "ean",
            Field::Address => "address",
            Field::Postcode => "postcode",
            Field::City => "city",
            Field::Name => "name",
            Field::XRd => "x_rd",
            Field::YRd => "y_rd",
            Field::Lon => "lon",
            Field::Lat => "lat",
            Field::BuildingRef => "building_ref",
            Field::EndOfValidity => "end_of_validity",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A field-mapping file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum FieldMapError {
    #[error(
        "veldkoppeling {path}: kan niet worden gelezen: {}",
        crate::nl::io_nl(source)
    )]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("veldkoppeling {path}: {message}")]
    Invalid { path: String, message: String },
}

/// Source attribute name (lower case) → field. Data, not code: `data/fieldmap.toml`
/// is the default, and a user's own file is tried first.
#[derive(Debug, Clone)]
pub struct FieldMap {
    /// FxHash: looked up for every property of every feature (SipHash was 3 % of
    /// a 1M-parcel import); the names are the user's own, not an attacker's.
    by_name: rustc_hash::FxHashMap<String, Field>,
}

const DEFAULT_FIELDMAP: &str = include_str!("../../../data/fieldmap.toml");

impl Default for FieldMap {
    fn default() -> Self {
        // Parsed once: every import asks for it, and an installation's file would
        // otherwise be read from disk each time. The embedded default is checked by
        // a unit test; an empty map is the only possible outcome of a broken build
        // and still imports everything as extras.
        static PARSED: std::sync::LazyLock<FieldMap> = std::sync::LazyLock::new(|| {
            crate::defaults::parsed("fieldmap.toml", DEFAULT_FIELDMAP, FieldMap::parse).unwrap_or(
                FieldMap {
                    by_name: Default::default(),
                },
            )
        });
        PARSED.clone()
    }
}

impl FieldMap {
    /// A map of exactly the names in `text` (TOML, see `data/fieldmap.toml`).
    pub fn parse(text: &str, origin: &str) -> Result<Self, FieldMapError> {
        let m = Self::parse_mapping(text, origin)?;
        Ok(FieldMap {
            by_name: Default::default(),
        }
        .with(&m))
    }

    /// Reads a mapping file as the user wrote it (fields and ignored columns).
    pub fn parse_mapping(text: &str, origin: &str) -> Result<SourceMapping, FieldMapError> {
        toml::from_str(text).map_err(|e| FieldMapError::Invalid {
            path: origin.to_string(),
            message: format!(
                "{} (toegestane velden: {})",
                crate::nl_error::toml_nl(&e, text),
                ALL_FIELDS
                    .iter()
                    .map(|f| f.key())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
    }

    /// Reads a mapping file from disk.
    pub fn read_mapping(path: &Path) -> Result<SourceMapping, FieldMapError> {
        crate::files::refuse_special(path).map_err(|message| FieldMapError::Invalid {
            path: path.display().to_string(),
            message,
        })?;
        let text = std::fs::read_to_string(path).map_err(|source| FieldMapError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::parse_mapping(&text, &path.display().to_string())
    }

    /// The default map with a user's file on top (its names win).
    pub fn with_user_file(path: &Path) -> Result<Self, FieldMapError> {
        Ok(Self::default().with(&Self::read_mapping(path)?))
    }

    /// This map with `m` on top: its names win and its ignored columns stay
    /// plain attributes.
    pub fn with(mut self, m: &SourceMapping) -> FieldMap {
        let mut first = HashMap::new();
        for (field, names) in &m.fields {
            for n in names {
                first.entry(n.to_lowercase()).or_insert(*field);
            }
        }
        self.by_name.extend(first);
        for n in &m.ignore {
            self.by_name.remove(&n.to_lowercase());
        }
        self
    }

    /// Every field a mapping can name, in a fixed order.
    pub fn all_fields() -> &'static [Field] {
        &ALL_FIELDS
    }

    /// Case-insensitive lookup; allocates only for names longer than 64 bytes.
    pub fn field_for(&self, name: &str) -> Option<Field> {
        if !name.bytes().any(|b| b.is_ascii_uppercase()) {
            return self.by_name.get(name).copied();
        }
        let mut buf = [0u8; 64];
        if name.len() <= buf.len() && name.is_ascii() {
            let low = &mut buf[..name.len()];
            low.copy_from_slice(name.as_bytes());
            low.make_ascii_lowercase();
            return std::str::from_utf8(low)
                .ok()
                .and_then(|l| self.by_name.get(l).copied());
        }
        self.by_name.get(&name.to_lowercase()).copied()
    }
}

const ALL_FIELDS: [Field; 23] = [
    Field::Id,
    Field::RegisteredAreaM2,
    Field::FloorAreaM2,
    Field::YearBuilt,
    Field::Status,
    Field::Functions,
    Field::AvailableFrom,
    Field::AvailableUntil,
    Field::GridNote,
    Field::OwnerType,
    Field::RvbCode,
    Field::DisposalStatus,
    Field::Ean,
    Field::Address,
    Field::Postcode,
    Field::City,
    Field::Name,
    Field::XRd,
    Field::YRd,
    Field::Lon,
    Field::Lat,
    Field::BuildingRef,
    Field::EndOfValidity,
];

/// A property value as read from the file; strings borrow from the input
/// where they can (no escapes), so most features allocate nothing for them.
#[derive(Debug, Clone, PartialEq)]
pub enum PropValue<'a> {
    Null,
    Bool(bool),
    Num(f64),
    Str(Cow<'a, str>),
    /// Arrays and objects, kept as compact JSON text.
    Json(String),
}

impl<'a> PropValue<'a> {
    /// The value as text for display and extra fields; `None` for null.
    pub fn as_text(&self) -> Option<Cow<'_, str>> {
        match self {
            PropValue::Null => None,
            PropValue::Bool(b) => Some(Cow::Borrowed(if *b { "ja" } else { "nee" })),
            PropValue::Num(n) => Some(Cow::Owned(format_number(*n))),
            PropValue::Str(s) => Some(Cow::Borrowed(s.as_ref())),
            PropValue::Json(j) => Some(Cow::Borrowed(j.as_str())),
        }
    }

    /// Like [`as_text`](Self::as_text) but keeps the input's lifetime.
    fn into_text(self) -> Option<Cow<'a, str>> {
        match self {
            PropValue::Null => None,
            PropValue::Bool(b) => Some(Cow::Borrowed(if b { "ja" } else { "nee" })),
            PropValue::Num(n) => Some(Cow::Owned(format_number(n))),
            PropValue::Str(s) => Some(s),
            PropValue::Json(j) => Some(Cow::Owned(j)),
        }
    }

    /// Numbers, also written Dutch style (`2,476`, `1.234,5`, `2031,0`).
    pub fn as_number(&self) -> Option<f64> {
        match self {
            PropValue::Num(n) => Some(*n),
            PropValue::Str(s) => parse_dutch_number(s),
            _ => None,
        }
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Reads `12`, `12.5`, `12,5`, `1.234,5`, ` 2031,0 ` and a leading apostrophe from Excel.
pub fn parse_dutch_number(s: &str) -> Option<f64> {
    let t = s.trim().trim_start_matches('\'');
    if t.is_empty() {
        return None;
    }
    let normalised = if t.contains(',') {
        t.replace('.', "").replace(',', ".")
    } else {
        t.to_string()
    };
    normalised.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Reads ISO dates (`2031-06-30`, with or without time), Dutch dates (`30-06-2031`,
/// `30/6/2031`) and a bare year (`2031` → 1 January).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let t = s.trim();
    // Fast path for the common ISO form; chrono's format parser is slow per call.
    let b = t.as_bytes();
    if b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && (b.len() == 10 || b[10] == b'T' || b[10] == b' ')
    {
        let num = |r: std::ops::Range<usize>| t.get(r).and_then(|x| x.parse::<u32>().ok());
        if let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) {
            return NaiveDate::from_ymd_opt(y as i32, m, d);
        }
    }
    let t = t.split(['T', ' ']).next().unwrap_or(t);
    for fmt in ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, fmt) {
            return Some(d);
        }
    }
    let year = parse_dutch_number(t)?;
    if (1000.0..=9998.0).contains(&year) && year.fract() == 0.0 {
        return NaiveDate::from_ymd_opt(year as i32, 1, 1);
    }
    None
}

/// The 11 BAG gebruiksdoelen as a bit set (DOMAIN.md, Transformation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Functions(pub u16);

impl Functions {
    pub const NAMES: [&'static str; 11] = [
        "woonfunctie",
        "bijeenkomstfunctie",
        "celfunctie",
        "gezondheidszorgfunctie",
        "industriefunctie",
        "kantoorfunctie",
        "logiesfunctie",
        "onderwijsfunctie",
        "sportfunctie",
        "winkelfunctie",
        "overige gebruiksfunctie",
    ];

    /// Reads a JSON array, a comma-separated list, or an RVB building function
    /// such as `Kantoorgebouw` / `Cellengebouw`.
    pub fn parse(text: &str) -> Functions {
        let lower = text.to_lowercase();
        let mut bits = 0u16;
        for (i, name) in Self::NAMES.iter().enumerate() {
            let stem = name
                .trim_end_matches("functie")
                .trim_start_matches("overige ");
            let stem = if *name == "overige gebruiksfunctie" {
                "overig"
            } else {
                stem
            };
            if lower.contains(stem) {
                bits |= 1 << i;
            }
        }
        // RVB functions name the building, not the use: Cellengebouw, Gerechtsgebouw.
        if lower.contains("cellen") {
            bits |= 1 << 2;
        }
        if lower.contains("school") {
            bits |= 1 << 7;
        }
        if lower.contains("gerecht") || lower.contains("rechtbank") {
            bits |= 1 << 1;
        }
        Functions(bits)
    }

    pub fn contains(self, name: &str) -> bool {
        Self::NAMES
            .iter()
            .position(|n| *n == name)
            .is_some_and(|i| self.0 & (1 << i) != 0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn union(self, o: Functions) -> Functions {
        Functions(self.0 | o.0)
    }

    pub fn names(self) -> impl Iterator<Item = &'static str> {
        Self::NAMES
            .iter()
            .enumerate()
            .filter(move |(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, n)| *n)
    }
}

/// Recognised attributes of one feature as parsed (owned strings), before interning.
/// Built in parallel; [`Attrs::intern`] turns it into the compact record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedAttrs<'a> {
    pub texts: [Option<Cow<'a, str>>; 13],
    pub registered_area_m2: Option<f64>,
    pub floor_area_m2: Option<f64>,
    pub year_built: Option<u16>,
    pub functions: Functions,
    pub available_from: Option<NaiveDate>,
    pub available_until: Option<NaiveDate>,
    pub x_rd: Option<f64>,
    pub y_rd: Option<f64>,
    pub lon: Option<f64>,
    pub lat: Option<f64>,
    pub extra: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    /// Source names the field map recognised, with their field (also where this
    /// feature's value could not be read and went to `extra`: the report then
    /// names a column alike whichever feature comes first).
    pub recognised: Vec<(Cow<'a, str>, Field)>,
    /// What a column held where neither the typed record nor `extra` gives it
    /// back as the file had it (BAG's year 9999, `Kantoorgebouw`, a Dutch date,
    /// a text with spaces around it, `true`), for an export to hand back.
    pub originals: Vec<(Cow<'a, str>, Original<'a>)>,
    pub warnings: Vec<String>,
}

/// A source value as the file had it.
#[derive(Debug, Clone, PartialEq)]
pub enum Original<'a> {
    /// A text, exactly as read.
    Text(Cow<'a, str>),
    /// A number, `true`/`false`, an array or an object, as JSON writes it.
    Json(Cow<'a, str>),
}

impl<'a> Original<'a> {
    /// `value` as the file had it; `None` for null.
    fn of(value: PropValue<'a>) -> Option<Original<'a>> {
        match value {
            PropValue::Null => None,
            PropValue::Bool(b) => Some(Original::Json(Cow::Borrowed(if b {
                "true"
            } else {
                "false"
            }))),
            PropValue::Num(n) => Some(Original::Json(Cow::Owned(format_number(n)))),
            PropValue::Str(s) => Some(Original::Text(s)),
            PropValue::Json(j) => Some(Original::Json(Cow::Owned(j))),
        }
    }

    /// A yes/no, array or object: as text it reads otherwise (`ja`, compact JSON
    /// kept as a string), so the export needs the original.
    fn of_literal(value: &PropValue<'_>) -> Option<Original<'a>> {
        match value {
            PropValue::Bool(b) => Some(Original::Json(Cow::Borrowed(if *b {
                "true"
            } else {
                "false"
            }))),
            PropValue::Json(j) => Some(Original::Json(Cow::Owned(j.clone()))),
            _ => None,
        }
    }
}

/// The typed fields a source column can feed (coordinates become the geometry
/// and are not handed back), each with its place in [`ParsedAttrs::from_props`]'s
/// bookkeeping.
fn typed_slot(field: Field) -> Option<usize> {
    match field {
        Field::RegisteredAreaM2 => Some(0),
        Field::FloorAreaM2 => Some(1),
        Field::YearBuilt => Some(2),
        Field::Functions => Some(3),
        Field::AvailableFrom => Some(4),
        Field::AvailableUntil => Some(5),
        _ => None,
    }
}

/// Trims spaces, and Excel's text-marker apostrophe before a number (`'0123`),
/// without copying a borrowed text. An apostrophe before letters is part of the
/// name: `'s-Gravenhage`, `'t Harde`.
fn trimmed(t: Cow<'_, str>) -> Cow<'_, str> {
    fn cut(s: &str) -> &str {
        let s = s.trim();
        match s.strip_prefix('\'') {
            Some(rest)
                if rest.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '-') =>
            {
                rest
            }
            _ => s,
        }
    }
    match t {
        Cow::Borrowed(b) => Cow::Borrowed(cut(b)),
        Cow::Owned(o) => {
            let c = cut(&o);
            if c.len() == o.len() {
                Cow::Owned(o)
            } else {
                Cow::Owned(c.to_string())
            }
        }
    }
}

/// [`trimmed`], and the text as read where trimming changed it.
fn trimmed_keeping(t: Cow<'_, str>) -> (Cow<'_, str>, Option<Cow<'_, str>>) {
    let before = t.len();
    match t {
        Cow::Borrowed(b) => {
            let kept = trimmed(Cow::Borrowed(b));
            let changed = kept.len() != before;
            (kept, changed.then_some(Cow::Borrowed(b)))
        }
        Cow::Owned(o) => {
            let kept = trimmed(Cow::Borrowed(o.as_str())).into_owned();
            if kept.len() == before {
                (Cow::Owned(o), None)
            } else {
                (Cow::Owned(kept), Some(Cow::Owned(o)))
            }
        }
    }
}

impl<'a> ParsedAttrs<'a> {
    pub fn text(&self, field: Field) -> Option<&str> {
        field.text_slot().and_then(|s| self.texts[s].as_deref())
    }

    /// Why this feature is a historic BAG version (and so not imported), if it is.
    pub fn historic(&self) -> Option<String> {
        self.text(Field::EndOfValidity).map(|end| {
            format!("historische versie (eindGeldigheid {end}); alleen de actuele versie telt")
        })
    }

    /// Sorts the properties of one feature into recognised fields and extras,
    /// keeping the original of every value the layer would give back otherwise.
    pub fn from_props(
        props: Vec<(Cow<'a, str>, PropValue<'a>)>,
        map: &FieldMap,
    ) -> ParsedAttrs<'a> {
        let mut a = ParsedAttrs::default();
        // The one column that fed each typed field so far, with its value: only
        // once every column is seen is it known whether the field's value is that
        // column's alone (a year or a date a later column overwrote, an area or
        // functions summed from two are not).
        let mut fed: [Option<(Cow<'a, str>, PropValue<'a>)>; 6] = Default::default();
        let mut shared = [false; 6];
        for (name, value) in props {
            let Some(field) = map.field_for(&name) else {
                if let Some(o) = Original::of_literal(&value) {
                    a.originals.push((name.clone(), o));
                }
                if let Some(t) = value.into_text() {
                    a.extra.push((name, t));
                }
                continue;
            };
            if let Some(slot) = field.text_slot() {
                let literal = Original::of_literal(&value);
                let Some(read) = value.into_text() else {
                    continue;
                };
                let (kept, changed) = trimmed_keeping(read);
                let original = literal.or(changed.map(Original::Text));
                if let Some(o) = original {
                    a.originals.push((name.clone(), o));
                }
                if kept.is_empty() {
                    continue;
                }
                if a.texts[slot].is_none() {
                    a.texts[slot] = Some(kept);
                    a.recognised.push((name, field));
                } else {
                    a.extra.push((name, kept));
                }
                continue;
            }
            if a.set(field, &name, &value) {
                a.recognised.push((name.clone(), field));
                let Some(k) = typed_slot(field) else {
                    continue;
                };
                if let Some((first, v)) = fed[k].take() {
                    shared[k] = true;
                    a.keep_original(first, v);
                }
                if shared[k] {
                    a.keep_original(name, value);
                } else {
                    fed[k] = Some((name, value));
                }
            } else {
                // Present but unreadable: keep the raw text so nothing is lost.
                let literal = Original::of_literal(&value);
                if let Some(t) = value.into_text() {
                    a.recognised.push((name.clone(), field));
                    if let Some(o) = literal {
                        a.originals.push((name.clone(), o));
                    }
                    a.extra.push((name, t));
                }
            }
        }
        for (k, f) in fed.into_iter().enumerate() {
            if let Some((name, value)) = f {
                if !a.gives_back(k, &value) {
                    a.keep_original(name, value);
                }
            }
        }
        a
    }

    fn keep_original(&mut self, name: Cow<'a, str>, value: PropValue<'a>) {
        if let Some(o) = Original::of(value) {
            self.originals.push((name, o));
        }
    }

    /// Whether the typed field in [`typed_slot`] `k`, read back as the layer
    /// stores it ([`crate::source_values`]), is `value` as the file had it.
    fn gives_back(&self, k: usize, value: &PropValue<'_>) -> bool {
        // The usual case without formatting: a whole number the store holds exactly.
        let whole = |n: f64, max: f64| n.fract() == 0.0 && n.abs() < max && !n.is_sign_negative();
        let read_back = match k {
            0 | 1 => {
                let v = if k == 0 {
                    self.registered_area_m2
                } else {
                    self.floor_area_m2
                };
                let Some(v) = v else { return false };
                if let PropValue::Num(n) = value {
                    if whole(*n, 16_777_216.0) && *n == v {
                        return true;
                    }
                }
                number_text(v as f32)
            }
            2 => {
                let Some(y) = self.year_built else {
                    return false;
                };
                if let PropValue::Num(n) = value {
                    if whole(*n, 10_000.0) && *n == f64::from(y) {
                        return true;
                    }
                }
                y.to_string()
            }
            3 => functions_text(self.functions),
            4 | 5 => {
                let d = if k == 4 {
                    self.available_from
                } else {
                    self.available_until
                };
                let Some(d) = d else { return false };
                d.to_string()
            }
            _ => return false,
        };
        match value {
            PropValue::Num(n) => read_back == format_number(*n),
            PropValue::Str(s) => read_back == *s,
            _ => false,
        }
    }

    /// Stores one non-text value; false when it is null or unreadable for that field.
    fn set(&mut self, field: Field, name: &str, value: &PropValue<'_>) -> bool {
        match field {
            Field::RegisteredAreaM2 => set_num(&mut self.registered_area_m2, value),
            Field::FloorAreaM2 => {
                // Summed: a pand with several verblijfsobjecten may list several values.
                let Some(v) = value_sum(value) else {
                    return false;
                };
                *self.floor_area_m2.get_or_insert(0.0) += v;
                true
            }
            Field::YearBuilt => {
                let Some(y) = value.as_number() else {
                    return false;
                };
                // BAG writes 9999 for an unknown year (DOMAIN.md, Transformation).
                if (1000.0..9999.0).contains(&y) {
                    self.year_built = Some(y as u16);
                } else if y != 9999.0 {
                    self.warnings
                        .push(format!("{name}: bouwjaar {y} is niet plausibel, genegeerd"));
                    return false;
                }
                true
            }
            Field::Functions => {
                let Some(t) = value.as_text() else {
                    return false;
                };
                let f = Functions::parse(&t);
                self.functions = self.functions.union(f);
                !f.is_empty()
            }
            Field::AvailableFrom | Field::AvailableUntil => {
                let date = match value {
                    PropValue::Num(n) => parse_date(&format_number(*n)),
                    PropValue::Str(s) => parse_date(s),
                    _ => None,
                };
                if date.is_none() {
                    if let Some(t) = value.as_text().filter(|t| !t.trim().is_empty()) {
                        self.warnings
                            .push(format!("{name}: '{t}' is geen datum, genegeerd"));
                    }
                    return false;
                }
                if field == Field::AvailableFrom {
                    self.available_from = date;
                } else {
                    self.available_until = date;
                }
                true
            }
            Field::XRd => set_num(&mut self.x_rd, value),
            Field::YRd => set_num(&mut self.y_rd, value),
            Field::Lon => set_num(&mut self.lon, value),
            Field::Lat => set_num(&mut self.lat, value),
            _ => false,
        }
    }
}

fn set_num(slot: &mut Option<f64>, value: &PropValue<'_>) -> bool {
    if slot.is_some() {
        return false;
    }
    *slot = value.as_number();
    slot.is_some()
}

/// A number, or the sum of a JSON array of numbers.
fn value_sum(value: &PropValue<'_>) -> Option<f64> {
    if let PropValue::Json(j) = value {
        let v: Vec<f64> = serde_json::from_str(j).ok()?;
        return Some(v.iter().sum());
    }
    value.as_number()
}

/// A parse worker's own map of the strings it interned last, in front of the
/// shared interner: every feature repeats the same dozen property names and
/// many values (gemeente, sectie, eigenaar), and the shared map's locks and
/// hashing were 7 % of a 1M-parcel import. Bounded: cleared at 4,096 entries,
/// so unique values (parcel numbers) cannot grow it.
pub struct InternCache<'s> {
    strings: &'s Strings,
    recent: rustc_hash::FxHashMap<Box<str>, Sym>,
}

impl<'s> InternCache<'s> {
    const MAX: usize = 4096;

    pub fn new(strings: &'s Strings) -> InternCache<'s> {
        InternCache {
            strings,
            recent: rustc_hash::FxHashMap::default(),
        }
    }

    pub fn get(&mut self, s: &str) -> Sym {
        if let Some(k) = self.recent.get(s) {
            return *k;
        }
        let k = self.strings.get_or_intern(s);
        if self.recent.len() >= Self::MAX {
            self.recent.clear();
        }
        self.recent.insert(s.into(), k);
        k
    }
}

/// The compact record of one feature: recognised fields typed, texts interned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attrs {
    pub texts: [Option<Sym>; 13],
    pub registered_area_m2: Option<f32>,
    pub floor_area_m2: Option<f32>,
    pub year_built: Option<u16>,
    pub functions: Functions,
    pub available_from: Option<NaiveDate>,
    pub available_until: Option<NaiveDate>,
    /// Range into the layer's extra-field table.
    pub extra_start: u32,
    pub extra_len: u32,
}

impl Attrs {
    /// An interned text field. Not the id: ids live in the layer's id arena
    /// (use `Layer::text`), so `Field::Id` is always `None` here.
    pub fn text(&self, field: Field) -> Option<Sym> {
        field.text_slot().and_then(|s| self.texts[s])
    }

    /// Interns one feature's attributes (thread-safe; runs in the parallel phase).
    pub fn intern(p: ParsedAttrs<'_>, strings: &Strings) -> Interned {
        Attrs::intern_with(p, &mut InternCache::new(strings))
    }

    /// [`Attrs::intern`] through a worker's own cache of recent strings.
    pub fn intern_with(p: ParsedAttrs<'_>, cache: &mut InternCache<'_>) -> Interned {
        let mut texts = [None; 13];
        for (slot, t) in p.texts.iter().enumerate() {
            texts[slot] = t.as_deref().map(|t| cache.get(t));
        }
        let mut extras: Vec<(Sym, Sym)> = p
            .extra
            .iter()
            .map(|(k, v)| (cache.get(k.as_ref()), cache.get(v.as_ref())))
            .collect();
        let mut fields: Vec<(Sym, Option<Field>)> = p
            .recognised
            .iter()
            .map(|(k, f)| (cache.get(k.as_ref()), Some(*f)))
            .collect();
        // An unreadable value of a recognised column is an extra too; the column
        // is counted once, as recognised.
        for (k, _) in &extras {
            if !fields.iter().any(|(f, _)| f == k) {
                fields.push((*k, None));
            }
        }
        // The originals after the extras, in the same range, under a marked name
        // that `Layer::extras` passes over (so the project file keeps them).
        for (name, o) in &p.originals {
            let (key, value) = original_entry(name, o);
            extras.push((cache.get(&key), cache.get(value)));
        }
        let attrs = Attrs {
            texts,
            registered_area_m2: p.registered_area_m2.map(|v| v as f32),
            floor_area_m2: p.floor_area_m2.map(|v| v as f32),
            year_built: p.year_built,
            functions: p.functions,
            available_from: p.available_from,
            available_until: p.available_until,
            extra_start: 0,
            extra_len: extras.len() as u32,
        };
        Interned {
            attrs,
            extras,
            fields,
            warnings: p.warnings,
        }
    }
}

/// One feature's attributes after interning, before it joins the layer.
#[derive(Debug, Clone, PartialEq)]
pub struct Interned {
    pub attrs: Attrs,
    pub extras: Vec<(Sym, Sym)>,
    /// Every source field name, with the field it was recognised as.
    pub fields: Vec<(Sym, Option<Field>)>,
    pub warnings: Vec<String>,
}

/// The ids in a BAG reference such as `["0221100000312938"]` or `a,b`, without the
/// `NL.IMBAG.Pand.` prefix GDAL adds, so they match pand identificaties.
pub fn reference_ids(text: &str) -> impl Iterator<Item = &str> {
    text.split([',', '[', ']', '"', ' '])
        .filter(|t| !t.is_empty())
        .map(bare_bag_id)
}

/// A BAG id without its `NL.IMBAG.Pand.`-style prefix.
/// Also the last path segment of a PDOK link (`…/collections/pand/items/0221…`).
pub fn bare_bag_id(id: &str) -> &str {
    let id = id
        .split(['?', '#'])
        .next()
        .unwrap_or(id)
        .trim_end_matches('/');
    id.rsplit(['.', '/']).next().unwrap_or(id)
}

/// Years between two dates, as a planner counts them.
pub fn years_between(from: NaiveDate, until: NaiveDate) -> f64 {
    (until - from).num_days() as f64 / 365.25
}

// What keeps a recognised column's original text among a feature's extras
// (read back by `crate::source_values`); here, below both users, so neither
// module depends on the other.

/// Marks an extras entry holding a column's original text.
pub(crate) const TEXT_MARK: &str = "\u{0}bron\u{0}";
/// Marks an extras entry holding a column's original JSON value.
pub(crate) const JSON_MARK: &str = "\u{0}json\u{0}";

/// The extras entry (marked name, value) that keeps column `name`'s original.
pub(crate) fn original_entry<'o>(name: &str, o: &'o Original<'_>) -> (String, &'o str) {
    match o {
        Original::Text(t) => (format!("{TEXT_MARK}{name}"), t.as_ref()),
        Original::Json(j) => (format!("{JSON_MARK}{name}"), j.as_ref()),
    }
}

/// Whether an extras name marks an original rather than an attribute.
pub(crate) fn is_original_key(key: &str) -> bool {
    key.starts_with(TEXT_MARK) || key.starts_with(JSON_MARK)
}

/// A stored area as it reads back: the f32's shortest decimal, not
/// 2917.962646484375.
pub(crate) fn number_text(v: f32) -> String {
    v.to_string()
}

/// Stored gebruiksdoelen as they read back.
pub(crate) fn functions_text(f: Functions) -> String {
    f.names().collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_fieldmap_parses_and_recognises_brk_bag_rvb_names() {
        let m = FieldMap::parse(DEFAULT_FIELDMAP, "x").unwrap();
        assert_eq!(
            m.field_for("kadastraleGrootteWaarde"),
            Some(Field::RegisteredAreaM2)
        );
        assert_eq!(
            m.field_for("kadastrale_grootte_waarde"),
            Some(Field::RegisteredAreaM2)
        );
        assert_eq!(
            m.field_for("oorspronkelijkBouwjaar"),
            Some(Field::YearBuilt)
        );
        assert_eq!(m.field_for("BOUWWERKCO"), Some(Field::RvbCode));
        assert_eq!(m.field_for("afstootsta"), Some(Field::DisposalStatus));
        assert_eq!(m.field_for("onbekend_veld"), None);
    }

    #[test]
    fn bad_fieldmap_names_the_file_and_allowed_fields() {
        let e = FieldMap::parse("[fields]\noppervlak = [\"x\"]\n", "mijn.toml").unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("mijn.toml") && msg.contains("floor_area_m2"),
            "{msg}"
        );
    }

    #[test]
    fn dutch_numbers_and_dates() {
        assert_eq!(parse_dutch_number("2,476"), Some(2.476));
        assert_eq!(parse_dutch_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_dutch_number("2031,0"), Some(2031.0));
        assert_eq!(parse_dutch_number("'12"), Some(12.0));
        assert_eq!(parse_dutch_number("abc"), None);
        assert_eq!(
            parse_date("2031-06-30"),
            NaiveDate::from_ymd_opt(2031, 6, 30)
        );
        assert_eq!(
            parse_date("30-06-2031"),
            NaiveDate::from_ymd_opt(2031, 6, 30)
        );
        assert_eq!(parse_date("2031"), NaiveDate::from_ymd_opt(2031, 1, 1));
        assert_eq!(parse_date("2031,0"), NaiveDate::from_ymd_opt(2031, 1, 1));
        assert_eq!(parse_date("binnenkort"), None);
    }

    #[test]
    fn gebruiksdoel_array_list_and_rvb_function() {
        let f = Functions::parse("[\"kantoorfunctie\",\"woonfunctie\"]");
        assert!(f.contains("kantoorfunctie") && f.contains("woonfunctie"));
        assert!(!f.contains("celfunctie"));
        assert!(Functions::parse("kantoorfunctie,logiesfunctie").contains("logiesfunctie"));
        assert!(Functions::parse("Kantoorgebouw").contains("kantoorfunctie"));
        assert!(Functions::parse("Cellengebouw").contains("celfunctie"));
    }

    #[test]
    fn bag_references() {
        let ids: Vec<&str> =
            reference_ids("[\"0221100000312938\", \"NL.IMBAG.Pand.0221100000311191\"]").collect();
        assert_eq!(ids, vec!["0221100000312938", "0221100000311191"]);
        assert_eq!(
            bare_bag_id("NL.IMBAG.Pand.0221100000312938"),
            "0221100000312938"
        );
        // PDOK's OGC API links a verblijfsobject to its pand by URL.
        let ids: Vec<&str> = reference_ids(
            "[\"https://api.pdok.nl/kadaster/bag/ogc/v2/collections/pand/items/0221100000312938?f=json\"]",
        )
        .collect();
        assert_eq!(ids, vec!["0221100000312938"]);
    }

    #[test]
    fn originals_are_kept_where_the_typed_value_reads_otherwise() {
        let m = FieldMap::default();
        let props = |v: Vec<(&'static str, PropValue<'static>)>| {
            ParsedAttrs::from_props(v.into_iter().map(|(k, v)| (k.into(), v)).collect(), &m)
        };
        let text = |t: &'static str| Original::Text(t.into());
        let json = |t: &'static str| Original::Json(t.into());
        let a = props(vec![
            ("oorspronkelijkBouwjaar", PropValue::Num(9999.0)),
            ("Bouwwerkfunctie", PropValue::Str("Kantoorgebouw".into())),
            ("kadastraleGrootte", PropValue::Num(-0.0)),
            ("status", PropValue::Str(" Pand in gebruik ".into())),
            ("beschikbaar_vanaf", PropValue::Str("30-06-2031".into())),
            ("oppervlakte", PropValue::Num(2917.96256463)),
            ("actief", PropValue::Bool(true)),
        ]);
        let mut kept = a.originals.clone();
        kept.sort_by(|x, y| x.0.cmp(&y.0));
        assert_eq!(
            kept,
            vec![
                ("Bouwwerkfunctie".into(), text("Kantoorgebouw")),
                ("actief".into(), json("true")),
                ("beschikbaar_vanaf".into(), text("30-06-2031")),
                ("kadastraleGrootte".into(), json("0")),
                ("oorspronkelijkBouwjaar".into(), json("9999")),
                ("oppervlakte".into(), json("2917.96256463")),
                ("status".into(), text(" Pand in gebruik ")),
            ]
        );
        assert_eq!(a.extra, vec![(Cow::from("actief"), Cow::from("ja"))]);
        // Read back as the file had them: nothing kept twice.
        let a = props(vec![
            ("oorspronkelijkBouwjaar", PropValue::Num(1975.0)),
            ("gebruiksdoel", PropValue::Str("kantoorfunctie".into())),
            ("kadastraleGrootte", PropValue::Num(5000.0)),
            ("status", PropValue::Str("Pand in gebruik".into())),
            ("beschikbaar_vanaf", PropValue::Str("2031-06-30".into())),
            ("oppervlakte", PropValue::Str("120".into())),
        ]);
        assert!(a.originals.is_empty(), "{:?}", a.originals);
        // Two columns feeding one year: the year says neither.
        let a = props(vec![
            ("bouwjaar", PropValue::Num(1975.0)),
            ("oorspronkelijkBouwjaar", PropValue::Num(1980.0)),
        ]);
        assert_eq!(
            a.originals,
            vec![
                ("bouwjaar".into(), json("1975")),
                ("oorspronkelijkBouwjaar".into(), json("1980")),
            ]
        );
    }

    #[test]
    fn an_unreadable_value_leaves_its_column_recognised() {
        // The report names a column alike whichever feature comes first.
        let m = FieldMap::default();
        let strings = new_strings();
        let fields = |v: PropValue<'static>| {
            let a = ParsedAttrs::from_props(vec![("bouwjaar".into(), v)], &m);
            Attrs::intern(a, &strings)
                .fields
                .iter()
                .map(|(k, f)| (strings.resolve(k).to_string(), *f))
                .collect::<Vec<_>>()
        };
        let want = vec![("bouwjaar".to_string(), Some(Field::YearBuilt))];
        assert_eq!(fields(PropValue::Str("onbekend".into())), want);
        assert_eq!(fields(PropValue::Num(1975.0)), want);
    }

    #[test]
    fn year_9999_is_unknown_not_an_error() {
        let m = FieldMap::default();
        let a = ParsedAttrs::from_props(
            vec![
                ("oorspronkelijkBouwjaar".into(), PropValue::Num(9999.0)),
                ("eigen_veld".into(), PropValue::Str("x".into())),
            ],
            &m,
        );
        assert_eq!(a.year_built, None);
        assert!(a.warnings.is_empty());
        assert_eq!(a.extra, vec![(Cow::from("eigen_veld"), Cow::from("x"))]);
    }
}

/// The user's choice for one source: each field fed by at most one column, and
/// the columns that must stay plain attributes even where the default map
/// recognises them.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceMapping {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub fields: std::collections::BTreeMap<Field, Vec<String>>,
}

/// A choice the mapping cannot hold.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum MappingError {
    #[error("veld '{field}' is aan twee kolommen gekoppeld: '{first}' en '{second}'; kies er één")]
    Twice {
        field: Field,
        first: String,
        second: String,
    },
    #[error("veldkoppeling kan niet worden geschreven: {0}")]
    Write(String),
}

impl SourceMapping {
    /// From the dialog: every column of the file with the field chosen for it.
    /// Columns left unmapped that `base` would recognise are ignored explicitly,
    /// so the import does exactly what the dialog showed.
    pub fn from_choices(
        choices: &[(String, Option<Field>)],
        base: &FieldMap,
    ) -> Result<SourceMapping, MappingError> {
        let mut m = SourceMapping::default();
        for (name, field) in choices {
            match field {
                Some(f) => {
                    let names = m.fields.entry(*f).or_default();
                    if let Some(first) = names.first() {
                        return Err(MappingError::Twice {
                            field: *f,
                            first: first.clone(),
                            second: name.clone(),
                        });
                    }
                    names.push(name.clone());
                }
                None if base.field_for(name).is_some() => m.ignore.push(name.clone()),
                None => {}
            }
        }
        Ok(m)
    }

    /// The mapping as a `--fieldmap` file, with a comment saying where it came from.
    pub fn to_toml(&self, comment: &str) -> Result<String, MappingError> {
        let body = toml::to_string(self).map_err(|e| {
            MappingError::Write(format!(
                "de TOML-tekst kan niet worden gemaakt; meld dit als fout ({})",
                crate::nl_error::cut_to(&e.to_string(), 200)
            ))
        })?;
        let head: String = comment
            .lines()
            .map(|l| format!("# {l}\n"))
            .collect::<String>();
        Ok(format!("{head}{body}"))
    }
}
