#!/usr/bin/env python3
"""Deterministic generator of Locatiescout's SYNTHETIC sample region.

"Voorbeeldstad" is a made-up municipality east of Amersfoort (RD New,
EPSG:28992). Nothing here is real data: parcels, panden and Rijksvastgoed
listings are drawn from a seeded random generator so that the desktop app and
the command line have something realistic to show without network access;
beside them every overlay the profiles read (stations, Natura 2000,
bestemmingsplan, voorzieningen, rijksmonumenten), so no criterion of the
sample goes unscored.

    python3 data/sample/generate.py        # rewrites data/sample/*.geojson

Same Python minor version => byte-identical files.
"""
import json
import math
import os
import random

OUT = os.path.dirname(os.path.abspath(__file__))
X0, Y0 = 158000.0, 461000.0  # south-west corner of the region (RD New, metres)
BLOCKS_X, BLOCKS_Y = 14, 10
BLOCK = 180.0               # block size in metres (streets of 20 m in between)
STREET = 20.0
RD_CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}

EIGENAAR = [("particulier", 0.62), ("gemeente", 0.18), ("corporatie", 0.12),
            ("rijk", 0.05), ("provincie", 0.03)]
FUNCTIES = [("woonfunctie", 0.70), ("kantoorfunctie", 0.10), ("winkelfunctie", 0.05),
            ("industriefunctie", 0.05), ("gezondheidszorgfunctie", 0.03),
            ("onderwijsfunctie", 0.03), ("logiesfunctie", 0.02), ("bijeenkomstfunctie", 0.02)]
STATUS = [("Pand in gebruik", 0.86), ("Pand buiten gebruik", 0.06), ("Verbouwing pand", 0.03),
          ("Pand in gebruik (niet ingemeten)", 0.03), ("Sloopvergunning verleend", 0.02)]
NETBEHEERDER = "Stedin"


def weighted(rng, items):
    r, acc = rng.random(), 0.0
    for v, w in items:
        acc += w
        if r < acc:
            return v
    return items[-1][0]


def net_text(rng):
    r = rng.random()
    y = rng.randint(2026, 2033)
    if r < 0.25:
        return "aansluiting aanwezig"
    if r < 0.35:
        return "aansluiting aanwezig (3x80A)"
    if r < 0.52:
        return "geen transportcapaciteit tot %d" % y
    if r < 0.62:
        return "wachtrij netbeheerder"
    if r < 0.70:
        return "netcongestie: wachtrij %s, verwachte realisatie Q%d %d" % (NETBEHEERDER, rng.randint(1, 4), y)
    if r < 0.77:
        return "transportcapaciteit beperkt tot %d, alleen afname" % y
    if r < 0.84:
        return "geen aansluiting"
    if r < 0.90:
        return "aanvraag ingediend bij %s (%d)" % (NETBEHEERDER, y - 3)
    return None  # no note: the congestion area decides


def date(y, m=1, d=1):
    return "%04d-%02d-%02d" % (y, m, d)


def rect(x0, y0, x1, y1):
    return [[round(x0, 2), round(y0, 2)], [round(x1, 2), round(y0, 2)],
            [round(x1, 2), round(y1, 2)], [round(x0, 2), round(y1, 2)], [round(x0, 2), round(y0, 2)]]


def area(ring):
    return abs(sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
                   for i in range(len(ring) - 1))) / 2


def centroid(f):
    ring = f["geometry"]["coordinates"][0]
    return round((ring[0][0] + ring[2][0]) / 2, 2), round((ring[0][1] + ring[2][1]) / 2, 2)


def zoning_plan(rng, panden, pand_block):
    """A made-up IMRO2012 bestemmingsplan: one Enkelbestemming per block (split in two on
    some open-land blocks, so a parcel can lie in two) and Verkeer on the streets. Built
    blocks are zoned after what stands in them; open land is mostly agrarisch."""
    funcs = {}
    for f, b in zip(panden, pand_block):
        funcs.setdefault(b, []).append(f["properties"]["gebruiksdoel"][0])
    feats = []

    def plan(naam, ring):
        feats.append({"type": "Feature", "properties": {
            "identificatie": "NL.IMRO.9999.BPVoorbeeldstad-0001.EB%04d" % (len(feats) + 1),
            "typePlanobject": "enkelbestemming",
            "naam": naam,
            "bestemmingshoofdgroep": naam.lower(),
        }, "geometry": {"type": "Polygon", "coordinates": [ring]}})

    for bx in range(BLOCKS_X):
        for by in range(BLOCKS_Y):
            bx0 = X0 + bx * (BLOCK + STREET)
            by0 = Y0 + by * (BLOCK + STREET)
            edge = bx in (0, BLOCKS_X - 1) or by in (0, BLOCKS_Y - 1)
            centre = abs(bx - BLOCKS_X / 2) < 3 and abs(by - BLOCKS_Y / 2) < 2
            if edge:
                if bx == BLOCKS_X - 1 and 3 <= by <= 7:
                    naam = "Bedrijf"            # a business park on the east side
                elif by == BLOCKS_Y - 1 and 5 <= bx <= 8:
                    naam = "Groen"              # the park along the north side
                elif bx == 0 and by == 7:
                    naam = "Maatschappelijk"    # a care institution's grounds
                elif bx == 0 and by == 2:
                    naam = "Sport"
                else:
                    naam = "Agrarisch"
                if naam == "Agrarisch" and rng.random() < 0.3:
                    # a green strip on part of the farmland, not along the plot line
                    cut = bx0 + BLOCK * rng.choice([0.3, 0.65])
                    plan("Agrarisch", rect(bx0, by0, cut, by0 + BLOCK))
                    plan("Groen", rect(cut, by0, bx0 + BLOCK, by0 + BLOCK))
                    continue
            else:
                here = funcs.get((bx, by), [])
                count = {k: here.count(k) for k in set(here)}
                if centre:
                    naam = "Centrum"
                elif count.get("kantoorfunctie", 0) >= 3:
                    naam = "Kantoor"
                elif count.get("industriefunctie", 0) >= 2:
                    naam = "Bedrijf"
                elif count.get("onderwijsfunctie", 0) + count.get("gezondheidszorgfunctie", 0) >= 2:
                    naam = "Maatschappelijk"
                elif count.get("woonfunctie", 0) * 2 < len(here):
                    naam = "Gemengd"
                else:
                    naam = "Wonen"
            plan(naam, rect(bx0, by0, bx0 + BLOCK, by0 + BLOCK))
    # Streets: the east-west ones whole, the north-south ones between them.
    x1 = X0 + BLOCKS_X * (BLOCK + STREET) - STREET
    for by in range(BLOCKS_Y - 1):
        y = Y0 + by * (BLOCK + STREET) + BLOCK
        plan("Verkeer", rect(X0, y, x1, y + STREET))
    for bx in range(BLOCKS_X - 1):
        x = X0 + bx * (BLOCK + STREET) + BLOCK
        for by in range(BLOCKS_Y):
            y = Y0 + by * (BLOCK + STREET)
            plan("Verkeer", rect(x, y, x + STREET, y + BLOCK))
    return feats


def amenities(panden):
    """Made-up voorzieningen (CBS's kinds: supermarkt, huisarts, basisschool) in the
    panden of the matching use nearest to the town's quarters, so the open land in
    the east lies a kilometre or more away."""
    quarters = [(X0 + 1400.0, Y0 + 1000.0), (X0 + 500.0, Y0 + 700.0),
                (X0 + 900.0, Y0 + 1600.0), (X0 + 1300.0, Y0 + 400.0)]
    kinds = [("supermarkt", "winkelfunctie", ["Voorbeeldplein", "Westhof", "Noorderhof"]),
             ("huisarts", "gezondheidszorgfunctie", ["Huisartsenpraktijk Centrum", "Gezondheidscentrum West", "Huisartsen Noord"]),
             ("basisschool", "onderwijsfunctie", ["De Linde", "Het Anker", "De Regenboog", "De Zuidwester"])]
    feats, used = [], set()
    for soort, func, names in kinds:
        for (qx, qy), naam in zip(quarters, names):
            best = min((f for f in panden if f["properties"]["gebruiksdoel"][0] == func
                        and f["properties"]["identificatie"] not in used),
                       key=lambda f: math.hypot(centroid(f)[0] - qx, centroid(f)[1] - qy))
            used.add(best["properties"]["identificatie"])
            if soort == "supermarkt":
                naam = "Supermarkt " + naam
            elif soort == "basisschool":
                naam = "Basisschool " + naam
            feats.append({"type": "Feature", "properties": {
                "naam": naam + " (fictief)", "soort": soort, "pand": best["properties"]["identificatie"],
            }, "geometry": {"type": "Point", "coordinates": list(centroid(best))}})
    return feats


def monuments(rng, panden):
    """Made-up rijksmonumenten (RCE-shaped: rijksmonumentnummer, naam, functie) on the
    oldest panden of the town centre, a point in each pand."""
    centre = (X0 + 1400.0, Y0 + 1000.0)
    old = [f for f in panden if f["properties"]["oorspronkelijkBouwjaar"] < 1900]
    old.sort(key=lambda f: math.hypot(centroid(f)[0] - centre[0], centroid(f)[1] - centre[1]))
    names = {"woonfunctie": "Woonhuis", "kantoorfunctie": "Kantoorvilla", "winkelfunctie": "Winkel-woonhuis",
             "industriefunctie": "Pakhuis", "gezondheidszorgfunctie": "Gasthuis", "onderwijsfunctie": "Schoolgebouw",
             "logiesfunctie": "Logement", "bijeenkomstfunctie": "Sociëteitsgebouw"}
    feats = []
    for f in old[:24]:
        func = f["properties"]["gebruiksdoel"][0]
        feats.append({"type": "Feature", "properties": {
            "rijksmonumentnummer": str(900001 + len(feats)),
            "naam": "%s (fictief)" % names[func],
            "functie": names[func],
            "bouwjaar": f["properties"]["oorspronkelijkBouwjaar"],
            "pand": f["properties"]["identificatie"],
        }, "geometry": {"type": "Point", "coordinates": list(centroid(f))}})
    rng.shuffle(feats)  # no order by distance in the file: a register is by number
    return feats


# Street names of the fictional town, one per row of blocks, numbered along it (a
# planner names a pand by its address; every address is unique).
STRATEN = ["Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsweg", "Schoolstraat", "Nieuwstraat",
           "Marktstraat", "Julianalaan", "Beatrixstraat", "Oranjelaan", "Kanaalweg", "Havenstraat",
           "Lindelaan", "Eikenlaan", "Wilhelminastraat", "Emmastraat", "Prins Hendrikstraat",
           "Voorstraat", "Achterweg", "Raadhuisplein"]


def main():
    rng = random.Random(20261121)
    parcels, panden, listings = [], [], []
    pand_block = []  # (bx, by) per pand, for the zoning drawn afterwards
    nr = 0
    for bx in range(BLOCKS_X):
        for by in range(BLOCKS_Y):
            bx0 = X0 + bx * (BLOCK + STREET)
            by0 = Y0 + by * (BLOCK + STREET)
            # Edge blocks are open land: few large parcels. Inner blocks: plots.
            edge = bx in (0, BLOCKS_X - 1) or by in (0, BLOCKS_Y - 1)
            centre = abs(bx - BLOCKS_X / 2) < 3 and abs(by - BLOCKS_Y / 2) < 2
            cols = 1 if edge else (4 if centre else rng.choice([3, 4, 5]))
            rows = 1 if edge else rng.choice([2, 3, 4])
            if edge and rng.random() < 0.5:
                cols = 2
            for cx in range(cols):
                for cy in range(rows):
                    nr += 1
                    px0 = bx0 + cx * BLOCK / cols
                    py0 = by0 + cy * BLOCK / rows
                    px1, py1 = px0 + BLOCK / cols, py0 + BLOCK / rows
                    ring = rect(px0, py0, px1, py1)
                    van = rng.randint(2024, 2029)
                    tot = None if rng.random() < 0.35 else van + rng.choice([2, 4, 6, 10, 12, 15, 20])
                    owner = weighted(rng, EIGENAAR) if not edge else rng.choice(["gemeente", "particulier", "rijk", "particulier"])
                    sectie = "ABCDEFGH"[(bx // 2) % 8]
                    props = {
                        "identificatie": "NL.IMKAD.KadastraalObject.VBS00%s%05d0000" % (sectie, nr),
                        "kadastraleGemeente": "Voorbeeldstad",
                        "sectie": sectie,
                        "perceelnummer": nr,
                        "kadastraleGrootte": int(round(area(ring))),
                        "eigenaar_type": owner,
                        "beschikbaar_vanaf": date(van, rng.randint(1, 12), 1),
                        "beschikbaar_tot": None if tot is None else date(tot, rng.randint(1, 12), 1),
                        "netaansluiting": net_text(rng),
                    }
                    parcels.append({"type": "Feature", "properties": props,
                                    "geometry": {"type": "Polygon", "coordinates": [ring]}})
                    if edge:
                        continue
                    # one pand per plot, set back from the plot edges
                    w, h = (px1 - px0), (py1 - py0)
                    inset = rng.uniform(0.15, 0.3)
                    fx0, fy0 = px0 + w * inset, py0 + h * inset
                    fx1, fy1 = px1 - w * inset, py1 - h * inset
                    fring = rect(fx0, fy0, fx1, fy1)
                    func = weighted(rng, FUNCTIES)
                    floors = 1 if func == "woonfunctie" else rng.randint(2, 6)
                    footprint = area(fring)
                    gebruiksdoel = [func] + (["woonfunctie"] if func == "winkelfunctie" else [])
                    pid = "0%03d10000%07d" % (999, len(panden) + 1)
                    year = rng.choice([9999] + list(range(1890, 2024)))
                    panden.append({"type": "Feature", "properties": {
                        "identificatie": pid,
                        # An address a planner names the building by; drawn from the
                        # block and plot, not from rng, so every other value stays.
                        "adres": "%s %d" % (STRATEN[by % len(STRATEN)], 40 * bx + 2 * (cx * rows + cy) + 1),
                        "oorspronkelijkBouwjaar": year,
                        "status": weighted(rng, STATUS) if func != "woonfunctie" else "Pand in gebruik",
                        "gebruiksdoel": gebruiksdoel,
                        "oppervlakte": int(footprint * floors * 0.85),
                        "aantal_verblijfsobjecten": 1 if func != "woonfunctie" else rng.randint(1, 4),
                    }, "geometry": {"type": "Polygon", "coordinates": [fring]}})
                    pand_block.append((bx, by))
                    if func in ("kantoorfunctie", "gezondheidszorgfunctie", "onderwijsfunctie") and rng.random() < 0.35:
                        listings.append({"type": "Feature", "properties": {
                            "BOUWWERKCO": "%04dVB%d_%02d" % (3800 + len(listings), rng.randint(1, 9), 1),
                            "AFSTOOTSTA": rng.choice(["afstootbesloten", "afstootbesloten", "overtolligstellingverwacht", "nietinafstoting"]),
                            "EAN": "EAN_871687%012d" % rng.randint(0, 10**12 - 1),
                            "Bouwwerkfunctie": {"kantoorfunctie": "Kantoorgebouw", "gezondheidszorgfunctie": "Zorggebouw",
                                                "onderwijsfunctie": "Schoolgebouw"}[func],
                            "beschikbaar_vanaf": date(rng.randint(2026, 2028), rng.randint(1, 12), 1),
                            "beschikbaar_tot": None,
                            "netaansluiting": rng.choice(["Groen", "Oranje", "Rood"]),
                        }, "geometry": {"type": "Polygon", "coordinates": [fring]}})
    # Rijksvastgoed vacant plots offered as points on open land
    for f in parcels:
        if f["properties"]["eigenaar_type"] == "rijk" and f["properties"]["kadastraleGrootte"] > 20000:
            ring = f["geometry"]["coordinates"][0]
            cx = round((ring[0][0] + ring[2][0]) / 2, 2)
            cy = round((ring[0][1] + ring[2][1]) / 2, 2)
            listings.append({"type": "Feature", "properties": {
                "BOUWWERKCO": "%04dKV1_01" % (3800 + len(listings)),
                "AFSTOOTSTA": "afstootbesloten",
                "Bouwwerkfunctie": "Kavel",
                "beschikbaar_vanaf": date(2026, 7, 1),
                "beschikbaar_tot": date(2041, 7, 1),
                "netaansluiting": "geen transportcapaciteit tot 2029",
            }, "geometry": {"type": "Point", "coordinates": [cx, cy]}})
    x1 = X0 + BLOCKS_X * (BLOCK + STREET) - STREET
    y1 = Y0 + BLOCKS_Y * (BLOCK + STREET) - STREET
    gemeente = [{"type": "Feature", "properties": {"gemeente_key": "GM9999", "Gemeente": "Voorbeeldstad (synthetisch)"},
                 "geometry": {"type": "Polygon", "coordinates": [rect(X0 - 50, Y0 - 50, x1 + 50, y1 + 50)]}}]
    # Synthetic supply areas (voedingsgebieden) in the capaciteitskaart's shape: colour
    # codes per direction (-1 no info, 0 transparent, 1 yellow, 2 orange, 3 red),
    # operator, queue (MW) and the year the bottleneck is expected to be solved. The
    # boundaries cut through blocks, so some parcels lie in two areas.
    xa, xb, ym = 158930.0, 159870.0, 461990.0

    def supply_area(ident, ring, afname, invoeding, beheer, wachtrij, opgelost):
        return {"type": "Feature", "properties": {
            "voedingsgebied_id": ident, "afname": afname, "invoeding": invoeding,
            "congestiemanagement": beheer, "RNB": NETBEHEERDER,
            "wachtrij_afname": wachtrij, "jaartal_opgelost_afname": opgelost,
        }, "geometry": {"type": "Polygon", "coordinates": [ring]}}
    congestie = [
        supply_area("VS-WEST", rect(X0 - 50, Y0 - 50, xa, y1 + 50), 3, 3, "nee", "14,2", "2031,0"),
        supply_area("VS-CENTRUM", rect(xa, Y0 - 50, xb, ym), 2, 3, "ja", "6,8", "2029,0"),
        supply_area("VS-NOORD", rect(xa, ym, xb, y1 + 50), 1, 2, "nee", None, "2028,0"),
        supply_area("VS-OOST", rect(xb, Y0 - 50, x1 + 50, y1 + 50), 0, 1, "nee", None, None),
    ]
    # A made-up protected nature area over the south-east corner (Natura 2000-shaped:
    # naam, slug), cutting through blocks so some parcels lie partly inside, and two
    # made-up stations (NS-shaped: code, naam), one inside the region, one east of it.
    natuur = [{"type": "Feature", "properties": {"naam": "Voorbeelduiterwaarden (fictief)", "slug": "voorbeelduiterwaarden"},
               "geometry": {"type": "Polygon", "coordinates": [[
                   [X0 + 2290.0, Y0 - 200.0], [X0 + 3300.0, Y0 - 200.0], [X0 + 3300.0, Y0 + 760.0],
                   [X0 + 2650.0, Y0 + 540.0], [X0 + 2290.0, Y0 + 130.0], [X0 + 2290.0, Y0 - 200.0]]]}}]
    stations = [
        {"type": "Feature", "properties": {"code": "VBS", "naam": "Voorbeeldstad (fictief)", "type": "stoptreinstation"},
         "geometry": {"type": "Point", "coordinates": [X0 + 600.0, Y0 + 1410.0]}},
        {"type": "Feature", "properties": {"code": "VBO", "naam": "Voorbeeldstad Oost (fictief)", "type": "stoptreinstation"},
         "geometry": {"type": "Point", "coordinates": [X0 + 4200.0, Y0 + 900.0]}},
    ]
    # The layers the profiles' other spatial criteria read, drawn from their own seed so
    # the files above stay as they were.
    extra = random.Random(20261122)
    bestemming = zoning_plan(extra, panden, pand_block)
    voorzieningen = amenities(panden)
    monumenten = monuments(extra, panden)
    for name, feats in [("percelen", parcels), ("panden", panden), ("rijksvastgoed", listings), ("gemeente", gemeente),
                        ("congestiegebieden", congestie), ("natura2000", natuur), ("stations", stations),
                        ("bestemmingsplan", bestemming), ("voorzieningen", voorzieningen),
                        ("rijksmonumenten", monumenten)]:
        doc = {"type": "FeatureCollection", "name": name, "crs": RD_CRS, "features": feats}
        with open(os.path.join(OUT, name + ".geojson"), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
            f.write("\n")
        print("%s: %d features" % (name, len(feats)))


if __name__ == "__main__":
    main()
