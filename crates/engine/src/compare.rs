//! Two to four sites side by side, as a corporation weighs flex locations:
//! every criterion and sub-score, homes, term, grid status and its source,
//! flags, and the business case — with the differences and the best value per
//! row marked, computed here so the app only draws the table.

use chrono::NaiveDate;

use crate::business::{business_case, CaseContext, HousingForm};
use crate::dataset::Dataset;
use crate::score::{Scoring, Term};
use crate::werkprogramma::{entry_params, Entry, Werkprogramma};
use locatiescout_model::flag::Flag;
use locatiescout_model::text::Text;

/// Fewer than two is no comparison; more than four no longer fits side by side.
pub const MIN_SITES: usize = 2;
pub const MAX_SITES: usize = 4;

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ComparedSite {
    pub index: u32,
    pub id: String,
    pub score: f64,
    pub band: Text,
}

/// The heading of a comparison group.
pub fn group_text(group: &str) -> Text {
    match group {
        "score" => Text::new("compare.group.score"),
        "criteria" => Text::new("compare.group.criteria"),
        "site" => Text::new("compare.group.site"),
        _ => Text::new("compare.group.business"),
    }
}

/// One line of the comparison.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CompareRow {
    /// `score`, `criteria`, `site` or `business` ([`group_text`] names it).
    pub group: &'static str,
    pub label: Text,
    pub values: Vec<Text>,
    /// Not every site has the same value.
    pub differs: bool,
    /// Sites with the best value of a row that has a better direction.
    pub best: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Comparison {
    pub profile: Text,
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
    label: Text,
    values: Vec<Text>,
    nums: &[Option<f64>],
    higher: Option<bool>,
) -> CompareRow {
    let differs = values.windows(2).any(|w| w[0].nl() != w[1].nl());
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
        label,
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
    let all = |f: &dyn Fn(usize) -> (Text, Option<f64>)| -> (Vec<Text>, Vec<Option<f64>>) {
        (0..details.len()).map(f).unzip()
    };
    let num = |v: f64, d: usize| Text::new("n").num("v", v, d);
    let lbl = Text::new;
    let (v, n) = all(&|k| (num(details[k].score, 1), Some(details[k].score)));
    rows.push(row("score", lbl("compare.score"), v, &n, Some(true)));
    let (v, n) = all(&|k| (details[k].band.clone(), None));
    rows.push(row("score", lbl("compare.band"), v, &n, None));
    for (c, crit) in scoring.profile.criteria.iter().enumerate() {
        let (v, n) = all(&|k| {
            let cs = &details[k].criteria[c];
            let t = if cs.knocked_out {
                Text::new("compare.criterion_ko").num("v", cs.score, 0)
            } else {
                num(cs.score, 0)
            };
            (t, Some(cs.score))
        });
        rows.push(row(
            "criteria",
            Text::new("compare.criterion")
                .text("label", crit.label_text())
                .num("share", details[0].criteria[c].share * 100.0, 0),
            v,
            &n,
            Some(true),
        ));
    }
    let (v, n) = all(&|k| (num(details[k].facts.homes, 0), Some(details[k].facts.homes)));
    rows.push(row("site", lbl("compare.homes"), v, &n, Some(true)));
    let (v, n) = all(&|k| {
        let a = details[k].facts.area_m2;
        (Text::new("compare.m2").num("v", a, 0), Some(a))
    });
    rows.push(row("site", lbl("compare.area"), v, &n, None));
    let (v, n) = all(&|k| match details[k].facts.term {
        Term::Years(y) => (Text::new("compare.years").num("v", y, 1), Some(y)),
        Term::OpenEnd => (Text::new("term.open"), Some(f64::INFINITY)),
        Term::Unknown => (Text::new("grid.unknown"), None),
    });
    rows.push(row("site", lbl("compare.term"), v, &n, Some(true)));
    let (v, n) = all(&|k| {
        let g = &details[k].facts.grid_reading;
        // Fewer severity points is better: available 0 … queue 3.
        (
            Text::new("compare.grid")
                .text("status", g.status.kind_text())
                .text("detail", g.detail.clone()),
            Some(-f64::from(g.status.severity())),
        )
    });
    rows.push(row("site", lbl("compare.grid_label"), v, &n, Some(true)));
    let (v, n) = all(&|k| {
        let s = match details[k].facts.grid_reading.source {
            Some(crate::grid_connection::GridSource::Note) => "compare.source.note",
            Some(crate::grid_connection::GridSource::Rvb) => "compare.source.rvb",
            Some(crate::grid_connection::GridSource::Area) => "compare.source.area",
            None => "compare.none",
        };
        (Text::new(s), None)
    });
    rows.push(row("site", lbl("compare.grid_source"), v, &n, None));
    let (v, n) = all(&|k| {
        (
            details[k]
                .facts
                .owner
                .clone()
                .map_or_else(|| Text::new("grid.unknown"), Text::plain),
            None,
        )
    });
    rows.push(row("site", lbl("compare.owner"), v, &n, None));
    let (v, n) = all(&|k| {
        let src = layer
            .and_then(|l| l.source_id(indices[k] as usize))
            .unwrap_or(&details[k].id);
        let f = flags.iter().find(|f| f.site_id == src);
        (
            f.map_or_else(
                || Text::new("compare.none"),
                |f| {
                    let status = Text::new(f.status.text_key());
                    if f.note.is_empty() {
                        status
                    } else {
                        Text::new("compare.flag_note")
                            .text("status", status)
                            .str("note", f.note.clone())
                    }
                },
            ),
            None,
        )
    });
    rows.push(row("site", lbl("compare.flag"), v, &n, None));
    let (v, n) = all(&|k| {
        let (b, planned) = &cases[k];
        (
            Text::new(if *planned {
                "compare.basis_planned"
            } else {
                "compare.basis"
            })
            .num("homes", b.homes, 0)
            .num("years", b.params.term_years, 1),
            None,
        )
    });
    rows.push(row("business", lbl("compare.basis_label"), v, &n, None));
    let money = |v: f64| Text::new("eur").num("v", v, 0);
    let (v, n) = all(&|k| {
        (
            money(cases[k].0.investment_eur),
            Some(cases[k].0.investment_eur),
        )
    });
    rows.push(row("business", lbl("compare.investment"), v, &n, None));
    let (v, n) = all(&|k| {
        (
            money(cases[k].0.npv_before_schemes_eur),
            Some(cases[k].0.npv_before_schemes_eur),
        )
    });
    rows.push(row(
        "business",
        lbl("compare.npv_before"),
        v,
        &n,
        Some(true),
    ));
    let (v, n) = all(&|k| (money(cases[k].0.npv_eur), Some(cases[k].0.npv_eur)));
    rows.push(row("business", lbl("compare.npv"), v, &n, Some(true)));
    let (v, n) = all(&|k| {
        (
            money(cases[k].0.funding_gap_per_home_eur),
            Some(cases[k].0.funding_gap_per_home_eur),
        )
    });
    rows.push(row("business", lbl("compare.gap"), v, &n, Some(false)));
    let (v, n) = all(&|k| {
        (
            money(cases[k].0.remaining_gap_per_home_eur),
            Some(cases[k].0.remaining_gap_per_home_eur),
        )
    });
    rows.push(row(
        "business",
        lbl("compare.gap_after"),
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
                        Text::new("compare.fits_amount").text("amount", money(s.amount_eur))
                    } else {
                        Text::new("compare.fits")
                    },
                    Some(1.0),
                ),
                Some(s) => (
                    Text::new("compare.fits_not").join("reasons", s.reasons.clone(), "; "),
                    Some(0.0),
                ),
                None => (Text::plain(""), None),
            }
        });
        rows.push(row("business", Text::plain(label), v, &n, Some(true)));
    }
    Ok(Comparison {
        profile: scoring.profile.title_text(),
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
