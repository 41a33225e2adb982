"""Time tda-export against ogr2ogr on generated fact bases and judge issue #17's targets.

For each size N (``--sizes``) the harness takes a fact base of N events made by
:mod:`generate` (reused from ``--bases`` or ``--workdir`` when its stamp matches, else
generated in ``--workdir``), then runs ``--repeat`` rounds; each round runs every case once
in a fresh process, so a load spike on the shared machine hits every case alike:

- ogr2ogr converting the same events (``ogr/events.csv``) to GeoJSON, CSV and KML;
- warm exports: the checked base read from the cache that ``check`` filled;
- cold commands (``TDA_EXPORT_CACHE=off``): ``check``, the five exports and ``build``.

Each run reports wall time, CPU time (user + sys) and peak RSS of that very process
(``os.wait4`` in a tiny wrapper). The report gives medians of wall and CPU time, the
largest peak RSS, the ratios to ogr2ogr, the real ``facts/`` base (cold ``build``,
``--version``), the size of the package, and a PASS/FAIL table of the targets, judged at
the largest N.

Usage::

    python benchmarks/run.py --sizes 10000,100000 --repeat 3 --bases /work/bench
    python benchmarks/run.py --sizes 100000 --repeat 1 --bases /work/bench   # quick
    python benchmarks/run.py --sizes 50 --repeat 1 --no-real --results /tmp/r.md   # smoke
"""

from __future__ import annotations

import argparse
import ast
import compileall
import contextlib
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

try:  # python benchmarks/run.py puts benchmarks/ itself on sys.path
    from generate import DEFAULT_SEED, generate  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - imported as benchmarks.run
    from benchmarks.generate import DEFAULT_SEED, generate

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REAL_FACTS = ROOT / "facts"
REAL_ARCHIVE = ROOT.parent / "shared" / "seeds"
CACHE_ENV = "TDA_EXPORT_CACHE"
COLD = {CACHE_ENV: "off"}
#: Always run, whatever ``--only`` says: the references and what fills the cache.
KEEP = ("ogr2ogr -f GeoJSON", "ogr2ogr -f CSV", "ogr2ogr -f KML", "check")

# -- targets of issue #17 --------------------------------------------------------------------
#: Each export: (key, arguments, output file, ogr2ogr driver it is compared with,
#: warm limit, cold limit). timeline and ics are compared with ogr2ogr -f GeoJSON: the JSON
#: text conversion of the same events (ogr2ogr has no TimelineJS or iCalendar driver).
EXPORTS = (
    (
        "geojson --layer events",
        ["geojson", "--layer", "events"],
        "events.geojson",
        "GeoJSON",
        1.0,
        3.0,
    ),
    ("csv --table events", ["csv", "--table", "events"], "events.csv", "CSV", 1.0, 3.0),
    ("kml", ["kml"], "map.kml", "KML", 1.5, 3.0),
    ("timeline", ["timeline"], "timeline.json", "GeoJSON", 1.5, 3.0),
    ("timeline --format ics", ["timeline", "--format", "ics"], "timeline.ics", "GeoJSON", 2.0, 3.0),
)
OGR_DRIVERS = {"GeoJSON": "ogr.geojson", "CSV": "ogr.csv", "KML": "ogr.kml"}
OGR_OPEN_OPTIONS = ("X_POSSIBLE_NAMES=lon", "Y_POSSIBLE_NAMES=lat", "KEEP_GEOM_COLUMNS=NO")
TARGET_CHECK_S = 5.0
TARGET_BUILD_S = 20.0
TARGET_PEAK_MB = 300.0
TARGET_REAL_BUILD_S = 0.4
TARGET_VERSION_S = 0.1
TARGET_PACKAGE_LINES = 6455  # strictly fewer
TARGET_MODULE_LINES = 400  # at most

# -- measuring one process -------------------------------------------------------------------
#: A minimal Python (no site, no subprocess module) that forks, execs the command, reaps it
#: with ``os.wait4`` and prints wall time, CPU time and that child's ``ru_maxrss`` as JSON.
#: The wrapper is needed because Linux keeps a process's RSS high-water mark across
#: ``execve``: a command spawned straight from this (large) harness would report the
#: harness's RSS. Forked from the ~8 MB wrapper, the floor is the wrapper's size.
WRAPPER = r"""
import json, os, signal, sys, time
timeout, out, argv = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
killed = []
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.dup2(fd, 1)
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
def kill(*_):
    killed.append(1)
    os.kill(pid, signal.SIGKILL)
signal.signal(signal.SIGALRM, kill)
signal.setitimer(signal.ITIMER_REAL, timeout)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
signal.setitimer(signal.ITIMER_REAL, 0)
print(json.dumps({"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
                  "peak_kib": usage.ru_maxrss,
                  "returncode": os.waitstatus_to_exitcode(status), "timed_out": bool(killed)}))
"""


@dataclass
class Run:
    """One process run: wall and CPU seconds, peak RSS (KiB), and how it ended."""

    wall_s: float
    cpu_s: float
    peak_kib: int
    returncode: int
    timed_out: bool
    stderr_tail: str


def run_process(
    argv: Sequence[str], cwd: Path, timeout_s: float, env: dict[str, str] | None = None
) -> Run:
    """Run ``argv`` once through the wrapper (standard output discarded)."""
    wrapper = [sys.executable, "-I", "-S", "-c", WRAPPER, str(timeout_s), os.devnull]
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [*wrapper, *argv],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=err,
            start_new_session=True,  # its own process group: killed whole if we stop
            env={**os.environ, **(env or {})},
        )
        try:
            stdout, _ = proc.communicate()
        except BaseException:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()[-5:]
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark wrapper failed: {tail}")
    report = json.loads(stdout)
    return Run(
        float(report["wall_s"]),
        float(report["cpu_s"]),
        int(report["peak_kib"]),
        int(report["returncode"]),
        bool(report["timed_out"]),
        "\n".join(tail),
    )


# -- what is timed ---------------------------------------------------------------------------
@dataclass
class Case:
    """One timed command line; ``{facts}``, ``{archive}``, ``{csv}``, ``{out}`` are filled."""

    key: str
    argv: list[str]
    output: str | None = None  # file or folder under {out}, removed before each run
    env: dict[str, str] = field(default_factory=dict)
    ogr: str | None = None  # the ogr2ogr case this one is compared with
    limit: float | None = None  # target ratio to that ogr2ogr case

    @property
    def is_tda(self) -> bool:
        """A tda-export run (not ogr2ogr)."""
        return not self.key.startswith("ogr2ogr")


@dataclass
class Result:
    """Every run of one case at one size."""

    case: Case
    size: int
    runs: list[Run] = field(default_factory=list)
    status: str = "ok"  # ok | timeout | failed
    detail: str = ""
    output_bytes: int | None = None

    def _good(self) -> list[Run]:
        ok = self.status == "ok"
        return [r for r in self.runs if ok and r.returncode == 0 and not r.timed_out]

    @property
    def wall_s(self) -> float | None:
        """Median wall time of the successful runs."""
        good = self._good()
        return statistics.median(r.wall_s for r in good) if good else None

    @property
    def cpu_s(self) -> float | None:
        """Median CPU time (user + sys) of the successful runs."""
        good = self._good()
        return statistics.median(r.cpu_s for r in good) if good else None

    @property
    def peak_mb(self) -> float | None:
        """Largest peak RSS over the runs, MiB (also for a failed or timed-out run)."""
        return max(r.peak_kib for r in self.runs) / 1024 if self.runs else None


def cases() -> list[Case]:
    """In run order: ogr2ogr; ``check`` then the warm exports; the cold commands."""
    out: list[Case] = []
    for driver, filename in OGR_DRIVERS.items():
        argv = ["ogr2ogr", "-f", driver, f"{{out}}/{filename}", "{csv}"]
        for option in OGR_OPEN_OPTIONS:
            argv += ["-oo", option]
        out.append(Case(f"ogr2ogr -f {driver}", argv, filename))
    facts = ["--facts", "{facts}"]
    out.append(Case("check", ["check", *facts]))  # checks in full and fills the cache
    for key, args, filename, driver, warm, _ in EXPORTS:
        argv = [*args, *facts, "-o", f"{{out}}/{filename}"]
        out.append(Case(key, argv, filename, ogr=f"ogr2ogr -f {driver}", limit=warm))
    out.append(Case("check (cold)", ["check", *facts], env=COLD))
    for key, args, filename, driver, _, cold in EXPORTS:
        argv = [*args, *facts, "-o", f"{{out}}/{filename}"]
        out.append(Case(f"{key} (cold)", argv, filename, COLD, f"ogr2ogr -f {driver}", cold))
    build = ["build", *facts, "--archive", "{archive}", "--out", "{out}/build"]
    out.append(Case("build (cold)", build, "build", COLD))
    return out


# -- running ---------------------------------------------------------------------------------
def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def _size_of(path: Path) -> int | None:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size if path.exists() else None


def run_rounds(
    todo: list[Case],
    size: int,
    values: dict[str, str],
    exe: list[str],
    repeat: int,
    timeout_s: float,
) -> list[Result]:
    """``repeat`` rounds of every case; a case that fails or times out leaves the rounds."""
    out = Path(values["out"])
    results = [Result(case, size) for case in todo]
    for round_no in range(1, repeat + 1):
        for result in results:
            if result.status != "ok":
                continue
            case = result.case
            argv = [a.format(**values) for a in case.argv]
            if case.is_tda:
                argv = exe + argv
            if case.output:
                _remove(out / case.output)
            run = run_process(argv, out, timeout_s, case.env)
            result.runs.append(run)
            if run.timed_out:
                result.status, result.detail = "timeout", f"killed after {timeout_s:.0f} s"
            elif run.returncode != 0:
                result.status = "failed"
                result.detail = f"exit {run.returncode}: {run.stderr_tail[-300:]}"
            elif case.output:
                result.output_bytes = _size_of(out / case.output)
            log(
                f"  N={size:>7} round {round_no} {case.key:<34} {run.wall_s:8.3f} s wall "
                f"{run.cpu_s:8.3f} s CPU {run.peak_kib / 1024:6.0f} MB  {result.status}"
            )
    return results


def log(message: str) -> None:
    """Progress on standard error."""
    print(message, file=sys.stderr, flush=True)


# -- fact bases ------------------------------------------------------------------------------
def stamp_for(size: int, seed: int) -> dict[str, object]:
    """What a base folder's STAMP.json must say to be reused: N, seed, generate.py's sha256."""
    source = (HERE / "generate.py").read_bytes()
    return {"events": size, "seed": seed, "generator": hashlib.sha256(source).hexdigest()}


def stamped_counts(folder: Path, size: int, seed: int) -> str | None:
    """The record counts of ``folder`` if its stamp matches this generator, size and seed."""
    try:
        have = json.loads((folder / "STAMP.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    want = stamp_for(size, seed)
    if not isinstance(have, dict) or "counts" not in have:
        return None
    if any(have.get(k) != v for k, v in want.items()):
        return None
    return str(have["counts"])


def find_base(size: int, seed: int, bases: Path | None, workdir: Path, force: bool) -> Path:
    """The folder of the base of ``size`` events: reused if stamped, else generated.

    A stamped base in ``bases`` is only ever read. Otherwise the base lives in
    ``workdir/nN``: reused when its stamp matches, (re)generated when missing, when
    ``force``, or when its stamp does not match (the folder is replaced).
    """
    if bases is not None and not force:
        folder = (bases / f"n{size}").resolve()
        if stamped_counts(folder, size, seed) is not None:
            return folder
    folder = (workdir / f"n{size}").resolve()
    if force or stamped_counts(folder, size, seed) is None:
        if folder.exists():
            shutil.rmtree(folder)
        start = time.perf_counter()
        counts = str(generate(size, folder, seed))
        log(f"N={size}: generated {counts} in {time.perf_counter() - start:.1f} s")
        stamp = {**stamp_for(size, seed), "counts": counts}
        (folder / "STAMP.json").write_text(json.dumps(stamp), encoding="utf-8")
    return folder


def check_summary(facts: Path, archive: Path, exe: list[str], cwd: Path) -> str:
    """The last line of ``check --archive`` (the base must be clean)."""
    proc = subprocess.run(
        [*exe, "check", "--facts", str(facts), "--archive", str(archive)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **COLD},
    )
    lines = proc.stdout.strip().splitlines()
    return lines[-1] if lines else proc.stderr.strip()[-300:]


# -- the code measured -----------------------------------------------------------------------
def tda_executable() -> list[str]:
    """The installed ``tda-export`` script beside this Python, else ``python -m``."""
    beside = Path(sys.executable).parent / "tda-export"
    if beside.exists():
        return [str(beside)]
    return [sys.executable, "-m", "tda_export"]


def snapshot_code(workdir: Path) -> Path:
    """Copy ``tda_export/`` into ``workdir/code`` and make every child import that copy.

    Others edit the working tree while a long run goes on; a snapshot keeps one version of
    the code for the whole run. The copy is compiled to bytecode, as an installed package
    is. Returns the copied package folder.
    """
    target = workdir / "code"
    if target.exists():
        shutil.rmtree(target)
    package = target / "tda_export"
    shutil.copytree(ROOT / "tda_export", package, ignore=shutil.ignore_patterns("__pycache__"))
    compileall.compile_dir(package, quiet=1)
    entry = str(target.resolve())
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [entry, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    )
    sys.path.insert(0, entry)  # the generator imports tda_export too
    return package


def tree_digest(package: Path) -> str:
    """sha256 (12 hex) of every file of the package but bytecode."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def package_lines(package: Path) -> dict[str, int]:
    """Physical lines (as ``wc -l`` counts them) of every ``*.py`` under ``package``."""
    return {
        str(path.relative_to(package.parent)): path.read_bytes().count(b"\n")
        for path in sorted(package.rglob("*.py"))
        if "__pycache__" not in path.parts
    }


def code_lines(path: Path) -> int:
    """Lines of ``path`` that are not blank, not comments and not in a docstring."""
    source = path.read_text(encoding="utf-8")
    docstrings: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = body[0] if body else None
            value = first.value if isinstance(first, ast.Expr) else None
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                docstrings.update(range(value.lineno, (value.end_lineno or value.lineno) + 1))
    return sum(
        1
        for number, line in enumerate(source.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#") and number not in docstrings
    )


# -- machine ---------------------------------------------------------------------------------
def _output(argv: list[str]) -> str:
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return proc.stdout.strip()


def machine(exe: list[str]) -> dict[str, str]:
    """nproc, memory, CPU model, OS, Python, GDAL, tda-export version and git state."""
    info = {"nproc": str(os.cpu_count())}
    with contextlib.suppress(OSError):
        cpu = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        info["cpu"] = cpu.group(1).strip() if cpu else platform.processor()
    with contextlib.suppress(OSError):
        mem = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
        info["memory"] = f"{int(mem.group(1)) / 1024 / 1024:.1f} GiB" if mem else "unknown"
    info["os"] = platform.platform()
    info["python"] = platform.python_version()
    info["gdal"] = _output(["ogr2ogr", "--version"]) or "ogr2ogr not found"
    info["tda-export"] = _output([*exe, "--version"]) or "?"
    head = _output(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = _output(["git", "-C", str(ROOT), "--no-optional-locks", "status", "--porcelain"])
    changed = len(dirty.splitlines()) if dirty else 0
    info["git"] = (head or "?") + (f" + {changed} uncommitted file(s)" if changed else "")
    return info


def loadavg() -> str:
    """The 1/5/15-minute load averages (other users of the machine show up here)."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


# -- report ----------------------------------------------------------------------------------
def _s(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _mb(result: Result | None) -> str:
    return "—" if result is None or result.peak_mb is None else f"{result.peak_mb:.0f}"


def _bytes(n: int | None) -> str:
    if n is None:
        return "—"
    size = float(n)
    for unit in ("B", "KB", "MB"):
        if size < 1000:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.1f} GB"


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


@dataclass
class Report:
    """Everything measured in one harness run."""

    sizes: list[int]
    repeat: int
    command: str
    machine: dict[str, str]
    load_before: str
    load_after: str = ""
    results: dict[int, dict[str, Result]] = field(default_factory=dict)
    bases: dict[int, str] = field(default_factory=dict)
    checks: dict[int, str] = field(default_factory=dict)
    real: dict[str, Result] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    code_lines: int = 0
    notes: list[str] = field(default_factory=list)

    def result(self, key: str, size: int | None = None) -> Result | None:
        """One case at ``size`` (default: the largest)."""
        return self.results.get(size or max(self.sizes), {}).get(key)

    def _time_target(self, label: str, res: Result | None, limit: float) -> tuple[str, ...]:
        if res is None or res.wall_s is None:
            return label, res.status if res else "not measured", "FAIL" if res else "n/a"
        cpu = f" (CPU {res.cpu_s:.2f} s)" if res.cpu_s is not None else ""
        verdict = "PASS" if res.wall_s <= limit else "FAIL"
        return label, f"{res.wall_s:.3f} s{cpu}", verdict

    def _ratio_target(self, res: Result, big: int) -> tuple[str, ...]:
        assert res.case.ogr and res.case.limit
        label = f"`{res.case.key}` ≤ {res.case.limit:g}× `{res.case.ogr}` at N={big:,}"
        ogr = self.result(res.case.ogr)
        wall = _ratio(res.wall_s, ogr.wall_s if ogr else None)
        if wall is None:
            return label, res.status if res.wall_s is None else "ogr2ogr not measured", "FAIL"
        assert ogr is not None and res.wall_s is not None and ogr.wall_s is not None
        cpu = _ratio(res.cpu_s, ogr.cpu_s)
        measured = f"{wall:.2f}× ({res.wall_s:.2f} s vs {ogr.wall_s:.2f} s)"
        if cpu is not None:
            measured += f"; CPU {cpu:.2f}×"
        return label, measured, "PASS" if wall <= res.case.limit else "FAIL"

    def targets(self) -> list[tuple[str, ...]]:
        """(target, measured, PASS/FAIL/n/a) for every target of the issue."""
        big = max(self.sizes)
        at_big = self.results.get(big, {})
        rows = [self._ratio_target(r, big) for r in at_big.values() if r.case.ogr]
        rows.append(
            self._time_target(
                f"`check (cold)` ≤ {TARGET_CHECK_S:g} s at N={big:,}",
                at_big.get("check (cold)"),
                TARGET_CHECK_S,
            )
        )
        rows.append(
            self._time_target(
                f"`build (cold)` ≤ {TARGET_BUILD_S:g} s at N={big:,}",
                at_big.get("build (cold)"),
                TARGET_BUILD_S,
            )
        )
        peaks = [(r.peak_mb, k) for k, r in at_big.items() if r.case.is_tda and r.peak_mb]
        if peaks:
            top, key = max(peaks)
            over = [
                f"`{k}` {mb:.0f}" for mb, k in sorted(peaks, reverse=True) if mb > TARGET_PEAK_MB
            ]
            unfinished = [f"`{k}`" for k, r in at_big.items() if r.status != "ok"]
            measured = f"max {top:.0f} MB (`{key}`)"
            measured += "; over: " + ", ".join(over) if over else ""
            measured += "; not finished: " + ", ".join(unfinished) if unfinished else ""
            verdict = "FAIL" if over or unfinished else "PASS"
            label = f"peak RSS ≤ {TARGET_PEAK_MB:.0f} MB, every command at N={big:,}"
            rows.append((label, measured, verdict))
        for key, limit in (("build (cold)", TARGET_REAL_BUILD_S), ("--version", TARGET_VERSION_S)):
            label = f"real base: `tda-export {key}` ≤ {limit:g} s"
            rows.append(self._time_target(label, self.real.get(key), limit))
        if self.lines:
            total = sum(self.lines.values())
            name, most = max(self.lines.items(), key=lambda item: (item[1], item[0]))
            rows.append(
                (
                    f"`tda_export/**/*.py` < {TARGET_PACKAGE_LINES:,} lines",
                    f"{total:,} lines in {len(self.lines)} files",
                    "PASS" if total < TARGET_PACKAGE_LINES else "FAIL",
                )
            )
            over = [f"`{n}` {c}" for n, c in self.lines.items() if c > TARGET_MODULE_LINES]
            rows.append(
                (
                    f"no module over {TARGET_MODULE_LINES} lines",
                    f"largest `{name}` {most}" + ("; over: " + ", ".join(over) if over else ""),
                    "FAIL" if over else "PASS",
                )
            )
        return rows

    def markdown(self) -> str:
        """The whole report as Markdown."""
        out = [
            "# Benchmark results (issue #17)",
            "",
            "Generated by `benchmarks/run.py` (see `benchmarks/README.md`). Command:",
            "",
            "```sh",
            self.command,
            "```",
            "",
            f"Targets are judged at N={max(self.sizes):,}, on the median wall time of "
            f"{self.repeat} round(s); CPU time (user + sys of the process) is shown beside it "
            "because the machine is shared. `timeline` and `timeline --format ics` are "
            "compared with `ogr2ogr -f GeoJSON` on the same rows (the JSON text conversion of "
            "the same events): ogr2ogr has no TimelineJS or iCalendar driver.",
            "",
            "## Targets",
            "",
            "| target | measured | verdict |",
            "| --- | --- | --- |",
        ]
        out += [
            f"| {label} | {measured} | **{verdict}** |"
            for label, measured, verdict in self.targets()
        ]
        out += [
            "",
            "## Every command",
            "",
            "Warm: the checked base read from the cache filled by `check`. Cold: "
            "`TDA_EXPORT_CACHE=off`, what a user sees after every edit. Ratio: wall (CPU) "
            "time over that of the ogr2ogr conversion named.",
            "",
            "| N | command | wall s | CPU s | peak MB | output | ratio to ogr2ogr | runs |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for size in self.sizes:
            for key, res in self.results.get(size, {}).items():
                ratio = ""
                if res.case.ogr:
                    ogr = self.results[size].get(res.case.ogr)
                    wall = _ratio(res.wall_s, ogr.wall_s if ogr else None)
                    cpu = _ratio(res.cpu_s, ogr.cpu_s if ogr else None)
                    if wall is not None:
                        ratio = f"{wall:.2f}× ({_s(cpu, 2)}×) `{res.case.ogr}`"
                wall_cell = _s(res.wall_s) if res.status == "ok" else f"{res.status}"
                out.append(
                    f"| {size:,} | `{key}` | {wall_cell} | {_s(res.cpu_s)} | {_mb(res)} | "
                    f"{_bytes(res.output_bytes)} | {ratio} | {len(res.runs)} |"
                )
        out += ["", "## Real fact base (`facts/`)", ""]
        out += ["| command | wall s | CPU s | peak MB | runs |", "| --- | --- | --- | --- | --- |"]
        for key, res in self.real.items():
            out.append(
                f"| `tda-export {key}` | {_s(res.wall_s)} | {_s(res.cpu_s)} | {_mb(res)} | "
                f"{len(res.runs)} |"
            )
        if self.lines:
            top = sorted(self.lines.items(), key=lambda item: (-item[1], item[0]))[:5]
            out += ["", "## Package size", ""]
            out.append(
                f"{sum(self.lines.values()):,} physical lines (as `wc -l`) in "
                f"{len(self.lines)} files of `tda_export/**/*.py`; largest: "
                + ", ".join(f"`{name}` {count}" for name, count in top)
                + "."
            )
            out.append(
                f"Without blank, comment and docstring lines: {self.code_lines:,}. (Before "
                "issue #17's work, commit 7eb7bc4 had 9,212 physical lines and 6,333 such "
                "lines: the issue's 6,455 was not a `wc -l` count.)"
            )
        out += [
            "",
            "## Fact bases",
            "",
            "| N | folder | `check --archive` |",
            "| --- | --- | --- |",
        ]
        out += [f"| {s:,} | `{self.bases[s]}` | {self.checks.get(s, '')} |" for s in self.sizes]
        out += ["", "## Machine", "", "| | |", "| --- | --- |"]
        out += [f"| {key} | {value} |" for key, value in self.machine.items()]
        out.append(
            f"| load average (1/5/15 min) | before {self.load_before}; after {self.load_after} |"
        )
        problems = [
            f"`{key}` at N={size:,}: {res.status} ({' '.join(res.detail.split())})"
            for size, by_key in self.results.items()
            for key, res in by_key.items()
            if res.status != "ok"
        ] + [
            f"real `{k}`: {r.status} ({r.detail})" for k, r in self.real.items() if r.status != "ok"
        ]
        if self.notes or problems:
            out += ["", "## Notes", ""]
            out += [f"- {note}" for note in [*self.notes, *problems]]
        return "\n".join(out) + "\n"


# -- main ------------------------------------------------------------------------------------
PAGES_MARKERS = ("<!-- pages.py -->", "<!-- /pages.py -->")
"""Around the section ``benchmarks/pages.py`` writes into the report, which a run keeps."""


def pages_section(path: Path) -> str:
    """The sections of ``path`` written by other scripts or by hand, to keep (or "").

    Each lies between ``<!-- NAME -->`` and ``<!-- /NAME -->``: the one
    ``benchmarks/pages.py`` writes (:data:`PAGES_MARKERS`), ``real_base.py``'s, and the
    before-and-after tables of the issues.
    """
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    blocks = re.finditer(r"^<!-- ([\w.-]+) -->\n.*?^<!-- /\1 -->$", text, re.S | re.M)
    return "".join("\n" + block.group(0) + "\n" for block in blocks)


def parse_sizes(text: str) -> list[int]:
    """``1000,10000,1e5`` -> ``[1000, 10000, 100000]``."""
    return sorted({int(float(part)) for part in text.split(",") if part.strip()})


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM: unwind like Ctrl-C, so the running wrapper's process group is killed."""
    raise KeyboardInterrupt


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    add = parser.add_argument
    add("--sizes", default="10000,100000", help="comma-separated numbers of events")
    add("--repeat", type=int, default=3, help="rounds (runs of every command per size)")
    add("--timeout", type=float, default=300, help="limit per run, s")
    add("--seed", type=int, default=DEFAULT_SEED, help="generator seed")
    add("--bases", type=Path, default=None, help="read-only folder of stamped bases nN/")
    add("--workdir", type=Path, default=HERE / "out", help="generated bases, outputs, cache")
    add("--results", type=Path, default=HERE / "results.md", help="the Markdown report")
    add("--json", type=Path, default=None, help="also write every run as JSON")
    add("--only", default="", help="regex: time only the matching commands (and ogr2ogr)")
    add("--no-real", action="store_true", help="skip the real fact base")
    add("--real-repeat", type=int, default=5, help="rounds on the real fact base")
    add("--live", action="store_true", help="run the working tree, not a snapshot of it")
    add("--regenerate", action="store_true", help="regenerate the bases in --workdir")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write the report."""
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    sizes = parse_sizes(args.sizes)
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    cache = workdir / "cache"
    _remove(cache)
    os.environ[CACHE_ENV] = str(cache)  # never the user's own cache
    package = ROOT / "tda_export" if args.live else snapshot_code(workdir)
    exe = tda_executable()
    shown = " ".join(shlex.quote(a) for a in (sys.argv[1:] if argv is None else argv))
    report = Report(
        sizes, args.repeat, f"python benchmarks/run.py {shown}".strip(), machine(exe), loadavg()
    )
    what = "working tree" if args.live else "snapshot"
    report.machine["code measured"] = f"{what} of tda_export/, sha256 {tree_digest(package)}"
    floor = run_process(["true"], workdir, 10).peak_kib / 1024
    report.machine["RSS floor"] = f"{floor:.1f} MB (what the wrapper reports for `true`)"
    report.lines = package_lines(package)
    report.code_lines = sum(code_lines(p) for p in package.rglob("*.py"))
    todo = [c for c in cases() if c.key in KEEP or re.search(args.only, c.key)]
    if not shutil.which("ogr2ogr"):
        report.notes.append("ogr2ogr not found: no ratios")
        todo = [c for c in todo if c.is_tda]
    if not args.live:
        report.notes.append(
            "the code measured is a snapshot of tda_export/ compiled to bytecode (as an "
            "installed package is), imported by every run through PYTHONPATH"
        )
    for size in sizes:
        folder = find_base(size, args.seed, args.bases, workdir, args.regenerate)
        report.bases[size] = str(folder)
        out = workdir / "run" / f"n{size}"
        out.mkdir(parents=True, exist_ok=True)
        facts, archive = folder / "facts", folder / "archive"
        report.checks[size] = check_summary(facts, archive, exe, out)
        log(f"N={size}: {folder}: {report.checks[size]}")
        values = {
            "facts": str(facts),
            "archive": str(archive),
            "csv": str(folder / "ogr" / "events.csv"),
            "out": str(out),
        }
        results = run_rounds(todo, size, values, exe, args.repeat, args.timeout)
        report.results[size] = {r.case.key: r for r in results}
    if not args.no_real:
        out = workdir / "run" / "real"
        out.mkdir(parents=True, exist_ok=True)
        values = {"facts": str(REAL_FACTS), "archive": str(REAL_ARCHIVE), "out": str(out)}
        build = ["build", "--facts", "{facts}", "--archive", "{archive}", "--out", "{out}/build"]
        real = [Case("build (cold)", build, "build", COLD), Case("--version", ["--version"])]
        for res in run_rounds(real, 0, values, exe, args.real_repeat, args.timeout):
            report.real[res.case.key] = res
    report.load_after = loadavg()
    text = report.markdown() + pages_section(args.results)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(text, encoding="utf-8")
    if args.json:
        raw = {
            str(size): {
                k: {
                    "argv": r.case.argv,
                    "env": r.case.env,
                    "status": r.status,
                    "runs": [vars(x) for x in r.runs],
                }
                for k, r in by_key.items()
            }
            for size, by_key in [*report.results.items(), (0, report.real)]
        }
        args.json.write_text(json.dumps(raw, indent=1), encoding="utf-8")
    print(text, end="")
    log(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
