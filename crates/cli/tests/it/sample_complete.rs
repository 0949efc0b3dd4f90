//! The sample as `scripts/run.sh` ranks it without a display: its score commands,
//! as the script spells them, cover every default profile, and each of them has
//! every criterion at work for every site — no "niet beoordeeld" anywhere, a
//! value in every criterion column of the scored CSV.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).to_path_buf()
}

/// The arguments of every `$BIN` call in run.sh, as bash expands them: the part
/// after `BIN=` runs with `BIN` a stub that writes its arguments to a file.
fn run_sh_calls(dir: &Path) -> Vec<Vec<String>> {
    let script = std::fs::read_to_string(repo().join("scripts/run.sh")).unwrap();
    let (_, tail) = script
        .split_once("\nBIN=")
        .expect("run.sh sets BIN before the score commands");
    let tail = tail.split_once('\n').expect("commands after BIN=").1;
    let calls = dir.join("calls");
    std::fs::create_dir(&calls).unwrap();
    let stub = dir.join("stub.sh");
    std::fs::write(
        &stub,
        format!(
            "#!/bin/sh\nprintf '%s\\0' \"$@\" > \"$(mktemp {}/call.XXXXXX)\"\n",
            calls.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&stub, std::fs::Permissions::from_mode(0o755)).unwrap();
    let o = Command::new("bash")
        .arg("-c")
        .arg(format!("set -euo pipefail\nBIN={}\n{tail}", stub.display()))
        .current_dir(repo())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::read_dir(&calls)
        .unwrap()
        .map(|e| {
            let bytes = std::fs::read(e.unwrap().path()).unwrap();
            String::from_utf8(bytes)
                .unwrap()
                .split_terminator('\0')
                .map(str::to_string)
                .collect()
        })
        .collect()
}

#[test]
fn run_sh_ranks_the_sample_with_every_criterion_of_every_profile_assessed() {
    let dir = tempfile::tempdir().unwrap();
    let calls = run_sh_calls(dir.path());
    let mut profiles = BTreeSet::new();
    for (n, call) in calls.iter().enumerate() {
        assert_eq!(call[0], "score", "{call:?}");
        let at = call.iter().position(|a| a == "--profile").unwrap();
        let profile = call[at + 1].clone();
        // Every site written: the script's --top only shortens the table.
        let mut args: Vec<&str> = Vec::new();
        let mut it = call.iter();
        while let Some(a) = it.next() {
            if a == "--top" {
                it.next();
            } else {
                args.push(a);
            }
        }
        let csv = dir.path().join(format!("{n}.csv"));
        args.extend(["--out", csv.to_str().unwrap()]);
        let o = Command::new(env!("CARGO_BIN_EXE_locatiescout"))
            .args(&args)
            .current_dir(repo())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success(), "{profile}: {err}");
        assert!(!err.contains("niet beoordeeld"), "{profile}: {err}");
        assert!(!out.contains("niet beoordeeld"), "{profile}: {out}");
        let mut r = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_path(&csv)
            .unwrap();
        let header: Vec<String> = r
            .headers()
            .unwrap()
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_string())
            .collect();
        // A sub-score per criterion, a value per spatial criterion.
        let valued: Vec<usize> = (0..header.len())
            .filter(|&i| {
                let h = &header[i];
                h.starts_with("score_") || h.ends_with("_pct") || h.ends_with("_m")
            })
            .collect();
        let explanation = header.iter().position(|h| h == "toelichting").unwrap();
        let mut rows = 0;
        for row in r.records() {
            let row = row.unwrap();
            rows += 1;
            assert!(
                !row[explanation].contains("niet beoordeeld"),
                "{profile}: {}",
                &row[explanation]
            );
            for &i in &valued {
                assert!(!row[i].is_empty(), "{profile}: no {} in {row:?}", header[i]);
            }
        }
        assert!(rows > 1000, "{profile}: {rows} sites");
        profiles.insert(profile);
    }
    let all: BTreeSet<String> = std::fs::read_dir(repo().join("data/profiles"))
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "toml").then(|| p.file_stem().unwrap().to_string_lossy().into())
        })
        .collect();
    assert_eq!(profiles, all, "run.sh ranks the sample with every profile");
}
