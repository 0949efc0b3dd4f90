//! The loaded data a profile scores: the site layers (parcels, panden,
//! Rijksvastgoed listings, verblijfsobjecten), the named overlays spatial
//! criteria read, and the grid congestion areas.

use crate::congestion::CongestionConfig;
use crate::profile::{Profile, SiteLayer};
use locatiescout_model::layer::Layer;

/// The loaded data a profile scores.
#[derive(Default)]
pub struct Dataset {
    pub parcels: Option<Layer>,
    pub buildings: Option<Layer>,
    pub listings: Option<Layer>,
    /// BAG verblijfsobjecten, summed per pand for transformation.
    pub units: Option<Layer>,
    /// Named overlay layers (Natura 2000, stations, a bestemmingsplan) that
    /// spatial criteria read by name.
    pub overlays: Vec<locatiescout_model::layer::NamedLayer>,
    /// Grid congestion areas, read with `congestion_config`.
    pub congestion: Option<Layer>,
    pub congestion_config: CongestionConfig,
}

impl Dataset {
    /// The layer whose features are the sites of `profile`.
    /// Transformation falls back to RVB listing polygons when no panden are loaded.
    pub fn site_layer(&self, profile: &Profile) -> Option<&Layer> {
        match profile.sites {
            SiteLayer::Parcels => self.parcels.as_ref(),
            SiteLayer::Buildings => self.buildings.as_ref().or_else(|| {
                self.listings
                    .as_ref()
                    .filter(|l| (0..l.len()).any(|i| l.geom.kind(i).is_areal()))
            }),
        }
    }
}
