//! The werkprogramma and the comparison of sites in the open session: read,
//! change and store the werkprogramma, compute it over the session's scoring,
//! write its report; compare chosen sites and write the table.

use std::path::Path;

use locatiescout_engine::business::HousingForm;
use locatiescout_engine::compare::{compare, Comparison};
use locatiescout_engine::werkprogramma::{Entry, Werkprogramma};
use locatiescout_output::report::{self, WerkprogrammaExport};

use crate::{stored, AppError, ErrorKind, Session};

impl Session {
    /// `wp` computed over the session: its own scoring for the current profile,
    /// other profiles scored with their saved weights.
    pub fn werkprogramma_of(&self, wp: &Werkprogramma) -> Result<WerkprogrammaExport, AppError> {
        let flags = self.project.current_flags()?;
        let saved = self.project.saved_profile()?;
        let today = self.scoring.profile.reference_date();
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

    /// Sites of the current profile side by side.
    pub fn comparison(&self, indices: &[u32]) -> Result<Comparison, AppError> {
        let flags = self.project.current_flags()?;
        let wp = stored::werkprogramma(&self.project)?;
        let today = self.scoring.profile.reference_date();
        compare(&self.ds, &self.scoring, indices, &flags, &wp, today)
            .map_err(|e| AppError::refused(ErrorKind::Score, e.to_string()))
    }

    /// The comparison as `.xlsx` or `.csv` in `lang`, written whole or not at all.
    pub fn export_comparison(
        &self,
        indices: &[u32],
        path: &Path,
        lang: locatiescout_model::text::Lang,
    ) -> Result<(), AppError> {
        self.refuse_overwriting_inputs(path)?;
        locatiescout_output::compare::write(path, &self.comparison(indices)?, lang)
            .map_err(|e| AppError::refused(ErrorKind::Export, e.to_string()))
    }
}
