//! `locatiescout`: the headless twin of the desktop app. Exit codes: 0 ok,
//! 2 usage error, 3 input error (file unreadable, bad profile, …).

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

use locatiescout::import::{import_file, ImportOptions, ImportReport, Layer, LayerKind};
use locatiescout::link::link_listings;
use locatiescout::profile::Profile;
use locatiescout::project::flags::site_index;
use locatiescout::project::{FlagStatus, NewFlag, Project};
use locatiescout::score::{Dataset, Scoring};
use locatiescout::FieldMap;
use locatiescout_model::nl::nl_number;
use locatiescout_output::links::write_links_csv;

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
    #[cfg(feature = "fetch")]
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
    #[cfg(feature = "fetch")]
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

/// An input problem: message to stderr, exit 3.
struct InputError(String);

impl<E: std::fmt::Display> From<E> for InputError {
    fn from(e: E) -> Self {
        InputError(e.to_string())
    }
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
        #[cfg(feature = "fetch")]
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
        #[cfg(feature = "fetch")]
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
        Err(InputError(msg)) => {
            let _ = writeln!(io::stderr(), "fout: {msg}");
            ExitCode::from(3)
        }
    }
}

fn field_map(path: Option<&Path>) -> Result<FieldMap, InputError> {
    Ok(match path {
        Some(p) => FieldMap::with_user_file(p)?,
        None => FieldMap::default(),
    })
}

/// Imports with a progress bar when stderr is a terminal.
fn load(path: &Path, kind: LayerKind, map: &FieldMap) -> Result<Layer, InputError> {
    let bar = io::stderr().is_terminal().then(|| {
        let b = ProgressBar::new(1);
        b.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} ({eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b.set_message(format!("inlezen {}", path.display()));
        b
    });
    let progress = |done: u64, total: u64| {
        if let Some(b) = &bar {
            b.set_length(total);
            b.set_position(done);
        }
    };
    let mut opts = ImportOptions::new(kind, map);
    opts.progress = Some(&progress);
    let layer = import_file(path, opts);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    Ok(layer?)
}

fn inspect(
    file: &Path,
    kind: LayerKind,
    fieldmap: Option<&Path>,
    json: bool,
) -> Result<(), InputError> {
    let map = field_map(fieldmap)?;
    let layer = load(file, kind, &map)?;
    let mut out = io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &layer.report)?;
        writeln!(out)?;
    } else {
        write_report(&mut out, &layer.report)?;
    }
    Ok(())
}

fn write_report(out: &mut impl Write, r: &ImportReport) -> io::Result<()> {
    writeln!(out, "Bestand:        {}", r.path.display())?;
    writeln!(out, "Formaat:        {}", r.format)?;
    if let (Some(crs), Some(d)) = (&r.crs, &r.crs_decision) {
        writeln!(out, "Coördinaten:    {crs}, {d}")?;
    }
    writeln!(
        out,
        "Gelezen:        {} features, {} ingelezen",
        r.features_read, r.imported
    )?;
    let kinds: Vec<String> = r
        .geometry_counts
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    writeln!(
        out,
        "Geometrieën:    {}",
        if kinds.is_empty() {
            "geen".into()
        } else {
            kinds.join(", ")
        }
    )?;
    writeln!(out, "Velden:")?;
    for f in &r.fields {
        let what = f
            .recognised_as
            .map_or("(onbekend, bewaard)".to_string(), |k| format!("→ {k}"));
        writeln!(out, "  {:<32} {:>8}×  {what}", f.name, f.count)?;
    }
    for n in &r.notes {
        writeln!(out, "Opmerking:      {n}")?;
    }
    if r.skipped_count > 0 {
        writeln!(out, "Overgeslagen:   {} features", r.skipped_count)?;
        for s in r.skipped.iter().take(20) {
            let at = s
                .byte_offset
                .map(|b| format!(", byte {b}"))
                .unwrap_or_default();
            writeln!(out, "  feature {}{at}: {}", s.index, s.reason)?;
        }
    }
    write_flagged(
        out,
        "Ongeldige geometrie (wel ingelezen)",
        r.invalid_count,
        &r.invalid,
    )?;
    write_flagged(out, "Waarschuwingen", r.warning_count, &r.warnings)?;
    if !r.needs_geocoding.is_empty() {
        writeln!(out, "Nog te geocoderen: {} rijen", r.needs_geocoding.len())?;
        for s in r.needs_geocoding.iter().take(20) {
            writeln!(out, "  regel {}: {}", s.index, s.reason)?;
        }
    }
    if !r.has_problems() {
        writeln!(out, "Problemen:      geen")?;
    }
    Ok(())
}

/// A titled list of flagged features, the first 20 in detail.
fn write_flagged(
    out: &mut impl Write,
    title: &str,
    count: usize,
    list: &[locatiescout::import::Flagged],
) -> io::Result<()> {
    if count == 0 {
        return Ok(());
    }
    writeln!(out, "{title}: {count}")?;
    for f in list.iter().take(20) {
        writeln!(
            out,
            "  feature {} ({}): {}",
            f.index,
            f.id.as_deref().unwrap_or("-"),
            f.message
        )?;
    }
    Ok(())
}

/// The files a scoring reads, shared by `score` and `listings`.
#[derive(clap::Args)]
struct DataArgs {
    /// Percelen (BRK), GeoJSON of CSV.
    #[arg(long)]
    parcels: Option<PathBuf>,
    /// Panden (BAG) met gebruiksdoel en oppervlakte, GeoJSON.
    #[arg(long)]
    buildings: Option<PathBuf>,
    /// Aanbod (Rijksvastgoed), GeoJSON of CSV; verrijkt de percelen/panden die het overlapt.
    #[arg(long)]
    listings: Option<PathBuf>,
    /// Attribuuttabel (CSV) bij het aanbod, gekoppeld op EAN (bv. de RVB-impactanalyse).
    #[arg(long, requires = "listings")]
    listings_csv: Option<PathBuf>,
    /// BAG-verblijfsobjecten (punten met gebruiksdoel en oppervlakte), opgeteld per pand.
    #[arg(long)]
    units: Option<PathBuf>,
    /// Eigen veldkoppeling (TOML), bovenop data/fieldmap.toml.
    #[arg(long)]
    fieldmap: Option<PathBuf>,
    /// Congestiegebieden (vlakken met kleurcode afname/invoeding), GeoJSON.
    #[arg(long)]
    congestion: Option<PathBuf>,
    /// Capaciteitskaart-tabel (CSV) bij de congestiegebieden, gekoppeld op voedingsgebied_id.
    #[arg(long, requires = "congestion")]
    congestion_csv: Option<PathBuf>,
    /// Hoe de congestiegebieden gelezen worden (TOML: velden en kleurcodes).
    #[arg(long, requires = "congestion")]
    congestion_config: Option<PathBuf>,
}

#[derive(clap::Args)]
struct ScoreArgs {
    #[command(flatten)]
    data: DataArgs,
    /// flex, transformatie of een pad naar een profiel (.toml).
    #[arg(long)]
    profile: String,
    /// Gewicht aanpassen, bv. --weight grid=40 (herhaalbaar).
    #[arg(long = "weight", value_name = "CRITERIUM=GEWICHT")]
    weights: Vec<String>,
    /// Aantal locaties in de tabel (standaard 20); met --out ook het aantal dat wordt geschreven.
    #[arg(long)]
    top: Option<usize>,
    /// Schrijf de ranglijst naar .geojson of .csv (alle locaties, of --top als die is gegeven).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Toon hoe stabiel de top is bij ±20 % per gewicht.
    #[arg(long)]
    sensitivity: bool,
}

#[derive(clap::Args)]
struct ListingsArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Profielen om mee te scoren (standaard flex en transformatie).
    #[arg(long = "profile")]
    profiles: Vec<String>,
    /// Schrijf de koppelingen en scores naar een .csv-bestand.
    #[arg(long)]
    out: Option<PathBuf>,
}

fn usage(msg: String) -> ! {
    let _ = writeln!(io::stderr(), "gebruik: {msg}");
    std::process::exit(2)
}

/// Reads the files of `a` into a dataset, one summary line per file on stderr.
fn load_dataset(a: &DataArgs) -> Result<Dataset, InputError> {
    if a.parcels.is_none() && a.buildings.is_none() && a.listings.is_none() && a.units.is_none() {
        usage("geef minstens --parcels, --buildings of --listings".into());
    }
    let map = field_map(a.fieldmap.as_deref())?;
    let mut ds = Dataset::default();
    let mut stderr = io::stderr();
    for (path, kind) in [
        (&a.parcels, LayerKind::Parcels),
        (&a.buildings, LayerKind::Buildings),
        (&a.listings, LayerKind::Listings),
        (&a.units, LayerKind::Units),
    ] {
        let Some(path) = path else { continue };
        let mut layer = load(path, kind, &map)?;
        if kind == LayerKind::Listings {
            if let Some(csv) = &a.listings_csv {
                layer = join_listings(layer, csv, &map)?;
            }
        }
        let r = &layer.report;
        writeln!(
            stderr,
            "{}: {} {} ingelezen ({}){}",
            path.display(),
            r.imported,
            kind.dutch(),
            r.crs.map(|c| c.to_string()).unwrap_or_default(),
            if r.skipped_count + r.invalid_count > 0 {
                format!(
                    "; {} overgeslagen, {} ongeldige geometrie (zie 'locatiescout inspect')",
                    r.skipped_count, r.invalid_count
                )
            } else {
                String::new()
            }
        )?;
        match kind {
            LayerKind::Parcels => ds.parcels = Some(layer),
            LayerKind::Buildings => ds.buildings = Some(layer),
            LayerKind::Units => ds.units = Some(layer),
            _ => ds.listings = Some(layer),
        }
    }
    if let Some(path) = &a.congestion_config {
        let text = read_text(path)?;
        ds.congestion_config = toml::from_str(&text)
            .map_err(|e| InputError(format!("{}: {}", path.display(), e.message())))?;
    }
    if let Some(path) = &a.congestion {
        let mut layer = load(path, LayerKind::Congestion, &map)?;
        if let Some(csv) = &a.congestion_csv {
            let key = locatiescout::join::JoinKey::Column(ds.congestion_config.id_field.clone());
            let r = locatiescout::join::join_csv_on(&mut layer, csv, &key, &map)?;
            writeln!(
                stderr,
                "{}: {} van {} gebieden gekoppeld op {}; {} rijen zonder gebied{}",
                csv.display(),
                r.matched,
                layer.len(),
                r.key,
                r.unmatched_rows.len(),
                if r.unmatched_features.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; zonder rij: {}",
                        r.unmatched_features
                            .iter()
                            .map(|(_, l)| l.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            )?;
        }
        writeln!(
            stderr,
            "{}: {} congestiegebieden ingelezen",
            path.display(),
            layer.len()
        )?;
        ds.congestion = Some(layer);
    }
    Ok(ds)
}

/// Links every listing to its parcels and panden and scores it with each profile.
fn listings(a: ListingsArgs) -> Result<(), InputError> {
    if a.data.listings.is_none() {
        usage("geef --listings (het aanbod) en --parcels en/of --buildings".into());
    }
    let ds = load_dataset(&a.data)?;
    let Some(listings) = ds.listings.as_ref() else {
        return Err(InputError("geen aanbod ingelezen".into()));
    };
    let names = if a.profiles.is_empty() {
        vec!["flex".to_string(), "transformatie".to_string()]
    } else {
        a.profiles.clone()
    };
    let mut scorings = Vec::new();
    let mut stderr = io::stderr();
    for name in &names {
        let profile = Profile::load(name)?;
        match Scoring::new(&ds, profile) {
            Ok(s) => scorings.push(s),
            // One profile without its sites (no parcels loaded) leaves the others.
            Err(e @ locatiescout::score::ScoreError::NoSites { .. }) => {
                writeln!(stderr, "{name}: niet gescoord: {e}")?;
            }
            Err(e) => return Err(e.into()),
        }
    }
    let links = link_listings(listings, ds.parcels.as_ref(), ds.buildings.as_ref());
    let on_parcel = links.iter().filter(|l| !l.parcels.is_empty()).count();
    let on_building = links.iter().filter(|l| !l.buildings.is_empty()).count();
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{} aanbod: {} op een perceel ({} koppelingen), {} overlapt een pand ({} koppelingen)",
        listings.len(),
        on_parcel,
        links.iter().map(|l| l.parcels.len()).sum::<usize>(),
        on_building,
        links.iter().map(|l| l.buildings.len()).sum::<usize>(),
    )?;
    let refs: Vec<&Scoring> = scorings.iter().collect();
    match &a.out {
        Some(path) => {
            let mut buf = Vec::new();
            write_links_csv(&mut buf, &ds, &links, &refs)?;
            write_file_atomic(path, &buf)?;
            writeln!(out, "geschreven: {}", path.display())?;
        }
        None => {
            let mut buf = Vec::new();
            write_links_csv(&mut buf, &ds, &links, &refs)?;
            let text = String::from_utf8_lossy(&buf);
            out.write_all(text.trim_start_matches('\u{feff}').as_bytes())?;
        }
    }
    Ok(())
}

/// [`locatiescout_model::files::write_atomic`] with the CLI's message.
fn write_file_atomic(path: &Path, bytes: &[u8]) -> Result<(), InputError> {
    locatiescout_model::files::write_atomic(path, bytes).map_err(|e| {
        InputError(format!(
            "{}: kan niet worden geschreven: {}",
            path.display(),
            locatiescout::import::io_nl(&e)
        ))
    })
}

/// Prints what the grid rules read in a note.
fn grid_classify(text: &str) -> Result<(), InputError> {
    let r = locatiescout::grid::read_note(text);
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

fn score(a: ScoreArgs) -> Result<(), InputError> {
    let mut weights = Vec::new();
    for w in &a.weights {
        let Some((k, v)) = w.split_once('=') else {
            usage(format!("--weight verwacht CRITERIUM=GEWICHT, kreeg '{w}'"));
        };
        let Some(v) = locatiescout::attrs::parse_dutch_number(v) else {
            usage(format!("--weight {k}: '{v}' is geen getal"));
        };
        weights.push((k.trim().to_string(), v));
    }
    let profile = Profile::load(&a.profile)?;
    let ds = load_dataset(&a.data)?;
    let mut scoring = Scoring::new(&ds, profile)?;
    for (k, v) in &weights {
        if let Err(e) = scoring.set_weight(k, *v) {
            usage(e.to_string());
        }
    }
    scoring.rescore();
    let layer = ds
        .site_layer(&scoring.profile)
        .ok_or_else(|| InputError("geen locaties".into()))?;
    let top = scoring.top(a.top.unwrap_or(20));
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "Profiel {} — {} locaties, top {}",
        scoring.profile.title,
        nl_number(scoring.len() as f64, 0),
        top.len()
    )?;
    let crit: Vec<String> = scoring
        .profile
        .criteria
        .iter()
        .map(|c| format!("{:>6}", truncate(&c.key, 6)))
        .collect();
    writeln!(
        out,
        "{:>4}  {:<34} {:>5} {:>8}  {}  toelichting",
        "rang",
        "id",
        "score",
        "woningen",
        crit.join(" ")
    )?;
    for (r, &s) in top.iter().enumerate() {
        let i = s as usize;
        let subs: Vec<String> = scoring
            .sub_scores(i)
            .iter()
            .map(|v| format!("{:>6}", nl_number(f64::from(*v), 0)))
            .collect();
        writeln!(
            out,
            "{:>4}  {:<34} {:>5} {:>8}  {}  {}",
            r + 1,
            truncate_front(&layer.label(i), 34),
            nl_number(f64::from(scoring.scores[i]), 1),
            nl_number(f64::from(scoring.homes[i]), 0),
            subs.join(" "),
            scoring.explain(&ds, i)
        )?;
    }
    if a.sensitivity {
        let s = scoring.sensitivity(top.len(), 0.2);
        writeln!(out, "\nGevoeligheid (elk gewicht ±20 %), top {}:", s.top_n)?;
        for c in &s.per_criterion {
            writeln!(
                out,
                "  {:<10} −20 %: {:>3} % blijft in de top, +20 %: {:>3} %",
                c.key,
                (c.overlap_down * 100.0).round(),
                (c.overlap_up * 100.0).round()
            )?;
        }
        for st in &s.sites {
            writeln!(
                out,
                "  {:>3}. {:<34} {}",
                st.rank,
                truncate_front(&layer.label(st.site as usize), 34),
                if st.stable {
                    "stabiel".to_string()
                } else {
                    format!(
                        "gevoelig (zakt tot {})",
                        st.worst_rank
                            .map_or("buiten de top".to_string(), |r| format!("plaats {r}"))
                    )
                }
            )?;
        }
    }
    if let Some(path) = &a.out {
        let all;
        let sites = if a.top.is_some() {
            &top
        } else {
            all = scoring.ranking();
            &all
        };
        locatiescout::export::export_sites(path, &ds, &scoring, sites)?;
        writeln!(
            io::stderr(),
            "{} locaties geschreven naar {}",
            sites.len(),
            path.display()
        )?;
    }
    Ok(())
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Keeps the end of long ids, where BRK/BAG identifiers differ.
fn truncate_front(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        s.to_string()
    } else {
        let tail: String = s.chars().skip(count - n + 1).collect();
        format!("…{tail}")
    }
}

fn project_cmd(cmd: ProjectCmd) -> Result<(), InputError> {
    match cmd {
        ProjectCmd::Create {
            file,
            parcels,
            buildings,
            listings,
            listings_csv,
            fieldmap,
        } => {
            let map = field_map(fieldmap.as_deref())?;
            // Read every file first: a bad one leaves no half-made project behind.
            let mut layers = vec![load(&parcels, LayerKind::Parcels, &map)?];
            if let Some(b) = &buildings {
                layers.push(load(b, LayerKind::Buildings, &map)?);
            }
            if let Some(l) = &listings {
                let mut layer = load(l, LayerKind::Listings, &map)?;
                if let Some(csv) = &listings_csv {
                    layer = join_listings(layer, csv, &map)?;
                }
                layers.push(layer);
            }
            let mut p = Project::create(&file)?;
            for l in &layers {
                p.save_layer(l)?;
            }
            p.conn_checkpoint();
            let mut out = io::stdout().lock();
            writeln!(out, "Project {} gemaakt:", file.display())?;
            write_layers(&mut out, &layers)?;
            Ok(())
        }
        ProjectCmd::Show { file } => {
            let p = Project::open(&file)?;
            let layers = p.load_layers()?;
            let flags = p.current_flags()?;
            let mut out = io::stdout().lock();
            writeln!(out, "Project {}", file.display())?;
            write_layers(&mut out, &layers)?;
            writeln!(out, "Vlaggen: {}", flags.len())?;
            for f in &flags {
                writeln!(
                    out,
                    "  {:<32} {:<24} {} ({}, {})",
                    f.site_id,
                    f.status.label(),
                    f.note,
                    f.author,
                    f.at
                )?;
            }
            Ok(())
        }
    }
}

/// Joins an attribute table to the listings on EAN and says what did not join (stderr).
fn join_listings(mut layer: Layer, csv: &Path, map: &FieldMap) -> Result<Layer, InputError> {
    let r = locatiescout::join::join_csv(&mut layer, csv, locatiescout::Field::Ean, map)?;
    let mut err = io::stderr().lock();
    writeln!(
        err,
        "{}: {} van {} objecten gekoppeld op EAN ({} verschillende); {} rijen zonder object, {} dubbele sleutels",
        csv.display(),
        r.matched,
        layer.len(),
        r.matched_keys,
        r.unmatched_rows.len(),
        r.duplicate_keys.len()
    )?;
    for (i, label) in r.unmatched_features.iter().take(20) {
        writeln!(err, "  object {i} ({label}): geen rij")?;
    }
    for (line, key) in r.unmatched_rows.iter().take(20) {
        writeln!(err, "  rij {line} ({key}): geen object")?;
    }
    for (line, key) in r.duplicate_keys.iter().take(20) {
        writeln!(
            err,
            "  rij {line} ({key}): sleutel staat al op een eerdere rij"
        )?;
    }
    let shown = r.unmatched_features.len().min(20)
        + r.unmatched_rows.len().min(20)
        + r.duplicate_keys.len().min(20);
    let all = r.unmatched_features.len() + r.unmatched_rows.len() + r.duplicate_keys.len();
    if all > shown {
        writeln!(err, "  … en nog {}", all - shown)?;
    }
    Ok(layer)
}

fn write_layers(out: &mut impl Write, layers: &[Layer]) -> io::Result<()> {
    for l in layers {
        writeln!(
            out,
            "  {:<22} {:>9} objecten  {}",
            l.kind.dutch(),
            l.len(),
            l.report.path.display()
        )?;
    }
    Ok(())
}

fn flag_cmd(
    project: &Path,
    site: String,
    status: &str,
    note: String,
    author: Option<String>,
) -> Result<(), InputError> {
    let status = FlagStatus::parse(status).map_err(InputError)?;
    let mut p = Project::open(project)?;
    let layers = p.load_layers()?;
    let refs: Vec<&Layer> = layers.iter().collect();
    let index = site_index(&refs);
    let Some(&(l, _)) = index.get(site.as_str()) else {
        return Err(InputError(format!(
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

fn flags_cmd(cmd: FlagsCmd) -> Result<(), InputError> {
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
            Err(InputError(format!(
                "{} rij(en) van {} niet ingelezen (de rest wel):\n{}",
                r.rejected.len(),
                file.display(),
                lines.join("\n")
            )))
        }
    }
}

fn werkprogramma_cmd(
    project: &Path,
    outs: &[PathBuf],
    from: Option<&Path>,
    date: Option<&str>,
) -> Result<(), InputError> {
    use locatiescout::report;
    for out in outs {
        let ext = locatiescout_model::files::extension_lower(out);
        if !report::FORMATS.contains(&ext.as_str()) {
            return Err(InputError(format!(
                "{}: onbekend uitvoerformaat; kies uit {}",
                out.display(),
                report::FORMATS.map(|f| format!(".{f}")).join(", ")
            )));
        }
    }
    let today = match date {
        Some(d) => chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map_err(|_| InputError(format!("peildatum {d} is geen datum als 2026-11-22")))?,
        None => chrono::Local::now().date_naive(),
    };
    let p = Project::open(project)?;
    if let Some(path) = from {
        let text = read_text(path)?;
        let is_json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let wp: locatiescout::werkprogramma::Werkprogramma = if is_json {
            serde_json::from_str(&text)
                .map_err(|e| InputError(format!("{}: {e}", path.display())))?
        } else {
            toml::from_str(&text)
                .map_err(|e| InputError(format!("{}: {}", path.display(), e.message())))?
        };
        locatiescout_application::stored::set_werkprogramma(&p, &wp)?;
    }
    let ex = locatiescout_application::stored::werkprogramma_export(&p, today)?;
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

/// A whole text file, or a Dutch message naming it.
fn read_text(path: &Path) -> Result<String, InputError> {
    std::fs::read_to_string(path).map_err(|e| {
        InputError(format!(
            "{}: kan niet worden gelezen: {}",
            path.display(),
            locatiescout::import::io_nl(&e)
        ))
    })
}

#[cfg(feature = "fetch")]
fn fetch_cmd(
    gemeente: Option<&str>,
    bbox: Option<&str>,
    what: &str,
    project: &Path,
    base_url: Option<&str>,
    refresh: bool,
) -> Result<(), InputError> {
    use locatiescout::fetch::{self, Area, Collection, Fetcher, Outcome};
    let collections = what
        .split(',')
        .filter(|w| !w.trim().is_empty())
        .map(|w| {
            Collection::parse(w).ok_or_else(|| {
                InputError(format!(
                    "onbekend: '{}'; kies uit percelen, panden, verblijfsobjecten",
                    w.trim()
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    if collections.is_empty() {
        return Err(InputError("--what noemt niets om op te halen".into()));
    }
    let work = std::env::temp_dir();
    let area = match (gemeente, bbox) {
        (Some(code), _) => Area::gemeente(code, &fetch::gemeenten(&work)?)?,
        (None, Some(b)) => Area::parse_bbox(b)?,
        (None, None) => return Err(InputError("geef --gemeente of --bbox".into())),
    };
    let created = !project.exists();
    let mut p = if created {
        Project::create(project)?
    } else {
        Project::open(project)?
    };
    let mut settings = fetch::FetchSettings::of_project(&p)?;
    if let Some(u) = base_url {
        settings = settings.with_base_url(u);
    }
    let map = FieldMap::default();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let terminal = io::stderr().is_terminal();
    let progress = |pr: fetch::FetchProgress| {
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
    let fetcher = Fetcher::new(&settings, &map, &work, &cancel, &progress)?;
    writeln!(io::stderr(), "ophalen bij PDOK: {}", area.label)?;
    let outcomes = match fetch::fetch_into_project(&mut p, &fetcher, &collections, &area, refresh) {
        Ok(o) => o,
        Err(e) => {
            // A project made for this fetch goes again; an existing one is untouched.
            if created {
                drop(p);
                for suffix in ["", "-wal", "-shm"] {
                    let mut name = project.as_os_str().to_owned();
                    name.push(suffix);
                    let _ = std::fs::remove_file(PathBuf::from(name));
                }
            }
            return Err(e.into());
        }
    };
    if terminal {
        writeln!(io::stderr())?;
    }
    p.conn_checkpoint();
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

#[cfg(feature = "fetch")]
fn geocode_cmd(
    file: &Path,
    out: &Path,
    project: Option<&Path>,
    fieldmap: Option<&Path>,
    base_url: Option<&str>,
    per_second: f64,
) -> Result<(), InputError> {
    use locatiescout::geocode::{geocode_csv, load_cache, save_cache, Cache, Geocoder};
    let map = field_map(fieldmap)?;
    let p = project.map(Project::open).transpose()?;
    let cache: Cache = match &p {
        Some(p) => load_cache(p)?,
        None => Cache::default(),
    };
    let mut settings = locatiescout::fetch::FetchSettings::default();
    if let Some(u) = base_url {
        settings = settings.with_base_url(u);
    }
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut g = Geocoder::new(&settings, cache, per_second, &cancel)?;
    let terminal = io::stderr().is_terminal();
    let progress = |k: usize, n: usize| {
        if terminal {
            let _ = write!(io::stderr(), "\rgeocoderen: {k} van {n}   ");
        }
    };
    let result = geocode_csv(file, &map, &mut g, &progress);
    // What was learnt is kept even when a later address failed.
    if let Some(p) = &p {
        save_cache(p, &g.cache)?;
    }
    let (csv, r) = result?;
    locatiescout_model::files::write_atomic(out, csv.as_bytes()).map_err(|e| {
        InputError(format!(
            "{}: kan niet worden geschreven: {}",
            out.display(),
            locatiescout::import::io_nl(&e)
        ))
    })?;
    let mut o = io::stdout().lock();
    writeln!(
        o,
        "{}: {} rijen, {} met coördinaten, {} adressen gevonden ({} uit de cache, {} verzoeken), {} niet gevonden",
        file.display(),
        r.rows,
        r.had_coordinates,
        r.found,
        r.from_cache,
        r.requests,
        r.not_found.len()
    )?;
    for (line, address) in &r.not_found {
        writeln!(o, "  regel {line}: {address} niet gevonden")?;
    }
    writeln!(o, "geschreven: {}", out.display())?;
    Ok(())
}
