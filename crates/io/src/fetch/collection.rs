//! What can be fetched: the BRK/BAG layers and the overlay presets, each with
//! its service on PDOK's host and the words that find its collection in the
//! service's own `/collections` list.

use serde::Deserialize;

use super::settings::FetchSettings;
use crate::import::LayerKind;

/// What can be fetched: the BRK/BAG layers, and the overlay layers of the
/// spatial criteria (DOMAIN.md "Spatial suitability"), each stored as the named
/// overlay its key names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Collection {
    Percelen,
    Panden,
    Verblijfsobjecten,
    /// Natura 2000 areas (RVO).
    Natura2000,
    /// Nationally protected areas incl. NNN (RVO, CDDA).
    Cdda,
    /// Flood risk areas (Rijkswaterstaat).
    Overstroming,
    /// Protected cultural-historic areas (RCE).
    Cultuurhistorie,
    /// Public-law restrictions (Kadaster Wkpb).
    Wkpb,
    /// Railway stations (ProRail).
    Stations,
    /// CBS buurten with the distances to GP, supermarket, school and station.
    Buurten,
}

impl Collection {
    pub const ALL: [Collection; 10] = [
        Collection::Percelen,
        Collection::Panden,
        Collection::Verblijfsobjecten,
        Collection::Natura2000,
        Collection::Cdda,
        Collection::Overstroming,
        Collection::Cultuurhistorie,
        Collection::Wkpb,
        Collection::Stations,
        Collection::Buurten,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Collection::Percelen => "percelen",
            Collection::Panden => "panden",
            Collection::Verblijfsobjecten => "verblijfsobjecten",
            Collection::Natura2000 => "natura2000",
            Collection::Cdda => "cdda",
            Collection::Overstroming => "overstroming",
            Collection::Cultuurhistorie => "cultuurhistorie",
            Collection::Wkpb => "wkpb",
            Collection::Stations => "stations",
            Collection::Buurten => "buurten",
        }
    }

    pub fn parse(s: &str) -> Option<Collection> {
        let s = s.trim().to_lowercase();
        Self::ALL
            .into_iter()
            .find(|c| c.key() == s || c.collection_id() == s)
    }

    /// The name of the overlay layer this collection is stored as; `None` for BRK/BAG.
    pub fn overlay_name(self) -> Option<&'static str> {
        self.api_path().map(|_| self.key())
    }

    /// The OGC API collection id at PDOK. For an overlay this is only what is
    /// asked when the service's own list (`/collections`) names none better; see
    /// [`Collection::keywords`].
    pub fn collection_id(self) -> &'static str {
        match self {
            Collection::Percelen => "perceel",
            Collection::Panden => "pand",
            Collection::Verblijfsobjecten => "verblijfsobject",
            Collection::Natura2000 => "natura2000",
            Collection::Cdda => "cdda",
            Collection::Overstroming => "risicogebied",
            Collection::Cultuurhistorie => "beschermde_gebieden",
            Collection::Wkpb => "publiekrechtelijke_beperking",
            Collection::Stations => "station",
            Collection::Buurten => "buurten",
        }
    }

    /// The API's path on PDOK's host (DOMAIN.md "Spatial suitability"); `None` for BRK/BAG.
    fn api_path(self) -> Option<&'static str> {
        match self {
            Collection::Percelen | Collection::Panden | Collection::Verblijfsobjecten => None,
            Collection::Natura2000 => Some("/rvo/natura2000/ogc/v1"),
            Collection::Cdda => Some("/rvo/nationaal-beschermde-gebieden-cdda/ogc/v1"),
            Collection::Overstroming => Some("/rws/overstromingen-risicogebied/ogc/v2"),
            Collection::Cultuurhistorie => Some("/rce/beschermde-gebieden-cultuurhistorie/ogc/v1"),
            Collection::Wkpb => Some("/kadaster/brk-publiekrechtelijke-beperkingen-wkpb/ogc/v1"),
            Collection::Stations => Some("/prorail/spoorwegen/ogc/v1"),
            Collection::Buurten => Some("/cbs/wijken-en-buurten-2025/ogc/v1"),
        }
    }

    /// Words that pick this overlay's collection out of the service's
    /// `/collections` list, in order of preference: DOMAIN.md warns the names are
    /// to be checked against the service, so they are looked up, not assumed.
    pub(super) fn keywords(self) -> &'static [&'static str] {
        match self {
            Collection::Natura2000 => &["natura2000", "natura"],
            Collection::Cdda => &["cdda", "beschermd", "protected"],
            Collection::Overstroming => &["risicogebied", "overstroming", "flood"],
            Collection::Cultuurhistorie => &["beschermd", "gezicht", "cultuur"],
            Collection::Wkpb => &["beperking", "wkpb"],
            Collection::Stations => &["station"],
            Collection::Buurten => &["buurt"],
            _ => &[],
        }
    }

    pub fn layer_kind(self) -> LayerKind {
        match self {
            Collection::Percelen => LayerKind::Parcels,
            Collection::Panden => LayerKind::Buildings,
            Collection::Verblijfsobjecten => LayerKind::Units,
            _ => LayerKind::Overlay,
        }
    }

    pub(super) fn base(self, s: &FetchSettings) -> String {
        match (self, self.api_path()) {
            (Collection::Percelen, _) => s.brk_url.clone(),
            (_, Some(path)) => format!("{}{path}", s.pdok_url.trim_end_matches('/')),
            _ => s.bag_url.clone(),
        }
    }
}

/// The `/collections` answer of an OGC API, as far as choosing one is concerned.
#[derive(Deserialize)]
pub(super) struct CollectionList {
    #[serde(default)]
    pub(super) collections: Vec<CollectionEntry>,
}

#[derive(Deserialize)]
pub(super) struct CollectionEntry {
    pub(super) id: String,
    #[serde(default)]
    pub(super) title: Option<String>,
}

/// The collection of `c` among `ids` (id, title): the first keyword matched by an
/// id, then by a title.
pub(super) fn choose_collection(c: Collection, list: &[(String, String)]) -> Option<String> {
    c.keywords().iter().find_map(|k| {
        list.iter()
            .find(|(id, _)| id.to_lowercase().contains(k))
            .or_else(|| list.iter().find(|(_, t)| t.to_lowercase().contains(k)))
            .map(|(id, _)| id.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overlay_s_collection_is_chosen_from_the_service_s_list() {
        let list = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        let spoor = list(&[
            ("spooras", "Spoorassen"),
            ("overweg", "Overwegen"),
            ("station", "Stations"),
        ]);
        assert_eq!(
            choose_collection(Collection::Stations, &spoor).as_deref(),
            Some("station")
        );
        let n2k = list(&[("gebieden", "Natura 2000-gebieden")]);
        assert_eq!(
            choose_collection(Collection::Natura2000, &n2k).as_deref(),
            Some("gebieden")
        );
        assert_eq!(
            choose_collection(Collection::Buurten, &list(&[("wijken", "Wijken")])),
            None
        );
        assert_eq!(
            Collection::parse("natura2000"),
            Some(Collection::Natura2000)
        );
        assert_eq!(Collection::Natura2000.overlay_name(), Some("natura2000"));
        assert_eq!(Collection::Percelen.overlay_name(), None);
        let s = FetchSettings::default();
        assert_eq!(
            Collection::Natura2000.base(&s),
            "https://api.pdok.nl/rvo/natura2000/ogc/v1"
        );
        // Every overlay's name is one a profile can use.
        for c in Collection::ALL {
            if let Some(n) = c.overlay_name() {
                assert!(locatiescout_model::layer::valid_layer_name(n), "{n}");
            }
        }
    }
}
