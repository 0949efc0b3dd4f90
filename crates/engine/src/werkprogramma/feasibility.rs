//! When an entry's homes can really be delivered, and the one cause that
//! makes them later than planned.

use chrono::{Months, NaiveDate};

use super::input::{Entry, EntryFacts, Werkprogramma};
use crate::grid_connection::GridStatus;
use locatiescout_model::flag::FlagStatus;

/// When an entry's homes can be delivered and why not sooner.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Feasibility {
    /// The first period from the planned one that ends on or after `ready`
    /// (`None`: not within the periods, or blocked).
    pub period: Option<usize>,
    /// The earliest day of the keys: the latest of the peildatum plus the lead
    /// time, the day the site is free plus the lead time, and the day the grid
    /// connects (`None`: blocked, no date can be given).
    pub ready: Option<NaiveDate>,
    /// The binding cause (a knelpunt key) when the homes come later than
    /// planned or not within the periods; each late home has exactly one.
    pub cause: Option<&'static str>,
    pub lead_time_months: u32,
}

/// `date` plus `months`; a date beyond the calendar is never.
pub(super) fn plus_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The day the site is free, from the data.
pub(super) fn available_from(facts: &EntryFacts) -> Option<NaiveDate> {
    facts
        .detail
        .as_ref()?
        .facts
        .available_from
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// The day the grid can connect (1 January of the year the data names) and
/// the knelpunt key of that grid status.
pub(super) fn grid_connects(facts: &EntryFacts) -> Option<(NaiveDate, &'static str)> {
    let grid = facts.detail.as_ref()?.facts.grid;
    let (year, key) = match grid {
        GridStatus::Queue {
            until_year: Some(y),
        } => (y, "grid_queue"),
        GridStatus::Limited {
            until_year: Some(y),
        } => (y, "grid_limited"),
        GridStatus::Requested {
            expected_year: Some(y),
        } => (y, "grid_requested"),
        _ => return None,
    };
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MAX),
        key,
    ))
}

/// When `e`'s homes can be delivered, measured from `today` (the peildatum).
pub(super) fn feasibility(
    wp: &Werkprogramma,
    e: &Entry,
    facts: &EntryFacts,
    today: NaiveDate,
) -> Feasibility {
    let lead_time_months = wp.lead_time_months(e);
    let blocked = |cause| Feasibility {
        period: None,
        ready: None,
        cause: Some(cause),
        lead_time_months,
    };
    // What no date cures, in the order a reader would check it.
    if !e.site_id.is_empty() && facts.detail.is_none() {
        return blocked("site_missing");
    }
    if facts.flag.as_ref().map(|f| f.status) == Some(FlagStatus::NietGeschikt) {
        return blocked("flag_unsuitable");
    }
    if let Some(detail) = &facts.detail {
        if !detail.knockout_reasons.is_empty() {
            return blocked("knockout");
        }
        if detail.facts.grid == (GridStatus::Queue { until_year: None }) {
            return blocked("grid_queue");
        }
    }
    let planned_end = wp.period_end(e.period);
    // The binding date is the latest; on a tie the first named binds (a site
    // free on the peildatum does not delay anything).
    let mut binding = (
        plus_months(today, lead_time_months),
        if today > planned_end {
            "period_past"
        } else {
            "lead_time"
        },
    );
    let mut consider = |date: NaiveDate, cause: &'static str| {
        if date > binding.0 {
            binding = (date, cause);
        }
    };
    if let Some(from) = available_from(facts) {
        consider(plus_months(from, lead_time_months), "available_late");
    }
    if let Some((connects, key)) = grid_connects(facts) {
        consider(connects, key);
    }
    let (ready, cause) = binding;
    let period = (e.period..wp.periods.len()).find(|&q| wp.period_end(q) >= ready);
    Feasibility {
        period,
        ready: Some(ready),
        cause: (period != Some(e.period)).then_some(cause),
        lead_time_months,
    }
}
