//! What [`assess`](fn@super::assess) computes: per period, per site, the ambition
//! and taakstelling checks and the knelpunten summed over the sites — what the
//! report, the spreadsheet and the app show.

use std::collections::BTreeMap;

use super::input::{Addressee, Entry, Knelpunt, KnelpuntCategory, Werkprogramma};
use crate::business::BusinessCase;
use crate::grid_connection::GridStatus;
use crate::score::Term;
use locatiescout_model::text::Text;

/// One period's numbers: what is planned in it and what can really be delivered in it.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct PeriodResult {
    pub label: Text,
    pub taakstelling_persons: f64,
    /// This period's part of the backlog.
    pub backlog_persons: f64,
    /// Taakstelling plus the part of the backlog.
    pub persons_to_house: f64,
    /// This period's part of the ambition (information: the ambition is judged over all periods).
    pub ambition_persons: f64,
    /// Homes and places planned in this period, all and for statushouders, and the persons these house.
    pub planned_units: f64,
    pub planned_units_statushouders: f64,
    pub planned_persons: f64,
    /// The same for what can be delivered in this period (availability, grid, reference date).
    pub feasible_units: f64,
    pub feasible_units_statushouders: f64,
    pub feasible_persons: f64,
    pub regular_stock_persons: f64,
    /// Housed through the cooperation with other municipalities (only in the
    /// total and its own row: the input is not per period).
    pub cooperation_persons: f64,
    /// Already housed in the period up to the peildatum (information, not counted again).
    pub realised_persons: f64,
    /// To house minus housed (regular stock, feasible, cooperation): positive is
    /// still without a home, negative more housed than asked. Rows add up to the total.
    pub balance_persons: f64,
}

/// The 20 % check over all periods together (DOMAIN.md, "Reading the 20 % ambition").
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct AmbitionCheck {
    pub share: f64,
    pub includes_backlog: bool,
    /// Persons the share is taken of.
    pub base_persons: f64,
    /// Whole persons: the share of the base, rounded up.
    pub ambition_persons: f64,
    pub planned_persons: f64,
    pub feasible_persons: f64,
    /// Persons short of the ambition on what is feasible (0 when reached).
    pub gap_persons: f64,
    /// What is feasible as a share of the base.
    pub feasible_share: Option<f64>,
    pub reached: bool,
    /// One short sentence.
    pub verdict: Text,
}

/// The taakstelling and backlog over all periods (the note's first aim).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct TaakstellingCheck {
    pub taakstelling_persons: f64,
    pub backlog_persons: f64,
    pub regular_stock_persons: f64,
    pub additional_persons: f64,
    pub cooperation_persons: f64,
    /// Left without a home after the periods.
    pub unhoused_persons: f64,
    pub cleared: bool,
    pub verdict: Text,
}

/// The doelgroepenmix's row of homes assigned to no target group.
pub const UNASSIGNED: &str = "niet toegewezen";

/// An entry with everything computed for it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SiteRow {
    pub entry: Entry,
    /// The entry's name, the address or parcel, or the id; never empty.
    pub label: String,
    pub found: bool,
    pub score: Option<f64>,
    pub band: Option<Text>,
    pub period_label: Text,
    /// Whole homes or places, the part for statushouders, and the persons they
    /// house (whole numbers, rounded once over all entries so they add up).
    pub units: f64,
    pub unit_word: &'static str,
    pub persons_per_unit: f64,
    pub units_statushouders: f64,
    pub persons_statushouders: f64,
    /// The first period the homes can really be delivered in (`None`: not within the periods).
    pub feasible_period: Option<usize>,
    pub feasible_label: Text,
    /// The one cause (a knelpunt key) the homes come later than planned or not at all.
    pub cause: Option<String>,
    /// The earliest day of the keys (dd-mm-jjjj; empty when blocked).
    pub ready_date: String,
    /// Months from the peildatum or the free site to the keys.
    pub lead_time_months: u32,
    /// The exact homes for statushouders before rounding over all entries (the
    /// persons follow from the whole homes).
    pub units_statushouders_exact: f64,
    pub area_m2: Option<f64>,
    pub term: Option<Term>,
    pub term_text: Text,
    pub grid_status: Option<GridStatus>,
    pub grid_text: Text,
    pub owner: Option<String>,
    pub flag: Option<Text>,
    pub business: BusinessCase,
    /// Remaining gap by build cost (rows) and varied assumption (columns); see
    /// `business::COST_FACTORS` and `business::SENSITIVITY_COLUMNS`.
    pub sensitivity: Vec<Vec<f64>>,
    pub knelpunten: Vec<Knelpunt>,
}

/// Overall knelpunten of one category: each distinct text with the sites it applies to.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CategorySummary {
    pub category: KnelpuntCategory,
    pub label: &'static str,
    pub items: Vec<KnelpuntItem>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct KnelpuntItem {
    pub key: String,
    pub text: Text,
    /// Site labels; empty for an overall knelpunt.
    pub sites: Vec<String>,
    pub derived: bool,
    /// Persons of the ambition's shortfall this knelpunt accounts for: each
    /// late person once, under its binding cause, together at most the shortfall.
    pub blocked_persons: f64,
    /// Persons for statushouders it keeps out of the periods (each once), and their homes.
    pub late_persons: f64,
    pub late_units: f64,
    /// The sites whose homes it keeps out of the periods (a subset of `sites`).
    pub late_sites: Vec<String>,
    /// Who is asked for support, and what.
    pub addressee: Option<Addressee>,
    pub ask: String,
}

/// A business-case number still at an unsourced default, with the entries that use it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AssumptionNote {
    pub text: Text,
    pub source: String,
    pub kind: &'static str,
    pub status: Text,
    pub sites: Vec<String>,
}

/// The werkprogramma computed: what the report, the spreadsheet and the app show.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WerkprogrammaReport {
    pub input: Werkprogramma,
    /// dd-mm-jjjj
    pub reference_date: String,
    pub periods: Vec<PeriodResult>,
    pub total: PeriodResult,
    pub ambition: AmbitionCheck,
    pub taakstelling: TaakstellingCheck,
    pub sites: Vec<SiteRow>,
    pub knelpunten: Vec<CategorySummary>,
    /// When the ambition is not reached: the knelpunten that hold back part of
    /// the shortfall, most first (together at most the shortfall).
    pub obstacles: Vec<KnelpuntItem>,
    /// When it is reached: the knelpunten that still keep homes out of the periods.
    pub risks: Vec<KnelpuntItem>,
    /// The verdict with the periods, what is feasible and what stands in the way.
    pub ambition_text: Text,
    pub reaches_ambition: bool,
    /// Whole units per target group over all entries, statushouders included and
    /// those assigned to no group ([`UNASSIGNED`]); they add up to the planned units.
    pub groups_total: BTreeMap<String, f64>,
    /// SFT counted in the business cases and not still to be applied for at short notice.
    pub sft_total_eur: f64,
    /// SFT counted in the business cases that is "nog aan te vragen": the scheme's last
    /// day lies within three months of the reference date (`SchemeFit::apply_by`).
    pub sft_to_apply_eur: f64,
    /// The earliest such day (dd-mm-jjjj): "nog aan te vragen vóór 31-12-2026".
    pub sft_apply_by: Option<String>,
    pub funding_gap_total_eur: f64,
    pub remaining_gap_total_eur: f64,
    /// The most the municipality may owe under RTHF guarantees.
    pub rthf_contingent_total_eur: f64,
    /// Remaining gap of all entries by build cost (rows) and varied assumption (columns).
    pub sensitivity: Vec<Vec<f64>>,
    pub assumptions: Vec<AssumptionNote>,
}
