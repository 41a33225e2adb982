"""Smoke test of the benchmark harness (issue #17): small N, end to end, no timing claims.

Speed claims live in benchmarks/results.md, produced by benchmarks/run.py; here only the
harness's plumbing is checked: the generator makes a clean, deterministic fact base, a
stamped base is reused without being written to, and the runner times every command and
ogr2ogr and judges every target of the issue.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, get_args

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


def _load_runner() -> ModuleType:
    """benchmarks/run.py as a module (it imports ``generate`` from its own folder)."""
    name = "tda_benchmarks_run"
    if name in sys.modules:
        return sys.modules[name]
    sys.modules.setdefault("generate", generate)
    spec = importlib.util.spec_from_file_location(name, BENCH / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


runner = _load_runner()


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


def test_a_base_with_a_stale_stamp_is_left_alone(tmp_path: Path) -> None:
    bases, workdir = tmp_path / "bases", tmp_path / "work"
    stale = runner.find_base(20, 7, None, bases, False)
    assert stale == (bases / "n20").resolve()
    assert str(runner.stamped_counts(stale, 20, 7)).startswith("events=20 places=")
    assert runner.find_base(20, 7, bases, workdir, False) == stale  # stamped: reused
    stamp = stale / "STAMP.json"
    stamp.write_text(stamp.read_text().replace('"seed": 7', '"seed": 8'), encoding="utf-8")
    before = _digest(stale)
    fresh = runner.find_base(20, 7, bases, workdir, False)
    assert fresh == (workdir / "n20").resolve()
    assert _digest(stale) == before
    assert _digest(fresh / "facts") == _digest(stale / "facts")


def test_code_lines_leave_out_blanks_comments_and_docstrings(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        '"""Module.\n\nMore."""\n\n# comment\nX = 1  # kept\n\n\n'
        'def f() -> str:\n    """Doc."""\n    return """not a\ndocstring"""\n',
        encoding="utf-8",
    )
    assert runner.code_lines(module) == 4
    assert runner.package_lines(tmp_path) == {f"{tmp_path.name}/m.py": 12}


def test_targets_are_judged_on_the_median_wall_time_at_the_largest_size() -> None:
    def result(key: str, size: int, walls: list[float], peak_mb: int = 100) -> Any:
        case = next(c for c in runner.cases() if c.key == key)
        runs = [runner.Run(w, w / 2, peak_mb * 1024, 0, False, "") for w in walls]
        return runner.Result(case, size, runs)

    report = runner.Report([10, 1000], 3, "python benchmarks/run.py", {}, "0 0 0")
    timed = {
        "ogr2ogr -f CSV": [2.0, 2.0, 9.0],
        "csv --table events": [1.9, 2.1, 2.0],  # median 2.0: 1.0x, at the limit
        "ogr2ogr -f KML": [1.0, 1.0, 1.0],
        "kml (cold)": [3.1, 3.1, 0.1],  # median 3.1: over 3x
        "build (cold)": [19.0, 21.0, 20.0],
    }
    report.results[1000] = {k: result(k, 1000, w) for k, w in timed.items()}
    report.results[1000]["check (cold)"] = result("check (cold)", 1000, [4.0], peak_mb=301)
    report.results[10] = {"kml": result("kml", 10, [9.0])}  # not the largest size: ignored
    verdicts = {label: (measured, verdict) for label, measured, verdict in report.targets()}
    assert verdicts["`csv --table events` ≤ 1× `ogr2ogr -f CSV` at N=1,000"] == (
        "1.00× (2.00 s vs 2.00 s); CPU 1.00×",
        "PASS",
    )
    assert verdicts["`kml (cold)` ≤ 3× `ogr2ogr -f KML` at N=1,000"][1] == "FAIL"
    assert not any(label.startswith("`kml` ") for label in verdicts)
    assert verdicts["`check (cold)` ≤ 5 s at N=1,000"] == ("4.000 s (CPU 2.00 s)", "PASS")
    assert verdicts["`build (cold)` ≤ 20 s at N=1,000"] == ("20.000 s (CPU 10.00 s)", "PASS")
    assert verdicts["peak RSS ≤ 300 MB, every command at N=1,000"] == (
        "max 301 MB (`check (cold)`); over: `check (cold)` 301",
        "FAIL",
    )
    assert verdicts["real base: `tda-export --version` ≤ 0.1 s"] == ("not measured", "n/a")


@pytest.mark.client
def test_harness_end_to_end(tmp_path: Path) -> None:
    require_tool("ogr2ogr")
    bases, workdir, results = tmp_path / "bases", tmp_path / "work", tmp_path / "results.md"
    base = runner.find_base(50, runner.DEFAULT_SEED, None, bases, False)
    before = _digest(bases)
    argv = ["--sizes", "50", "--repeat", "1", "--real-repeat", "1", "--timeout", "120"]
    argv += ["--bases", str(bases), "--workdir", str(workdir), "--results", str(results)]
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), *argv],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    text = results.read_text(encoding="utf-8")
    assert text == proc.stdout
    assert "python benchmarks/run.py --sizes 50 --repeat 1" in text

    # the stamped base was reused and never written to
    assert _digest(bases) == before
    assert not (workdir / "n50").exists()
    assert f"| 50 | `{base}` | " in text
    assert "0 problem(s), 0 warning(s)" in text

    # every command ran at N=50: wall and CPU seconds, peak MB, one run
    rows = re.findall(r"^\| 50 \| `([^`]+)` \| ([^|]+) \| ([^|]+) \| ([^|]+) \|", text, re.M)
    keys = [key for key, *_ in rows]
    exports = ["geojson --layer events", "csv --table events", "kml", "timeline"]
    exports.append("timeline --format ics")
    ogr = ["ogr2ogr -f GeoJSON", "ogr2ogr -f CSV", "ogr2ogr -f KML"]
    cold = [f"{key} (cold)" for key in ["check", *exports, "build"]]
    assert keys == [*ogr, "check", *exports, *cold]
    for key, wall, cpu, peak in rows:
        assert re.fullmatch(r"\d+\.\d{3}", wall.strip()), (key, wall)
        assert re.fullmatch(r"\d+\.\d{3}", cpu.strip()), (key, cpu)
        assert re.fullmatch(r"\d+", peak.strip()), (key, peak)

    # the targets: every one judged PASS or FAIL with a measured figure, none n/a
    targets = re.findall(r"^\| (.+) \| (.+) \| \*\*(PASS|FAIL|n/a)\*\* \|$", text, re.M)
    labels = [label for label, _, _ in targets]
    limits = {
        "geojson --layer events": ("GeoJSON", 1),
        "csv --table events": ("CSV", 1),
        "kml": ("KML", 1.5),
        "timeline": ("GeoJSON", 1.5),  # the JSON text conversion of the same events
        "timeline --format ics": ("GeoJSON", 2),
    }
    assert list(limits) == exports
    for key, (driver, warm) in limits.items():
        for name, limit in ((key, warm), (f"{key} (cold)", 3)):
            label = f"`{name}` ≤ {limit:g}× `ogr2ogr -f {driver}` at N=50"
            assert label in labels, label
    for label in (
        "`check (cold)` ≤ 5 s at N=50",
        "`build (cold)` ≤ 20 s at N=50",
        "peak RSS ≤ 300 MB, every command at N=50",
        "real base: `tda-export build (cold)` ≤ 0.4 s",
        "real base: `tda-export --version` ≤ 0.1 s",
        "`tda_export/**/*.py` < 6,455 lines",
        "no module over 400 lines",
    ):
        assert label in labels, label
    assert len(targets) == 17
    assert all(verdict != "n/a" for *_, verdict in targets), targets
    for label, measured, _ in targets:
        if "×" in label:
            assert re.match(r"\d+\.\d\d× \(\d+\.\d\d s vs \d+\.\d\d s\); CPU \d+\.\d\d×$", measured)

    # the package size is what wc -l counts in the code measured
    files = sorted(str(p) for p in (workdir / "code" / "tda_export").rglob("*.py"))
    wc = subprocess.run(["wc", "-l", *files], capture_output=True, text=True, check=True)
    total = int(wc.stdout.strip().splitlines()[-1].split()[0])
    assert f"{total:,} lines in {len(files)} files" in text


@pytest.mark.client
def test_pages_harness_end_to_end(tmp_path: Path) -> None:
    """benchmarks/pages.py at N=50: each page exported, opened and timed; its section put
    into the report between its markers, and kept there by run.py."""
    require_tool("chromium")
    results = tmp_path / "results.md"
    results.write_text("# Benchmark results\n\nBefore.\n", encoding="utf-8")
    argv = ["--sizes", "50", "--repeat", "1", "--workdir", str(tmp_path / "work")]
    proc = subprocess.run(
        [sys.executable, str(BENCH / "pages.py"), *argv, "--into", str(results)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    text = results.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results\n\nBefore.\n\n<!-- pages.py -->\n")
    assert text.endswith("<!-- /pages.py -->\n") and text.count("<!-- pages.py -->") == 1
    rows = re.findall(r"^\| 50 \| `(\w+\.html)` \| ([^|]+) \|(.+)\| none \|$", text, re.M)
    assert [page for page, *_ in rows] == ["map.html", "story.html", "timeline.html"]
    for _, size, rest in rows:
        cells = [c.strip() for c in rest.split("|")]
        assert re.fullmatch(r"\d+\.\d MB", size.strip())
        assert all(re.fullmatch(r"\d+(\.\d+)?", c) for c in cells), cells  # every figure
    assert runner.pages_section(results) == "\n" + text[text.index("<!-- pages.py") :]
