"""The package's layout rules, read from the sources with :mod:`ast` (docs/architecture.md).

- The command line (``tda_export/cli/``) is a client of the library: it imports
  ``tda_export`` and names only what ``tda_export.__all__`` lists, besides its own modules.
- Click lives in ``cli/`` only.
- No import circle, even counting the imports inside functions (``test_imports`` counts
  those that run at import time): each module's dependencies point one way.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import tda_export

PACKAGE = Path(__file__).resolve().parent.parent / "tda_export"
CLI = sorted((PACKAGE / "cli").glob("*.py"))
PUBLIC = set(tda_export.__all__)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def runtime_imports(path: Path) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement of ``path`` that can run: at module level or in a function,
    not under ``if TYPE_CHECKING:``."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and ast.unparse(child.test).endswith("TYPE_CHECKING"):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                found.append(child)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def imported(name: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The tda_export modules an import statement of module ``name`` imports."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names} & MODULES.keys()
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    target = node.module or ""
    if node.level:
        base = package.split(".")[: len(package.split(".")) - node.level + 1]
        target = ".".join([*base, node.module] if node.module else base)
    found = {f"{target}.{alias.name}" for alias in node.names} & MODULES.keys()
    return found or ({target} & MODULES.keys())


def reaches_past_the_api(path: Path) -> list[str]:
    """What a module of the command line names of tda_export beyond its public API and
    the command line's own modules (imports under ``TYPE_CHECKING`` included)."""
    wrong = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            wrong += [a.name for a in node.names if a.name.startswith("tda_export.")]
        elif isinstance(node, ast.ImportFrom) and node.module == "tda_export":
            wrong += [f"tda_export.{a.name}" for a in node.names if a.name not in PUBLIC]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tda_export."):
            wrong.append(node.module or "")
        elif isinstance(node, ast.Attribute) and ast.unparse(node.value) == "tda_export":
            wrong += [] if node.attr in PUBLIC else [f"tda_export.{node.attr}"]
    return sorted({name for name in wrong if not name.startswith("tda_export.cli")})


@pytest.mark.parametrize("path", CLI, ids=lambda p: p.name)
def test_the_cli_imports_only_the_public_api(path: Path) -> None:
    """``import tda_export``, ``from tda_export import NAME`` and ``tda_export.NAME`` with
    NAME in ``tda_export.__all__``, and the command line's own modules: nothing else."""
    assert reaches_past_the_api(path) == []


def test_the_rule_sees_a_private_import(tmp_path: Path) -> None:
    """The check above finds each way of reaching past the API."""
    sample = tmp_path / "cli.py"
    sample.write_text(
        "import tda_export\nimport tda_export.checks\nfrom tda_export import Problem, _LAZY\n"
        "from tda_export.errors import UsageError\n"
        "def f():\n    from tda_export.formats import maps\n    return tda_export.validation\n",
        encoding="utf-8",
    )
    assert reaches_past_the_api(sample) == [
        "tda_export._LAZY",
        "tda_export.checks",
        "tda_export.errors",
        "tda_export.formats",
        "tda_export.validation",
    ]


def test_click_lives_in_the_cli() -> None:
    users = [
        name
        for name, path in MODULES.items()
        if not name.startswith("tda_export.cli")
        for node in runtime_imports(path)
        if any(
            (alias.name if isinstance(node, ast.Import) else node.module or "").startswith("click")
            for alias in node.names
        )
    ]
    assert users == []


def test_no_import_circle_even_inside_functions() -> None:
    graph = {
        name: {m for node in runtime_imports(path) for m in imported(name, node)} - {name}
        for name, path in MODULES.items()
    }
    assert graph["tda_export.checks"] >= {"tda_export.coverage"}  # the graph sees lazy imports
    on_path: list[str] = []
    done: set[str] = set()

    def visit(node: str) -> list[str] | None:
        if node in on_path:
            return [*on_path[on_path.index(node) :], node]
        if node in done:
            return None
        on_path.append(node)
        for nxt in sorted(graph[node]):
            cycle = visit(nxt)
            if cycle:
                return cycle
        on_path.pop()
        done.add(node)
        return None

    cycles = [c for c in (visit(name) for name in sorted(graph)) if c]
    assert cycles == []
