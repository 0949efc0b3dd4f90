//! What the app holds between commands: the open [`Session`] (the application
//! layer's), the running long task, the data and sample folders.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use locatiescout::model::text::Lang;
use std::sync::{Arc, Mutex, MutexGuard};

use locatiescout::access::SessionAccess;
use locatiescout::AppError;
pub use locatiescout::Session;

use crate::error::{ApiError, ErrorCode};

/// Shared with blocking tasks, hence the `Arc`s.
#[derive(Default, Clone)]
pub struct AppState {
    pub session: Arc<Mutex<Option<Session>>>,
    /// The cancel flag of the long task (an import, a geocoding or a PDOK fetch)
    /// that is running, if one is: one at a time, and "Afbreken" reaches exactly
    /// that task (a fresh flag per task, so a late click cannot cancel the next one).
    pub long_task: Arc<Mutex<Option<Arc<AtomicBool>>>>,
    /// Where the sample project and the list of recent projects live.
    pub data_dir: Arc<Mutex<Option<PathBuf>>>,
    /// The sample region's files: the bundled resource folder `sample/` as the
    /// resource resolver finds it, unless `LOCATIESCOUT_SAMPLE` says otherwise.
    pub sample_dir: Arc<Mutex<Option<PathBuf>>>,
    /// The language the window shows: every sentence from the core is rendered in
    /// it at this edge (0 Dutch, 1 English).
    pub lang: Arc<AtomicU8>,
}

impl AppState {
    pub fn with_data_dir(dir: Option<PathBuf>) -> AppState {
        AppState {
            data_dir: Arc::new(Mutex::new(dir)),
            ..AppState::default()
        }
    }

    pub fn lock(&self) -> Result<MutexGuard<'_, Option<Session>>, AppError> {
        self.session.lock().map_err(|_| AppError::poisoned())
    }

    pub fn lang(&self) -> Lang {
        if self.lang.load(Ordering::Relaxed) == 1 {
            Lang::En
        } else {
            Lang::Nl
        }
    }

    pub fn set_lang(&self, lang: Lang) {
        self.lang
            .store(u8::from(lang == Lang::En), Ordering::Relaxed);
    }

    pub fn import_running(&self) -> bool {
        self.long_task.lock().map(|g| g.is_some()).unwrap_or(false)
    }

    /// Takes the one slot for a long task with its cancel flag; the slot is
    /// freed when the returned guard drops (also on an error or a panic).
    pub fn claim_long_task(&self, cancel: Arc<AtomicBool>) -> Result<Running<'_>, ApiError> {
        let mut slot = self.long_task.lock().map_err(|_| busy())?;
        if slot.is_some() {
            return Err(busy());
        }
        *slot = Some(cancel);
        Ok(Running(&self.long_task))
    }

    /// Runs `f` as the one long task with a fresh cancel flag ("Afbreken"
    /// reaches exactly this run); refused as busy while another one runs.
    pub fn long_task<T>(
        &self,
        f: impl FnOnce(&AtomicBool) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let cancel = Arc::new(AtomicBool::new(false));
        let _running = self.claim_long_task(cancel.clone())?;
        f(&cancel)
    }

    /// Asks the running long task to stop; it ends with a `cancelled` error.
    pub fn cancel_long_task(&self) {
        if let Ok(slot) = self.long_task.lock() {
            if let Some(cancel) = slot.as_ref() {
                cancel.store(true, Ordering::SeqCst);
            }
        }
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
                format!(
                    "map {} kan niet worden gemaakt: {}",
                    dir.display(),
                    locatiescout::model::nl::io_nl_write(&e, &dir)
                ),
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

/// The long task's slot, freed when dropped.
pub struct Running<'a>(&'a Mutex<Option<Arc<AtomicBool>>>);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = None;
        }
    }
}

fn busy() -> ApiError {
    ApiError::new(
        ErrorCode::Busy,
        "er wordt al een bestand ingelezen of opgehaald; wacht tot dat klaar is of breek het af",
    )
}

/// Runs `f` on the open session, or says no project is open.
pub fn with_session<T>(
    state: &AppState,
    f: impl FnOnce(&mut Session) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let mut guard = state.lock()?;
    f(guard.as_mut().ok_or_else(AppError::no_project)?)
}

/// The use cases take the session between their steps, never while a file is
/// read or a download runs.
impl SessionAccess for AppState {
    fn with_session<T>(
        &self,
        f: impl FnOnce(&mut Session) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut guard = self.lock()?;
        f(guard.as_mut().ok_or_else(AppError::no_project)?)
    }
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
