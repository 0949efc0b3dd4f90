//! Writing a user's files: the extension decides the format, and a write is
//! atomic so an interrupted one never leaves half a file.

use std::io;
use std::path::Path;

/// The file's extension in lower case ("" without one): what decides its format.
pub fn extension_lower(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

/// Writes `bytes` beside `path` and renames it into place: a failed or
/// interrupted write never leaves half a file, and an old file stays until the
/// new one is complete.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    let tmp = path.with_file_name(name);
    let r = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, path));
    if r.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    r
}
