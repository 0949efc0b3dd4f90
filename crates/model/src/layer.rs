//! One imported file as the engine reads it: a [`Layer`] of features with geometry
//! in RD New, typed attributes and the [`ImportReport`] that says what the import did.

use std::collections::BTreeMap;
use std::path::PathBuf;

use geo::Rect;

use crate::attrs::{Attrs, Field, Strings, Sym};
use crate::crs::{Crs, CrsDecision};
use crate::geometry::GeomStore;

/// What a layer holds; decides how its features become sites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LayerKind {
    Parcels,
    Buildings,
    Listings,
    /// BAG verblijfsobjecten (points with gebruiksdoel and oppervlakte), summed per pand.
    Units,
    /// Areas other layers are joined to (boundaries, constraints).
    Overlay,
    /// Grid congestion areas (capaciteitskaart voedingsgebieden) with their status.
    Congestion,
}

impl LayerKind {
    pub fn dutch(self) -> &'static str {
        match self {
            LayerKind::Parcels => "percelen",
            LayerKind::Buildings => "panden",
            LayerKind::Listings => "aanbod (Rijksvastgoed)",
            LayerKind::Units => "verblijfsobjecten",
            LayerKind::Overlay => "overlay",
            LayerKind::Congestion => "congestiegebieden",
        }
    }
}

/// A feature that was not imported, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    /// 0-based feature index (GeoJSON) or 1-based line (CSV).
    pub index: usize,
    pub byte_offset: Option<u64>,
    pub reason: String,
}

/// A feature imported with a warning (invalid geometry, odd value).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Flagged {
    pub index: usize,
    pub id: Option<String>,
    pub message: String,
}

/// A source field and what it was recognised as.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FieldSeen {
    pub name: String,
    pub recognised_as: Option<Field>,
    pub count: usize,
}

/// How many detail rows a report keeps per list; the counts stay exact.
pub const REPORT_DETAIL_LIMIT: usize = 1000;

/// What an import did, for the CLI `inspect`, the UI and the logs.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct ImportReport {
    pub path: PathBuf,
    pub format: String,
    pub crs: Option<Crs>,
    pub crs_decision: Option<CrsDecision>,
    pub features_read: usize,
    pub imported: usize,
    pub geometry_counts: BTreeMap<String, usize>,
    pub fields: Vec<FieldSeen>,
    pub skipped_count: usize,
    pub skipped: Vec<Skipped>,
    pub invalid_count: usize,
    pub invalid: Vec<Flagged>,
    pub warning_count: usize,
    pub warnings: Vec<Flagged>,
    /// File-level notes (CRS guessed, Z dropped, winding order, …).
    pub notes: Vec<String>,
    /// CSV rows that have an address but no coordinates (geocoding is a later step).
    pub needs_geocoding: Vec<Skipped>,
}

impl ImportReport {
    /// Counts a skipped feature, keeping the first [`REPORT_DETAIL_LIMIT`] in detail.
    pub fn skip(&mut self, s: Skipped) {
        self.skipped_count += 1;
        if self.skipped.len() < REPORT_DETAIL_LIMIT {
            self.skipped.push(s);
        }
    }

    /// Counts a warning, keeping the first [`REPORT_DETAIL_LIMIT`] in detail.
    pub fn warn(&mut self, f: Flagged) {
        self.warning_count += 1;
        if self.warnings.len() < REPORT_DETAIL_LIMIT {
            self.warnings.push(f);
        }
    }

    /// Counts an invalid geometry, keeping the first [`REPORT_DETAIL_LIMIT`] in detail.
    pub fn flag_invalid(&mut self, f: Flagged) {
        self.invalid_count += 1;
        if self.invalid.len() < REPORT_DETAIL_LIMIT {
            self.invalid.push(f);
        }
    }

    /// Whether anything at all needs the user's attention.
    pub fn has_problems(&self) -> bool {
        self.skipped_count + self.invalid_count + self.warning_count > 0
            || !self.needs_geocoding.is_empty()
    }
}

/// Everything a [`Layer`] is made of, for rebuilding one from a project file.
pub struct LayerParts {
    pub kind: LayerKind,
    pub source_crs: Crs,
    pub geom: GeomStore,
    pub attrs: Vec<Attrs>,
    pub extras: Vec<(Sym, Sym)>,
    pub ids: String,
    pub id_ends: Vec<usize>,
    pub strings: Strings,
    pub area_m2: Vec<f64>,
    pub source_index: Vec<u32>,
    pub invalid: Vec<bool>,
    pub report: ImportReport,
}

/// One imported file: geometry in RD New, typed attributes, and the report.
#[derive(Debug)]
pub struct Layer {
    pub kind: LayerKind,
    /// The CRS the file was in; the store itself is RD New (or `Local`, unprojected).
    pub source_crs: Crs,
    pub geom: GeomStore,
    pub attrs: Vec<Attrs>,
    /// Extra (unrecognised) fields, addressed by [`Attrs::extra_start`].
    pub extras: Vec<(Sym, Sym)>,
    /// Feature ids, one after another; `id_ends[i]` ends feature `i`'s id.
    ids: String,
    id_ends: Vec<usize>,
    pub strings: Strings,
    /// Area of each feature in m² (0 for points), from the geometry.
    pub area_m2: Vec<f64>,
    /// Feature index in the source file, for messages.
    pub source_index: Vec<u32>,
    /// Whether the geometry is invalid (kept and flagged in the report).
    pub invalid: Vec<bool>,
    pub report: ImportReport,
}

impl Layer {
    pub fn len(&self) -> usize {
        self.attrs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.attrs.is_empty()
    }

    pub fn text(&self, i: usize, field: Field) -> Option<&str> {
        if field == Field::Id {
            return id_of(&self.ids, &self.id_ends, i);
        }
        self.attrs[i].text(field).map(|s| self.strings.resolve(&s))
    }

    /// The feature's source identifier: the RVB bouwwerkcode for listings, else
    /// the id field (BRK/BAG `identificatie`, or the GeoJSON id), else any other
    /// key it was recognised to carry (the bouwwerkcode of RVB buildings loaded
    /// as panden). Flags are keyed on it, so they survive re-imports, and it
    /// joins an export back to its source.
    pub fn source_id(&self, i: usize) -> Option<&str> {
        if self.kind == LayerKind::Listings {
            self.text(i, Field::RvbCode)
                .or_else(|| self.text(i, Field::Id))
        } else {
            self.text(i, Field::Id)
                .or_else(|| self.text(i, Field::RvbCode))
        }
    }

    /// A readable id: [`Layer::source_id`], else `#index`.
    pub fn label(&self, i: usize) -> String {
        self.source_id(i)
            .map(str::to_string)
            .unwrap_or_else(|| format!("#{}", self.source_index[i]))
    }

    /// Feature `i`'s unrecognised attributes (and unreadable values of
    /// recognised ones), as read; not the originals an export hands back
    /// ([`Layer::source_value`]).
    pub fn extras(&self, i: usize) -> impl Iterator<Item = (&str, &str)> {
        let a = &self.attrs[i];
        let range = a.extra_start as usize..(a.extra_start + a.extra_len) as usize;
        self.extras[range]
            .iter()
            .map(|(k, v)| (self.strings.resolve(k), self.strings.resolve(v)))
            .filter(|(k, _)| !crate::attrs::is_original_key(k))
    }

    pub fn bbox(&self, i: usize) -> Option<Rect<f64>> {
        self.geom.bbox(i)
    }

    /// The id arena as stored: every id after another, and where each ends.
    pub fn raw_ids(&self) -> (&str, &[usize]) {
        (&self.ids, &self.id_ends)
    }

    /// Rebuilds a layer read back from a project file. Checks that every array has
    /// one entry per feature and every offset and string key is in range, so a
    /// damaged file is an error here and never a panic later.
    pub fn from_parts(p: LayerParts) -> Result<Layer, String> {
        let n = p.geom.len();
        for (name, len) in [
            ("attrs", p.attrs.len()),
            ("id_ends", p.id_ends.len()),
            ("area_m2", p.area_m2.len()),
            ("source_index", p.source_index.len()),
            ("invalid", p.invalid.len()),
        ] {
            if len != n {
                return Err(format!("{name}: {len} entries for {n} features"));
            }
        }
        let mut prev = 0;
        for &e in &p.id_ends {
            if e < prev || e > p.ids.len() || !p.ids.is_char_boundary(e) {
                return Err(format!("id offset {e} out of range"));
            }
            prev = e;
        }
        let keys = p.strings.len();
        let ok = |s: &Sym| lasso::Key::into_usize(*s) < keys;
        for a in &p.attrs {
            if !a.texts.iter().flatten().all(ok) {
                return Err("text key out of range".into());
            }
            if (a.extra_start as usize).saturating_add(a.extra_len as usize) > p.extras.len() {
                return Err("extra-field range out of range".into());
            }
        }
        if !p.extras.iter().all(|(k, v)| ok(k) && ok(v)) {
            return Err("extra-field key out of range".into());
        }
        Ok(Layer::from_built_parts(p))
    }

    /// A layer from parts its importer built in step (one entry per feature by
    /// construction), without [`Layer::from_parts`]'s checks of stored data.
    pub fn from_built_parts(p: LayerParts) -> Layer {
        Layer {
            kind: p.kind,
            source_crs: p.source_crs,
            geom: p.geom,
            attrs: p.attrs,
            extras: p.extras,
            ids: p.ids,
            id_ends: p.id_ends,
            strings: p.strings,
            area_m2: p.area_m2,
            source_index: p.source_index,
            invalid: p.invalid,
            report: p.report,
        }
    }

    /// Approximate heap in use (lengths, not reserved capacity), for BENCHMARKS.md.
    pub fn heap_bytes(&self) -> usize {
        self.geom.heap_bytes()
            + self.attrs.len() * std::mem::size_of::<Attrs>()
            + self.extras.len() * 8
            + self.area_m2.len() * 8
            + self.source_index.len() * 4
            + self.invalid.len()
            + self.ids.len()
            + self.id_ends.len() * 8
            + self.strings.current_memory_usage()
    }
}

/// Feature `i`'s id in an id arena; `None` when it had none.
pub fn id_of<'s>(ids: &'s str, ends: &[usize], i: usize) -> Option<&'s str> {
    let end = *ends.get(i)?;
    let start = if i == 0 { 0 } else { ends[i - 1] };
    ids.get(start..end).filter(|s| !s.is_empty())
}

/// What a named overlay layer stands for: it decides the legend, the default
/// criteria that read it and the list filter "zonder harde beperking".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LayerRole {
    /// A hard constraint area: nature, heritage, safety, flood.
    Constraint,
    /// Zoning polygons (bestemmingsplan, omgevingsplan) with a category attribute.
    Zoning,
    /// Points or areas to be near: stations, shops, schools, GPs.
    Amenity,
}

impl LayerRole {
    pub const ALL: [LayerRole; 3] = [LayerRole::Constraint, LayerRole::Zoning, LayerRole::Amenity];

    /// `constraint|zoning|amenity`, or their Dutch names.
    pub fn parse(s: &str) -> Option<LayerRole> {
        match s.trim().to_lowercase().as_str() {
            "constraint" | "beperking" => Some(LayerRole::Constraint),
            "zoning" | "bestemming" => Some(LayerRole::Zoning),
            "amenity" | "voorziening" | "voorzieningen" => Some(LayerRole::Amenity),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            LayerRole::Constraint => "constraint",
            LayerRole::Zoning => "zoning",
            LayerRole::Amenity => "amenity",
        }
    }

    pub fn dutch(self) -> &'static str {
        match self {
            LayerRole::Constraint => "harde beperking",
            LayerRole::Zoning => "bestemming",
            LayerRole::Amenity => "voorziening",
        }
    }

    /// The role of a layer the default profiles name, so `--layer stations=…`
    /// needs no `--layer-role`; any other name is a constraint until said otherwise.
    pub fn default_for(name: &str) -> LayerRole {
        match name {
            "bestemmingsplan" | "omgevingsplan" => LayerRole::Zoning,
            // CBS buurten carry the distances to GP, supermarket and school per buurt.
            "stations" | "voorzieningen" | "buurten" => LayerRole::Amenity,
            _ => LayerRole::Constraint,
        }
    }
}

/// The display name a layer the default profiles name gets; others show their own name.
pub fn default_layer_title(name: &str) -> String {
    match name {
        "natura2000" => "Natura 2000-gebied".into(),
        "monumenten" => "rijksmonument".into(),
        "stations" => "station".into(),
        "voorzieningen" => "voorziening".into(),
        "bestemmingsplan" => "bestemmingsplan".into(),
        "cdda" => "beschermd natuurgebied".into(),
        "overstroming" => "overstromingsrisicogebied".into(),
        "cultuurhistorie" => "beschermd cultuurhistorisch gebied".into(),
        "wkpb" => "publiekrechtelijke beperking".into(),
        "buurten" => "buurt".into(),
        other => other.to_string(),
    }
}

/// Whether `name` can name an overlay layer: 1–40 lower-case letters, digits, `_` or `-`.
pub fn valid_layer_name(name: &str) -> bool {
    (1..=40).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// An overlay layer the user loaded under a name, with its role: what profiles'
/// spatial criteria read (`layer = "natura2000"`).
#[derive(Debug)]
pub struct NamedLayer {
    pub name: String,
    /// Shown before a feature's own name: "Natura 2000-gebied Rijntakken".
    pub title: String,
    pub role: LayerRole,
    pub layer: Layer,
}

impl NamedLayer {
    /// The title in the reader's language when it is the default of a name the
    /// profiles know ("Natura 2000-gebied" / "Natura 2000 site"); a title the
    /// user gave is shown as given.
    pub fn title_text(&self) -> crate::text::Text {
        let key = format!("layer.title.{}", self.name);
        let known = default_layer_title(&self.name) == self.title;
        match crate::text::known_key(&key) {
            Some(k) if known => crate::text::Text::new(k),
            _ => crate::text::Text::plain(self.title.clone()),
        }
    }
}

impl Layer {
    /// The value of the source attribute `name` (case-insensitive) of feature `i`,
    /// whether it was kept as an extra field or recognised as a known one.
    pub fn attribute(&self, i: usize, name: &str) -> Option<&str> {
        if let Some((_, v)) = self.extras(i).find(|(k, _)| k.eq_ignore_ascii_case(name)) {
            return Some(v);
        }
        let field = self
            .report
            .fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
            .and_then(|f| f.recognised_as)?;
        self.text(i, field)
    }

    /// Whether any feature carries the source attribute `name`.
    pub fn has_attribute(&self, name: &str) -> bool {
        self.report
            .fields
            .iter()
            .any(|f| f.name.eq_ignore_ascii_case(name))
    }

    /// A feature's own name for explanations: its name field or a usual name
    /// attribute (`naam`, `name`, `statnaam`), else its label.
    pub fn feature_name(&self, i: usize) -> String {
        self.text(i, Field::Name)
            .or_else(|| {
                [
                    "naam",
                    "name",
                    "statnaam",
                    "naam_nl",
                    "omschrijving",
                    "rijksmonumentnummer",
                ]
                .iter()
                .find_map(|k| self.attribute(i, k))
            })
            .map(str::to_string)
            .unwrap_or_else(|| self.label(i))
    }
}
