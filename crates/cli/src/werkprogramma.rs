//! `locatiescout werkprogramma`: compute it from a project and write the report.

use std::io::{self, Write};
use std::path::PathBuf;

use app::io::project::Project;
use app::model::nl::nl_number;

use crate::error::CliError;
use crate::input::read_text;

pub(crate) fn werkprogramma_cmd(a: WerkprogrammaArgs) -> Result<(), CliError> {
    let (project, outs) = (a.project.as_path(), a.out.as_slice());
    let (from, date) = (a.from.as_deref(), a.date.as_deref());
    use app::output::report;
    // Nothing is written over the project or a file this command reads.
    let mut inputs: Vec<(&std::path::Path, &str)> = vec![(project, "het project")];
    if let Some(f) = from {
        inputs.push((f, "het werkprogramma dat wordt ingelezen"));
    }
    if let Some(b) = a.boundary.as_deref() {
        inputs.push((b, "de gemeentegrens"));
    }
    for out in outs {
        app::model::files::refuse_overwriting_input(out, &inputs).map_err(CliError::Input)?;
    }
    for out in outs {
        let ext = app::model::files::extension_lower(out);
        if !report::FORMATS.contains(&ext.as_str()) {
            return Err(CliError::Input(format!(
                "{}: onbekend uitvoerformaat; kies uit {}",
                out.display(),
                report::FORMATS.map(|f| format!(".{f}")).join(", ")
            )));
        }
    }
    let today = match date {
        Some(d) => chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map_err(|_| CliError::Input(format!("peildatum {d} is geen datum als 2026-11-22")))?,
        None => chrono::Local::now().date_naive(),
    };
    // Reading and writing reports only reads the project: a read-only one works too.
    let mut p = if from.is_some() || a.restore.is_some() {
        Project::open(project)?
    } else {
        Project::open_read_only(project)?
    };
    if a.history {
        return history(&p);
    }
    if let Some(id) = a.restore {
        let wp = app::stored::restore_werkprogramma(&mut p, id)?;
        writeln!(
            io::stdout(),
            "versie {id} teruggezet: {} regels; de vervangen versie staat in de geschiedenis",
            wp.entries.len()
        )?;
        if outs.is_empty() {
            return Ok(());
        }
    }
    let new = match from {
        Some(path) => {
            let text = read_text(path)?;
            let is_json = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"));
            Some(
                app::engine::werkprogramma::Werkprogramma::parse_file(&text, is_json)
                    .map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?,
            )
        }
        None => None,
    };
    // The report of the new werkprogramma is made before it replaces the stored one.
    let mut ex = match &new {
        Some(wp) => app::stored::werkprogramma_export_of(&p, wp, today)?,
        None => app::stored::werkprogramma_export(&p, today)?,
    };
    if let Some(b) = a.boundary.as_deref() {
        ex.outline = app::stored::boundary_from_file(b)?;
    }
    let r = &ex.report;
    let mut stdout = io::stdout().lock();
    writeln!(
        stdout,
        "{}: {} regels, {} woningen en plekken gepland, {} haalbaar binnen de periodes",
        if r.input.gemeente.is_empty() {
            "werkprogramma"
        } else {
            r.input.gemeente.as_str()
        },
        r.sites.len(),
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
    // All or nothing: every file is made first; only then is the new werkprogramma
    // stored and are the files put in place. A failure leaves the project and the
    // old files as they were.
    let staged = report::stage_all(outs, &ex)?;
    if let Some(wp) = &new {
        app::stored::set_werkprogramma(&mut p, wp)?;
    }
    staged.commit()?;
    for out in outs {
        writeln!(stdout, "geschreven: {}", out.display())?;
    }
    Ok(())
}

/// Lists the earlier versions of the werkprogramma, newest first.
fn history(p: &Project) -> Result<(), CliError> {
    let versions = app::stored::werkprogramma_history(p)?;
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
