"""Time the ways to read fact files with a line for every field path (issue #17).

Each candidate reads every ``*.yaml`` of a fact folder, building each record's data and,
where the library can, its path -> line map. Each runs in a fresh process under
``/usr/bin/time`` (wall, user+system CPU, peak RSS); the table gives medians.

    python benchmarks/yaml_parsers.py /work/bench/n10000/facts --repeat 3
    python benchmarks/yaml_parsers.py DIR --only walker,floor   # some candidates

Candidates that need a library the project does not use (``rapidyaml``, ``ruamel.yaml``,
``yaml-rs``, ``tree-sitter-yaml``) are measured only where it is installed (``pip install
rapidyaml ...`` in a scratch environment); the others get a "not installed" row.
"""

from __future__ import annotations

import argparse
import math
import statistics
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

Lines = dict[tuple[Any, ...], int]


def walker(path: Path) -> Iterator[Any]:
    """The project's reader: libyaml's events walked in Python."""
    from tda_export.yamlfile import iter_file

    for _index, _line, item, lines in iter_file(path):
        yield item, lines


def floor(path: Path) -> Iterator[Any]:
    """libyaml's events pulled one by one, doing nothing with them."""
    with path.open("rb") as handle:
        loader = yaml.CSafeLoader(handle)
        get = loader.get_event
        while get() is not None:
            pass
        loader.dispose()
    yield None, {}


def load_no_lines(path: Path) -> Iterator[Any]:
    """``yaml.load`` with the C loader: data only (YAML 1.1 typing), no lines."""
    with path.open("rb") as handle:
        yield yaml.load(handle, Loader=yaml.CSafeLoader), {}


def compose_only(path: Path) -> Iterator[Any]:
    """libyaml composes the whole file into nodes (each with its start line)."""
    with path.open("rb") as handle:
        yield yaml.compose(handle, Loader=yaml.CSafeLoader), {}


def compose_walk(path: Path) -> Iterator[Any]:
    """Nodes composed in C, then walked in Python into data and lines."""
    with path.open("rb") as handle:
        root = yaml.compose(handle, Loader=yaml.CSafeLoader)
    for item in root.value:
        lines: Lines = {}
        yield _node(item, (), lines), lines


def _node(node: Any, path: tuple[Any, ...], lines: Lines) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        return node.value if node.style else _plain(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_node(child, (*path, i), lines) for i, child in enumerate(node.value)]
    out = {}
    for key, value in node.value:
        out[key.value] = _node(value, (*path, key.value), lines)
        lines[(*path, key.value)] = key.start_mark.line + 1
    return out


def _plain(text: str) -> Any:
    """Enough of the core schema to cost what the real one costs."""
    if text and text[0] not in "0123456789+-.~nNtTfF":
        return text
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return None if text in ("", "~", "null") else text


def rapidyaml(path: Path) -> Iterator[Any]:
    """rapidyaml's tree (C++), walked in Python; its API has no node locations."""
    import ryml

    tree = ryml.parse_in_arena(path.read_bytes())
    none = ryml.NONE
    child = tree.first_child(tree.root_id())
    while child != none:
        yield _ryml(tree, child, none), {}
        child = tree.next_sibling(child)


def _ryml(tree: Any, node: int, none: int) -> Any:
    if tree.is_map(node):
        out = {}
        child = tree.first_child(node)
        while child != none:
            out[bytes(tree.key(child)).decode()] = _ryml(tree, child, none)
            child = tree.next_sibling(child)
        return out
    if tree.is_seq(node):
        items = []
        child = tree.first_child(node)
        while child != none:
            items.append(_ryml(tree, child, none))
            child = tree.next_sibling(child)
        return items
    text = bytes(tree.val(node)).decode()
    return text if tree.is_val_quoted(node) else _plain(text)


def rapidyaml_parse(path: Path) -> Iterator[Any]:
    """rapidyaml's parse alone (the floor of any rapidyaml reader)."""
    import ryml

    yield ryml.parse_in_arena(path.read_bytes()), {}


def ruamel_rt(path: Path) -> Iterator[Any]:
    """ruamel.yaml's round-trip loader (pure Python), lines from its ``lc`` records."""
    from ruamel.yaml import YAML

    with path.open("rb") as handle:
        data = YAML(typ="rt").load(handle)
    for index, item in enumerate(data):
        lines: Lines = {(): data.lc.item(index)[0] + 1}
        _ruamel_lines(item, (), lines)
        yield item, lines


def _ruamel_lines(value: Any, path: tuple[Any, ...], lines: Lines) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            lines[(*path, key)] = value.lc.key(key)[0] + 1
            _ruamel_lines(child, (*path, key), lines)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            lines[(*path, index)] = value.lc.item(index)[0] + 1
            _ruamel_lines(child, (*path, index), lines)


def ruamel_safe_c(path: Path) -> Iterator[Any]:
    """ruamel.yaml's safe loader on its C parser: data only, no lines."""
    from ruamel.yaml import YAML

    with path.open("rb") as handle:
        yield YAML(typ="safe", pure=False).load(handle), {}


def yaml_rs(path: Path) -> Iterator[Any]:
    """yaml-rs (Rust): data only, no lines."""
    import yaml_rs as yr

    yield yr.loads(path.read_text(encoding="utf-8"), parse_datetime=False), {}


def tree_sitter_parse(path: Path) -> Iterator[Any]:
    """tree-sitter-yaml's syntax tree (C), with a start point for every node."""
    import tree_sitter
    import tree_sitter_yaml

    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_yaml.language()))
    tree = parser.parse(path.read_bytes())
    if tree.root_node.has_error:  # tree-sitter-yaml 0.7.2 stops at line 32,768 of a file
        end = tree.root_node.end_point[0] + 1
        raise SystemExit(f"tree-sitter-yaml: {path.name}: errors in the tree (ends at {end})")
    yield tree, {}


def tree_sitter_walk(path: Path) -> Iterator[Any]:
    """tree-sitter-yaml's tree visited in Python, the line and text of every node taken.

    A lower bound for a reader on it: scalars would still need decoding (folding, quotes,
    escapes) and the core schema, all by hand.
    """
    tree = next(tree_sitter_parse(path))[0]
    cursor = tree.walk()
    lines: Lines = {}
    visited = 0
    while True:
        node = cursor.node
        lines[(visited,)] = node.start_point[0] + 1
        if node.child_count == 0:
            node.text  # noqa: B018
        visited += 1
        if cursor.goto_first_child() or cursor.goto_next_sibling():
            continue
        while cursor.goto_parent():
            if cursor.goto_next_sibling():
                break
        else:
            break
    yield visited, lines


CANDIDATES: dict[str, tuple[Callable[[Path], Iterator[Any]], str]] = {
    "floor": (floor, "libyaml events, nothing done (floor)"),
    "walker": (walker, "yamlfile.iter_file: events walked in Python"),
    "compose": (compose_only, "PyYAML C compose only (nodes, no data yet)"),
    "compose-walk": (compose_walk, "PyYAML C compose + Python node walk"),
    "load": (load_no_lines, "PyYAML CSafeLoader yaml.load (no lines)"),
    "rapidyaml-parse": (rapidyaml_parse, "rapidyaml parse only"),
    "rapidyaml": (rapidyaml, "rapidyaml parse + Python walk (no lines: not in its API)"),
    "ruamel-rt": (ruamel_rt, "ruamel.yaml round-trip + lc lines (pure Python)"),
    "ruamel-safe-c": (ruamel_safe_c, "ruamel.yaml safe, C parser (no lines)"),
    "yaml-rs": (yaml_rs, "yaml-rs (Rust) loads (no lines)"),
    "tree-sitter-parse": (tree_sitter_parse, "tree-sitter-yaml parse only"),
    "tree-sitter-walk": (tree_sitter_walk, "tree-sitter-yaml parse + Python visit (no data)"),
}


def run_one(name: str, facts: Path) -> None:
    """Read every fact file with one candidate and print the number of records."""
    read = CANDIDATES[name][0]
    count = sum(1 for path in sorted(facts.glob("*.yaml")) for _ in read(path))
    print(count)


def main() -> None:
    """Time each candidate in fresh processes and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("facts", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default=",".join(CANDIDATES))
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run_one(args.one, args.facts)
        return
    print(f"facts: {args.facts}, medians of {args.repeat} runs\n")
    print("| candidate | lines for every field | wall s | CPU s | peak RSS MB |")
    print("| --- | --- | --- | --- | --- |")
    for name in args.only.split(","):
        runs = [_timed(name, args.facts) for _ in range(args.repeat)]
        if any(run is None for run in runs):
            print(f"| {name} | not installed or failed | | | |")
            continue
        wall, cpu, rss = (statistics.median(r[i] for r in runs if r) for i in range(3))
        lines = "yes" if name in ("walker", "compose-walk", "ruamel-rt") else "no"
        print(f"| {CANDIDATES[name][1]} | {lines} | {wall:.2f} | {cpu:.2f} | {rss:.0f} |")
        sys.stdout.flush()


def _timed(name: str, facts: Path) -> tuple[float, float, float] | None:
    command = ["/usr/bin/time", "-f", "%e %U %S %M", sys.executable, __file__]
    done = subprocess.run(
        [*command, str(facts), "--one", name], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        print(done.stderr[-2000:], file=sys.stderr)
        return None
    wall, user, system, rss_kb = done.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), math.ceil(int(rss_kb) / 1024)


if __name__ == "__main__":
    main()
