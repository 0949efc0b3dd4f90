//! Transport types where the window's view differs from the core's types (texts
//! rendered in the window's language, numbers for display, what the map needs).
//! The wire has one naming, the core's own: snake_case fields, as the project
//! file and the werkprogramma files have them; core types that cross as they are
//! derive their TypeScript themselves (feature `ts`). All TypeScript twins are
//! generated into `ui/src/bindings/` by `cargo test -p locatiescout-app`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use locatiescout::engine::profile::Profile;
use locatiescout::io::import::{Flagged, ImportReport, LayerKind};
use std::collections::HashMap;

use locatiescout::engine::score::{ListQuery, Sensitivity, SiteDetail, SiteFilter, SortKey};
use locatiescout::io::project::{Flag, FlagImport};

use crate::state::Session;
use locatiescout::model::site_name::SiteNamer;
use locatiescout::model::text::Lang;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct CriterionDto {
    pub key: String,
    pub label: String,
    pub weight: f64,
    pub default_weight: f64,
}

/// What the UI needs after a project is opened.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct OverviewDto {
    pub profile: String,
    pub profile_title: String,
    pub sites: u32,
    pub criteria: Vec<CriterionDto>,
    /// WGS84 [west, south, east, north] of the sites, for fitting the map.
    pub bounds: Option<[f64; 4]>,
    pub layers: Vec<LayerInfoDto>,
    /// Named overlay layers the spatial criteria read.
    pub overlays: Vec<OverlayInfoDto>,
    /// Spatial criteria that could not be scored, in Dutch, naming profile, criterion and layer.
    pub problems: Vec<String>,
    pub project: ProjectInfoDto,
}

/// A named overlay layer, for the layer panel and its legend.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct OverlayInfoDto {
    pub name: String,
    pub title: String,
    /// The title in English: the catalogue's for a default title, else as given.
    pub title_en: String,
    /// constraint, zoning or amenity (the UI names it in its language).
    pub role: String,
    pub file: String,
    pub features: u32,
    /// polygon, point or line: how the map draws it.
    pub geometry: String,
}

/// The open project file.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ProjectInfoDto {
    pub path: String,
    /// The file name without `.locatiescout`, for the title bar.
    pub name: String,
}

/// One row of the candidate list.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SiteRowDto {
    pub index: u32,
    pub rank: u32,
    /// The full source identifier (the row's tooltip; searches and e2e tests use it).
    pub id: String,
    /// As a planner names the site ("Voorbeeldstad A 9"): what the row shows.
    pub name: String,
    pub score: f64,
    pub homes: f64,
    /// Years; `null` when unknown, -1 for an open end.
    pub term_years: Option<f64>,
    pub grid: String,
    pub knocked_out: bool,
    pub explanation: String,
    /// The site's current flag status key, if flagged.
    pub flag: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct WeightDto {
    pub key: String,
    pub weight: f64,
}

/// After a weight change: the new top (the map fetches fresh tiles).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct RescoreDto {
    /// The map repaints from fresh tiles (a new scoring generation in Rust),
    /// so no per-site scores travel: 10 M of them would be 40 MB of JSON.
    pub top: Vec<SiteRowDto>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct CriterionScoreDto {
    pub key: String,
    pub label: String,
    pub share: f64,
    pub score: f64,
    pub knocked_out: bool,
    /// False when its layer is missing: not scored, its weight went to the others.
    pub scored: bool,
}

/// One spatial criterion of a site, with the feature that decided it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SpatialFactDto {
    pub key: String,
    pub label: String,
    /// Percent or metres; `null` when unknown or not scored.
    pub value: Option<f64>,
    pub unit: String,
    /// The overlay layer's name, or "panden" for the built share.
    pub layer: String,
    /// Feature number in that layer, to highlight on the map.
    pub feature: Option<u32>,
    pub feature_name: Option<String>,
    pub scored: bool,
    /// The Dutch sentence, e.g. "ligt voor 35 % in Natura 2000-gebied Rijntakken".
    pub text: String,
}

impl SpatialFactDto {
    fn new(f: locatiescout::engine::spatial::SpatialFact, lang: Lang) -> Self {
        SpatialFactDto {
            key: f.key,
            label: f.label,
            value: f.value,
            unit: f.unit.to_string(),
            layer: f.layer,
            feature: f.feature,
            feature_name: f.feature_name,
            scored: f.scored,
            text: f.text.render(lang),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SiteDetailDto {
    pub index: u32,
    pub id: String,
    /// As a planner names the site; the heading and what a screen reader hears.
    pub name: String,
    pub score: f64,
    pub band: String,
    pub explanation: String,
    pub knockout_reasons: Vec<String>,
    pub criteria: Vec<CriterionScoreDto>,
    pub spatial: Vec<SpatialFactDto>,
    pub attributes: Vec<(String, String)>,
    pub invalid_geometry: bool,
    pub source_file: String,
    pub source_feature: u32,
    /// WGS84 [west, south, east, north], for zooming the map to the site.
    pub bounds: Option<[f64; 4]>,
    /// The Rijksvastgoed listing this site is (or lies under), with its links.
    pub listing: Option<ListingLinksDto>,
    pub grid: GridDto,
}

/// A site's grid status and where it came from (indicative).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct GridDto {
    /// beschikbaar, beperkt, wachtrij, onbekend.
    pub status: String,
    pub year: Option<i32>,
    /// note, rvb or area; `null` when nothing is known.
    pub source: Option<String>,
    pub detail: String,
    /// For a note: the words that decided it.
    pub phrase: Option<String>,
    pub operator: Option<String>,
    pub queue_mw: Option<f64>,
}

impl GridDto {
    fn new(g: &locatiescout::engine::grid_connection::GridReading, lang: Lang) -> Self {
        GridDto {
            status: g.status.kind_text().render(lang),
            year: g.status.year(),
            source: g.source.map(|s| s.key().to_string()),
            detail: g.detail.render(lang),
            phrase: g.phrase.clone(),
            operator: g.operator.clone(),
            queue_mw: g.queue_mw,
        }
    }
}

/// A listing and every parcel and pand it overlaps, largest overlap first.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ListingLinksDto {
    /// RVB bouwwerkcode (or the listing's id).
    pub code: String,
    pub parcels: Vec<LinkedFeatureDto>,
    pub buildings: Vec<LinkedFeatureDto>,
}

/// One parcel or pand under a listing.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct LinkedFeatureDto {
    pub id: String,
    /// Share of the listing's area on this feature, in percent (100 for a point).
    pub share_pct: f64,
    /// Its site number when the current profile scores this layer.
    pub site: Option<u32>,
    pub score: Option<f64>,
}

impl ListingLinksDto {
    pub fn new(
        s: &Session,
        l: usize,
        links: &locatiescout::engine::link::ListingLinks,
    ) -> Option<Self> {
        let listings = s.ds.listings.as_ref()?;
        let linked = |layer: Option<&locatiescout::model::Layer>,
                      kind: LayerKind,
                      hits: &[locatiescout::engine::link::Overlap]| {
            let Some(layer) = layer else {
                return Vec::new();
            };
            let scored = s.scoring.site_kind == kind;
            hits.iter()
                .map(|o| {
                    let f = o.feature as usize;
                    LinkedFeatureDto {
                        id: layer.label(f),
                        share_pct: (o.share_of_listing * 1000.0).round() / 10.0,
                        site: scored.then_some(o.feature),
                        score: scored
                            .then(|| s.scoring.scores.get(f).map(|v| f64::from(*v)))
                            .flatten(),
                    }
                })
                .collect()
        };
        Some(ListingLinksDto {
            code: listings.label(l),
            parcels: linked(s.ds.parcels.as_ref(), LayerKind::Parcels, &links.parcels),
            buildings: linked(
                s.ds.buildings.as_ref(),
                LayerKind::Buildings,
                &links.buildings,
            ),
        })
    }
}

impl SiteDetailDto {
    /// The detail with every sentence rendered in `lang`.
    pub fn new(d: SiteDetail, lang: Lang) -> Self {
        SiteDetailDto {
            index: d.index,
            id: d.id,
            name: d.name,
            score: d.score,
            band: d.band.render(lang),
            explanation: d.explanation.render(lang),
            knockout_reasons: d.knockout_reasons.iter().map(|r| r.render(lang)).collect(),
            criteria: d
                .criteria
                .into_iter()
                .map(|c| CriterionScoreDto {
                    key: c.key,
                    label: c.label,
                    share: c.share,
                    score: c.score,
                    knocked_out: c.knocked_out,
                    scored: c.scored,
                })
                .collect(),
            spatial: d
                .spatial
                .into_iter()
                .map(|f| SpatialFactDto::new(f, lang))
                .collect(),
            attributes: d.attributes,
            invalid_geometry: d.invalid_geometry,
            source_file: d.source_file,
            source_feature: d.source_feature as u32,
            bounds: None,
            listing: None,
            grid: GridDto::new(&d.facts.grid_reading, lang),
        }
    }
}

pub fn site_rows(s: &Session, sites: &[u32], lang: Lang) -> Vec<SiteRowDto> {
    let (ds, sc) = (&s.ds, &s.scoring);
    let Some(layer) = ds.site_layer(&sc.profile) else {
        return Vec::new();
    };
    let namer = SiteNamer::new(layer);
    sites
        .iter()
        .enumerate()
        .map(|(r, &i)| {
            let idx = i as usize;
            let t = sc.term_years[idx];
            SiteRowDto {
                index: i,
                rank: r as u32 + 1,
                id: layer.label(idx),
                name: namer.name(idx),
                score: f64::from(sc.scores[idx]),
                homes: f64::from(sc.homes[idx]),
                term_years: if t.is_nan() {
                    None
                } else if t.is_infinite() {
                    Some(-1.0)
                } else {
                    Some(f64::from(t))
                },
                grid: sc.grid[idx].text().render(lang),
                knocked_out: sc.is_knocked_out(idx),
                explanation: sc.explain(ds, idx).render(lang),
                flag: s.flags.get(&i).map(|f| f.status.key().to_string()),
            }
        })
        .collect()
}

#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub enum SortKeyDto {
    Score,
    Homes,
    Term,
    Grid,
}

/// The candidate list's order and filter, as the UI controls set them.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ListQueryDto {
    pub sort: SortKeyDto,
    pub ascending: bool,
    pub min_score: f64,
    pub include_knockouts: bool,
    pub text: String,
    pub limit: u32,
    /// `null`/"all", "any" (flagged), "none" (not flagged) or a flag status key.
    pub flag: Option<String>,
    /// "Alleen vrije grond": built share known and low.
    #[serde(default)]
    pub free_only: bool,
    /// "Zonder harde beperking": not in a constraint layer, not knocked out spatially.
    #[serde(default)]
    pub unconstrained_only: bool,
}

impl ListQueryDto {
    /// The core's query; `flag` becomes a set of sites to keep or leave out.
    pub fn to_query(self, flags: &HashMap<u32, Flag>) -> ListQuery {
        let sites = match self.flag.as_deref().map(str::trim) {
            None | Some("") | Some("all") => None,
            Some("none") => Some(SiteFilter::Except(flags.keys().copied().collect())),
            Some("any") => Some(SiteFilter::Only(flags.keys().copied().collect())),
            Some(status) => Some(SiteFilter::Only(
                flags
                    .iter()
                    .filter(|(_, f)| f.status.key() == status)
                    .map(|(i, _)| *i)
                    .collect(),
            )),
        };
        ListQuery {
            sort: match self.sort {
                SortKeyDto::Score => SortKey::Score,
                SortKeyDto::Homes => SortKey::Homes,
                SortKeyDto::Term => SortKey::Term,
                SortKeyDto::Grid => SortKey::Grid,
            },
            ascending: self.ascending,
            min_score: self.min_score,
            include_knockouts: self.include_knockouts,
            text: self.text,
            limit: self.limit as usize,
            free_only: self.free_only,
            unconstrained_only: self.unconstrained_only,
            sites,
        }
    }
}

/// Which layer a file is opened as; the UI's "soort bestand".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub enum LayerKindDto {
    Parcels,
    Buildings,
    Listings,
    /// The municipal boundary (or any area drawn as an outline).
    Outline,
    /// Grid congestion areas (capaciteitskaart).
    Congestion,
    /// A named overlay layer a spatial criterion reads (name and role chosen with it).
    Overlay,
}

impl From<LayerKindDto> for LayerKind {
    fn from(k: LayerKindDto) -> Self {
        match k {
            LayerKindDto::Parcels => LayerKind::Parcels,
            LayerKindDto::Buildings => LayerKind::Buildings,
            LayerKindDto::Listings => LayerKind::Listings,
            LayerKindDto::Outline | LayerKindDto::Overlay => LayerKind::Overlay,
            LayerKindDto::Congestion => LayerKind::Congestion,
        }
    }
}

/// A loaded layer, for the "Gegevens" panel.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct LayerInfoDto {
    pub kind: LayerKindDto,
    pub file: String,
    pub features: u32,
    pub invalid: u32,
}

/// One line of a report list: the feature (index or CSV line) and the Dutch reason.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ProblemDto {
    pub index: u32,
    pub id: Option<String>,
    pub message: String,
}

/// How many rows of each problem list cross IPC; the counts stay exact.
const REPORT_ROWS: usize = 200;

/// The import report as the UI shows it after a file is opened.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ImportReportDto {
    pub path: String,
    pub format: String,
    pub kind: LayerKindDto,
    /// E.g. "RD New (EPSG:28992)".
    pub crs: String,
    /// Dutch: how the CRS was decided.
    pub crs_decision: String,
    pub features_read: u32,
    pub imported: u32,
    pub geometry_counts: Vec<(String, u32)>,
    /// Source field → what Locatiescout read it as (`null`: kept as extra attribute).
    pub fields: Vec<(String, Option<String>)>,
    pub skipped_count: u32,
    pub skipped: Vec<ProblemDto>,
    pub invalid_count: u32,
    pub invalid: Vec<ProblemDto>,
    pub warning_count: u32,
    pub warnings: Vec<ProblemDto>,
    pub notes: Vec<String>,
    pub needs_geocoding: u32,
}

impl ImportReportDto {
    pub fn new(kind: LayerKindDto, r: &ImportReport) -> Self {
        let flagged = |v: &[Flagged]| {
            v.iter()
                .take(REPORT_ROWS)
                .map(|f| ProblemDto {
                    index: f.index as u32,
                    id: f.id.clone(),
                    message: f.message.clone(),
                })
                .collect()
        };
        ImportReportDto {
            path: r.path.display().to_string(),
            format: r.format.clone(),
            kind,
            crs: r.crs.map(|c| c.to_string()).unwrap_or_default(),
            crs_decision: r
                .crs_decision
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            features_read: r.features_read as u32,
            imported: r.imported as u32,
            geometry_counts: r
                .geometry_counts
                .iter()
                .map(|(k, v)| (k.clone(), *v as u32))
                .collect(),
            fields: r
                .fields
                .iter()
                .map(|f| (f.name.clone(), f.recognised_as.map(|k| k.key().to_string())))
                .collect(),
            skipped_count: r.skipped_count as u32,
            skipped: r
                .skipped
                .iter()
                .take(REPORT_ROWS)
                .map(|s| ProblemDto {
                    index: s.index as u32,
                    id: None,
                    message: s.reason.clone(),
                })
                .collect(),
            invalid_count: r.invalid_count as u32,
            invalid: flagged(&r.invalid),
            warning_count: r.warning_count as u32,
            warnings: flagged(&r.warnings),
            notes: r.notes.clone(),
            needs_geocoding: r.needs_geocoding.len() as u32,
        }
    }
}

/// A file was opened: the new state of the project and what the import found.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ImportResultDto {
    pub overview: OverviewDto,
    pub report: ImportReportDto,
}

/// One feature layer of a GeoPackage, for the layer chooser.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct GpkgLayerDto {
    pub name: String,
    /// `POLYGON`, `POINT`, … as the file declares it; empty when unsaid.
    pub geometry_type: String,
    #[ts(type = "number")]
    pub features: u64,
    /// The CRS in words, or the file's own name for one Locatiescout does not read.
    pub crs: String,
}

impl From<&locatiescout::io::import::gpkg::GpkgLayer> for GpkgLayerDto {
    fn from(l: &locatiescout::io::import::gpkg::GpkgLayer) -> Self {
        GpkgLayerDto {
            name: l.name.clone(),
            geometry_type: l.geometry_type.clone().unwrap_or_default(),
            features: l.features,
            crs: l.crs.map_or_else(
                || format!("{} (srs_id {})", l.srs_name, l.srs_id),
                |c| c.to_string(),
            ),
        }
    }
}

/// Sent over a channel while a file is read.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ImportProgressDto {
    #[ts(type = "number")]
    pub bytes_done: u64,
    #[ts(type = "number")]
    pub bytes_total: u64,
}

/// Whether the top of the list holds when each weight moves ±shift.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SensitivityDto {
    pub top_n: u32,
    pub shift_percent: f64,
    pub sites: Vec<SiteStabilityDto>,
    pub criteria: Vec<CriterionShiftDto>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SiteStabilityDto {
    pub index: u32,
    pub rank: u32,
    /// Worst rank seen under any shift; `null` when it fell out of sight.
    pub worst_rank: Option<u32>,
    pub stable: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct CriterionShiftDto {
    pub key: String,
    pub label: String,
    /// Share of the top that stays when this weight goes down / up.
    pub overlap_down: f64,
    pub overlap_up: f64,
}

impl SensitivityDto {
    pub fn new(s: &Sensitivity, profile: &Profile) -> Self {
        SensitivityDto {
            top_n: s.top_n as u32,
            shift_percent: s.shift * 100.0,
            sites: s
                .sites
                .iter()
                .map(|x| SiteStabilityDto {
                    index: x.site,
                    rank: x.rank as u32,
                    worst_rank: x.worst_rank.map(|r| r as u32),
                    stable: x.stable,
                })
                .collect(),
            criteria: s
                .per_criterion
                .iter()
                .map(|c| CriterionShiftDto {
                    key: c.key.clone(),
                    label: profile
                        .criteria
                        .iter()
                        .find(|p| p.key == c.key)
                        .map(|p| p.label.clone())
                        .unwrap_or_else(|| c.key.clone()),
                    overlap_down: c.overlap_down,
                    overlap_up: c.overlap_up,
                })
                .collect(),
        }
    }
}

/// One event of a site's flag history.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct FlagDto {
    pub site_id: String,
    /// Status key: kansrijk, in_onderzoek, aangeboden, gereserveerd, niet_geschikt.
    pub status: String,
    pub status_label: String,
    pub note: String,
    pub author: String,
    /// RFC 3339, UTC.
    pub at: String,
    /// "local" or "import:<file>".
    pub origin: String,
}

impl From<&Flag> for FlagDto {
    fn from(f: &Flag) -> Self {
        FlagDto {
            site_id: f.site_id.clone(),
            status: f.status.key().to_string(),
            status_label: f.status.label().to_string(),
            note: f.note.clone(),
            author: f.author.clone(),
            at: f.at.clone(),
            origin: f.origin.clone(),
        }
    }
}

/// A flagged site of the site layer, for the map.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SiteFlagDto {
    pub index: u32,
    pub status: String,
}

/// After flagging: how many were set and which sites could not be flagged, and why.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct FlagResultDto {
    pub flagged: u32,
    pub skipped: Vec<String>,
}

/// Differing flags after an import: what is current now and what stays in the history.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct FlagConflictDto {
    pub site_id: String,
    pub current: FlagDto,
    pub other: FlagDto,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct FlagImportDto {
    pub path: String,
    pub imported: u32,
    pub duplicates: u32,
    /// Row (line or feature number) and reason.
    pub rejected: Vec<(u32, String)>,
    pub conflicts: Vec<FlagConflictDto>,
}

impl From<&FlagImport> for FlagImportDto {
    fn from(r: &FlagImport) -> Self {
        FlagImportDto {
            path: r.path.display().to_string(),
            imported: r.imported as u32,
            duplicates: r.duplicates as u32,
            rejected: r
                .rejected
                .iter()
                .map(|(l, m)| (*l as u32, m.clone()))
                .collect(),
            conflicts: r
                .conflicts
                .iter()
                .map(|c| {
                    let (current, other) = if c.incoming_wins {
                        (&c.incoming, &c.local)
                    } else {
                        (&c.local, &c.incoming)
                    };
                    FlagConflictDto {
                        site_id: c.site_id.clone(),
                        current: current.into(),
                        other: other.into(),
                    }
                })
                .collect(),
        }
    }
}

/// What joining an attribute table to the listings matched and what it did not.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct JoinReportDto {
    pub path: String,
    pub rows: u32,
    pub features: u32,
    pub matched: u32,
    pub matched_keys: u32,
    /// Features without a row: index and label.
    pub unmatched_features: Vec<(u32, String)>,
    /// Rows without a feature: line and key.
    pub unmatched_rows: Vec<(u32, String)>,
    pub duplicate_keys: Vec<(u32, String)>,
    /// Rows not read as they stood: line and why.
    pub skipped_rows: Vec<(u32, String)>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct JoinResultDto {
    pub overview: OverviewDto,
    pub report: JoinReportDto,
}

impl JoinReportDto {
    pub fn new(r: &locatiescout::io::join::JoinReport, features: usize) -> Self {
        let rows = |v: &[(usize, String)]| v.iter().map(|(l, k)| (*l as u32, k.clone())).collect();
        JoinReportDto {
            path: r.csv.display().to_string(),
            rows: r.rows as u32,
            features: features as u32,
            matched: r.matched as u32,
            matched_keys: r.matched_keys as u32,
            unmatched_features: rows(&r.unmatched_features),
            unmatched_rows: rows(&r.unmatched_rows),
            duplicate_keys: rows(&r.duplicate_keys),
            skipped_rows: rows(&r.skipped_rows),
        }
    }
}

/// A file's columns for the field-mapping dialog.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct FieldPreviewDto {
    pub file: String,
    /// The mapping shown is the one remembered for this source.
    pub remembered: bool,
    pub features: u32,
    /// How many features the mapping shown imports.
    pub imported: u32,
    pub columns: Vec<ColumnPreviewDto>,
    /// Every field key a column can feed (`rvb_code`, `x_rd`, …).
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ColumnPreviewDto {
    pub name: String,
    pub filled: u32,
    pub samples: Vec<String>,
    /// Field key, or `null` to keep the column as a plain attribute.
    pub field: Option<String>,
}

/// The dialog's answer for one column.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ColumnChoiceDto {
    pub name: String,
    pub field: Option<String>,
}

impl FieldPreviewDto {
    pub fn new(file: &str, p: locatiescout::io::fieldmap::FieldPreview, remembered: bool) -> Self {
        FieldPreviewDto {
            file: file.to_string(),
            remembered,
            features: p.features as u32,
            imported: p.imported as u32,
            columns: p
                .columns
                .into_iter()
                .map(|c| ColumnPreviewDto {
                    name: c.name,
                    filled: c.filled as u32,
                    samples: c.samples,
                    field: c.field.map(|f| f.key().to_string()),
                })
                .collect(),
            fields: locatiescout::model::FieldMap::all_fields()
                .iter()
                .filter(|f| **f != locatiescout::model::Field::EndOfValidity)
                .map(|f| f.key().to_string())
                .collect(),
        }
    }
}

/// How congestion areas are read: field names and the colour code mapping
/// (a project setting; the default is the capaciteitskaart's).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct CongestionConfigDto {
    pub id_field: String,
    pub offtake_field: String,
    pub feedin_field: String,
    pub managed_field: String,
    pub operator_field: String,
    pub queue_mw_field: String,
    pub solved_year_field: String,
    /// Code as written in the file → colour key (no_info, transparent, yellow, orange, red).
    pub codes: Vec<(String, String)>,
}

impl From<&locatiescout::engine::congestion::CongestionConfig> for CongestionConfigDto {
    fn from(c: &locatiescout::engine::congestion::CongestionConfig) -> Self {
        CongestionConfigDto {
            id_field: c.id_field.clone(),
            offtake_field: c.offtake_field.clone(),
            feedin_field: c.feedin_field.clone(),
            managed_field: c.managed_field.clone(),
            operator_field: c.operator_field.clone(),
            queue_mw_field: c.queue_mw_field.clone(),
            solved_year_field: c.solved_year_field.clone(),
            codes: c
                .codes
                .iter()
                .map(|(k, v)| (k.clone(), v.key().to_string()))
                .collect(),
        }
    }
}

impl CongestionConfigDto {
    /// The core's config; an unknown colour key is refused by name.
    pub fn to_config(&self) -> Result<locatiescout::engine::congestion::CongestionConfig, String> {
        let mut codes = std::collections::BTreeMap::new();
        for (code, colour) in &self.codes {
            let c = locatiescout::engine::congestion::Colour::from_key(colour)
                .ok_or_else(|| format!("onbekende kleur '{colour}' voor code '{code}'"))?;
            codes.insert(code.trim().to_string(), c);
        }
        Ok(locatiescout::engine::congestion::CongestionConfig {
            id_field: self.id_field.clone(),
            offtake_field: self.offtake_field.clone(),
            feedin_field: self.feedin_field.clone(),
            managed_field: self.managed_field.clone(),
            operator_field: self.operator_field.clone(),
            queue_mw_field: self.queue_mw_field.clone(),
            solved_year_field: self.solved_year_field.clone(),
            codes,
        })
    }
}

/// Core types the window sends as command arguments (not inside a DTO) are
/// written with the DTOs' bindings, from here: their own crates build without ts-rs.
#[cfg(test)]
mod core_bindings {
    use ts_rs::TS;

    #[test]
    fn export_bindings_of_core_arguments() {
        locatiescout::import::OverlayChoice::export_all().expect("OverlayChoice.ts written");
        locatiescout::engine::werkprogramma::Werkprogramma::export_all()
            .expect("Werkprogramma.ts written");
    }
}
