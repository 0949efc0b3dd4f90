//! The open project: the project file, its layers in memory, the current scoring
//! and the current flag of each site.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};

use locatiescout::import::LayerKind;
use locatiescout::profile::Profile;
use locatiescout::project::{Flag, Project};
use locatiescout::score::{Dataset, Scoring};
use locatiescout::Layer;

use crate::dto::LayerKindDto;
use crate::error::{ApiError, ErrorCode};

pub struct Session {
    pub ds: Dataset,
    pub scoring: Scoring,
    /// The municipal boundary, drawn only.
    pub outline: Option<Layer>,
    /// Every change is written here at once: there is no "save", only "save as".
    pub project: Project,
    /// The current flag of each site of the site layer, by site index.
    pub flags: HashMap<u32, Flag>,
    /// Each listing's parcels and panden; made on first use, dropped when a layer changes.
    pub links: Option<Vec<locatiescout::link::ListingLinks>>,
}

fn default_profile(ds: &Dataset) -> &'static str {
    if ds.parcels.is_some() {
        "flex"
    } else {
        "transformatie"
    }
}

impl Session {
    /// The layers of a project file with its saved profile and weights (or `profile`).
    pub fn from_project(project: Project, profile: Option<&str>) -> Result<Session, ApiError> {
        let (ds, outline) = locatiescout::application::stored::dataset(&project)?;
        let saved_profile = project.saved_profile()?;
        let (saved, saved_weights) = (saved_profile.key, saved_profile.weights);
        let key = profile
            .map(str::to_string)
            .or(saved)
            .unwrap_or_else(|| default_profile(&ds).to_string());
        let mut scoring = Scoring::new(&ds, Profile::load(&key)?)?;
        if profile.is_none() {
            for (k, v) in saved_weights {
                // A criterion the profile no longer has is ignored, not an error.
                let _ = scoring.set_weight(&k, v);
            }
            scoring.rescore();
        }
        let mut s = Session {
            ds,
            scoring,
            outline,
            project,
            flags: HashMap::new(),
            links: None,
        };
        s.refresh_flags()?;
        if profile.is_some() {
            // A profile chosen now replaces the saved one; a plain open writes nothing.
            s.save_settings()?;
        }
        Ok(s)
    }

    /// Profile and weights into the project file (autosave).
    pub fn save_settings(&self) -> Result<(), ApiError> {
        let p = &self.scoring.profile;
        let weights: Vec<(&str, f64)> = p
            .criteria
            .iter()
            .zip(&self.scoring.weights)
            .map(|(c, w)| (c.key.as_str(), *w))
            .collect();
        let json = |e: serde_json::Error| ApiError::new(ErrorCode::Internal, e.to_string());
        self.project
            .set_setting("profile", &serde_json::to_string(&p.key).map_err(json)?)?;
        self.project
            .set_setting("weights", &serde_json::to_string(&weights).map_err(json)?)?;
        Ok(())
    }

    /// The loaded layer of `kind`, if any.
    pub fn layer(&self, kind: LayerKindDto) -> Option<&Layer> {
        match kind {
            LayerKindDto::Parcels => self.ds.parcels.as_ref(),
            LayerKindDto::Buildings => self.ds.buildings.as_ref(),
            LayerKindDto::Listings => self.ds.listings.as_ref(),
            LayerKindDto::Outline => self.outline.as_ref(),
            LayerKindDto::Congestion => self.ds.congestion.as_ref(),
        }
    }

    /// Where the layer of `kind` is kept, to put one in or take it out.
    pub fn layer_slot(&mut self, kind: LayerKindDto) -> &mut Option<Layer> {
        match kind {
            LayerKindDto::Parcels => &mut self.ds.parcels,
            LayerKindDto::Buildings => &mut self.ds.buildings,
            LayerKindDto::Listings => &mut self.ds.listings,
            LayerKindDto::Outline => &mut self.outline,
            LayerKindDto::Congestion => &mut self.ds.congestion,
        }
    }

    /// Re-reads the current flags and maps them onto the site layer.
    pub fn refresh_flags(&mut self) -> Result<(), ApiError> {
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
}

/// Shared with blocking tasks, hence the `Arc`s.
#[derive(Default, Clone)]
pub struct AppState {
    pub session: Arc<Mutex<Option<Session>>>,
    /// The cancel flag of the import that is running, if one is: one import at a
    /// time, and "Afbreken" reaches exactly that import (a fresh flag per import,
    /// so a late click cannot cancel the next one).
    pub import: Arc<Mutex<Option<Arc<AtomicBool>>>>,
    /// Where the sample project and the list of recent projects live.
    pub data_dir: Arc<Mutex<Option<PathBuf>>>,
    /// The sample region's files: the bundled resource folder `sample/` as the
    /// resource resolver finds it, unless `LOCATIESCOUT_SAMPLE` says otherwise.
    pub sample_dir: Arc<Mutex<Option<PathBuf>>>,
}

impl AppState {
    pub fn with_data_dir(dir: Option<PathBuf>) -> AppState {
        AppState {
            data_dir: Arc::new(Mutex::new(dir)),
            ..AppState::default()
        }
    }

    pub fn lock(&self) -> Result<MutexGuard<'_, Option<Session>>, ApiError> {
        self.session.lock().map_err(|_| {
            ApiError::new(
                ErrorCode::Internal,
                "interne fout: projectstatus vergrendeld",
            )
        })
    }

    pub fn import_running(&self) -> bool {
        self.import.lock().map(|g| g.is_some()).unwrap_or(false)
    }

    /// The app's data folder, created when missing.
    pub fn data_dir(&self) -> Result<PathBuf, ApiError> {
        let dir = self
            .data_dir
            .lock()
            .ok()
            .and_then(|d| d.clone())
            .unwrap_or_else(|| std::env::temp_dir().join("locatiescout"));
        std::fs::create_dir_all(&dir).map_err(|e| {
            ApiError::new(
                ErrorCode::Project,
                format!("map {} kan niet worden gemaakt: {e}", dir.display()),
            )
        })?;
        Ok(dir)
    }

    /// The sample region's folder, or a Dutch error saying where it was looked for.
    pub fn sample_dir(&self) -> Result<PathBuf, ApiError> {
        // Set at start from the resource folder; the mock runtime of the IPC tests
        // runs no setup, so look again (LOCATIESCOUT_SAMPLE, a debug build's checkout).
        let found = self.sample_dir.lock().ok().and_then(|d| d.clone());
        found.or_else(|| find_sample_dir(None)).ok_or_else(|| {
            ApiError::new(
                ErrorCode::Project,
                "de voorbeeldregio is niet gevonden: de installatie mist de map 'sample' \
                 (of zet LOCATIESCOUT_SAMPLE op een map met percelen.geojson)",
            )
        })
    }
}

/// Runs `f` on the open session, or says no project is open.
pub fn with_session<T>(
    state: &AppState,
    f: impl FnOnce(&mut Session) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let mut guard = state.lock()?;
    let session = guard
        .as_mut()
        .ok_or_else(|| ApiError::new(ErrorCode::NoProject, "er is nog geen project geopend"))?;
    f(session)
}

/// Where the sample region's files are: `LOCATIESCOUT_SAMPLE` if set, else the
/// `sample/` resource the bundle carries (and `tauri-build` copies beside a
/// development build), found through Tauri's resource resolver. Debug builds also
/// fall back to the checkout's `data/sample`, for the IPC tests on the mock
/// runtime, whose resource folder is the test binary's; a release build never
/// looks into a checkout. `None` when none of these holds `percelen.geojson`.
pub fn find_sample_dir(resource: Option<PathBuf>) -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(dir) = std::env::var_os("LOCATIESCOUT_SAMPLE") {
        // An explicit choice is taken as is: a wrong one should fail, not fall back.
        let dir = PathBuf::from(dir);
        return Some(dir.canonicalize().unwrap_or(dir));
    }
    candidates.extend(resource);
    if cfg!(debug_assertions) {
        candidates.push(PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../data/sample"
        )));
    }
    candidates
        .into_iter()
        .find(|d| d.join("percelen.geojson").is_file())
        .map(|d| d.canonicalize().unwrap_or(d))
}
