//! Flags on sites: set by identifier in a project file (the command line) or by
//! site number in the open session (the app), and handed between projects.

use std::path::Path;

use locatiescout_engine::dataset::Dataset;
use locatiescout_io::project::flags::site_index;
use locatiescout_io::project::{Flag, FlagImport, FlagStatus, NewFlag, Project};
use locatiescout_model::layer::Layer;

use crate::{AppError, ErrorKind, Session};

/// Flags the site with identifier `site` (BRK/BAG id, RVB bouwwerkcode) in `project`.
pub fn flag_site(
    project: &mut Project,
    site: String,
    status: FlagStatus,
    note: String,
    author: Option<String>,
) -> Result<Vec<Flag>, AppError> {
    let layers = project.load_layers()?;
    let refs: Vec<&Layer> = layers.iter().collect();
    let Some(&(l, _)) = site_index(&refs).get(site.as_str()) else {
        return Err(AppError::refused(
            ErrorKind::Flag,
            format!(
                "onbekende locatie '{site}' in {}; gebruik een BRK/BAG-identificatie of RVB-bouwwerkcode uit het project",
                project.path().display()
            ),
        ));
    };
    let site_kind = layers[l].kind;
    Ok(project.add_flags(vec![NewFlag {
        site_id: site,
        site_kind,
        status,
        note,
        author,
        at: None,
    }])?)
}

/// Writes the project's flags to `out` (CSV: every event; GeoJSON: one feature per
/// site) and says which layers are damaged: the flags, the user's own work, are
/// exported even then (a site of a damaged layer has no geometry in GeoJSON).
pub fn export_flags(project: &Project, out: &Path) -> Result<(usize, Vec<String>), AppError> {
    let (layers, damaged) = project.load_layers_readable()?;
    let n = project.export_flags(out, &layers.iter().collect::<Vec<_>>())?;
    Ok((n, damaged.iter().map(ToString::to_string).collect()))
}

/// Reads a flag file made by another project: the newest change wins, conflicts
/// are listed and both sides stay in the history. Sites of a damaged layer are
/// not recognised (and listed as such); the damaged layers are named.
pub fn import_flags(
    project: &mut Project,
    file: &Path,
) -> Result<(FlagImport, Vec<String>), AppError> {
    let (layers, damaged) = project.load_layers_readable()?;
    let r = project.import_flags(file, &layers.iter().collect::<Vec<_>>())?;
    Ok((r, damaged.iter().map(ToString::to_string).collect()))
}

/// The layers whose features can carry a flag.
fn flaggable(ds: &Dataset) -> Vec<&Layer> {
    [&ds.parcels, &ds.buildings, &ds.listings]
        .into_iter()
        .filter_map(Option::as_ref)
        .collect()
}

impl Session {
    /// Flags sites by their number; a site without an identifier is skipped and
    /// said why. Returns how many were flagged and the reasons for those skipped.
    pub fn flag_sites(
        &mut self,
        indices: &[u32],
        status: FlagStatus,
        note: &str,
        author: Option<&str>,
    ) -> Result<(usize, Vec<String>), AppError> {
        let mut flags = Vec::with_capacity(indices.len());
        let mut skipped = Vec::new();
        for &i in indices {
            match self.site_key(i) {
                Some((site_id, site_kind)) => flags.push(NewFlag {
                    site_id,
                    site_kind,
                    status,
                    note: note.to_string(),
                    author: author.map(str::to_string),
                    at: None,
                }),
                None => skipped.push(format!(
                    "locatie {i} heeft geen identificatie (BRK/BAG-id of bouwwerkcode) en kan niet worden gevlagd"
                )),
            }
        }
        let flagged = self.project.add_flags(flags)?.len();
        self.refresh_flags()?;
        Ok((flagged, skipped))
    }

    /// [`export_flags`] from the layers in memory.
    pub fn export_flags(&self, out: &Path) -> Result<usize, AppError> {
        Ok(self.project.export_flags(out, &flaggable(&self.ds))?)
    }

    /// [`import_flags`] against the layers in memory; the current flags are read again.
    pub fn import_flags(&mut self, file: &Path) -> Result<FlagImport, AppError> {
        let r = self.project.import_flags(file, &flaggable(&self.ds))?;
        self.refresh_flags()?;
        Ok(r)
    }
}
