#!/usr/bin/env bash
# The main job: the desktop app on the sample region in data/sample. Installs what
# is missing (system packages, npm packages), builds, opens the window. Without a
# display (SSH, CI) it prints the command-line ranking of the sample instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec bash scripts/app.sh
fi
echo "Geen beeldscherm gevonden: de ranglijst van de voorbeeldregio via de command line." >&2
echo "(Het venster onder een virtueel scherm: xvfb-run -a bash scripts/run.sh)" >&2
cargo build --release --quiet
BIN=./target/release/locatiescout
S=data/sample
# Every layer the two profiles read, as the app's sample project holds them.
LAYERS=(--layer "stations=$S/stations.geojson" --layer "natura2000=$S/natura2000.geojson"
  --layer "bestemmingsplan=$S/bestemmingsplan.geojson" --layer "voorzieningen=$S/voorzieningen.geojson"
  --layer "monumenten=$S/rijksmonumenten.geojson")
$BIN score --parcels $S/percelen.geojson --buildings $S/panden.geojson --listings $S/rijksvastgoed.geojson --congestion $S/congestiegebieden.geojson \
  "${LAYERS[@]}" --profile flex --top 15 --sensitivity "$@"
echo
$BIN score --parcels $S/percelen.geojson --buildings $S/panden.geojson --listings $S/rijksvastgoed.geojson --congestion $S/congestiegebieden.geojson \
  "${LAYERS[@]}" --profile transformatie --top 15 "$@"
