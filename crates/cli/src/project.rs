//! `locatiescout project create|show`.

use std::io::{self, Write};
use std::path::PathBuf;

use app::io::import::{Layer, LayerKind};
use app::io::project::Project;

use crate::error::CliError;
use crate::input::{field_map, join_listings, load};

pub(crate) fn project_cmd(cmd: ProjectCmd, lang: app::model::text::Lang) -> Result<(), CliError> {
    match cmd {
        ProjectCmd::Create {
            file,
            parcels,
            buildings,
            listings,
            listings_csv,
            fieldmap,
            overlays,
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
            let named = crate::input::load_named(&overlays.layers, &overlays.roles, &map)?;
            app::project::create_with(&file, &layers, &named)?;
            let mut out = io::stdout().lock();
            writeln!(out, "Project {} gemaakt:", file.display())?;
            write_layers(&mut out, &layers)?;
            write_named(&mut out, &named)?;
            Ok(())
        }
        ProjectCmd::Rank { file, weights, top } => {
            let weights = crate::score::parse_weights(&weights);
            let mut session = open_timed(&file)?;
            let mut err = io::stderr().lock();
            if !weights.is_empty() {
                let started = std::time::Instant::now();
                crate::score::set_weights(&mut session.scoring, &weights);
                writeln!(err, "opnieuw gescoord in {}", nl_seconds(started.elapsed()))?;
            }
            let started = std::time::Instant::now();
            let ranked = session.scoring.top(top);
            writeln!(
                err,
                "top {} gekozen in {}",
                ranked.len(),
                nl_seconds(started.elapsed())
            )?;
            crate::score::write_top(
                &mut io::stdout().lock(),
                &session.ds,
                &session.scoring,
                &ranked,
                lang,
            )
        }
        ProjectCmd::Tiles { file, zoom, out } => {
            let zooms = parse_zooms(&zoom);
            let mut session = open_timed(&file)?;
            let mut err = io::stderr().lock();
            let app::Session {
                ds, scoring, tiles, ..
            } = &mut session;
            let written = app::map_tiles::write_tiles(ds, scoring, tiles, zooms, &out, |w| {
                let _ = writeln!(
                    err,
                    "zoomniveau {:>2}: {} {}, {} MB in {}",
                    w.z,
                    app::model::nl::nl_number(w.tiles as f64, 0),
                    if w.tiles == 1 { "tegel" } else { "tegels" },
                    app::model::nl::nl_number(w.bytes as f64 / 1e6, 1),
                    nl_seconds(std::time::Duration::from_secs_f64(w.seconds))
                );
            })?;
            let n: usize = written.iter().map(|w| w.tiles).sum();
            writeln!(
                io::stdout().lock(),
                "{} tegels geschreven naar {} (tiles.json beschrijft ze)",
                app::model::nl::nl_number(n as f64, 0),
                out.display()
            )?;
            Ok(())
        }
        ProjectCmd::Show { file } => {
            let p = Project::open_read_only(&file)?;
            // A damaged layer is named; the rest, the flags included, is still shown.
            let (layers, damaged) = p.load_layers_readable()?;
            let named = p.load_named().unwrap_or_default();
            let flags = p.current_flags()?;
            let mut out = io::stdout().lock();
            writeln!(out, "Project {}", file.display())?;
            write_layers(&mut out, &layers)?;
            for d in &damaged {
                writeln!(out, "  BESCHADIGD: {d}")?;
            }
            write_named(&mut out, &named)?;
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

pub(crate) fn write_layers(out: &mut impl Write, layers: &[Layer]) -> io::Result<()> {
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

pub(crate) fn write_named(
    out: &mut impl Write,
    named: &[app::model::layer::NamedLayer],
) -> io::Result<()> {
    for n in named {
        writeln!(
            out,
            "  {:<22} {:>9} objecten  {} ({}, {})",
            format!("laag '{}'", n.name),
            n.layer.len(),
            n.layer.report.path.display(),
            n.role.dutch(),
            n.title
        )?;
    }
    Ok(())
}

#[derive(clap::Subcommand)]
pub(crate) enum ProjectCmd {
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
        #[command(flatten)]
        overlays: crate::score::OverlayArgs,
    },
    /// Toon lagen en vlaggen van een project.
    Show { file: PathBuf },
    /// Scoor de locaties van een project met het opgeslagen profiel en de opgeslagen
    /// gewichten en toon de top; --weight verandert alleen deze berekening.
    Rank {
        file: PathBuf,
        /// Gewicht aanpassen, bv. --weight grid=40 (herhaalbaar; niet opgeslagen).
        #[arg(long = "weight", value_name = "CRITERIUM=GEWICHT")]
        weights: Vec<String>,
        /// Aantal locaties in de tabel (standaard 20).
        #[arg(long, default_value_t = 20)]
        top: usize,
    },
    /// Schrijf de locaties als kaarttegels (Mapbox Vector Tiles, {z}/{x}/{y}.pbf met
    /// tiles.json) voor QGIS of een webkaart, met de huidige scores.
    Tiles {
        file: PathBuf,
        /// Zoomniveaus, bv. 6-10 of 8 (0 = de hele wereld, 16 = straatniveau).
        #[arg(long, default_value = "5-10")]
        zoom: String,
        /// Map waarin de tegels komen.
        #[arg(long)]
        out: PathBuf,
    },
}

/// "340 ms" or "2,31 s".
/// Opens and scores a project file, saying on stderr how long that took.
fn open_timed(file: &std::path::Path) -> Result<app::Session, CliError> {
    let started = std::time::Instant::now();
    let session = app::Session::open(Project::open(file)?, None)?;
    writeln!(
        io::stderr(),
        "{}: geopend en gescoord in {}",
        file.display(),
        nl_seconds(started.elapsed())
    )?;
    Ok(session)
}

fn nl_seconds(d: std::time::Duration) -> String {
    let s = d.as_secs_f64();
    if s < 1.0 {
        format!("{} ms", app::model::nl::nl_number(s * 1000.0, 0))
    } else {
        format!("{} s", app::model::nl::nl_number(s, 2))
    }
}

/// "6-10" or "8" as a zoom range; anything else ends with a usage message.
fn parse_zooms(text: &str) -> std::ops::RangeInclusive<u8> {
    let max = app::output::tiles::MAX_ZOOM;
    let level = |s: &str| s.trim().parse::<u8>().ok().filter(|z| *z <= max);
    let range = match text.split_once('-') {
        Some((a, b)) => level(a).zip(level(b)).filter(|(a, b)| a <= b),
        None => level(text).map(|z| (z, z)),
    };
    match range {
        Some((a, b)) => a..=b,
        None => crate::usage(format!("--zoom verwacht een niveau of een reeks van 0 tot en met {max}, bv. 6-10; kreeg '{text}'")),
    }
}
