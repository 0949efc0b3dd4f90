//! The open project: the project file, its layers in memory, the current scoring
//! and the current flag of each site — and the use cases that change them. Every
//! change is written to the file at once (there is no "save", only "save as"),
//! and a change that fails leaves memory and file as they were.

use std::collections::HashMap;
use std::path::Path;

use locatiescout_engine::congestion::CongestionConfig;
use locatiescout_engine::dataset::Dataset;
use locatiescout_engine::link::{link_listings, ListingLinks};
use locatiescout_engine::profile::Profile;
use locatiescout_engine::score::{Scoring, SiteDetail};
use locatiescout_io::fetch::{self, Area, Collection, FetchSummary, Outcome};
use locatiescout_io::join::{join_csv_on, JoinKey, JoinReport};
use locatiescout_io::project::{Flag, Project};
use locatiescout_model::attrs::FieldMap;
use locatiescout_model::layer::{Layer, LayerKind};

use crate::{project, stored, AppError, ErrorKind};

/// What the detail panel shows of one site.
pub struct SiteView {
    pub detail: SiteDetail,
    /// West, south, east, north in WGS84 degrees, for the map to fit.
    pub bounds_wgs84: Option<[f64; 4]>,
    /// The RVB listing it is or lies on (its number), with its parcels and panden.
    pub listing: Option<(usize, ListingLinks)>,
}

const EMPTY_COLLECTION: &[u8] = b"{\"type\":\"FeatureCollection\",\"features\":[]}";

pub struct Session {
    pub ds: Dataset,
    pub scoring: Scoring,
    /// The municipal boundary, drawn only.
    pub outline: Option<Layer>,
    pub project: Project,
    /// The current flag of each site of the site layer, by site index.
    pub flags: HashMap<u32, Flag>,
    /// Each listing's parcels and panden; made on first use, dropped when a layer changes.
    pub links: Option<Vec<ListingLinks>>,
    /// The map's vector tiles of the sites, cut on request and cached.
    pub tiles: crate::map_tiles::MapTiles,
}

fn default_profile(ds: &Dataset) -> &'static str {
    if ds.parcels.is_some() {
        "flex"
    } else {
        "transformatie"
    }
}

impl Session {
    /// The layers of a project file with its saved profile and weights; with
    /// `profile`, that profile at its default weights, saved as the project's choice.
    pub fn open(project: Project, profile: Option<&str>) -> Result<Session, AppError> {
        let (ds, outline) = stored::dataset(&project)?;
        let saved = project.saved_profile()?;
        let key = profile
            .map(str::to_string)
            .or_else(|| saved.key.clone())
            .unwrap_or_else(|| default_profile(&ds).to_string());
        let loaded = Profile::load(&key)?.dated(crate::outputs::today());
        let scoring = if profile.is_none() {
            let weights = saved.weights.iter().map(|(k, w)| (k.as_str(), *w));
            Scoring::with_weights(&ds, loaded, weights)?
        } else {
            Scoring::new(&ds, loaded)?
        };
        let mut s = Session {
            ds,
            scoring,
            outline,
            project,
            flags: HashMap::new(),
            links: None,
            tiles: Default::default(),
        };
        s.refresh_flags()?;
        if profile.is_some() {
            // A profile chosen now replaces the saved one; a plain open writes nothing.
            s.save_settings()?;
        }
        Ok(s)
    }

    /// A new project at `path` started from one data file, opened; when
    /// anything fails, no half-made project file stays behind.
    pub fn create_from_file(
        path: &Path,
        file: &Path,
        layer: Option<&str>,
        kind: LayerKind,
    ) -> Result<Session, AppError> {
        let p = project::new_from_file(path, file, layer, kind)?;
        Session::open(p, None).inspect_err(|_| project::remove_project_files(path))
    }

    /// Stores downloaded layers in the project and the session and rescores,
    /// keeping the weights; returns every collection's outcome, those already in
    /// the project (`cached`) included, in the order of [`Collection::ALL`].
    pub fn store_fetched(
        &mut self,
        fetched: Vec<(Layer, FetchSummary)>,
        area: &Area,
        cached: Vec<(Collection, Outcome)>,
    ) -> Result<Vec<(Collection, Outcome)>, AppError> {
        let mut outcomes = cached;
        outcomes.extend(fetch::store(&mut self.project, &fetched, area)?);
        for (layer, summary) in fetched {
            if let Some(name) = summary.collection.overlay_name() {
                let named = project::named_layer(name, None, None, layer)?;
                match self.ds.overlays.iter_mut().find(|l| l.name == name) {
                    Some(old) => *old = named,
                    None => self.ds.overlays.push(named),
                }
                continue;
            }
            let kind = layer.kind;
            *self.layer_slot(kind) = Some(layer);
        }
        self.links = None;
        self.scoring = self.rescored()?;
        self.refresh_flags()?;
        fetch::in_collection_order(&mut outcomes);
        Ok(outcomes)
    }

    /// Profile and weights into the project file (autosave).
    pub fn save_settings(&self) -> Result<(), AppError> {
        let p = &self.scoring.profile;
        let weights: Vec<(&str, f64)> = p
            .criteria
            .iter()
            .zip(&self.scoring.weights)
            .map(|(c, w)| (c.key.as_str(), *w))
            .collect();
        let json = |e: serde_json::Error| {
            AppError::refused(
                ErrorKind::Internal,
                locatiescout_model::nl_error::json_nl(&e),
            )
        };
        self.project
            .set_setting("profile", &serde_json::to_string(&p.key).map_err(json)?)?;
        self.project
            .set_setting("weights", &serde_json::to_string(&weights).map_err(json)?)?;
        Ok(())
    }

    /// The loaded layer of `kind`, if any (overlay: the municipal outline).
    pub fn layer(&self, kind: LayerKind) -> Option<&Layer> {
        match kind {
            LayerKind::Parcels => self.ds.parcels.as_ref(),
            LayerKind::Buildings => self.ds.buildings.as_ref(),
            LayerKind::Listings => self.ds.listings.as_ref(),
            LayerKind::Units => self.ds.units.as_ref(),
            LayerKind::Overlay => self.outline.as_ref(),
            LayerKind::Congestion => self.ds.congestion.as_ref(),
        }
    }

    /// Where the layer of `kind` is kept, to put one in or take it out.
    pub fn layer_slot(&mut self, kind: LayerKind) -> &mut Option<Layer> {
        crate::scoring::slot(&mut self.ds, &mut self.outline, kind)
    }

    /// Re-reads the current flags and maps them onto the site layer.
    pub fn refresh_flags(&mut self) -> Result<(), AppError> {
        let current = self.project.current_flags()?;
        self.flags.clear();
        let Some(layer) = self.ds.site_layer(&self.scoring.profile) else {
            return Ok(());
        };
        let by_id: HashMap<&str, u32> = (0..layer.len())
            .filter_map(|i| layer.source_id(i).map(|id| (id, i as u32)))
            .collect();
        for f in current {
            if let Some(&i) = by_id.get(f.site_id.as_str()) {
                self.flags.insert(i, f);
            }
        }
        Ok(())
    }

    /// The identifier a site is flagged by, with its layer kind.
    pub fn site_key(&self, i: u32) -> Option<(String, LayerKind)> {
        let layer = self.ds.site_layer(&self.scoring.profile)?;
        ((i as usize) < layer.len())
            .then(|| layer.source_id(i as usize))
            .flatten()
            .map(|id| (id.to_string(), layer.kind))
    }

    /// A fresh scoring of the session's data with the profile and weights in use.
    pub fn rescored(&self) -> Result<Scoring, AppError> {
        Ok(self.scoring.redo(&self.ds)?)
    }

    /// Map tile `t` of the sites with the current scores (MVT bytes).
    pub fn site_tile(
        &mut self,
        t: locatiescout_output::tiles::TileId,
    ) -> Result<std::sync::Arc<Vec<u8>>, AppError> {
        self.tiles.tile(&self.ds, &self.scoring, t)
    }

    /// Sets weights by criterion key, rescores and saves them with the project.
    pub fn set_weights<'k>(
        &mut self,
        weights: impl IntoIterator<Item = (&'k str, f64)>,
    ) -> Result<(), AppError> {
        crate::scoring::set_weights(&mut self.scoring, weights)?;
        self.save_settings()
    }

    /// The RVB listing site `i` is (or lies on), with its parcels and panden;
    /// the links of all listings are made on first use and kept until a layer changes.
    pub fn listing_links(&mut self, i: usize) -> Option<(usize, ListingLinks)> {
        let listing = match self.scoring.site_kind {
            LayerKind::Listings => Some(i as u32),
            _ => self.scoring.listing_of(i),
        }? as usize;
        let listings = self.ds.listings.as_ref()?;
        let (parcels, buildings) = (self.ds.parcels.as_ref(), self.ds.buildings.as_ref());
        let links = self
            .links
            .get_or_insert_with(|| link_listings(listings, parcels, buildings));
        links.get(listing).cloned().map(|l| (listing, l))
    }

    /// Switches profile on the loaded data; weights start at the profile's defaults.
    pub fn set_profile(&mut self, key: &str) -> Result<(), AppError> {
        self.scoring = Scoring::new(&self.ds, Profile::load(key)?.dated(crate::outputs::today()))?;
        self.refresh_flags()?;
        self.save_settings()
    }

    /// Sets how congestion areas are read, saves it with the project and rescores
    /// when areas are loaded; on a failure nothing changes.
    pub fn set_congestion_config(&mut self, cfg: CongestionConfig) -> Result<(), AppError> {
        let text = serde_json::to_string(&cfg).map_err(|e| {
            AppError::refused(
                ErrorKind::Internal,
                locatiescout_model::nl_error::json_nl(&e),
            )
        })?;
        let old = std::mem::replace(&mut self.ds.congestion_config, cfg);
        let rescored = if self.ds.congestion.is_some() {
            self.rescored().map(Some)
        } else {
            Ok(None)
        };
        let saved = rescored.and_then(|sc| {
            self.project
                .set_setting("congestion_config", &text)
                .map_err(AppError::from)
                .map(|_| sc)
        });
        match saved {
            Ok(sc) => {
                if let Some(sc) = sc {
                    self.scoring = sc;
                }
                Ok(())
            }
            Err(e) => {
                self.ds.congestion_config = old;
                Err(e)
            }
        }
    }

    /// Puts a freshly read layer into the session and the project file and
    /// rescores, keeping the user's weights. When scoring or saving fails, memory
    /// and file stay as they were.
    pub fn install_layer(&mut self, layer: Layer) -> Result<(), AppError> {
        let kind = layer.kind;
        let old = self.layer_slot(kind).replace(layer);
        self.links = None;
        let rescored = if kind == LayerKind::Overlay {
            Ok(None)
        } else {
            self.rescored().map(Some)
        };
        let saved = rescored.and_then(|scoring| {
            // Out of its slot while the project (another field of the session) writes it.
            let layer = self
                .layer_slot(kind)
                .take()
                .ok_or_else(|| AppError::refused(ErrorKind::Internal, "laag ontbreekt"))?;
            let written = self.project.save_layer(&layer);
            *self.layer_slot(kind) = Some(layer);
            written?;
            Ok(scoring)
        });
        match saved {
            Ok(scoring) => {
                if let Some(scoring) = scoring {
                    self.scoring = scoring;
                }
                self.refresh_flags()
            }
            Err(e) => {
                *self.layer_slot(kind) = old;
                Err(e)
            }
        }
    }

    /// Puts a named overlay layer into the session and the project file (replacing
    /// one of the same name) and rescores, keeping the weights; on a failure
    /// memory and file stay as they were.
    pub fn install_named(
        &mut self,
        named: locatiescout_model::layer::NamedLayer,
    ) -> Result<(), AppError> {
        let pos = self.ds.overlays.iter().position(|l| l.name == named.name);
        let old = match pos {
            Some(p) => Some(std::mem::replace(&mut self.ds.overlays[p], named)),
            None => {
                self.ds.overlays.push(named);
                None
            }
        };
        let at = pos.unwrap_or(self.ds.overlays.len() - 1);
        let done = self.rescored().and_then(|scoring| {
            self.project.save_named(&self.ds.overlays[at])?;
            Ok(scoring)
        });
        match done {
            Ok(scoring) => {
                self.scoring = scoring;
                Ok(())
            }
            Err(e) => {
                match old {
                    Some(o) => self.ds.overlays[at] = o,
                    None => {
                        self.ds.overlays.pop();
                    }
                }
                Err(e)
            }
        }
    }

    /// Removes the named overlay `name` from session and file and rescores.
    pub fn remove_named(&mut self, name: &str) -> Result<(), AppError> {
        let Some(pos) = self.ds.overlays.iter().position(|l| l.name == name) else {
            return Err(AppError::refused(
                ErrorKind::Import,
                format!("er is geen laag '{name}'"),
            ));
        };
        let removed = self.ds.overlays.remove(pos);
        match self.rescored() {
            Ok(scoring) => {
                self.project.remove_named(name)?;
                self.scoring = scoring;
                Ok(())
            }
            Err(e) => {
                self.ds.overlays.insert(pos, removed);
                Err(e)
            }
        }
    }

    /// Joins the table at `path` to the layer of `kind` on `key`, then rescores
    /// and saves; on any failure the layer in memory and in the file stays as it
    /// was. `missing` says what to load first when there is no such layer.
    pub fn join_table(
        &mut self,
        kind: LayerKind,
        key: &JoinKey,
        map: &FieldMap,
        path: &Path,
        missing: &str,
    ) -> Result<(JoinReport, usize), AppError> {
        let mut layer = self
            .layer_slot(kind)
            .take()
            .ok_or_else(|| AppError::refused(ErrorKind::Import, missing))?;
        let report = match join_csv_on(&mut layer, path, key, map) {
            Ok(r) => r,
            Err(e) => {
                *self.layer_slot(kind) = Some(layer);
                return Err(e.into());
            }
        };
        let features = layer.len();
        if let Err(e) = self.install_layer(layer) {
            // The joined layer could not be used: read the saved one back.
            *self.layer_slot(kind) = self
                .project
                .load_layers()?
                .into_iter()
                .find(|l| l.kind == kind);
            return Err(e);
        }
        Ok((report, features))
    }

    /// Joins an attribute table (CSV) to the listings on EAN — e.g. the RVB
    /// impact analysis to the RVB buildings — and rescores.
    pub fn join_listings_table(
        &mut self,
        map: &FieldMap,
        path: &Path,
    ) -> Result<(JoinReport, usize), AppError> {
        let key = JoinKey::Field(locatiescout_model::attrs::Field::Ean);
        let missing = "er is nog geen aanbod (Rijksvastgoed) geladen om de tabel aan te koppelen";
        self.join_table(LayerKind::Listings, &key, map, path, missing)
    }

    /// Joins the capaciteitskaart table (CSV, on the area id of the congestion
    /// mapping — `voedingsgebied_id` by default) to the congestion areas, and rescores.
    pub fn join_congestion_table(&mut self, path: &Path) -> Result<(JoinReport, usize), AppError> {
        let key = JoinKey::Column(self.ds.congestion_config.id_field.clone());
        let missing = "er zijn nog geen congestiegebieden geladen om de tabel aan te koppelen";
        self.join_table(
            LayerKind::Congestion,
            &key,
            &FieldMap::default(),
            path,
            missing,
        )
    }

    /// The current flag of every flagged site of the site layer, by site number.
    pub fn site_flags(&self) -> Vec<(u32, locatiescout_model::flag::FlagStatus)> {
        let mut v: Vec<_> = self.flags.iter().map(|(i, f)| (*i, f.status)).collect();
        v.sort_by_key(|(i, _)| *i);
        v
    }

    /// Site `i`'s breakdown, its extent in WGS84 (for the map to fit) and, for
    /// an RVB listing or a site on one, the listing's parcels and panden.
    pub fn site_detail(&mut self, i: u32) -> Result<SiteView, AppError> {
        let at = i as usize;
        let detail = self.scoring.detail(&self.ds, at).ok_or_else(|| {
            AppError::refused(ErrorKind::Score, format!("geen locatie met nummer {i}"))
        })?;
        let bounds = self
            .ds
            .site_layer(&self.scoring.profile)
            .and_then(|l| l.bbox(at))
            .and_then(locatiescout_model::crs::rd_rect_to_wgs84);
        Ok(SiteView {
            detail,
            bounds_wgs84: bounds,
            listing: self.listing_links(at),
        })
    }

    /// A loaded layer of `kind` as GeoJSON (WGS84) for the map — congestion
    /// areas with their colour as mapped — or an empty collection when none is loaded.
    pub fn layer_geojson(&self, kind: LayerKind) -> Result<Vec<u8>, AppError> {
        use locatiescout_output::export::{congestion_geojson, layer_geojson};
        Ok(match (kind, self.layer(kind)) {
            (LayerKind::Congestion, Some(c)) => congestion_geojson(c, &self.ds.congestion_config)?,
            (_, Some(l)) => layer_geojson(l)?,
            (_, None) => EMPTY_COLLECTION.to_vec(),
        })
    }

    /// The named overlay `name` as GeoJSON with each feature's index and own
    /// name, or an empty collection when there is no such layer.
    pub fn overlay_geojson(&self, name: &str) -> Result<Vec<u8>, AppError> {
        Ok(match self.ds.overlays.iter().find(|l| l.name == name) {
            Some(n) => locatiescout_output::export::overlay_geojson(&n.layer)?,
            None => EMPTY_COLLECTION.to_vec(),
        })
    }

    /// Writes the project to `target` as one self-contained file and continues
    /// in the new file. The layers in memory stay: the copy holds the same ones.
    pub fn save_as(&mut self, target: &Path) -> Result<(), AppError> {
        self.project.save_copy(target)?;
        self.project = Project::open(target)?;
        self.refresh_flags()
    }
}
