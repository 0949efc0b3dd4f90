#!/usr/bin/env bash
# The main job: score the sample region in data/sample with both profiles.
# (The desktop app replaces this once it lands; until then the CLI is the front door.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --release --quiet
BIN=./target/release/locatiescout
S=data/sample
$BIN score --parcels $S/percelen.geojson --listings $S/rijksvastgoed.geojson --profile flex --top 15 --sensitivity "$@"
echo
$BIN score --parcels $S/percelen.geojson --buildings $S/panden.geojson --listings $S/rijksvastgoed.geojson --profile transformatie --top 15 "$@"
