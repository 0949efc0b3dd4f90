//! How the periods together measure up: the 20 % ambition (DOMAIN.md,
//! "Reading the 20 % ambition"), the taakstelling with the backlog, and the
//! sentence that says so with the periods and what stands in the way.

use super::input::Werkprogramma;
use super::report::{AmbitionCheck, KnelpuntItem, PeriodResult, TaakstellingCheck};
use locatiescout_model::text::Text;

/// The persons the ambition's share is taken of, and the ambition in whole
/// persons (the share rounded up: 20 % of 138 is 28, never 27).
pub(super) fn ambition_base(wp: &Werkprogramma) -> (f64, f64) {
    let taakstelling: f64 = wp.periods.iter().map(|p| p.taakstelling_persons).sum();
    let base = taakstelling
        + if wp.ambition_includes_backlog {
            wp.backlog_persons
        } else {
            0.0
        };
    (base, (wp.ambition_share * base - 1e-9).ceil().max(0.0))
}

/// A percentage as a reader may check it against a threshold: whole when
/// that cannot contradict the verdict, else one decimal, else "< 20 %" — so
/// 19,85 % of a missed 20 % never prints as "20 %".
pub fn percent_text(share: f64, threshold: f64, reached: bool) -> Text {
    let pct = share * 100.0;
    let limit = threshold * 100.0;
    let round = |decimals: i32| {
        let f = 10f64.powi(decimals);
        (pct * f).round() / f
    };
    let agrees = |shown: f64| {
        if reached {
            shown >= limit
        } else {
            shown < limit
        }
    };
    if agrees(round(0)) {
        Text::new("pct").num("v", pct, 0)
    } else if agrees(round(1)) {
        Text::new("pct").num("v", pct, 1)
    } else if reached {
        Text::new("pct_at_least").num("v", limit, 0)
    } else {
        Text::new("pct_below").num("v", limit, 0)
    }
}

/// The ambition over all periods, judged on what is feasible.
pub(super) fn ambition_check(wp: &Werkprogramma, total: &PeriodResult) -> AmbitionCheck {
    let (base, ambition_persons) = ambition_base(wp);
    let reached = base > 0.0 && total.feasible_persons >= ambition_persons;
    let gap = (ambition_persons - total.feasible_persons).max(0.0);
    let feasible_share = (base > 0.0).then(|| total.feasible_persons / base);
    let verdict = if base <= 0.0 {
        Text::new("wp.ambition_empty")
    } else {
        let of_ambition = if ambition_persons > 0.0 {
            total.feasible_persons / ambition_persons
        } else {
            1.0
        };
        Text::new(match (reached, gap == 1.0) {
            (true, _) => "wp.ambition_reached",
            (false, true) => "wp.ambition_missed_one",
            (false, false) => "wp.ambition_missed",
        })
        .num("share", wp.ambition_share * 100.0, 0)
        .num("feasible", total.feasible_persons, 0)
        .num("ambition", ambition_persons, 0)
        .text("of_ambition", percent_text(of_ambition, 1.0, reached))
        .text(
            "of_base",
            percent_text(feasible_share.unwrap_or(0.0), wp.ambition_share, reached),
        )
        .text(
            "base_name",
            Text::new(
                if wp.ambition_includes_backlog && wp.backlog_persons > 0.0 {
                    "wp.base_backlog"
                } else {
                    "wp.base"
                },
            ),
        )
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
/// regular stock, in what is feasible and through the cooperation; the
/// persons left are the period table's total balance.
pub(super) fn taakstelling_check(total: &PeriodResult, period_count: usize) -> TaakstellingCheck {
    let to_house = total.persons_to_house;
    let unhoused = total.balance_persons.max(0.0);
    TaakstellingCheck {
        taakstelling_persons: total.taakstelling_persons,
        backlog_persons: total.backlog_persons,
        regular_stock_persons: total.regular_stock_persons,
        additional_persons: total.feasible_persons,
        cooperation_persons: total.cooperation_persons,
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

/// The verdict with the periods, what is feasible and what stands in the way
/// (or, when the ambition is met, what is still at risk).
pub(super) fn ambition_text(
    wp: &Werkprogramma,
    periods: &[PeriodResult],
    a: &AmbitionCheck,
    obstacles: &[KnelpuntItem],
    risks: &[KnelpuntItem],
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
    let listed = |items: &[KnelpuntItem], n: fn(&KnelpuntItem) -> f64| -> Vec<Text> {
        items
            .iter()
            .map(|o| {
                Text::new(if n(o) == 1.0 {
                    "wp.obstacle_one"
                } else {
                    "wp.obstacle"
                })
                .text("text", o.text.clone())
                .num("n", n(o), 0)
            })
            .collect()
    };
    if !a.reached && !obstacles.is_empty() {
        parts.push(Text::new("wp.obstacles").join(
            "items",
            listed(obstacles, |o| o.blocked_persons),
            "; ",
        ));
    }
    if a.reached && !risks.is_empty() {
        parts.push(Text::new("wp.risks").join("items", listed(risks, |o| o.late_persons), "; "));
    }
    Text::new("n").join("v", parts, " ")
}
