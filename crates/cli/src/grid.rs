//! `locatiescout grid classify`: what the grid rules read in a note.

use std::io::{self, Write};

use crate::error::CliError;

/// Prints what the grid rules read in a note.
pub(crate) fn grid_classify(text: &str) -> Result<(), CliError> {
    let r = app::engine::grid_connection::read_note(text);
    let mut out = io::stdout().lock();
    writeln!(out, "status:        {}", r.status.dutch())?;
    writeln!(
        out,
        "jaar:          {}",
        r.status.year().map_or("—".to_string(), |y| y.to_string())
    )?;
    writeln!(
        out,
        "netbeheerder:  {}",
        r.operator.as_deref().unwrap_or("—")
    )?;
    writeln!(
        out,
        "besliste zin:  {}",
        r.phrase
            .map_or("— (geen regel past)".to_string(), |p| format!("\"{p}\""))
    )?;
    Ok(())
}

#[derive(clap::Subcommand)]
pub(crate) enum GridCmd {
    /// Lees een netnotitie: status, verwacht jaar, netbeheerder en de zin die besliste.
    Classify {
        /// De notitie, bv. "geen transportcapaciteit tot 2029 (Stedin)".
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
}
