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
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use app::io::import::LayerKind;

use crate::fetch::{fetch_cmd, geocode_cmd};
use crate::flags::{flag_cmd, flags_cmd};
use crate::grid::grid_classify;
use crate::inspect::inspect;
use crate::listings::{listings, ListingsArgs};
use crate::project::project_cmd;
use crate::score::{score, ScoreArgs};
use crate::werkprogramma::werkprogramma_cmd;

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

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    Percelen,
    Panden,
    Aanbod,
    Verblijfsobjecten,
    Overlay,
}

impl From<Kind> for LayerKind {
    fn from(k: Kind) -> Self {
        match k {
            Kind::Percelen => LayerKind::Parcels,
            Kind::Panden => LayerKind::Buildings,
            Kind::Aanbod => LayerKind::Listings,
            Kind::Verblijfsobjecten => LayerKind::Units,
            Kind::Overlay => LayerKind::Overlay,
        }
    }
}

#[derive(Subcommand)]
enum Cmd {
    /// Toon CRS, aantallen, geometrietypen, velden en problemen van een bestand.
    Inspect {
        file: PathBuf,
        #[arg(long, value_enum, default_value = "percelen")]
        kind: Kind,
        /// Eigen veldkoppeling (TOML), bovenop data/fieldmap.toml.
        #[arg(long)]
        fieldmap: Option<PathBuf>,
        /// Het rapport als JSON.
        #[arg(long)]
        json: bool,
    },
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
    Flag {
        project: PathBuf,
        /// Id van de locatie: BRK/BAG-identificatie of RVB-bouwwerkcode.
        #[arg(long)]
        site: String,
        /// Kansrijk, "In onderzoek", "Aangeboden aan gemeente", Gereserveerd of "Niet geschikt".
        #[arg(long)]
        status: String,
        #[arg(long, default_value = "")]
        note: String,
        /// Standaard de gebruiker van het besturingssysteem.
        #[arg(long)]
        author: Option<String>,
    },
    /// Vlaggen uitwisselen tussen projecten.
    Flags {
        #[command(subcommand)]
        cmd: FlagsCmd,
    },
    /// Haal percelen (BRK), panden en verblijfsobjecten (BAG) op bij PDOK in een project.
    Fetch {
        /// Een gemeente als CBS-code, bijv. GM0344 (grenzen 2024 zitten in Locatiescout).
        #[arg(long, conflicts_with = "bbox", required_unless_present = "bbox")]
        gemeente: Option<String>,
        /// Een gebied X1,Y1,X2,Y2 in RD-meters.
        #[arg(long)]
        bbox: Option<String>,
        /// Wat: percelen, panden, verblijfsobjecten (komma's ertussen).
        #[arg(long, default_value = "percelen,panden,verblijfsobjecten")]
        what: String,
        /// Het project; wordt gemaakt als het niet bestaat.
        #[arg(long)]
        project: PathBuf,
        /// Andere server dan PDOK (een spiegel of een testserver) voor alle collecties.
        #[arg(long)]
        base_url: Option<String>,
        /// Opnieuw ophalen, ook als dit gebied al in het project staat.
        #[arg(long)]
        refresh: bool,
    },
    /// Geef een adreslijst (CSV) RD-coördinaten via PDOK Locatieserver.
    Geocode {
        file: PathBuf,
        /// De CSV met coördinaten (x_rd, y_rd) en de gevonden match.
        #[arg(long)]
        out: PathBuf,
        /// Project waarin antwoorden worden bewaard, zodat een volgende keer niets opnieuw wordt gevraagd.
        #[arg(long)]
        project: Option<PathBuf>,
        #[arg(long)]
        fieldmap: Option<PathBuf>,
        /// Andere server dan PDOK Locatieserver (een testserver).
        #[arg(long)]
        base_url: Option<String>,
        /// Hoogstens zoveel verzoeken per seconde.
        #[arg(long, default_value = "5")]
        per_second: f64,
    },
    /// Het lokaal werkprogramma van een project als rapport (HTML/PDF), spreadsheet
    /// (XLSX/CSV) of kaartlaag (GeoPackage/GeoJSON).
    Werkprogramma {
        project: PathBuf,
        /// Uitvoer: .html, .pdf, .xlsx, .csv, .gpkg of .geojson; mag vaker.
        #[arg(long, required = true)]
        out: Vec<PathBuf>,
        /// Een werkprogramma (TOML of JSON) dat eerst in het project wordt opgeslagen.
        #[arg(long)]
        from: Option<PathBuf>,
        /// Peildatum (JJJJ-MM-DD); standaard vandaag.
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Subcommand)]
enum ProjectCmd {
    /// Maak een nieuw project met de opgegeven lagen.
    Create {
        file: PathBuf,
        #[arg(long)]
        parcels: PathBuf,
        #[arg(long)]
        buildings: Option<PathBuf>,
        #[arg(long)]
        listings: Option<PathBuf>,
        /// Attribuuttabel (CSV) bij het aanbod, gekoppeld op EAN (bv. de RVB-impactanalyse).
        #[arg(long, requires = "listings")]
        listings_csv: Option<PathBuf>,
        #[arg(long)]
        fieldmap: Option<PathBuf>,
    },
    /// Toon lagen en vlaggen van een project.
    Show { file: PathBuf },
}

#[derive(Subcommand)]
enum GridCmd {
    /// Lees een netnotitie: status, verwacht jaar, netbeheerder en de zin die besliste.
    Classify {
        /// De notitie, bv. "geen transportcapaciteit tot 2029 (Stedin)".
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
}

#[derive(Subcommand)]
enum FlagsCmd {
    /// Schrijf alle vlaggen naar .csv (met geschiedenis) of .geojson (met geometrie).
    Export { project: PathBuf, out: PathBuf },
    /// Lees vlaggen uit .csv of .geojson; de nieuwste wijziging wint, conflicten worden genoemd.
    Import { project: PathBuf, file: PathBuf },
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
        Cmd::Inspect {
            file,
            kind,
            fieldmap,
            json,
        } => inspect(&file, kind.into(), fieldmap.as_deref(), json),
        Cmd::Score(args) => score(args),
        Cmd::Listings(args) => listings(args),
        Cmd::Grid {
            cmd: GridCmd::Classify { text },
        } => grid_classify(&text.join(" ")),
        Cmd::Project { cmd } => project_cmd(cmd),
        Cmd::Flag {
            project,
            site,
            status,
            note,
            author,
        } => flag_cmd(&project, site, &status, note, author),
        Cmd::Flags { cmd } => flags_cmd(cmd),
        Cmd::Fetch {
            gemeente,
            bbox,
            what,
            project,
            base_url,
            refresh,
        } => fetch_cmd(
            gemeente.as_deref(),
            bbox.as_deref(),
            &what,
            &project,
            base_url.as_deref(),
            refresh,
        ),
        Cmd::Geocode {
            file,
            out,
            project,
            fieldmap,
            base_url,
            per_second,
        } => geocode_cmd(
            &file,
            &out,
            project.as_deref(),
            fieldmap.as_deref(),
            base_url.as_deref(),
            per_second,
        ),
        Cmd::Werkprogramma {
            project,
            out,
            from,
            date,
        } => werkprogramma_cmd(&project, &out, from.as_deref(), date.as_deref()),
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
