//! The werkprogramma exchange format: the GeoPackage a municipality hands in and
//! a province, the Rijk or the RVB rolls up (docs/werkprogramma-gpkg.md).
//! Written by the werkprogramma export, read by the regional roll-up; the table
//! names, the column types and the schema version are defined here once so the
//! writer, the reader and the documentation cannot drift apart.

use geo::MultiPolygon;

/// `schema` in the metadata table: what kind of GeoPackage this is.
pub const SCHEMA: &str = "locatiescout-werkprogramma";
/// Raised when a column changes meaning or a required one is added; a reader
/// refuses a newer version and says so (added optional columns keep the version).
pub const SCHEMA_VERSION: u32 = 1;

pub const META_TABLE: &str = "werkprogramma_metadata";
pub const SITES_TABLE: &str = "werkprogramma_locaties";
pub const PERIODS_TABLE: &str = "werkprogramma_periodes";
pub const KNELPUNTEN_TABLE: &str = "werkprogramma_knelpunten";
pub const SCHEMES_TABLE: &str = "werkprogramma_regelingen";

/// Every column of the attribute and feature tables with its SQL type, in the
/// order written (`fid` and `geom` aside). The writer declares these types
/// whatever the rows hold, and a test checks docs/werkprogramma-gpkg.md lists each.
pub const COLUMNS: &[(&str, &str, &str)] = &[
    (SITES_TABLE, "gemeente_code", "TEXT"),
    (SITES_TABLE, "locatie", "TEXT"),
    (SITES_TABLE, "woonvorm", "TEXT"),
    (SITES_TABLE, "woonvorm_code", "TEXT"),
    (SITES_TABLE, "eenheden", "DOUBLE"),
    (SITES_TABLE, "eenheid", "TEXT"),
    (SITES_TABLE, "personen_per_eenheid", "DOUBLE"),
    (SITES_TABLE, "aandeel_statushouders", "DOUBLE"),
    (SITES_TABLE, "eenheden_statushouders", "DOUBLE"),
    (SITES_TABLE, "personen_statushouders", "DOUBLE"),
    (SITES_TABLE, "gepland", "TEXT"),
    (SITES_TABLE, "periode_nr", "INTEGER"),
    (SITES_TABLE, "haalbaar", "TEXT"),
    (SITES_TABLE, "haalbaar_periode_nr", "INTEGER"),
    (SITES_TABLE, "doelgroepen", "TEXT"),
    (SITES_TABLE, "score", "DOUBLE"),
    (SITES_TABLE, "klasse", "TEXT"),
    (SITES_TABLE, "beschikbaar", "TEXT"),
    (SITES_TABLE, "netaansluiting", "TEXT"),
    (SITES_TABLE, "vlag", "TEXT"),
    (SITES_TABLE, "eigenaar", "TEXT"),
    (SITES_TABLE, "identificatie", "TEXT"),
    (SITES_TABLE, "notitie", "TEXT"),
    (SITES_TABLE, "investering_per_woning", "DOUBLE"),
    (SITES_TABLE, "huur_per_maand", "DOUBLE"),
    (SITES_TABLE, "termijn_jaren", "DOUBLE"),
    (SITES_TABLE, "verplaatsingen", "DOUBLE"),
    (SITES_TABLE, "restwaarde", "DOUBLE"),
    (SITES_TABLE, "disconteringsvoet", "DOUBLE"),
    (SITES_TABLE, "investering", "DOUBLE"),
    (SITES_TABLE, "ncw_zonder_regelingen", "DOUBLE"),
    (SITES_TABLE, "sft", "DOUBLE"),
    (SITES_TABLE, "rthf", "DOUBLE"),
    (SITES_TABLE, "ncw", "DOUBLE"),
    (SITES_TABLE, "tekort", "DOUBLE"),
    (SITES_TABLE, "restant_tekort", "DOUBLE"),
    (SITES_TABLE, "restant_per_woning", "DOUBLE"),
    (SITES_TABLE, "rthf_garantie_gemeente", "DOUBLE"),
    (PERIODS_TABLE, "periode", "TEXT"),
    (PERIODS_TABLE, "periode_nr", "INTEGER"),
    (PERIODS_TABLE, "jaar", "INTEGER"),
    (PERIODS_TABLE, "helft", "INTEGER"),
    (PERIODS_TABLE, "taakstelling_personen", "DOUBLE"),
    (PERIODS_TABLE, "achterstand_personen", "DOUBLE"),
    (PERIODS_TABLE, "te_huisvesten_personen", "DOUBLE"),
    (PERIODS_TABLE, "ambitie_personen", "DOUBLE"),
    (PERIODS_TABLE, "gepland_eenheden", "DOUBLE"),
    (PERIODS_TABLE, "gepland_personen", "DOUBLE"),
    (PERIODS_TABLE, "haalbaar_eenheden", "DOUBLE"),
    (PERIODS_TABLE, "haalbaar_personen", "DOUBLE"),
    (PERIODS_TABLE, "regulier_personen", "DOUBLE"),
    (PERIODS_TABLE, "niet_gehuisvest_personen", "DOUBLE"),
    (KNELPUNTEN_TABLE, "categorie", "TEXT"),
    (KNELPUNTEN_TABLE, "categorie_code", "TEXT"),
    (KNELPUNTEN_TABLE, "sleutel", "TEXT"),
    (KNELPUNTEN_TABLE, "knelpunt", "TEXT"),
    (KNELPUNTEN_TABLE, "locaties", "TEXT"),
    (KNELPUNTEN_TABLE, "houdt_tegen_personen", "DOUBLE"),
    (KNELPUNTEN_TABLE, "houdt_tegen_eenheden", "DOUBLE"),
    (KNELPUNTEN_TABLE, "steun_van", "TEXT"),
    (KNELPUNTEN_TABLE, "steun_van_code", "TEXT"),
    (KNELPUNTEN_TABLE, "vraag", "TEXT"),
    (KNELPUNTEN_TABLE, "bron", "TEXT"),
    (SCHEMES_TABLE, "regel", "INTEGER"),
    (SCHEMES_TABLE, "locatie", "TEXT"),
    (SCHEMES_TABLE, "regeling_code", "TEXT"),
    (SCHEMES_TABLE, "regeling", "TEXT"),
    (SCHEMES_TABLE, "past", "INTEGER"),
    (SCHEMES_TABLE, "telt", "INTEGER"),
    (SCHEMES_TABLE, "eenheden", "DOUBLE"),
    (SCHEMES_TABLE, "bedrag", "DOUBLE"),
    (SCHEMES_TABLE, "garantie_gemeente", "DOUBLE"),
    (SCHEMES_TABLE, "toelichting", "TEXT"),
];

/// The declared SQL type of `column` in `table`.
pub fn column_type(table: &str, column: &str) -> Option<&'static str> {
    COLUMNS
        .iter()
        .find(|(t, c, _)| *t == table && *c == column)
        .map(|(_, _, ty)| *ty)
}

/// The keys of the metadata table (`sleutel`, `waarde`, both text), in order.
pub const META_KEYS: &[&str] = &[
    "schema",
    "schema_versie",
    "locatiescout_versie",
    "gemeente_code",
    "gemeente_naam",
    "peildatum",
    "gemaakt_op",
    "eerste_periode",
    "aantal_periodes",
    "ambitie_aandeel",
    "ambitie_inclusief_achterstand",
    "taakstelling_personen",
    "achterstand_personen",
    "ambitie_personen",
    "gepland_personen",
    "haalbaar_personen",
    "tekort_personen",
    "ambitie_gehaald",
    "conclusie_ambitie",
    "conclusie_taakstelling",
    "niet_gehuisvest_personen",
    "samenwerking_personen",
    "rvb_tender_woningen",
    "rvb_tender_typen",
    "steun",
];

/// The metadata of one werkprogramma, as read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    pub schema_version: u32,
    pub locatiescout_version: String,
    /// CBS code such as `GM0344`; empty when the municipality set none.
    pub gemeente_code: String,
    pub gemeente_naam: String,
    /// The reference date of the computation.
    pub reference_date: chrono::NaiveDate,
    /// When the file was written (RFC 3339, UTC): the later of two files with the same date wins.
    pub created_at: String,
    pub ambition_share: f64,
    pub ambition_includes_backlog: bool,
    pub taakstelling_persons: f64,
    pub backlog_persons: f64,
    pub ambition_persons: f64,
    pub planned_persons: f64,
    pub feasible_persons: f64,
    /// Persons short of the ambition on what is feasible (0 when reached).
    pub gap_persons: f64,
    pub reached: bool,
    pub verdict: String,
    pub taakstelling_verdict: String,
    pub unhoused_persons: f64,
    pub cooperation_persons: f64,
    pub rvb_tender_homes: f64,
    pub rvb_tender_types: String,
    pub support: String,
}

/// One line of the werkprogramma (a site, or homes without a site).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SubmittedSite {
    /// The line number (the feature id), 1-based.
    pub line: u32,
    pub label: String,
    /// The housing form's key (`flex`, `transformatie`, …).
    pub form: String,
    pub units: f64,
    pub units_statushouders: f64,
    pub persons_statushouders: f64,
    /// 1-based period the homes are planned in.
    pub period: Option<u32>,
    /// 1-based period they can really be delivered in; `None`: not within the periods.
    pub feasible_period: Option<u32>,
    pub score: Option<f64>,
    pub source_id: String,
    /// In RD New; `None` for a line without a site.
    pub shape: Option<MultiPolygon<f64>>,
}

/// One half-year period's figures (the total row is not read: it is the sum).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SubmittedPeriod {
    pub nr: u32,
    pub year: i32,
    /// 1 = January–June, 2 = July–December.
    pub half: u8,
    pub taakstelling_persons: f64,
    pub backlog_persons: f64,
    pub ambition_persons: f64,
    pub planned_units: f64,
    pub planned_persons: f64,
    pub feasible_units: f64,
    pub feasible_persons: f64,
    pub regular_stock_persons: f64,
    pub unhoused_persons: f64,
}

/// One knelpunt with what it blocks and the support asked.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SubmittedKnelpunt {
    /// `locaties`, `procedures`, `capaciteit`, `exploitatie`, `financiering`.
    pub category: String,
    /// Stable key of a derived knelpunt (`grid_queue`, …); `eigen` for one entered.
    pub key: String,
    pub text: String,
    pub sites: String,
    pub blocked_persons: f64,
    pub blocked_units: f64,
    /// `rijk`, `provincie`, `netbeheerder`, `rvb`, `kwartiermakers`, `gemeente`.
    pub addressee: Option<String>,
    pub ask: String,
}

/// One line's fit with one funding scheme.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SubmittedScheme {
    pub line: u32,
    /// `sft`, `rthf`, `dfr`, `grote_gezinnen`, `rha`.
    pub key: String,
    pub fits: bool,
    /// Whether the amount is part of the business case (else an indication).
    pub counted: bool,
    pub units: f64,
    pub amount_eur: f64,
    pub contingent_eur: f64,
}

/// A whole werkprogramma as read from its GeoPackage.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Submission {
    pub meta: Meta,
    pub sites: Vec<SubmittedSite>,
    pub periods: Vec<SubmittedPeriod>,
    pub knelpunten: Vec<SubmittedKnelpunt>,
    pub schemes: Vec<SubmittedScheme>,
}

/// A municipality of the bundled CBS list (2024) with its province and outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Gemeente {
    pub code: String,
    pub naam: String,
    pub provincie_code: String,
    pub provincie: String,
    /// Generalised, RD New.
    pub shape: MultiPolygon<f64>,
}
