//! Addresses to coordinates: a CSV of addresses geocoded at PDOK Locatieserver
//! with the project's cache, for the command line (written to a file) and the
//! app (read as listings).

use std::path::Path;
use std::sync::atomic::AtomicBool;

use locatiescout_io::fetch::FetchSettings;
use locatiescout_io::geocode::{
    geocode_csv, load_cache, save_cache, Cache, GeocodeReport, Geocoder,
};
use locatiescout_io::import::{import_file, ImportOptions};
use locatiescout_io::project::Project;
use locatiescout_model::attrs::FieldMap;
use locatiescout_model::layer::{ImportReport, Layer, LayerKind, Skipped};

use crate::access::SessionAccess;
use crate::project::refuse_empty;
use crate::{AppError, ErrorKind};

/// What a geocoding run asks: a CSV of addresses, how its columns read, and
/// how many requests a second PDOK Locatieserver is sent.
pub struct GeocodeRequest<'a> {
    pub file: &'a Path,
    pub map: &'a FieldMap,
    pub per_second: f64,
    pub cancel: &'a AtomicBool,
    pub progress: &'a dyn Fn(usize, usize),
}

/// Geocodes `req.file` with the answers a project remembers (`project`, if
/// any), and keeps what was learnt in it, also when a later address failed.
/// Returns the CSV with coordinates and the report.
pub fn with_project_cache(
    project: Option<&Project>,
    base_url: Option<&str>,
    req: &GeocodeRequest<'_>,
) -> Result<(String, GeocodeReport), AppError> {
    let (settings, mut cache) = match project {
        Some(p) => (crate::fetch::settings(p, base_url)?, load_cache(p)?),
        None => (crate::fetch::default_settings(base_url)?, Cache::default()),
    };
    let result = geocode_file(&settings, &mut cache, req);
    if let Some(p) = project {
        save_cache(p, &cache)?;
    }
    result
}

/// An address-only CSV of listings into the open project: rows without
/// coordinates are looked up (with the project's cache; outside the session),
/// then the file is installed as listings. The report lists what was not found.
pub fn listings_into_session(
    access: &impl SessionAccess,
    req: &GeocodeRequest<'_>,
) -> Result<ImportReport, AppError> {
    let (settings, mut cache) = access.with_session(|s| {
        Ok((
            crate::fetch::settings(&s.project, None)?,
            load_cache(&s.project)?,
        ))
    })?;
    let result = geocode_file(&settings, &mut cache, req);
    access.with_session(|s| Ok(save_cache(&s.project, &cache)?))?;
    let (csv, r) = result?;
    let layer = geocoded_listings(req.file, &csv, &r, req.map)?;
    let report = layer.report.clone();
    access.with_session(|s| s.install_layer(layer))?;
    Ok(report)
}

/// Geocodes the rows of `req.file` without coordinates, at most `per_second`
/// requests a second. `cache` is used and grows: what was learnt stays in it
/// also when a later address failed, for the caller to save.
fn geocode_file(
    settings: &FetchSettings,
    cache: &mut Cache,
    req: &GeocodeRequest<'_>,
) -> Result<(String, GeocodeReport), AppError> {
    let mut g = Geocoder::new(settings, Cache::default(), req.per_second, req.cancel)?;
    g.cache = std::mem::take(cache);
    let result = geocode_csv(req.file, req.map, &mut g, req.progress);
    *cache = std::mem::take(&mut g.cache);
    Ok(result?)
}

/// The geocoded CSV read as listings, under the name of the file the user chose;
/// its report says what was looked up and which addresses were not found.
fn geocoded_listings(
    file: &Path,
    csv: &str,
    r: &GeocodeReport,
    map: &FieldMap,
) -> Result<Layer, AppError> {
    let tmp =
        std::env::temp_dir().join(format!("locatiescout-geocoded-{}.csv", std::process::id()));
    std::fs::write(&tmp, csv).map_err(|e| {
        AppError::refused(
            ErrorKind::Import,
            format!(
                "{}: kan niet worden geschreven: {}",
                tmp.display(),
                locatiescout_model::nl::io_nl_write(&e, &tmp)
            ),
        )
    })?;
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
    // Rows the reader could not use never reached the geocoded file: they are
    // skipped rows of the user's file, so read = imported + skipped still holds.
    for (line, why) in &r.skipped {
        layer.report.features_read += 1;
        layer.report.skip(Skipped {
            index: *line,
            byte_offset: None,
            reason: why.clone(),
        });
    }
    for (line, what) in r.suspect.iter().take(50) {
        layer
            .report
            .notes
            .push(format!("regel {line}: let op, {what}"));
    }
    refuse_empty(&layer)?;
    Ok(layer)
}
