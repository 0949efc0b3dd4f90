//! The roll-up's two figures: the map of the provinces with every site, and
//! the statushouders per half-year.

use locatiescout_engine::regio::Regio;

use crate::report::{figure, html};

/// The map of the provinces with every site, at a size.
pub fn map(r: &Regio, width: f64, height: f64) -> figure::Drawing {
    let (outlines, sent): (Vec<_>, Vec<bool>) = r.outlines.iter().cloned().unzip();
    let sites: Vec<&geo::MultiPolygon<f64>> =
        r.sites.iter().filter_map(|s| s.shape.as_ref()).collect();
    figure::overview_map(&outlines, &sent, &sites, width, height)
}

/// Per half-year: the ambition's part, planned and feasible statushouders (persons).
pub fn chart(r: &Regio, width: f64, height: f64) -> figure::Drawing {
    let groups: Vec<(String, [f64; 3])> = r
        .period_totals
        .iter()
        .map(|p| {
            (
                p.label.clone(),
                [p.ambition_persons, p.planned_persons, p.feasible_persons],
            )
        })
        .collect();
    figure::bars(
        &groups,
        ["Deel ambitie", "Gepland", "Haalbaar"],
        width,
        height,
    )
}

pub fn map_svg(r: &Regio) -> String {
    html::svg(
        &map(r, 520.0, 560.0),
        "Kaart van de gemeenten en hun locaties",
    )
}

pub fn chart_svg(r: &Regio) -> String {
    html::svg(
        &chart(r, 520.0, 260.0),
        "Statushouders per periode, alle gemeenten samen: deel van de ambitie, gepland en haalbaar",
    )
}
