//! Errors cross IPC as `{ code, message }`; the UI switches on `code`, never on text.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub enum ErrorCode {
    Import,
    /// The user cancelled an import; not an error to show loudly.
    Cancelled,
    /// Another import is still running.
    Busy,
    Profile,
    Score,
    /// The project file: cannot be opened, written, or is from a newer version.
    Project,
    /// A flag could not be set or a flag file not read.
    Flag,
    /// Werkprogramma input that makes no sense; nothing was stored.
    Werkprogramma,
    /// A file could not be written.
    Export,
    /// PDOK could not be reached or answered badly; the project is unchanged.
    Fetch,
    NoProject,
    Internal,
}

#[derive(Debug, Clone, Serialize, TS, thiserror::Error)]
#[error("{message}")]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
        }
    }
}

/// The layers' typed errors take the application layer's kinds, so one table
/// ([`From<AppError>`]) decides every code.
macro_rules! through_app_error {
    ($($t:ty),* $(,)?) => {$(
        impl From<$t> for ApiError {
            fn from(e: $t) -> Self {
                locatiescout::AppError::from(e).into()
            }
        }
    )*};
}

through_app_error!(
    locatiescout::io::ImportError,
    locatiescout::engine::profile::ProfileError,
    locatiescout::engine::score::ScoreError,
    locatiescout::output::export::ExportError,
    locatiescout::io::project::ProjectError,
    locatiescout::output::report::ReportError,
    locatiescout::io::fetch::FetchError,
);

impl From<locatiescout::AppError> for ApiError {
    fn from(e: locatiescout::AppError) -> Self {
        use locatiescout::ErrorKind as K;
        let code = match e.kind() {
            K::Import => ErrorCode::Import,
            K::Cancelled => ErrorCode::Cancelled,
            K::Profile => ErrorCode::Profile,
            K::Score => ErrorCode::Score,
            K::Project => ErrorCode::Project,
            K::Flag => ErrorCode::Flag,
            K::Werkprogramma => ErrorCode::Werkprogramma,
            K::Export => ErrorCode::Export,
            K::Fetch => ErrorCode::Fetch,
            K::NoProject => ErrorCode::NoProject,
            K::Internal => ErrorCode::Internal,
        };
        ApiError::new(code, e.to_string())
    }
}
