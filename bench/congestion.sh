#!/usr/bin/env bash
# Grid congestion areas on 1M parcels: `locatiescout score` with and without
# --congestion (36 supply areas with wavy shared boundaries, 800+ vertices each),
# 3 runs each, wall time and peak memory. Needs bench-data/p1m.geojson (bench/run.sh).
#
#   bash bench/congestion.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f bench-data/p1m.geojson ] || { echo "eerst: bash bench/run.sh (maakt bench-data/p1m.geojson)" >&2; exit 1; }
python3 - <<'PY'
import json, math, random
rng = random.Random(7)
x0, y0, x1, y1 = 119990.0, 441980.0, 156840.0, 469620.0   # the extent of gen_parcels.py's 1M region
nx = ny = 6
feats = []
for i in range(nx):
    for j in range(ny):
        ax0, ax1 = x0 + (x1 - x0) * i / nx, x0 + (x1 - x0) * (i + 1) / nx
        ay0, ay1 = y0 + (y1 - y0) * j / ny, y0 + (y1 - y0) * (j + 1) / ny
        xs = [ax0 + (ax1 - ax0) * k / 200 for k in range(201)]
        wave = lambda base: [(x, base + 80 * math.sin(x / 370.0)) for x in xs]
        bottom = wave(ay0) if j > 0 else [(x, ay0) for x in xs]
        top = wave(ay1) if j < ny - 1 else [(x, ay1) for x in xs]
        ring = bottom + list(reversed(top)) + [bottom[0]]
        feats.append({"type": "Feature",
                      "properties": {"voedingsgebied_id": "B%02d%02d" % (i, j), "afname": rng.choice([0, 1, 2, 3, -1]), "invoeding": 1},
                      "geometry": {"type": "Polygon", "coordinates": [ring]}})
json.dump({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
           "features": feats}, open("bench-data/areas36.geojson", "w"))
PY
cargo build --release --quiet
cat bench-data/p1m.geojson > /dev/null
for _ in 1 2 3; do
  for with in no yes; do
    extra=()
    [ "$with" = yes ] && extra=(--congestion bench-data/areas36.geojson)
    /usr/bin/time -f "congestie=$with %e s %M KB" ./target/release/locatiescout score \
      --parcels bench-data/p1m.geojson "${extra[@]}" --profile flex --top 3 2>&1 >/dev/null | tail -1
  done
done
