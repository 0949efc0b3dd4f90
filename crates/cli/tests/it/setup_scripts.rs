//! The setup scripts against a stub `apt-get`, `sudo`, `dpkg-query` and `id` on a
//! PATH of their own: what they would install on a bare machine, as root and as a
//! user with sudo, and that a failing install or a lock that stays held stops them
//! with a Dutch message instead of carrying on (the bug that left CI machines
//! without WebKitGTK while the scripts reported nothing).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Tools the scripts may use from the real system; everything else (cargo, npm,
/// node, python3, git, tauri-driver) is either a stub or absent.
const REAL_TOOLS: &[&str] = &[
    "bash", "env", "grep", "sed", "mktemp", "rm", "cat", "dirname", "sleep", "printf", "chmod",
    "find", "head",
];

struct Machine {
    dir: tempfile::TempDir,
}

impl Machine {
    /// A machine with nothing installed; `uid` is what `id -u` says.
    fn new(uid: u32) -> Machine {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin");
        std::fs::create_dir(&bin).unwrap();
        for tool in REAL_TOOLS {
            let found = ["/usr/bin", "/bin"]
                .iter()
                .map(|d| Path::new(d).join(tool))
                .find(|p| p.exists())
                .unwrap_or_else(|| panic!("{tool} not on this machine"));
            std::os::unix::fs::symlink(found, bin.join(tool)).unwrap();
        }
        let m = Machine { dir };
        std::fs::write(m.path("installed"), "").unwrap();
        m.stub("id", &format!("echo {uid}"));
        m.stub("sudo", r#"echo "sudo $*" >> "$STUB/calls"; exec "$@""#);
        // dpkg knows only what the stub apt-get installed.
        m.stub(
            "dpkg-query",
            r#"p="${!#}"; if grep -qx "$p" "$STUB/installed"; then printf installed; else exit 1; fi"#,
        );
        // apt-get: records its call and whether it ran as root with a non-interactive
        // frontend; STUB_LOCKED=N makes the first N calls find the lock held,
        // STUB_FAIL=pkg makes installing pkg fail as apt does.
        m.stub(
            "apt-get",
            r#"echo "apt-get $* (DEBIAN_FRONTEND=${DEBIAN_FRONTEND:-})" >> "$STUB/calls"
n=$(cat "$STUB/lock_tries" 2>/dev/null || echo 0)
if [ "$n" -lt "${STUB_LOCKED:-0}" ]; then
  echo $((n + 1)) > "$STUB/lock_tries"
  echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)" >&2
  exit 100
fi
if [ "$1" = install ]; then
  for p in "$@"; do
    case "$p" in -*|install) continue ;; esac
    if [ "$p" = "${STUB_FAIL:-}" ]; then echo "E: Unable to locate package $p" >&2; exit 100; fi
  done
  for p in "$@"; do
    case "$p" in -*|install) continue ;; esac
    [ "$p" = "${STUB_VANISH:-}" ] || echo "$p" >> "$STUB/installed"
    # Debian's nodejs brings node (a new enough one, for this test).
    if [ "$p" = nodejs ]; then
      printf '#!/bin/bash\necho v20.19.2\n' > "$STUB/bin/node"
      chmod +x "$STUB/bin/node"
    fi
  done
fi"#,
        );
        for tool in ["cargo", "npm", "rustup"] {
            m.stub(tool, &format!(r#"echo "{tool} $*" >> "$STUB/calls""#));
        }
        m
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn stub(&self, name: &str, body: &str) {
        let p = self.path("bin").join(name);
        let _ = std::fs::remove_file(&p);
        std::fs::write(&p, format!("#!/bin/bash\n{body}\n")).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    fn install(&self, pkgs: &[&str]) {
        let mut s = std::fs::read_to_string(self.path("installed")).unwrap();
        for p in pkgs {
            s.push_str(p);
            s.push('\n');
        }
        std::fs::write(self.path("installed"), s).unwrap();
    }

    /// Runs a script of the repository on this machine.
    fn run(&self, script: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
        let repo = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        Command::new(self.path("bin").join("bash"))
            .arg(repo.join("scripts").join(script))
            .args(args)
            .env_clear()
            .env("PATH", self.path("bin"))
            .env("HOME", self.dir.path())
            .env("STUB", self.dir.path())
            .env("LOCATIESCOUT_APT_RETRY_S", "0")
            .envs(env.iter().copied())
            .output()
            .unwrap()
    }

    fn calls(&self) -> Vec<String> {
        std::fs::read_to_string(self.path("calls"))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const CORE_TEST_PKGS: &str = "build-essential pkg-config git gdal-bin shellcheck faketime python3";
const APP_TEST_PKGS: &str = "libwebkit2gtk-4.1-dev libxdo-dev libssl-dev \
    libayatana-appindicator3-dev librsvg2-dev webkit2gtk-driver xvfb xauth nodejs npm";

#[test]
fn as_root_the_core_setup_installs_exactly_its_packages_without_sudo() {
    let m = Machine::new(0);
    let o = m.run("setup.sh", &["--tests"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        m.calls(),
        vec![
            "apt-get update -q (DEBIAN_FRONTEND=noninteractive)".to_string(),
            format!(
                "apt-get install -y -q --no-install-recommends {CORE_TEST_PKGS} (DEBIAN_FRONTEND=noninteractive)"
            ),
            "cargo clippy --version".to_string(),
            "cargo fmt --version".to_string(),
        ]
    );
    // A second run finds everything and installs nothing.
    std::fs::remove_file(m.path("calls")).unwrap();
    let o = m.run("setup.sh", &["--tests"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        m.calls().iter().all(|c| !c.starts_with("apt-get")),
        "{:?}",
        m.calls()
    );
}

#[test]
fn as_a_user_the_core_setup_goes_through_sudo() {
    let m = Machine::new(1000);
    let o = m.run("setup.sh", &[], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let calls = m.calls();
    assert_eq!(
        calls[..4],
        [
            "sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q".to_string(),
            "apt-get update -q (DEBIAN_FRONTEND=noninteractive)".to_string(),
            "sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends build-essential pkg-config git".to_string(),
            "apt-get install -y -q --no-install-recommends build-essential pkg-config git (DEBIAN_FRONTEND=noninteractive)".to_string(),
        ]
    );
}

#[test]
fn as_root_the_app_setup_installs_webkit_the_driver_and_xvfb_then_builds_the_ui() {
    let m = Machine::new(0);
    // No node: it comes with the nodejs package, as on Debian.
    let o = m.run("setup-app.sh", &["--tests"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    // `npm ci` and the UI build run only when ui/node_modules or ui/dist is older
    // than its sources, which depends on the checkout this test runs in.
    let calls: Vec<String> = m
        .calls()
        .into_iter()
        .filter(|c| !c.starts_with("npm "))
        .collect();
    assert_eq!(
        calls,
        vec![
            "apt-get update -q (DEBIAN_FRONTEND=noninteractive)".to_string(),
            format!(
                "apt-get install -y -q --no-install-recommends {APP_TEST_PKGS} (DEBIAN_FRONTEND=noninteractive)"
            ),
            "cargo install tauri-driver --version 2.1.0 --locked --quiet".to_string(),
        ]
    );
}

#[test]
fn as_a_user_the_app_setup_goes_through_sudo_and_without_tests_skips_the_driver() {
    let m = Machine::new(1000);
    m.stub("node", "echo v22.1.0");
    let o = m.run("setup-app.sh", &[], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let calls = m.calls();
    assert!(calls.contains(&"sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev".to_string()), "{calls:?}");
    assert!(
        !calls
            .iter()
            .any(|c| c.contains("tauri-driver") || c.contains("xvfb")),
        "{calls:?}"
    );
}

#[test]
fn a_failing_install_stops_the_script_with_the_apt_error() {
    for (script, bad) in [
        ("setup.sh", "gdal-bin"),
        ("setup-app.sh", "webkit2gtk-driver"),
    ] {
        let m = Machine::new(0);
        m.stub("node", "echo v20.19.2");
        let o = m.run(script, &["--tests"], &[("STUB_FAIL", bad)]);
        assert!(!o.status.success(), "{script} carried on");
        let err = stderr(&o);
        assert!(err.contains("FOUT: installeren van"), "{err}");
        assert!(err.contains(bad), "{err}");
        assert!(
            err.contains(&format!("apt: E: Unable to locate package {bad}")),
            "{err}"
        );
        // Nothing after the failed install ran.
        let calls = m.calls();
        assert!(
            calls.iter().all(|c| c.starts_with("apt-get")),
            "{script} ran on: {calls:?}"
        );
        assert_eq!(calls.len(), 2, "{calls:?}");
    }
}

#[test]
fn a_package_that_apt_did_not_install_stops_the_script() {
    let m = Machine::new(0);
    let o = m.run("setup.sh", &["--tests"], &[("STUB_VANISH", "shellcheck")]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("niet geïnstalleerd: shellcheck"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_held_lock_is_waited_for_but_not_for_ever() {
    // Held for two tries, with time to wait: installs.
    let m = Machine::new(0);
    let o = m.run(
        "setup.sh",
        &[],
        &[("STUB_LOCKED", "2"), ("LOCATIESCOUT_APT_RETRY_S", "1")],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("ik wacht"), "{}", stderr(&o));
    assert_eq!(
        m.calls()
            .iter()
            .filter(|c| c.starts_with("apt-get update"))
            .count(),
        3
    );
    // Held for longer than the wait: stops and says so.
    let m = Machine::new(0);
    let o = m.run(
        "setup.sh",
        &[],
        &[
            ("STUB_LOCKED", "100"),
            ("LOCATIESCOUT_APT_RETRY_S", "1"),
            ("LOCATIESCOUT_APT_LOCK_WAIT_S", "2"),
        ],
    );
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("apt bleef 2 s bezet"), "{err}");
    assert!(err.contains("Could not get lock"), "{err}");
    assert!(m.calls().len() <= 4, "{:?}", m.calls());
}

#[test]
fn no_cargo_and_old_node_are_told_plainly() {
    let m = Machine::new(0);
    std::fs::remove_file(m.path("bin").join("cargo")).unwrap();
    let o = m.run("setup.sh", &[], &[]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("cargo ontbreekt"), "{}", stderr(&o));

    let m = Machine::new(0);
    m.install(&[
        "libwebkit2gtk-4.1-dev",
        "libxdo-dev",
        "libssl-dev",
        "libayatana-appindicator3-dev",
        "librsvg2-dev",
    ]);
    m.stub("node", "echo v18.19.0");
    let o = m.run("setup-app.sh", &[], &[]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("Node.js 20.19 of nieuwer is nodig (gevonden: v18.19.0)"),
        "{}",
        stderr(&o)
    );
    assert!(m.calls().is_empty(), "{:?}", m.calls());
}
