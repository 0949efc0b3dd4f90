//! What every export checks before it writes anything: each output has a format
//! the writer knows and is none of the files the use case reads. One place, so
//! the command line and the app refuse the same things with the same words.

use std::path::Path;

use chrono::NaiveDate;
use locatiescout_model::files::{extension_lower, refuse_overwriting_input};

use crate::{AppError, ErrorKind, Session};

/// Refuses the first of `outs` that would replace one of `inputs` (a path and
/// what it is, "het project"), that is named twice, or whose extension is not
/// one of `formats`.
pub fn check_outputs<P: AsRef<Path>>(
    outs: &[P],
    inputs: &[(&Path, &str)],
    formats: &[&str],
) -> Result<(), AppError> {
    let mut seen: Vec<std::path::PathBuf> = Vec::new();
    for out in outs {
        let out = out.as_ref();
        let full = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
        if seen.contains(&full) {
            return Err(AppError::refused(
                ErrorKind::Export,
                format!(
                    "{}: twee keer als uitvoer opgegeven; noem elk bestand één keer",
                    out.display()
                ),
            ));
        }
        seen.push(full);
    }
    for out in outs {
        refuse_overwriting_input(out.as_ref(), inputs)
            .map_err(|e| AppError::refused(ErrorKind::Export, e))?;
    }
    for out in outs {
        let out = out.as_ref();
        if !formats.contains(&extension_lower(out).as_str()) {
            return Err(AppError::refused(
                ErrorKind::Export,
                format!(
                    "{}: onbekend uitvoerformaat; kies uit {}",
                    out.display(),
                    formats
                        .iter()
                        .map(|f| format!(".{f}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// A reference date typed by the user (`2026-11-22`); without one, today.
/// `what` names it in the message ("peildatum", "datum").
pub fn date_or_today(text: Option<&str>, what: &str) -> Result<NaiveDate, AppError> {
    match text {
        Some(d) => NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| {
            AppError::refused(
                ErrorKind::Werkprogramma,
                format!("{what} {d} is geen datum als 2026-11-22"),
            )
        }),
        None => Ok(today()),
    }
}

/// Today's date on this machine: the one place the use cases read the clock.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

impl Session {
    /// An export never replaces the project or a file a layer was read from.
    pub fn refuse_overwriting_inputs(&self, path: &Path) -> Result<(), AppError> {
        let sources: Vec<std::path::PathBuf> = [
            &self.ds.parcels,
            &self.ds.buildings,
            &self.ds.listings,
            &self.ds.units,
            &self.ds.congestion,
        ]
        .into_iter()
        .flatten()
        .map(|l| l.report.path.clone())
        .chain(self.ds.overlays.iter().map(|o| o.layer.report.path.clone()))
        .collect();
        let mut inputs: Vec<(&Path, &str)> = vec![(self.project.path(), "het project")];
        inputs.extend(
            sources
                .iter()
                .map(|p| (p.as_path(), "een ingelezen bestand")),
        );
        locatiescout_model::files::refuse_overwriting_input(path, &inputs)
            .map_err(|e| AppError::refused(ErrorKind::Export, e))
    }
}
