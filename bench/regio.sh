#!/usr/bin/env bash
# The regional roll-up of all 342 CBS municipalities: generate one werkprogramma
# GeoPackage each (not timed), then roll them up in a fresh process and write
# the PDF, XLSX and GeoPackage. Prints the JSON line of bench_regio.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
dir="${REGIO_DIR:-/tmp/locatiescout-bench-regio}"
rm -rf "$dir"
cargo build --release --quiet -p locatiescout-application --example bench_regio
bin=target/release/examples/bench_regio
"$bin" generate "$dir"
sync
for _ in 1 2 3; do
  "$bin" rollup "$dir"
done
rm -rf "$dir"
