#!/usr/bin/env bash
# Every test and lint: formatting, clippy (warnings are errors), the workspace
# tests (unit, integration over ../shared/data, golden files). No network.
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
# The last line CI reads is a real total, not a doc-test "0 passed".
python3 - /tmp/locatiescout-test.log <<'PY'
import re, sys
passed = failed = 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.search(r"test result: \w+\. (\d+) passed; (\d+) failed", line)
    if m:
        passed += int(m.group(1)); failed += int(m.group(2))
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or passed == 0 else 0)
PY
