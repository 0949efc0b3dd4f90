//! `locatiescout werkprogramma`: compute it from a project and write the report.

use std::io::{self, Write};
use std::path::PathBuf;

use app::model::nl::nl_number;
use app::werkprogramma::{export, ExportRequest};

use crate::error::CliError;

pub(crate) fn werkprogramma_cmd(a: WerkprogrammaArgs) -> Result<(), CliError> {
    if a.history {
        return history(&app::werkprogramma::history(&a.project)?);
    }
    let done = export(&ExportRequest {
        project: &a.project,
        outs: &a.out,
        from: a.from.as_deref(),
        restore: a.restore,
        boundary: a.boundary.as_deref(),
        reference_date: app::outputs::date_or_today(a.date.as_deref(), "peildatum")?,
    })?;
    let mut stdout = io::stdout().lock();
    if let Some((id, rows)) = done.restored {
        writeln!(
            stdout,
            "versie {id} teruggezet: {rows} {}; de vervangen versie staat in de geschiedenis",
            if rows == 1 { "regel" } else { "regels" }
        )?;
    }
    let Some(ex) = done.export else {
        return Ok(());
    };
    let r = &ex.report;
    writeln!(
        stdout,
        "{}: {} {}, {} woningen en plekken gepland, {} haalbaar binnen de periodes",
        if r.input.gemeente.is_empty() {
            "werkprogramma"
        } else {
            r.input.gemeente.as_str()
        },
        nl_number(r.sites.len() as f64, 0),
        if r.sites.len() == 1 {
            "regel"
        } else {
            "regels"
        },
        nl_number(r.total.planned_units, 0),
        nl_number(r.total.feasible_units, 0)
    )?;
    for per in &r.periods {
        writeln!(
            stdout,
            "  {}: statushouders gepland {}, haalbaar {} personen (deel ambitie {})",
            per.label,
            nl_number(per.planned_persons, 0),
            nl_number(per.feasible_persons, 0),
            nl_number(per.ambition_persons, 0),
        )?;
    }
    writeln!(stdout, "{}", r.ambition.verdict)?;
    writeln!(stdout, "{}", r.taakstelling.verdict)?;
    if ex.outline.is_empty() {
        writeln!(
            stdout,
            "let op: geen gemeentegrens gevonden voor '{}'; geef er een met --boundary",
            r.input.gemeente
        )?;
    }
    for out in &a.out {
        writeln!(stdout, "geschreven: {}", out.display())?;
    }
    Ok(())
}

/// Lists the earlier versions of the werkprogramma, newest first.
fn history(versions: &[app::stored::WerkprogrammaVersion]) -> Result<(), CliError> {
    let mut out = io::stdout().lock();
    if versions.is_empty() {
        writeln!(out, "geen eerdere versies van het werkprogramma")?;
        return Ok(());
    }
    writeln!(
        out,
        "{:>6}  {:<24}  {:>6}  gemeente",
        "versie", "vervangen op", "regels"
    )?;
    for v in versions {
        match &v.werkprogramma {
            Some(wp) => writeln!(
                out,
                "{:>6}  {:<24}  {:>6}  {}",
                v.id,
                v.replaced_at,
                wp.entries.len(),
                wp.gemeente
            )?,
            None => writeln!(out, "{:>6}  {:<24}  (onleesbaar)", v.id, v.replaced_at)?,
        }
    }
    writeln!(
        out,
        "terugzetten: locatiescout werkprogramma PROJECT --restore VERSIE"
    )?;
    Ok(())
}

// The arguments of `locatiescout werkprogramma` (a plain comment: clap would show a doc comment).
#[derive(clap::Args)]
pub(crate) struct WerkprogrammaArgs {
    pub(crate) project: PathBuf,
    /// Uitvoer: .html, .pdf, .xlsx, .csv, .gpkg of .geojson; mag vaker.
    #[arg(long, required_unless_present_any = ["history", "restore"])]
    pub(crate) out: Vec<PathBuf>,
    /// Toon de eerdere versies van het werkprogramma (elke vervanging wordt bewaard).
    #[arg(long, conflicts_with_all = ["from", "restore"])]
    pub(crate) history: bool,
    /// Zet een eerdere versie terug (nummer uit --history).
    #[arg(long, value_name = "VERSIE", conflicts_with = "from")]
    pub(crate) restore: Option<i64>,
    /// Een werkprogramma (TOML of JSON) dat eerst in het project wordt opgeslagen.
    #[arg(long)]
    pub(crate) from: Option<PathBuf>,
    /// Peildatum (JJJJ-MM-DD); standaard vandaag.
    #[arg(long)]
    pub(crate) date: Option<String>,
    /// Gemeentegrens voor de kaart (GeoJSON, GeoPackage of shapefile); standaard de
    /// grenslaag van het project, anders de CBS-gemeente met de naam of code van het werkprogramma.
    #[arg(long)]
    pub(crate) boundary: Option<PathBuf>,
}
