//! `locatiescout fetch` (PDOK into a project) and `locatiescout geocode` (addresses to coordinates).

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use app::io::project::Project;

use crate::error::CliError;
use crate::input::{field_map, write_file_atomic};

/// Set by Ctrl-C, SIGTERM or SIGHUP: long work stops at the next check and
/// cleans up after itself instead of dying half way.
fn interrupt_flag() -> &'static std::sync::atomic::AtomicBool {
    use std::sync::atomic::{AtomicBool, Ordering};
    static FLAG: AtomicBool = AtomicBool::new(false);
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        // Without a handler the default (stop at once) stays: nothing worse than before.
        let _ = ctrlc::set_handler(|| FLAG.store(true, Ordering::SeqCst));
    });
    &FLAG
}

pub(crate) fn fetch_cmd(a: FetchArgs) -> Result<(), CliError> {
    let (gemeente, bbox, project, base_url) = (
        a.gemeente.as_deref(),
        a.bbox.as_deref(),
        a.project.as_path(),
        a.base_url.as_deref(),
    );
    use app::io::fetch::{FetchProgress, Outcome};
    let req = app::fetch::FetchRequest::parse(a.what.split(','), gemeente, bbox, a.refresh)?;
    let terminal = io::stderr().is_terminal();
    let progress = |pr: FetchProgress| {
        if terminal {
            let _ = write!(
                io::stderr(),
                "\r{}: {} objecten, pagina {}   ",
                pr.collection.key(),
                pr.features,
                pr.pages
            );
        }
    };
    writeln!(io::stderr(), "ophalen bij PDOK: {}", req.area.label)?;
    // A project made for this fetch goes again on failure; an existing one is
    // untouched. Ctrl-C or SIGTERM cancels the same way: the pages gathered in the
    // temporary folder and a project made for this fetch are removed.
    let cancel = interrupt_flag();
    let outcomes = app::fetch::into_project_file(project, &req, base_url, cancel, &progress)?;
    if terminal {
        writeln!(io::stderr())?;
    }
    let mut out = io::stdout().lock();
    for (c, o) in outcomes {
        let line = o.describe(c);
        match o {
            Outcome::Cached(_) => writeln!(out, "{line} met --refresh")?,
            Outcome::Fetched(..) => writeln!(out, "{line}")?,
        }
    }
    Ok(())
}

pub(crate) fn geocode_cmd(a: GeocodeArgs) -> Result<(), CliError> {
    let (file, out, project) = (a.file.as_path(), a.out.as_path(), a.project.as_deref());
    let (fieldmap, base_url, per_second) =
        (a.fieldmap.as_deref(), a.base_url.as_deref(), a.per_second);
    let map = field_map(fieldmap)?;
    let p = project.map(Project::open).transpose()?;
    let cancel = interrupt_flag();
    let terminal = io::stderr().is_terminal();
    let progress = |k: usize, n: usize| {
        if terminal {
            let _ = write!(io::stderr(), "\rgeocoderen: {k} van {n}   ");
        }
    };
    let req = app::geocode::GeocodeRequest {
        file,
        map: &map,
        per_second,
        cancel,
        progress: &progress,
    };
    let (csv, r) = app::geocode::with_project_cache(p.as_ref(), base_url, &req)?;
    write_file_atomic(out, csv.as_bytes())?;
    let mut o = io::stdout().lock();
    writeln!(
        o,
        "{}: {}, {} met coördinaten, {} gevonden ({} uit de cache, {}), {} niet gevonden, {} niet ingelezen",
        file.display(),
        counted(r.rows, "rij", "rijen"),
        r.had_coordinates,
        counted(r.found, "adres", "adressen"),
        r.from_cache,
        counted(r.requests, "verzoek", "verzoeken"),
        r.not_found.len(),
        r.skipped.len()
    )?;
    for (line, address) in &r.not_found {
        writeln!(o, "  regel {line}: {address} niet gevonden")?;
    }
    for (line, why) in &r.skipped {
        writeln!(o, "  regel {line}: {why}")?;
    }
    for (line, what) in &r.suspect {
        writeln!(o, "  regel {line}: let op, {what}")?;
    }
    writeln!(o, "geschreven: {}", out.display())?;
    Ok(())
}

/// "1 rij", "2 rijen": the count with its noun in the number it takes.
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

// The arguments of `locatiescout fetch` (a plain comment: clap would show a doc comment).
#[derive(clap::Args)]
pub(crate) struct FetchArgs {
    /// Een gemeente als CBS-code, bijv. GM0344 (grenzen 2024 zitten in Locatiescout).
    #[arg(long, conflicts_with = "bbox", required_unless_present = "bbox")]
    pub(crate) gemeente: Option<String>,
    /// Een gebied X1,Y1,X2,Y2 in RD-meters.
    #[arg(long)]
    pub(crate) bbox: Option<String>,
    /// Wat: percelen, panden, verblijfsobjecten en/of de overlaylagen natura2000, cdda,
    /// overstroming, cultuurhistorie, wkpb, stations, buurten (komma's ertussen).
    #[arg(long, default_value = "percelen,panden,verblijfsobjecten")]
    pub(crate) what: String,
    /// Het project; wordt gemaakt als het niet bestaat.
    #[arg(long)]
    pub(crate) project: PathBuf,
    /// Andere server dan PDOK (een spiegel of een testserver) voor alle collecties.
    #[arg(long)]
    pub(crate) base_url: Option<String>,
    /// Opnieuw ophalen, ook als dit gebied al in het project staat.
    #[arg(long)]
    pub(crate) refresh: bool,
}

// The arguments of `locatiescout geocode` (a plain comment: clap would show a doc comment).
#[derive(clap::Args)]
pub(crate) struct GeocodeArgs {
    pub(crate) file: PathBuf,
    /// De CSV met coördinaten (x_rd, y_rd) en de gevonden match.
    #[arg(long)]
    pub(crate) out: PathBuf,
    /// Project waarin antwoorden worden bewaard, zodat een volgende keer niets opnieuw wordt gevraagd.
    #[arg(long)]
    pub(crate) project: Option<PathBuf>,
    #[arg(long)]
    pub(crate) fieldmap: Option<PathBuf>,
    /// Andere server dan PDOK Locatieserver (een testserver).
    #[arg(long)]
    pub(crate) base_url: Option<String>,
    /// Hoogstens zoveel verzoeken per seconde.
    #[arg(long, default_value = "5")]
    pub(crate) per_second: f64,
}
