#!/usr/bin/env python3
"""Summarises a results-*.jsonl of bench/run.sh as the Markdown table in BENCHMARKS.md (medians)."""
import json
import statistics
import sys

rows = [json.loads(line) for line in open(sys.argv[1])]


def med(size, tool, key, validate=None):
    vals = [r[key] for r in rows if r["size"] == size and r["tool"] == tool and key in r
            and (validate is None or r.get("validate") == validate)]
    return statistics.median(vals) if vals else None


for size in sorted({r["size"] for r in rows}, key=len):
    ls = lambda k, v=True: med(size, "locatiescout", k, v)
    py = lambda k: med(size, "py_gpd", k)
    print(f"\n### {size} parcels\n")
    print("| phase | Locatiescout | geopandas + shapely | ratio |")
    print("|---|---:|---:|---:|")
    pairs = [
        ("read + parse + convert (with OGC validity check)", ls("read_parse_convert"), py("read_parse_convert")),
        ("read + parse + convert (no validity check)", ls("read_parse_convert", False), py("read_parse_convert")),
        ("R-tree / STRtree build", ls("rtree_build"), py("strtree_build")),
        ("100k bbox queries", ls("bbox_queries_100k"), py("bbox_queries_100k")),
        ("100k point-in-polygon", ls("pip_100k"), py("pip_100k_strtree")),
        ("100k exact nearest", ls("nearest_100k"), py("nearest_100k")),
        ("full scoring (flex profile)", ls("score_full"), None),
        ("rescoring after a weight change + top 100", ls("rescore_top100_median"), None),
    ]
    for name, a, b in pairs:
        ratio = f"{b / a:.1f}×" if a and b else ""
        fa = f"{a:.3f} s" if a is not None else "–"
        fb = f"{b:.3f} s" if b is not None else "–"
        print(f"| {name} | {fa} | {fb} | {ratio} |")
    print(f"| peak memory (RSS) | {ls('rss_mb'):.0f} MB | {py('rss_mb') or 0:.0f} MB | |")
    print(f"\nChecks: features {ls('features')} / {py('features')}, bbox hits {ls('bbox_hits')} / {py('bbox_hits')}, "
          f"point-in-polygon hits {ls('pip_hits')} / {py('pip_hits')}, area sum {ls('area_sum'):.0f} / {py('area_sum') or 0:.0f} m², "
          f"nearest distance sum {ls('nn_dist_sum'):.1f} / {py('nn_dist_sum') or 0:.1f} m")
