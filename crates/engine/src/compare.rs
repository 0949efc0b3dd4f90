//! Two to four sites side by side, as a corporation weighs flex locations:
//! every criterion and sub-score, homes, term, grid status and its source,
//! flags, and the business case — with the differences and the best value per
//! row marked, computed here so the app only draws the table.

use chrono::NaiveDate;

use crate::business::{business_case, CaseContext, HousingForm};
use crate::score::{Dataset, Scoring, Term};
use crate::werkprogramma::{entry_params, Entry, Werkprogramma};
use locatiescout_model::flag::Flag;
use locatiescout_model::nl::{eur, nl_number};

/// Fewer than two is no comparison; more than four no longer fits side by side.
pub const MIN_SITES: usize = 2;
pub const MAX_SITES: usize = 4;

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ComparedSite {
    pub index: u32,
    pub id: String,
    pub score: f64,
    pub band: String,
}

/// One line of the comparison.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CompareRow {
    /// Score, Criteria, Locatie or Businesscase.
    pub group: &'static str,
    pub label: String,
    pub values: Vec<String>,
    /// Not every site has the same value.
    pub differs: bool,
    /// Sites with the best value of a row that has a better direction.
    pub best: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Comparison {
    pub profile: String,
    pub sites: Vec<ComparedSite>,
    pub rows: Vec<CompareRow>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CompareError {
    #[error("kies {MIN_SITES} tot {MAX_SITES} locaties om te vergelijken (nu {0})")]
    Count(usize),
    #[error("locatie {0} bestaat niet in de geladen gegevens")]
    NoSite(u32),
}

/// Better is higher (`Some(true)`), lower (`Some(false)`) or neither.
fn row(
    group: &'static str,
    label: &str,
    values: Vec<String>,
    nums: &[Option<f64>],
    higher: Option<bool>,
) -> CompareRow {
    let differs = values.windows(2).any(|w| w[0] != w[1]);
    let best = match higher {
        Some(h) if differs => {
            let key = |v: f64| if h { v } else { -v };
            let top = nums
                .iter()
                .flatten()
                .map(|v| key(*v))
                .fold(f64::NEG_INFINITY, f64::max);
            nums.iter()
                .enumerate()
                .filter(|(_, v)| v.is_some_and(|v| key(v) == top || (key(v) - top).abs() < 1e-9))
                .map(|(k, _)| k)
                .collect()
        }
        _ => Vec::new(),
    };
    CompareRow {
        group,
        label: label.to_string(),
        values,
        differs,
        best,
    }
}

/// Compares `indices` (sites of `scoring`'s profile). The business case uses
/// the werkprogramma's numbers for a site that is in it, else the project's.
pub fn compare(
    ds: &Dataset,
    scoring: &Scoring,
    indices: &[u32],
    flags: &[Flag],
    wp: &Werkprogramma,
    today: NaiveDate,
) -> Result<Comparison, CompareError> {
    if !(MIN_SITES..=MAX_SITES).contains(&indices.len()) {
        return Err(CompareError::Count(indices.len()));
    }
    let layer = ds.site_layer(&scoring.profile);
    let mut details = Vec::with_capacity(indices.len());
    for &i in indices {
        details.push(
            scoring
                .detail(ds, i as usize)
                .ok_or(CompareError::NoSite(i))?,
        );
    }
    let form = if scoring.profile.key == "transformatie" {
        HousingForm::Transformatie
    } else {
        HousingForm::Flex
    };
    let cases: Vec<_> = indices
        .iter()
        .zip(&details)
        .map(|(&i, d)| {
            let source = layer.and_then(|l| l.source_id(i as usize)).unwrap_or(&d.id);
            let planned = wp
                .entries
                .iter()
                .find(|e| e.site_id == source && e.profile == scoring.profile.key);
            let entry = planned.cloned().unwrap_or_else(|| Entry {
                site_id: source.to_string(),
                profile: scoring.profile.key.clone(),
                form,
                homes: d.facts.homes.floor(),
                ..Entry::default()
            });
            let params = entry_params(wp, &entry);
            let ctx = CaseContext {
                site_years: match d.facts.term {
                    Term::Years(y) => Some(y),
                    _ => None,
                },
                persons_per_unit: wp.persons_per_unit(&entry),
                ..CaseContext::on(today)
            };
            (
                business_case(entry.homes, entry.form, &params, &ctx),
                planned.is_some(),
            )
        })
        .collect();

    let mut rows = Vec::new();
    let all = |f: &dyn Fn(usize) -> (String, Option<f64>)| -> (Vec<String>, Vec<Option<f64>>) {
        (0..details.len()).map(f).unzip()
    };
    let (v, n) = all(&|k| (nl_number(details[k].score, 1), Some(details[k].score)));
    rows.push(row("Score", "Score", v, &n, Some(true)));
    let (v, n) = all(&|k| (details[k].band.clone(), None));
    rows.push(row("Score", "Klasse", v, &n, None));
    for (c, crit) in scoring.profile.criteria.iter().enumerate() {
        let (v, n) = all(&|k| {
            let cs = &details[k].criteria[c];
            let mut s = nl_number(cs.score, 0);
            if cs.knocked_out {
                s.push_str(" (valt af)");
            }
            (s, Some(cs.score))
        });
        rows.push(row(
            "Criteria",
            &format!(
                "{} ({} %)",
                crit.label,
                nl_number(details[0].criteria[c].share * 100.0, 0)
            ),
            v,
            &n,
            Some(true),
        ));
    }
    let (v, n) = all(&|k| {
        (
            nl_number(details[k].facts.homes, 0),
            Some(details[k].facts.homes),
        )
    });
    rows.push(row("Locatie", "Woningen (schatting)", v, &n, Some(true)));
    let (v, n) = all(&|k| {
        let a = details[k].facts.area_m2;
        (format!("{} m²", nl_number(a, 0)), Some(a))
    });
    rows.push(row("Locatie", "Oppervlakte", v, &n, None));
    let (v, n) = all(&|k| match details[k].facts.term {
        Term::Years(y) => (format!("{} jaar", nl_number(y, 1)), Some(y)),
        Term::OpenEnd => ("geen einddatum bekend".into(), Some(f64::INFINITY)),
        Term::Unknown => ("onbekend".into(), None),
    });
    rows.push(row("Locatie", "Beschikbaar", v, &n, Some(true)));
    let (v, n) = all(&|k| {
        let g = &details[k].facts.grid_reading;
        // Fewer severity points is better: available 0 … queue 3.
        (
            format!("{} — {}", g.status.dutch(), g.detail),
            Some(-f64::from(g.status.severity())),
        )
    });
    rows.push(row("Locatie", "Netaansluiting", v, &n, Some(true)));
    let (v, n) = all(&|k| {
        let s = match details[k].facts.grid_reading.source {
            Some(crate::grid::GridSource::Note) => "notitie bij de locatie",
            Some(crate::grid::GridSource::Rvb) => "RVB-impactanalyse",
            Some(crate::grid::GridSource::Area) => "capaciteitskaart",
            None => "geen",
        };
        (s.to_string(), None)
    });
    rows.push(row("Locatie", "Bron netaansluiting", v, &n, None));
    let (v, n) = all(&|k| {
        (
            details[k]
                .facts
                .owner
                .clone()
                .unwrap_or_else(|| "onbekend".into()),
            None,
        )
    });
    rows.push(row("Locatie", "Eigenaar", v, &n, None));
    let (v, n) = all(&|k| {
        let src = layer
            .and_then(|l| l.source_id(indices[k] as usize))
            .unwrap_or(&details[k].id);
        let f = flags.iter().find(|f| f.site_id == src);
        (
            f.map_or("geen".to_string(), |f| {
                if f.note.is_empty() {
                    f.status.label().to_string()
                } else {
                    format!("{} ({})", f.status.label(), f.note)
                }
            }),
            None,
        )
    });
    rows.push(row("Locatie", "Vlag", v, &n, None));
    let (v, n) = all(&|k| {
        let (b, planned) = &cases[k];
        (
            format!(
                "{} woningen, {} jaar{}",
                nl_number(b.homes, 0),
                nl_number(b.params.term_years, 1),
                if *planned { " (werkprogramma)" } else { "" }
            ),
            None,
        )
    });
    rows.push(row("Businesscase", "Uitgangspunt", v, &n, None));
    let (v, n) = all(&|k| {
        (
            eur(cases[k].0.investment_eur),
            Some(cases[k].0.investment_eur),
        )
    });
    rows.push(row("Businesscase", "Investering", v, &n, None));
    let (v, n) = all(&|k| {
        (
            eur(cases[k].0.npv_before_schemes_eur),
            Some(cases[k].0.npv_before_schemes_eur),
        )
    });
    rows.push(row(
        "Businesscase",
        "NCW zonder regelingen",
        v,
        &n,
        Some(true),
    ));
    let (v, n) = all(&|k| (eur(cases[k].0.npv_eur), Some(cases[k].0.npv_eur)));
    rows.push(row("Businesscase", "NCW met regelingen", v, &n, Some(true)));
    let (v, n) = all(&|k| {
        (
            eur(cases[k].0.funding_gap_per_home_eur),
            Some(cases[k].0.funding_gap_per_home_eur),
        )
    });
    rows.push(row("Businesscase", "Tekort per woning", v, &n, Some(false)));
    let (v, n) = all(&|k| {
        (
            eur(cases[k].0.remaining_gap_per_home_eur),
            Some(cases[k].0.remaining_gap_per_home_eur),
        )
    });
    rows.push(row(
        "Businesscase",
        "Tekort na subsidie per woning",
        v,
        &n,
        Some(false),
    ));
    for (key, label) in [("sft", "SFT"), ("rthf", "RTHF")] {
        let (v, n) = all(&|k| {
            let s = cases[k].0.schemes.iter().find(|s| s.key == key);
            match s {
                Some(s) if s.fits => (
                    if s.amount_eur > 0.0 {
                        format!("past: {}", eur(s.amount_eur))
                    } else {
                        "past".to_string()
                    },
                    Some(1.0),
                ),
                Some(s) => (format!("past niet: {}", s.reasons.join("; ")), Some(0.0)),
                None => (String::new(), None),
            }
        });
        rows.push(row("Businesscase", label, v, &n, Some(true)));
    }
    Ok(Comparison {
        profile: scoring.profile.title.clone(),
        sites: details
            .iter()
            .map(|d| ComparedSite {
                index: d.index,
                id: d.id.clone(),
                score: d.score,
                band: d.band.clone(),
            })
            .collect(),
        rows,
    })
}
