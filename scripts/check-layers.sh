#!/usr/bin/env bash
# The layering, checked from Cargo's own metadata: every crate may depend only
# on the crates listed for it (model ← io, model ← engine ← output ← application
# ← {command line, desktop app}; io and engine never on each other), and nothing
# below the front ends links Tauri, clap or a terminal/allocator crate. Fails
# naming the edge that runs the wrong way. Then the same inside the crates and
# the window: no two modules (scripts/lib/rust_module_circles.py) and no two
# ui/src files (scripts/lib/ui_import_circles.py) may need each other.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo metadata --format-version 1 --no-deps --offline 2>/dev/null >/tmp/locatiescout-metadata.json \
  || cargo metadata --format-version 1 --no-deps >/tmp/locatiescout-metadata.json
python3 - /tmp/locatiescout-metadata.json <<'PY'
import json, sys
meta = json.load(open(sys.argv[1]))
allowed = {
    "locatiescout-model": set(),
    "locatiescout-io": {"locatiescout-model"},
    "locatiescout-engine": {"locatiescout-model"},
    "locatiescout-output": {"locatiescout-model", "locatiescout-engine"},
    "locatiescout-application": {"locatiescout-model", "locatiescout-io", "locatiescout-engine", "locatiescout-output"},
    "locatiescout": {"locatiescout-application"},
    "locatiescout-app": {"locatiescout-application"},
    # The window test reads the core's text catalogue to look for Dutch on English screens.
    "locatiescout-e2e": {"locatiescout-model"},
}
front_end_only = {"tauri", "tauri-build", "tauri-plugin-dialog", "clap", "indicatif", "tracing-subscriber", "mimalloc", "libmimalloc-sys", "ts-rs", "ctrlc"}
lower = {"locatiescout-model", "locatiescout-io", "locatiescout-engine", "locatiescout-output", "locatiescout-application"}
ours = set(allowed)
bad = []
for p in meta["packages"]:
    name = p["name"]
    if name not in allowed:
        bad.append(f"{name}: een crate die niet in de laagindeling staat (scripts/check-layers.sh)")
        continue
    for d in p["dependencies"]:
        dep, kind = d["name"], d["kind"] or "normal"
        if dep in ours and dep != name and dep not in allowed[name]:
            bad.append(f"{name} -> {dep} ({kind}): tegen de laagrichting in")
        # ts-rs may sit below the front ends only as an optional dependency (the
        # core crates' `ts` feature, which only the desktop app turns on).
        optional_ts = dep == "ts-rs" and d.get("optional")
        if name in lower and dep in front_end_only and kind != "dev" and not optional_ts:
            bad.append(f"{name} -> {dep}: alleen de voorkanten (CLI, desktop-app) mogen dit gebruiken")
if bad:
    print("FOUT: de lagen kloppen niet:", *bad, sep="\n  ")
    sys.exit(1)
print(f"lagen: {len(meta['packages'])} crates, alle afhankelijkheden in de goede richting")
PY
# The module check proves first that it finds a circle, so it cannot pass by finding nothing.
python3 scripts/lib/rust_module_circles.py --self-test
status=0
python3 scripts/lib/rust_module_circles.py || status=1
python3 scripts/lib/ui_import_circles.py || status=1
# One clock: what a council reads is measured from the peildatum. The engine and
# the writers never read the system clock; the application reads it in one place
# (outputs::today, for an empty peildatum). Flags and the project file stamp when
# the user acted, io the HTTP wait — not what is computed or written.
clock_reads=$(grep -rnE 'Local::now|Utc::now|SystemTime::now|Instant::now\(\)\.|strftime\([^)]*now' \
  crates/engine/src crates/output/src crates/app/src \
  | grep -v '^crates/app/src/outputs.rs:' | grep -v '^\S*:[0-9]*:\s*//' || true)
if [ -n "$clock_reads" ]; then
  echo "FOUT: de systeemklok gelezen buiten outputs::today (de peildatum is de enige datum):" >&2
  printf '  %s\n' "$clock_reads" >&2
  status=1
else
  echo "klok: alleen outputs::today leest de datum"
fi
exit "$status"
