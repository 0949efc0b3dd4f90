//! One entry computed: its homes and persons, when they can be delivered, its
//! business case and its knelpunten, with the site's facts for the tables.

use chrono::NaiveDate;

use super::defaults::WerkprogrammaDefaults;
use super::feasibility::feasibility;
use super::input::{entry_params, Entry, EntryFacts, Werkprogramma};
use super::knelpunten::entry_knelpunten;
use super::report::SiteRow;
use crate::business::{business_case, gap_sensitivity, CaseContext};
use crate::score::{SiteDetail, Term};
use locatiescout_model::text::Text;

/// Everything computed for `entry`, whose site the data describes as `facts`.
pub(super) fn site_row(
    wp: &Werkprogramma,
    entry: &Entry,
    facts: &EntryFacts,
    defaults: &WerkprogrammaDefaults,
    today: NaiveDate,
) -> SiteRow {
    let detail = facts.detail.as_deref();
    let term = detail.map(|detail| detail.facts.term);
    let mut feasible = feasibility(wp, entry, facts, today);
    // A site the data does not know counts nothing: no homes, no persons, no money.
    let missing = !entry.site_id.is_empty() && detail.is_none();
    let units = if missing {
        0.0
    } else {
        entry.homes.round().max(0.0)
    };
    // Nothing to deliver is never late.
    if units == 0.0 && !missing {
        feasible.cause = None;
    }
    let feasible_period = feasible.period;
    let persons_per_unit = wp.persons_per_unit(entry);
    // Exact here; whole numbers are made once over all entries (`assess`).
    let units_statushouders_exact = units * entry.statushouders_share();
    let params = entry_params(wp, entry);
    let context = CaseContext {
        today,
        site_years: match term {
            Some(Term::Years(years)) => Some(years),
            _ => None,
        },
        delivery: Some(wp.period_end(feasible_period.unwrap_or(entry.period))),
        persons_per_unit,
    };
    let business = business_case(units, entry.form, &params, &context);
    let sensitivity = gap_sensitivity(units, entry.form, &params, &context);
    let knelpunten = entry_knelpunten(wp, entry, facts, &business, &feasible, defaults, today);
    SiteRow {
        label: site_label(entry, detail),
        found: detail.is_some(),
        score: detail.map(|detail| detail.score),
        band: detail.map(|detail| detail.band.clone()),
        period_label: wp.period_text(entry.period),
        units,
        unit_word: entry.form.unit_word(units),
        persons_per_unit,
        units_statushouders: units_statushouders_exact.round(),
        persons_statushouders: (units_statushouders_exact.round() * persons_per_unit).round(),
        units_statushouders_exact,
        feasible_period,
        feasible_label: feasible_period.map_or_else(
            || Text::new("wp.not_within"),
            |period| wp.period_text(period),
        ),
        cause: feasible.cause.map(str::to_string),
        ready_date: feasible
            .ready
            .filter(|d| *d < NaiveDate::MAX)
            .map(|d| d.format("%d-%m-%Y").to_string())
            .unwrap_or_default(),
        lead_time_months: feasible.lead_time_months,
        area_m2: detail.map(|detail| detail.facts.area_m2),
        term,
        term_text: if entry.site_id.is_empty() {
            Text::plain("")
        } else {
            term_text(term)
        },
        grid_status: detail.map(|detail| detail.facts.grid),
        grid_text: detail.map_or_else(
            || Text::plain(""),
            |detail| {
                Text::new("wp.grid")
                    .text("status", detail.facts.grid.text())
                    .text("detail", detail.facts.grid_reading.detail.clone())
            },
        ),
        owner: detail.and_then(|detail| detail.facts.owner.clone()),
        flag: facts
            .flag
            .as_ref()
            .map(|flag| Text::new(flag.status.text_key())),
        business,
        sensitivity,
        knelpunten,
        entry: entry.clone(),
    }
}

fn term_text(t: Option<Term>) -> Text {
    match t {
        Some(Term::Years(y)) => Text::new("compare.years").num("v", y, 1),
        Some(Term::OpenEnd) => Text::new("term.open"),
        Some(Term::Unknown) | None => Text::new("grid.unknown"),
    }
}

/// A short name for a site: the entry's own, an address, a parcel
/// ("Voorbeeldstad A 1"), an RVB code, else the id.
fn site_label(e: &Entry, detail: Option<&SiteDetail>) -> String {
    if !e.name.trim().is_empty() {
        return e.name.trim().to_string();
    }
    if let Some(dt) = detail {
        let attr = |k: &str| {
            dt.attributes
                .iter()
                .find(|(key, v)| key == k && !v.trim().is_empty())
                .map(|(_, v)| v.trim().to_string())
        };
        if let Some(a) = attr("address") {
            return match attr("city") {
                Some(c) if !a.contains(&c) => format!("{a}, {c}"),
                _ => a,
            };
        }
        if let (Some(g), Some(s), Some(n)) = (attr("name"), attr("sectie"), attr("perceelnummer")) {
            return format!("{g} {s} {n}");
        }
        if let Some(c) = attr("rvb_code") {
            return format!("RVB {c}");
        }
    }
    if e.site_id.is_empty() {
        return format!("{} (zonder locatie)", e.form.dutch());
    }
    if e.site_id.len() == 16 && e.site_id.bytes().all(|b| b.is_ascii_digit()) {
        return format!("BAG-pand {}", e.site_id);
    }
    e.site_id
        .rsplit_once('.')
        .map_or_else(|| e.site_id.clone(), |(_, tail)| tail.to_string())
}
