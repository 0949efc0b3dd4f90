//! Fetching into a project: what it already has for an area (a record per
//! collection, so the same area is not downloaded twice), storing what came,
//! each layer with the record of its fetch, and the project's own settings.
//! Kept apart from the fetching itself: this is the use case on top of it.

use super::area::Area;
use super::collection::Collection;
use super::error::FetchError;
use super::fetcher::{FetchSummary, Fetcher};
use super::settings::FetchSettings;
use crate::import::Layer;

/// What the project remembers of a fetch, so the same area is not downloaded twice.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FetchRecord {
    pub area: String,
    pub at: String,
    pub features: usize,
    pub pages: u32,
    pub url: String,
}

fn record_key(c: Collection) -> String {
    format!("fetch:{}", c.key())
}

/// The previous fetch of `c` stored in the project, if any.
pub fn previous(
    project: &crate::project::Project,
    c: Collection,
) -> Result<Option<FetchRecord>, crate::project::ProjectError> {
    Ok(project
        .setting(&record_key(c))?
        .and_then(|t| serde_json::from_str(&t).ok()))
}

/// One collection's outcome for a project.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub enum Outcome {
    /// Fetched now and stored.
    Fetched(FetchSummary, usize),
    /// Already in the project for this area; nothing downloaded.
    Cached(FetchRecord),
}

impl Outcome {
    /// One Dutch line for the user: what came, from where, what was left out.
    pub fn describe(&self, c: Collection) -> String {
        match self {
            Outcome::Fetched(s, kept) => format!(
                "{}: {} opgehaald in {} {}{}{}, {} in het project",
                c.key(),
                s.received,
                s.pages,
                if s.pages == 1 { "pagina" } else { "pagina's" },
                if s.outside > 0 {
                    format!(", {} buiten de gemeente", s.outside)
                } else {
                    String::new()
                },
                if s.retries > 0 {
                    format!(", {} keer opnieuw geprobeerd", s.retries)
                } else {
                    String::new()
                },
                kept
            ),
            Outcome::Cached(r) => format!(
                "{}: al opgehaald op {} ({} objecten, {}); opnieuw ophalen kan",
                c.key(),
                r.at,
                r.features,
                r.area
            ),
        }
    }
}

/// What a fetch into a project has to download, and what it already has.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub todo: Vec<Collection>,
    pub cached: Vec<(Collection, Outcome)>,
}

/// Which of `what` must be downloaded for `area` (all with `refresh`), and the
/// outcome of those already in the project.
pub fn plan(
    project: &crate::project::Project,
    what: &[Collection],
    area: &Area,
    refresh: bool,
) -> Result<Plan, FetchError> {
    let stored = project.stored_layers()?;
    let mut cached = Vec::new();
    let mut todo = Vec::new();
    for &c in what {
        let have = stored.iter().any(|(kind, name)| match c.overlay_name() {
            Some(n) => name == n,
            None => *kind == c.layer_kind() && name.is_empty(),
        });
        match previous(project, c)? {
            Some(r) if !refresh && r.area == area.label && have => {
                cached.push((c, Outcome::Cached(r)))
            }
            _ => todo.push(c),
        }
    }
    Ok(Plan { todo, cached })
}

/// Stores fetched layers, each with a record of its fetch.
pub fn store(
    project: &mut crate::project::Project,
    fetched: &[(Layer, FetchSummary)],
    area: &Area,
) -> Result<Vec<(Collection, Outcome)>, FetchError> {
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut outcomes = Vec::new();
    for (layer, summary) in fetched {
        let c = summary.collection;
        match c.overlay_name() {
            Some(name) => {
                let (role, title) = crate::project::overlay_defaults(name);
                project.save_overlay(layer, name, role.key(), &title)?
            }
            None => project.save_layer(layer)?,
        }
        let record = FetchRecord {
            area: area.label.clone(),
            at: at.clone(),
            features: layer.len(),
            pages: summary.pages,
            url: summary.first_url.clone(),
        };
        let text = serde_json::to_string(&record)
            .map_err(|e| FetchError::Input(locatiescout_model::nl_error::json_nl(&e)))?;
        project.set_setting(&record_key(c), &text)?;
        outcomes.push((c, Outcome::Fetched(summary.clone(), layer.len())));
    }
    Ok(outcomes)
}

/// Fetches what the project does not have yet for `area` (or everything with
/// `refresh`) and stores each layer with a record of the fetch. Layers are
/// stored only after every collection arrived: a failure changes nothing.
pub fn fetch_into_project(
    project: &mut crate::project::Project,
    f: &Fetcher<'_>,
    what: &[Collection],
    area: &Area,
    refresh: bool,
) -> Result<Vec<(Collection, Outcome)>, FetchError> {
    let Plan {
        todo,
        cached: mut outcomes,
    } = plan(project, what, area, refresh)?;
    let fetched = f.all(&todo, area)?;
    outcomes.extend(store(project, &fetched, area)?);
    in_collection_order(&mut outcomes);
    Ok(outcomes)
}

impl FetchSettings {
    /// The project's `fetch_settings` (a mirror, other limits), else PDOK's defaults.
    pub fn of_project(
        project: &crate::project::Project,
    ) -> Result<FetchSettings, crate::project::ProjectError> {
        Ok(project
            .setting("fetch_settings")?
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default())
    }
}

/// Every collection's outcome in the order of [`Collection::ALL`], however
/// they arrived (those already in the project first, then the downloads).
pub fn in_collection_order(outcomes: &mut [(Collection, Outcome)]) {
    outcomes.sort_by_key(|(c, _)| Collection::ALL.iter().position(|x| x == c));
}
