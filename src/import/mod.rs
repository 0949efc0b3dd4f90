//! Importing parcels, buildings, listings and overlay areas into a [`Layer`].
//! Every import returns a report; bad files give a typed [`ImportError`] that says
//! what and where, bad features are skipped and listed, nothing panics.

pub(crate) mod csv;
pub mod feature;
mod geojson;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use geo::Rect;
use rayon::prelude::*;

use crate::attrs::{Attrs, Field, FieldMap, Interned, ParsedAttrs, Strings, Sym};
use crate::crs::{Crs, CrsDecision, ProjectionError, RawExtent, UndetectableCrs, UnknownCrsName};
use crate::geometry::{FeatureGeometry, GeomStore, StoreFull};

pub use self::csv::{read_csv, CsvOptions};
pub use self::geojson::read_geojson;

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

/// A fatal import problem. Each variant names the file and, where it applies, the
/// position (feature index, byte offset, line).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: kan niet worden gelezen: {}", io_nl(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is een map, geen bestand; kies een GeoJSON- of CSV-bestand")]
    IsDirectory { path: PathBuf },
    #[error("{path} is leeg (0 bytes)")]
    EmptyFile { path: PathBuf },
    #[error("{path} is JavaScript ('{start}…'), geen GeoJSON; verwijder de toewijzing zodat het bestand met '{{' begint")]
    JavaScript { path: PathBuf, start: String },
    #[error("{path} is geen JSON: het begint met '{start}' (byte {byte_offset})")]
    NotJson {
        path: PathBuf,
        start: String,
        byte_offset: u64,
    },
    #[error("{path}: tekst is geen geldige UTF-8 bij byte {byte_offset}; GeoJSON moet UTF-8 zijn (sla het bestand opnieuw op als UTF-8)")]
    NotUtf8 { path: PathBuf, byte_offset: u64 },
    #[error("{path}: ongeldige JSON bij byte {byte_offset}{}: {message}", feature_suffix(*.feature))]
    Syntax {
        path: PathBuf,
        byte_offset: u64,
        feature: Option<usize>,
        message: String,
    },
    #[error("{path}: bestand houdt onverwacht op bij byte {byte_offset}{} (afgebroken download of kopie?)", feature_suffix(*.feature))]
    Truncated {
        path: PathBuf,
        byte_offset: u64,
        feature: Option<usize>,
    },
    #[error("{path}: geen bruikbare GeoJSON: {message}")]
    NotGeoJson { path: PathBuf, message: String },
    #[error("{path}: {source}")]
    UnknownCrs {
        path: PathBuf,
        #[source]
        source: UnknownCrsName,
    },
    #[error("{path}: {source}")]
    UndetectableCrs {
        path: PathBuf,
        #[source]
        source: UndetectableCrs,
    },
    #[error(
        "{path}: het bestand zegt {declared}, maar de coördinaten ({extent}) passen daar niet bij"
    )]
    CrsMismatch {
        path: PathBuf,
        declared: Crs,
        extent: RawExtent,
    },
    #[error("{path}: {source}")]
    Projection {
        path: PathBuf,
        #[source]
        source: ProjectionError,
    },
    #[error("{path}: {what} is groter dan de grens van {limit} (bij byte {byte_offset})")]
    TooLarge {
        path: PathBuf,
        what: String,
        limit: String,
        byte_offset: u64,
    },
    #[error("{path}, regel {line}: {message}")]
    Csv {
        path: PathBuf,
        line: u64,
        message: String,
    },
    #[error("{path}: {source}")]
    Full {
        path: PathBuf,
        #[source]
        source: StoreFull,
    },
    #[error("import van {path} afgebroken")]
    Cancelled { path: PathBuf },
}

/// The Dutch words for the I/O errors a user meets; the rest keep the OS text.
pub fn io_nl(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "het bestand bestaat niet".into(),
        std::io::ErrorKind::PermissionDenied => "geen toestemming om het bestand te lezen".into(),
        _ => e.to_string(),
    }
}

fn feature_suffix(feature: Option<usize>) -> String {
    feature
        .map(|i| format!(" (feature {i})"))
        .unwrap_or_default()
}

impl ImportError {
    /// A stable code the CLI and the UI can switch on.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Io { .. } => "io",
            ImportError::IsDirectory { .. } => "is_directory",
            ImportError::EmptyFile { .. } => "empty_file",
            ImportError::JavaScript { .. } => "javascript",
            ImportError::NotJson { .. } => "not_json",
            ImportError::NotUtf8 { .. } => "not_utf8",
            ImportError::Syntax { .. } => "syntax",
            ImportError::Truncated { .. } => "truncated",
            ImportError::NotGeoJson { .. } => "not_geojson",
            ImportError::UnknownCrs { .. } => "unknown_crs",
            ImportError::UndetectableCrs { .. } => "undetectable_crs",
            ImportError::CrsMismatch { .. } => "crs_mismatch",
            ImportError::Projection { .. } => "projection",
            ImportError::TooLarge { .. } => "too_large",
            ImportError::Csv { .. } => "csv",
            ImportError::Full { .. } => "full",
            ImportError::Cancelled { .. } => "cancelled",
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
    fn skip(&mut self, s: Skipped) {
        self.skipped_count += 1;
        if self.skipped.len() < REPORT_DETAIL_LIMIT {
            self.skipped.push(s);
        }
    }

    fn warn(&mut self, f: Flagged) {
        self.warning_count += 1;
        if self.warnings.len() < REPORT_DETAIL_LIMIT {
            self.warnings.push(f);
        }
    }

    fn flag_invalid(&mut self, f: Flagged) {
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

/// Progress callback: bytes done, bytes total.
pub type Progress<'a> = &'a (dyn Fn(u64, u64) + Sync);

/// Settings for one import.
#[derive(Clone, Copy)]
pub struct ImportOptions<'a> {
    pub kind: LayerKind,
    pub field_map: &'a FieldMap,
    pub progress: Option<Progress<'a>>,
    pub cancel: Option<&'a AtomicBool>,
    /// Refuse a single feature (or non-feature member) larger than this many bytes.
    pub max_feature_bytes: usize,
    /// Check polygons for OGC validity (self-intersection, nested shells).
    pub validate: bool,
    /// Collect the first values of each column, for the field-mapping dialog.
    pub samples: Option<&'a crate::fieldmap::FieldSamples>,
}

impl<'a> ImportOptions<'a> {
    pub fn new(kind: LayerKind, field_map: &'a FieldMap) -> Self {
        ImportOptions {
            kind,
            field_map,
            progress: None,
            cancel: None,
            max_feature_bytes: 256 << 20,
            validate: true,
            samples: None,
        }
    }

    fn cancelled(&self) -> bool {
        self.cancel
            .is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed))
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
    /// the id field (BRK/BAG `identificatie`, or the GeoJSON id). Flags are keyed
    /// on it, so they survive re-imports.
    pub fn source_id(&self, i: usize) -> Option<&str> {
        self.kind
            .eq(&LayerKind::Listings)
            .then(|| self.text(i, Field::RvbCode))
            .flatten()
            .or_else(|| self.text(i, Field::Id))
    }

    /// A readable id: [`Layer::source_id`], else `#index`.
    pub fn label(&self, i: usize) -> String {
        self.source_id(i)
            .map(str::to_string)
            .unwrap_or_else(|| format!("#{}", self.source_index[i]))
    }

    pub fn extras(&self, i: usize) -> impl Iterator<Item = (&str, &str)> {
        let a = &self.attrs[i];
        let range = a.extra_start as usize..(a.extra_start + a.extra_len) as usize;
        self.extras[range]
            .iter()
            .map(|(k, v)| (self.strings.resolve(k), self.strings.resolve(v)))
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
        Ok(Layer {
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
        })
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
fn id_of<'s>(ids: &'s str, ends: &[usize], i: usize) -> Option<&'s str> {
    let end = *ends.get(i)?;
    let start = if i == 0 { 0 } else { ends[i - 1] };
    ids.get(start..end).filter(|s| !s.is_empty())
}

/// Collects features in file order; shared by the GeoJSON and CSV readers. The
/// string pool lives beside it so the parallel phase can intern while the
/// builder merges.
pub(crate) struct LayerBuilder<'a> {
    opts: ImportOptions<'a>,
    path: PathBuf,
    geom: GeomStore,
    attrs: Vec<Attrs>,
    extras: Vec<(Sym, Sym)>,
    ids: String,
    id_ends: Vec<usize>,
    source_index: Vec<u32>,
    extent: RawExtent,
    fields: rustc_hash::FxHashMap<Sym, (Option<Field>, usize)>,
    had_z: usize,
    pub report: ImportReport,
}

/// A feature ready to join the layer: geometry still in the file's CRS,
/// attributes interned.
pub(crate) struct Prepared {
    pub index: usize,
    pub geometry: FeatureGeometry,
    pub attrs: Interned,
    /// The feature's id. Ids are unique, so they go to a plain text arena rather
    /// than the interner (measured: interning a million unique ids dominated it).
    pub id: Option<String>,
    pub warnings: Vec<String>,
    pub had_z: bool,
}

impl Prepared {
    /// Interns `attrs` (falling back to the GeoJSON id) and packs the feature.
    pub fn new(
        index: usize,
        geometry: FeatureGeometry,
        mut attrs: ParsedAttrs<'_>,
        fallback_id: Option<String>,
        warnings: Vec<String>,
        had_z: bool,
        strings: &Strings,
    ) -> Prepared {
        let id = attrs.texts[0]
            .take()
            .map(std::borrow::Cow::into_owned)
            .or(fallback_id);
        Prepared {
            index,
            geometry,
            attrs: Attrs::intern(attrs, strings),
            id,
            warnings,
            had_z,
        }
    }
}

impl<'a> LayerBuilder<'a> {
    pub fn new(path: &Path, format: &str, opts: ImportOptions<'a>) -> Self {
        LayerBuilder {
            opts,
            path: path.to_path_buf(),
            geom: GeomStore::default(),
            attrs: Vec::new(),
            extras: Vec::new(),
            ids: String::new(),
            id_ends: Vec::new(),
            source_index: Vec::new(),
            extent: RawExtent::EMPTY,
            fields: Default::default(),
            had_z: 0,
            report: ImportReport {
                path: path.to_path_buf(),
                format: format.to_string(),
                ..ImportReport::default()
            },
        }
    }

    /// Reserves for a file of `bytes` (capacity that is never touched costs no RAM),
    /// so a large import does not copy its arrays on every doubling.
    pub fn reserve_for_bytes(&mut self, bytes: u64) {
        let b = usize::try_from(bytes).unwrap_or(usize::MAX);
        // GeoJSON spends at least ~24 bytes per position and ~300 per feature.
        self.geom.reserve(b / 24, b / 300);
        self.attrs.reserve(b / 300);
        self.extras.reserve(b / 100);
        self.id_ends.reserve(b / 300);
        self.source_index.reserve(b / 300);
    }

    pub fn skip(&mut self, index: usize, byte_offset: Option<u64>, reason: String) {
        self.report.features_read += 1;
        self.report.skip(Skipped {
            index,
            byte_offset,
            reason,
        });
    }

    pub fn push(&mut self, p: Prepared) -> Result<(), ImportError> {
        self.report.features_read += 1;
        for c in &p.geometry.coords {
            self.extent.add(c.x, c.y);
        }
        self.geom
            .push(&p.geometry)
            .map_err(|source| ImportError::Full {
                path: self.path.clone(),
                source,
            })?;
        let Interned {
            mut attrs,
            extras,
            fields,
            warnings,
        } = p.attrs;
        if let Some(id) = &p.id {
            self.ids.push_str(id);
        }
        self.id_ends.push(self.ids.len());
        for (name, field) in fields {
            self.fields.entry(name).or_insert((field, 0)).1 += 1;
        }
        for w in p.warnings.into_iter().chain(warnings) {
            self.report.warn(Flagged {
                index: p.index,
                id: p.id.clone(),
                message: w,
            });
        }
        self.had_z += usize::from(p.had_z);
        *self
            .report
            .geometry_counts
            .entry(p.geometry.kind.name().to_string())
            .or_insert(0) += 1;
        attrs.extra_start = u32::try_from(self.extras.len()).map_err(|_| ImportError::Full {
            path: self.path.clone(),
            source: StoreFull,
        })?;
        self.extras.extend(extras);
        self.attrs.push(attrs);
        self.source_index.push(p.index as u32);
        Ok(())
    }

    pub fn raw_extent(&self) -> RawExtent {
        self.extent
    }

    /// Projects to RD New, computes areas and validity, and closes the report.
    pub fn finish(
        mut self,
        crs: Crs,
        decision: CrsDecision,
        strings: Strings,
    ) -> Result<Layer, ImportError> {
        let path = self.path.clone();
        if crs == Crs::Wgs84 {
            let failed = std::sync::Mutex::new(None);
            self.geom
                .coords_mut()
                .par_chunks_mut(4096)
                .for_each(|chunk| {
                    for c in chunk {
                        match crate::crs::wgs84_to_rd(c.x, c.y) {
                            Ok((x, y)) => *c = geo::Coord { x, y },
                            Err(e) => {
                                if let Ok(mut f) = failed.lock() {
                                    f.get_or_insert(e);
                                }
                            }
                        }
                    }
                });
            if let Some(source) = failed.into_inner().ok().flatten() {
                return Err(ImportError::Projection { path, source });
            }
        }
        if crs == Crs::Local {
            self.report.notes.push(
                "let op: de coördinaten passen bij geen bekend stelsel (geen WGS84-graden, geen RD New); ze zijn ongewijzigd ingelezen en worden niet omgerekend — kaart en oppervlakten kloppen alleen als het meters zijn".into(),
            );
        } else if matches!(decision, CrsDecision::InferredFromRange) {
            self.report.notes.push(
                "let op: geen crs opgegeven; RD New (EPSG:28992) afgeleid uit het coördinatenbereik"
                    .into(),
            );
        }
        if self.had_z > 0 {
            self.report.notes.push(format!(
                "{} features hadden een hoogte (Z); die is weggelaten",
                self.had_z
            ));
        }
        self.report.crs = Some(crs);
        self.report.crs_decision = Some(decision);

        let n = self.geom.len();
        let geom = &self.geom;
        let validate = self.opts.validate;
        let checks: Vec<(f64, Option<String>, bool)> = (0..n)
            .into_par_iter()
            .map(|i| geom.checks(i, validate))
            .collect();
        let mut area_m2 = Vec::with_capacity(n);
        let mut invalid = Vec::with_capacity(n);
        let mut clockwise = 0usize;
        for (i, (a, inv, cw)) in checks.into_iter().enumerate() {
            area_m2.push(a);
            invalid.push(inv.is_some());
            clockwise += usize::from(cw);
            if let Some(message) = inv {
                let id = id_of(&self.ids, &self.id_ends, i).map(str::to_string);
                self.report.flag_invalid(Flagged {
                    index: self.source_index[i] as usize,
                    id,
                    message,
                });
            }
        }
        if clockwise > 0 {
            self.report.notes.push(format!(
                "{clockwise} vlakken volgen de rechterhandregel van RFC 7946 niet (buitenring tegen de klok in, gaten met de klok mee); de oppervlakte is daardoor niet anders"
            ));
        }
        self.report.imported = n;
        let mut fields: Vec<FieldSeen> = self
            .fields
            .into_iter()
            .map(|(name, (recognised_as, count))| FieldSeen {
                name: strings.resolve(&name).to_string(),
                recognised_as,
                count,
            })
            .collect();
        fields.sort_by(|a, b| a.name.cmp(&b.name));
        self.report.fields = fields;
        // No shrink_to_fit: reserved capacity that was never written is not resident,
        // and shrinking would copy the arrays into fresh pages.
        Ok(Layer {
            kind: self.opts.kind,
            source_crs: crs,
            geom: self.geom,
            attrs: self.attrs,
            extras: self.extras,
            ids: self.ids,
            id_ends: self.id_ends,
            strings,
            area_m2,
            source_index: self.source_index,
            invalid,
            report: self.report,
        })
    }
}

/// Opens an input file, refusing directories and empty files with their own errors.
pub(crate) fn open_checked(path: &Path) -> Result<(std::fs::File, u64), ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(ImportError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    if meta.len() == 0 {
        return Err(ImportError::EmptyFile {
            path: path.to_path_buf(),
        });
    }
    Ok((file, meta.len()))
}

/// Imports a GeoJSON or CSV file, choosing the reader by extension.
#[tracing::instrument(skip(opts), fields(kind = ?opts.kind), err)]
pub fn import_file(path: &Path, opts: ImportOptions<'_>) -> Result<Layer, ImportError> {
    let started = std::time::Instant::now();
    let layer = import_by_extension(path, opts)?;
    let r = &layer.report;
    tracing::info!(
        features = r.imported,
        skipped = r.skipped_count,
        invalid = r.invalid_count,
        crs = ?r.crs,
        ms = started.elapsed().as_millis() as u64,
        "import klaar"
    );
    Ok(layer)
}

fn import_by_extension(path: &Path, opts: ImportOptions<'_>) -> Result<Layer, ImportError> {
    let ext = crate::export::extension_lower(path);
    if matches!(ext.as_str(), "csv" | "txt" | "tsv") {
        read_csv(path, opts, &CsvOptions::default())
    } else {
        read_geojson(path, opts)
    }
}
