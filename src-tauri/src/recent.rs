//! The list of recently opened projects, a small JSON file in the data folder.

use std::path::{Path, PathBuf};

const FILE: &str = "recent.json";
const KEEP: usize = 8;

/// Newest first; files that no longer exist are left out.
pub fn list(data_dir: &Path) -> Vec<PathBuf> {
    std::fs::read(data_dir.join(FILE))
        .ok()
        .and_then(|b| serde_json::from_slice::<Vec<PathBuf>>(&b).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.exists())
        .collect()
}

/// Puts `project` first. A failure to write the list is only logged: it must never
/// stop the user from working.
pub fn remember(data_dir: &Path, project: &Path) {
    let project = project
        .canonicalize()
        .unwrap_or_else(|_| project.to_path_buf());
    let mut all = list(data_dir);
    all.retain(|p| p != &project);
    all.insert(0, project);
    all.truncate(KEEP);
    // Beside it and renamed into place; a failure leaves neither half a list nor the temporary file.
    let written = serde_json::to_vec_pretty(&all)
        .map_err(std::io::Error::other)
        .and_then(|b| locatiescout::model::files::write_atomic(&data_dir.join(FILE), &b));
    if let Err(e) = written {
        tracing::warn!("lijst van recente projecten niet bijgewerkt: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Review F7: a list that cannot be put in place (a folder holds its name)
    /// leaves no temporary file in the data folder.
    #[test]
    fn a_failed_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(FILE).join("bezet")).unwrap();
        let project = dir.path().join("p.locatiescout");
        std::fs::write(&project, b"x").unwrap();
        remember(dir.path(), &project);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["p.locatiescout", FILE]);
        // Where it can be written, it is.
        std::fs::remove_dir_all(dir.path().join(FILE)).unwrap();
        remember(dir.path(), &project);
        assert_eq!(list(dir.path()).len(), 1);
    }
}
