//! A Rijksvastgoed listing under one profile: the best-scoring site it is
//! linked to (through [`ListingLinks`]).

use super::scoring::Scoring;
use crate::link::ListingLinks;
use locatiescout_model::layer::LayerKind;

/// The best-scoring site a listing is linked to under one profile.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct LinkedScore {
    /// Site number in that profile's site layer.
    pub site: u32,
    pub score: f64,
    pub knocked_out: bool,
}

impl Scoring {
    /// The site that best represents listing `listing`: the listing itself when
    /// listings are the sites, else the linked parcel or pand with the highest
    /// score (a knocked-out site only when all linked sites are knocked out).
    pub fn best_linked(&self, links: &ListingLinks, listing: u32) -> Option<LinkedScore> {
        let candidates: Vec<u32> = match self.site_kind {
            LayerKind::Listings => vec![listing],
            LayerKind::Parcels => links.parcels.iter().map(|o| o.feature).collect(),
            LayerKind::Buildings => links.buildings.iter().map(|o| o.feature).collect(),
            _ => Vec::new(),
        };
        candidates
            .into_iter()
            .filter(|&site| (site as usize) < self.len())
            .map(|site| LinkedScore {
                site,
                score: f64::from(self.scores[site as usize]),
                knocked_out: self.is_knocked_out(site as usize),
            })
            .max_by(|a, b| {
                b.knocked_out
                    .cmp(&a.knocked_out)
                    .then(a.score.total_cmp(&b.score))
                    .then(b.site.cmp(&a.site))
            })
    }
}
