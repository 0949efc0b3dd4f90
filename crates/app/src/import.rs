//! Reading one file into the open project: as a layer of its kind or as a named
//! overlay (natura2000, stations, …) with a role. The file is read without the
//! session (a large file takes a while); only the result is installed in it, and
//! a file in which nothing could be used changes nothing.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use locatiescout_io::import::{import_file, split_layer, ImportOptions, Progress};
use locatiescout_model::attrs::FieldMap;
use locatiescout_model::layer::{ImportReport, Layer, LayerKind, LayerRole, NamedLayer};

use crate::access::SessionAccess;
use crate::project::{named_layer, refuse_empty};
use crate::{AppError, ErrorKind, Session};

/// The name, role and title under which a file is kept as a named overlay.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export_to = "../../ui/src/bindings/")
)]
pub struct OverlayChoice {
    pub name: String,
    /// `beperking`/`constraint`, `bestemming`/`zoning`, `voorziening`/`amenity`;
    /// none or empty: by the name.
    pub role: Option<String>,
    pub title: Option<String>,
}

/// A file read for the project: a layer of its kind, or a named overlay.
pub enum Imported {
    Layer(Layer),
    Named(NamedLayer),
}

impl Imported {
    pub fn report(&self) -> &ImportReport {
        match self {
            Imported::Layer(l) => &l.report,
            Imported::Named(n) => &n.layer.report,
        }
    }
}

/// What to read: a file (its GeoPackage layer, if named), as what.
pub struct ImportRequest<'a> {
    pub path: &'a Path,
    pub kind: LayerKind,
    pub layer: Option<&'a str>,
    pub map: &'a FieldMap,
    /// Read as this named overlay, whatever `kind` says.
    pub overlay: Option<&'a OverlayChoice>,
    pub progress: Option<Progress<'a>>,
    pub cancel: Option<&'a AtomicBool>,
}

impl<'a> ImportRequest<'a> {
    pub fn new(path: &'a Path, kind: LayerKind, map: &'a FieldMap) -> Self {
        ImportRequest {
            path,
            kind,
            layer: None,
            map,
            overlay: None,
            progress: None,
            cancel: None,
        }
    }
}

/// A role typed by the user; the same words on the command line and in the app.
pub fn parse_role(text: &str) -> Result<LayerRole, AppError> {
    LayerRole::parse(text).ok_or_else(|| {
        AppError::refused(
            ErrorKind::Import,
            format!(
                "onbekende rol '{}': kies beperking (constraint), bestemming (zoning) of voorziening (amenity)",
                text.trim()
            ),
        )
    })
}

/// Reads the file of `req` as it is, also when nothing in it could be used (for
/// `inspect`). A file may name its GeoPackage layer as `FILE.gpkg:LAYER` when
/// `req.layer` does not.
pub fn read_layer(req: &ImportRequest<'_>) -> Result<Layer, AppError> {
    let (file, chosen) = match req.layer {
        Some(_) => (req.path.to_path_buf(), None),
        None => split_layer(req.path),
    };
    let mut opts = ImportOptions::new(
        if req.overlay.is_some() {
            LayerKind::Overlay
        } else {
            req.kind
        },
        req.map,
    );
    opts.progress = req.progress;
    opts.cancel = req.cancel;
    opts.layer = req.layer.or(chosen.as_deref());
    Ok(import_file(&file, opts)?)
}

/// Reads the file of `req` for the project: refused when nothing in it could
/// be used; a named overlay gets its name, role and title checked.
pub fn read(req: &ImportRequest<'_>) -> Result<Imported, AppError> {
    let layer = read_layer(req)?;
    refuse_empty(&layer)?;
    Ok(match req.overlay {
        None => Imported::Layer(layer),
        Some(o) => {
            let role = o
                .role
                .as_deref()
                .filter(|r| !r.trim().is_empty())
                .map(parse_role)
                .transpose()?;
            Imported::Named(named_layer(o.name.trim(), role, o.title.as_deref(), layer)?)
        }
    })
}

impl Session {
    /// Puts what was read into the session and the project file and rescores;
    /// on a failure memory and file stay as they were.
    pub fn install(&mut self, imported: Imported) -> Result<(), AppError> {
        match imported {
            Imported::Layer(l) => self.install_layer(l),
            Imported::Named(n) => self.install_named(n),
        }
    }
}

/// Reads the file of `req` outside the session and installs it; returns the
/// import report.
pub fn into_session(
    access: &impl SessionAccess,
    req: &ImportRequest<'_>,
) -> Result<ImportReport, AppError> {
    let imported = read(req)?;
    let report = imported.report().clone();
    access.with_session(|s| s.install(imported))?;
    Ok(report)
}
