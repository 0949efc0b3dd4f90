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

/// The file a write to `path` replaces: through a symbolic link its target (the
/// link stays a link and the target gets the new contents), and never a
/// directory, device or pipe (`/dev/full`, a FIFO): those are refused in Dutch
/// before anything is written, so nothing is put beside them either. A name that
/// ends as a folder's does (`x.csv/`, `x.csv/.`) is refused too: a file would be
/// made beside it whose rename onto it must fail.
pub fn output_target(path: &Path) -> io::Result<std::path::PathBuf> {
    if names_a_folder(path) {
        return Err(io::Error::other(crate::nl::DutchIo(
            "de naam eindigt als een map (op / of /.), niet als een bestand; laat dat einde weg (er is niets geschreven)".into(),
        )));
    }
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let target = if is_link {
        match std::fs::canonicalize(path) {
            Ok(target) => target,
            // A link to a file not made yet: its target, read as the link says.
            Err(_) => {
                let to = std::fs::read_link(path)?;
                if to.is_absolute() {
                    to
                } else {
                    path.parent().unwrap_or(Path::new(".")).join(to)
                }
            }
        }
    } else {
        path.to_path_buf()
    };
    if let Ok(meta) = std::fs::metadata(&target) {
        if !meta.is_file() {
            return Err(io::Error::other(crate::nl::DutchIo(format!(
                "{} is geen gewoon bestand maar {}; kies een bestandsnaam (er is niets geschreven)",
                path.display(),
                if meta.is_dir() {
                    "een map"
                } else {
                    "een apparaat of pipe"
                }
            ))));
        }
    }
    Ok(target)
}

/// Whether `path` as typed ends in a separator, `.` or `..`: `Path` forgets a
/// trailing `/` and `.` (`x.csv/` has the file name `x.csv`), the system does not.
fn names_a_folder(path: &Path) -> bool {
    let text = path.as_os_str().to_string_lossy();
    let last = text
        .rsplit(std::path::is_separator)
        .next()
        .unwrap_or_default();
    matches!(last, "" | "." | "..")
}

/// Writes `bytes` beside `path` (through a link: beside its target) and renames
/// it into place: a failed or interrupted write (a full disk) never leaves half
/// a file, and an old file stays until the new one is complete.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let path = &output_target(path)?;
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    let tmp = path.with_file_name(name);
    let r = std::fs::File::create(&tmp)
        .and_then(|mut f| {
            use std::io::Write;
            f.write_all(bytes)?;
            f.sync_all()
        })
        .and_then(|_| std::fs::rename(&tmp, path));
    if r.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    r
}

/// Whether `a` and `b` are the same existing file: links, `..` and (on a
/// case-insensitive disk) case are resolved by the file system itself.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        x.dev() == y.dev() && x.ino() == y.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (x, y);
        matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(p), Ok(q)) if p.to_string_lossy().to_lowercase() == q.to_string_lossy().to_lowercase()
        )
    }
}

/// Refuses an output that is one of the command's own inputs (the project or a
/// file read): writing it would destroy what the user had. `inputs` pairs each
/// path with what it is ("het project", "de percelen").
pub fn refuse_overwriting_input(out: &Path, inputs: &[(&Path, &str)]) -> Result<(), String> {
    for (input, what) in inputs {
        if same_file(out, input) {
            return Err(format!(
                "{}: dat is {what} zelf; kies een ander uitvoerbestand (er is niets geschreven)",
                out.display()
            ));
        }
    }
    Ok(())
}

/// Refuses what is not an ordinary file before it is opened: opening a pipe
/// (FIFO) with no writer waits for ever, a device never ends, and a `/proc`-like
/// file says it is empty while it is not. A path that does not exist passes: the
/// open that follows names that error.
pub fn refuse_special(path: &Path) -> Result<(), String> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    if meta.is_dir() {
        return Err(format!("{} is een map, geen bestand", path.display()));
    }
    if !meta.is_file() {
        return Err(format!(
            "{} is geen gewoon bestand (maar een pijp, apparaat of socket) en wordt niet gelezen; kies een bestand op schijf",
            path.display()
        ));
    }
    if meta.len() == 0 {
        // A regular file of 0 bytes that still yields bytes is generated by the system.
        let mut one = [0u8; 1];
        let read = std::fs::File::open(path).and_then(|mut f| io::Read::read(&mut f, &mut one));
        if matches!(read, Ok(n) if n > 0) {
            return Err(format!(
                "{} is een systeembestand zonder vaste grootte (zoals in /proc) en wordt niet gelezen; kopieer het eerst naar een gewoon bestand",
                path.display()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Review F7: `x.csv/` made `x.csv.tmp` and failed only at the rename,
    /// leaving it; now such a name is refused before anything is made.
    #[test]
    fn a_name_ending_as_a_folder_is_refused_and_nothing_is_left() {
        let dir = std::env::temp_dir().join(format!("ls-files-slash-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for name in ["x.csv/", "x.csv/.", "x.csv//", "x.csv/.."] {
            let path = dir.join(name);
            let e = output_target(&path).unwrap_err();
            assert!(e.to_string().contains("eindigt als een map"), "{name}: {e}");
            assert!(write_atomic(&path, b"a;b\n").is_err(), "{name}");
            let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
            assert!(left.is_empty(), "{name}: {left:?}");
        }
        assert!(output_target(&dir.join("x.csv")).is_ok());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_output_that_is_an_input_is_refused_through_links() {
        let dir = std::env::temp_dir().join(format!("ls-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let input = dir.join("p.locatiescout");
        std::fs::write(&input, b"x").unwrap();
        let other = dir.join("out.csv");
        assert!(refuse_overwriting_input(&other, &[(&input, "het project")]).is_ok());
        // The same file by another spelling and through a hard link.
        let dotted = dir.join(".").join("p.locatiescout");
        let e = refuse_overwriting_input(&dotted, &[(&input, "het project")]).unwrap_err();
        assert!(e.contains("dat is het project zelf"), "{e}");
        let link = dir.join("link.locatiescout");
        let _ = std::fs::remove_file(&link);
        std::fs::hard_link(&input, &link).unwrap();
        assert!(refuse_overwriting_input(&link, &[(&input, "het project")]).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
