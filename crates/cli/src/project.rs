//! `locatiescout project create|show`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use app::io::import::{Layer, LayerKind};
use app::io::project::Project;
use app::model::FieldMap;

use crate::error::CliError;
use crate::input::{field_map, load};

pub(crate) fn project_cmd(cmd: ProjectCmd) -> Result<(), CliError> {
    match cmd {
        ProjectCmd::Create {
            file,
            parcels,
            buildings,
            listings,
            listings_csv,
            fieldmap,
            overlays,
        } => {
            let map = field_map(fieldmap.as_deref())?;
            // Read every file first: a bad one leaves no half-made project behind.
            let mut layers = vec![load(&parcels, LayerKind::Parcels, &map)?];
            if let Some(b) = &buildings {
                layers.push(load(b, LayerKind::Buildings, &map)?);
            }
            if let Some(l) = &listings {
                let mut layer = load(l, LayerKind::Listings, &map)?;
                if let Some(csv) = &listings_csv {
                    layer = join_listings(layer, csv, &map)?;
                }
                layers.push(layer);
            }
            let named = crate::input::load_named(&overlays.layers, &overlays.roles, &map)?;
            app::project::create_with(&file, &layers, &named)?;
            let mut out = io::stdout().lock();
            writeln!(out, "Project {} gemaakt:", file.display())?;
            write_layers(&mut out, &layers)?;
            write_named(&mut out, &named)?;
            Ok(())
        }
        ProjectCmd::Show { file } => {
            let p = Project::open_read_only(&file)?;
            // A damaged layer is named; the rest, the flags included, is still shown.
            let (layers, damaged) = p.load_layers_readable()?;
            let named = p.load_named().unwrap_or_default();
            let flags = p.current_flags()?;
            let mut out = io::stdout().lock();
            writeln!(out, "Project {}", file.display())?;
            write_layers(&mut out, &layers)?;
            for d in &damaged {
                writeln!(out, "  BESCHADIGD: {d}")?;
            }
            write_named(&mut out, &named)?;
            writeln!(out, "Vlaggen: {}", flags.len())?;
            for f in &flags {
                writeln!(
                    out,
                    "  {:<32} {:<24} {} ({}, {})",
                    f.site_id,
                    f.status.label(),
                    f.note,
                    f.author,
                    f.at
                )?;
            }
            Ok(())
        }
    }
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
        "{}: {} van {} objecten gekoppeld op EAN ({} verschillende); {} rijen zonder object, {} dubbele sleutels",
        csv.display(),
        r.matched,
        layer.len(),
        r.matched_keys,
        r.unmatched_rows.len(),
        r.duplicate_keys.len()
    )?;
    for (i, label) in r.unmatched_features.iter().take(20) {
        writeln!(err, "  object {i} ({label}): geen rij")?;
    }
    for (line, key) in r.unmatched_rows.iter().take(20) {
        writeln!(err, "  rij {line} ({key}): geen object")?;
    }
    for (line, key) in r.duplicate_keys.iter().take(20) {
        writeln!(
            err,
            "  rij {line} ({key}): sleutel staat al op een eerdere rij"
        )?;
    }
    let shown = r.unmatched_features.len().min(20)
        + r.unmatched_rows.len().min(20)
        + r.duplicate_keys.len().min(20);
    let all = r.unmatched_features.len() + r.unmatched_rows.len() + r.duplicate_keys.len();
    if all > shown {
        writeln!(err, "  … en nog {}", all - shown)?;
    }
    Ok(layer)
}

pub(crate) fn write_layers(out: &mut impl Write, layers: &[Layer]) -> io::Result<()> {
    for l in layers {
        writeln!(
            out,
            "  {:<22} {:>9} objecten  {}",
            l.kind.dutch(),
            l.len(),
            l.report.path.display()
        )?;
    }
    Ok(())
}

pub(crate) fn write_named(
    out: &mut impl Write,
    named: &[app::model::layer::NamedLayer],
) -> io::Result<()> {
    for n in named {
        writeln!(
            out,
            "  {:<22} {:>9} objecten  {} ({}, {})",
            format!("laag '{}'", n.name),
            n.layer.len(),
            n.layer.report.path.display(),
            n.role.dutch(),
            n.title
        )?;
    }
    Ok(())
}

#[derive(clap::Subcommand)]
pub(crate) enum ProjectCmd {
    /// Maak een nieuw project met de opgegeven lagen.
    Create {
        file: PathBuf,
        #[arg(long)]
        parcels: PathBuf,
        #[arg(long)]
        buildings: Option<PathBuf>,
        #[arg(long)]
        listings: Option<PathBuf>,
        /// Attribuuttabel (CSV) bij het aanbod, gekoppeld op EAN (bv. de RVB-impactanalyse).
        #[arg(long, requires = "listings")]
        listings_csv: Option<PathBuf>,
        #[arg(long)]
        fieldmap: Option<PathBuf>,
        #[command(flatten)]
        overlays: crate::score::OverlayArgs,
    },
    /// Toon lagen en vlaggen van een project.
    Show { file: PathBuf },
}
