//! Computing the werkprogramma, step by step: each entry's row, the periods
//! and their total, the ambition and taakstelling, the knelpunten over all
//! sites, and the finance totals.

use chrono::NaiveDate;

use super::ambition::{ambition_base, ambition_check, ambition_text, taakstelling_check};
use super::defaults::WerkprogrammaDefaults;
use super::input::{EntryFacts, Werkprogramma};
use super::overall::{knelpunt_summaries, obstacles};
use super::periods::{backlog_periods, groups_total, period_results, total_of};
use super::report::{AssumptionNote, SiteRow, WerkprogrammaReport};
use super::site_row::site_row;
use super::whole::{apportion, rounded_sum};
use crate::business::{COST_FACTORS, SENSITIVITY_COLUMNS};
use locatiescout_model::text::Text;

/// Computes the werkprogramma measured from `today` (the peildatum: the only
/// date it reads). `facts[i]` belongs to `wp.entries[i]`.
pub fn assess(wp: &Werkprogramma, facts: &[EntryFacts], today: NaiveDate) -> WerkprogrammaReport {
    let dated = wp.dated(today);
    let wp = &dated;
    let defaults = WerkprogrammaDefaults::default();
    let no_facts = EntryFacts::default();
    let mut sites: Vec<SiteRow> = wp
        .entries
        .iter()
        .enumerate()
        .map(|(number, entry)| {
            let entry_facts = facts.get(number).unwrap_or(&no_facts);
            site_row(wp, entry, entry_facts, &defaults, today)
        })
        .collect();
    whole_statushouders(&mut sites);
    let (_, ambition_persons) = ambition_base(wp);
    let periods = period_results(wp, &defaults, &sites, ambition_persons);
    let total = total_of(&periods, wp.cooperation_persons);
    let ambition = ambition_check(wp, &total);
    let taakstelling = taakstelling_check(&total, periods.len());
    let knelpunten = knelpunt_summaries(wp, &sites, &total, &ambition);
    let (obstacles, risks) = obstacles(&knelpunten, ambition.reached);
    let ambition_text = ambition_text(wp, &periods, &ambition, &obstacles, &risks);
    let schemes = || sites.iter().flat_map(|site| site.business.schemes.iter());
    let mut assumptions = werkprogramma_notes(wp, &defaults, &sites);
    assumptions.extend(assumption_notes(&sites));
    let groups_total = groups_total(&sites);
    WerkprogrammaReport {
        input: dated,
        reference_date: today.format("%d-%m-%Y").to_string(),
        reaches_ambition: ambition.reached,
        funding_gap_total_eur: sites.iter().map(|site| site.business.funding_gap_eur).sum(),
        remaining_gap_total_eur: sites
            .iter()
            .map(|site| site.business.remaining_gap_eur)
            .sum(),
        rthf_contingent_total_eur: schemes().map(|scheme| scheme.contingent_eur).sum(),
        sft_total_eur: schemes()
            .filter(|scheme| scheme.key == "sft" && scheme.apply_by.is_none())
            .map(|scheme| scheme.amount_eur)
            .sum(),
        sft_to_apply_eur: schemes()
            .filter(|scheme| scheme.key == "sft" && scheme.apply_by.is_some())
            .map(|scheme| scheme.amount_eur)
            .sum(),
        sft_apply_by: schemes()
            .filter(|scheme| scheme.key == "sft")
            .filter_map(|scheme| scheme.apply_by)
            .min()
            .map(|day| day.format("%d-%m-%Y").to_string()),
        groups_total,
        sensitivity: summed_sensitivity(&sites),
        assumptions,
        periods,
        total,
        ambition,
        taakstelling,
        knelpunten,
        obstacles,
        risks,
        ambition_text,
        sites,
    }
}

/// Homes and persons for statushouders in whole numbers, rounded once over all
/// entries (largest remainder): three lines of 0,4 persons make 1 person, not 0,
/// and every table's rows add up to the totals under them.
fn whole_statushouders(sites: &mut [SiteRow]) {
    let units: Vec<f64> = sites.iter().map(|s| s.units_statushouders_exact).collect();
    let units = apportion(&units, rounded_sum(&units));
    // Persons from the whole homes (19 homes of 3 persons are 57 persons), rounded once.
    let persons: Vec<f64> = sites
        .iter()
        .zip(&units)
        .map(|(s, units)| units * s.persons_per_unit)
        .collect();
    let persons = apportion(&persons, rounded_sum(&persons));
    for ((site, units), persons) in sites.iter_mut().zip(units).zip(persons) {
        site.units_statushouders = units;
        site.persons_statushouders = persons;
    }
}

/// The werkprogramma's own assumptions: the lead time of each housing form in
/// use (`NO SOURCE` in the defaults), a share of statushouders not entered, and
/// a backlog spread over fewer periods than the regulation's three.
fn werkprogramma_notes(
    wp: &Werkprogramma,
    defaults: &WerkprogrammaDefaults,
    sites: &[SiteRow],
) -> Vec<AssumptionNote> {
    let mut notes: Vec<AssumptionNote> = Vec::new();
    let mut note = |text: Text, kind: &'static str, status: Text, site: Option<&str>| match notes
        .iter_mut()
        .find(|n| n.text == text)
    {
        Some(n) => n.sites.extend(site.map(str::to_string)),
        None => notes.push(AssumptionNote {
            text,
            source: String::new(),
            kind,
            status,
            sites: site.map(str::to_string).into_iter().collect(),
        }),
    };
    for row in sites {
        if row.entry.lead_time_months.is_none() {
            note(
                Text::new("assumption")
                    .text(
                        "label",
                        Text::new("wp.lead_label").text("form", row.entry.form.text().lowercase()),
                    )
                    .text("value", months(defaults.lead_time_months(row.entry.form))),
                "NO SOURCE",
                Text::new("assumption.no_source"),
                Some(&row.label),
            );
        }
        if row.entry.share_statushouders.is_none() {
            note(
                Text::new("assumption")
                    .text("label", Text::new("wp.share_label"))
                    .text(
                        "value",
                        Text::new("pct").num("v", row.entry.statushouders_share() * 100.0, 0),
                    ),
                "DEFAULT",
                Text::new("wp.share_assumed"),
                Some(&row.label),
            );
        }
    }
    let spread = backlog_periods(wp, defaults);
    if wp.backlog_persons > 0.0 && (spread as f64) < defaults.backlog_periods {
        note(
            Text::new("wp.backlog_spread").num("periods", spread as f64, 0),
            "DEFAULT",
            Text::new("wp.backlog_spread_status").num("regulation", defaults.backlog_periods, 0),
            None,
        );
    }
    notes
}

/// "9 maanden" / "1 maand".
fn months(n: u32) -> Text {
    Text::new(if n == 1 { "wp.month" } else { "wp.months" }).num("n", f64::from(n), 0)
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

/// The remaining gap of all entries together by build cost (rows) and varied
/// assumption (columns, `business::SENSITIVITY_COLUMNS`).
fn summed_sensitivity(sites: &[SiteRow]) -> Vec<Vec<f64>> {
    let mut sum = vec![vec![0.0; SENSITIVITY_COLUMNS.len()]; COST_FACTORS.len()];
    for row in sites {
        for (sum_line, line) in sum.iter_mut().zip(&row.sensitivity) {
            for (total, gap) in sum_line.iter_mut().zip(line) {
                *total += gap;
            }
        }
    }
    sum
}
