#!/usr/bin/env python3
"""Import circles among the window's own TypeScript files (ui/src).

Reads every .ts file under ui/src except __tests__/ and the generated bindings/,
takes each relative import (`import ... from './x'`, `import type ... from '../x'`,
`export ... from './x'`, `import './x'`), resolves it to x.ts or x/index.ts, and
looks for strongly connected components (Tarjan). Exits 1 naming each circle as
`a.ts -> b.ts -> a.ts`, else prints one line and exits 0.

`import type` counts: a circle of types only is still two files that each need
the other to be understood, and none of ours is unavoidable (the store's events
carry what a panel announces, so no panel needs another's types).

    python3 scripts/lib/ui_import_circles.py              check ui/src
    python3 scripts/lib/ui_import_circles.py --root DIR   check another tree
    python3 scripts/lib/ui_import_circles.py --self-test  prove it finds a circle
"""
from __future__ import annotations

import re
import sys
import tempfile
from collections import deque
from pathlib import Path

SKIPPED_DIRS = {"__tests__", "bindings", "node_modules"}

# `import/export ... from '...'` (also over several lines, also `import type`), and
# `import '...'` for its side effects. Anchored at a line's start, so commented
# lines do not count; the clause between keyword and `from` holds no quote or `;`.
FROM_RE = re.compile(r"""^[ \t]*(?:import|export)\b[^;'"`]*?\bfrom\s*(['"])([^'"\n]+)\1""", re.M)
BARE_RE = re.compile(r"""^[ \t]*import\s*(['"])([^'"\n]+)\1""", re.M)


def sources(root: Path) -> list[Path]:
    """The checked files, relative to `root`, sorted."""
    return sorted(
        p.relative_to(root)
        for p in root.rglob("*.ts")
        if not SKIPPED_DIRS.intersection(p.relative_to(root).parts[:-1]) and not p.name.endswith(".d.ts")
    )


def specifiers(text: str) -> list[str]:
    return [m.group(2) for m in FROM_RE.finditer(text)] + [m.group(2) for m in BARE_RE.finditer(text)]


def resolve(root: Path, importer: Path, spec: str) -> Path | None:
    """The file a relative specifier names, relative to `root`; `None` for a package,
    a non-TypeScript file or a file outside the tree."""
    if not spec.startswith(("./", "../")):
        return None
    spec = spec.split("?", 1)[0]
    base = (root / importer).parent / spec
    stem = base.with_suffix("") if base.suffix == ".js" else base
    for candidate in (base, Path(f"{stem}.ts"), stem / "index.ts"):
        if candidate.suffix == ".ts" and candidate.is_file():
            try:
                return candidate.resolve().relative_to(root.resolve())
            except ValueError:
                return None
    return None


def graph(root: Path) -> dict[Path, set[Path]]:
    files = sources(root)
    known = set(files)
    edges: dict[Path, set[Path]] = {f: set() for f in files}
    for f in files:
        for spec in specifiers((root / f).read_text(encoding="utf-8")):
            target = resolve(root, f, spec)
            if target in known:
                edges[f].add(target)
    return edges


def components(edges: dict[Path, set[Path]]) -> list[list[Path]]:
    """Tarjan's strongly connected components, iteratively (no recursion limit)."""
    index: dict[Path, int] = {}
    low: dict[Path, int] = {}
    on_stack: set[Path] = set()
    stack: list[Path] = []
    found: list[list[Path]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(edges[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    scc = []
                    while True:
                        n = stack.pop()
                        on_stack.discard(n)
                        scc.append(n)
                        if n == node:
                            break
                    found.append(sorted(scc))
    return found


def shortest_cycle(edges: dict[Path, set[Path]], scc: set[Path], start: Path) -> list[Path]:
    """The shortest way from `start` back to itself inside its component."""
    previous: dict[Path, Path] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in sorted(edges[node] & scc):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [start, *reversed(path[:-1]), start]
            if nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return [start, start]


def circles(edges: dict[Path, set[Path]]) -> list[list[Path]]:
    """Per circular component, cycles until every file in it has been named once."""
    out = []
    for scc in sorted(components(edges)):
        members = set(scc)
        if len(scc) == 1 and scc[0] not in edges[scc[0]]:
            continue
        named: set[Path] = set()
        for f in scc:
            if f not in named:
                cycle = shortest_cycle(edges, members, f)
                named.update(cycle)
                out.append(cycle)
    return out


def check(root: Path, label: str) -> tuple[int, list[str]]:
    edges = graph(root)
    found = circles(edges)
    if not found:
        return 0, [f"{label}: {len(edges)} bestanden, geen importcirkels"]
    head = f"FOUT: importcirkel in {label}:" if len(found) == 1 else f"FOUT: {len(found)} importcirkels in {label}:"
    return 1, [head, *("  " + " -> ".join(p.as_posix() for p in c) for c in found)]


def self_test() -> int:
    """A tree with a circle through all three import forms must fail, naming it; the
    same tree without the closing import must pass."""
    files = {
        "a.ts": "// import { no } from './c';\nimport {\n  b,\n} from './b';\nimport { d } from './d';\n",
        "b.ts": "import type { C } from './c.js';\nexport const b = 1;\n",
        "c.ts": "export { a } from './a';\nexport type C = number;\n",
        "d/index.ts": "import '../e';\nexport const d = 1;\n",
        "e.ts": "import { d } from './d';\nimport x from '../outside';\n",
        "f.ts": "import { f } from './f';\n",
        "__tests__/a.test.ts": "import { a } from '../a';\n",
        "bindings/X.ts": "import type { Y } from '../g';\n",
        "g.ts": "import type { X } from './bindings/X';\n",
    }
    expected = ["a.ts -> b.ts -> c.ts -> a.ts", "d/index.ts -> e.ts -> d/index.ts", "f.ts -> f.ts"]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        code, lines = check(root, "test")
        if code != 1 or lines[0] != "FOUT: 3 importcirkels in test:" or [l.strip() for l in lines[1:]] != expected:
            failures.append("met cirkels: " + " | ".join(lines))
        (root / "c.ts").write_text("export type C = number;\n", encoding="utf-8")
        (root / "e.ts").write_text("export const e = 1;\n", encoding="utf-8")
        (root / "f.ts").write_text("export const f = 1;\n", encoding="utf-8")
        code, lines = check(root, "test")
        if code != 0 or lines != ["test: 7 bestanden, geen importcirkels"]:
            failures.append("zonder cirkels: " + " | ".join(lines))
    if failures:
        print("FOUT: de zelftest van ui_import_circles.py faalt:", *failures, sep="\n  ")
        return 1
    print("zelftest: importcirkels worden gevonden (import, import type, export from, index.ts, eigen import)")
    return 0


def main(argv: list[str]) -> int:
    if argv == ["--self-test"]:
        return self_test()
    if len(argv) == 2 and argv[0] == "--root":
        root, label = Path(argv[1]), argv[1]
    elif not argv:
        root, label = Path(__file__).resolve().parents[2] / "ui" / "src", "ui/src"
    else:
        print("gebruik: ui_import_circles.py [--root DIR | --self-test]", file=sys.stderr)
        return 2
    if not root.is_dir():
        print(f"FOUT: {root} is geen map", file=sys.stderr)
        return 2
    code, lines = check(root, label)
    print(*lines, sep="\n")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
