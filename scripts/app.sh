#!/usr/bin/env bash
# The desktop app, optimised: installs what is missing (setup.sh, setup-app.sh),
# builds the release app with the Tauri CLI (the UI embedded, as in the .deb) and
# opens the window on the sample region. Under Xvfb: xvfb-run -a bash scripts/app.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/setup-app.sh
bash scripts/build-app.sh --no-bundle
exec ./target/release/locatiescout-app "$@"
