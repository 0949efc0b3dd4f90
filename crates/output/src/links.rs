//! Which parcels and panden each RVB listing overlaps, with the best linked
//! site's score per profile, as a CSV for the spreadsheet.

use std::io::Write;

use locatiescout_engine::dataset::Dataset;
use locatiescout_engine::link::{ListingLinks, Overlap};
use locatiescout_engine::score::Scoring;
use locatiescout_model::csv_nl::DutchCsv;
use locatiescout_model::layer::Layer;
use locatiescout_model::nl::nl_number;

/// Writes one row per listing — its parcels, panden and, per scoring, the best
/// linked site and its score — as Dutch-Excel CSV (`;`, decimal comma, BOM).
pub fn write_links_csv(
    w: &mut impl Write,
    ds: &Dataset,
    links: &[ListingLinks],
    scorings: &[&Scoring],
) -> std::io::Result<()> {
    let Some(listings) = ds.listings.as_ref() else {
        return Ok(());
    };
    let mut header = vec!["aanbod".to_string(), "percelen".into(), "panden".into()];
    for s in scorings {
        header.push(format!("score_{}", s.profile.key));
        header.push(format!("locatie_{}", s.profile.key));
    }
    let mut csv = DutchCsv::new(&header);
    let labels = |layer: Option<&Layer>, hits: &[Overlap]| -> String {
        layer.map_or(String::new(), |layer| {
            hits.iter()
                .map(|o| layer.label(o.feature as usize))
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    for (l, link) in links.iter().enumerate() {
        let mut row = vec![
            listings.label(l),
            labels(ds.parcels.as_ref(), &link.parcels),
            labels(ds.buildings.as_ref(), &link.buildings),
        ];
        for s in scorings {
            match s.best_linked(link, l as u32) {
                Some(b) => {
                    row.push(if b.knocked_out {
                        "valt af".into()
                    } else {
                        nl_number(b.score, 1)
                    });
                    row.push(
                        ds.site_layer(&s.profile)
                            .map(|layer| layer.label(b.site as usize))
                            .unwrap_or_default(),
                    );
                }
                None => row.extend([String::new(), String::new()]),
            }
        }
        csv.row(&row);
    }
    w.write_all(&csv.into_bytes())
}
