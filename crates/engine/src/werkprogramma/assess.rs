//! Computing the werkprogramma, step by step: each entry's row, the periods
//! and their total, the ambition and taakstelling, the knelpunten over all
//! sites, and the finance totals.

use chrono::NaiveDate;

use super::ambition::{ambition_check, ambition_text, taakstelling_check};
use super::defaults::WerkprogrammaDefaults;
use super::input::{EntryFacts, Werkprogramma};
use super::overall::{knelpunt_summaries, obstacles};
use super::periods::{groups_total, period_results, total_of};
use super::report::{AssumptionNote, SiteRow, WerkprogrammaReport};
use super::site_row::site_row;
use crate::business::{COST_FACTORS, TERM_DELTAS_YEARS};

/// Computes the werkprogramma. `facts[i]` belongs to `wp.entries[i]`.
pub fn assess(wp: &Werkprogramma, facts: &[EntryFacts], today: NaiveDate) -> WerkprogrammaReport {
    let defaults = WerkprogrammaDefaults::default();
    let no_facts = EntryFacts::default();
    let sites: Vec<SiteRow> = wp
        .entries
        .iter()
        .enumerate()
        .map(|(number, entry)| {
            let entry_facts = facts.get(number).unwrap_or(&no_facts);
            site_row(wp, entry, entry_facts, &defaults, today)
        })
        .collect();
    let periods = period_results(wp, &defaults, &sites);
    let total = total_of(&periods);
    let ambition = ambition_check(wp, &total);
    let taakstelling = taakstelling_check(wp, &total, periods.len());
    let knelpunten = knelpunt_summaries(wp, &sites, &total, &ambition);
    let obstacles = obstacles(&knelpunten);
    let ambition_text = ambition_text(wp, &periods, &ambition, &obstacles);
    let schemes = || sites.iter().flat_map(|site| site.business.schemes.iter());
    WerkprogrammaReport {
        input: wp.clone(),
        reference_date: today.format("%d-%m-%Y").to_string(),
        reaches_ambition: ambition.reached,
        funding_gap_total_eur: sites.iter().map(|site| site.business.funding_gap_eur).sum(),
        remaining_gap_total_eur: sites
            .iter()
            .map(|site| site.business.remaining_gap_eur)
            .sum(),
        rthf_contingent_total_eur: schemes().map(|scheme| scheme.contingent_eur).sum(),
        sft_total_eur: schemes()
            .filter(|scheme| scheme.key == "sft")
            .map(|scheme| scheme.amount_eur)
            .sum(),
        groups_total: groups_total(&sites),
        sensitivity: summed_sensitivity(&sites),
        assumptions: assumption_notes(&sites),
        periods,
        total,
        ambition,
        taakstelling,
        knelpunten,
        obstacles,
        ambition_text,
        sites,
    }
}

/// Each business-case number still at an unsourced default, once, with the
/// sites whose case uses it.
fn assumption_notes(sites: &[SiteRow]) -> Vec<AssumptionNote> {
    let mut notes: Vec<AssumptionNote> = Vec::new();
    for row in sites {
        for assumption in &row.business.assumptions {
            match notes.iter_mut().find(|note| note.text == assumption.text) {
                Some(note) => note.sites.push(row.label.clone()),
                None => notes.push(AssumptionNote {
                    text: assumption.text.clone(),
                    source: assumption.source.clone(),
                    kind: assumption.kind,
                    status: assumption.status.clone(),
                    sites: vec![row.label.clone()],
                }),
            }
        }
    }
    notes
}

/// The remaining gap of all entries together by build cost (rows) and term (columns).
fn summed_sensitivity(sites: &[SiteRow]) -> Vec<Vec<f64>> {
    let mut sum = vec![vec![0.0; TERM_DELTAS_YEARS.len()]; COST_FACTORS.len()];
    for row in sites {
        for (cost, line) in row.sensitivity.iter().enumerate() {
            for (term, gap) in line.iter().enumerate() {
                sum[cost][term] += gap;
            }
        }
    }
    sum
}
