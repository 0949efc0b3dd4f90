#!/usr/bin/env bash
# Reopening a project vs geopandas + Arrow reading the same parcels from a
# GeoPackage, side by side in the same run (issue 4). Prints JSON lines.
#
#   bash bench/project.sh          # 1M parcels (generated once by bench/run.sh or here)
#   SIZE=100k bash bench/project.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench-data
SIZE=${SIZE:-1m}
RUNS=${RUNS:-3}
n=$([ "$SIZE" = "1m" ] && echo 1000000 || echo 100000)
mkdir -p "$OUT"
[ -f "$OUT/p$SIZE.geojson" ] || python3 ../shared/bench/gen_parcels.py -n "$n" -o "$OUT/p$SIZE.geojson" --queries "$OUT/q$SIZE.txt"
python3 -c "import geopandas, pyogrio, pyarrow" 2>/dev/null || pip install --quiet geopandas pyogrio shapely pyproj pyarrow
if [ ! -f "$OUT/p$SIZE.gpkg" ]; then
  python3 -c "import geopandas as g, sys; g.read_file(sys.argv[1], engine='pyogrio', use_arrow=True).to_file(sys.argv[2], driver='GPKG', engine='pyogrio')" "$OUT/p$SIZE.geojson" "$OUT/p$SIZE.gpkg"
fi
cargo build --release --quiet -p locatiescout-application --example bench_project
cat "$OUT/p$SIZE.gpkg" > /dev/null
for r in $(seq "$RUNS"); do
  ./target/release/examples/bench_project "$OUT/p$SIZE.geojson" "$OUT/p$SIZE.locatiescout" | sed "s/^{/{\"size\":\"$SIZE\",\"run\":$r,/"
  python3 ../shared/bench/bench_py.py read_only_arrow "$OUT/p$SIZE.gpkg" "$OUT/q$SIZE.txt" | sed "s/^{/{\"size\":\"$SIZE\",\"run\":$r,/"
done
