//! Importing parcels, buildings, listings and overlay areas into a [`Layer`].
//! Every import returns a report; bad files give a typed [`ImportError`] that says
//! what and where, bad features are skipped and listed, nothing panics.

pub(crate) mod csv;
pub mod feature;
mod geojson;
pub mod gpkg;
pub mod samples;
mod shapefile;
mod wkb;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use rayon::prelude::*;

use locatiescout_model::attrs::{Attrs, Field, FieldMap, Interned, ParsedAttrs, Strings, Sym};
use locatiescout_model::crs::{
    Crs, CrsDecision, ProjectionError, RawExtent, UndetectableCrs, UnknownCrsName,
};
use locatiescout_model::geometry::{FeatureGeometry, GeomStore, StoreFull};

pub use self::csv::{read_csv, CsvOptions};
pub use self::geojson::read_geojson;
pub use self::gpkg::read_gpkg;
pub use self::shapefile::read_shapefile;
pub use locatiescout_model::layer::{
    id_of, FieldSeen, Flagged, ImportReport, Layer, LayerKind, LayerParts, Skipped,
    REPORT_DETAIL_LIMIT,
};
use locatiescout_model::nl::io_nl;

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
    #[error("{path} is een map, geen bestand; kies een GeoJSON-, GeoPackage-, shapefile- of CSV-bestand")]
    IsDirectory { path: PathBuf },
    #[error("{path} is leeg (0 bytes)")]
    EmptyFile { path: PathBuf },
    #[error("{path}: rij {line} heeft meer velden dan de kop: waarschijnlijk decimale komma's (155000,5) in een bestand met komma's als scheidingsteken. Sla het op met ';' als scheidingsteken (Excel in het Nederlands doet dat) of gebruik punten als decimaalteken")]
    DecimalComma { path: PathBuf, line: usize },
    /// A pipe, device, socket or `/proc`-like file: never opened, so nothing hangs.
    #[error("{0}")]
    NotRegular(String),
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
    #[error("{path}: ongeldige JSON bij byte {byte_offset}{}: {}", feature_suffix(*.feature), locatiescout_model::nl::serde_nl(message))]
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
    /// A GeoPackage that cannot be read as one (not SQLite, no `gpkg_contents`, …).
    #[error("{path}: {message}")]
    GeoPackage { path: PathBuf, message: String },
    /// A GeoPackage with several feature layers and no choice among them.
    #[error("{path} bevat {} lagen ({}); kies er één (op de opdrachtregel: {path}:LAAG)", layers.len(), layers.join(", "))]
    ChooseLayer { path: PathBuf, layers: Vec<String> },
    #[error("{path}: laag '{layer}' bestaat niet; de lagen zijn: {}", layers.join(", "))]
    NoSuchLayer {
        path: PathBuf,
        layer: String,
        layers: Vec<String>,
    },
    /// A shapefile whose parts are missing or unreadable.
    #[error("{path}: {message}")]
    Shapefile { path: PathBuf, message: String },
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
            ImportError::NotRegular(_) => "not_regular",
            ImportError::DecimalComma { .. } => "decimal_comma",
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
            ImportError::GeoPackage { .. } => "geopackage",
            ImportError::ChooseLayer { .. } => "choose_layer",
            ImportError::Shapefile { .. } => "shapefile",
            ImportError::NoSuchLayer { .. } => "no_such_layer",
            ImportError::Full { .. } => "full",
            ImportError::Cancelled { .. } => "cancelled",
        }
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
    pub samples: Option<&'a samples::FieldSamples>,
    /// The layer of a GeoPackage to read; `None` reads the only one.
    pub layer: Option<&'a str>,
    /// Skip (and report) each feature whose coordinates cannot be in this CRS: the
    /// second reading of a file where a few stray features spoilt the whole extent.
    pub outliers_for: Option<Crs>,
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
            layer: None,
            outliers_for: None,
        }
    }

    fn cancelled(&self) -> bool {
        self.cancel
            .is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed))
    }
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
    /// Features that had an M value; counted by the binary readers.
    pub had_m: usize,
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
        attrs: ParsedAttrs<'_>,
        fallback_id: Option<String>,
        warnings: Vec<String>,
        had_z: bool,
        strings: &Strings,
    ) -> Prepared {
        let mut cache = locatiescout_model::attrs::InternCache::new(strings);
        Prepared::with_cache(
            index,
            geometry,
            attrs,
            fallback_id,
            warnings,
            had_z,
            &mut cache,
        )
    }

    /// [`Prepared::new`] interning through a parse worker's cache.
    pub fn with_cache(
        index: usize,
        geometry: FeatureGeometry,
        mut attrs: ParsedAttrs<'_>,
        fallback_id: Option<String>,
        warnings: Vec<String>,
        had_z: bool,
        cache: &mut locatiescout_model::attrs::InternCache<'_>,
    ) -> Prepared {
        let id = attrs.texts[0]
            .take()
            .map(std::borrow::Cow::into_owned)
            .or(fallback_id);
        Prepared {
            index,
            geometry,
            attrs: Attrs::intern_with(attrs, cache),
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
            had_m: 0,
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

    /// The CRS a binary format declared (`name` says where), or — when it
    /// declared none — the one its coordinates fit, with a report line that
    /// starts with `missing` (what the file lacked). A
    /// declared CRS needs no range check here: every feature outside it was
    /// already skipped ([`outside_declared`]).
    pub fn declared_or_inferred(
        &mut self,
        declared: Option<(Crs, String)>,
        missing: &str,
    ) -> Result<(Crs, CrsDecision), ImportError> {
        if let Some((crs, name)) = declared {
            return Ok((crs, CrsDecision::Declared { name }));
        }
        let (crs, decision) =
            locatiescout_model::crs::infer_crs(&self.extent).map_err(|source| {
                ImportError::UndetectableCrs {
                    path: self.path.clone(),
                    source,
                }
            })?;
        self.report
            .notes
            .push(format!("{missing}; {crs} afgeleid uit de coördinaten"));
        Ok((crs, decision))
    }

    /// Projects to RD New, computes areas and validity, and closes the report.
    pub fn finish(
        mut self,
        crs: Crs,
        decision: CrsDecision,
        strings: Strings,
    ) -> Result<Layer, ImportError> {
        let path = self.path.clone();
        if matches!(crs, Crs::Wgs84 | Crs::WebMercator) {
            // Web Mercator goes to RD through WGS84 degrees.
            let mercator = crs == Crs::WebMercator;
            let failed = std::sync::Mutex::new(None);
            self.geom
                .coords_mut()
                .par_chunks_mut(4096)
                .for_each(|chunk| {
                    for c in chunk {
                        let (lon, lat) = if mercator {
                            locatiescout_model::crs::web_mercator_to_wgs84(c.x, c.y)
                        } else {
                            (c.x, c.y)
                        };
                        match locatiescout_model::crs::wgs84_to_rd(lon, lat) {
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
        if self.had_m > 0 {
            self.report.notes.push(format!(
                "{} features hadden een maat (M); die is weggelaten",
                self.had_m
            ));
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
        // Anywhere in the world fits WGS84; this program is for the Netherlands. A
        // feature outside its extent (RD x −7–300 km, y 289–629 km) is named, never
        // dropped: swapped lat/lon and a wrong country are the usual causes.
        if crs != Crs::Local {
            let mut outside = 0usize;
            for i in 0..n {
                let Some(r) = self.geom.bbox(i) else { continue };
                let inside = r.min().x >= -7_000.0
                    && r.max().x <= 300_000.0
                    && r.min().y >= 289_000.0
                    && r.max().y <= 629_000.0;
                if !inside {
                    outside += 1;
                    if outside <= 20 {
                        self.report.warn(Flagged {
                            index: self.source_index[i] as usize,
                            id: id_of(&self.ids, &self.id_ends, i).map(str::to_string),
                            message: "ligt buiten Nederland; controleer het coördinatenstelsel (lat en lon verwisseld?)".into(),
                        });
                    }
                }
            }
            if outside > 0 {
                self.report.notes.push(format!(
                    "let op: {outside} van de {n} objecten liggen buiten Nederland; controleer het coördinatenstelsel (lat en lon verwisseld?)"
                ));
            }
        }
        // Only GeoJSON has the right-hand rule; shapefiles wind the other way by design.
        if clockwise > 0 && self.report.format == "GeoJSON" {
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
        Ok(Layer::from_built_parts(LayerParts {
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
        }))
    }
}

/// Opens an input file, refusing directories and empty files with their own errors.
pub(crate) fn open_checked(path: &Path) -> Result<(std::fs::File, u64), ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    if std::fs::metadata(path).is_ok_and(|m| !m.is_dir()) {
        locatiescout_model::files::refuse_special(path).map_err(ImportError::NotRegular)?;
    }
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

/// Why a feature's coordinates cannot be in the CRS its file declares (one stray
/// feature in degrees in an RD layer is skipped, not the layer refused).
/// Reads with `read`; when a few stray features (one at 0,0 in an RD file)
/// spoil the extent, reads again skipping — and naming — what cannot be in the
/// CRS, and keeps that when most remain. GeoJSON and CSV alike.
pub(crate) fn skipping_outliers<'a>(
    opts: ImportOptions<'a>,
    read: impl Fn(ImportOptions<'a>) -> Result<Layer, ImportError>,
) -> Result<Layer, ImportError> {
    match read(opts) {
        Err(e @ (ImportError::CrsMismatch { .. } | ImportError::UndetectableCrs { .. }))
            if opts.outliers_for.is_none() =>
        {
            let candidates = match &e {
                ImportError::CrsMismatch { declared, .. } => vec![*declared],
                _ => vec![Crs::RdNew, Crs::Wgs84],
            };
            for crs in candidates {
                let again = ImportOptions {
                    outliers_for: Some(crs),
                    ..opts
                };
                if let Ok(layer) = read(again) {
                    let outliers = layer
                        .report
                        .skipped
                        .iter()
                        .filter(|s| s.reason.ends_with("dit object is overgeslagen"))
                        .count();
                    if !layer.is_empty() && outliers <= layer.len() {
                        return Ok(layer);
                    }
                }
            }
            Err(e)
        }
        other => other,
    }
}

pub(crate) fn outside_declared(crs: Option<Crs>, g: &FeatureGeometry) -> Option<String> {
    let crs = crs?;
    let mut e = RawExtent::EMPTY;
    for c in &g.coords {
        e.add(c.x, c.y);
    }
    (!locatiescout_model::crs::plausible(crs, &e))
        .then(|| format!("coördinaten ({e}) passen niet bij {crs}, het stelsel van het bestand"))
}

/// Splits the command line's `FILE.gpkg:LAYER` (or `FILE.zip:LAYER`) into the
/// file and the layer. A path that exists as given is never split, so a file
/// name with a colon in it still opens.
pub fn split_layer(arg: &Path) -> (PathBuf, Option<String>) {
    if arg.exists() {
        return (arg.to_path_buf(), None);
    }
    let text = arg.to_string_lossy();
    match text.rsplit_once(':') {
        Some((file, layer)) if !layer.is_empty() && Path::new(file).is_file() => {
            (PathBuf::from(file), Some(layer.to_string()))
        }
        _ => (arg.to_path_buf(), None),
    }
}

/// Whether the file starts with SQLite's magic, so a GeoPackage under another
/// extension is still read as one.
fn is_sqlite(path: &Path) -> bool {
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok_and(|_| &head == b"SQLite format 3\0")
}

/// Imports a GeoJSON, CSV, GeoPackage or shapefile, choosing the reader by
/// extension (and a GeoPackage by its content).
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
    // Before anything opens it (is_sqlite included): a pipe with no writer would block.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_dir()) {
        locatiescout_model::files::refuse_special(path).map_err(ImportError::NotRegular)?;
    }
    let ext = locatiescout_model::files::extension_lower(path);
    if matches!(ext.as_str(), "csv" | "txt" | "tsv") {
        read_csv(path, opts, &CsvOptions::default())
    } else if ext == "gpkg" || is_sqlite(path) {
        gpkg::read_gpkg(path, opts)
    } else if matches!(ext.as_str(), "shp" | "dbf" | "shx" | "zip") {
        shapefile::read_shapefile(path, opts)
    } else {
        read_geojson(path, opts)
    }
}
