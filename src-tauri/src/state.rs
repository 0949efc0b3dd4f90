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
    /// One import at a time; set while a file is being read.
    pub importing: Arc<AtomicBool>,
    /// Set by "Afbreken"; the reader checks it between batches.
    pub cancel: Arc<AtomicBool>,
}

impl AppState {
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
