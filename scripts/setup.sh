#!/usr/bin/env bash
# Installs what Locatiescout's core and command line need on a fresh Debian/Ubuntu
# machine, and only what is missing; safe to run again. Works as root and as a user
# with sudo, and stops with a Dutch message when something cannot be installed.
# Used by run.sh and test.sh; --tests adds what only the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/apt.sh
. scripts/lib/apt.sh

if ! command -v cargo >/dev/null 2>&1; then
  echo "FOUT: cargo ontbreekt. Installeer Rust met rustup (https://rustup.rs) en probeer opnieuw." >&2
  exit 1
fi

pkgs=(build-essential pkg-config)
command -v git >/dev/null 2>&1 || pkgs+=(git)
if [ "${1:-}" = "--tests" ]; then
  # ogrinfo reads the GeoPackage export back; shellcheck lints the scripts;
  # python3 adds up the test results; faketime runs the exports under another
  # clock (the same peildatum must give the same bytes on any day).
  pkgs+=(gdal-bin shellcheck faketime)
  command -v python3 >/dev/null 2>&1 || pkgs+=(python3)
fi
apt_install "${pkgs[@]}"

if [ "${1:-}" = "--tests" ]; then
  # The lints need clippy and rustfmt; rustup fetches them from static.rust-lang.org,
  # which may be unreachable: then say so rather than fail later without a reason.
  for c in clippy rustfmt; do
    tool=$c
    [ "$c" = rustfmt ] && tool=fmt
    if ! cargo "$tool" --version >/dev/null 2>&1; then
      rustup component add "$c" >/dev/null 2>&1 || {
        echo "FOUT: cargo $tool ontbreekt en 'rustup component add $c' mislukte." >&2
        exit 1
      }
    fi
  done
fi
