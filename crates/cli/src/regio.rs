//! `locatiescout regio`: roll up many municipalities' werkprogramma GeoPackages.

use std::io::{self, Write};
use std::path::PathBuf;

use app::model::nl::{nl_number, pct};

use crate::error::CliError;

// The arguments of `locatiescout regio` (a plain comment: clap would show a doc comment).
#[derive(clap::Args)]
pub(crate) struct RegioArgs {
    /// Een werkprogramma (.gpkg, geschreven door `locatiescout werkprogramma`) of een map
    /// met zulke bestanden; mag vaker.
    #[arg(long = "in", required = true, value_name = "BESTAND_OF_MAP")]
    pub(crate) inputs: Vec<PathBuf>,
    /// Gemeenten die een werkprogramma horen te sturen: CBS-codes (GM0344), namen of
    /// provincies (PV26, Utrecht), met komma's; wie ontbreekt staat in het overzicht.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub(crate) gemeenten: Vec<String>,
    /// Uitvoer: .pdf, .html, .xlsx of .gpkg; mag vaker.
    #[arg(long)]
    pub(crate) out: Vec<PathBuf>,
    /// Datum op het rapport (JJJJ-MM-DD); standaard vandaag.
    #[arg(long)]
    pub(crate) date: Option<String>,
}

pub(crate) fn regio_cmd(a: RegioArgs) -> Result<(), CliError> {
    let today = app::outputs::date_or_today(a.date.as_deref(), "datum")?;
    let (r, files) = app::regio::read(&a.inputs, &a.gemeenten)?;
    let n = &r.national;
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{}: {} bestanden, {} gemeenten met werkprogramma{}",
        app::output::report::regio::scope(&r),
        r.files_read,
        n.municipalities,
        if r.missing.is_empty() {
            String::new()
        } else {
            format!(", {} ontbreken", r.missing.len())
        }
    )?;
    for p in r.provinces.iter().chain(std::iter::once(n)) {
        writeln!(
            out,
            "  {:<24} {:>3} gemeenten ({} halen de ambitie), ambitie {} personen, haalbaar {} ({}; elke gemeente tot haar ambitie, zonder die grens {}), tekort {}",
            if p.code == "NL" { "Alle gemeenten samen" } else { p.name.as_str() },
            p.municipalities,
            p.reached,
            nl_number(p.ambition_persons, 0),
            nl_number(p.feasible_within_ambition_persons, 0),
            if p.ambition_persons > 0.0 {
                pct(p.feasible_within_ambition_persons / p.ambition_persons)
            } else {
                "-".into()
            },
            nl_number(p.feasible_persons, 0),
            nl_number(p.gap_persons, 0)
        )?;
    }
    for note in &r.notes {
        writeln!(out, "let op: {note}")?;
    }
    // Nothing to roll up is an error for a script, not an empty report.
    if n.municipalities == 0 {
        return Err(CliError::Input(format!(
            "geen van de {} bestanden kon worden meegeteld (zie de meldingen hierboven); er is niets geschreven",
            r.files_read
        )));
    }
    if !a.out.is_empty() {
        app::regio::write_regio(&r, &files, &a.out, today)?;
        for o in &a.out {
            writeln!(out, "geschreven: {}", o.display())?;
        }
    }
    Ok(())
}
