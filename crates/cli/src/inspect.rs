//! `locatiescout inspect`: what an import of one file did.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use app::io::import::{ImportReport, LayerKind};

use crate::error::CliError;
use crate::input::{field_map, load, Kind};

pub(crate) fn run(a: InspectArgs) -> Result<(), CliError> {
    inspect(&a.file, a.kind.into(), a.fieldmap.as_deref(), a.json)
}

fn inspect(
    file: &Path,
    kind: LayerKind,
    fieldmap: Option<&Path>,
    json: bool,
) -> Result<(), CliError> {
    let map = field_map(fieldmap)?;
    let (path, chosen) = app::io::import::split_layer(file);
    if chosen.is_none() && is_geopackage(&path) {
        let layers = app::io::import::gpkg::layers(&path)?;
        if layers.len() > 1 {
            return list_layers(&path, &layers, json);
        }
    }
    let layer = load(file, kind, &map)?;
    let mut out = io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &layer.report)?;
        writeln!(out)?;
    } else {
        write_report(&mut out, &layer.report)?;
    }
    Ok(())
}

fn is_geopackage(path: &Path) -> bool {
    app::model::files::extension_lower(path) == "gpkg"
}

/// The layers of a GeoPackage, to choose one with `FILE.gpkg:LAYER`.
fn list_layers(
    path: &Path,
    layers: &[app::io::import::gpkg::GpkgLayer],
    json: bool,
) -> Result<(), CliError> {
    let mut out = io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, layers)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "Bestand:        {}", path.display())?;
    writeln!(
        out,
        "GeoPackage met {} lagen; lees er één met {}:LAAG",
        layers.len(),
        path.display()
    )?;
    for l in layers {
        let crs = l.crs.map_or_else(
            || format!("{} (srs_id {})", l.srs_name, l.srs_id),
            |c| c.to_string(),
        );
        writeln!(
            out,
            "  {:<32} {:<16} {:>9} features  {crs}",
            l.name,
            l.geometry_type.as_deref().unwrap_or("-"),
            l.features
        )?;
    }
    Ok(())
}

pub(crate) fn write_report(out: &mut impl Write, r: &ImportReport) -> io::Result<()> {
    // A CSV's rows are named by their line, as a spreadsheet shows them.
    let unit = Unit::of(r);
    writeln!(out, "Bestand:        {}", r.path.display())?;
    writeln!(out, "Formaat:        {}", r.format)?;
    if let (Some(crs), Some(d)) = (&r.crs, &r.crs_decision) {
        writeln!(out, "Coördinaten:    {crs}, {d}")?;
    }
    writeln!(
        out,
        "Gelezen:        {}, {} ingelezen",
        unit.count(r.features_read),
        r.imported
    )?;
    let kinds: Vec<String> = r
        .geometry_counts
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    writeln!(
        out,
        "Geometrieën:    {}",
        if kinds.is_empty() {
            "geen".into()
        } else {
            kinds.join(", ")
        }
    )?;
    writeln!(out, "Velden:")?;
    for f in &r.fields {
        let what = f
            .recognised_as
            .map_or("(onbekend, bewaard)".to_string(), |k| format!("→ {k}"));
        let name = app::model::nl_error::cut(&f.name);
        writeln!(out, "  {name:<32} {:>8}×  {what}", f.count)?;
    }
    for n in &r.notes {
        writeln!(out, "Opmerking:      {n}")?;
    }
    if r.skipped_count > 0 {
        writeln!(out, "Overgeslagen:   {}", unit.count(r.skipped_count))?;
        for s in r.skipped.iter().take(20) {
            let at = s
                .byte_offset
                .map(|b| format!(", byte {b}"))
                .unwrap_or_default();
            writeln!(out, "  {} {}{at}: {}", unit.one, s.index, s.reason)?;
        }
    }
    write_flagged(
        out,
        "Ongeldige geometrie (wel ingelezen)",
        unit,
        r.invalid_count,
        &r.invalid,
    )?;
    write_flagged(out, "Waarschuwingen", unit, r.warning_count, &r.warnings)?;
    if !r.needs_geocoding.is_empty() {
        writeln!(out, "Nog te geocoderen: {} rijen", r.needs_geocoding.len())?;
        for s in r.needs_geocoding.iter().take(20) {
            writeln!(out, "  regel {}: {}", s.index, s.reason)?;
        }
    }
    if !r.has_problems() {
        writeln!(out, "Problemen:      geen")?;
    }
    Ok(())
}

/// What a report counts: features, or a CSV's rows (named by line).
#[derive(Clone, Copy)]
pub(crate) struct Unit {
    one: &'static str,
    many: &'static str,
}

impl Unit {
    const FEATURE: Unit = Unit {
        one: "feature",
        many: "features",
    };

    fn of(r: &ImportReport) -> Unit {
        if r.format == "CSV" {
            Unit {
                one: "regel",
                many: "rijen",
            }
        } else {
            Unit::FEATURE
        }
    }

    fn count(self, n: usize) -> String {
        let word = if n == 1 && self.one == "regel" {
            "rij"
        } else {
            self.many
        };
        format!("{n} {word}")
    }
}

/// A titled list of flagged features, the first 20 in detail.
pub(crate) fn write_flagged(
    out: &mut impl Write,
    title: &str,
    unit: Unit,
    count: usize,
    list: &[app::io::import::Flagged],
) -> io::Result<()> {
    if count == 0 {
        return Ok(());
    }
    writeln!(out, "{title}: {count}")?;
    for f in list.iter().take(20) {
        // A report line, not the value: a 200,000-character id is cut, on one line.
        let id =
            f.id.as_deref()
                .map(|id| {
                    let id = id.replace(['\n', '\r'], " ");
                    format!(" ({})", app::model::nl_error::cut(&id))
                })
                .unwrap_or_default();
        writeln!(out, "  {} {}{id}: {}", unit.one, f.index, f.message)?;
    }
    Ok(())
}

// The arguments of `locatiescout inspect` (a plain comment: clap would show a doc comment).
#[derive(clap::Args)]
pub(crate) struct InspectArgs {
    pub(crate) file: PathBuf,
    #[arg(long, value_enum, default_value = "percelen")]
    pub(crate) kind: Kind,
    /// Eigen veldkoppeling (TOML), bovenop data/fieldmap.toml.
    #[arg(long)]
    pub(crate) fieldmap: Option<PathBuf>,
    /// Het rapport als JSON.
    #[arg(long)]
    pub(crate) json: bool,
}
