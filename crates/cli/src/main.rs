//! `locatiescout`: the headless twin of the desktop app. Exit codes: 0 ok,
//! 2 usage error, 3 input error (file unreadable, bad profile, …).

mod error;
mod fetch;
mod flags;
mod grid;
mod input;
mod inspect;
mod listings;
mod project;
mod score;
mod werkprogramma;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::flags::FlagsCmd;
use crate::grid::GridCmd;
use crate::listings::ListingsArgs;
use crate::project::ProjectCmd;
use crate::score::ScoreArgs;

#[derive(Parser)]
#[command(
    name = "locatiescout",
    version,
    about = "Locaties vinden en scoren voor flexwoningen en transformatie"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Toon CRS, aantallen, geometrietypen, velden en problemen van een bestand.
    Inspect(inspect::InspectArgs),
    /// Scoor locaties met een profiel en toon de ranglijst.
    Score(ScoreArgs),
    /// Koppel het aanbod aan de percelen en panden die het overlapt en scoor het met elk profiel.
    Listings(ListingsArgs),
    /// Netaansluiting: notities lezen.
    Grid {
        #[command(subcommand)]
        cmd: GridCmd,
    },
    /// Projectbestanden (*.locatiescout).
    Project {
        #[command(subcommand)]
        cmd: ProjectCmd,
    },
    /// Zet een vlag (status en toelichting) op een locatie in een project.
    Flag(flags::FlagArgs),
    /// Vlaggen uitwisselen tussen projecten.
    Flags {
        #[command(subcommand)]
        cmd: FlagsCmd,
    },
    /// Haal percelen (BRK), panden en verblijfsobjecten (BAG) op bij PDOK in een project.
    Fetch(fetch::FetchArgs),
    /// Geef een adreslijst (CSV) RD-coördinaten via PDOK Locatieserver.
    Geocode(fetch::GeocodeArgs),
    /// Het lokaal werkprogramma van een project als rapport (HTML/PDF), spreadsheet
    /// (XLSX/CSV) of kaartlaag (GeoPackage/GeoJSON).
    Werkprogramma(werkprogramma::WerkprogrammaArgs),
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc 2.x's `mimalloc.h` (not exported by libmimalloc-sys).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // Imports free millions of small objects per second; returning those pages to
    // the OS at once makes the kernel zero them again moments later (measured:
    // 1.8 s of 4.2 s system time on 1M parcels). Keep them for 1 s instead.
    // SAFETY: sets a process-wide allocator option before any threads start.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 1000) };
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("LOCATIESCOUT_LOG"))
        .with_writer(io::stderr)
        .init();
    let cli = Cli::parse();
    let result = match cli.cmd {
        Cmd::Inspect(a) => inspect::run(a),
        Cmd::Score(a) => score::score(a),
        Cmd::Listings(a) => listings::listings(a),
        Cmd::Grid {
            cmd: GridCmd::Classify { text },
        } => grid::grid_classify(&text.join(" ")),
        Cmd::Project { cmd } => project::project_cmd(cmd),
        Cmd::Flag(a) => flags::flag_cmd(a),
        Cmd::Flags { cmd } => flags::flags_cmd(cmd),
        Cmd::Fetch(a) => fetch::fetch_cmd(a),
        Cmd::Geocode(a) => fetch::geocode_cmd(a),
        Cmd::Werkprogramma(a) => werkprogramma::werkprogramma_cmd(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(code = e.code(), "{e}");
            let _ = writeln!(io::stderr(), "fout: {e}");
            ExitCode::from(3)
        }
    }
}

fn usage(msg: String) -> ! {
    let _ = writeln!(io::stderr(), "gebruik: {msg}");
    std::process::exit(2)
}
