//! One error type for the use cases, each variant carrying the typed error of
//! the layer it came from.

use locatiescout_io::project::ProjectError;
use locatiescout_output::report::ReportError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Project(#[from] ProjectError),
    #[error(transparent)]
    Report(#[from] ReportError),
}
