//! A rough business case per werkprogramma entry: net present value, the
//! funding gap, which schemes (SFT, RTHF, DFR, grote gezinnen, RHA) the entry
//! fits and why not, how the gap moves with build cost and term, and which of
//! its numbers are still unsourced defaults. Deliberately a model a corporation
//! can check by hand — yearly cash flows, discounted to year 0 — not a
//! replacement for the national Rekenmodel flexwonen. Every number is a
//! parameter; the defaults per housing form and their sources live in
//! `data/business_case.toml`.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use locatiescout_model::nl::nl_number;
use locatiescout_model::nl_error::{serde_nl, toml_nl};
use locatiescout_model::text::Text;

const DEFAULTS: &str = include_str!("../../../data/business_case.toml");

/// The additional housing forms of the Bouwstenen note and the BZK overview
/// (DOMAIN.md, "Other additional housing forms").
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export_to = "../../ui/src/bindings/")
)]
pub enum HousingForm {
    #[default]
    Flex,
    Transformatie,
    Woningdelen,
    Onzelfstandig,
    Woningsplitsing,
    Optoppen,
    Microwoningen,
    Tussenvoorziening,
}

impl HousingForm {
    pub const ALL: [HousingForm; 8] = [
        HousingForm::Flex,
        HousingForm::Transformatie,
        HousingForm::Woningdelen,
        HousingForm::Onzelfstandig,
        HousingForm::Woningsplitsing,
        HousingForm::Optoppen,
        HousingForm::Microwoningen,
        HousingForm::Tussenvoorziening,
    ];

    pub fn key(self) -> &'static str {
        match self {
            HousingForm::Flex => "flex",
            HousingForm::Transformatie => "transformatie",
            HousingForm::Woningdelen => "woningdelen",
            HousingForm::Onzelfstandig => "onzelfstandig",
            HousingForm::Woningsplitsing => "woningsplitsing",
            HousingForm::Optoppen => "optoppen",
            HousingForm::Microwoningen => "microwoningen",
            HousingForm::Tussenvoorziening => "tussenvoorziening",
        }
    }

    pub fn dutch(self) -> &'static str {
        match self {
            HousingForm::Flex => "Flexwoningen",
            HousingForm::Transformatie => "Transformatie",
            HousingForm::Woningdelen => "Woningdelen",
            HousingForm::Onzelfstandig => "Onzelfstandige woonruimte",
            HousingForm::Woningsplitsing => "Woningsplitsing",
            HousingForm::Optoppen => "Optoppen",
            HousingForm::Microwoningen => "Microwoningen",
            HousingForm::Tussenvoorziening => "Tussenvoorziening / doorstroomlocatie",
        }
    }

    /// The form's name for a reader (`form.<key>` in the catalogue).
    pub fn text(self) -> Text {
        Text::new(match self {
            HousingForm::Flex => "form.flex",
            HousingForm::Transformatie => "form.transformatie",
            HousingForm::Woningdelen => "form.woningdelen",
            HousingForm::Onzelfstandig => "form.onzelfstandig",
            HousingForm::Woningsplitsing => "form.woningsplitsing",
            HousingForm::Optoppen => "form.optoppen",
            HousingForm::Microwoningen => "form.microwoningen",
            HousingForm::Tussenvoorziening => "form.tussenvoorziening",
        })
    }

    /// [`HousingForm::unit_word`] for a reader.
    pub fn unit_text(self, n: f64) -> Text {
        Text::new(match (self.counts_places(), (n - 1.0).abs() < 1e-9) {
            (true, true) => "unit.place",
            (true, false) => "unit.places",
            (false, true) => "unit.home",
            (false, false) => "unit.homes",
        })
    }

    /// Counted in *woonplekken* (a room or place), not in homes (DOMAIN.md,
    /// "Reading the 20 % ambition").
    pub fn counts_places(self) -> bool {
        matches!(
            self,
            HousingForm::Woningdelen | HousingForm::Onzelfstandig | HousingForm::Tussenvoorziening
        )
    }

    /// Flex and transformation need a site; the other forms work in the
    /// existing stock or on a site the entry may name (DOMAIN.md).
    pub fn needs_site(self) -> bool {
        matches!(self, HousingForm::Flex | HousingForm::Transformatie)
    }

    /// "woning"/"woningen" or "woonplek"/"woonplekken" for `n` units.
    pub fn unit_word(self, n: f64) -> &'static str {
        match (self.counts_places(), (n - 1.0).abs() < 1e-9) {
            (true, true) => "woonplek",
            (true, false) => "woonplekken",
            (false, true) => "woning",
            (false, false) => "woningen",
        }
    }

    pub fn from_key(s: &str) -> Option<HousingForm> {
        let s = s.trim().to_lowercase();
        Self::ALL.into_iter().find(|f| {
            f.key() == s
                || f.dutch().to_lowercase() == s
                || (s == "doorstroomlocatie" && *f == HousingForm::Tussenvoorziening)
        })
    }
}

/// SFT conditions (DOMAIN.md, Funding schemes "SFT", as of 3 Feb 2025). Older
/// stored fields (`max_per_municipality_eur`, `max_delivery_months`) are read
/// and ignored: the 2025 scheme has no municipal cap and asks for a start of
/// construction, not a delivery.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export_to = "../../ui/src/bindings/")
)]
pub struct SftRules {
    pub per_home_eur: f64,
    pub min_years: f64,
    pub min_share_statushouders: f64,
    #[serde(default = "sft_start")]
    pub max_start_months: f64,
    /// Last day of the scheme (ISO date); a later delivery is flagged.
    #[serde(default = "sft_until")]
    pub scheme_until: String,
    #[serde(default = "sft_forms")]
    pub forms: Vec<HousingForm>,
}

fn sft_start() -> f64 {
    BusinessParams::default().sft.max_start_months
}
fn sft_until() -> String {
    BusinessParams::default().sft.scheme_until
}
fn sft_forms() -> Vec<HousingForm> {
    BusinessParams::default().sft.forms
}

/// RTHF conditions (DOMAIN.md, Funding schemes "RTHF").
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export_to = "../../ui/src/bindings/")
)]
pub struct RthfRules {
    /// The social-rent cap of `rent_cap_year`.
    pub rent_cap_per_month_eur: f64,
    #[serde(default = "rthf_year")]
    pub rent_cap_year: i32,
    /// The cap of later years ("2026" → euros), as the Wet op de huurtoeslag sets it.
    #[serde(default)]
    pub rent_caps: BTreeMap<String, f64>,
    pub fee_per_home_eur: f64,
    /// Last day applications are accepted, ISO date.
    pub applications_until: String,
    /// The municipality's part of a loss below the guaranteed amount.
    #[serde(default = "rthf_share")]
    pub municipal_share: f64,
}

fn rthf_year() -> i32 {
    BusinessParams::default().rthf.rent_cap_year
}
fn rthf_share() -> f64 {
    BusinessParams::default().rthf.municipal_share
}

impl RthfRules {
    /// The cap for `year`: the latest known year not after it, and that year.
    pub fn rent_cap(&self, year: i32) -> (f64, i32) {
        let mut best = (self.rent_cap_per_month_eur, self.rent_cap_year);
        for (y, cap) in &self.rent_caps {
            if let Ok(y) = y.trim().parse::<i32>() {
                if y <= year && y >= best.1 {
                    best = (*cap, y);
                }
            }
        }
        best
    }
}

/// Regeling huisvesting grote gezinnen vergunninghouders (DOMAIN.md).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export_to = "../../ui/src/bindings/")
)]
pub struct GroteGezinnenRules {
    pub min_persons: f64,
    pub per_home_7_9_eur: f64,
    pub per_home_10_eur: f64,
}

/// Regeling huisvesting aandachtsgroepen (DOMAIN.md).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export_to = "../../ui/src/bindings/")
)]
pub struct RhaRules {
    pub min_years: f64,
    pub max_start_months: f64,
    pub forms: Vec<HousingForm>,
}

/// DFR: named in the Bouwstenen note, no public scheme text (DOMAIN.md).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export_to = "../../ui/src/bindings/")
)]
pub struct DfrRules {
    pub forms: Vec<HousingForm>,
    /// Forms the note says the DFR can soon be used for, under conditions not yet
    /// public: "mogelijk onder voorwaarden", not "past niet".
    #[serde(default = "dfr_conditional")]
    pub conditional_forms: Vec<HousingForm>,
}

fn dfr_conditional() -> Vec<HousingForm> {
    BusinessParams::default().dfr.conditional_forms
}

/// Every input of the business case except the number of units, which comes
/// from the entry.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export_to = "../../ui/src/bindings/")
)]
pub struct BusinessParams {
    pub investment_per_home_eur: f64,
    pub rent_per_month_eur: f64,
    pub vacancy_share: f64,
    pub operating_cost_per_home_year_eur: f64,
    /// Exploitation of the homes over all their locations.
    pub term_years: f64,
    /// The first when the site's own term ends (or spread over the term), the last at its end.
    pub relocations: u32,
    pub relocation_cost_per_home_eur: f64,
    pub residual_value_share: f64,
    pub discount_rate: f64,
    pub share_statushouders: f64,
    pub self_contained: bool,
    pub new_homes: bool,
    /// Months from the grant to the start of construction.
    #[serde(alias = "delivery_months")]
    pub start_months: f64,
    pub sft: SftRules,
    pub rthf: RthfRules,
    #[serde(default = "gg_rules")]
    pub grote_gezinnen: GroteGezinnenRules,
    #[serde(default = "rha_rules")]
    pub rha: RhaRules,
    #[serde(default = "dfr_rules")]
    pub dfr: DfrRules,
}

fn gg_rules() -> GroteGezinnenRules {
    BusinessParams::default().grote_gezinnen
}
fn rha_rules() -> RhaRules {
    BusinessParams::default().rha
}
fn dfr_rules() -> DfrRules {
    BusinessParams::default().dfr
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum BusinessError {
    #[error("businesscase-parameters: {0}")]
    Parse(String),
    #[error("businesscase-parameter {name} = {value}: {why}")]
    Invalid {
        name: &'static str,
        value: String,
        why: &'static str,
    },
}

/// The bundled defaults, per housing form, with each value's source line.
struct Bundled {
    flex: BusinessParams,
    by_form: HashMap<HousingForm, BusinessParams>,
    /// `(form or "", dotted key)` → the comment after the value.
    sources: HashMap<(String, String), String>,
}

fn bundled() -> &'static Bundled {
    static PARSED: std::sync::OnceLock<Bundled> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| {
        // The bundled file is checked by a test; a broken build is the only way here.
        #[allow(clippy::expect_used)]
        let by_form =
            locatiescout_model::defaults::parsed("business_case.toml", DEFAULTS, |t, _| {
                parse_forms(t)
            })
            .expect("data/business_case.toml is valid");
        let (text, _) = locatiescout_model::defaults::text("business_case.toml", DEFAULTS);
        #[allow(clippy::expect_used)]
        let flex = by_form
            .get(&HousingForm::Flex)
            .cloned()
            .expect("parse_forms fills every form");
        Bundled {
            flex,
            by_form,
            sources: source_comments(&text),
        }
    })
}

/// `key = value  # comment` per section: the comment is the value's source.
fn source_comments(text: &str) -> HashMap<(String, String), String> {
    let mut out = HashMap::new();
    let (mut form, mut prefix) = (String::new(), String::new());
    for line in text.lines() {
        let l = line.trim();
        if let Some(section) = l.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            match section.strip_prefix("forms.") {
                Some(f) => (form, prefix) = (f.to_string(), String::new()),
                None => (form, prefix) = (String::new(), format!("{section}.")),
            }
            continue;
        }
        if l.starts_with('#') {
            continue;
        }
        let (Some((key, _)), Some((_, comment))) = (l.split_once('='), l.split_once(" # ")) else {
            continue;
        };
        out.insert(
            (form.clone(), format!("{prefix}{}", key.trim())),
            comment.trim().to_string(),
        );
    }
    out
}

/// Parses a business-case file: the top level is flex, `[forms.X]` changes it for form X.
fn parse_forms(text: &str) -> Result<HashMap<HousingForm, BusinessParams>, BusinessError> {
    let mut table: toml::Table =
        toml::from_str(text).map_err(|e| BusinessError::Parse(toml_nl(&e, text)))?;
    let forms = table.remove("forms");
    let base: BusinessParams = table
        .clone()
        .try_into()
        .map_err(|e: toml::de::Error| BusinessError::Parse(serde_nl(e.message())))?;
    base.validate()?;
    let mut out = HashMap::new();
    let overrides = match forms {
        Some(toml::Value::Table(t)) => t,
        Some(_) => return Err(BusinessError::Parse("[forms] moet een tabel zijn".into())),
        None => toml::Table::new(),
    };
    for form in HousingForm::ALL {
        let mut t = table.clone();
        if let Some(toml::Value::Table(o)) = overrides.get(form.key()) {
            for (k, v) in o {
                t.insert(k.clone(), v.clone());
            }
        }
        let p: BusinessParams = t.try_into().map_err(|e: toml::de::Error| {
            BusinessError::Parse(format!("[forms.{}]: {}", form.key(), serde_nl(e.message())))
        })?;
        p.validate()?;
        out.insert(form, p);
    }
    for k in overrides.keys() {
        if HousingForm::from_key(k).is_none() {
            return Err(BusinessError::Parse(format!(
                "[forms.{k}]: onbekende woonvorm"
            )));
        }
    }
    Ok(out)
}

impl Default for BusinessParams {
    /// The flex defaults.
    fn default() -> Self {
        BusinessParams::for_form(HousingForm::Flex)
    }
}

impl BusinessParams {
    /// The bundled defaults of `form`.
    pub fn for_form(form: HousingForm) -> BusinessParams {
        let b = bundled();
        // parse_forms fills every form, so the flex fallback is never used.
        b.by_form.get(&form).unwrap_or(&b.flex).clone()
    }

    /// Parses a business-case file and returns its flex case.
    pub fn parse(text: &str) -> Result<BusinessParams, BusinessError> {
        let mut forms = parse_forms(text)?;
        forms
            .remove(&HousingForm::Flex)
            .ok_or_else(|| BusinessError::Parse("geen flex-businesscase".into()))
    }

    /// Refuses numbers that make no sense rather than computing nonsense from them.
    pub fn validate(&self) -> Result<(), BusinessError> {
        let check = |name: &'static str, v: f64, lo: f64, hi: f64, why: &'static str| {
            if v.is_finite() && v >= lo && v <= hi {
                Ok(())
            } else {
                Err(BusinessError::Invalid {
                    name,
                    value: nl_number(v, 2),
                    why,
                })
            }
        };
        let money = "moet een bedrag van 0 of meer zijn";
        let share = "moet tussen 0 en 1 liggen (0,3 = 30 %)";
        check(
            "investering per woning",
            self.investment_per_home_eur,
            0.0,
            1e8,
            money,
        )?;
        check("huur per maand", self.rent_per_month_eur, 0.0, 1e6, money)?;
        check("leegstand", self.vacancy_share, 0.0, 1.0, share)?;
        check(
            "exploitatiekosten per woning per jaar",
            self.operating_cost_per_home_year_eur,
            0.0,
            1e7,
            money,
        )?;
        check(
            "exploitatietermijn",
            self.term_years,
            0.0,
            100.0,
            "moet tussen 0 en 100 jaar liggen",
        )?;
        check(
            "verplaatsingskosten per woning",
            self.relocation_cost_per_home_eur,
            0.0,
            1e8,
            money,
        )?;
        check("restwaarde", self.residual_value_share, 0.0, 1.0, share)?;
        check(
            "disconteringsvoet",
            self.discount_rate,
            -0.5,
            1.0,
            "moet tussen -0,5 en 1 liggen (0,04 = 4 %)",
        )?;
        check(
            "aandeel statushouders",
            self.share_statushouders,
            0.0,
            1.0,
            share,
        )?;
        check(
            "start bouw",
            self.start_months,
            0.0,
            600.0,
            "moet tussen 0 en 600 maanden liggen",
        )?;
        check("SFT per woning", self.sft.per_home_eur, 0.0, 1e7, money)?;
        check(
            "RTHF huurgrens",
            self.rthf.rent_cap_per_month_eur,
            0.0,
            1e6,
            money,
        )?;
        check(
            "RTHF aandeel gemeente",
            self.rthf.municipal_share,
            0.0,
            1.0,
            share,
        )?;
        for cap in self.rthf.rent_caps.values() {
            check("RTHF huurgrens", *cap, 0.0, 1e6, money)?;
        }
        if self.relocations > 100 {
            return Err(BusinessError::Invalid {
                name: "aantal verplaatsingen",
                value: self.relocations.to_string(),
                why: "moet tussen 0 en 100 liggen",
            });
        }
        for (name, d) in [
            ("RTHF aanvragen tot", &self.rthf.applications_until),
            ("SFT loopt tot", &self.sft.scheme_until),
        ] {
            if NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err() {
                return Err(BusinessError::Invalid {
                    name,
                    value: d.clone(),
                    why: "moet een datum zijn als 2028-12-31",
                });
            }
        }
        Ok(())
    }
}

/// A business-case number still at a default without a (current) source.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Assumption {
    /// Dotted parameter key, e.g. `investment_per_home_eur`.
    pub key: String,
    /// Label and value, e.g. "investering per woning € 63.000".
    pub text: Text,
    /// The source line of `data/business_case.toml`.
    pub source: String,
    /// `NO SOURCE` (an assumption), `OUTDATED` (an old source) or `OPTIMISTIC` (a
    /// sourced upper bound: the RTHF rent cap as the rent, 85 % residual value).
    pub kind: &'static str,
    /// The same for a reader: "geen bron: een aanname", "verouderde bron: prijspeil
    /// 2018, Aedes" or "gunstige aanname: …".
    pub status: Text,
}

/// The label of a business-case number (`param.<key>` in the catalogue).
fn param_label(key: &str) -> Text {
    locatiescout_model::text::known_key(&format!("param.{key}"))
        .map_or_else(|| Text::plain(key), Text::new)
}

/// The numbers of `p` that are still the bundled default of `form` where that
/// default has no source, an outdated one or is a sourced upper bound (an
/// optimistic start): every export lists them until the user sets their own.
pub fn assumptions(form: HousingForm, p: &BusinessParams) -> Vec<Assumption> {
    let b = bundled();
    let defaults = b.by_form.get(&form).unwrap_or(&b.flex);
    let mut out = Vec::new();
    // Compared field by field, not through JSON: a werkprogramma computes this
    // 25 times a line (the case and its sensitivity table).
    for (key, x, d) in [
        (
            "investment_per_home_eur",
            p.investment_per_home_eur,
            defaults.investment_per_home_eur,
        ),
        (
            "rent_per_month_eur",
            p.rent_per_month_eur,
            defaults.rent_per_month_eur,
        ),
        ("vacancy_share", p.vacancy_share, defaults.vacancy_share),
        (
            "operating_cost_per_home_year_eur",
            p.operating_cost_per_home_year_eur,
            defaults.operating_cost_per_home_year_eur,
        ),
        ("term_years", p.term_years, defaults.term_years),
        (
            "relocation_cost_per_home_eur",
            p.relocation_cost_per_home_eur,
            defaults.relocation_cost_per_home_eur,
        ),
        (
            "residual_value_share",
            p.residual_value_share,
            defaults.residual_value_share,
        ),
        ("discount_rate", p.discount_rate, defaults.discount_rate),
        ("start_months", p.start_months, defaults.start_months),
    ] {
        if x != d {
            continue;
        }
        let source = b
            .sources
            .get(&(form.key().to_string(), key.to_string()))
            .or_else(|| b.sources.get(&(String::new(), key.to_string())))
            .cloned()
            .unwrap_or_default();
        // "OUTDATED (prijspeil 2018, Aedes): …" → the Dutch reason in brackets.
        let why = |kind: &str| {
            source
                .split_once(kind)
                .and_then(|(_, rest)| rest.trim_start().strip_prefix('('))
                .and_then(|r| r.split_once(')'))
                .map(|(w, _)| w.trim().to_string())
        };
        let with_why = |plain: &'static str, with: &'static str, kind: &str| {
            why(kind).map_or_else(|| Text::new(plain), |w| Text::new(with).str("why", w))
        };
        let (kind, status) = if source.contains("NO SOURCE") {
            ("NO SOURCE", Text::new("assumption.no_source"))
        } else if source.contains("OUTDATED") {
            (
                "OUTDATED",
                with_why("assumption.outdated", "assumption.outdated_why", "OUTDATED"),
            )
        } else if source.contains("OPTIMISTIC") {
            (
                "OPTIMISTIC",
                with_why(
                    "assumption.optimistic",
                    "assumption.optimistic_why",
                    "OPTIMISTIC",
                ),
            )
        } else {
            continue;
        };
        let value = if key.ends_with("_eur") {
            Text::new("eur").num("v", x, 0)
        } else if key.ends_with("_share") || key == "discount_rate" {
            Text::new("pct").num("v", x * 100.0, 0)
        } else if key == "term_years" {
            Text::new("compare.years").num("v", x, 1)
        } else {
            Text::new("months").num("v", x, 0)
        };
        out.push(Assumption {
            key: key.into(),
            text: Text::new("assumption")
                .text("label", param_label(key))
                .text("value", value),
            source,
            kind,
            status,
        });
    }
    out
}

/// What the case needs to know about the entry besides its numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CaseContext {
    /// The reference date: decides whether RTHF still takes applications and
    /// which year's rent cap applies.
    pub today: NaiveDate,
    /// The site's own term when known; the homes move on when it ends.
    pub site_years: Option<f64>,
    /// When the homes are delivered (the end of their feasible period).
    pub delivery: Option<NaiveDate>,
    /// Persons per home or place (grote gezinnen from 7).
    pub persons_per_unit: f64,
}

impl CaseContext {
    pub fn on(today: NaiveDate) -> CaseContext {
        CaseContext {
            today,
            site_years: None,
            delivery: None,
            persons_per_unit: 1.0,
        }
    }
}

/// The catalogue key of SFT's "the scheme ends before this delivery" remark (a
/// knelpunt of its own in the werkprogramma).
pub const SFT_LATE: &str = "scheme.sft.late";

/// SFT money is "nog aan te vragen", not money in hand, when the scheme's last
/// day falls within this many months of the reference date (issue 31): an
/// application, its assessment and the grant rarely fit in less.
pub const SFT_APPLY_WITHIN_MONTHS: u32 = 3;

/// An optional date as ISO text (`2026-12-31`) or null.
fn iso_date<S: serde::Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_some(&d.format("%Y-%m-%d").to_string()),
        None => s.serialize_none(),
    }
}

/// Whether an entry fits a scheme, with the conditions it fails.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SchemeFit {
    /// `sft`, `rthf`, `dfr`, `grote_gezinnen`, `rha`.
    pub key: &'static str,
    pub name: &'static str,
    pub fits: bool,
    /// Whether `amount_eur` is part of the case (SFT, the RTHF fee) or only an indication.
    pub counted: bool,
    /// + subsidy, − fee; for a hint the indicative amount.
    pub amount_eur: f64,
    /// Why not (empty when it fits).
    pub reasons: Vec<Text>,
    /// What to know even when it fits: a scheme ending, a guarantee, an old rent cap.
    pub remarks: Vec<Text>,
    /// RTHF: the most the municipality may have to pay under the guarantee.
    pub contingent_eur: f64,
    /// SFT: the amount still has to be applied for before this day, which lies
    /// within [`SFT_APPLY_WITHIN_MONTHS`] of the reference date: "nog aan te
    /// vragen", not money in hand. `None`: granted or time enough.
    #[serde(serialize_with = "iso_date")]
    pub apply_by: Option<NaiveDate>,
    /// Fits only under conditions not yet public ("mogelijk onder voorwaarden"):
    /// the DFR for onzelfstandige woonruimte. `fits` is then false.
    pub conditional: bool,
}

/// The business case of one entry.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BusinessCase {
    pub homes: f64,
    pub form: HousingForm,
    pub params: BusinessParams,
    /// Years the homes are let, over all locations.
    pub term_years: f64,
    pub investment_eur: f64,
    /// Rent less vacancy and operating costs, discounted.
    pub net_rent_pv_eur: f64,
    pub relocation_pv_eur: f64,
    pub residual_pv_eur: f64,
    /// Without schemes: −investment + net rent − relocations + residual value.
    pub npv_before_schemes_eur: f64,
    pub schemes: Vec<SchemeFit>,
    pub npv_eur: f64,
    /// The onrendabele top before subsidies (after any RTHF fee), 0 when the case pays.
    pub funding_gap_eur: f64,
    pub funding_gap_per_home_eur: f64,
    /// What is left after the subsidies the entry fits.
    pub remaining_gap_eur: f64,
    pub remaining_gap_per_home_eur: f64,
    /// Numbers still at an unsourced or outdated default.
    pub assumptions: Vec<Assumption>,
}

fn discount(rate: f64, years: f64) -> f64 {
    (1.0 + rate).powf(-years)
}

/// Years the homes are let and when each relocation happens.
fn schedule(p: &BusinessParams, site_years: Option<f64>) -> (f64, Vec<f64>) {
    let t = p.term_years.max(0.0);
    let k = p.relocations;
    let site = site_years.filter(|s| s.is_finite() && *s >= 0.0);
    if k == 0 {
        // Nothing moves: the homes are let as long as the site allows.
        return (site.map_or(t, |s| s.min(t)), Vec::new());
    }
    match site {
        // The first relocation when the site's term ends, the rest spread to the end.
        Some(s) if s < t => {
            let mut at = vec![s];
            let rest = k - 1;
            at.extend((1..=rest).map(|j| s + (t - s) * f64::from(j) / f64::from(rest)));
            (t, at)
        }
        _ => (
            t,
            (1..=k).map(|j| t * f64::from(j) / f64::from(k)).collect(),
        ),
    }
}

/// How long the homes stand on their first site: until the first relocation,
/// else the whole term (at most what the site allows). What a temporary permit
/// for this site must cover.
pub fn years_on_first_site(p: &BusinessParams, site_years: Option<f64>) -> f64 {
    let (t, moves) = schedule(p, site_years);
    moves.first().copied().unwrap_or(t)
}

/// Computes the case for `units` homes or places of `form` with `p`.
pub fn business_case(
    units: f64,
    form: HousingForm,
    p: &BusinessParams,
    ctx: &CaseContext,
) -> BusinessCase {
    BusinessCase {
        assumptions: assumptions(form, p),
        ..case_numbers(units, form, p, ctx)
    }
}

/// The case without the list of assumptions: what the sensitivity table needs
/// of its 24 varied cases.
fn case_numbers(
    units: f64,
    form: HousingForm,
    p: &BusinessParams,
    ctx: &CaseContext,
) -> BusinessCase {
    let n = units.max(0.0);
    let d = p.discount_rate;
    let (t, moves) = schedule(p, ctx.site_years);
    let investment = p.investment_per_home_eur * n;
    let yearly = (12.0 * p.rent_per_month_eur * (1.0 - p.vacancy_share)
        - p.operating_cost_per_home_year_eur)
        * n;
    // Whole years at their end, then the part-year at the end of the term.
    let whole = t.floor();
    let mut net_rent = (1..=whole as u32)
        .map(|y| yearly * discount(d, f64::from(y)))
        .sum::<f64>();
    if t > whole {
        net_rent += (t - whole) * yearly * discount(d, t);
    }
    let relocation = moves
        .iter()
        .map(|&at| p.relocation_cost_per_home_eur * n * discount(d, at))
        .sum::<f64>();
    let residual = p.residual_value_share * investment * discount(d, t);
    let npv_before = -investment + net_rent - relocation + residual;

    let rthf = rthf_fit(n, form, p, ctx, investment);
    let after_fee = npv_before + rthf.amount_eur;
    let gap = (-after_fee).max(0.0);
    let sft = sft_fit(n, form, p, ctx, t, gap);
    let npv = after_fee + sft.amount_eur;
    let per_home = |v: f64| if n > 0.0 { v / n } else { 0.0 };
    let schemes = vec![
        sft,
        rthf,
        dfr_fit(form, p),
        grote_gezinnen_fit(n, p, ctx),
        rha_fit(form, p, t),
    ];
    BusinessCase {
        homes: n,
        form,
        params: p.clone(),
        term_years: t,
        investment_eur: investment,
        net_rent_pv_eur: net_rent,
        relocation_pv_eur: relocation,
        residual_pv_eur: residual,
        npv_before_schemes_eur: npv_before,
        schemes,
        npv_eur: npv,
        funding_gap_eur: gap,
        funding_gap_per_home_eur: per_home(gap),
        remaining_gap_eur: (-npv).max(0.0),
        remaining_gap_per_home_eur: per_home((-npv).max(0.0)),
        assumptions: Vec::new(),
    }
}

fn forms_text(forms: &[HousingForm]) -> Text {
    Text::new("n").join(
        "v",
        forms.iter().map(|f| f.text().lowercase()).collect(),
        ", ",
    )
}

/// "alleen voor …, niet voor …" and its kin: the forms a scheme names and this one.
fn not_for(key: &'static str, forms: &[HousingForm], form: HousingForm) -> Text {
    Text::new(key)
        .text("forms", forms_text(forms))
        .text("form", form.text().lowercase())
}

/// A percentage of a fraction: 0,2 → "20".
fn pct_num(t: Text, name: &'static str, v: f64) -> Text {
    t.num(name, v * 100.0, 0)
}

fn sft_fit(
    n: f64,
    form: HousingForm,
    p: &BusinessParams,
    ctx: &CaseContext,
    years: f64,
    gap: f64,
) -> SchemeFit {
    let r = &p.sft;
    let mut why = Vec::new();
    let mut remarks = Vec::new();
    if !r.forms.contains(&form) {
        why.push(not_for("scheme.only_for", &r.forms, form));
    }
    if years < r.min_years {
        why.push(
            Text::new(if p.relocations > 0 {
                "scheme.sft.years_moved"
            } else {
                "scheme.sft.years"
            })
            .num("years", years, 1)
            .num("min", r.min_years, 0),
        );
    } else if p.relocations > 0 && ctx.site_years.is_some_and(|s| s < r.min_years) {
        remarks.push(
            Text::new("scheme.sft.moved_counts")
                .num("site", ctx.site_years.unwrap_or(0.0), 1)
                .num("years", years, 1),
        );
    }
    if p.share_statushouders < r.min_share_statushouders {
        why.push(pct_num(
            pct_num(
                Text::new("scheme.sft.share"),
                "share",
                p.share_statushouders,
            ),
            "min",
            r.min_share_statushouders,
        ));
    }
    if p.start_months > r.max_start_months {
        why.push(
            Text::new("scheme.sft.start")
                .num("months", p.start_months, 0)
                .num("max", r.max_start_months, 0),
        );
    }
    if gap <= 0.0 {
        why.push(Text::new("scheme.sft.no_gap"));
    }
    if n <= 0.0 {
        why.push(Text::new("scheme.no_homes"));
    }
    let mut deadline = None;
    if let Ok(until) = NaiveDate::parse_from_str(&r.scheme_until, "%Y-%m-%d") {
        if ctx.today > until {
            why.push(Text::new("scheme.ended").str("until", until.format("%d-%m-%Y").to_string()));
        } else {
            if ctx.delivery.is_some_and(|d| d > until) {
                remarks.push(
                    Text::new(SFT_LATE)
                        .str("year", until.year().to_string())
                        .str("until", until.format("%d-%m-%Y").to_string()),
                );
            }
            let soon = ctx
                .today
                .checked_add_months(chrono::Months::new(SFT_APPLY_WITHIN_MONTHS))
                .is_none_or(|d| d >= until);
            if soon {
                deadline = Some(until);
            }
        }
    }
    let fits = why.is_empty();
    let apply_by = deadline.filter(|_| fits);
    if let Some(until) = apply_by {
        remarks.push(
            Text::new("scheme.sft.apply_by").str("until", until.format("%d-%m-%Y").to_string()),
        );
    }
    SchemeFit {
        key: "sft",
        name: "SFT (Stimuleringsregeling flex- en transformatiewoningen)",
        fits,
        counted: true,
        amount_eur: if fits { r.per_home_eur * n } else { 0.0 },
        reasons: why,
        remarks,
        contingent_eur: 0.0,
        apply_by,
        conditional: false,
    }
}

fn rthf_fit(
    n: f64,
    form: HousingForm,
    p: &BusinessParams,
    ctx: &CaseContext,
    investment: f64,
) -> SchemeFit {
    let r = &p.rthf;
    let mut why = Vec::new();
    let mut remarks = Vec::new();
    if form != HousingForm::Flex {
        why.push(not_for("scheme.only_for", &[HousingForm::Flex], form));
    }
    if !p.new_homes {
        why.push(Text::new("scheme.rthf.new"));
    }
    if !p.self_contained {
        why.push(Text::new("scheme.rthf.self_contained"));
    }
    let year = ctx.today.year();
    let (cap, cap_year) = r.rent_cap(year);
    if p.rent_per_month_eur > cap {
        why.push(
            Text::new("scheme.rthf.rent")
                .num("rent", p.rent_per_month_eur, 2)
                .num("cap", cap, 2)
                .str("year", cap_year.to_string()),
        );
    }
    if cap_year < year {
        remarks.push(
            Text::new("scheme.rthf.old_cap")
                .str("cap_year", cap_year.to_string())
                .str("year", year.to_string()),
        );
    }
    if let Ok(until) = NaiveDate::parse_from_str(&r.applications_until, "%Y-%m-%d") {
        if ctx.today > until {
            why.push(
                Text::new("scheme.applications_ended")
                    .str("until", until.format("%d-%m-%Y").to_string()),
            );
        }
    }
    if n <= 0.0 {
        why.push(Text::new("scheme.no_homes"));
    }
    let fits = why.is_empty();
    // The guarantee covers a loss on sale below the guaranteed amount; at worst
    // the homes fetch nothing and the municipality pays its share of the residual value.
    let contingent = if fits {
        r.municipal_share * p.residual_value_share * investment
    } else {
        0.0
    };
    if fits {
        remarks.push(pct_num(
            Text::new("scheme.rthf.guarantee")
                .text("max", Text::new("eur").num("v", contingent, 0)),
            "share",
            r.municipal_share,
        ));
    }
    SchemeFit {
        key: "rthf",
        name: "RTHF (Regeling tegemoetkoming herplaatsing flexwoningen)",
        fits,
        counted: true,
        amount_eur: if fits { -r.fee_per_home_eur * n } else { 0.0 },
        reasons: why,
        remarks,
        contingent_eur: contingent,
        apply_by: None,
        conditional: false,
    }
}

fn dfr_fit(form: HousingForm, p: &BusinessParams) -> SchemeFit {
    let mut why = Vec::new();
    let mut remarks = Vec::new();
    // Not named, but the note opens the DFR "soon, under conditions" for it (DOMAIN.md).
    let named = p.dfr.forms.contains(&form);
    let under_conditions = !named && p.dfr.conditional_forms.contains(&form);
    if under_conditions {
        remarks.push(Text::new("scheme.dfr.conditional").text("form", form.text().lowercase()));
    } else if !named {
        why.push(not_for("scheme.named_for", &p.dfr.forms, form));
    }
    if p.share_statushouders <= 0.0 {
        why.push(Text::new("scheme.dfr.no_statushouders"));
    }
    remarks.push(Text::new("scheme.dfr.remark"));
    SchemeFit {
        key: "dfr",
        name: "DFR (tijdelijke financiering huisvesting statushouders)",
        fits: why.is_empty() && !under_conditions,
        counted: false,
        amount_eur: 0.0,
        conditional: why.is_empty() && under_conditions,
        reasons: why,
        remarks,
        contingent_eur: 0.0,
        apply_by: None,
    }
}

fn grote_gezinnen_fit(n: f64, p: &BusinessParams, ctx: &CaseContext) -> SchemeFit {
    let r = &p.grote_gezinnen;
    let size = ctx.persons_per_unit;
    let mut why = Vec::new();
    if size < r.min_persons {
        why.push(
            Text::new("scheme.gg.size")
                .num("size", size, 1)
                .num("min", r.min_persons, 0),
        );
    }
    let fits = why.is_empty();
    let per_home = if size >= 10.0 {
        r.per_home_10_eur
    } else {
        r.per_home_7_9_eur
    };
    SchemeFit {
        key: "grote_gezinnen",
        name: "Regeling huisvesting grote gezinnen vergunninghouders",
        fits,
        counted: false,
        amount_eur: if fits { per_home * n } else { 0.0 },
        reasons: why,
        remarks: if fits {
            vec![Text::new("scheme.gg.per_home").text("v", Text::new("eur").num("v", per_home, 0))]
        } else {
            Vec::new()
        },
        contingent_eur: 0.0,
        apply_by: None,
        conditional: false,
    }
}

fn rha_fit(form: HousingForm, p: &BusinessParams, years: f64) -> SchemeFit {
    let r = &p.rha;
    let mut why = Vec::new();
    if !r.forms.contains(&form) {
        why.push(not_for("scheme.rha.only_new", &r.forms, form));
    }
    if p.share_statushouders <= 0.0 {
        why.push(Text::new("scheme.rha.no_groups"));
    }
    if years < r.min_years {
        why.push(
            Text::new("scheme.rha.years")
                .num("years", years, 1)
                .num("min", r.min_years, 0),
        );
    }
    if p.start_months > r.max_start_months {
        why.push(
            Text::new("scheme.rha.start")
                .num("months", p.start_months, 0)
                .num("max", r.max_start_months, 0),
        );
    }
    SchemeFit {
        key: "rha",
        name: "RHA (Regeling huisvesting aandachtsgroepen)",
        fits: why.is_empty(),
        counted: false,
        amount_eur: 0.0,
        reasons: why,
        remarks: vec![Text::new("scheme.rha.remark")],
        contingent_eur: 0.0,
        apply_by: None,
        conditional: false,
    }
}

/// The build-cost factors of the sensitivity table's rows.
pub const COST_FACTORS: [f64; 4] = [0.8, 1.0, 1.2, 1.5];

/// The shortest term a varied case is computed with: a case of no years lets
/// nothing and only loses its investment (`validate` accepts 0, the sensitivity
/// does not go there).
pub const MIN_TERM_YEARS: f64 = 1.0;

/// One column of the sensitivity table: one assumption varied at a time, the
/// rest as entered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Variation {
    /// The term and the site's own years changed by this many years; see [`varied_years`].
    Term(f64),
    /// The rent times this factor: the default rent is the RTHF cap, often more
    /// than the target group pays (DOMAIN.md, Funding schemes "RTHF").
    Rent(f64),
    /// The residual value at most this share of the investment: the default 85 %
    /// is Fakton's "up to" (DOMAIN.md, Flex homes "Cost").
    ResidualAtMost(f64),
}

/// The columns of the sensitivity table, in order.
pub const SENSITIVITY_COLUMNS: [Variation; 6] = [
    Variation::Term(-5.0),
    Variation::Term(0.0),
    Variation::Term(5.0),
    Variation::Rent(0.9),
    Variation::ResidualAtMost(0.5),
    Variation::ResidualAtMost(0.0),
];

impl Variation {
    /// A column key for a spreadsheet (`termijn_korter`, `huur_lager`, `restwaarde_nul`).
    pub fn key(self) -> &'static str {
        match self {
            Variation::Term(dt) if dt < 0.0 => "termijn_korter",
            Variation::Term(dt) if dt > 0.0 => "termijn_langer",
            Variation::Term(_) => "termijn_zoals_ingevuld",
            Variation::Rent(_) => "huur_lager",
            Variation::ResidualAtMost(s) if s <= 0.0 => "restwaarde_nul",
            Variation::ResidualAtMost(_) => "restwaarde_hoogstens",
        }
    }

    /// The column's heading: "termijn 5 jaar korter (hoogstens de helft)", "huur −10 %".
    pub fn label(self) -> Text {
        match self {
            Variation::Term(dt) if dt < 0.0 => Text::new("sens.term_shorter").num("years", -dt, 0),
            Variation::Term(dt) if dt > 0.0 => Text::new("sens.term_longer").num("years", dt, 0),
            Variation::Term(_) => Text::new("sens.as_entered"),
            Variation::Rent(f) => Text::new("sens.rent").num("pct", (1.0 - f) * 100.0, 0),
            Variation::ResidualAtMost(s) => Text::new("sens.residual").num("pct", s * 100.0, 0),
        }
    }

    /// `p` and `ctx` with this variation applied.
    fn apply(self, p: &mut BusinessParams, ctx: &mut CaseContext) {
        match self {
            Variation::Term(dt) => {
                p.term_years = varied_years(p.term_years, dt);
                ctx.site_years = ctx.site_years.map(|s| varied_years(s, dt));
            }
            Variation::Rent(f) => p.rent_per_month_eur *= f,
            Variation::ResidualAtMost(s) => {
                p.residual_value_share = p.residual_value_share.min(s);
            }
        }
    }
}

/// `years` changed by `dt`. Shorter never goes below half of `years` nor below
/// [`MIN_TERM_YEARS`] (a term already shorter stays as it is): a finance officer
/// reads "5 jaar korter" as a shorter exploitation of the same homes, not as
/// none at all — a 5-year woningdelen line is tested at 2,5 years, not at 0,
/// where it would lose all its money.
pub fn varied_years(years: f64, dt: f64) -> f64 {
    if dt >= 0.0 {
        return years + dt;
    }
    let floor = years.min((years / 2.0).max(MIN_TERM_YEARS));
    (years + dt).max(floor)
}

/// The remaining gap (after subsidies) with the investment times each of
/// [`COST_FACTORS`] (rows) and each of [`SENSITIVITY_COLUMNS`] (columns).
pub fn gap_sensitivity(
    units: f64,
    form: HousingForm,
    p: &BusinessParams,
    ctx: &CaseContext,
) -> Vec<Vec<f64>> {
    COST_FACTORS
        .iter()
        .map(|f| {
            SENSITIVITY_COLUMNS
                .iter()
                .map(|variation| {
                    let (mut q, mut c) = (p.clone(), *ctx);
                    q.investment_per_home_eur *= f;
                    variation.apply(&mut q, &mut c);
                    case_numbers(units, form, &q, &c).remaining_gap_eur
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_defaults_parse_and_cite_domain() {
        let p = BusinessParams::default();
        assert_eq!(p.investment_per_home_eur, 63000.0);
        assert_eq!(p.sft.per_home_eur, 14000.0);
        assert_eq!(p.rthf.rent_cap_per_month_eur, 808.06);
        for form in HousingForm::ALL {
            BusinessParams::for_form(form).validate().unwrap();
        }
        assert!(!BusinessParams::for_form(HousingForm::Woningdelen).self_contained);
        // Every value line says where it comes from, or that nothing does.
        for line in DEFAULTS.lines() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') || l.starts_with('[') {
                continue;
            }
            assert!(l.contains("DOMAIN.md"), "{l}");
        }
    }

    #[test]
    fn unsourced_defaults_are_named_until_set() {
        let p = BusinessParams::default();
        let a = assumptions(HousingForm::Flex, &p);
        let keys: Vec<&str> = a.iter().map(|a| a.key.as_str()).collect();
        assert!(keys.contains(&"investment_per_home_eur"), "{keys:?}");
        assert!(keys.contains(&"discount_rate"), "{keys:?}");
        // Sourced, but an upper bound: named as optimistic.
        assert!(keys.contains(&"residual_value_share"), "{keys:?}");
        let inv = a
            .iter()
            .find(|a| a.key == "investment_per_home_eur")
            .unwrap();
        assert_eq!(inv.kind, "OUTDATED");
        assert_eq!(inv.status, "verouderde bron: prijspeil 2018, Aedes");
        assert!(inv.text.nl().contains("63.000"), "{}", inv.text);
        let mut mine = p.clone();
        mine.investment_per_home_eur = 180_000.0;
        assert!(!assumptions(HousingForm::Flex, &mine)
            .iter()
            .any(|a| a.key == "investment_per_home_eur"));
    }

    #[test]
    fn invalid_numbers_are_refused_in_dutch() {
        let p = BusinessParams {
            vacancy_share: 1.5,
            ..BusinessParams::default()
        };
        let e = p.validate().unwrap_err().to_string();
        assert!(
            e.contains("leegstand") && e.contains("tussen 0 en 1"),
            "{e}"
        );
    }

    #[test]
    fn old_stored_sft_fields_are_read() {
        let mut v = serde_json::to_value(BusinessParams::default()).unwrap();
        let sft = v.get_mut("sft").unwrap().as_object_mut().unwrap();
        sft.insert("max_per_municipality_eur".into(), 5e6.into());
        sft.remove("forms");
        let obj = v.as_object_mut().unwrap();
        let start = obj.remove("start_months").unwrap();
        obj.insert("delivery_months".into(), start);
        let p: BusinessParams = serde_json::from_value(v).unwrap();
        assert_eq!(p.sft.forms, BusinessParams::default().sft.forms);
    }
}
