//! How a long use case reaches the open session between its steps. The desktop
//! app keeps the session behind a lock that must stay free while a file is read
//! or a download runs (the map asks for tiles meanwhile); a use case takes the
//! session only for the short steps that read or change it.

use crate::{AppError, Session};

pub trait SessionAccess {
    /// Runs `f` on the open session; refused with [`crate::ErrorKind::NoProject`]
    /// when none is open.
    fn with_session<T>(
        &self,
        f: impl FnOnce(&mut Session) -> Result<T, AppError>,
    ) -> Result<T, AppError>;
}

/// A session held by one caller alone (the command line, tests).
impl SessionAccess for std::sync::Mutex<Session> {
    fn with_session<T>(
        &self,
        f: impl FnOnce(&mut Session) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut s = self.lock().map_err(|_| AppError::poisoned())?;
        f(&mut s)
    }
}
