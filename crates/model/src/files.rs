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

#[cfg(test)]
mod tests {
    use super::*;

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
