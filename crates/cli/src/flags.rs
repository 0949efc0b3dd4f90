//! `locatiescout flag` and `locatiescout flags export|import`.

use std::io::{self, Write};
use std::path::Path;

use app::io::import::Layer;
use app::io::project::flags::site_index;
use app::io::project::{FlagStatus, NewFlag, Project};

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
    let layers = p.load_layers()?;
    let refs: Vec<&Layer> = layers.iter().collect();
    let index = site_index(&refs);
    let Some(&(l, _)) = index.get(site.as_str()) else {
        return Err(CliError::Input(format!(
            "onbekende locatie '{site}' in {}; gebruik een BRK/BAG-identificatie of RVB-bouwwerkcode uit het project",
            project.display()
        )));
    };
    let kind = layers[l].kind;
    let f = p.add_flags(vec![NewFlag {
        site_id: site,
        site_kind: kind,
        status,
        note,
        author,
        at: None,
    }])?;
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
            let p = Project::open(&project)?;
            let layers = p.load_layers()?;
            let n = p.export_flags(&out, &layers.iter().collect::<Vec<_>>())?;
            writeln!(
                io::stdout(),
                "{n} gevlagde locaties geschreven naar {}",
                out.display()
            )?;
            Ok(())
        }
        FlagsCmd::Import { project, file } => {
            let mut p = Project::open(&project)?;
            let layers = p.load_layers()?;
            let r = p.import_flags(&file, &layers.iter().collect::<Vec<_>>())?;
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
