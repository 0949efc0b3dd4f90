//! Why a command failed: a message of its own, or a typed error of the
//! application layer (whose code is logged with `LOCATIESCOUT_LOG=error`).
//! Every input error exits with 3.

use app::AppError;

#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    #[error("{0}")]
    Input(String),
    #[error(transparent)]
    App(#[from] AppError),
    /// Writing to the terminal or a pipe failed (the system's words, in Dutch).
    #[error("{}", app::model::nl::io_nl(.0))]
    Io(#[from] std::io::Error),
}

impl CliError {
    /// A stable code for logs and scripts: the layer's own where it has one.
    pub(crate) fn code(&self) -> &'static str {
        match self {
            CliError::Input(_) => "input",
            CliError::App(e) => e.code(),
            CliError::Io(_) => "io",
        }
    }
}

/// The layers' typed errors go through [`AppError`], keeping their codes.
macro_rules! through_app_error {
    ($($t:ty),* $(,)?) => {$(
        impl From<$t> for CliError {
            fn from(e: $t) -> Self {
                CliError::App(AppError::from(e))
            }
        }
    )*};
}

through_app_error!(
    app::io::ImportError,
    app::engine::profile::ProfileError,
    app::engine::score::ScoreError,
    app::output::export::ExportError,
    app::io::project::ProjectError,
    app::output::report::ReportError,
    app::io::fetch::FetchError,
);

/// Errors with nothing to add but their Dutch text.
macro_rules! as_message {
    ($($t:ty),* $(,)?) => {$(
        impl From<$t> for CliError {
            fn from(e: $t) -> Self {
                CliError::Input(e.to_string())
            }
        }
    )*};
}

as_message!(app::model::attrs::FieldMapError, String);

impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> Self {
        CliError::Input(app::model::nl_error::json_nl(&e))
    }
}
