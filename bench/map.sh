#!/usr/bin/env bash
# Map responsiveness in the real window: the release app opened on the sample
# (1,197 parcels) and on 100k generated parcels, under Xvfb (software GL, so a
# pessimistic figure for a desktop with a GPU). Prints the BENCH lines that go
# into BENCHMARKS.md.
#
#   bash bench/map.sh              # the release app, as run.sh and the .deb have it
#   BUILD=debug bash bench/map.sh  # the debug build (what run.sh started before issue 13)
#   PROJECTS="bench-data/s1m.locatiescout bench-data/s5m.locatiescout" bash bench/map.sh
#                                  # also open these projects (bench/scale.sh makes them)
#
# Needs scripts/setup-app.sh --tests done once (Xvfb, tauri-driver, the Tauri CLI).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench-data
mkdir -p "$OUT/map100k"
if [ ! -f "$OUT/p100k.geojson" ]; then
  python3 ../shared/bench/gen_parcels.py -n 100000 -o "$OUT/p100k.geojson" --queries "$OUT/q100k.txt"
fi
ln -sf "$PWD/$OUT/p100k.geojson" "$OUT/map100k/percelen.geojson"
(cd ui && npm run build --silent)
if [ "${BUILD:-release}" = debug ]; then
  cargo build -p locatiescout-app
  export LOCATIESCOUT_APP="$PWD/target/debug/locatiescout-app"
else
  bash scripts/build-app.sh --no-bundle
  export LOCATIESCOUT_APP="$PWD/target/release/locatiescout-app"
fi
cargo build -p locatiescout-e2e --tests
for data in data/sample "$OUT/map100k"; do
  echo "== $data"
  LOCATIESCOUT_SAMPLE="$PWD/$data" xvfb-run -a -s "-screen 0 1280x800x24" \
    cargo test -q -p locatiescout-e2e --test map_bench -- --ignored --nocapture 2>&1 | grep BENCH
done
for project in ${PROJECTS:-}; do
  echo "== $project"
  LOCATIESCOUT_BENCH_PROJECT="$PWD/$project" xvfb-run -a -s "-screen 0 1280x800x24" \
    cargo test -q -p locatiescout-e2e --test map_bench -- --ignored --nocapture 2>&1 | grep BENCH
done
