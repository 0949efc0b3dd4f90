#!/usr/bin/env bash
# Province and country scale (issue 19): 1M, 5M and 10M generated parcels through
# the whole pipeline in one process (bench_scale: import, score, rescore, top 100,
# tiles, save, reopen), geopandas read_file on the same 1M and 5M files in the
# same run, and 10M through the real CLI under /usr/bin/time for its peak memory.
# Prints JSON lines and the CLI's own output. Needs ~25 GB of disk for the data.
#
#   bash bench/scale.sh              # all sizes
#   SIZES="1m 5m" bash bench/scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench-data
SIZES=${SIZES:-1m 5m 10m}
mkdir -p "$OUT"
[ -f "$OUT/p1m.geojson" ] || python3 ../shared/bench/gen_parcels.py -n 1000000 -o "$OUT/p1m.geojson" --queries "$OUT/q1m.txt"
if [ ! -f "$OUT/p10m.geojson" ] || [ ! -f "$OUT/p5m.geojson" ]; then
  # Ten 1M regions side by side over the country; the first five are the 5M set.
  python3 bench/gen_regions.py -n 10000000 --regions 10 -o "$OUT/p10m.geojson" --first "5:$OUT/p5m.geojson"
fi
python3 -c "import geopandas, pyogrio" 2>/dev/null || pip install --quiet geopandas pyogrio shapely pyproj pyarrow
cargo build --release --quiet -p locatiescout-application --example bench_scale
cargo build --release --quiet -p locatiescout
for size in $SIZES; do
  cat "$OUT/p$size.geojson" > /dev/null
  ./target/release/examples/bench_scale "$OUT/p$size.geojson" "$OUT/s$size.locatiescout" | sed "s/^{/{\"size\":\"$size\",/"
  if [ "$size" != 10m ]; then
    cat "$OUT/p$size.geojson" > /dev/null
    python3 ../shared/bench/bench_py.py read_only "$OUT/p$size.geojson" "$OUT/q1m.txt" | sed "s/^{/{\"size\":\"$size\",/"
  fi
done
if [[ " $SIZES " == *" 10m "* ]]; then
  # The same 10M through the command line, each step a fresh process.
  cli=./target/release/locatiescout
  rm -f "$OUT/cli10m.locatiescout"
  for step in "project create $OUT/cli10m.locatiescout --parcels $OUT/p10m.geojson" \
              "project rank $OUT/cli10m.locatiescout --top 100 --weight grid=40" \
              "project tiles $OUT/cli10m.locatiescout --zoom 6-9 --out $OUT/tiles10m"; do
    echo "== locatiescout $step"
    # shellcheck disable=SC2086 # the step is words on purpose
    /usr/bin/time -f "wall %e s, peak RSS %M kB" $cli $step > /tmp/scale-cli.out
    tail -n 3 /tmp/scale-cli.out
  done
fi
