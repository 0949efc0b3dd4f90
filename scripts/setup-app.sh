#!/usr/bin/env bash
# What the desktop app needs on top of setup.sh, installed only when missing:
# WebKitGTK and friends to build it, Node.js's packages (with the Tauri CLI that
# bundles the .deb), and the UI built into ui/dist. --tests adds what the
# end-to-end test needs: WebKitWebDriver, Xvfb and tauri-driver.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/apt.sh
. scripts/lib/apt.sh

pkgs=(libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev)
if [ "${1:-}" = "--tests" ]; then
  pkgs+=(webkit2gtk-driver xvfb xauth)
fi
command -v node >/dev/null 2>&1 || pkgs+=(nodejs npm)
apt_install "${pkgs[@]}"

# Vite 8 needs Node.js 20.19 or newer; Debian 12's own nodejs is 18.
node_version=$(node --version 2>/dev/null || echo "geen")
case "$node_version" in
  v2[1-9].* | v[3-9][0-9].* | v20.19.* | v20.[2-9][0-9].*) ;;
  *)
    echo "FOUT: Node.js 20.19 of nieuwer is nodig (gevonden: $node_version)." >&2
    echo "Installeer een nieuwere Node.js (bijvoorbeeld van nodejs.org of NodeSource) en probeer opnieuw." >&2
    exit 1
    ;;
esac
command -v npm >/dev/null 2>&1 || { echo "FOUT: npm ontbreekt naast Node.js $node_version." >&2; exit 1; }

if [ "${1:-}" = "--tests" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
  command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --version 2.1.0 --locked --quiet
fi

cd ui
# Install again when package-lock.json changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
# Build ui/dist only when a source is newer than it: a fresh dist makes Cargo
# recompile the app that embeds it, which costs a minute or two in release.
if [ ! -f dist/index.html ] || [ -n "$(find src index.html package.json package-lock.json vite.config.ts tsconfig.json -newer dist/index.html 2>/dev/null | head -n 1)" ]; then
  npm run build --silent
fi
