//! Transport types of the comparison, the business case and the werkprogramma:
//! camelCase twins of the core's types, generated into `ui/src/bindings/`.
//! The werkprogramma's input travels both ways (the UI edits it, Rust checks
//! and computes); everything else only to the UI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use locatiescout::engine::business::{
    BusinessCase, BusinessParams, HousingForm, RthfRules, SftRules,
};
use locatiescout::engine::compare::{group_text, Comparison};
use locatiescout::engine::werkprogramma::{
    Addressee, Entry, GroupShare, Knelpunt, KnelpuntCategory, PeriodInput, PeriodResult, SiteRow,
    SupportAsk, Werkprogramma, WerkprogrammaReport,
};
use locatiescout::model::text::{Lang, Text};

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct CompareRowDto {
    pub group: String,
    pub label: String,
    pub values: Vec<String>,
    pub differs: bool,
    pub best: Vec<u32>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ComparedSiteDto {
    pub index: u32,
    pub id: String,
    pub score: f64,
    pub band: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ComparisonDto {
    pub profile: String,
    pub sites: Vec<ComparedSiteDto>,
    pub rows: Vec<CompareRowDto>,
}

impl ComparisonDto {
    /// The comparison with every sentence rendered in `lang`.
    pub fn new(c: Comparison, lang: Lang) -> Self {
        ComparisonDto {
            profile: c.profile.render(lang),
            sites: c
                .sites
                .into_iter()
                .map(|s| ComparedSiteDto {
                    index: s.index,
                    id: s.id,
                    score: s.score,
                    band: s.band.render(lang),
                })
                .collect(),
            rows: c
                .rows
                .into_iter()
                .map(|r| CompareRowDto {
                    group: group_text(r.group).render(lang),
                    label: r.label.render(lang),
                    values: r.values.iter().map(|v| v.render(lang)).collect(),
                    differs: r.differs,
                    best: r.best.into_iter().map(|b| b as u32).collect(),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub enum HousingFormDto {
    Flex,
    Transformatie,
    Woningdelen,
    Onzelfstandig,
    Woningsplitsing,
    Optoppen,
    Microwoningen,
    Tussenvoorziening,
}

impl From<HousingForm> for HousingFormDto {
    fn from(f: HousingForm) -> Self {
        match f {
            HousingForm::Flex => HousingFormDto::Flex,
            HousingForm::Transformatie => HousingFormDto::Transformatie,
            HousingForm::Woningdelen => HousingFormDto::Woningdelen,
            HousingForm::Onzelfstandig => HousingFormDto::Onzelfstandig,
            HousingForm::Woningsplitsing => HousingFormDto::Woningsplitsing,
            HousingForm::Optoppen => HousingFormDto::Optoppen,
            HousingForm::Microwoningen => HousingFormDto::Microwoningen,
            HousingForm::Tussenvoorziening => HousingFormDto::Tussenvoorziening,
        }
    }
}

impl From<HousingFormDto> for HousingForm {
    fn from(f: HousingFormDto) -> Self {
        match f {
            HousingFormDto::Flex => HousingForm::Flex,
            HousingFormDto::Transformatie => HousingForm::Transformatie,
            HousingFormDto::Woningdelen => HousingForm::Woningdelen,
            HousingFormDto::Onzelfstandig => HousingForm::Onzelfstandig,
            HousingFormDto::Woningsplitsing => HousingForm::Woningsplitsing,
            HousingFormDto::Optoppen => HousingForm::Optoppen,
            HousingFormDto::Microwoningen => HousingForm::Microwoningen,
            HousingFormDto::Tussenvoorziening => HousingForm::Tussenvoorziening,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub enum KnelpuntCategoryDto {
    Locaties,
    Procedures,
    Capaciteit,
    Exploitatie,
    Financiering,
}

impl From<KnelpuntCategory> for KnelpuntCategoryDto {
    fn from(c: KnelpuntCategory) -> Self {
        match c {
            KnelpuntCategory::Locaties => KnelpuntCategoryDto::Locaties,
            KnelpuntCategory::Procedures => KnelpuntCategoryDto::Procedures,
            KnelpuntCategory::Capaciteit => KnelpuntCategoryDto::Capaciteit,
            KnelpuntCategory::Exploitatie => KnelpuntCategoryDto::Exploitatie,
            KnelpuntCategory::Financiering => KnelpuntCategoryDto::Financiering,
        }
    }
}

impl From<KnelpuntCategoryDto> for KnelpuntCategory {
    fn from(c: KnelpuntCategoryDto) -> Self {
        match c {
            KnelpuntCategoryDto::Locaties => KnelpuntCategory::Locaties,
            KnelpuntCategoryDto::Procedures => KnelpuntCategory::Procedures,
            KnelpuntCategoryDto::Capaciteit => KnelpuntCategory::Capaciteit,
            KnelpuntCategoryDto::Exploitatie => KnelpuntCategory::Exploitatie,
            KnelpuntCategoryDto::Financiering => KnelpuntCategory::Financiering,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct KnelpuntDto {
    pub category: KnelpuntCategoryDto,
    pub key: String,
    pub text: String,
    pub derived: bool,
}

impl KnelpuntDto {
    fn new(k: Knelpunt, lang: Lang) -> Self {
        KnelpuntDto {
            category: k.category.into(),
            key: k.key,
            text: k.text.render(lang),
            derived: k.derived,
        }
    }
}

/// A user's own knelpunt (plain text: the same in every language).
impl From<Knelpunt> for KnelpuntDto {
    fn from(k: Knelpunt) -> Self {
        KnelpuntDto::new(k, Lang::Nl)
    }
}

impl From<KnelpuntDto> for Knelpunt {
    fn from(k: KnelpuntDto) -> Self {
        Knelpunt {
            category: k.category.into(),
            key: k.key,
            text: k.text.into(),
            derived: k.derived,
        }
    }
}

/// The business case numbers; SFT and RTHF rules travel as they are.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct BusinessParamsDto {
    pub investment_per_home_eur: f64,
    pub rent_per_month_eur: f64,
    pub vacancy_share: f64,
    pub operating_cost_per_home_year_eur: f64,
    pub term_years: f64,
    pub relocations: u32,
    pub relocation_cost_per_home_eur: f64,
    pub residual_value_share: f64,
    pub discount_rate: f64,
    pub share_statushouders: f64,
    pub self_contained: bool,
    pub new_homes: bool,
    pub start_months: f64,
    pub sft_per_home_eur: f64,
    pub sft_min_years: f64,
    pub sft_min_share_statushouders: f64,
    pub sft_max_start_months: f64,
    pub rthf_rent_cap_per_month_eur: f64,
    pub rthf_rent_cap_year: i32,
    pub rthf_fee_per_home_eur: f64,
    pub rthf_applications_until: String,
}

impl From<BusinessParams> for BusinessParamsDto {
    fn from(p: BusinessParams) -> Self {
        BusinessParamsDto {
            investment_per_home_eur: p.investment_per_home_eur,
            rent_per_month_eur: p.rent_per_month_eur,
            vacancy_share: p.vacancy_share,
            operating_cost_per_home_year_eur: p.operating_cost_per_home_year_eur,
            term_years: p.term_years,
            relocations: p.relocations,
            relocation_cost_per_home_eur: p.relocation_cost_per_home_eur,
            residual_value_share: p.residual_value_share,
            discount_rate: p.discount_rate,
            share_statushouders: p.share_statushouders,
            self_contained: p.self_contained,
            new_homes: p.new_homes,
            start_months: p.start_months,
            sft_per_home_eur: p.sft.per_home_eur,
            sft_min_years: p.sft.min_years,
            sft_min_share_statushouders: p.sft.min_share_statushouders,
            sft_max_start_months: p.sft.max_start_months,
            rthf_rent_cap_per_month_eur: p.rthf.rent_cap_per_month_eur,
            rthf_rent_cap_year: p.rthf.rent_cap_year,
            rthf_fee_per_home_eur: p.rthf.fee_per_home_eur,
            rthf_applications_until: p.rthf.applications_until,
        }
    }
}

impl From<BusinessParamsDto> for BusinessParams {
    /// The rules the UI does not edit (forms, indexed rent caps, hint schemes) keep their defaults.
    fn from(p: BusinessParamsDto) -> Self {
        let d = BusinessParams::default();
        BusinessParams {
            investment_per_home_eur: p.investment_per_home_eur,
            rent_per_month_eur: p.rent_per_month_eur,
            vacancy_share: p.vacancy_share,
            operating_cost_per_home_year_eur: p.operating_cost_per_home_year_eur,
            term_years: p.term_years,
            relocations: p.relocations,
            relocation_cost_per_home_eur: p.relocation_cost_per_home_eur,
            residual_value_share: p.residual_value_share,
            discount_rate: p.discount_rate,
            share_statushouders: p.share_statushouders,
            self_contained: p.self_contained,
            new_homes: p.new_homes,
            start_months: p.start_months,
            sft: SftRules {
                per_home_eur: p.sft_per_home_eur,
                min_years: p.sft_min_years,
                min_share_statushouders: p.sft_min_share_statushouders,
                max_start_months: p.sft_max_start_months,
                ..d.sft
            },
            rthf: RthfRules {
                rent_cap_per_month_eur: p.rthf_rent_cap_per_month_eur,
                rent_cap_year: p.rthf_rent_cap_year,
                fee_per_home_eur: p.rthf_fee_per_home_eur,
                applications_until: p.rthf_applications_until,
                ..d.rthf
            },
            grote_gezinnen: d.grote_gezinnen,
            rha: d.rha,
            dfr: d.dfr,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct GroupShareDto {
    pub group: String,
    pub share: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct EntryDto {
    pub site_id: String,
    pub name: String,
    pub profile: String,
    pub form: HousingFormDto,
    pub homes: f64,
    /// 0, 1 or 2.
    pub period: u32,
    pub persons_per_unit: Option<f64>,
    pub share_statushouders: f64,
    pub mix: Vec<GroupShareDto>,
    pub business: Option<BusinessParamsDto>,
    pub dismissed: Vec<String>,
    pub added: Vec<KnelpuntDto>,
    pub note: String,
}

impl From<Entry> for EntryDto {
    fn from(e: Entry) -> Self {
        EntryDto {
            site_id: e.site_id,
            name: e.name,
            profile: e.profile,
            form: e.form.into(),
            homes: e.homes,
            period: e.period as u32,
            persons_per_unit: e.persons_per_unit,
            share_statushouders: e.share_statushouders,
            mix: e
                .mix
                .into_iter()
                .map(|g| GroupShareDto {
                    group: g.group,
                    share: g.share,
                })
                .collect(),
            business: e.business.map(Into::into),
            dismissed: e.dismissed,
            added: e.added.into_iter().map(Into::into).collect(),
            note: e.note,
        }
    }
}

impl From<EntryDto> for Entry {
    fn from(e: EntryDto) -> Self {
        Entry {
            site_id: e.site_id,
            name: e.name,
            profile: e.profile,
            form: e.form.into(),
            homes: e.homes,
            period: e.period as usize,
            persons_per_unit: e.persons_per_unit,
            share_statushouders: e.share_statushouders,
            mix: e
                .mix
                .into_iter()
                .map(|g| GroupShare {
                    group: g.group,
                    share: g.share,
                })
                .collect(),
            business: e.business.map(Into::into),
            dismissed: e.dismissed,
            added: e.added.into_iter().map(Into::into).collect(),
            note: e.note,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct PeriodInputDto {
    pub taakstelling_persons: f64,
    pub regular_stock_persons: f64,
}

/// What the user enters; sent back whole on every change.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct WerkprogrammaInputDto {
    pub gemeente: String,
    /// CBS code (`GM0344`); empty = found by name when exported.
    pub gemeente_code: String,
    pub first_year: i32,
    /// 1 or 2.
    pub first_half: u8,
    pub periods: Vec<PeriodInputDto>,
    pub backlog_persons: f64,
    pub ambition_share: f64,
    pub ambition_includes_backlog: bool,
    pub entries: Vec<EntryDto>,
    pub business: Option<BusinessParamsDto>,
    pub added: Vec<KnelpuntDto>,
    pub dismissed: Vec<String>,
    pub support_asks: Vec<SupportAskDto>,
    pub support: String,
    pub cooperation: String,
    pub cooperation_persons: f64,
    pub planning: String,
    pub volkshuisvesting: String,
    pub regular_stock_explanation: String,
    pub capacity: String,
    pub rvb_tender_homes: f64,
    pub rvb_tender_types: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub enum AddresseeDto {
    Rijk,
    Provincie,
    Netbeheerder,
    Rvb,
    Kwartiermakers,
    Gemeente,
}

impl From<Addressee> for AddresseeDto {
    fn from(a: Addressee) -> Self {
        match a {
            Addressee::Rijk => AddresseeDto::Rijk,
            Addressee::Provincie => AddresseeDto::Provincie,
            Addressee::Netbeheerder => AddresseeDto::Netbeheerder,
            Addressee::Rvb => AddresseeDto::Rvb,
            Addressee::Kwartiermakers => AddresseeDto::Kwartiermakers,
            Addressee::Gemeente => AddresseeDto::Gemeente,
        }
    }
}

impl From<AddresseeDto> for Addressee {
    fn from(a: AddresseeDto) -> Self {
        match a {
            AddresseeDto::Rijk => Addressee::Rijk,
            AddresseeDto::Provincie => Addressee::Provincie,
            AddresseeDto::Netbeheerder => Addressee::Netbeheerder,
            AddresseeDto::Rvb => Addressee::Rvb,
            AddresseeDto::Kwartiermakers => Addressee::Kwartiermakers,
            AddresseeDto::Gemeente => Addressee::Gemeente,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SupportAskDto {
    pub key: String,
    pub addressee: AddresseeDto,
    pub ask: String,
}

impl From<Werkprogramma> for WerkprogrammaInputDto {
    fn from(w: Werkprogramma) -> Self {
        WerkprogrammaInputDto {
            gemeente: w.gemeente,
            gemeente_code: w.gemeente_code,
            first_year: w.first_year,
            first_half: w.first_half,
            periods: w
                .periods
                .into_iter()
                .map(|p| PeriodInputDto {
                    taakstelling_persons: p.taakstelling_persons,
                    regular_stock_persons: p.regular_stock_persons,
                })
                .collect(),
            backlog_persons: w.backlog_persons,
            ambition_share: w.ambition_share,
            ambition_includes_backlog: w.ambition_includes_backlog,
            entries: w.entries.into_iter().map(Into::into).collect(),
            business: w.business.map(Into::into),
            added: w.added.into_iter().map(Into::into).collect(),
            dismissed: w.dismissed,
            support_asks: w
                .support_asks
                .into_iter()
                .map(|a| SupportAskDto {
                    key: a.key,
                    addressee: a.addressee.into(),
                    ask: a.ask,
                })
                .collect(),
            support: w.support,
            cooperation: w.cooperation,
            cooperation_persons: w.cooperation_persons,
            planning: w.planning,
            volkshuisvesting: w.volkshuisvesting,
            regular_stock_explanation: w.regular_stock_explanation,
            capacity: w.capacity,
            rvb_tender_homes: w.rvb_tender_homes,
            rvb_tender_types: w.rvb_tender_types,
        }
    }
}

impl From<WerkprogrammaInputDto> for Werkprogramma {
    fn from(w: WerkprogrammaInputDto) -> Self {
        Werkprogramma {
            gemeente: w.gemeente,
            gemeente_code: w.gemeente_code,
            first_year: w.first_year,
            first_half: w.first_half,
            periods: w
                .periods
                .into_iter()
                .map(|p| PeriodInput {
                    taakstelling_persons: p.taakstelling_persons,
                    regular_stock_persons: p.regular_stock_persons,
                })
                .collect(),
            backlog_persons: w.backlog_persons,
            ambition_share: w.ambition_share,
            ambition_includes_backlog: w.ambition_includes_backlog,
            entries: w.entries.into_iter().map(Into::into).collect(),
            business: w.business.map(Into::into),
            added: w.added.into_iter().map(Into::into).collect(),
            dismissed: w.dismissed,
            support_asks: w
                .support_asks
                .into_iter()
                .map(|a| SupportAsk {
                    key: a.key,
                    addressee: a.addressee.into(),
                    ask: a.ask,
                })
                .collect(),
            support: w.support,
            cooperation: w.cooperation,
            cooperation_persons: w.cooperation_persons,
            planning: w.planning,
            volkshuisvesting: w.volkshuisvesting,
            regular_stock_explanation: w.regular_stock_explanation,
            capacity: w.capacity,
            rvb_tender_homes: w.rvb_tender_homes,
            rvb_tender_types: w.rvb_tender_types,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
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
    pub unhoused_persons: f64,
    pub groups: Vec<(String, f64)>,
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
            unhoused_persons: p.unhoused_persons,
            groups: p.groups.into_iter().collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SchemeFitDto {
    pub key: String,
    pub name: String,
    pub fits: bool,
    pub counted: bool,
    pub amount_eur: f64,
    pub reasons: Vec<String>,
    pub remarks: Vec<String>,
    pub contingent_eur: f64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct BusinessCaseDto {
    pub homes: f64,
    pub params: BusinessParamsDto,
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
            params: b.params.into(),
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
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct WpSiteDto {
    pub entry: EntryDto,
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
            entry: s.entry.into(),
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
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct KnelpuntItemDto {
    pub key: String,
    pub text: String,
    pub sites: Vec<String>,
    pub derived: bool,
    pub blocked_persons: f64,
    pub addressee: Option<AddresseeDto>,
    pub ask: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct KnelpuntGroupDto {
    pub category: KnelpuntCategoryDto,
    pub label: String,
    pub items: Vec<KnelpuntItemDto>,
}

/// The werkprogramma computed, with its chart and map drawn by the core (SVG).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct WerkprogrammaDto {
    pub input: WerkprogrammaInputDto,
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
    pub funding_gap_total_eur: f64,
    pub remaining_gap_total_eur: f64,
    pub chart_svg: String,
    pub map_svg: String,
    /// The project's business case numbers in effect (the defaults when none are set).
    pub business_defaults: BusinessParamsDto,
}

impl WerkprogrammaDto {
    /// The werkprogramma with every sentence rendered in `lang`.
    pub fn new(r: WerkprogrammaReport, chart_svg: String, map_svg: String, lang: Lang) -> Self {
        let business_defaults = r.input.business.clone().unwrap_or_default().into();
        WerkprogrammaDto {
            input: r.input.into(),
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
                    category: c.category.into(),
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
                            addressee: i.addressee.map(Into::into),
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
            funding_gap_total_eur: r.funding_gap_total_eur,
            remaining_gap_total_eur: r.remaining_gap_total_eur,
            chart_svg,
            map_svg,
            business_defaults,
        }
    }
}
