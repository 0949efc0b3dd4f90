//! When an entry's homes can really be delivered, and what pushes them later.

use chrono::NaiveDate;

use super::input::{Entry, EntryFacts, Werkprogramma};
use crate::grid_connection::GridStatus;
use locatiescout_model::flag::FlagStatus;

/// When an entry's homes can really be delivered: the first period from the
/// planned one that ends after the site is available, the grid can connect and
/// the reference date; the knelpunt keys that push it later.
pub(super) fn feasibility(
    wp: &Werkprogramma,
    e: &Entry,
    facts: &EntryFacts,
    today: NaiveDate,
) -> (Option<usize>, Vec<String>) {
    let planned_end = wp.period_end(e.period);
    let mut ready = today;
    let mut why = Vec::new();
    if today > planned_end {
        why.push("period_past".to_string());
    }
    let mut blocked = false;
    if facts.flag.as_ref().map(|f| f.status) == Some(FlagStatus::NietGeschikt) {
        why.push("flag_unsuitable".into());
        blocked = true;
    }
    if let Some(dt) = &facts.detail {
        let f = &dt.facts;
        if !dt.knockout_reasons.is_empty() {
            why.push("knockout".into());
            blocked = true;
        }
        if let Some(from) = f
            .available_from
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        {
            if from > planned_end {
                why.push("available_late".into());
            }
            ready = ready.max(from);
        }
        match f.grid {
            GridStatus::Queue { until_year: None } => {
                why.push("grid_queue".into());
                blocked = true;
            }
            GridStatus::Queue {
                until_year: Some(y),
            }
            | GridStatus::Limited {
                until_year: Some(y),
            }
            | GridStatus::Requested {
                expected_year: Some(y),
            } => {
                let connected = NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(NaiveDate::MAX);
                if connected > planned_end {
                    why.push(
                        match f.grid {
                            GridStatus::Queue { .. } => "grid_queue",
                            GridStatus::Requested { .. } => "grid_requested",
                            _ => "grid_limited",
                        }
                        .into(),
                    );
                }
                ready = ready.max(connected);
            }
            _ => {}
        }
    }
    if blocked {
        return (None, why);
    }
    let q = (e.period..wp.periods.len()).find(|&q| wp.period_end(q) >= ready);
    (q, why)
}
