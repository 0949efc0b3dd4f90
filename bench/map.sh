#!/usr/bin/env bash
# Map responsiveness in the real window: the release app opened on the sample
# (1,197 parcels) and on 100k generated parcels, under Xvfb (software GL, so a
# pessimistic figure for a desktop with a GPU). Prints the BENCH lines that go
# into BENCHMARKS.md.
#
#   bash bench/map.sh          # needs scripts/setup-app.sh done once (Xvfb, tauri-driver)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench-data
mkdir -p "$OUT/map100k"
if [ ! -f "$OUT/p100k.geojson" ]; then
  python3 ../shared/bench/gen_parcels.py -n 100000 -o "$OUT/p100k.geojson" --queries "$OUT/q100k.txt"
fi
ln -sf "$PWD/$OUT/p100k.geojson" "$OUT/map100k/percelen.geojson"
(cd ui && npm run build --silent)
cargo build --release -p locatiescout-app
cargo build -p locatiescout-e2e --tests
export LOCATIESCOUT_APP="$PWD/target/release/locatiescout-app"
for data in data/sample "$OUT/map100k"; do
  echo "== $data"
  LOCATIESCOUT_SAMPLE="$PWD/$data" xvfb-run -a -s "-screen 0 1280x800x24" \
    cargo test -q -p locatiescout-e2e --test map_bench -- --ignored --nocapture 2>&1 | grep BENCH
done
