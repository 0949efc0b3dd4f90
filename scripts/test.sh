#!/usr/bin/env bash
# Every test and lint: formatting, clippy (warnings are errors), the workspace
# tests (unit, integration over ../shared/data, golden files), and the UI's type
# check and unit tests (vitest, happy-dom). No network beyond the package registries.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ ! -d ../shared/data ]; then
  echo "../shared/data ontbreekt: de tests lezen echte bestanden daaruit" >&2
  exit 1
fi
cargo fmt --all -- --check
cargo clippy --all-targets --quiet -- -D warnings
cargo test --all-targets --quiet 2>&1 | tee /tmp/locatiescout-test.log

command -v npm >/dev/null 2>&1 || { echo "npm ontbreekt: installeer Node.js 20.19 of nieuwer" >&2; exit 1; }
(
  cd ui
  npm ci --no-audit --no-fund --loglevel=error
  npx tsc --noEmit
  npx vitest run --reporter=default --reporter=json --outputFile=/tmp/locatiescout-vitest.json
)

# The last line CI reads is a real total of both suites, not a doc-test "0 passed".
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
