//! `locatiescout listings`: link each RVB listing to its parcels and panden and score it.

use std::io::{self, Write};
use std::path::PathBuf;

use app::engine::link::link_listings;
use app::engine::profile::Profile;
use app::engine::score::Scoring;
use app::output::links::write_links_csv;

use crate::error::CliError;
use crate::input::write_file_atomic;
use crate::score::{load_dataset, DataArgs};
use crate::usage;

#[derive(clap::Args)]
pub(crate) struct ListingsArgs {
    #[command(flatten)]
    pub(crate) data: DataArgs,
    /// Profielen om mee te scoren (standaard flex en transformatie).
    #[arg(long = "profile")]
    pub(crate) profiles: Vec<String>,
    /// Schrijf de koppelingen en scores naar een .csv-bestand.
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
}

/// Links every listing to its parcels and panden and scores it with each profile.
pub(crate) fn listings(a: ListingsArgs) -> Result<(), CliError> {
    if a.data.listings.is_none() {
        usage("geef --listings (het aanbod) en --parcels en/of --buildings".into());
    }
    let ds = load_dataset(&a.data)?;
    let Some(listings) = ds.listings.as_ref() else {
        return Err(CliError::Input("geen aanbod ingelezen".into()));
    };
    let names = if a.profiles.is_empty() {
        vec!["flex".to_string(), "transformatie".to_string()]
    } else {
        a.profiles.clone()
    };
    let mut scorings = Vec::new();
    let mut stderr = io::stderr();
    for name in &names {
        let profile = Profile::load(name)?.dated(app::outputs::today());
        match Scoring::new(&ds, profile) {
            Ok(s) => scorings.push(s),
            // One profile without its sites (no parcels loaded) leaves the others.
            Err(e @ app::engine::score::ScoreError::NoSites { .. }) => {
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
