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
mod regio;
mod score;
mod werkprogramma;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::flags::FlagsCmd;
use crate::grid::GridCmd;
use crate::listings::ListingsArgs;
use crate::project::ProjectCmd;
use crate::score::ScoreArgs;
use app::model::text::Lang;

#[derive(Parser)]
#[command(
    name = "locatiescout",
    version,
    about = "Locaties vinden en scoren voor flexwoningen en transformatie"
)]
struct Cli {
    /// Taal van toelichtingen en kopjes: nl (standaard) of en.
    #[arg(long, global = true, default_value = "nl", value_parser = parse_lang)]
    lang: Lang,
    #[command(subcommand)]
    cmd: Cmd,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("onbekende taal '{s}': kies nl of en"))
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
    /// Het regionale overzicht van de werkprogramma's (GeoPackages) van veel gemeenten:
    /// per gemeente, per provincie en in totaal, als rapport, spreadsheet en kaartlaag.
    Regio(regio::RegioArgs),
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
    // Logs only when asked for (`LOCATIESCOUT_LOG=error` adds each error's code):
    // by default an error is the one "fout:" line below, not a log line too. No
    // colour codes in a file or a pipe.
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::builder()
                .with_default_directive(tracing_subscriber::filter::LevelFilter::OFF.into())
                .with_env_var("LOCATIESCOUT_LOG")
                .from_env_lossy(),
        )
        .with_ansi(io::stderr().is_terminal())
        .with_writer(io::stderr)
        .init();
    let cli = parse_dutch();
    let result = match cli.cmd {
        Cmd::Inspect(a) => inspect::run(a),
        Cmd::Score(a) => score::score(a, cli.lang),
        Cmd::Listings(a) => listings::listings(a),
        Cmd::Grid {
            cmd: GridCmd::Classify { text },
        } => grid::grid_classify(&text.join(" ")),
        Cmd::Project { cmd } => project::project_cmd(cmd, cli.lang),
        Cmd::Flag(a) => flags::flag_cmd(a),
        Cmd::Flags { cmd } => flags::flags_cmd(cmd),
        Cmd::Fetch(a) => fetch::fetch_cmd(a),
        Cmd::Geocode(a) => fetch::geocode_cmd(a),
        Cmd::Werkprogramma(a) => werkprogramma::werkprogramma_cmd(a),
        Cmd::Regio(a) => regio::regio_cmd(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`| head`): nothing to say, and nothing went wrong here.
        Err(error::CliError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(code = e.code(), "{e}");
            let _ = writeln!(io::stderr(), "fout: {e}");
            ExitCode::from(3)
        }
    }
}

/// Dutch headings and help texts for every (sub)command: clap writes English.
fn dutch(cmd: clap::Command) -> clap::Command {
    use clap::{Arg, ArgAction};
    let cmd = cmd
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .help_template(
            "{before-help}{about-with-newline}\nGebruik: {usage}\n\n{all-args}{after-help}",
        )
        .subcommand_help_heading("Opdrachten")
        .subcommand_value_name("OPDRACHT")
        // Every argument under a Dutch heading (clap's own are "Arguments"/"Options").
        .mut_args(|a| match a.get_help_heading() {
            Some(_) => a,
            None if a.is_positional() => a.help_heading("Argumenten"),
            None => a.help_heading("Opties"),
        })
        .next_help_heading("Opties")
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Toon deze hulp"),
        );
    let cmd = if cmd.get_version().is_some() {
        cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Toon de versie"),
        )
    } else {
        cmd
    };
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    names
        .into_iter()
        .fold(cmd, |cmd, name| cmd.mut_subcommand(name, dutch))
}

/// Parses the command line with Dutch help and Dutch errors (exit 2 on a usage error).
fn parse_dutch() -> Cli {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    use clap::{CommandFactory, FromArgMatches};
    let cmd = dutch(Cli::command().arg_required_else_help(true));
    let err = match cmd
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => return cli,
        Err(e) => e,
    };
    match err.kind() {
        ErrorKind::DisplayHelp => {
            let _ = write!(io::stdout(), "{}", dutch_words(&err.render().to_string()));
            std::process::exit(0)
        }
        ErrorKind::DisplayVersion => err.exit(),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
            std::process::exit(2)
        }
        _ => {}
    }
    let ctx = |k: ContextKind| -> String {
        match err.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join(", "),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(v)) => v
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            _ => String::new(),
        }
    };
    let arg = ctx(ContextKind::InvalidArg);
    let msg = match err.kind() {
        ErrorKind::UnknownArgument => format!("onbekende optie of waarde '{arg}'"),
        ErrorKind::InvalidSubcommand => {
            format!(
                "onbekende opdracht '{}'",
                ctx(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::MissingRequiredArgument => format!("verplicht maar ontbreekt: {arg}"),
        ErrorKind::MissingSubcommand => "kies een opdracht".into(),
        ErrorKind::InvalidValue => format!(
            "ongeldige waarde '{}' voor {arg}{}",
            ctx(ContextKind::InvalidValue),
            match ctx(ContextKind::ValidValue) {
                v if v.is_empty() => String::new(),
                v => format!("; kies uit {v}"),
            }
        ),
        ErrorKind::ValueValidation => format!(
            "ongeldige waarde '{}' voor {arg}",
            ctx(ContextKind::InvalidValue)
        ),
        // An option given twice is a conflict with itself in clap's words.
        ErrorKind::ArgumentConflict if arg == ctx(ContextKind::PriorArg) => {
            let name = arg.split_whitespace().next().unwrap_or(&arg);
            format!("{name} is twee keer opgegeven; geef het één keer")
        }
        ErrorKind::ArgumentConflict => {
            format!("{arg} gaat niet samen met {}", ctx(ContextKind::PriorArg))
        }
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("verkeerd aantal waarden voor {arg}")
        }
        ErrorKind::NoEquals => format!("{arg} verwacht een waarde met '='"),
        ErrorKind::InvalidUtf8 => "een argument is geen geldige UTF-8".into(),
        _ => "ongeldige aanroep".into(),
    };
    let usage = dutch_words(&ctx(ContextKind::Usage));
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    let usage = if usage.is_empty() {
        String::new()
    } else {
        format!("\n  {usage}")
    };
    let _ = writeln!(
        io::stderr(),
        "gebruik: {msg}{usage}\nMeer hulp: locatiescout --help"
    );
    std::process::exit(2)
}

/// The few words clap writes in its help and usage lines whatever the headings.
fn dutch_words(text: &str) -> String {
    [
        ("[OPTIONS]", "[OPTIES]"),
        ("[default: ", "[standaard: "),
        ("[possible values: ", "[mogelijk: "),
        ("[aliases: ", "[ook: "),
    ]
    .iter()
    .fold(text.to_string(), |t, (en, nl)| t.replace(en, nl))
}

fn usage(msg: String) -> ! {
    let _ = writeln!(io::stderr(), "gebruik: {msg}");
    std::process::exit(2)
}
