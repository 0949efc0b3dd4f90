//! The open project: loaded layers and the current scoring.

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};

use locatiescout::score::{Dataset, Scoring};
use locatiescout::Layer;

use crate::error::{ApiError, ErrorCode};

pub struct Session {
    pub ds: Dataset,
    pub scoring: Scoring,
    /// The municipal boundary, drawn only.
    pub outline: Option<Layer>,
}

/// Shared with blocking tasks, hence the `Arc`s.
#[derive(Default, Clone)]
pub struct AppState {
    pub session: Arc<Mutex<Option<Session>>>,
    /// The cancel flag of the import that is running, if one is: one import at a
    /// time, and "Afbreken" reaches exactly that import (a fresh flag per import,
    /// so a late click cannot cancel the next one).
    pub import: Arc<Mutex<Option<Arc<AtomicBool>>>>,
}

impl AppState {
    pub fn import_running(&self) -> bool {
        self.import.lock().map(|g| g.is_some()).unwrap_or(false)
    }

    pub fn lock(&self) -> Result<MutexGuard<'_, Option<Session>>, ApiError> {
        self.session.lock().map_err(|_| {
            ApiError::new(
                ErrorCode::Internal,
                "interne fout: projectstatus vergrendeld",
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
