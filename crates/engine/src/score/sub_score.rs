//! One criterion's sub-score (0–100) of one site and whether it knocks the
//! site out: a fact through the profile's curve or categories, or a spatial
//! criterion's computed column.

use super::facts::{SiteFacts, Term};
use crate::dataset::Dataset;
use crate::grid_connection::GridStatus;
use crate::profile::{curve_value, Category, Criterion, Input, Profile};
use crate::spatial::SpatialColumn;

/// The profile's category that `text` names, if any.
pub(super) fn category<'c>(c: &'c Criterion, text: &str) -> Option<&'c Category> {
    let t = text.to_lowercase();
    c.categories
        .iter()
        .find(|cat| t.contains(&cat.pattern.to_lowercase()))
}

/// Sub-score (0–100) of one criterion and whether it knocks the site out.
pub(super) fn sub_score(
    c: &Criterion,
    f: &SiteFacts,
    profile: &Profile,
    reference_year: i32,
) -> (f64, bool) {
    let numeric = |v: Option<f64>| match v {
        Some(v) => (
            curve_value(&c.curve, v),
            c.knockout_below.is_some_and(|k| v < k) || c.knockout_above.is_some_and(|k| v > k),
        ),
        None => (c.unknown_score, false),
    };
    match c.input {
        Input::Homes => numeric(Some(f.homes)),
        Input::AreaM2 => numeric(Some(f.area_m2)),
        Input::FloorAreaM2 => numeric(f.floor_area_m2),
        Input::YearBuilt => numeric(f.year_built.map(f64::from)),
        Input::TermYears => match f.term {
            Term::Years(y) => numeric(Some(y)),
            Term::OpenEnd => numeric(Some(profile.params.open_end_years)),
            Term::Unknown => (c.unknown_score, false),
        },
        Input::Grid => match f.grid {
            GridStatus::Unknown => (c.unknown_score, false),
            // Years the homes would wait beyond their planned delivery.
            GridStatus::Queue {
                until_year: Some(y),
            }
            | GridStatus::Requested {
                expected_year: Some(y),
            } if !c.wait_curve.is_empty() => (
                curve_value(
                    &c.wait_curve,
                    (f64::from(y - reference_year) - profile.params.delivery_within_years).max(0.0),
                ),
                false,
            ),
            g => category(c, g.key())
                .map_or((c.unknown_score, false), |cat| (cat.score, cat.knockout)),
        },
        Input::OwnerType | Input::Status | Input::Disposal => {
            let v = match c.input {
                Input::OwnerType => &f.owner,
                Input::Status => &f.status,
                _ => &f.disposal,
            };
            match v.as_deref().and_then(|t| category(c, t)) {
                Some(cat) => (cat.score, cat.knockout),
                None => (c.unknown_score, false),
            }
        }
        // Read from their computed columns (`spatial_sub_score`).
        Input::BuiltShare | Input::OverlapShare | Input::DistanceM | Input::Zoning => {
            (c.unknown_score, false)
        }
        Input::Functions => {
            let cats: Vec<_> = f.functions.iter().filter_map(|n| category(c, n)).collect();
            if cats.is_empty() {
                return (c.unknown_score, false);
            }
            let best = cats.iter().map(|c| c.score).fold(0.0, f64::max);
            (best, cats.iter().all(|c| c.knockout))
        }
    }
}

/// Sub-score of a spatial criterion from its computed column.
pub(super) fn spatial_sub_score(
    ds: &Dataset,
    c: &Criterion,
    col: &SpatialColumn,
    i: usize,
) -> (f64, bool) {
    if col.not_scored.is_some() {
        return (0.0, false);
    }
    let Some(v) = col.values.get(i).filter(|v| !v.value.is_nan()) else {
        return (c.unknown_score, false);
    };
    if c.input == Input::Zoning {
        return match crate::spatial::zoning_value(ds, c, v.feature).and_then(|z| category(c, z)) {
            Some(cat) => (cat.score, cat.knockout),
            None => (c.unknown_score, false),
        };
    }
    let x = f64::from(v.value);
    (
        curve_value(&c.curve, x),
        c.knockout_below.is_some_and(|k| x < k) || c.knockout_above.is_some_and(|k| x > k),
    )
}
