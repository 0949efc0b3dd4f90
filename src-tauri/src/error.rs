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

impl From<locatiescout::ImportError> for ApiError {
    fn from(e: locatiescout::ImportError) -> Self {
        let code = match e {
            locatiescout::ImportError::Cancelled { .. } => ErrorCode::Cancelled,
            _ => ErrorCode::Import,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<locatiescout::profile::ProfileError> for ApiError {
    fn from(e: locatiescout::profile::ProfileError) -> Self {
        ApiError::new(ErrorCode::Profile, e.to_string())
    }
}

impl From<locatiescout::score::ScoreError> for ApiError {
    fn from(e: locatiescout::score::ScoreError) -> Self {
        ApiError::new(ErrorCode::Score, e.to_string())
    }
}

impl From<locatiescout::export::ExportError> for ApiError {
    fn from(e: locatiescout::export::ExportError) -> Self {
        ApiError::new(ErrorCode::Internal, e.to_string())
    }
}

impl From<locatiescout::project::ProjectError> for ApiError {
    fn from(e: locatiescout::project::ProjectError) -> Self {
        let code = match e {
            locatiescout::project::ProjectError::Flag(_) => ErrorCode::Flag,
            _ => ErrorCode::Project,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<locatiescout::report::ReportError> for ApiError {
    fn from(e: locatiescout::report::ReportError) -> Self {
        use locatiescout::report::ReportError as R;
        let code = match e {
            R::Write { .. } | R::UnknownFormat { .. } => ErrorCode::Export,
            R::Score(_) | R::Profile { .. } => ErrorCode::Score,
        };
        ApiError::new(code, e.to_string())
    }
}
