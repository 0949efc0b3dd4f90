//! Comparison of sites and the werkprogramma: the UI sends what the user
//! chose or typed, the core checks and computes, the project stores it at once.

use std::path::PathBuf;

use locatiescout::engine::business::HousingForm;
use locatiescout::engine::compare::{compare, Comparison};
use locatiescout::engine::werkprogramma::{Entry, Werkprogramma};
use locatiescout::output::report::{self, WerkprogrammaExport};
use tauri::State;

use crate::dto_werkprogramma::{ComparisonDto, WerkprogrammaDto, WerkprogrammaInputDto};
use crate::error::{ApiError, ErrorCode};
use crate::state::{with_session, AppState, Session};

/// The werkprogramma computed against the loaded data; the current profile's
/// sites come from the session's scoring (with the weights on screen).
fn computed(s: &Session, wp: &Werkprogramma) -> Result<WerkprogrammaExport, ApiError> {
    let flags = s.project.current_flags()?;
    let saved = s.project.saved_profile()?;
    let today = s.scoring.profile.reference_date();
    Ok(report::assemble_for(
        &s.ds,
        s.outline.as_ref(),
        Some(&s.scoring),
        &saved,
        &flags,
        wp,
        today,
    )?)
}

fn dto(ex: &WerkprogrammaExport) -> WerkprogrammaDto {
    WerkprogrammaDto::new(
        ex.report.clone(),
        report::chart_svg(ex),
        report::map_svg(ex),
    )
}

fn comparison(s: &Session, indices: &[u32]) -> Result<Comparison, ApiError> {
    let flags = s.project.current_flags()?;
    let wp = locatiescout::stored::werkprogramma(&s.project)?;
    let today = s.scoring.profile.reference_date();
    compare(&s.ds, &s.scoring, indices, &flags, &wp, today)
        .map_err(|e| ApiError::new(ErrorCode::Score, e.to_string()))
}

/// Two to four sites of the current profile side by side.
#[tauri::command]
pub fn compare_sites(
    state: State<'_, AppState>,
    indices: Vec<u32>,
) -> Result<ComparisonDto, ApiError> {
    with_session(&state, |s| comparison(s, &indices).map(ComparisonDto::from))
}

/// The same comparison written to `path` (.xlsx or .csv); returns the path written.
#[tauri::command]
pub fn compare_export(
    state: State<'_, AppState>,
    indices: Vec<u32>,
    path: String,
) -> Result<String, ApiError> {
    with_session(&state, |s| {
        let c = comparison(s, &indices)?;
        let path = PathBuf::from(&path);
        locatiescout::output::compare::write(&path, &c)
            .map_err(|e| ApiError::new(ErrorCode::Export, e.to_string()))?;
        Ok(path.display().to_string())
    })
}

/// The stored werkprogramma, computed.
#[tauri::command]
pub fn werkprogramma(state: State<'_, AppState>) -> Result<WerkprogrammaDto, ApiError> {
    with_session(&state, |s| {
        let wp = locatiescout::stored::werkprogramma(&s.project)?;
        Ok(dto(&computed(s, &wp)?))
    })
}

/// Replaces the werkprogramma with what the user entered; refused whole (and
/// nothing stored) when a number makes no sense.
#[tauri::command]
pub fn werkprogramma_set(
    state: State<'_, AppState>,
    input: WerkprogrammaInputDto,
) -> Result<WerkprogrammaDto, ApiError> {
    let wp = Werkprogramma::from(input);
    with_session(&state, |s| {
        locatiescout::stored::set_werkprogramma(&s.project, &wp)
            .map_err(|e| ApiError::new(ErrorCode::Werkprogramma, e.to_string()))?;
        Ok(dto(&computed(s, &wp)?))
    })
}

/// Adds sites of the current profile with its estimate of homes, delivered in
/// the first period; a site already in the werkprogramma is left as it is.
#[tauri::command]
pub fn werkprogramma_add(
    state: State<'_, AppState>,
    indices: Vec<u32>,
) -> Result<WerkprogrammaDto, ApiError> {
    with_session(&state, |s| {
        let mut wp = locatiescout::stored::werkprogramma(&s.project)?;
        let profile = s.scoring.profile.key.clone();
        let form = if profile == "transformatie" {
            HousingForm::Transformatie
        } else {
            HousingForm::Flex
        };
        for &i in &indices {
            let (site_id, _) = s.site_key(i).ok_or_else(|| {
                ApiError::new(
                    ErrorCode::Werkprogramma,
                    format!(
                        "locatie {i} heeft geen identificatie en kan niet in het werkprogramma"
                    ),
                )
            })?;
            let homes = s
                .scoring
                .facts(&s.ds, i as usize)
                .map_or(0.0, |f| f.homes.floor());
            wp.add_site(Entry {
                site_id,
                profile: profile.clone(),
                form,
                homes,
                ..Entry::default()
            });
        }
        locatiescout::stored::set_werkprogramma(&s.project, &wp)
            .map_err(|e| ApiError::new(ErrorCode::Werkprogramma, e.to_string()))?;
        Ok(dto(&computed(s, &wp)?))
    })
}

/// Writes the werkprogramma as the extension of `path` says (.html, .pdf,
/// .xlsx, .csv, .gpkg, .geojson); returns the path written.
#[tauri::command]
pub fn werkprogramma_export(state: State<'_, AppState>, path: String) -> Result<String, ApiError> {
    with_session(&state, |s| {
        let wp = locatiescout::stored::werkprogramma(&s.project)?;
        let ex = computed(s, &wp)?;
        let path = PathBuf::from(&path);
        report::write(&path, &ex)?;
        Ok(path.display().to_string())
    })
}
