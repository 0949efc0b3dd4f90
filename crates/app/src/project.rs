//! Making projects and reading layers into them: a project is created whole or
//! not at all, and a file in which nothing can be used is refused.

use std::path::{Path, PathBuf};

use locatiescout_io::import::{import_file, ImportOptions};
use locatiescout_io::project::Project;
use locatiescout_model::attrs::FieldMap;
use locatiescout_model::layer::{Layer, LayerKind, LayerRole, NamedLayer};

use crate::{AppError, ErrorKind};

/// Deletes a project file that was being made, with its SQLite `-wal` and `-shm`.
pub fn remove_project_files(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// A new project at `path` holding `layers`. When any step fails, nothing
/// half-made stays behind.
pub fn create(path: &Path, layers: &[Layer]) -> Result<Project, AppError> {
    create_with(path, layers, &[])
}

/// [`create`] with named overlay layers (natura2000, stations, …).
pub fn create_with(
    path: &Path,
    layers: &[Layer],
    named: &[NamedLayer],
) -> Result<Project, AppError> {
    let mut project = Project::create(path)?;
    let saved = layers
        .iter()
        .try_for_each(|l| project.save_layer(l))
        .and_then(|_| named.iter().try_for_each(|n| project.save_named(n)));
    match saved {
        Ok(()) => {
            project.conn_checkpoint();
            Ok(project)
        }
        Err(e) => {
            drop(project);
            remove_project_files(path);
            Err(e.into())
        }
    }
}

/// Runs `work` on a project that is opened, or created when `path` does not
/// exist yet; a project created for `work` is removed again when `work` fails,
/// an existing one is left as `work` left it.
pub fn open_or_create<T>(
    path: &Path,
    work: impl FnOnce(&mut Project) -> Result<T, AppError>,
) -> Result<(Project, T), AppError> {
    let created = !path.exists();
    let mut project = if created {
        Project::create(path)?
    } else {
        Project::open(path)?
    };
    match work(&mut project) {
        Ok(t) => {
            project.conn_checkpoint();
            Ok((project, t))
        }
        Err(e) => {
            if created {
                drop(project);
                remove_project_files(path);
            }
            Err(e)
        }
    }
}

/// A file in which nothing could be used is refused, naming the first reasons.
pub fn refuse_empty(layer: &Layer) -> Result<(), AppError> {
    if !layer.is_empty() {
        return Ok(());
    }
    let r = &layer.report;
    let reasons: Vec<&str> = r
        .skipped
        .iter()
        .take(3)
        .map(|x| x.reason.as_str())
        .collect();
    Err(AppError::EmptyLayer {
        path: r.path.clone(),
        read: r.features_read,
        skipped: r.skipped_count,
        why: if reasons.is_empty() {
            String::new()
        } else {
            format!(" Reden: {}.", reasons.join("; "))
        },
    })
}

/// Starts a project at `path` from one data file (its GeoPackage layer `layer`,
/// if given); only a file with sites (percelen, panden, aanbod) can start one.
pub fn new_from_file(
    path: &Path,
    file: &Path,
    layer: Option<&str>,
    kind: LayerKind,
) -> Result<Project, AppError> {
    if matches!(
        kind,
        LayerKind::Overlay | LayerKind::Congestion | LayerKind::Units
    ) {
        return Err(AppError::refused(
            ErrorKind::Import,
            "begin een project met percelen, panden of aanbod; een gemeentegrens of congestiegebieden alleen geven geen locaties",
        ));
    }
    let map = FieldMap::default();
    let mut opts = ImportOptions::new(kind, &map);
    opts.layer = layer;
    let layer = import_file(file, opts)?;
    refuse_empty(&layer)?;
    create(path, std::slice::from_ref(&layer))
}

/// The sample region's layers; a missing optional file (outline, panden,
/// aanbod, congestiegebieden) is no error.
pub fn sample_layers(dir: &Path) -> Result<Vec<Layer>, AppError> {
    let map = FieldMap::default();
    let mut layers = vec![import_file(
        &dir.join("percelen.geojson"),
        ImportOptions::new(LayerKind::Parcels, &map),
    )?];
    for (name, kind) in [
        ("panden.geojson", LayerKind::Buildings),
        ("rijksvastgoed.geojson", LayerKind::Listings),
        ("gemeente.geojson", LayerKind::Overlay),
        ("congestiegebieden.geojson", LayerKind::Congestion),
    ] {
        let path = dir.join(name);
        if path.exists() {
            layers.push(import_file(&path, ImportOptions::new(kind, &map))?);
        }
    }
    Ok(layers)
}

/// The sample region's named overlays: every layer the default profiles'
/// spatial criteria read (stations, a made-up Natura 2000 area, bestemmingsplan,
/// voorzieningen, rijksmonumenten), so a first start scores every criterion; a
/// missing file is no error (its criterion then says why it is not scored).
pub fn sample_named(dir: &Path) -> Result<Vec<NamedLayer>, AppError> {
    let map = FieldMap::default();
    let mut named = Vec::new();
    for (name, file) in SAMPLE_OVERLAYS {
        let path = dir.join(file);
        if path.exists() {
            let layer = import_file(&path, ImportOptions::new(LayerKind::Overlay, &map))?;
            named.push(named_layer(name, None, None, layer)?);
        }
    }
    Ok(named)
}

/// The sample's overlays: the name the profiles read, the file in the sample folder.
const SAMPLE_OVERLAYS: [(&str, &str); 5] = [
    ("stations", "stations.geojson"),
    ("natura2000", "natura2000.geojson"),
    ("bestemmingsplan", "bestemmingsplan.geojson"),
    ("voorzieningen", "voorzieningen.geojson"),
    ("monumenten", "rijksmonumenten.geojson"),
];

/// The sample region as a project in `data_dir`, made on first use, so flags and
/// weights on the sample are kept like in any project.
pub fn sample_project(data_dir: &Path, sample: &Path) -> Result<Project, AppError> {
    let path = data_dir.join("Voorbeeldstad.locatiescout");
    if path.exists() {
        return Ok(Project::open(&path)?);
    }
    let layers = sample_layers(sample)?;
    let named = sample_named(sample)?;
    // Built under a temporary name: an interrupted first start leaves no half project.
    let tmp = data_dir.join("Voorbeeldstad.locatiescout.nieuw");
    remove_project_files(&tmp);
    drop(create_with(&tmp, &layers, &named)?);
    std::fs::rename(&tmp, &path).map_err(|e| {
        AppError::refused(
            ErrorKind::Project,
            format!(
                "{}: kan niet worden geschreven: {}",
                path.display(),
                locatiescout_model::nl::io_nl_write(&e, &path)
            ),
        )
    })?;
    Ok(Project::open(&path)?)
}

/// A layer read as the named overlay `name` with `role` (default: by name).
/// Refuses a name that cannot be one. An empty layer is kept: the criteria
/// reading it then say "heeft geen objecten" (the app refuses one before this).
pub fn named_layer(
    name: &str,
    role: Option<LayerRole>,
    title: Option<&str>,
    layer: Layer,
) -> Result<NamedLayer, AppError> {
    if !locatiescout_model::layer::valid_layer_name(name) {
        return Err(AppError::refused(
            ErrorKind::Import,
            format!(
                "laagnaam '{name}': gebruik 1–40 kleine letters, cijfers, _ of - (bijv. natura2000, stations)"
            ),
        ));
    }
    let (default_role, default_title) = locatiescout_io::project::overlay_defaults(name);
    Ok(NamedLayer {
        name: name.to_string(),
        title: title
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map_or(default_title, str::to_string),
        role: role.unwrap_or(default_role),
        layer,
    })
}

/// At start: the first of `recent` that still opens (with its saved profile and
/// weights), else the sample region in `data_dir`. A recent project that fails is
/// passed over with a warning in the log; `sample` is only asked for when needed.
pub fn open_recent_or_sample(
    recent: &[PathBuf],
    data_dir: &Path,
    sample: impl FnOnce() -> Result<PathBuf, AppError>,
) -> Result<crate::Session, AppError> {
    for path in recent {
        match Project::open(path)
            .map_err(AppError::from)
            .and_then(|p| crate::Session::open(p, None))
        {
            Ok(s) => return Ok(s),
            Err(e) => tracing::warn!("laatste project {} niet geopend: {e}", path.display()),
        }
    }
    crate::Session::open(sample_project(data_dir, &sample()?)?, None)
}
