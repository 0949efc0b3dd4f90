#!/usr/bin/env bash
# Spatial criteria vs geopandas on the same files, side by side in one run (issue 16):
# built share against as many generated panden as parcels, overlap with 100 real
# Natura 2000 areas moved over the generated region, distance to the 400 NS stations.
# Prints JSON lines: Locatiescout's phases, then the peer's with the largest
# difference between the two answers.
#
#   bash bench/spatial.sh              # 1M parcels
#   SIZE=100k RUNS=1 bash bench/spatial.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench-data
SIZE=${SIZE:-1m}
RUNS=${RUNS:-3}
n=$([ "$SIZE" = "1m" ] && echo 1000000 || echo 100000)
mkdir -p "$OUT"
command -v ogr2ogr > /dev/null || { echo "ogr2ogr ontbreekt: bash scripts/setup.sh --tests installeert gdal-bin" >&2; exit 1; }
python3 -c "import geopandas, pyogrio, pyarrow" 2>/dev/null || pip install --quiet geopandas pyogrio shapely pyproj pyarrow
[ -f "$OUT/p$SIZE.geojson" ] || python3 ../shared/bench/gen_parcels.py -n "$n" -o "$OUT/p$SIZE.geojson" --queries "$OUT/q$SIZE.txt"
[ -f "$OUT/s$SIZE.geojson" ] || python3 ../shared/bench/gen_parcels.py -n "$n" --seed 2 -o "$OUT/s$SIZE.geojson"
[ -f "$OUT/natura_rd_orig.geojson" ] || ogr2ogr -q -f GeoJSON -t_srs EPSG:28992 "$OUT/natura_rd_orig.geojson" ../shared/data/constraints/natura2000_nl_144gebieden.geojson
[ -f "$OUT/stations_rd.geojson" ] || ogr2ogr -q -f GeoJSON -t_srs EPSG:28992 "$OUT/stations_rd.geojson" ../shared/data/amenities/ns_stations_nl_2020.geojson
[ -f "$OUT/panden$SIZE.geojson" ] || python3 bench/spatial_data.py "$OUT/s$SIZE.geojson" "$OUT/panden$SIZE.geojson" "$OUT/natura_rd_orig.geojson" "$OUT/natura_moved.geojson"
cargo build --release --quiet -p locatiescout-application --example bench_spatial
files=("$OUT/p$SIZE.geojson" "$OUT/panden$SIZE.geojson" "$OUT/natura_moved.geojson" "$OUT/stations_rd.geojson")
cat "${files[@]}" > /dev/null
for _ in $(seq "$RUNS"); do
  ./target/release/examples/bench_spatial "${files[@]}" --out "$OUT/spatial-ours-$SIZE.csv"
  python3 bench/spatial_peer.py "${files[@]}" "$OUT/spatial-ours-$SIZE.csv"
done
