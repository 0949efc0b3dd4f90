//! The regional roll-up as a use case: gather the werkprogramma GeoPackages
//! (files, or every `.gpkg` in a folder), read them in parallel, roll them up
//! against the bundled CBS municipalities and the schemes' budgets, and write
//! the report, spreadsheet and GeoPackage all or nothing.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;

use locatiescout_engine::regio::{roll_up, scheme_budgets, Regio, RegioInput};
use locatiescout_model::exchange::Gemeente;
use locatiescout_output::report::regio as out;

use crate::{AppError, ErrorKind};

/// The bundled CBS municipalities with their provinces, read once.
pub fn cbs_register() -> Result<&'static [Gemeente], AppError> {
    static REGISTER: OnceLock<Result<Vec<Gemeente>, String>> = OnceLock::new();
    REGISTER
        .get_or_init(|| {
            locatiescout_io::cbs::register(&std::env::temp_dir()).map_err(|e| e.to_string())
        })
        .as_deref()
        .map_err(|e| {
            AppError::refused(
                ErrorKind::Internal,
                format!("de meegeleverde CBS-gemeenten zijn niet leesbaar: {e}"),
            )
        })
}

/// A bundled CBS municipality by code or name (`GM0344`, `Utrecht`).
pub fn find_gemeente(name_or_code: &str) -> Option<&'static Gemeente> {
    let want = name_or_code.trim().to_lowercase();
    if want.is_empty() {
        return None;
    }
    cbs_register()
        .ok()?
        .iter()
        .find(|g| g.code.to_lowercase() == want || g.naam.to_lowercase() == want)
}

/// `paths` with every folder replaced by the `.gpkg` files in it, sorted.
fn gather(paths: &[PathBuf]) -> Result<Vec<PathBuf>, AppError> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let entries = std::fs::read_dir(p).map_err(|e| {
                AppError::refused(
                    ErrorKind::Import,
                    format!(
                        "{}: map niet leesbaar: {}",
                        p.display(),
                        locatiescout_model::nl::io_nl(&e)
                    ),
                )
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| f.is_file() && locatiescout_model::files::extension_lower(f) == "gpkg")
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(AppError::refused(
                    ErrorKind::Import,
                    format!("{}: geen .gpkg-bestanden in deze map", p.display()),
                ));
            }
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    if files.is_empty() {
        return Err(AppError::refused(
            ErrorKind::Import,
            "kies één of meer werkprogramma's (.gpkg) of een map met zulke bestanden",
        ));
    }
    files.dedup();
    Ok(files)
}

fn display_name(p: &Path, all: &[PathBuf]) -> String {
    let name = p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    // Two files of the same name in different folders keep their folder.
    let twins = all
        .iter()
        .filter(|q| q.file_name() == p.file_name())
        .count();
    if twins > 1 {
        p.display().to_string()
    } else {
        name
    }
}

/// Reads every file (in parallel; every `.gpkg` of a folder) and rolls them
/// up; `expected` lists municipalities (codes, names, or provinces) that should
/// have sent one. Returns the roll-up and the files read.
pub fn read(paths: &[PathBuf], expected: &[String]) -> Result<(Regio, Vec<PathBuf>), AppError> {
    let files = gather(paths)?;
    let inputs: Vec<RegioInput> = files
        .par_iter()
        .map(|f| RegioInput {
            file: display_name(f, &files),
            submission: locatiescout_io::exchange::read(f).map_err(|e| {
                // The message names the full path; the report names the file.
                e.to_string()
                    .replace(&f.display().to_string(), &display_name(f, &files))
            }),
        })
        .collect();
    let r = roll_up(inputs, cbs_register()?, expected, &scheme_budgets());
    Ok((r, files))
}

/// [`read`], the roll-up alone.
pub fn regio(paths: &[PathBuf], expected: &[String]) -> Result<Regio, AppError> {
    Ok(read(paths, expected)?.0)
}

/// Rolls up `paths` and writes the result to `outs` (see [`write_regio`]).
pub fn export(
    paths: &[PathBuf],
    expected: &[String],
    outs: &[PathBuf],
    today: chrono::NaiveDate,
) -> Result<Regio, AppError> {
    let (r, files) = read(paths, expected)?;
    write_regio(&r, &files, outs, today)?;
    Ok(r)
}

/// Writes the roll-up in the formats the extensions name, all or nothing;
/// never over one of the files read.
pub fn write_regio(
    r: &Regio,
    inputs: &[PathBuf],
    outs: &[PathBuf],
    today: chrono::NaiveDate,
) -> Result<(), AppError> {
    let read: Vec<(&Path, &str)> = inputs
        .iter()
        .map(|p| (p.as_path(), "een werkprogramma dat wordt ingelezen"))
        .collect();
    crate::outputs::check_outputs(outs, &read, &out::FORMATS)?;
    out::stage(outs, r, today)?.commit()?;
    Ok(())
}
