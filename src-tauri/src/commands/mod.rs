//! Tauri commands grouped by domain; each takes the state and calls the core.
pub mod compare;
pub mod fetch;
pub mod fieldmap;
pub mod flags;
pub mod geocode;
pub mod map;
pub mod project;
pub mod regio;
pub mod scoring;
pub mod werkprogramma;

use crate::error::{ApiError, ErrorCode};

/// Runs `f` on a blocking thread: reading files, scoring and downloading never
/// hold up the window's event loop.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tauri::async_runtime::spawn_blocking(f).await.map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            format!("de bewerking is onverwacht afgebroken; probeer het opnieuw ({e})"),
        )
    })?
}
