//! Addresses to coordinates: a CSV of addresses geocoded at PDOK Locatieserver
//! with the project's cache, for the command line (written to a file) and the
//! app (read as listings).

use std::path::Path;
use std::sync::atomic::AtomicBool;

use locatiescout_io::fetch::FetchSettings;
use locatiescout_io::geocode::{geocode_csv, Cache, GeocodeReport, Geocoder};
use locatiescout_io::import::{import_file, ImportOptions};
use locatiescout_model::attrs::FieldMap;
use locatiescout_model::layer::{Layer, LayerKind};

use crate::project::refuse_empty;
use crate::{AppError, ErrorKind};

/// Geocodes the rows of `file` without coordinates, at most `per_second`
/// requests a second. `cache` is used and grows: what was learnt stays in it
/// also when a later address failed, for the caller to save.
pub fn geocode_file(
    settings: &FetchSettings,
    cache: &mut Cache,
    file: &Path,
    map: &FieldMap,
    per_second: f64,
    cancel: &AtomicBool,
    progress: &dyn Fn(usize, usize),
) -> Result<(String, GeocodeReport), AppError> {
    let mut g = Geocoder::new(settings, Cache::default(), per_second, cancel)?;
    g.cache = std::mem::take(cache);
    let result = geocode_csv(file, map, &mut g, progress);
    *cache = std::mem::take(&mut g.cache);
    Ok(result?)
}

/// The geocoded CSV read as listings, under the name of the file the user chose;
/// its report says what was looked up and which addresses were not found.
pub fn geocoded_listings(
    file: &Path,
    csv: &str,
    r: &GeocodeReport,
    map: &FieldMap,
) -> Result<Layer, AppError> {
    let tmp =
        std::env::temp_dir().join(format!("locatiescout-geocoded-{}.csv", std::process::id()));
    std::fs::write(&tmp, csv).map_err(|e| AppError::refused(ErrorKind::Import, e.to_string()))?;
    let layer = import_file(&tmp, ImportOptions::new(LayerKind::Listings, map));
    let _ = std::fs::remove_file(&tmp);
    let mut layer = layer?;
    layer.report.path = file.to_path_buf();
    layer.report.notes.push(format!(
        "adressen opgezocht bij PDOK Locatieserver: {} gevonden ({} uit de cache, {} verzoeken), {} niet gevonden, {} rijen hadden al coördinaten",
        r.found,
        r.from_cache,
        r.requests,
        r.not_found.len(),
        r.had_coordinates
    ));
    for (line, address) in r.not_found.iter().take(50) {
        layer
            .report
            .notes
            .push(format!("regel {line}: {address} niet gevonden"));
    }
    refuse_empty(&layer)?;
    Ok(layer)
}
