//! A rough flex business case per site: net present value, the funding gap and
//! which schemes (SFT, RTHF) the site fits and why not. Deliberately a model a
//! corporation can check by hand — yearly cash flows, discounted to year 0 — not
//! a replacement for the national Rekenmodel flexwonen. Every number is a
//! parameter; the defaults and their sources live in `data/business_case.toml`.

use chrono::NaiveDate;
use locatiescout_model::nl::{nl_number, pct};

const DEFAULTS: &str = include_str!("../../../data/business_case.toml");

/// How homes are made: the four additional housing forms of the Bouwstenen note.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum HousingForm {
    #[default]
    Flex,
    Transformatie,
    Woningdelen,
    Onzelfstandig,
}

impl HousingForm {
    pub const ALL: [HousingForm; 4] = [
        HousingForm::Flex,
        HousingForm::Transformatie,
        HousingForm::Woningdelen,
        HousingForm::Onzelfstandig,
    ];

    pub fn key(self) -> &'static str {
        match self {
            HousingForm::Flex => "flex",
            HousingForm::Transformatie => "transformatie",
            HousingForm::Woningdelen => "woningdelen",
            HousingForm::Onzelfstandig => "onzelfstandig",
        }
    }

    pub fn dutch(self) -> &'static str {
        match self {
            HousingForm::Flex => "Flexwoningen",
            HousingForm::Transformatie => "Transformatie",
            HousingForm::Woningdelen => "Woningdelen",
            HousingForm::Onzelfstandig => "Onzelfstandige woonruimte",
        }
    }

    pub fn from_key(s: &str) -> Option<HousingForm> {
        let s = s.trim().to_lowercase();
        Self::ALL
            .into_iter()
            .find(|f| f.key() == s || f.dutch().to_lowercase() == s)
    }
}

/// SFT conditions (DOMAIN.md, Funding schemes).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SftRules {
    pub per_home_eur: f64,
    pub max_per_municipality_eur: f64,
    pub min_years: f64,
    pub min_share_statushouders: f64,
    pub max_delivery_months: f64,
}

/// RTHF conditions (DOMAIN.md, Funding schemes).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RthfRules {
    pub rent_cap_per_month_eur: f64,
    pub fee_per_home_eur: f64,
    /// Last day applications are accepted, ISO date.
    pub applications_until: String,
}

/// Every input of the business case except the number of homes, which comes
/// from the site or the werkprogramma.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessParams {
    pub investment_per_home_eur: f64,
    pub rent_per_month_eur: f64,
    pub vacancy_share: f64,
    pub operating_cost_per_home_year_eur: f64,
    /// Exploitation term at this location.
    pub term_years: f64,
    /// Spread evenly over the term, the last at its end.
    pub relocations: u32,
    pub relocation_cost_per_home_eur: f64,
    pub residual_value_share: f64,
    pub discount_rate: f64,
    pub share_statushouders: f64,
    pub self_contained: bool,
    pub new_homes: bool,
    /// Months from the grant to delivery.
    pub delivery_months: f64,
    pub sft: SftRules,
    pub rthf: RthfRules,
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

impl Default for BusinessParams {
    fn default() -> Self {
        // Parsed once: every site without its own numbers starts from these.
        static PARSED: std::sync::OnceLock<BusinessParams> = std::sync::OnceLock::new();
        PARSED
            .get_or_init(|| {
                // The bundled file is checked by a test; a broken build is the only way here.
                #[allow(clippy::expect_used)]
                locatiescout_model::defaults::parsed("business_case.toml", DEFAULTS, |t, _| {
                    BusinessParams::parse(t)
                })
                .expect("data/business_case.toml is valid")
            })
            .clone()
    }
}

impl BusinessParams {
    pub fn parse(text: &str) -> Result<BusinessParams, BusinessError> {
        let p: BusinessParams =
            toml::from_str(text).map_err(|e| BusinessError::Parse(e.message().to_string()))?;
        p.validate()?;
        Ok(p)
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
            "oplevering",
            self.delivery_months,
            0.0,
            600.0,
            "moet tussen 0 en 600 maanden liggen",
        )?;
        if self.relocations > 100 {
            return Err(BusinessError::Invalid {
                name: "aantal verplaatsingen",
                value: self.relocations.to_string(),
                why: "moet tussen 0 en 100 liggen",
            });
        }
        if NaiveDate::parse_from_str(&self.rthf.applications_until, "%Y-%m-%d").is_err() {
            return Err(BusinessError::Invalid {
                name: "RTHF aanvragen tot",
                value: self.rthf.applications_until.clone(),
                why: "moet een datum zijn als 2028-12-31",
            });
        }
        Ok(())
    }
}

/// Whether a site fits a scheme, with the conditions it fails in Dutch.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SchemeFit {
    /// `sft` or `rthf`.
    pub key: &'static str,
    pub name: &'static str,
    pub fits: bool,
    /// Money counted in the case: + subsidy, − fee.
    pub amount_eur: f64,
    /// Why not (empty when it fits), or remarks such as a cap reached.
    pub reasons: Vec<String>,
}

/// The business case of one site.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BusinessCase {
    pub homes: f64,
    pub form: HousingForm,
    pub params: BusinessParams,
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
    /// What is left after the subsidies the site fits.
    pub remaining_gap_eur: f64,
    pub remaining_gap_per_home_eur: f64,
}

fn discount(rate: f64, years: f64) -> f64 {
    (1.0 + rate).powf(-years)
}

/// Computes the case for `homes` homes of `form` with `p`; `today` decides
/// whether RTHF still takes applications.
pub fn business_case(
    homes: f64,
    form: HousingForm,
    p: &BusinessParams,
    today: NaiveDate,
) -> BusinessCase {
    let n = homes.max(0.0);
    let d = p.discount_rate;
    let t = p.term_years.max(0.0);
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
    let k = p.relocations;
    let relocation = (1..=k)
        .map(|j| p.relocation_cost_per_home_eur * n * discount(d, t * f64::from(j) / f64::from(k)))
        .sum::<f64>();
    let residual = p.residual_value_share * investment * discount(d, t);
    let npv_before = -investment + net_rent - relocation + residual;

    let rthf = rthf_fit(n, form, p, today);
    let after_fee = npv_before + rthf.amount_eur;
    let gap = (-after_fee).max(0.0);
    let sft = sft_fit(n, form, p, gap);
    let npv = after_fee + sft.amount_eur;
    let per_home = |v: f64| if n > 0.0 { v / n } else { 0.0 };
    BusinessCase {
        homes: n,
        form,
        params: p.clone(),
        investment_eur: investment,
        net_rent_pv_eur: net_rent,
        relocation_pv_eur: relocation,
        residual_pv_eur: residual,
        npv_before_schemes_eur: npv_before,
        schemes: vec![sft, rthf],
        npv_eur: npv,
        funding_gap_eur: gap,
        funding_gap_per_home_eur: per_home(gap),
        remaining_gap_eur: (-npv).max(0.0),
        remaining_gap_per_home_eur: per_home((-npv).max(0.0)),
    }
}

fn sft_fit(n: f64, form: HousingForm, p: &BusinessParams, gap: f64) -> SchemeFit {
    let r = &p.sft;
    let mut why = Vec::new();
    if !matches!(form, HousingForm::Flex | HousingForm::Transformatie) {
        why.push(format!(
            "alleen voor flex- en transformatiewoningen, niet voor {}",
            form.dutch().to_lowercase()
        ));
    }
    if p.term_years < r.min_years {
        why.push(format!(
            "beschikbaar {} jaar, minder dan {} jaar",
            nl_number(p.term_years, 1),
            nl_number(r.min_years, 0)
        ));
    }
    if p.share_statushouders < r.min_share_statushouders {
        why.push(format!(
            "{} voor statushouders, minder dan {}",
            pct(p.share_statushouders),
            pct(r.min_share_statushouders)
        ));
    }
    if p.delivery_months > r.max_delivery_months {
        why.push(format!(
            "oplevering na {} maanden, later dan {} maanden na toekenning",
            nl_number(p.delivery_months, 0),
            nl_number(r.max_delivery_months, 0)
        ));
    }
    if gap <= 0.0 {
        why.push("geen financieringstekort aan te tonen: de businesscase sluit zonder".into());
    }
    if n <= 0.0 {
        why.push("geen woningen".into());
    }
    let fits = why.is_empty();
    let mut amount = 0.0;
    if fits {
        amount = r.per_home_eur * n;
        if amount > r.max_per_municipality_eur {
            amount = r.max_per_municipality_eur;
            why.push(format!(
                "beperkt tot het maximum van € {} per gemeente",
                nl_number(r.max_per_municipality_eur, 0)
            ));
        }
    }
    SchemeFit {
        key: "sft",
        name: "SFT (Stimuleringsregeling flex- en transformatiewoningen)",
        fits,
        amount_eur: amount,
        reasons: why,
    }
}

fn rthf_fit(n: f64, form: HousingForm, p: &BusinessParams, today: NaiveDate) -> SchemeFit {
    let r = &p.rthf;
    let mut why = Vec::new();
    if form != HousingForm::Flex {
        why.push(format!(
            "alleen voor flexwoningen, niet voor {}",
            form.dutch().to_lowercase()
        ));
    }
    if !p.new_homes {
        why.push("alleen voor nieuwe flexwoningen".into());
    }
    if !p.self_contained {
        why.push("alleen voor zelfstandige woningen".into());
    }
    if p.rent_per_month_eur > r.rent_cap_per_month_eur {
        why.push(format!(
            "huur € {} per maand boven de grens van € {}",
            nl_number(p.rent_per_month_eur, 2),
            nl_number(r.rent_cap_per_month_eur, 2)
        ));
    }
    if let Ok(until) = NaiveDate::parse_from_str(&r.applications_until, "%Y-%m-%d") {
        if today > until {
            why.push(format!("aanvragen kon tot {}", until.format("%d-%m-%Y")));
        }
    }
    if n <= 0.0 {
        why.push("geen woningen".into());
    }
    let fits = why.is_empty();
    SchemeFit {
        key: "rthf",
        name: "RTHF (verplaatsingsgarantie flexwoningen)",
        fits,
        amount_eur: if fits { -r.fee_per_home_eur * n } else { 0.0 },
        reasons: why,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_defaults_parse_and_cite_domain() {
        let p = BusinessParams::default();
        assert_eq!(p.investment_per_home_eur, 63000.0);
        assert_eq!(p.sft.per_home_eur, 7800.0);
        assert_eq!(p.rthf.rent_cap_per_month_eur, 808.06);
        // Every value line says where it comes from, or that nothing does.
        for line in DEFAULTS.lines() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') || l.starts_with('[') {
                continue;
            }
            assert!(
                l.contains("DOMAIN.md") || l.contains("NO SOURCE in DOMAIN.md"),
                "{l}"
            );
        }
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
}
