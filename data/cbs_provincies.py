#!/usr/bin/env python3
"""Adds each municipality's province to data/cbs_gemeenten_2024_rd.geojson.

The province of a CBS gemeente (2024) is the CBS province polygon that holds
most of the municipality's outline points (generalised boundaries share their
edges, so a majority of the vertices decides; a point on the shared edge counts
for neither). Sources, both CBS Gebiedsindelingen 2024 (CC BY 4.0), in
../shared/data/boundaries (PROVENANCE.md §3):
  cbs_gemeenten2024_crs84.geojson, cbs_provincie_gegeneraliseerd2024_crs84.geojson
Run from the repository: python3 data/cbs_provincies.py
"""
import json
import sys
from collections import Counter

SHARED = "../shared/data/boundaries/"
TARGET = "data/cbs_gemeenten_2024_rd.geojson"


def rings(geom):
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    return polys


def inside(pt, polys):
    x, y = pt
    for poly in polys:
        hit = False
        for ring in poly:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                    hit = not hit
        if hit:
            return True
    return False


def main():
    prov = json.load(open(SHARED + "cbs_provincie_gegeneraliseerd2024_crs84.geojson"))
    gem = json.load(open(SHARED + "cbs_gemeenten2024_crs84.geojson"))
    provinces = [(f["properties"]["provincie_key"], f["properties"]["statnaam"], rings(f["geometry"]))
                 for f in prov["features"]]
    of = {}
    for f in gem["features"]:
        votes = Counter()
        pts = [c for poly in rings(f["geometry"]) for c in poly[0]]
        step = max(1, len(pts) // 60)
        for pt in pts[::step]:
            for code, name, polys in provinces:
                if inside(pt, polys):
                    votes[(code, name)] += 1
        if not votes:
            sys.exit(f"{f['properties']['gemeente_key']}: in geen provincie")
        of[f["properties"]["gemeente_key"]] = votes.most_common(1)[0][0]
    target = json.load(open(TARGET))
    for f in target["features"]:
        code, name = of[f["properties"]["gemeente_key"]]
        f["properties"]["provincie_code"] = code
        f["properties"]["provincie"] = name
    target["attribution"] = target["attribution"].replace(
        "for Locatiescout", "for Locatiescout; provincie by data/cbs_provincies.py")
    with open(TARGET, "w") as out:
        json.dump(target, out, ensure_ascii=False, separators=(",", ":"))
    print(Counter(v[1] for v in of.values()))


main()
