//! One error type for the use cases. Each variant carries the typed error of the
//! layer it came from; [`AppError::kind`] is what a front end switches on (the
//! desktop app's error code, the command line's exit code), never the text.

use std::path::PathBuf;

use locatiescout_engine::profile::ProfileError;
use locatiescout_engine::score::ScoreError;
use locatiescout_io::fetch::FetchError;
use locatiescout_io::project::ProjectError;
use locatiescout_io::ImportError;
use locatiescout_output::export::ExportError;
use locatiescout_output::report::ReportError;

/// What kind of failure, for the front ends. `Cancelled` is the user's own stop (an import, a download): not an error to
/// show loudly. `Export` is a file that could not be written, `Fetch` PDOK
/// unreachable or answering badly (the project unchanged).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Import,
    Cancelled,
    Profile,
    Score,
    Project,
    Flag,
    Werkprogramma,
    Export,
    Fetch,
    /// A use case that needs an open project, asked while none is open.
    NoProject,
    Internal,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Profile(#[from] ProfileError),
    #[error(transparent)]
    Score(#[from] ScoreError),
    #[error(transparent)]
    Project(#[from] ProjectError),
    #[error(transparent)]
    Report(#[from] ReportError),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error(transparent)]
    Tile(#[from] locatiescout_output::tiles::TileError),
    /// A file in which nothing could be used.
    #[error("{path}: geen bruikbare objecten ({read} gelezen, {skipped} overgeslagen).{why}")]
    EmptyLayer {
        path: PathBuf,
        read: usize,
        skipped: usize,
        /// The first reasons, as " Reden: …." (empty when there are none).
        why: String,
    },
    /// Input the use case refuses, said in Dutch, with the kind it counts as.
    #[error("{message}")]
    Refused { kind: ErrorKind, message: String },
}

impl AppError {
    pub fn refused(kind: ErrorKind, message: impl Into<String>) -> AppError {
        AppError::Refused {
            kind,
            message: message.into(),
        }
    }

    /// The session's lock was left by a thread that panicked.
    pub fn poisoned() -> AppError {
        AppError::refused(
            ErrorKind::Internal,
            "interne fout: projectstatus vergrendeld",
        )
    }

    /// A use case that needs an open project, while none is open.
    pub fn no_project() -> AppError {
        AppError::refused(ErrorKind::NoProject, "er is nog geen project geopend")
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            AppError::Import(ImportError::Cancelled { .. }) => ErrorKind::Cancelled,
            AppError::Import(_) | AppError::EmptyLayer { .. } => ErrorKind::Import,
            AppError::Profile(_) => ErrorKind::Profile,
            AppError::Score(_) => ErrorKind::Score,
            AppError::Project(ProjectError::Flag(_)) => ErrorKind::Flag,
            AppError::Project(_) => ErrorKind::Project,
            AppError::Report(ReportError::Write { .. } | ReportError::UnknownFormat { .. }) => {
                ErrorKind::Export
            }
            AppError::Report(_) => ErrorKind::Score,
            AppError::Export(_) | AppError::Tile(_) => ErrorKind::Internal,
            AppError::Fetch(FetchError::Cancelled) => ErrorKind::Cancelled,
            AppError::Fetch(_) => ErrorKind::Fetch,
            AppError::Refused { kind, .. } => *kind,
        }
    }

    /// A stable code for scripts and logs: the import's own code where there is
    /// one (`import.crs`, …), else the kind.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Import(e) => e.code(),
            _ => match self.kind() {
                ErrorKind::Import => "import",
                ErrorKind::Cancelled => "cancelled",
                ErrorKind::Profile => "profile",
                ErrorKind::Score => "score",
                ErrorKind::Project => "project",
                ErrorKind::Flag => "flag",
                ErrorKind::Werkprogramma => "werkprogramma",
                ErrorKind::Export => "export",
                ErrorKind::Fetch => "fetch",
                ErrorKind::NoProject => "no_project",
                ErrorKind::Internal => "internal",
            },
        }
    }
}
