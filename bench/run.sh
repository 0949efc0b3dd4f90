#!/usr/bin/env bash
# Side-by-side benchmark: Locatiescout vs geopandas (../shared/bench/bench_py.py)
# on the same generated parcels and queries, in the same run. Prints one JSON
# line per run into bench-data/results-<date>.jsonl and a summary table.
#
#   bash bench/run.sh            # 100k and 1M parcels (generates them once, ~2 min)
#   SIZES="100k" bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=../shared/bench
OUT=bench-data
mkdir -p "$OUT"
SIZES=${SIZES:-"100k 1m"}
RUNS=${RUNS:-3}
python3 -c "import geopandas, pyogrio, shapely" 2>/dev/null || pip install --quiet geopandas pyogrio shapely pyproj
cargo build --release --quiet -p locatiescout-application --example bench_engine
RES="$OUT/results-$(date +%Y%m%d-%H%M%S).jsonl"
for size in $SIZES; do
  n=$([ "$size" = "1m" ] && echo 1000000 || echo 100000)
  if [ ! -f "$OUT/p$size.geojson" ]; then
    python3 "$SHARED/gen_parcels.py" -n "$n" -o "$OUT/p$size.geojson" --queries "$OUT/q$size.txt"
  fi
  cat "$OUT/p$size.geojson" > /dev/null   # page cache, as the peer measurement assumes
  for r in $(seq "$RUNS"); do
    ./target/release/examples/bench_engine "$OUT/p$size.geojson" "$OUT/q$size.txt" | sed "s/^{/{\"size\":\"$size\",\"run\":$r,/" >> "$RES"
    ./target/release/examples/bench_engine "$OUT/p$size.geojson" "$OUT/q$size.txt" --no-validate | sed "s/^{/{\"size\":\"$size\",\"run\":$r,/" >> "$RES"
  done
  python3 "$SHARED/bench_py.py" gpd "$OUT/p$size.geojson" "$OUT/q$size.txt" | sed "s/^{/{\"size\":\"$size\",\"run\":1,/" >> "$RES"
done
python3 bench/summary.py "$RES"
