//! `locatiescout flag` and `locatiescout flags export|import`.

use std::io::{self, Write};
use std::path::PathBuf;

use app::io::project::{FlagStatus, Project};

use crate::error::CliError;

pub(crate) fn flag_cmd(a: FlagArgs) -> Result<(), CliError> {
    let status = FlagStatus::parse(&a.status).map_err(CliError::Input)?;
    let mut p = Project::open(&a.project)?;
    let f = app::flags::flag_site(&mut p, a.site, status, a.note, a.author)?;
    let mut out = io::stdout().lock();
    for f in f {
        writeln!(
            out,
            "{}: {} ({}, {})",
            f.site_id,
            f.status.label(),
            f.author,
            f.at
        )?;
    }
    Ok(())
}

pub(crate) fn flags_cmd(cmd: FlagsCmd) -> Result<(), CliError> {
    match cmd {
        FlagsCmd::Export { project, out } => {
            // Only reads the project: a read-only copy exports too.
            let (n, damaged) = app::flags::export_flags(&Project::open_read_only(&project)?, &out)?;
            for d in &damaged {
                writeln!(io::stderr(), "let op: {d}; de vlaggen zijn wel geschreven")?;
            }
            writeln!(
                io::stdout(),
                "{n} gevlagde locaties geschreven naar {}",
                out.display()
            )?;
            Ok(())
        }
        FlagsCmd::Import { project, file } => {
            let (r, damaged) = app::flags::import_flags(&mut Project::open(&project)?, &file)?;
            for d in &damaged {
                writeln!(
                    io::stderr(),
                    "let op: {d}; vlaggen voor die laag worden niet herkend"
                )?;
            }
            let mut out = io::stdout().lock();
            writeln!(
                out,
                "{}: {} vlaggen ingelezen, {} al aanwezig, {} niet ingelezen, {} conflicten",
                file.display(),
                r.imported,
                r.duplicates,
                r.rejected.len(),
                r.conflicts.len()
            )?;
            for c in &r.conflicts {
                let (win, lose) = if c.incoming_wins {
                    (&c.incoming, &c.local)
                } else {
                    (&c.local, &c.incoming)
                };
                writeln!(
                    out,
                    "  conflict {}: nu {} ({}, {}); ook in de geschiedenis: {} ({}, {})",
                    c.site_id,
                    win.status.label(),
                    win.author,
                    win.at,
                    lose.status.label(),
                    lose.author,
                    lose.at
                )?;
            }
            if r.rejected.is_empty() {
                return Ok(());
            }
            let lines: Vec<String> = r
                .rejected
                .iter()
                .map(|(l, m)| format!("  regel {l}: {m}"))
                .collect();
            let n = r.rejected.len();
            let rows = if n == 1 { "1 rij" } else { "rijen" };
            let rest = match (r.imported + r.duplicates, n) {
                (0, _) => "; er is geen vlag ingelezen".to_string(),
                (ok, _) => format!(" (de andere {ok} wel)"),
            };
            Err(CliError::Input(format!(
                "{} van {} niet ingelezen{rest}:\n{}",
                if n == 1 {
                    rows.to_string()
                } else {
                    format!("{n} {rows}")
                },
                file.display(),
                lines.join("\n")
            )))
        }
    }
}

// The arguments of `locatiescout flag` (a plain comment: clap would show a doc comment).
#[derive(clap::Args)]
pub(crate) struct FlagArgs {
    pub(crate) project: PathBuf,
    /// Id van de locatie: BRK/BAG-identificatie of RVB-bouwwerkcode.
    #[arg(long)]
    pub(crate) site: String,
    /// Kansrijk, "In onderzoek", "Aangeboden aan gemeente", Gereserveerd of "Niet geschikt".
    #[arg(long)]
    pub(crate) status: String,
    #[arg(long, default_value = "")]
    pub(crate) note: String,
    /// Standaard de gebruiker van het besturingssysteem.
    #[arg(long)]
    pub(crate) author: Option<String>,
}

#[derive(clap::Subcommand)]
pub(crate) enum FlagsCmd {
    /// Schrijf alle vlaggen naar .csv (met geschiedenis) of .geojson (met geometrie).
    Export { project: PathBuf, out: PathBuf },
    /// Lees vlaggen uit .csv of .geojson; de nieuwste wijziging wint, conflicten worden genoemd.
    Import { project: PathBuf, file: PathBuf },
}
