#!/usr/bin/env bash
# The desktop app: installs WebKitGTK and the npm packages if missing, builds the
# UI and the Tauri shell, opens the window on the sample region.
# Under Xvfb: xvfb-run -a bash scripts/app.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/setup-app.sh
cargo build -p locatiescout-app
exec ./target/debug/locatiescout-app
