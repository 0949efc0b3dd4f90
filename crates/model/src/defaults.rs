//! The bundled defaults — profiles, field map, grid-note rules, business-case and
//! werkprogramma defaults, the CBS municipal boundaries — and where an
//! installation may replace them.
//!
//! Every default is compiled in (`include_str!`), so the CLI, the app and the tests
//! work from any folder and a default cannot go missing. An installed app also
//! ships them as files (Tauri resources, `/usr/lib/Locatiescout/defaults/` in the
//! `.deb`) and points [`use_dir`] there at start: a municipality's IT department
//! can then change, say, the default field map for every desk without a rebuild.
//! A file that is absent or unreadable there falls back to the compiled-in text.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

static DIR: OnceLock<PathBuf> = OnceLock::new();

/// Reads defaults from `dir` (names as under the repository's `data/`, e.g.
/// `profiles/flex.toml`) from now on. Call once, before anything is loaded: the
/// parsed defaults are kept for the life of the process. A second call is ignored.
pub fn use_dir(dir: &Path) {
    let _ = DIR.set(dir.to_path_buf());
}

/// The folder set by [`use_dir`], if any.
pub fn dir() -> Option<&'static Path> {
    DIR.get().map(PathBuf::as_path)
}

/// A default's text and where it came from: the installation's file if there is
/// one, else the compiled-in `builtin` (origin `data/<name>`).
pub fn text(name: &str, builtin: &'static str) -> (Cow<'static, str>, String) {
    if let Some(path) = dir().map(|d| d.join(name)) {
        match std::fs::read_to_string(&path) {
            Ok(t) => return (Cow::Owned(t), path.display().to_string()),
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                tracing::warn!(
                    "{} niet leesbaar: {}; de ingebouwde standaard wordt gebruikt",
                    path.display(),
                    crate::nl_error::io_nl(&e)
                );
            }
            Err(_) => {}
        }
    }
    (Cow::Borrowed(builtin), format!("data/{name}"))
}

/// As [`text`] for binary data.
pub fn bytes(name: &str, builtin: &'static [u8]) -> Cow<'static, [u8]> {
    if let Some(path) = dir().map(|d| d.join(name)) {
        if let Ok(b) = std::fs::read(&path) {
            return Cow::Owned(b);
        }
    }
    Cow::Borrowed(builtin)
}

/// Parses a default with `parse`; an installation's file that does not parse is
/// reported in the log and the compiled-in text is used instead, so a slip in an
/// edited file cannot keep the app from starting.
pub fn parsed<T, E: std::fmt::Display>(
    name: &str,
    builtin: &'static str,
    parse: impl Fn(&str, &str) -> Result<T, E>,
) -> Result<T, E> {
    let (text, origin) = text(name, builtin);
    match parse(&text, &origin) {
        Ok(v) => Ok(v),
        Err(e) if matches!(text, Cow::Owned(_)) => {
            tracing::warn!("{origin}: {e}; de ingebouwde standaard wordt gebruikt");
            parse(builtin, &format!("data/{name}"))
        }
        Err(e) => Err(e),
    }
}
