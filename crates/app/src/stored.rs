//! What a project file holds, read back as the engine's values: the layers as a
//! dataset to score, the werkprogramma, and the report over both.

use chrono::NaiveDate;
use geo::MultiPolygon;
use locatiescout_engine::dataset::Dataset;
use locatiescout_engine::werkprogramma::Werkprogramma;
use locatiescout_io::project::{Project, ProjectError, WERKPROGRAMMA};
use locatiescout_model::layer::{Layer, LayerKind};
use locatiescout_output::report::{assemble_for, WerkprogrammaExport};

use crate::AppError;

/// The project's layers as a dataset to score, with the congestion mapping it
/// was saved with, plus the first outline (overlay) layer.
pub fn dataset(project: &Project) -> Result<(Dataset, Option<Layer>), ProjectError> {
    let mut ds = Dataset::default();
    let mut outline = None;
    for l in project.load_layers()? {
        let kind = l.kind;
        let slot = crate::scoring::slot(&mut ds, &mut outline, kind);
        // The first outline is the one drawn; of the other kinds a project holds one each.
        if kind == LayerKind::Overlay {
            slot.get_or_insert(l);
        } else {
            *slot = Some(l);
        }
    }
    ds.overlays = project.load_named()?;
    if let Some(c) = project.setting("congestion_config")? {
        // A setting this version cannot read leaves the default mapping.
        if let Ok(cfg) = serde_json::from_str(&c) {
            ds.congestion_config = cfg;
        }
    }
    Ok((ds, outline))
}

/// The werkprogramma as last saved, or an empty one starting this half-year.
pub fn werkprogramma(project: &Project) -> Result<Werkprogramma, ProjectError> {
    match project.setting(WERKPROGRAMMA)? {
        None => Ok(Werkprogramma::default()),
        Some(text) => serde_json::from_str(&text).map_err(|e| {
            ProjectError::Werkprogramma(format!(
                "het opgeslagen werkprogramma is onleesbaar: {}; zet een eerdere versie terug (werkprogramma --history, --restore) of lees het opnieuw in. Het bestand is niet gewijzigd",
                locatiescout_model::nl_error::json_nl(&e)
            ))
        }),
    }
}

/// Saves the werkprogramma after checking it; invalid input is refused whole.
/// The version it replaces is kept (see [`werkprogramma_history`]).
pub fn set_werkprogramma(project: &mut Project, wp: &Werkprogramma) -> Result<(), ProjectError> {
    wp.validate().map_err(ProjectError::Werkprogramma)?;
    let text = serde_json::to_string(wp)
        .map_err(|e| ProjectError::Werkprogramma(locatiescout_model::nl_error::json_nl(&e)))?;
    project.set_setting_keeping(WERKPROGRAMMA, &text)
}

/// An earlier werkprogramma: when it was replaced, and what it held.
#[derive(Debug, Clone)]
pub struct WerkprogrammaVersion {
    pub id: i64,
    pub replaced_at: String,
    pub werkprogramma: Option<Werkprogramma>,
}

/// The werkprogramma's earlier versions, newest first (one this version cannot
/// read is listed without contents).
pub fn werkprogramma_history(project: &Project) -> Result<Vec<WerkprogrammaVersion>, ProjectError> {
    Ok(project
        .setting_history(WERKPROGRAMMA)?
        .into_iter()
        .map(|v| WerkprogrammaVersion {
            id: v.id,
            replaced_at: v.replaced_at,
            werkprogramma: serde_json::from_str(&v.value).ok(),
        })
        .collect())
}

/// Puts an earlier version back (the current one goes into the history in turn).
pub fn restore_werkprogramma(
    project: &mut Project,
    id: i64,
) -> Result<Werkprogramma, ProjectError> {
    let versions = werkprogramma_history(project)?;
    let v = versions.into_iter().find(|v| v.id == id).ok_or_else(|| {
        ProjectError::Werkprogramma(format!(
            "versie {id} van het werkprogramma bestaat niet; 'locatiescout werkprogramma P --history' toont de versies"
        ))
    })?;
    let wp = v.werkprogramma.ok_or_else(|| {
        ProjectError::Werkprogramma(format!(
            "versie {id} is onleesbaar voor deze versie van Locatiescout"
        ))
    })?;
    set_werkprogramma(project, &wp)?;
    Ok(wp)
}

/// Everything for a project's werkprogramma report: layers, saved weights,
/// flags and the stored werkprogramma.
pub fn werkprogramma_export(
    project: &Project,
    today: NaiveDate,
) -> Result<WerkprogrammaExport, AppError> {
    werkprogramma_export_of(project, &werkprogramma(project)?, today)
}

/// The report of `wp` over the project's layers and flags, whether or not `wp`
/// is stored (so a new one can be checked and written before it replaces the old).
pub fn werkprogramma_export_of(
    project: &Project,
    wp: &Werkprogramma,
    today: NaiveDate,
) -> Result<WerkprogrammaExport, AppError> {
    wp.validate()
        .map_err(|e| AppError::from(ProjectError::Werkprogramma(e)))?;
    let (ds, outline) = dataset(project)?;
    let saved = project.saved_profile()?;
    let wp = wp.clone();
    let flags = project.current_flags()?;
    let mut ex = assemble_for(&ds, outline.as_ref(), None, &saved, &flags, &wp, today)?;
    fill_gemeente_code(&mut ex);
    if ex.outline.is_empty() {
        ex.outline = cbs_boundary(&wp.gemeente);
    }
    Ok(ex)
}

/// The export's CBS code found from the municipality's name when none was
/// entered (for the exchange GeoPackage the regional roll-up reads); what the
/// user entered stays as it was.
pub fn fill_gemeente_code(ex: &mut WerkprogrammaExport) {
    if ex.gemeente_code.is_empty() {
        if let Some(g) = crate::regio::find_gemeente(&ex.report.input.gemeente) {
            ex.gemeente_code = g.code.clone();
        }
    }
}

/// The municipality's boundary from the bundled CBS layer, by code (`GM0344`)
/// or name (`Utrecht`); empty when none matches.
pub fn cbs_boundary(gemeente: &str) -> Vec<MultiPolygon<f64>> {
    crate::regio::find_gemeente(gemeente)
        .map(|g| vec![g.shape.clone()])
        .unwrap_or_default()
}

/// Every polygon of a boundary file (GeoJSON, GeoPackage, shapefile), in RD New.
pub fn boundary_from_file(path: &std::path::Path) -> Result<Vec<MultiPolygon<f64>>, AppError> {
    let map = locatiescout_model::attrs::FieldMap::default();
    let layer = locatiescout_io::import::import_file(
        path,
        locatiescout_io::import::ImportOptions::new(LayerKind::Overlay, &map),
    )?;
    let shapes: Vec<MultiPolygon<f64>> = (0..layer.len())
        .filter_map(|i| layer.geom.multi_polygon(i))
        .collect();
    if shapes.is_empty() {
        return Err(AppError::refused(
            crate::ErrorKind::Werkprogramma,
            format!("{}: geen vlakken voor de gemeentegrens", path.display()),
        ));
    }
    Ok(shapes)
}
