//! `locatiescout score`: rank the sites of files or a project with a profile.

use std::io::{self, Write};
use std::path::PathBuf;

use app::engine::dataset::Dataset;
use app::engine::profile::Profile;
use app::engine::score::Scoring;
use app::io::import::LayerKind;
use app::model::site_name::SiteNamer;
use app::model::text::{number, Lang, Text};

use crate::error::CliError;
use crate::input::join_listings;
use crate::input::{field_map, load, read_text};
use crate::usage;

/// The files a scoring reads, shared by `score` and `listings`.
#[derive(clap::Args)]
pub(crate) struct DataArgs {
    /// Percelen (BRK): GeoJSON, GeoPackage (BESTAND.gpkg:LAAG), shapefile of CSV.
    #[arg(long)]
    pub(crate) parcels: Option<PathBuf>,
    /// Panden (BAG) met gebruiksdoel en oppervlakte, GeoJSON.
    #[arg(long)]
    pub(crate) buildings: Option<PathBuf>,
    /// Aanbod (Rijksvastgoed): GeoJSON, GeoPackage, shapefile of CSV; verrijkt de percelen/panden die het overlapt.
    #[arg(long)]
    pub(crate) listings: Option<PathBuf>,
    /// Attribuuttabel (CSV) bij het aanbod, gekoppeld op EAN (bv. de RVB-impactanalyse).
    #[arg(long, requires = "listings")]
    pub(crate) listings_csv: Option<PathBuf>,
    /// BAG-verblijfsobjecten (punten met gebruiksdoel en oppervlakte), opgeteld per pand.
    #[arg(long)]
    pub(crate) units: Option<PathBuf>,
    /// Eigen veldkoppeling (TOML), bovenop data/fieldmap.toml.
    #[arg(long)]
    pub(crate) fieldmap: Option<PathBuf>,
    /// Congestiegebieden (vlakken met kleurcode afname/invoeding), GeoJSON.
    #[arg(long)]
    pub(crate) congestion: Option<PathBuf>,
    /// Capaciteitskaart-tabel (CSV) bij de congestiegebieden, gekoppeld op voedingsgebied_id.
    #[arg(long, requires = "congestion")]
    pub(crate) congestion_csv: Option<PathBuf>,
    /// Hoe de congestiegebieden gelezen worden (TOML: velden en kleurcodes).
    #[arg(long, requires = "congestion")]
    pub(crate) congestion_config: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) overlays: OverlayArgs,
}

/// Named overlay layers for the spatial criteria, shared by `score` and `project create`.
#[derive(clap::Args)]
pub(crate) struct OverlayArgs {
    /// Overlaylaag voor de ruimtelijke criteria, bv. --layer natura2000=natura.geojson,
    /// --layer stations=stations.geojson, --layer bestemmingsplan=plan.gpkg:Enkelbestemming (herhaalbaar).
    #[arg(long = "layer", value_name = "NAAM=BESTAND[:LAAG]")]
    pub(crate) layers: Vec<String>,
    /// Rol van een overlaylaag: constraint, zoning of amenity, bv. --layer-role geluid=constraint
    /// (standaard: naar de naam; onbekende namen zijn een harde beperking).
    #[arg(long = "layer-role", value_name = "NAAM=ROL")]
    pub(crate) roles: Vec<String>,
}

#[derive(clap::Args)]
pub(crate) struct ScoreArgs {
    #[command(flatten)]
    pub(crate) data: DataArgs,
    /// flex, transformatie of een pad naar een profiel (.toml).
    #[arg(long)]
    pub(crate) profile: String,
    /// Gewicht aanpassen, bv. --weight grid=40 (herhaalbaar).
    #[arg(long = "weight", value_name = "CRITERIUM=GEWICHT")]
    pub(crate) weights: Vec<String>,
    /// Aantal locaties in de tabel (standaard 20); met --out ook het aantal dat wordt geschreven.
    #[arg(long)]
    pub(crate) top: Option<usize>,
    /// Schrijf de ranglijst naar .geojson of .csv (alle locaties, of --top als die is gegeven).
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
    /// Toon hoe stabiel de top is bij ±20 % per gewicht.
    #[arg(long)]
    pub(crate) sensitivity: bool,
}

impl DataArgs {
    /// Every file this command reads, with what it is (for refusing to write over one).
    pub(crate) fn inputs(&self) -> Vec<(PathBuf, &'static str)> {
        let mut v: Vec<(PathBuf, &'static str)> = [
            (&self.parcels, "de percelen"),
            (&self.buildings, "de panden"),
            (&self.listings, "het aanbod"),
            (&self.listings_csv, "de aanbodtabel"),
            (&self.units, "de verblijfsobjecten"),
            (&self.fieldmap, "de veldkoppeling"),
            (&self.congestion, "de congestiegebieden"),
            (&self.congestion_csv, "de capaciteitstabel"),
            (&self.congestion_config, "de congestie-instellingen"),
        ]
        .into_iter()
        .filter_map(|(p, what)| p.clone().map(|p| (p, what)))
        .collect();
        for l in &self.overlays.layers {
            // NAAM=BESTAND[:LAAG]: the file part, without a GeoPackage layer name.
            if let Some((_, file)) = l.split_once('=') {
                let file = match file.rsplit_once(':') {
                    Some((f, _)) if std::path::Path::new(f).exists() => f,
                    _ => file,
                };
                v.push((PathBuf::from(file), "een kaartlaag"));
            }
        }
        v
    }
}

/// Reads the files of `a` into a dataset, one summary line per file on stderr.
pub(crate) fn load_dataset(a: &DataArgs) -> Result<Dataset, CliError> {
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
        *app::scoring::slot(&mut ds, &mut None, kind) = Some(layer);
    }
    if let Some(path) = &a.congestion_config {
        let text = read_text(path)?;
        ds.congestion_config = toml::from_str(&text).map_err(|e| {
            CliError::Input(format!(
                "{}: {}",
                path.display(),
                app::model::nl_error::toml_nl(&e, &text)
            ))
        })?;
    }
    if let Some(path) = &a.congestion {
        let mut layer = load(path, LayerKind::Congestion, &map)?;
        if let Some(csv) = &a.congestion_csv {
            let key = app::io::join::JoinKey::Column(ds.congestion_config.id_field.clone());
            let r = app::io::join::join_csv_on(&mut layer, csv, &key, &map)?;
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
            for (line, why) in r.skipped_rows.iter().take(20) {
                writeln!(stderr, "  regel {line}: {why}")?;
            }
        }
        writeln!(
            stderr,
            "{}: {} congestiegebieden ingelezen",
            path.display(),
            layer.len()
        )?;
        ds.congestion = Some(layer);
    }
    ds.overlays = crate::input::load_named(&a.overlays.layers, &a.overlays.roles, &map)?;
    Ok(ds)
}

pub(crate) fn score(a: ScoreArgs, lang: Lang) -> Result<(), CliError> {
    if let Some(out) = &a.out {
        let inputs = a.data.inputs();
        let refs: Vec<(&std::path::Path, &str)> =
            inputs.iter().map(|(p, w)| (p.as_path(), *w)).collect();
        app::model::files::refuse_overwriting_input(out, &refs).map_err(CliError::Input)?;
    }
    let weights = parse_weights(&a.weights);
    let profile = Profile::load(&a.profile)?.dated(app::outputs::today());
    let ds = load_dataset(&a.data)?;
    let mut scoring = Scoring::new(&ds, profile)?;
    set_weights(&mut scoring, &weights);
    for p in &scoring.spatial.problems {
        writeln!(io::stderr(), "let op: {p}")?;
    }
    let layer = ds
        .site_layer(&scoring.profile)
        .ok_or_else(|| CliError::Input("geen locaties".into()))?;
    let top = scoring.top(a.top.unwrap_or(20));
    let mut out = io::stdout().lock();
    write_top(&mut out, &ds, &scoring, &top, lang)?;
    if a.sensitivity {
        let s = scoring.sensitivity(top.len(), app::scoring::SENSITIVITY_SHIFT);
        writeln!(out, "\nGevoeligheid (elk gewicht ±20 %), top {}:", s.top_n)?;
        // The criteria as the profile names them for a reader, not their keys.
        let label = |key: &str| {
            scoring
                .profile
                .criteria
                .iter()
                .find(|c| c.key == key)
                .map_or_else(|| key.to_string(), |c| c.label_text().render(lang))
        };
        let width = s
            .per_criterion
            .iter()
            .map(|c| label(&c.key).chars().count())
            .max()
            .unwrap_or(10);
        for c in &s.per_criterion {
            let name = label(&c.key);
            writeln!(
                out,
                "  {name}{} −20 %: {:>3} % blijft in de top, +20 %: {:>3} %",
                " ".repeat(width - name.chars().count()),
                (c.overlap_down * 100.0).round(),
                (c.overlap_up * 100.0).round()
            )?;
        }
        let namer = SiteNamer::new(layer);
        for st in &s.sites {
            writeln!(
                out,
                "  {:>3}. {:<34} {}",
                st.rank,
                truncate(&namer.name(st.site as usize), 34),
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
        app::output::export::export_sites(path, &ds, &scoring, sites, lang)?;
        writeln!(
            io::stderr(),
            "{} locaties geschreven naar {}",
            sites.len(),
            path.display()
        )?;
    }
    Ok(())
}

pub(crate) fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The ranking table: rank, the site's name, score, homes, each criterion's sub-score and the
/// explanation, for the sites `top` (best first).
pub(crate) fn write_top(
    out: &mut impl Write,
    ds: &Dataset,
    scoring: &Scoring,
    top: &[u32],
    lang: Lang,
) -> Result<(), CliError> {
    let layer = ds
        .site_layer(&scoring.profile)
        .ok_or_else(|| CliError::Input("geen locaties".into()))?;
    let num = |v: f64, d: usize| number(v, d, lang);
    // Named as a planner names the site; the full identifier is in the --out file.
    let namer = SiteNamer::new(layer);
    writeln!(
        out,
        "{}",
        Text::new("cli.ranking_title")
            .text("profile", scoring.profile.title_text())
            .num("n", scoring.len() as f64, 0)
            .num("top", top.len() as f64, 0)
            .render(lang)
    )?;
    let head = |k| Text::new(k).render(lang);
    let crit: Vec<String> = scoring
        .profile
        .criteria
        .iter()
        .map(|c| format!("{:>7}", truncate(&Profile::short_label(c), 7)))
        .collect();
    writeln!(
        out,
        "{:>4}  {:<34} {:>5} {:>8}  {}  {}",
        head("cli.rank"),
        head("cli.id"),
        head("cli.score"),
        head("cli.homes"),
        crit.join(" "),
        head("cli.explanation")
    )?;
    for (r, &s) in top.iter().enumerate() {
        let i = s as usize;
        // A criterion that is not scored (its layer is missing) shows a dash, not 0.
        let subs: Vec<String> = scoring
            .sub_scores(i)
            .iter()
            .enumerate()
            .map(|(c, v)| {
                if scoring.spatial.scored(c) {
                    format!("{:>7}", num(f64::from(*v), 0))
                } else {
                    format!("{:>7}", "–")
                }
            })
            .collect();
        writeln!(
            out,
            "{:>4}  {:<34} {:>5} {:>8}  {}  {}",
            r + 1,
            truncate(&namer.name(i), 34),
            num(f64::from(scoring.scores[i]), 1),
            num(f64::from(scoring.homes[i]), 0),
            subs.join(" "),
            scoring.explain(ds, i).render(lang)
        )?;
    }
    Ok(())
}

/// `--weight CRITERIUM=GEWICHT` arguments; a malformed one ends with a usage message.
/// `--weight` values set on `scoring`; an unknown criterion is a usage error.
pub(crate) fn set_weights(scoring: &mut Scoring, weights: &[(String, f64)]) {
    let weights = weights.iter().map(|(k, v)| (k.as_str(), *v));
    if let Err(e) = app::scoring::set_weights(scoring, weights) {
        usage(e.to_string());
    }
}

pub(crate) fn parse_weights(args: &[String]) -> Vec<(String, f64)> {
    let mut weights = Vec::new();
    for w in args {
        let Some((k, v)) = w.split_once('=') else {
            usage(format!("--weight verwacht CRITERIUM=GEWICHT, kreeg '{w}'"));
        };
        let Some(v) = app::model::attrs::parse_dutch_number(v) else {
            usage(format!("--weight {k}: '{v}' is geen getal"));
        };
        weights.push((k.trim().to_string(), v));
    }
    weights
}
