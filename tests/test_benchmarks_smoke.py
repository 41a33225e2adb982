"""Smoke test of the benchmark harness (issue #7): small N, end to end, no timing claims.

Speed claims live in benchmarks/results.md, produced by benchmarks/run.py; here only the
harness's plumbing is checked: the generator makes a clean, deterministic fact base and the
runner times every command and ogr2ogr and prints the ratio table.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import get_args

import pytest
from conftest import ROOT, require_tool

from tda_export import vocab

BENCH = ROOT / "benchmarks"


def _load_generator() -> ModuleType:
    """benchmarks/generate.py as a module (benchmarks/ is not a package)."""
    name = "tda_benchmarks_generate"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCH / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


generate = _load_generator()


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_generator_vocabularies_match_the_schema() -> None:
    assert set(generate.CATEGORIES) == set(get_args(vocab.EventCategory))
    assert set(generate.ACTIVITIES) == set(get_args(vocab.Activity))
    assert set(generate.STATUSES) <= set(get_args(vocab.ClaimStatus))
    assert set(generate.SOURCE_KINDS) <= set(get_args(vocab.SourceKind))
    assert set(generate.RELATIONS) <= set(get_args(vocab.Relation))
    assert set(generate.MEASURES) <= set(get_args(vocab.FigureMeasure))


def test_generator_is_deterministic_and_clean(tmp_path: Path) -> None:
    from tda_export.geography import contains
    from tda_export.validation import validate

    first, second = tmp_path / "a", tmp_path / "b"
    counts = generate.generate(60, first, seed=7)
    generate.generate(60, second, seed=7)
    assert _digest(first) == _digest(second)
    assert "events=60" in str(counts)

    base, problems = validate(first / "facts", first / "archive")
    assert [str(p) for p in problems] == []
    assert len(base.events) == 60
    # every precision and form of date, and every kind of imprecise place, is present
    dates = [e.date for e in base.events]
    assert {d.kind for d in dates} == {"single", "range", "open-end", "open-start"}
    assert {d.precision for d in dates} == {"year", "month", "day"}
    assert any(d.approximate for d in dates) and any(d.display for d in dates)
    assert any(p.point is None and p.kind in ("state", "country") for p in base.places)
    assert any(p.point is None and p.kind not in ("state", "country") for p in base.places)
    jittered = [p for p in base.places if p.point is not None and p.geonames_id is None]
    assert jittered and all(p.uncertainty_m for p in jittered)
    for place in jittered:
        assert contains(place.country, *place.point)


@pytest.mark.client
def test_harness_end_to_end(tmp_path: Path) -> None:
    require_tool("ogr2ogr")
    results = tmp_path / "results.md"
    proc = subprocess.run(
        [
            sys.executable,
            str(BENCH / "run.py"),
            "--sizes",
            "50",
            "--repeat",
            "1",
            "--timeout",
            "120",
            "--no-real",
            "--workdir",
            str(tmp_path / "work"),
            "--results",
            str(results),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    text = results.read_text(encoding="utf-8")
    assert text.strip() == proc.stdout.strip()

    help_text = subprocess.run(
        [sys.executable, "-m", "tda_export", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    commands = set(re.findall(r"^  ([a-z][a-z-]*)\s", help_text.split("Commands:")[1], re.M))
    rows = re.findall(r"^\| `([^`]+)` \| ([^|]+) \| ([^|]+) \|", text, re.M)
    timed = {key.split()[0] for key, _, _ in rows}
    expected = {"check", "geojson", "kml", "timeline", "csv", "build"} & commands
    assert expected <= timed
    # every command ran to completion at N=50: a time and a peak RSS, no failure or timeout
    for key, seconds, megabytes in rows:
        assert re.fullmatch(r"\d+\.\d{3}", seconds), (key, seconds)
        assert re.fullmatch(r"\d+", megabytes), (key, megabytes)
    assert not re.search(r"at N=50: (failed|timeout|skipped)", text)
    assert "0 problem(s), 0 warning(s)" in text
    for tool in ("ogr2ogr -f GeoJSON", "ogr2ogr -f KML", "ogr2ogr -f CSV"):
        assert f"| `{tool}` |" in text
    # the ratio table: one row per conversion, with a ratio and the target
    header = "| conversion | tda-export command | N | tda-export s | ogr2ogr s | ratio | target |"
    assert header in text
    for conversion in ("geojson", "kml", "csv"):
        row = re.search(rf"^\| {conversion} \| `[^`]+` \| 50 \| .*$", text, re.M)
        assert row is not None, conversion
        assert re.search(r"\| \d+\.\d\d× \|", row.group(0)), row.group(0)
    assert "## Targets" in text and "## Machine" in text
    assert "python benchmarks/run.py --sizes 50" in text
