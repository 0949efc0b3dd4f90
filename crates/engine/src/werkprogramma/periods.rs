//! The half-year periods: each one's taakstelling, part of the backlog and of
//! the ambition, the homes planned and feasible in it, and their total — in
//! whole persons that add up to the total printed under them.

use std::collections::BTreeMap;

use super::defaults::WerkprogrammaDefaults;
use super::input::Werkprogramma;
use super::report::{PeriodResult, SiteRow, UNASSIGNED};
use super::whole::apportion;
use locatiescout_model::text::Text;

/// The periods the backlog is cleared over: three (DOMAIN.md "Ambition"), or
/// all of a shorter werkprogramma's, so none of it falls outside the plan.
pub(super) fn backlog_periods(wp: &Werkprogramma, defaults: &WerkprogrammaDefaults) -> usize {
    (defaults.backlog_periods.max(1.0) as usize).min(wp.periods.len().max(1))
}

/// Each period's numbers with the entries' homes counted in the period they
/// are planned in and the period they can really be delivered in.
/// `ambition_persons` is the ambition over all periods (whole persons); each
/// period's part is information and the parts add up to it.
pub(super) fn period_results(
    wp: &Werkprogramma,
    defaults: &WerkprogrammaDefaults,
    sites: &[SiteRow],
    ambition_persons: f64,
) -> Vec<PeriodResult> {
    let count = wp.periods.len().max(1);
    let spread = backlog_periods(wp, defaults);
    let exact_backlog: Vec<f64> = (0..count)
        .map(|p| {
            if p < spread {
                wp.backlog_persons / spread as f64
            } else {
                0.0
            }
        })
        .collect();
    let backlog = apportion(&exact_backlog, wp.backlog_persons);
    let mut periods: Vec<PeriodResult> = (0..count)
        .map(|period| {
            let input = wp.periods.get(period).cloned().unwrap_or_default();
            PeriodResult {
                label: wp.period_text(period),
                taakstelling_persons: input.taakstelling_persons,
                backlog_persons: backlog[period],
                persons_to_house: input.taakstelling_persons + backlog[period],
                regular_stock_persons: input.regular_stock_persons,
                realised_persons: input.realised_persons,
                ..PeriodResult::default()
            }
        })
        .collect();
    let exact_ambition: Vec<f64> = periods
        .iter()
        .map(|p| {
            wp.ambition_share
                * (p.taakstelling_persons
                    + if wp.ambition_includes_backlog {
                        p.backlog_persons
                    } else {
                        0.0
                    })
        })
        .collect();
    for (period, part) in periods
        .iter_mut()
        .zip(apportion(&exact_ambition, ambition_persons))
    {
        period.ambition_persons = part;
    }
    for row in sites {
        if let Some(planned) = periods.get_mut(row.entry.period) {
            planned.planned_units += row.units;
            planned.planned_units_statushouders += row.units_statushouders;
            planned.planned_persons += row.persons_statushouders;
        }
        if let Some(feasible) = row
            .feasible_period
            .and_then(|period| periods.get_mut(period))
        {
            feasible.feasible_units += row.units;
            feasible.feasible_units_statushouders += row.units_statushouders;
            feasible.feasible_persons += row.persons_statushouders;
        }
    }
    for period in &mut periods {
        period.balance_persons =
            period.persons_to_house - period.feasible_persons - period.regular_stock_persons;
    }
    periods
}

/// Whole units per target group over all entries: statushouders as the rows
/// count them, the other groups and the homes assigned to none rounded once
/// so that all add up to the planned units.
pub(super) fn groups_total(sites: &[SiteRow]) -> BTreeMap<String, f64> {
    let statushouders: f64 = sites.iter().map(|row| row.units_statushouders).sum();
    let units: f64 = sites.iter().map(|row| row.units).sum();
    let mut exact: BTreeMap<String, f64> = BTreeMap::new();
    for row in sites {
        let mut assigned = row.entry.statushouders_share();
        for share in &row.entry.mix {
            *exact.entry(share.group.clone()).or_default() += row.units * share.share;
            assigned += share.share;
        }
        *exact.entry(UNASSIGNED.into()).or_default() += row.units * (1.0 - assigned).max(0.0);
    }
    let names: Vec<String> = exact.keys().cloned().collect();
    let values: Vec<f64> = exact.values().copied().collect();
    let mut groups: BTreeMap<String, f64> = names
        .into_iter()
        .zip(apportion(&values, (units - statushouders).max(0.0)))
        .filter(|(name, units)| *units > 0.0 || name != UNASSIGNED)
        .collect();
    groups.insert("statushouders".into(), statushouders);
    groups
}

/// All periods together, with the cooperation (not per period) in the total:
/// a surplus early makes up for a shortfall later.
pub(super) fn total_of(periods: &[PeriodResult], cooperation_persons: f64) -> PeriodResult {
    let mut total = PeriodResult {
        label: Text::new("wp.total"),
        cooperation_persons,
        ..PeriodResult::default()
    };
    for period in periods {
        total.taakstelling_persons += period.taakstelling_persons;
        total.backlog_persons += period.backlog_persons;
        total.persons_to_house += period.persons_to_house;
        total.ambition_persons += period.ambition_persons;
        total.regular_stock_persons += period.regular_stock_persons;
        total.realised_persons += period.realised_persons;
        total.planned_units += period.planned_units;
        total.planned_units_statushouders += period.planned_units_statushouders;
        total.planned_persons += period.planned_persons;
        total.feasible_units += period.feasible_units;
        total.feasible_units_statushouders += period.feasible_units_statushouders;
        total.feasible_persons += period.feasible_persons;
        total.balance_persons += period.balance_persons;
    }
    total.balance_persons -= cooperation_persons;
    total
}
