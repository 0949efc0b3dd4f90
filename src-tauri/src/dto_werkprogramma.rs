//! Transport types of the comparison, the business case and the werkprogramma
//! where the window's view differs from the core's types: every sentence
//! rendered in the window's language. The werkprogramma's input and the
//! business case numbers travel as the core's own types (their TypeScript is
//! generated from them, feature `ts`), both ways: the UI edits them, Rust checks
//! and computes.

use serde::Serialize;
use ts_rs::TS;

use locatiescout::engine::business::{BusinessCase, BusinessParams};
use locatiescout::engine::werkprogramma::{
    Addressee, Entry, Knelpunt, KnelpuntCategory, PeriodResult, SiteRow, Werkprogramma,
    WerkprogrammaReport,
};
use locatiescout::model::text::{Lang, Text};

/// A knelpunt as the window shows it: its sentence in the window's language.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct KnelpuntDto {
    pub category: KnelpuntCategory,
    pub key: String,
    pub text: String,
    pub derived: bool,
}

impl KnelpuntDto {
    fn new(k: Knelpunt, lang: Lang) -> Self {
        KnelpuntDto {
            category: k.category,
            key: k.key,
            text: k.text.render(lang),
            derived: k.derived,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct PeriodDto {
    pub label: String,
    pub taakstelling_persons: f64,
    pub backlog_persons: f64,
    pub persons_to_house: f64,
    pub ambition_persons: f64,
    pub planned_units: f64,
    pub planned_units_statushouders: f64,
    pub planned_persons: f64,
    pub feasible_units: f64,
    pub feasible_units_statushouders: f64,
    pub feasible_persons: f64,
    pub regular_stock_persons: f64,
    /// Only in the total: housed through other municipalities over all periods.
    pub cooperation_persons: f64,
    pub realised_persons: f64,
    /// To house minus housed; negative is more housed than asked.
    pub balance_persons: f64,
}

impl PeriodDto {
    fn new(p: PeriodResult, lang: Lang) -> Self {
        PeriodDto {
            label: p.label.render(lang),
            taakstelling_persons: p.taakstelling_persons,
            backlog_persons: p.backlog_persons,
            persons_to_house: p.persons_to_house,
            ambition_persons: p.ambition_persons,
            planned_units: p.planned_units,
            planned_units_statushouders: p.planned_units_statushouders,
            planned_persons: p.planned_persons,
            feasible_units: p.feasible_units,
            feasible_units_statushouders: p.feasible_units_statushouders,
            feasible_persons: p.feasible_persons,
            regular_stock_persons: p.regular_stock_persons,
            cooperation_persons: p.cooperation_persons,
            realised_persons: p.realised_persons,
            balance_persons: p.balance_persons,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SchemeFitDto {
    pub key: String,
    pub name: String,
    pub fits: bool,
    /// Fits only under conditions not yet public ("mogelijk onder voorwaarden").
    pub conditional: bool,
    pub counted: bool,
    pub amount_eur: f64,
    pub reasons: Vec<String>,
    pub remarks: Vec<String>,
    pub contingent_eur: f64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct BusinessCaseDto {
    pub homes: f64,
    pub params: BusinessParams,
    pub investment_eur: f64,
    pub npv_before_schemes_eur: f64,
    pub npv_eur: f64,
    pub funding_gap_eur: f64,
    pub funding_gap_per_home_eur: f64,
    pub remaining_gap_eur: f64,
    pub remaining_gap_per_home_eur: f64,
    pub term_years: f64,
    pub schemes: Vec<SchemeFitDto>,
    /// Numbers still at a default without a (current) source, in Dutch.
    pub assumptions: Vec<String>,
}

impl BusinessCaseDto {
    fn new(b: BusinessCase, lang: Lang) -> Self {
        BusinessCaseDto {
            homes: b.homes,
            params: b.params,
            investment_eur: b.investment_eur,
            npv_before_schemes_eur: b.npv_before_schemes_eur,
            npv_eur: b.npv_eur,
            funding_gap_eur: b.funding_gap_eur,
            funding_gap_per_home_eur: b.funding_gap_per_home_eur,
            remaining_gap_eur: b.remaining_gap_eur,
            remaining_gap_per_home_eur: b.remaining_gap_per_home_eur,
            term_years: b.term_years,
            assumptions: b.assumptions.iter().map(|a| a.text.render(lang)).collect(),
            schemes: b
                .schemes
                .into_iter()
                .map(|s| SchemeFitDto {
                    key: s.key.into(),
                    name: s.name.into(),
                    fits: s.fits,
                    conditional: s.conditional,
                    counted: s.counted,
                    amount_eur: s.amount_eur,
                    reasons: s.reasons.iter().map(|r| r.render(lang)).collect(),
                    remarks: s.remarks.iter().map(|r| r.render(lang)).collect(),
                    contingent_eur: s.contingent_eur,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct WpSiteDto {
    pub entry: Entry,
    pub label: String,
    pub found: bool,
    pub score: Option<f64>,
    pub band: Option<String>,
    pub period_label: String,
    pub units: f64,
    pub unit_word: String,
    pub persons_per_unit: f64,
    pub units_statushouders: f64,
    pub persons_statushouders: f64,
    pub feasible_label: String,
    pub feasible: bool,
    /// The earliest day of the keys (dd-mm-jjjj), and why not sooner (the one cause).
    pub ready_date: String,
    pub cause: Option<String>,
    pub lead_time_months: u32,
    pub term_text: String,
    pub grid_text: String,
    pub owner: Option<String>,
    pub flag: Option<String>,
    pub business: BusinessCaseDto,
    pub knelpunten: Vec<KnelpuntDto>,
}

impl WpSiteDto {
    fn new(s: SiteRow, lang: Lang) -> Self {
        let unit_word = s.entry.form.unit_text(s.units).render(lang);
        WpSiteDto {
            entry: s.entry,
            label: s.label,
            found: s.found,
            score: s.score,
            band: s.band.map(|b| b.render(lang)),
            period_label: s.period_label.render(lang),
            units: s.units,
            unit_word,
            persons_per_unit: s.persons_per_unit,
            units_statushouders: s.units_statushouders,
            persons_statushouders: s.persons_statushouders,
            feasible_label: s.feasible_label.render(lang),
            feasible: s.feasible_period.is_some(),
            ready_date: s.ready_date,
            cause: s.cause.as_deref().and_then(|key| {
                locatiescout::model::text::known_key(&format!("kp.overall.{key}"))
                    .map(|key| Text::new(key).render(lang))
            }),
            lead_time_months: s.lead_time_months,
            term_text: s.term_text.render(lang),
            grid_text: s.grid_text.render(lang),
            owner: s.owner,
            flag: s.flag.map(|f| f.render(lang)),
            business: BusinessCaseDto::new(s.business, lang),
            knelpunten: s
                .knelpunten
                .into_iter()
                .map(|k| KnelpuntDto::new(k, lang))
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct KnelpuntItemDto {
    pub key: String,
    pub text: String,
    pub sites: Vec<String>,
    pub derived: bool,
    /// Part of the ambition's shortfall it accounts for (together at most the shortfall).
    pub blocked_persons: f64,
    /// Persons it keeps out of the periods (each once, under its one cause).
    pub late_persons: f64,
    pub addressee: Option<Addressee>,
    pub ask: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct KnelpuntGroupDto {
    pub category: KnelpuntCategory,
    pub label: String,
    pub items: Vec<KnelpuntItemDto>,
}

/// The werkprogramma computed, with its chart and map drawn by the core (SVG).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct WerkprogrammaDto {
    pub input: Werkprogramma,
    pub periods: Vec<PeriodDto>,
    pub total: PeriodDto,
    pub sites: Vec<WpSiteDto>,
    pub knelpunten: Vec<KnelpuntGroupDto>,
    pub ambition_text: String,
    pub reaches_ambition: bool,
    /// The 20 % verdict (one sentence) and the taakstelling's.
    pub ambition_verdict: String,
    pub taakstelling_verdict: String,
    pub ambition_persons: f64,
    pub feasible_persons: f64,
    pub planned_persons: f64,
    pub reference_date: String,
    /// Business-case numbers still at an unsourced default, with the entries using them.
    pub assumptions: Vec<String>,
    pub rthf_contingent_total_eur: f64,
    pub sft_total_eur: f64,
    /// SFT in the cases still to apply for, before `sft_apply_by` (dd-mm-jjjj).
    pub sft_to_apply_eur: f64,
    pub sft_apply_by: Option<String>,
    pub funding_gap_total_eur: f64,
    pub remaining_gap_total_eur: f64,
    pub chart_svg: String,
    pub map_svg: String,
    /// The project's business case numbers in effect (the defaults when none are set).
    pub business_defaults: BusinessParams,
}

impl WerkprogrammaDto {
    /// The werkprogramma with every sentence rendered in `lang`.
    pub fn new(r: WerkprogrammaReport, chart_svg: String, map_svg: String, lang: Lang) -> Self {
        let business_defaults = r.input.business.clone().unwrap_or_default();
        WerkprogrammaDto {
            input: r.input,
            periods: r
                .periods
                .into_iter()
                .map(|p| PeriodDto::new(p, lang))
                .collect(),
            total: PeriodDto::new(r.total, lang),
            sites: r
                .sites
                .into_iter()
                .map(|s| WpSiteDto::new(s, lang))
                .collect(),
            knelpunten: r
                .knelpunten
                .into_iter()
                .map(|c| KnelpuntGroupDto {
                    category: c.category,
                    label: c.label.into(),
                    items: c
                        .items
                        .into_iter()
                        .map(|i| KnelpuntItemDto {
                            key: i.key,
                            text: i.text.render(lang),
                            sites: i.sites,
                            derived: i.derived,
                            blocked_persons: i.blocked_persons,
                            late_persons: i.late_persons,
                            addressee: i.addressee,
                            ask: i.ask,
                        })
                        .collect(),
                })
                .collect(),
            ambition_text: r.ambition_text.render(lang),
            reaches_ambition: r.reaches_ambition,
            ambition_verdict: r.ambition.verdict.render(lang),
            taakstelling_verdict: r.taakstelling.verdict.render(lang),
            ambition_persons: r.ambition.ambition_persons,
            feasible_persons: r.ambition.feasible_persons,
            planned_persons: r.ambition.planned_persons,
            reference_date: r.reference_date,
            assumptions: r
                .assumptions
                .into_iter()
                .map(|a| {
                    Text::new("wp.assumption")
                        .text("text", a.text)
                        .text("status", a.status)
                        .str("sites", a.sites.join(", "))
                        .render(lang)
                })
                .collect(),
            rthf_contingent_total_eur: r.rthf_contingent_total_eur,
            sft_total_eur: r.sft_total_eur,
            sft_to_apply_eur: r.sft_to_apply_eur,
            sft_apply_by: r.sft_apply_by,
            funding_gap_total_eur: r.funding_gap_total_eur,
            remaining_gap_total_eur: r.remaining_gap_total_eur,
            chart_svg,
            map_svg,
            business_defaults,
        }
    }
}
