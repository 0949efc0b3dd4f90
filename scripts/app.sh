#!/usr/bin/env bash
# Preview of the desktop app (issue 3, in progress): installs WebKitGTK and the
# npm packages if missing, builds the UI and the Tauri shell, opens the window on
# the sample region. Under Xvfb: xvfb-run -a bash scripts/app.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! pkg-config --exists webkit2gtk-4.1 2>/dev/null; then
  for _ in $(seq 60); do
    $SUDO apt-get update -q && $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev && break
    sleep 5
  done
fi
command -v npm >/dev/null 2>&1 || { echo "npm ontbreekt: installeer Node.js 20+" >&2; exit 1; }
(cd ui && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build)
cargo build -p locatiescout-app
exec ./target/debug/locatiescout-app
