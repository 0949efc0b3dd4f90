#!/usr/bin/env bash
# GeoPackage and shapefile import vs geopandas (pyogrio, Arrow on) on the same
# files, side by side in one run (issue 15); the GeoJSON import of the same
# parcels for the 1.5x target. Files are written by GDAL (ogr2ogr), as a
# planner's QGIS would. Prints JSON lines: tool, format, seconds, peak MB.
#
#   bash bench/formats.sh          # 1M parcels
#   SIZE=100k RUNS=1 bash bench/formats.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench-data
SIZE=${SIZE:-1m}
RUNS=${RUNS:-3}
n=$([ "$SIZE" = "1m" ] && echo 1000000 || echo 100000)
mkdir -p "$OUT"
[ -f "$OUT/p$SIZE.geojson" ] || python3 ../shared/bench/gen_parcels.py -n "$n" -o "$OUT/p$SIZE.geojson" --queries "$OUT/q$SIZE.txt"
command -v ogr2ogr > /dev/null || { echo "ogr2ogr ontbreekt: bash scripts/setup.sh --tests installeert gdal-bin" >&2; exit 1; }
python3 -c "import geopandas, pyogrio, pyarrow" 2>/dev/null || pip install --quiet geopandas pyogrio shapely pyproj pyarrow
[ -f "$OUT/f$SIZE.gpkg" ] || ogr2ogr -q -f GPKG "$OUT/f$SIZE.gpkg" "$OUT/p$SIZE.geojson" -nln percelen
[ -f "$OUT/f$SIZE.shp" ] || ogr2ogr -q -f "ESRI Shapefile" "$OUT/f$SIZE.shp" "$OUT/p$SIZE.geojson" -nlt MULTIPOLYGON -lco ENCODING=UTF-8
cargo build --release --quiet -p locatiescout
measure() { # tool format command…
  local tool=$1 format=$2
  shift 2
  local tf t
  tf=$(mktemp)
  if ! /usr/bin/time -o "$tf" -f "%e %M" "$@" > /dev/null 2>&1; then
    echo "FOUT: $tool kon $format niet lezen: $*" >&2
    exit 1
  fi
  t=$(tail -1 "$tf")
  rm -f "$tf"
  echo "{\"size\":\"$SIZE\",\"tool\":\"$tool\",\"format\":\"$format\",\"s\":${t% *},\"peak_mb\":$(( ${t#* } / 1024 ))}"
}
for f in "$OUT/p$SIZE.geojson" "$OUT/f$SIZE.gpkg" "$OUT/f$SIZE.shp"; do cat "${f%.*}".* > /dev/null; done
for _ in $(seq "$RUNS"); do
  measure locatiescout geojson ./target/release/locatiescout inspect --json "$OUT/p$SIZE.geojson"
  for ext in gpkg shp; do
    measure locatiescout "$ext" ./target/release/locatiescout inspect --json "$OUT/f$SIZE.$ext"
    measure geopandas "$ext" python3 -c "import geopandas as g, sys; g.read_file(sys.argv[1], engine='pyogrio', use_arrow=True)" "$OUT/f$SIZE.$ext"
  done
done
