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
    let p = Project::open(project)?;
    if let Some(path) = from {
        let text = read_text(path)?;
        let is_json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let wp: app::engine::werkprogramma::Werkprogramma = if is_json {
            serde_json::from_str(&text)
                .map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?
        } else {
            toml::from_str(&text)
                .map_err(|e| CliError::Input(format!("{}: {}", path.display(), e.message())))?
        };
        app::stored::set_werkprogramma(&p, &wp)?;
    }
    let ex = app::stored::werkprogramma_export(&p, today)?;
    let r = &ex.report;
    let mut stdout = io::stdout().lock();
    writeln!(
        stdout,
        "{}: {} locaties, {} woningen, waarvan {} voor statushouders",
        if r.input.gemeente.is_empty() {
            "werkprogramma"
        } else {
            r.input.gemeente.as_str()
        },
        r.sites.len(),
        nl_number(r.total.homes, 0),
        nl_number(r.total.homes_statushouders, 1)
    )?;
    for per in &r.periods {
        writeln!(
            stdout,
            "  {}: ambitie {} woningen, gepland {} voor statushouders{}",
            per.label,
            nl_number(per.ambition_homes, 1),
            nl_number(per.homes_statushouders, 1),
            if per.reaches_ambition {
                String::new()
            } else {
                format!(", tekort {}", nl_number(per.gap_homes, 1))
            }
        )?;
    }
    writeln!(stdout, "{}", r.ambition_text)?;
    for out in outs {
        report::write(out, &ex)?;
        writeln!(stdout, "geschreven: {}", out.display())?;
    }
    Ok(())
}

// The arguments of `locatiescout werkprogramma` (a plain comment: clap would show a doc comment).
#[derive(clap::Args)]
pub(crate) struct WerkprogrammaArgs {
    pub(crate) project: PathBuf,
    /// Uitvoer: .html, .pdf, .xlsx, .csv, .gpkg of .geojson; mag vaker.
    #[arg(long, required = true)]
    pub(crate) out: Vec<PathBuf>,
    /// Een werkprogramma (TOML of JSON) dat eerst in het project wordt opgeslagen.
    #[arg(long)]
    pub(crate) from: Option<PathBuf>,
    /// Peildatum (JJJJ-MM-DD); standaard vandaag.
    #[arg(long)]
    pub(crate) date: Option<String>,
}
