//! The werkprogramma as files a municipality can hand in: a printable report
//! (HTML and PDF, with a map, the tables, the chart and the knelpunten), a
//! spreadsheet (XLSX, and CSV in the Dutch Excel dialect) and the sites as
//! GeoPackage and RFC 7946 GeoJSON for QGIS. Every writer reads one
//! [`WerkprogrammaExport`]; nothing is computed here that the app does not show.

mod doc;
mod figure;
mod gpkg;
mod html;
mod pdf;
pub mod regio;
mod tables;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use geo::MultiPolygon;

use locatiescout_engine::dataset::Dataset;
use locatiescout_engine::profile::Profile;
use locatiescout_engine::score::{ScoreError, Scoring, SiteDetail};
use locatiescout_engine::werkprogramma::{assess, EntryFacts, Werkprogramma, WerkprogrammaReport};
use locatiescout_model::flag::Flag;
use locatiescout_model::layer::Layer;
use locatiescout_model::saved::SavedProfile;
use locatiescout_model::text::{Lang, Text};

pub use tables::{period_rows, site_rows, Cell, Table};

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{path}: kan niet worden geschreven: {detail}")]
    Write { path: PathBuf, detail: String },
    #[error("{path}: onbekend uitvoerformaat; kies .html, .pdf, .xlsx, .csv, .gpkg of .geojson")]
    UnknownFormat { path: PathBuf },
    #[error(transparent)]
    Score(#[from] ScoreError),
    #[error("profiel '{key}': {detail}")]
    Profile { key: String, detail: String },
}

/// The computed werkprogramma with each site's shape (RD New), for writing.
#[derive(Debug, Clone)]
pub struct WerkprogrammaExport {
    pub report: WerkprogrammaReport,
    /// Per site row, its shape when the site was found and is an area.
    pub shapes: Vec<Option<MultiPolygon<f64>>>,
    /// The municipality's outline (an overlay layer), for the map.
    pub outline: Vec<MultiPolygon<f64>>,
    /// Coordinates are unprojected local ones, not RD New.
    pub local: bool,
    /// The municipality's CBS code for the exchange GeoPackage: the one entered,
    /// or the one the application found by name (the entered input stays as it was).
    pub gemeente_code: String,
}

/// Scores the dataset with `key` measured from `reference_date` (the
/// werkprogramma's peildatum), using the saved weights when `key` is the saved profile.
pub fn scoring_for(
    ds: &Dataset,
    key: &str,
    saved: &SavedProfile,
    reference_date: NaiveDate,
) -> Result<Scoring, ReportError> {
    let profile = Profile::load(key)
        .map_err(|e| ReportError::Profile {
            key: key.into(),
            detail: e.to_string(),
        })?
        .measured_from(reference_date);
    let weights = saved.weights.iter().map(|(k, w)| (k.as_str(), *w));
    if saved.key.as_deref() == Some(key) {
        Ok(Scoring::with_weights(ds, profile, weights)?)
    } else {
        Ok(Scoring::new(ds, profile)?)
    }
}

/// Looks up every entry's site in the scorings and computes the werkprogramma.
pub fn assemble(
    ds: &Dataset,
    outline: Option<&Layer>,
    scorings: &[&Scoring],
    flags: &[Flag],
    wp: &Werkprogramma,
    today: NaiveDate,
) -> WerkprogrammaExport {
    let flags: HashMap<&str, &Flag> = flags.iter().map(|f| (f.site_id.as_str(), f)).collect();
    // Per profile, the site layer's features by source id, built only when needed.
    let mut lookup: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    // Each site's detail made once, however many lines name it.
    let mut details: HashMap<(&str, usize), Option<Arc<SiteDetail>>> = HashMap::new();
    let mut facts = Vec::with_capacity(wp.entries.len());
    let mut shapes = Vec::with_capacity(wp.entries.len());
    let mut local = false;
    for e in &wp.entries {
        let scoring = scorings.iter().find(|s| s.profile.key == e.profile);
        let found = scoring.and_then(|s| {
            let layer = ds.site_layer(&s.profile)?;
            let ids = lookup.entry(s.profile.key.as_str()).or_insert_with(|| {
                (0..layer.len())
                    .filter_map(|i| layer.source_id(i).map(|id| (id, i)))
                    .collect()
            });
            let i = *ids.get(e.site_id.as_str())?;
            local |= layer.source_crs == locatiescout_model::crs::Crs::Local;
            let detail = details
                .entry((s.profile.key.as_str(), i))
                .or_insert_with(|| s.detail(ds, i).map(Arc::new))
                .clone();
            Some((detail, layer.geom.multi_polygon(i)))
        });
        let (detail, shape) = found.unwrap_or((None, None));
        facts.push(EntryFacts {
            detail,
            flag: flags.get(e.site_id.as_str()).map(|f| (*f).clone()),
        });
        shapes.push(shape);
    }
    let outline = outline
        .map(|l| {
            (0..l.len())
                .filter_map(|i| l.geom.multi_polygon(i))
                .collect()
        })
        .unwrap_or_default();
    WerkprogrammaExport {
        gemeente_code: wp.gemeente_code.trim().to_uppercase(),
        report: assess(wp, &facts, today),
        shapes,
        outline,
        local,
    }
}

/// Computes the werkprogramma over `ds`: sites of the `current` scoring's
/// profile are read from it; other profiles are scored here (with their saved
/// weights when `saved` names them).
pub fn assemble_for(
    ds: &Dataset,
    outline: Option<&Layer>,
    current: Option<&Scoring>,
    saved: &SavedProfile,
    flags: &[Flag],
    wp: &Werkprogramma,
    today: NaiveDate,
) -> Result<WerkprogrammaExport, ReportError> {
    let mut keys: Vec<&str> = wp.entries.iter().map(|e| e.profile.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    let current_key = current.map(|s| s.profile.key.as_str());
    let others = keys
        .iter()
        .filter(|k| Some(**k) != current_key)
        .filter(|k| Profile::load(k).is_ok_and(|p| ds.site_layer(&p).is_some()))
        .map(|k| scoring_for(ds, k, saved, today))
        .collect::<Result<Vec<_>, _>>()?;
    let refs: Vec<&Scoring> = current.into_iter().chain(others.iter()).collect();
    Ok(assemble(ds, outline, &refs, flags, wp, today))
}

/// The report's chart as SVG, for the app to show what the report will print.
pub fn chart_svg(ex: &WerkprogrammaExport, lang: Lang) -> String {
    html::svg(
        &figure::chart(ex, 520.0, 260.0, lang),
        &Text::new("fig.chart_title").render(lang),
    )
}

/// The report's map of the sites as SVG.
pub fn map_svg(ex: &WerkprogrammaExport, lang: Lang) -> String {
    html::svg(
        &figure::map(ex, 520.0, 380.0, lang),
        &Text::new("fig.map_title").render(lang),
    )
}

/// A spreadsheet writer's error in Dutch; its own words follow in brackets.
pub(crate) fn xlsx_nl(e: &rust_xlsxwriter::XlsxError) -> String {
    match e {
        rust_xlsxwriter::XlsxError::IoError(io) => locatiescout_model::nl::io_nl(io),
        other => format!(
            "het werkboek kan niet worden gemaakt; probeer .csv of meld dit als fout ({})",
            locatiescout_model::nl_error::cut_to(&other.to_string(), 200)
        ),
    }
}

/// The formats [`write`] knows, by extension.
pub const FORMATS: [&str; 6] = ["html", "pdf", "xlsx", "csv", "gpkg", "geojson"];

/// Files made beside their targets (`NAME.tmp`), put in place only when every
/// one of them is complete: a multi-format export is all or nothing.
#[derive(Debug, Default)]
pub struct Staged {
    files: Vec<(PathBuf, PathBuf)>,
}

impl Staged {
    /// Stages `path`: through a link, beside and onto its target (a folder's
    /// name or a device is refused), recorded before anything is written so a
    /// failure later still removes what was begun. Returns the file to write.
    pub(crate) fn begin(&mut self, path: &Path) -> Result<PathBuf, ReportError> {
        let target =
            locatiescout_model::files::output_target(path).map_err(|e| ReportError::Write {
                path: path.to_path_buf(),
                detail: locatiescout_model::nl::io_nl_write(&e, path),
            })?;
        let tmp = tmp_beside(&target);
        self.files.push((tmp.clone(), target));
        Ok(tmp)
    }

    /// Moves every staged file into place. When a rename fails, the files not
    /// yet moved (that one included) are removed when `self` drops.
    pub fn commit(mut self) -> Result<(), ReportError> {
        while let Some((tmp, target)) = self.files.first().cloned() {
            std::fs::rename(&tmp, &target).map_err(|e| ReportError::Write {
                path: target.clone(),
                detail: locatiescout_model::nl::io_nl_write(&e, &target),
            })?;
            self.files.remove(0);
        }
        Ok(())
    }
}

impl Drop for Staged {
    /// Not committed: nothing is left behind.
    fn drop(&mut self) {
        for (tmp, _) in &self.files {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

fn tmp_beside(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    path.with_file_name(name)
}

/// Renders every output into a file beside it; nothing is in place until
/// [`Staged::commit`], and a failure anywhere leaves nothing (and the caller can
/// leave its project unchanged).
pub fn stage_all(paths: &[PathBuf], ex: &WerkprogrammaExport) -> Result<Staged, ReportError> {
    let mut staged = Staged::default();
    for path in paths {
        let tmp = staged.begin(path)?;
        render_to(&tmp, path, ex)?;
    }
    Ok(staged)
}

/// Writes `ex` in the format `named`'s extension names, to `at`.
fn render_to(at: &Path, named: &Path, ex: &WerkprogrammaExport) -> Result<(), ReportError> {
    let ext = locatiescout_model::files::extension_lower(named);
    let fail = |detail: String| ReportError::Write {
        path: named.to_path_buf(),
        detail,
    };
    let bytes = match ext.as_str() {
        "html" | "htm" => html::render(ex).into_bytes(),
        "pdf" => pdf::render(ex),
        "xlsx" => tables::xlsx(ex).map_err(|e| fail(xlsx_nl(&e)))?,
        "csv" => tables::csv(ex),
        "geojson" | "json" => tables::geojson(ex).map_err(fail)?,
        "gpkg" => return gpkg::write(at, ex).map_err(fail),
        _ => {
            return Err(ReportError::UnknownFormat {
                path: named.to_path_buf(),
            })
        }
    };
    write_synced(at, &bytes).map_err(|e| fail(locatiescout_model::nl::io_nl_write(&e, named)))
}

/// Writes `bytes` to `at` and waits for the disk: a full disk shows here, before
/// the rename, not afterwards as a short file in place of the old one.
pub(crate) fn write_synced(at: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::File::create(at)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Writes the werkprogramma in the format its extension names. A failed write
/// never leaves half a file, and an existing file stays until the new one is complete.
pub fn write(path: &Path, ex: &WerkprogrammaExport) -> Result<(), ReportError> {
    stage_all(&[path.to_path_buf()], ex)?.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Review F7: a rename that fails half way through a commit (the second
    /// target is a folder) leaves no staged file behind, neither that one nor
    /// those after it; the one moved before stays in place.
    #[test]
    fn a_failed_commit_leaves_no_staged_file() {
        let dir = std::env::temp_dir().join(format!("ls-staged-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("b.csv").join("bezet")).unwrap();
        let mut staged = Staged::default();
        for name in ["a.html", "b.csv", "c.pdf"] {
            let target = dir.join(name);
            let tmp = tmp_beside(&target);
            std::fs::write(&tmp, name).unwrap();
            staged.files.push((tmp, target));
        }
        assert!(staged.commit().is_err());
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["a.html", "b.csv"]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
