#!/usr/bin/env bash
# Every test and lint: the crates' layering, formatting, clippy (warnings are
# errors), each crate's tests (unit, one integration binary per crate over
# ../shared/data, golden files), the UI's type check and
# unit tests (vitest, happy-dom), the desktop shell (generated TypeScript bindings
# must not drift), the end-to-end test of the real window under Xvfb, and the
# installable package: the .deb is built, installed into this machine (CI is root;
# otherwise through sudo) and the installed app is started outside the checkout.
# No network beyond the package registries.
set -euo pipefail
cd "$(dirname "$0")/.."
# Everything is installed first, so a package that cannot be had stops the run at
# once with apt's reason (setup-app.sh also installs ui/node_modules and builds ui/dist).
bash scripts/setup.sh --tests
bash scripts/setup-app.sh --tests
export PATH="$HOME/.cargo/bin:$PATH"
# A fresh clone builds once: incremental caches would only take disk (GBs) there.
if [ -n "${CI:-}" ]; then export CARGO_INCREMENTAL=0; fi
if [ ! -d ../shared/data ]; then
  echo "../shared/data ontbreekt: de tests lezen echte bestanden daaruit" >&2
  exit 1
fi
shellcheck -x scripts/*.sh scripts/lib/*.sh bench/*.sh .ci/run
# The crates' dependencies point one way (model ← io/engine ← output ← application ← front ends).
bash scripts/check-layers.sh
cargo fmt --all -- --check
cargo clippy --all-targets --quiet -- -D warnings
cargo test --all-targets --quiet 2>&1 | tee /tmp/locatiescout-test.log

(
  cd ui
  npx tsc --noEmit
  npx vitest run --reporter=default --reporter=json --outputFile=/tmp/locatiescout-vitest.json
)

# The desktop app (ui/dist built by setup-app.sh): lint and test the shell, then
# drive the real window through tauri-driver + WebKitWebDriver under Xvfb.
cargo clippy -p locatiescout-app -p locatiescout-e2e --all-targets --quiet -- -D warnings
cargo test -p locatiescout-app --quiet 2>&1 | tee -a /tmp/locatiescout-test.log
drift=$(git status --porcelain -- ui/src/bindings)
if [ -n "$drift" ]; then
  echo "ui/src/bindings wijkt af van de Rust-typen: commit de gegenereerde bestanden" >&2
  echo "$drift" >&2
  exit 1
fi
cargo build -p locatiescout-app --quiet
xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p locatiescout-e2e --test window --test access 2>&1 | tee -a /tmp/locatiescout-test.log

# The package a planner installs: the optimised build, bundled as a .deb, installed
# with dpkg, and started from outside the checkout.
rm -rf target/release/bundle/deb
bash scripts/build-app.sh --bundles deb
debs=(target/release/bundle/deb/*.deb)
deb=${debs[0]}
# shellcheck source=scripts/lib/apt.sh
. scripts/lib/apt.sh
as_root dpkg -i "$deb"
files=$(dpkg -L locatiescout)
installed=$(grep -m1 '^/usr/bin/' <<<"$files")
for f in sample/percelen.geojson defaults/profiles/flex.toml defaults/fieldmap.toml defaults/cbs_gemeenten_2024_rd.geojson; do
  grep -q "/$f\$" <<<"$files" || { echo "FOUT: het pakket mist $f" >&2; exit 1; }
done
LOCATIESCOUT_APP="$installed" xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p locatiescout-e2e --test installed 2>&1 | tee -a /tmp/locatiescout-test.log

# The last line CI reads is a real total of all suites, not a doc-test "0 passed".
python3 - /tmp/locatiescout-test.log /tmp/locatiescout-vitest.json <<'PY'
import json, re, sys
passed = failed = 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.search(r"test result: \w+\. (\d+) passed; (\d+) failed", line)
    if m:
        passed += int(m.group(1)); failed += int(m.group(2))
ui = json.load(open(sys.argv[2]))
passed += ui["numPassedTests"]; failed += ui["numFailedTests"]
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or passed == 0 else 0)
PY
