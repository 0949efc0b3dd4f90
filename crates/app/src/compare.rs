//! The comparison of chosen sites of the current profile: side by side, and as
//! a table (.xlsx or .csv) in the reader's language.

use std::path::Path;

use locatiescout_engine::compare::{compare, Comparison};

use crate::{stored, AppError, ErrorKind, Session};

impl Session {
    /// Sites of the current profile side by side.
    pub fn comparison(&self, indices: &[u32]) -> Result<Comparison, AppError> {
        let flags = self.project.current_flags()?;
        let wp = stored::werkprogramma(&self.project)?;
        let today = self.scoring.reference_date();
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
