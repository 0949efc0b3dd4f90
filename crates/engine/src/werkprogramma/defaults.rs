//! The numbers a new werkprogramma starts from (`data/werkprogramma.toml`):
//! the ambition, the periods, the backlog and the persons per home.

use std::collections::BTreeMap;

use crate::business::HousingForm;

const DEFAULTS: &str = include_str!("../../../../data/werkprogramma.toml");

/// The numbers a new werkprogramma starts from (`data/werkprogramma.toml`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WerkprogrammaDefaults {
    pub ambition_share: f64,
    pub ambition_includes_backlog: bool,
    pub periods: usize,
    pub backlog_periods: f64,
    pub min_term_years: f64,
    pub max_temporary_years: f64,
    pub groups: Vec<String>,
    /// Persons per home or woonplek by housing form key.
    pub persons_per_unit: BTreeMap<String, f64>,
    /// Months from the peildatum or the day the site is free to the keys, by housing form key.
    pub lead_time_months: BTreeMap<String, u32>,
}

impl Default for WerkprogrammaDefaults {
    fn default() -> Self {
        static PARSED: std::sync::OnceLock<WerkprogrammaDefaults> = std::sync::OnceLock::new();
        PARSED
            .get_or_init(|| {
                // Checked by a test: only a broken build gets here with a bad file.
                #[allow(clippy::expect_used)]
                locatiescout_model::defaults::parsed("werkprogramma.toml", DEFAULTS, |t, _| {
                    toml::from_str::<WerkprogrammaDefaults>(t)
                })
                .expect("data/werkprogramma.toml is valid")
            })
            .clone()
    }
}

impl WerkprogrammaDefaults {
    /// Persons per unit of `form` (1 when the file does not name the form).
    pub fn persons_per_unit(&self, form: HousingForm) -> f64 {
        self.persons_per_unit
            .get(form.key())
            .copied()
            .unwrap_or(1.0)
    }

    /// Months from the peildatum or the free site to the keys for `form`
    /// (the longest the file names when it does not name the form: never optimistic).
    pub fn lead_time_months(&self, form: HousingForm) -> u32 {
        self.lead_time_months
            .get(form.key())
            .copied()
            .unwrap_or_else(|| self.lead_time_months.values().copied().max().unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_cite_domain() {
        let d = WerkprogrammaDefaults::default();
        assert_eq!(d.ambition_share, 0.2);
        assert_eq!(d.periods, 3);
        assert_eq!(d.persons_per_unit(HousingForm::Woningdelen), 1.0);
        assert_eq!(d.lead_time_months(HousingForm::Flex), 9);
        assert_eq!(d.lead_time_months(HousingForm::Transformatie), 18);
        for form in HousingForm::ALL {
            assert!(
                d.lead_time_months.contains_key(form.key()),
                "{}",
                form.key()
            );
        }
        for line in DEFAULTS.lines() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') || l.starts_with('[') {
                continue;
            }
            assert!(l.contains("DOMAIN.md"), "{l}");
        }
    }
}
