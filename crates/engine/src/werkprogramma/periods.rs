//! The half-year periods: each one's taakstelling, part of the backlog and of
//! the ambition, the homes planned and feasible in it, and their total.

use std::collections::BTreeMap;

use super::defaults::WerkprogrammaDefaults;
use super::input::Werkprogramma;
use super::report::{PeriodResult, SiteRow};
use locatiescout_model::text::Text;

/// Each period's numbers with the entries' homes counted in the period they
/// are planned in and the period they can really be delivered in.
pub(super) fn period_results(
    wp: &Werkprogramma,
    defaults: &WerkprogrammaDefaults,
    sites: &[SiteRow],
) -> Vec<PeriodResult> {
    let backlog_each_period = wp.backlog_persons / defaults.backlog_periods.max(1.0);
    let mut periods: Vec<PeriodResult> = (0..wp.periods.len().max(1))
        .map(|period| {
            let input = wp.periods.get(period).cloned().unwrap_or_default();
            let backlog = if (period as f64) < defaults.backlog_periods {
                backlog_each_period
            } else {
                0.0
            };
            let ambition_base = input.taakstelling_persons
                + if wp.ambition_includes_backlog {
                    backlog
                } else {
                    0.0
                };
            PeriodResult {
                label: wp.period_text(period),
                taakstelling_persons: input.taakstelling_persons,
                backlog_persons: backlog,
                persons_to_house: input.taakstelling_persons + backlog,
                ambition_persons: wp.ambition_share * ambition_base,
                regular_stock_persons: input.regular_stock_persons,
                ..PeriodResult::default()
            }
        })
        .collect();
    for row in sites {
        if let Some(planned) = periods.get_mut(row.entry.period) {
            planned.planned_units += row.units;
            planned.planned_units_statushouders += row.units_statushouders;
            planned.planned_persons += row.persons_statushouders;
            for share in &row.entry.mix {
                let units = (row.units * share.share).round();
                *planned.groups.entry(share.group.clone()).or_default() += units;
            }
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
        period.unhoused_persons =
            (period.persons_to_house - period.feasible_persons - period.regular_stock_persons)
                .max(0.0);
    }
    periods
}

/// Units per target group over all entries, statushouders included.
pub(super) fn groups_total(sites: &[SiteRow]) -> BTreeMap<String, f64> {
    let mut groups: BTreeMap<String, f64> = BTreeMap::new();
    for row in sites {
        *groups.entry("statushouders".into()).or_default() += row.units_statushouders;
        for share in &row.entry.mix {
            *groups.entry(share.group.clone()).or_default() += (row.units * share.share).round();
        }
    }
    groups
}

/// All periods together: a surplus early makes up for a shortfall later.
pub(super) fn total_of(periods: &[PeriodResult]) -> PeriodResult {
    let mut total = PeriodResult {
        label: Text::new("wp.total"),
        ..PeriodResult::default()
    };
    for period in periods {
        total.taakstelling_persons += period.taakstelling_persons;
        total.backlog_persons += period.backlog_persons;
        total.persons_to_house += period.persons_to_house;
        total.ambition_persons += period.ambition_persons;
        total.regular_stock_persons += period.regular_stock_persons;
        total.planned_units += period.planned_units;
        total.planned_units_statushouders += period.planned_units_statushouders;
        total.planned_persons += period.planned_persons;
        total.feasible_units += period.feasible_units;
        total.feasible_units_statushouders += period.feasible_units_statushouders;
        total.feasible_persons += period.feasible_persons;
        for (group, units) in &period.groups {
            *total.groups.entry(group.clone()).or_default() += units;
        }
    }
    total.unhoused_persons =
        (total.persons_to_house - total.feasible_persons - total.regular_stock_persons).max(0.0);
    total
}
