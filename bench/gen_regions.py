#!/usr/bin/env python3
"""Province- and country-sized parcel sets: regions side by side.

`../shared/bench/gen_parcels.py` tiles one 40 x 30 km box round Utrecht; 10 M
parcels in that box would be 120 m2 each, nothing like a cadastre. This wrapper
reuses its geometry, attributes and layout unchanged and places K regions of
N/K parcels each on a grid across the country (region 0 is the Utrecht box),
each with its own seed (seed + k) and its own municipality codes, so
identificaties stay unique. The 1M set of the benchmarks still comes from
gen_parcels.py itself; nothing here changes what that produces.

    python3 bench/gen_regions.py -n 10000000 --regions 10 -o p10m.geojson \
        --first 5:p5m.geojson        # the first 5 regions also into p5m.geojson
"""
import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench"))
import gen_parcels as g  # noqa: E402

# Region centres in RD New (m): the Utrecht box first, then a 5 x 2 grid over
# the middle of the country (boxes are 40 x 30 km; centres 45 / 35 km apart).
BASE = (140000.0, 455000.0)
CENTRES = [(140000.0, 455000.0), (185000.0, 455000.0), (95000.0, 455000.0),
           (230000.0, 455000.0), (50000.0, 420000.0), (140000.0, 490000.0),
           (185000.0, 490000.0), (95000.0, 420000.0), (230000.0, 490000.0),
           (185000.0, 420000.0)]


def place(k):
    """Shifts gen_parcels' box, centre and municipalities to region k."""
    dx, dy = CENTRES[k][0] - BASE[0], CENTRES[k][1] - BASE[1]
    g.XMIN, g.XMAX = 120000.0 + dx, 160000.0 + dx
    g.YMIN, g.YMAX = 440000.0 + dy, 470000.0 + dy
    g.UTRECHT = (136000.0 + dx, 455800.0 + dy)
    g.GEMEENTEN = [("%d%02d00" % (k, i), "%s %d" % (name, k + 1) if k else name, x + dx, y + dy)
                   for i, (_, name, x, y) in enumerate(ORIGINAL)]


ORIGINAL = list(g.GEMEENTEN)


def region_features(k, n, seed):
    """Yields one region's features as GeoJSON text, ids from 1 (offset by the caller)."""
    place(k)
    rng = random.Random(seed + k)
    _, pref, region = g.layout(n, rng)
    counters, cache = {}, {}
    for idx, rect in g.leaves(pref, region, g.UTRECHT):
        polys = g.make_geometry(rng, rect)
        a = 0.0
        for rings in polys:
            a += g.ring_area(rings[0])
            for hr in rings[1:]:
                a += g.ring_area(hr)
        cx, cy = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
        cell = (int(cx // 1000), int(cy // 1000))
        gem = cache.get(cell)
        if gem is None:
            gem = min(g.GEMEENTEN, key=lambda t: (t[2] - cx) ** 2 + (t[3] - cy) ** 2)
            cache[cell] = gem
        gcode, gname = gem[0], gem[1]
        sectie = g.SECTIES[(int((cx - g.XMIN) // 1250) * 3 + int((cy - g.YMIN) // 1250)) % len(g.SECTIES)]
        nr = counters.get((gcode, sectie), 0) + 1
        counters[(gcode, sectie)] = nr
        van = rng.randint(0, 365 * 7)
        tot = None if rng.random() < 0.4 else van + rng.randint(30, 365 * 15)
        props = {
            "identificatie": "NL.IMKAD.KadastraalObject.%s%s%05d%04d" % (gcode[:3], sectie, nr, 0),
            "kadastraleGemeenteCode": gcode,
            "kadastraleGemeente": gname,
            "sectie": sectie,
            "perceelnummer": nr,
            "kadastraleGrootte": int(round(a)),
            "soortGrootte": "Vastgesteld" if rng.random() < 0.9 else "Voorlopig",
            "eigenaar_type": g.weighted(rng, g.EIGENAAR),
            "beschikbaar_vanaf": g.date_str(van),
            "beschikbaar_tot": None if tot is None else g.date_str(tot),
            "netaansluiting": g.net_text(rng),
        }
        if len(polys) == 1:
            coords = "[" + ",".join(g.fmt_ring(r, "rd", None) for r in polys[0]) + "]"
            gtype = "Polygon"
        else:
            coords = "[" + ",".join("[" + ",".join(g.fmt_ring(r, "rd", None) for r in rings) + "]"
                                    for rings in polys) + "]"
            gtype = "MultiPolygon"
        yield idx, gtype, coords, json.dumps(props, ensure_ascii=False, separators=(",", ":"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, required=True, help="parcels in all regions together")
    ap.add_argument("--regions", type=int, required=True, help="number of regions (at most %d)" % len(CENTRES))
    ap.add_argument("-o", "--out", required=True)
    ap.add_argument("--first", help="K:FILE also writes the first K regions to FILE")
    ap.add_argument("--seed", type=int, default=28992)
    args = ap.parse_args()
    if not 1 <= args.regions <= len(CENTRES):
        sys.exit("--regions: 1..%d" % len(CENTRES))
    per = args.n // args.regions
    head = ('{"type":"FeatureCollection","name":"perceel","crs":{"type":"name","properties":'
            '{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[\n')
    outs = [open(args.out, "w", encoding="utf-8", newline="\n")]
    first_k = 0
    if args.first:
        k, path = args.first.split(":", 1)
        first_k = int(k)
        outs.append(open(path, "w", encoding="utf-8", newline="\n"))
    for f in outs:
        f.write(head)
    fid = 0
    for k in range(args.regions):
        n = per if k < args.regions - 1 else args.n - per * (args.regions - 1)
        targets = outs if k < first_k else outs[:1]
        for _, gtype, coords, props in region_features(k, n, args.seed):
            fid += 1
            text = ('%s{"type":"Feature","id":%d,"geometry":{"type":"%s","coordinates":%s},"properties":%s}'
                    % ("" if fid == 1 else ",\n", fid, gtype, coords, props))
            for f in targets:
                f.write(text)
        print("region %d: %d parcels round RD %s" % (k, n, CENTRES[k]), file=sys.stderr)
    for f in outs:
        f.write("\n]}\n")
        f.close()


if __name__ == "__main__":
    main()
