//! The knelpunten the data shows for one entry — site, procedures, grid
//! capacity, exploitation term, finance — and the entry's list after the
//! user struck some out and added their own.

use chrono::{Datelike, NaiveDate};

use super::defaults::WerkprogrammaDefaults;
use super::feasibility::{available_from, plus_months, Feasibility};
use super::input::{Entry, EntryFacts, Knelpunt, KnelpuntCategory, Werkprogramma};
use crate::business::{years_on_first_site, BusinessCase, HousingForm};
use crate::grid_connection::GridStatus;
use crate::score::Term;
use locatiescout_model::flag::FlagStatus;
use locatiescout_model::text::Text;

/// The knelpunten of one entry: the derived ones it did not strike out, then
/// its own.
pub(super) fn entry_knelpunten(
    wp: &Werkprogramma,
    entry: &Entry,
    facts: &EntryFacts,
    business: &BusinessCase,
    feasible: &Feasibility,
    defaults: &WerkprogrammaDefaults,
    today: NaiveDate,
) -> Vec<Knelpunt> {
    let mut knelpunten: Vec<Knelpunt> =
        derive_knelpunten(wp, entry, facts, business, feasible, defaults, today)
            .into_iter()
            .filter(|knelpunt| !entry.dismissed.contains(&knelpunt.key))
            .collect();
    knelpunten.extend(entry.added.iter().cloned().map(|mut knelpunt| {
        knelpunt.derived = false;
        knelpunt
    }));
    knelpunten
}

/// The knelpunten the data shows for one entry.
fn derive_knelpunten(
    wp: &Werkprogramma,
    e: &Entry,
    facts: &EntryFacts,
    bc: &BusinessCase,
    feasibility: &Feasibility,
    d: &WerkprogrammaDefaults,
    today: NaiveDate,
) -> Vec<Knelpunt> {
    let feasible = feasibility.period;
    let mut out = Vec::new();
    let mut push = |category, key: &str, text: Text| {
        out.push(Knelpunt {
            category,
            key: key.into(),
            text,
            derived: true,
        })
    };
    use KnelpuntCategory as K;
    let when = |q: Option<usize>| match q {
        Some(q) => Text::new("kp.when").text("period", wp.period_text(q)),
        None => Text::new("kp.when_not")
            .text("period", wp.period_text(wp.periods.len().saturating_sub(1))),
    };
    if e.site_id.is_empty() && e.form.needs_site() {
        push(
            K::Locaties,
            "no_site",
            Text::new("kp.no_site").text("form", e.form.text().lowercase()),
        );
    }
    if feasibility.cause == Some("lead_time") {
        push(
            K::Procedures,
            "lead_time",
            Text::new("kp.lead_time")
                .num("months", f64::from(feasibility.lead_time_months), 0)
                .str("date", today.format("%d-%m-%Y").to_string())
                .str("ready", ready_text(feasibility))
                .text("period", wp.period_text(e.period))
                .text("when", when(feasible)),
        );
    }
    if wp.period_end(e.period) < today {
        push(
            K::Procedures,
            "period_past",
            Text::new("kp.period_past")
                .text("period", wp.period_text(e.period))
                .text("when", when(feasible)),
        );
    }
    let status = facts.flag.as_ref().map(|fl| fl.status);
    if status == Some(FlagStatus::NietGeschikt) {
        push(
            K::Locaties,
            "flag_unsuitable",
            Text::new("kp.flag_unsuitable"),
        );
    }
    let Some(detail) = &facts.detail else {
        if !e.site_id.is_empty() {
            push(K::Locaties, "site_missing", Text::new("kp.site_missing"));
        }
        out.extend(finance_knelpunten(bc));
        return out;
    };
    let f = &detail.facts;
    let municipal = f
        .owner
        .as_deref()
        .is_some_and(|o| o.to_lowercase().contains("gemeente"));
    if !municipal
        && !matches!(
            status,
            Some(FlagStatus::Aangeboden | FlagStatus::Gereserveerd)
        )
    {
        let rvb = f.listing.is_some()
            || f.owner
                .as_deref()
                .is_some_and(|o| o.to_lowercase().contains("rijk"));
        push(
            K::Locaties,
            if rvb {
                "rvb_site"
            } else {
                "no_owner_agreement"
            },
            Text::new("kp.no_owner_agreement").text(
                "owner",
                match (f.owner.as_deref(), rvb) {
                    (Some(o), _) => Text::plain(o),
                    (None, true) => Text::plain("RVB"),
                    (None, false) => Text::new("grid.unknown"),
                },
            ),
        );
    }
    let delivery = wp.period_end(e.period);
    let lead = feasibility.lead_time_months;
    if let Some(from) = available_from(facts).filter(|from| plus_months(*from, lead) > delivery) {
        push(
            K::Locaties,
            "available_late",
            Text::new("kp.available_late")
                .str("from", from.format("%d-%m-%Y").to_string())
                .num("months", f64::from(lead), 0)
                .str(
                    "ready",
                    plus_months(from, lead).format("%d-%m-%Y").to_string(),
                )
                .text("period", wp.period_text(e.period))
                .text("when", when(feasible)),
        );
    }
    if e.homes <= 0.0 && f.homes >= 1.0 {
        push(
            K::Locaties,
            "no_homes",
            Text::new("kp.no_homes").num("estimate", f.homes.floor(), 0),
        );
    }
    if !detail.knockout_reasons.is_empty() {
        push(
            K::Locaties,
            "knockout",
            Text::new("kp.knockout").join("reasons", detail.knockout_reasons.clone(), "; "),
        );
    }
    let term = f.term;
    if e.form == HousingForm::Flex {
        // How long the homes stand here (the business case's term and its
        // relocations), not how long the site is free; compared as printed.
        let site_years = match term {
            Term::Years(y) => Some(y),
            _ => None,
        };
        let here = years_on_first_site(&bc.params, site_years);
        if (here * 10.0).round() / 10.0 > d.max_temporary_years {
            push(
                K::Procedures,
                "permit_term",
                Text::new("kp.permit_term").num("years", here, 1).num(
                    "max",
                    d.max_temporary_years,
                    0,
                ),
            );
        }
    }
    if e.form == HousingForm::Transformatie {
        let non_residential = f.functions.iter().any(|fun| *fun != "woonfunctie");
        if non_residential {
            push(
                K::Procedures,
                "change_of_use",
                Text::new("kp.change_of_use").str("functions", f.functions.join(", ")),
            );
        }
    }
    let delivery_year = wp.period_end(e.period).year();
    let late = |until: Option<i32>| until.is_none_or(|y| y > delivery_year);
    match f.grid {
        GridStatus::Queue { until_year } if late(until_year) => push(
            K::Capaciteit,
            "grid_queue",
            Text::new("kp.grid_queue")
                .text("until", until_text(until_year, "kp.until_none"))
                .text("period", wp.period_text(e.period))
                .text("detail", f.grid_reading.detail.clone())
                .text("when", when(feasible)),
        ),
        GridStatus::Limited { until_year } if late(until_year) => push(
            K::Capaciteit,
            "grid_limited",
            Text::new("kp.grid_limited")
                .text("until", until_text(until_year, ""))
                .text("period", wp.period_text(e.period))
                .text("detail", f.grid_reading.detail.clone()),
        ),
        GridStatus::Requested { expected_year } if late(expected_year) => push(
            K::Capaciteit,
            "grid_requested",
            Text::new("kp.grid_requested")
                .text(
                    "expected",
                    expected_year.map_or_else(
                        || Text::new("kp.expected_none"),
                        |y| Text::new("kp.expected").str("year", y.to_string()),
                    ),
                )
                .text("detail", f.grid_reading.detail.clone())
                .text("when", when(feasible)),
        ),
        GridStatus::Unknown => push(K::Capaciteit, "grid_unknown", Text::new("kp.grid_unknown")),
        _ => {}
    }
    match term {
        Term::Years(y) if y < d.min_term_years => push(
            K::Exploitatie,
            "term_short",
            Text::new(if bc.params.relocations > 0 {
                "kp.term_short_moved"
            } else {
                "kp.term_short"
            })
            .num("years", y, 1)
            .num("min", d.min_term_years, 0),
        ),
        Term::Unknown => push(K::Exploitatie, "term_unknown", Text::new("kp.term_unknown")),
        _ => {}
    }
    out.extend(finance_knelpunten(bc));
    out
}

fn finance_knelpunten(bc: &BusinessCase) -> Vec<Knelpunt> {
    let mut out = Vec::new();
    let mut push = |key: &str, text: Text| {
        out.push(Knelpunt {
            category: KnelpuntCategory::Financiering,
            key: key.into(),
            text,
            derived: true,
        })
    };
    if bc.remaining_gap_eur > 0.0 {
        push(
            "funding_gap",
            Text::new(
                if bc
                    .schemes
                    .iter()
                    .any(|s| s.fits && s.counted && s.amount_eur > 0.0)
                {
                    "kp.funding_gap_after"
                } else {
                    "kp.funding_gap"
                },
            )
            .text("gap", Text::new("eur").num("v", bc.remaining_gap_eur, 0))
            .text(
                "per",
                Text::new("eur").num("v", bc.remaining_gap_per_home_eur, 0),
            )
            .text("unit", bc.form.unit_text(1.0)),
        );
    }
    if let Some(sft) = bc.schemes.iter().find(|s| s.key == "sft") {
        if !sft.fits && bc.funding_gap_eur > 0.0 {
            push(
                "sft_not_fit",
                Text::new("kp.sft_not_fit").join("reasons", sft.reasons.clone(), "; "),
            );
        }
        if sft.fits {
            for r in sft
                .remarks
                .iter()
                .filter(|r| r.key() == crate::business::SFT_LATE)
            {
                push("sft_late", r.clone());
            }
        }
    }
    out
}

/// The earliest day of the keys, for a sentence.
fn ready_text(feasibility: &Feasibility) -> String {
    feasibility
        .ready
        .map(|d| d.format("%d-%m-%Y").to_string())
        .unwrap_or_default()
}

/// " tot 2029", or `none` (a catalogue key, or "" for nothing) without a year.
fn until_text(year: Option<i32>, none: &'static str) -> Text {
    match year {
        Some(y) => Text::new("kp.until").str("year", y.to_string()),
        None if none.is_empty() => Text::plain(""),
        None => Text::new(none),
    }
}
