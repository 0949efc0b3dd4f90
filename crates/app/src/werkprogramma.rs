//! The werkprogramma: read, change and store it in the open session and
//! compute it over the session's scoring; export it from a project file (the
//! command line) all or nothing; its history.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use locatiescout_engine::business::HousingForm;
use locatiescout_engine::werkprogramma::{too_large_file, Entry, Werkprogramma, MAX_FILE_BYTES};
use locatiescout_io::project::Project;
use locatiescout_output::report::{self, WerkprogrammaExport};

use crate::outputs::check_outputs;
use crate::{stored, AppError, ErrorKind, Session};

/// What `locatiescout werkprogramma` asks of a project file.
pub struct ExportRequest<'a> {
    pub project: &'a Path,
    /// The files to write (.html, .pdf, .xlsx, .csv, .gpkg, .geojson); may be none
    /// when only `restore` is asked.
    pub outs: &'a [PathBuf],
    /// A werkprogramma (TOML or JSON) stored in the project first.
    pub from: Option<&'a Path>,
    /// An earlier version (from the history) put back first.
    pub restore: Option<i64>,
    /// The municipal boundary for the map, instead of the project's own.
    pub boundary: Option<&'a Path>,
    pub reference_date: NaiveDate,
}

/// What [`export`] did: the computed werkprogramma (none when only a version
/// was put back) and the version restored with its number of rows.
pub struct Exported {
    pub export: Option<WerkprogrammaExport>,
    pub restored: Option<(i64, usize)>,
}

/// Computes the project's werkprogramma (or the one in `from`) and writes it,
/// all or nothing: every file is made first; only then is a new werkprogramma
/// stored and are the files put in place. A failure leaves the project and the
/// old files as they were; nothing is written over a file this reads.
pub fn export(req: &ExportRequest<'_>) -> Result<Exported, AppError> {
    let mut inputs: Vec<(&Path, &str)> = vec![(req.project, "het project")];
    inputs.extend(
        req.from
            .map(|f| (f, "het werkprogramma dat wordt ingelezen")),
    );
    inputs.extend(req.boundary.map(|b| (b, "de gemeentegrens")));
    check_outputs(req.outs, &inputs, &report::FORMATS)?;
    // Reading and writing reports only reads the project: a read-only one works too.
    let mut p = if req.from.is_some() || req.restore.is_some() {
        Project::open(req.project)?
    } else {
        Project::open_read_only(req.project)?
    };
    let restored = match req.restore {
        Some(id) => Some((id, stored::restore_werkprogramma(&mut p, id)?.entries.len())),
        None => None,
    };
    if req.outs.is_empty() {
        return Ok(Exported {
            export: None,
            restored,
        });
    }
    let new = req.from.map(read_werkprogramma).transpose()?;
    // The report of the new werkprogramma is made before it replaces the stored one.
    let mut ex = match &new {
        Some(wp) => stored::werkprogramma_export_of(&p, wp, req.reference_date)?,
        None => stored::werkprogramma_export(&p, req.reference_date)?,
    };
    if let Some(b) = req.boundary {
        ex.outline = stored::boundary_from_file(b)?;
    }
    let staged = report::stage_all(req.outs, &ex)?;
    if let Some(wp) = &new {
        stored::set_werkprogramma(&mut p, wp)?;
    }
    staged.commit()?;
    Ok(Exported {
        export: Some(ex),
        restored,
    })
}

/// A werkprogramma file: JSON by its extension, TOML otherwise.
pub fn read_werkprogramma(path: &Path) -> Result<Werkprogramma, AppError> {
    let refused = |m: String| AppError::refused(ErrorKind::Werkprogramma, m);
    locatiescout_model::files::refuse_special(path).map_err(refused)?;
    let unreadable = |e: std::io::Error| {
        refused(format!(
            "{}: kan niet worden gelezen: {}",
            path.display(),
            locatiescout_model::nl::io_nl(&e)
        ))
    };
    // The size before the bytes: a file of gigabytes is refused unread.
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_FILE_BYTES {
        return Err(refused(format!(
            "{}: {}",
            path.display(),
            too_large_file(size)
        )));
    }
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|f| {
            use std::io::Read;
            // A file that grew since: read no more than the limit and one byte.
            f.take(MAX_FILE_BYTES + 1).read_to_string(&mut text)
        })
        .map_err(unreadable)?;
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    Werkprogramma::parse_file(&text, is_json)
        .map_err(|e| refused(format!("{}: {e}", path.display())))
}

/// The werkprogramma's earlier versions in the project file, newest first.
pub fn history(project: &Path) -> Result<Vec<stored::WerkprogrammaVersion>, AppError> {
    Ok(stored::werkprogramma_history(&Project::open_read_only(
        project,
    )?)?)
}

impl Session {
    /// `wp` computed over the session: its own scoring for the current profile,
    /// other profiles scored with their saved weights.
    pub fn werkprogramma_of(&self, wp: &Werkprogramma) -> Result<WerkprogrammaExport, AppError> {
        let flags = self.project.current_flags()?;
        let saved = self.project.saved_profile()?;
        let today = self.scoring.reference_date();
        let mut ex = report::assemble_for(
            &self.ds,
            self.outline.as_ref(),
            Some(&self.scoring),
            &saved,
            &flags,
            wp,
            today,
        )?;
        stored::fill_gemeente_code(&mut ex);
        Ok(ex)
    }

    /// The stored werkprogramma, computed.
    pub fn werkprogramma(&self) -> Result<WerkprogrammaExport, AppError> {
        self.werkprogramma_of(&stored::werkprogramma(&self.project)?)
    }

    /// Checks and stores `wp` (nonsense is refused whole), then computes it.
    pub fn set_werkprogramma(
        &mut self,
        wp: &Werkprogramma,
    ) -> Result<WerkprogrammaExport, AppError> {
        stored::set_werkprogramma(&mut self.project, wp)
            .map_err(|e| AppError::refused(ErrorKind::Werkprogramma, e.to_string()))?;
        self.werkprogramma_of(wp)
    }

    /// Puts sites (by number) into the werkprogramma with the current profile's
    /// housing form and the site's estimate of homes; a site already in it is
    /// not added twice.
    pub fn add_to_werkprogramma(
        &mut self,
        indices: &[u32],
    ) -> Result<WerkprogrammaExport, AppError> {
        let mut wp = stored::werkprogramma(&self.project)?;
        let profile = self.scoring.profile.key.clone();
        let form = if profile == "transformatie" {
            HousingForm::Transformatie
        } else {
            HousingForm::Flex
        };
        for &i in indices {
            let (site_id, _) = self.site_key(i).ok_or_else(|| {
                AppError::refused(
                    ErrorKind::Werkprogramma,
                    format!(
                        "locatie {i} heeft geen identificatie en kan niet in het werkprogramma"
                    ),
                )
            })?;
            let homes = self
                .scoring
                .facts(&self.ds, i as usize)
                .map_or(0.0, |f| f.homes.floor());
            wp.add_site(Entry {
                site_id,
                profile: profile.clone(),
                form,
                homes,
                ..Entry::default()
            });
        }
        self.set_werkprogramma(&wp)
    }

    /// Writes the stored werkprogramma in the format `path`'s extension names.
    pub fn export_werkprogramma(&self, path: &Path) -> Result<(), AppError> {
        self.refuse_overwriting_inputs(path)?;
        Ok(report::write(path, &self.werkprogramma()?)?)
    }
}
