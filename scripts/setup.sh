#!/usr/bin/env bash
# Installs what Locatiescout needs on a fresh Debian/Ubuntu machine, and only
# what is missing. Safe to run again. Used by run.sh and test.sh (--tests adds
# what only the tests need).
set -euo pipefail
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
need=()
command -v cc >/dev/null 2>&1 || need+=(build-essential)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
# The tests read the GeoPackage export back with GDAL's ogrinfo.
if [ "${1:-}" = "--tests" ]; then
  command -v ogrinfo >/dev/null 2>&1 || need+=(gdal-bin)
fi
if [ ${#need[@]} -gt 0 ]; then
  # A fresh machine may hold the apt lock for a while: wait rather than fail.
  for _ in $(seq 60); do
    $SUDO apt-get update -q && $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" && break
    sleep 5
  done
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo ontbreekt: installeer Rust (rustup) en probeer opnieuw" >&2
  exit 1
fi
rustup component list --installed 2>/dev/null | grep -q clippy || rustup component add clippy rustfmt 2>/dev/null || true
