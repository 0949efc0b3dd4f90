//! Reading the user's files for a command: field map, layers with a progress bar, text; writing results atomically.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use app::model::FieldMap;
use app::model::{Layer, LayerKind};

use crate::error::CliError;

pub(crate) fn field_map(path: Option<&Path>) -> Result<FieldMap, CliError> {
    Ok(match path {
        Some(p) => FieldMap::with_user_file(p)?,
        None => FieldMap::default(),
    })
}

/// Imports with a progress bar when stderr is a terminal.
pub(crate) fn load(path: &Path, kind: LayerKind, map: &FieldMap) -> Result<Layer, CliError> {
    let bar = io::stderr().is_terminal().then(|| {
        let b = ProgressBar::new(1);
        b.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} ({eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b.set_message(format!("inlezen {}", path.display()));
        b
    });
    let progress = |done: u64, total: u64| {
        if let Some(b) = &bar {
            b.set_length(total);
            b.set_position(done);
        }
    };
    // `FILE.gpkg:LAYER` chooses a layer of a GeoPackage (or a zipped shapefile).
    let mut req = app::import::ImportRequest::new(path, kind, map);
    req.progress = Some(&progress);
    let layer = app::import::read_layer(&req);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    Ok(layer?)
}

/// A whole text file, or a Dutch message naming it.
pub(crate) fn read_text(path: &Path) -> Result<String, CliError> {
    app::model::files::refuse_special(path).map_err(CliError::Input)?;
    std::fs::read_to_string(path).map_err(|e| {
        CliError::Input(format!(
            "{}: kan niet worden gelezen: {}",
            path.display(),
            app::model::nl::io_nl_write(&e, path)
        ))
    })
}

/// [`app::model::files::write_atomic`] with the CLI's message.
pub(crate) fn write_file_atomic(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    app::model::files::write_atomic(path, bytes).map_err(|e| {
        CliError::Input(format!(
            "{}: kan niet worden geschreven: {}",
            path.display(),
            app::model::nl::io_nl(&e)
        ))
    })
}

/// The layer kinds the command line names in Dutch.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum Kind {
    Percelen,
    Panden,
    Aanbod,
    Verblijfsobjecten,
    Overlay,
}

impl From<Kind> for LayerKind {
    fn from(k: Kind) -> Self {
        match k {
            Kind::Percelen => LayerKind::Parcels,
            Kind::Panden => LayerKind::Buildings,
            Kind::Aanbod => LayerKind::Listings,
            Kind::Verblijfsobjecten => LayerKind::Units,
            Kind::Overlay => LayerKind::Overlay,
        }
    }
}

/// The overlay layers of `--layer NAME=FILE[:LAYER]` with `--layer-role NAME=ROLE`.
pub(crate) fn load_named(
    layers: &[String],
    roles: &[String],
    map: &FieldMap,
) -> Result<Vec<app::model::layer::NamedLayer>, CliError> {
    let mut role_of = std::collections::HashMap::new();
    for r in roles {
        let Some((name, role)) = r.split_once('=') else {
            crate::usage(format!("--layer-role verwacht NAAM=ROL, kreeg '{r}'"));
        };
        let role = match app::import::parse_role(role) {
            Ok(role) => role,
            Err(e) => crate::usage(format!("--layer-role {name}: {e}")),
        };
        if !layers.iter().any(|l| {
            l.split_once('=')
                .is_some_and(|(n, _)| n.trim() == name.trim())
        }) {
            crate::usage(format!("--layer-role {name}: er is geen --layer {name}=…"));
        }
        role_of.insert(name.trim().to_string(), role);
    }
    let mut out: Vec<app::model::layer::NamedLayer> = Vec::new();
    for l in layers {
        let Some((name, file)) = l.split_once('=') else {
            crate::usage(format!("--layer verwacht NAAM=BESTAND[:LAAG], kreeg '{l}'"));
        };
        let name = name.trim();
        if out.iter().any(|n| n.name == name) {
            crate::usage(format!("--layer {name} staat er twee keer"));
        }
        // A layer that cannot be read is left out with its reason: the criteria
        // that read it then say they are not scored, and the rest still scores.
        let layer = match load(Path::new(file), LayerKind::Overlay, map) {
            Ok(l) => l,
            Err(e) => {
                writeln!(
                    io::stderr(),
                    "let op: --layer {name}={file}: {e}; de laag is niet geladen"
                )?;
                continue;
            }
        };
        let named = app::project::named_layer(name, role_of.get(name).copied(), None, layer)?;
        let r = &named.layer.report;
        writeln!(
            io::stderr(),
            "{file}: laag '{name}' ({}): {} objecten ingelezen{}",
            named.role.dutch(),
            r.imported,
            if r.skipped_count > 0 {
                format!("; {} overgeslagen", r.skipped_count)
            } else {
                String::new()
            }
        )?;
        out.push(named);
    }
    Ok(out)
}

/// Joins an attribute table to the listings on EAN and says what did not join (stderr).
pub(crate) fn join_listings(
    mut layer: Layer,
    csv: &Path,
    map: &FieldMap,
) -> Result<Layer, CliError> {
    let r = app::io::join::join_csv(&mut layer, csv, app::model::Field::Ean, map)?;
    let mut err = io::stderr().lock();
    writeln!(
        err,
        "{}: {} van {} objecten gekoppeld op EAN ({} verschillende); {} rijen zonder object, {} dubbele sleutels, {} rijen niet ingelezen",
        csv.display(),
        r.matched,
        layer.len(),
        r.matched_keys,
        r.unmatched_rows.len(),
        r.duplicate_keys.len(),
        r.skipped_rows.len()
    )?;
    for (line, why) in r.skipped_rows.iter().take(20) {
        writeln!(err, "  regel {line}: {why}")?;
    }
    for (i, label) in r.unmatched_features.iter().take(20) {
        writeln!(err, "  object {i} ({label}): geen rij")?;
    }
    for (line, key) in r.unmatched_rows.iter().take(20) {
        writeln!(err, "  regel {line} ({key}): geen object")?;
    }
    for (line, key) in r.duplicate_keys.iter().take(20) {
        writeln!(
            err,
            "  regel {line} ({key}): sleutel staat al op een eerdere regel"
        )?;
    }
    let lists = [
        r.unmatched_features.len(),
        r.unmatched_rows.len(),
        r.duplicate_keys.len(),
        r.skipped_rows.len(),
    ];
    let shown: usize = lists.iter().map(|n| (*n).min(20)).sum();
    let all: usize = lists.iter().sum();
    if all > shown {
        writeln!(err, "  … en nog {}", all - shown)?;
    }
    Ok(layer)
}
