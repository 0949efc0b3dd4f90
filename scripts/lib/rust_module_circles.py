#!/usr/bin/env python3
"""Module circles inside each of our Rust crates (crates/*/src, src-tauri/src).

Cargo refuses a circle between crates, but not one between two modules of a
crate; this finds those. Every .rs file is one module: `lib.rs` (or `main.rs`
when there is no `lib.rs`) is the crate root, `a.rs` and `a/mod.rs` are `a`,
`a/b.rs` is `a::b`. A file refers to a module through

  - `use crate::a::b::X;`, `use super::x;`, `use self::x;`, groups such as
    `use crate::{a, b::{c, d as e}};` and a `use` of a child module by its name;
  - a path in code: `crate::a::f(...)`, `super::x::Y`, `self::x::z`.

`super` and `self` are resolved from the file's own module, and a path goes to
the deepest module (file) it names: `crate::import::csv::read_text` is
`import/csv.rs`, `crate::import::ImportError` is `import/mod.rs`.

The rule for parents and children, kept simple:
  - a module's paths to its own children (and theirs) are not edges: a `mod.rs`
    that declares and re-exports its children is their front door, not a circle;
  - a path to an ancestor (`super::X`, `crate::X` from below) is an edge only
    when `X` is defined in that ancestor's file itself (fn, struct, enum, trait,
    type, const, static, union, macro_rules!); a name the ancestor only
    re-exports from elsewhere does not count (`use super::*` counts when the
    ancestor defines anything).
Comments, string and char literals, and `#[cfg(test)] mod x { ... }` / `mod x;`
are left out: tests may reach anywhere.

The circles are the strongly connected components of this graph (Tarjan, shared
with ui_import_circles.py). Exits 1 naming each as `a.rs -> b.rs -> a.rs`, with
the reference behind each arrow, else prints one line per crate and exits 0.

    python3 scripts/lib/rust_module_circles.py              check the workspace
    python3 scripts/lib/rust_module_circles.py --root DIR   check another workspace
    python3 scripts/lib/rust_module_circles.py --self-test  prove it finds circles
"""
from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ui_import_circles import circles  # noqa: E402  (the one Tarjan for both checks)

Module = tuple[str, ...]

ITEM_RE = re.compile(r"\b(?:fn|struct|enum|union|trait|type|const|static|macro_rules!)\s+(\w+)")
USE_RE = re.compile(r"\buse\s+([^;]*);")
CODE_PATH_RE = re.compile(r"(?<![\w:])(crate|super|self)((?:\s*::\s*\w+)+)")
TEST_MOD_RE = re.compile(
    r"#\s*\[\s*cfg\s*\(\s*test\s*\)\s*\]\s*(?:#\s*\[[^\]]*\]\s*)*(?:pub(?:\s*\([^)]*\))?\s+)?mod\s+(\w+)\s*([{;])"
)
RAW_STRING_RE = re.compile(r'b?r(#*)"')
CHAR_RE = re.compile(r"'(?:\\u\{[0-9a-fA-F]{1,6}\}|\\.|[^\\'\n])'")


def strip(text: str) -> str:
    """`text` with comments and the insides of string and char literals blanked
    (newlines kept, so offsets still give the right line)."""
    out: list[str] = []
    i, n = 0, len(text)

    def blank(s: str) -> str:
        return "".join(c if c == "\n" else " " for c in s)

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(blank(text[i:j]))
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(blank(text[i:j]))
            i = j
        elif (m := RAW_STRING_RE.match(text, i)) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            end = text.find('"' + m.group(1), m.end())
            j = n if end < 0 else end + 1 + len(m.group(1))
            out.append(blank(text[i:j]))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(blank(text[i : j + 1]))
            i = j + 1
        elif c == "'" and (m := CHAR_RE.match(text, i)):
            out.append(blank(m.group(0)))
            i = m.end()
        else:
            out.append(c)
            i += 1
    return "".join(out)


def drop_tests(code: str) -> tuple[str, set[str]]:
    """`code` with its `#[cfg(test)] mod x { ... }` blocks blanked, and the names of
    its `#[cfg(test)] mod x;` files."""
    test_files: set[str] = set()
    while m := TEST_MOD_RE.search(code):
        if m.group(2) == ";":
            test_files.add(m.group(1))
            end = m.end()
        else:
            depth, end = 1, m.end()
            while end < len(code) and depth:
                depth += {"{": 1, "}": -1}.get(code[end], 0)
                end += 1
        code = code[: m.start()] + "".join(ch if ch == "\n" else " " for ch in code[m.start() : end]) + code[end:]
    return code, test_files


def module_of(rel: Path) -> Module:
    parts = rel.with_suffix("").parts
    if parts in (("lib",), ("main",)):
        return ()
    return parts[:-1] if parts[-1] == "mod" else parts


def modules(src: Path) -> dict[Module, Path]:
    """Every module file of the crate at `src`, by module path; a binary's `main.rs`
    beside a `lib.rs` and `bin/` are crates of their own and left out."""
    found: dict[Module, Path] = {}
    has_lib = (src / "lib.rs").is_file()
    for p in sorted(src.rglob("*.rs")):
        rel = p.relative_to(src)
        if rel.parts[0] == "bin" or (has_lib and rel == Path("main.rs")):
            continue
        found[module_of(rel)] = rel
    return found


def expand_use(tree: str) -> list[list[str]]:
    """The paths of a `use` tree: `crate::{a, b::{self, c as d}}` gives
    crate::a, crate::b, crate::b::c."""
    tokens = re.findall(r"::|\w+|[{},*]", tree)
    pos = 0

    def parse(prefix: list[str]) -> list[list[str]]:
        nonlocal pos
        paths: list[list[str]] = []
        path = list(prefix)
        while pos < len(tokens):
            t = tokens[pos]
            if t == "{":
                pos += 1
                while pos < len(tokens) and tokens[pos] != "}":
                    paths += parse(path)
                    if pos < len(tokens) and tokens[pos] == ",":
                        pos += 1
                pos += 1
                return paths
            if t in (",", "}"):
                break
            if t == "as":
                pos += 2
                continue
            if t != "::":
                if not (t == "self" and len(path) == len(prefix) and prefix):
                    path.append(t)
            pos += 1
        paths.append(path)
        return paths

    return [p for p in parse([]) if p]


def absolute(path: list[str], here: Module, known: dict[Module, Path]) -> list[str] | None:
    """`path` from the crate root, or `None` for another crate's (std, serde, …)."""
    head, rest = path[0], path[1:]
    if head == "crate":
        return rest
    if head in ("self", "super"):
        base = list(here)
        while path and path[0] in ("self", "super"):
            if path[0] == "super":
                if not base:
                    return None
                base.pop()
            path = path[1:]
        return base + path
    if (*here, head) in known:
        return [*here, *path]
    return None


def edges_of(src: Path) -> tuple[dict[Path, set[Path]], dict[tuple[Path, Path], str]]:
    known = modules(src)
    codes: dict[Module, str] = {}
    tests: set[Module] = set()
    for mod, rel in known.items():
        code, test_files = drop_tests(strip((src / rel).read_text(encoding="utf-8")))
        codes[mod] = code
        tests.update((*mod, name) for name in test_files)
    checked = {m: r for m, r in known.items() if not any(m[: len(t)] == t for t in tests)}
    defined = {m: set(ITEM_RE.findall(codes[m])) for m in checked}
    edges: dict[Path, set[Path]] = {r: set() for r in checked.values()}
    why: dict[tuple[Path, Path], str] = {}
    for here, rel in checked.items():
        code = codes[here]
        refs: list[tuple[int, list[str]]] = []
        for m in USE_RE.finditer(code):
            refs += [(m.start(), p) for p in expand_use(m.group(1))]
        without_uses = USE_RE.sub(lambda m: " " * len(m.group(0)), code)
        for m in CODE_PATH_RE.finditer(without_uses):
            refs.append((m.start(), [m.group(1), *re.findall(r"\w+", m.group(2))]))
        for at, path in sorted(refs, key=lambda r: r[0]):
            full = absolute(path, here, known)
            if full is None:
                continue
            depth = max(k for k in range(len(full) + 1) if tuple(full[:k]) in checked)
            target, item = tuple(full[:depth]), (full[depth] if depth < len(full) else None)
            if target[: len(here)] == here:
                continue  # itself, or its own child
            if here[: len(target)] == target and not (
                (item == "*" and defined[target]) or item in defined[target]
            ):
                continue  # an ancestor's name that is not its own
            to = checked[target]
            edges[rel].add(to)
            line = code.count("\n", 0, at) + 1
            why.setdefault((rel, to), f"{rel.as_posix()}:{line} {'::'.join(path)}")
    return edges, why


def check(src: Path, label: str) -> tuple[int, list[str]]:
    edges, why = edges_of(src)
    found = circles(edges)
    if not found:
        return 0, [f"{label}: {len(edges)} bestanden, geen modulecirkels"]
    head = f"FOUT: modulecirkel in {label}:" if len(found) == 1 else f"FOUT: {len(found)} modulecirkels in {label}:"
    lines = [head]
    for c in found:
        lines.append("  " + " -> ".join(p.as_posix() for p in c))
        lines += [f"      {why[(a, b)]}" for a, b in zip(c, c[1:])]
    return 1, lines


def crates(root: Path) -> list[tuple[Path, str]]:
    found = [(p / "src", p.relative_to(root).as_posix()) for p in sorted((root / "crates").glob("*")) if (p / "src").is_dir()]
    if (root / "src-tauri" / "src").is_dir():
        found.append((root / "src-tauri" / "src", "src-tauri"))
    return found


def check_all(root: Path) -> tuple[int, list[str]]:
    code, lines = 0, []
    for src, label in crates(root):
        c, out = check(src, label)
        code, lines = max(code, c), lines + out
    return code, lines


SELF_TEST_FILES = {
    "lib.rs": "//! The root.\npub mod a;\npub mod b;\npub mod d;\npub mod e;\npub mod g;\npub mod h;\n"
    "pub use a::f;\npub fn root_item() {}\n",
    # A group with a nested path: edges to b/c.rs and d.rs.
    "a.rs": "use crate::{\n    b::c,\n    d as dee,\n};\npub fn f() {}\n",
    # The parent re-exports its child: no edge back.
    "b/mod.rs": "pub mod c;\npub use c::g;\npub struct B;\n",
    # super::super resolved (closes a -> b/c.rs -> a); the parent's own item is an
    # edge to b/mod.rs, which leads nowhere back.
    "b/c.rs": "pub fn g() {\n    super::super::a::f();\n    let _ = super::B;\n}\n",
    # A comment, a string, a char and a test module name e.rs; the root's own item is an edge.
    "d.rs": "// use crate::e;\nconst S: &str = \"crate::e::x\";\nconst Q: char = '\"';\n"
    "pub fn d() {\n    crate::root_item();\n}\n#[cfg(test)]\nmod tests {\n    use crate::e::*;\n}\n",
    "e.rs": "use crate::d::d;\n#[cfg(test)]\nmod t;\n",
    "e/t.rs": "use crate::e::*;\n",
    # A circle through `use super::` and a path in code.
    "g.rs": "use super::h::H;\npub struct G;\n",
    "h.rs": "pub struct H;\nfn x() -> crate::g::G {\n    crate :: g :: G\n}\n",
}


def self_test() -> int:
    """A crate with two circles among decoys must fail naming exactly those; with the
    closing references removed it must pass."""
    phases = [
        ("met cirkels", {}, 1, ["FOUT: 2 modulecirkels in demo:", "  a.rs -> b/c.rs -> a.rs", "  g.rs -> h.rs -> g.rs"]),
        (
            "zonder cirkels",
            {"b/c.rs": "pub fn g() {\n    let _ = super::B;\n}\n", "h.rs": "pub struct H;\n"},
            0,
            ["demo: 8 bestanden, geen modulecirkels"],
        ),
    ]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp)
        for phase, changed, want_code, want in phases:
            for name, text in {**SELF_TEST_FILES, **changed}.items():
                (src / name).parent.mkdir(parents=True, exist_ok=True)
                (src / name).write_text(text, encoding="utf-8")
            code, lines = check(src, "demo")
            # The reasons under each circle (`      file:line path`) are not compared.
            if (code, [l for l in lines if not l.startswith("      ")]) != (want_code, want):
                failures.append(f"{phase}: " + " | ".join(lines))
    if failures:
        print("FOUT: de zelftest van rust_module_circles.py faalt:", *failures, sep="\n  ")
        return 1
    print("zelftest: modulecirkels worden gevonden (use-groepen, super::, paden in code; tests, commentaar en tekst tellen niet)")
    return 0


def main(argv: list[str]) -> int:
    if argv == ["--self-test"]:
        return self_test()
    if argv and (len(argv) != 2 or argv[0] != "--root"):
        print("gebruik: rust_module_circles.py [--root DIR | --self-test]", file=sys.stderr)
        return 2
    root = Path(argv[1]) if argv else Path(__file__).resolve().parents[2]
    if not crates(root):
        print(f"FOUT: {root} heeft geen crates/*/src of src-tauri/src", file=sys.stderr)
        return 2
    code, lines = check_all(root)
    print(*lines, sep="\n")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
