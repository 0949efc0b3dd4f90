#!/usr/bin/env python3
"""Benchmark inputs for the spatial criteria (issue 16), deterministic.

- panden: the generator's parcels under another seed, each shrunk to 60 % around
  its bounding-box centre: building-like footprints that overlap the parcels partly.
- natura: the 144 real Natura 2000 areas in RD New, each moved (not scaled) so
  its centroid lands on a seeded point in the generated region; areas over
  25 km² are left out, they would cover most of the region (100 remain).
- stations: the 400 NS stations in RD New as they are.

    python3 bench/spatial_data.py PARCELS_SEED2.geojson panden.geojson natura_rd.geojson natura_moved.geojson
"""
import json
import random
import sys

XMIN, XMAX, YMIN, YMAX = 120000.0, 160000.0, 440000.0, 470000.0


def shrink(rings, f=0.6):
    xs = [c[0] for r in rings for c in r]
    ys = [c[1] for r in rings for c in r]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return [[[round(cx + (x - cx) * f, 3), round(cy + (y - cy) * f, 3)] for x, y, *_ in r] for r in rings]


def panden(src, dst):
    with open(src) as fi, open(dst, "w") as fo:
        for line in fi:
            s = line.strip().rstrip(",")
            if not s.startswith('{"type":"Feature"'):
                fo.write(line)
                continue
            f = json.loads(s)
            g = f["geometry"]
            if g["type"] == "Polygon":
                g["coordinates"] = shrink(g["coordinates"])
            else:
                g["coordinates"] = [shrink(p) for p in g["coordinates"]]
            f["properties"] = {"identificatie": "PND" + str(f["properties"]["identificatie"])[-12:]}
            fo.write(json.dumps(f, separators=(",", ":")) + ("," if line.rstrip().endswith(",") else "") + "\n")


def natura(src, dst):
    import shapely
    from shapely.geometry import shape, mapping
    doc = json.load(open(src))
    rng = random.Random(16)
    out = []
    for f in doc["features"]:
        g = shape(f["geometry"])
        if g.area > 25e6:
            continue
        c = g.centroid
        tx, ty = rng.uniform(XMIN, XMAX), rng.uniform(YMIN, YMAX)
        g = shapely.transform(g, lambda a, dx=tx - c.x, dy=ty - c.y: a + [dx, dy])
        out.append({"type": "Feature", "properties": f["properties"], "geometry": mapping(g)})
    json.dump({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
               "features": out}, open(dst, "w"))
    print("natura: %d areas moved" % len(out), file=sys.stderr)


if __name__ == "__main__":
    panden(sys.argv[1], sys.argv[2])
    natura(sys.argv[3], sys.argv[4])
