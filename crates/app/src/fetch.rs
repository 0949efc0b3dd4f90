//! Downloading from PDOK into a project: what to fetch and where, the same for
//! the command line and the app; the download itself is `locatiescout_io::fetch`.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use locatiescout_io::fetch::{
    self, Area, Collection, FetchProgress, FetchSettings, Fetcher, Outcome,
};
use locatiescout_io::project::Project;
use locatiescout_model::attrs::FieldMap;

use crate::{AppError, ErrorKind};

/// The collections named in `what` (percelen, panden, verblijfsobjecten, and
/// the overlays natura2000, cdda, overstroming, cultuurhistorie, wkpb, stations, buurten).
pub fn collections<'w>(
    what: impl IntoIterator<Item = &'w str>,
) -> Result<Vec<Collection>, AppError> {
    let list = what
        .into_iter()
        .filter(|w| !w.trim().is_empty())
        .map(|w| {
            Collection::parse(w).ok_or_else(|| {
                AppError::refused(
                    ErrorKind::Fetch,
                    format!(
                        "onbekend: '{}'; kies uit {}",
                        w.trim(),
                        Collection::ALL.map(Collection::key).join(", ")
                    ),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    if list.is_empty() {
        return Err(AppError::refused(
            ErrorKind::Fetch,
            "kies wat er opgehaald moet worden (percelen, panden, verblijfsobjecten)",
        ));
    }
    Ok(list)
}

/// The area: a municipality by CBS code, else a bounding box in RD metres.
pub fn area(gemeente: Option<&str>, bbox: Option<&str>, work: &Path) -> Result<Area, AppError> {
    match (gemeente.filter(|g| !g.trim().is_empty()), bbox) {
        (Some(code), _) => Ok(Area::gemeente(code, &fetch::gemeenten(work)?)?),
        (None, Some(b)) => Ok(Area::parse_bbox(b)?),
        (None, None) => Err(AppError::refused(
            ErrorKind::Fetch,
            "kies een gemeente of geef een gebied (X1,Y1,X2,Y2 in RD-meters)",
        )),
    }
}

/// The project's download settings; `LOCATIESCOUT_PDOK_URL` (tests, a mirror)
/// or `base_url` replaces the PDOK address.
pub fn settings(project: &Project, base_url: Option<&str>) -> Result<FetchSettings, AppError> {
    let mut s = FetchSettings::of_project(project)?;
    if let Some(u) = base_url
        .map(str::to_string)
        .or_else(|| std::env::var("LOCATIESCOUT_PDOK_URL").ok())
    {
        s = s.with_base_url(&u);
    }
    Ok(s)
}

/// Downloads `what` for `area` into the project at `path` (created when it does
/// not exist; removed again when anything fails), skipping what the project
/// already holds unless `refresh`. `base_url` replaces PDOK's address.
pub fn into_project_file(
    path: &Path,
    what: &[Collection],
    area: &Area,
    refresh: bool,
    base_url: Option<&str>,
    cancel: &AtomicBool,
    progress: &(dyn Fn(FetchProgress) + Sync),
) -> Result<Vec<(Collection, Outcome)>, AppError> {
    let (_, outcomes) = crate::project::open_or_create(path, |p| {
        let settings = settings(p, base_url)?;
        let map = FieldMap::default();
        let work = std::env::temp_dir();
        let fetcher = Fetcher::new(&settings, &map, &work, cancel, progress)?;
        Ok(fetch::fetch_into_project(p, &fetcher, what, area, refresh)?)
    })?;
    Ok(outcomes)
}
