#!/usr/bin/env bash
# What the desktop app and its end-to-end test need on top of setup.sh, installed
# only when missing: WebKitGTK (build), WebKitWebDriver, Xvfb, tauri-driver, npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
need=()
pkg-config --exists webkit2gtk-4.1 2>/dev/null || need+=(libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev)
command -v WebKitWebDriver >/dev/null 2>&1 || need+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb xauth)
if [ ${#need[@]} -gt 0 ]; then
  # A fresh machine may hold the apt lock for a while: wait rather than fail.
  for _ in $(seq 60); do
    $SUDO apt-get update -q && $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" && break
    sleep 5
  done
fi
command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --locked --quiet
command -v npm >/dev/null 2>&1 || { echo "npm ontbreekt: installeer Node.js 20.19 of nieuwer" >&2; exit 1; }
(cd ui && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; } && npm run build --silent)
