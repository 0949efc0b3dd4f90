#!/usr/bin/env bash
# Builds the optimised desktop app with the Tauri CLI pinned in ui/package.json
# (setup-app.sh installs it and builds ui/dist first). Arguments go to
# 'tauri build': --no-bundle for the binary only (target/release/locatiescout-app),
# --bundles deb for the installable package (target/release/bundle/deb/*.deb).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x ui/node_modules/.bin/tauri ] || [ ! -f ui/dist/index.html ]; then
  echo "FOUT: de Tauri CLI of ui/dist ontbreekt; draai eerst: bash scripts/setup-app.sh" >&2
  exit 1
fi
exec ui/node_modules/.bin/tauri build --ci "$@"
