//! How the periods together measure up: the 20 % ambition (DOMAIN.md,
//! "Reading the 20 % ambition"), the taakstelling with the backlog, and the
//! sentence that says so with the periods and what stands in the way.

use super::input::Werkprogramma;
use super::report::{AmbitionCheck, KnelpuntItem, PeriodResult, TaakstellingCheck};
use locatiescout_model::text::Text;

/// The ambition over all periods, judged on what is feasible.
pub(super) fn ambition_check(wp: &Werkprogramma, total: &PeriodResult) -> AmbitionCheck {
    let base = total.taakstelling_persons
        + if wp.ambition_includes_backlog {
            total.backlog_persons
        } else {
            0.0
        };
    let ambition_persons = (wp.ambition_share * base - 1e-9).ceil().max(0.0);
    let reached = base > 0.0 && total.feasible_persons >= ambition_persons;
    let gap = (ambition_persons - total.feasible_persons).max(0.0);
    let feasible_share = (base > 0.0).then(|| total.feasible_persons / base);
    let verdict = if base <= 0.0 {
        Text::new("wp.ambition_empty")
    } else {
        Text::new(if reached {
            "wp.ambition_reached"
        } else if gap == 1.0 {
            "wp.ambition_missed_one"
        } else {
            "wp.ambition_missed"
        })
        .num("share", wp.ambition_share * 100.0, 0)
        .num("feasible", total.feasible_persons, 0)
        .num("ambition", ambition_persons, 0)
        .num("feasible_share", feasible_share.unwrap_or(0.0) * 100.0, 0)
        .num("gap", gap, 0)
    };
    AmbitionCheck {
        share: wp.ambition_share,
        includes_backlog: wp.ambition_includes_backlog,
        base_persons: base,
        ambition_persons,
        planned_persons: total.planned_persons,
        feasible_persons: total.feasible_persons,
        gap_persons: gap,
        feasible_share,
        reached,
        verdict,
    }
}

/// The taakstelling and backlog over `period_count` periods: housed in the
/// regular stock, in what is feasible and through the cooperation.
pub(super) fn taakstelling_check(
    wp: &Werkprogramma,
    total: &PeriodResult,
    period_count: usize,
) -> TaakstellingCheck {
    let to_house = total.taakstelling_persons + total.backlog_persons;
    let housed = total.regular_stock_persons + total.feasible_persons + wp.cooperation_persons;
    let unhoused = (to_house - housed).max(0.0);
    TaakstellingCheck {
        taakstelling_persons: total.taakstelling_persons,
        backlog_persons: total.backlog_persons,
        regular_stock_persons: total.regular_stock_persons,
        additional_persons: total.feasible_persons,
        cooperation_persons: wp.cooperation_persons,
        unhoused_persons: unhoused,
        cleared: to_house > 0.0 && unhoused <= 0.0,
        verdict: if to_house <= 0.0 {
            Text::new("wp.taak_empty")
        } else {
            let backlog = total.backlog_persons > 0.0;
            Text::new(match (unhoused <= 0.0, backlog) {
                (true, false) => "wp.taak_cleared",
                (true, true) => "wp.taak_backlog_cleared",
                (false, false) => "wp.taak_missed",
                (false, true) => "wp.taak_backlog_missed",
            })
            .num("to_house", to_house, 0)
            .num("periods", period_count as f64, 0)
            .num("unhoused", unhoused, 0)
        },
    }
}

/// The verdict with the periods, what is feasible and what stands in the way.
pub(super) fn ambition_text(
    wp: &Werkprogramma,
    periods: &[PeriodResult],
    a: &AmbitionCheck,
    obstacles: &[KnelpuntItem],
) -> Text {
    if a.base_persons <= 0.0 {
        return a.verdict.clone();
    }
    let per_period: Vec<Text> = periods
        .iter()
        .map(|p| {
            Text::new("wp.period_feasible")
                .text("period", p.label.clone())
                .num("n", p.feasible_persons, 0)
        })
        .collect();
    let mut parts = vec![
        a.verdict.clone(),
        Text::new(if a.includes_backlog {
            "wp.ambition_over_backlog"
        } else {
            "wp.ambition_over"
        })
        .num("periods", periods.len() as f64, 0)
        .num("share", wp.ambition_share * 100.0, 0)
        .num("base", a.base_persons, 0)
        .join("per_period", per_period, ", "),
    ];
    if a.planned_persons > a.feasible_persons {
        parts.push(
            Text::new("wp.planned_late")
                .num("planned", a.planned_persons, 0)
                .num("late", a.planned_persons - a.feasible_persons, 0),
        );
    }
    if !a.reached && !obstacles.is_empty() {
        let items = obstacles
            .iter()
            .map(|o| {
                Text::new("wp.obstacle")
                    .text("text", o.text.clone())
                    .num("n", o.blocked_persons, 0)
            })
            .collect();
        parts.push(Text::new("wp.obstacles").join("items", items, "; "));
    }
    Text::new("n").join("v", parts, " ")
}
