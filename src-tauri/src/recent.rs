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
    let tmp = data_dir.join(format!("{FILE}.tmp"));
    let written = serde_json::to_vec_pretty(&all)
        .map_err(std::io::Error::other)
        .and_then(|b| std::fs::write(&tmp, b))
        .and_then(|_| std::fs::rename(&tmp, data_dir.join(FILE)));
    if let Err(e) = written {
        tracing::warn!("lijst van recente projecten niet bijgewerkt: {e}");
    }
}
