//! Downloading from PDOK into a project: what to fetch and where, the same for
//! the command line and the app; the download itself is `locatiescout_io::fetch`.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use locatiescout_io::fetch::{
    self, Area, Collection, FetchProgress, FetchSettings, FetchSummary, Fetcher, Outcome,
};
use locatiescout_io::project::Project;
use locatiescout_model::attrs::FieldMap;
use locatiescout_model::layer::Layer;

use crate::access::SessionAccess;
use crate::{AppError, ErrorKind};

/// The collections named in `what` (percelen, panden, verblijfsobjecten, and
/// the overlays natura2000, cdda, overstroming, cultuurhistorie, wkpb, stations, buurten).
fn collections<'w>(what: impl IntoIterator<Item = &'w str>) -> Result<Vec<Collection>, AppError> {
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

/// The municipalities that can be fetched (CBS code, name), by name.
pub fn gemeenten() -> Result<Vec<(String, String)>, AppError> {
    let layer = fetch::gemeenten(&std::env::temp_dir())?;
    let mut out: Vec<(String, String)> = (0..layer.len())
        .filter_map(|i| {
            let name = layer.text(i, locatiescout_model::attrs::Field::Name)?;
            Some((layer.source_id(i)?.to_string(), name.to_string()))
        })
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

/// The area: a municipality by CBS code, else a bounding box in RD metres.
fn area(gemeente: Option<&str>, bbox: Option<&str>, work: &Path) -> Result<Area, AppError> {
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
/// An address that is no web address is refused (in Dutch, before any request).
pub fn settings(project: &Project, base_url: Option<&str>) -> Result<FetchSettings, AppError> {
    with_base_url(FetchSettings::of_project(project)?, base_url)
}

/// PDOK's own settings, for work without a project; the address replaced and
/// checked as in [`settings`].
pub fn default_settings(base_url: Option<&str>) -> Result<FetchSettings, AppError> {
    with_base_url(FetchSettings::default(), base_url)
}

fn with_base_url(s: FetchSettings, base_url: Option<&str>) -> Result<FetchSettings, AppError> {
    let s = match base_url
        .map(str::to_string)
        .or_else(|| std::env::var("LOCATIESCOUT_PDOK_URL").ok())
    {
        Some(u) => {
            // As typed: `http://` trimmed of its slashes would be named `http:`.
            locatiescout_io::fetch::check_base_url(&u)?;
            s.with_base_url(&u)
        }
        None => s,
    };
    // A project's stored addresses too.
    s.check_urls()?;
    Ok(s)
}

/// A download asked for: which collections, where, and whether to fetch again
/// what the project already holds for that area.
pub struct FetchRequest {
    pub what: Vec<Collection>,
    pub area: Area,
    pub refresh: bool,
}

impl FetchRequest {
    /// The user's words: collection names, a CBS code or a box in RD metres.
    pub fn parse<'w>(
        what: impl IntoIterator<Item = &'w str>,
        gemeente: Option<&str>,
        bbox: Option<&str>,
        refresh: bool,
    ) -> Result<FetchRequest, AppError> {
        Ok(FetchRequest {
            what: collections(what)?,
            area: area(gemeente, bbox, &std::env::temp_dir())?,
            refresh,
        })
    }
}

/// Downloads `todo` with PDOK's own field names into the temporary folder.
fn download(
    settings: &FetchSettings,
    todo: &[Collection],
    area: &Area,
    cancel: &AtomicBool,
    progress: &(dyn Fn(FetchProgress) + Sync),
) -> Result<Vec<(Layer, FetchSummary)>, AppError> {
    let map = FieldMap::default();
    let work = std::env::temp_dir();
    let fetcher = Fetcher::new(settings, &map, &work, cancel, progress)?;
    Ok(fetcher.all(todo, area)?)
}

/// Downloads into the project at `path` (created when it does not exist;
/// removed again when anything fails), skipping what the project already holds
/// unless `req.refresh`. `base_url` replaces PDOK's address.
pub fn into_project_file(
    path: &Path,
    req: &FetchRequest,
    base_url: Option<&str>,
    cancel: &AtomicBool,
    progress: &(dyn Fn(FetchProgress) + Sync),
) -> Result<Vec<(Collection, Outcome)>, AppError> {
    // Checked before a project is made for the fetch.
    if let Some(base) = base_url {
        locatiescout_io::fetch::check_base_url(base)?;
    }
    let (_, outcomes) = crate::project::open_or_create(path, |p| {
        let (map, work, settings) = (
            FieldMap::default(),
            std::env::temp_dir(),
            settings(p, base_url)?,
        );
        let fetcher = Fetcher::new(&settings, &map, &work, cancel, progress)?;
        Ok(fetch::fetch_into_project(
            p,
            &fetcher,
            &req.what,
            &req.area,
            req.refresh,
        )?)
    })?;
    Ok(outcomes)
}

/// Downloads into the open project: the download runs without the session
/// (the window keeps working); what arrived is stored and scored in one step at
/// the end, so a failure or a cancel changes nothing.
pub fn into_session(
    access: &impl SessionAccess,
    req: &FetchRequest,
    cancel: &AtomicBool,
    progress: &(dyn Fn(FetchProgress) + Sync),
) -> Result<Vec<(Collection, Outcome)>, AppError> {
    let (plan, settings) = access.with_session(|s| {
        Ok((
            fetch::plan(&s.project, &req.what, &req.area, req.refresh)?,
            settings(&s.project, None)?,
        ))
    })?;
    let fetched = download(&settings, &plan.todo, &req.area, cancel, progress)?;
    access.with_session(|s| s.store_fetched(fetched, &req.area, plan.cached))
}
