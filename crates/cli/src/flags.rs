//! `locatiescout flag` and `locatiescout flags export|import`.

use std::io::{self, Write};
use std::path::Path;

use app::io::project::{FlagStatus, Project};

use crate::error::CliError;
use crate::FlagsCmd;

pub(crate) fn flag_cmd(
    project: &Path,
    site: String,
    status: &str,
    note: String,
    author: Option<String>,
) -> Result<(), CliError> {
    let status = FlagStatus::parse(status).map_err(CliError::Input)?;
    let mut p = Project::open(project)?;
    let f = app::flags::flag_site(&mut p, site, status, note, author)?;
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
            let n = app::flags::export_flags(&Project::open(&project)?, &out)?;
            writeln!(
                io::stdout(),
                "{n} gevlagde locaties geschreven naar {}",
                out.display()
            )?;
            Ok(())
        }
        FlagsCmd::Import { project, file } => {
            let r = app::flags::import_flags(&mut Project::open(&project)?, &file)?;
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
                .map(|(l, m)| format!("  rij {l}: {m}"))
                .collect();
            Err(CliError::Input(format!(
                "{} rij(en) van {} niet ingelezen (de rest wel):\n{}",
                r.rejected.len(),
                file.display(),
                lines.join("\n")
            )))
        }
    }
}
