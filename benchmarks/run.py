"""Time every tda-export command as a whole process, side by side with ogr2ogr (issue #7).

For each size N (``--sizes``), the harness generates a synthetic fact base
(:mod:`generate`), then runs each command ``--repeat`` times in a fresh process and
records the median wall time and the peak resident memory of that process (``ru_maxrss``
from ``os.wait4`` on that very child, so runs never mix). It discovers the commands from
the installed CLI, so it times whatever exists: ``check`` (with and without
``--archive``), ``geojson`` per layer, ``kml`` and ``kml --kmz``, ``timeline --format
timelinejs`` and ``--format ics``, ``csv`` per table, and ``build``. In the same run it times
ogr2ogr converting the same events (one CSV row per event, lon/lat columns) to GeoJSON,
KML and CSV, and prints each ratio. It then measures ``build`` and ``--version`` on the
real fact base, checks the issue's targets and writes a Markdown report.

Usage::

    python benchmarks/run.py --sizes 1000,10000,100000 --repeat 3
    python benchmarks/run.py --sizes 50 --repeat 1 --results /tmp/results.md   # smoke
"""

from __future__ import annotations

import argparse
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:  # python benchmarks/run.py puts benchmarks/ itself on sys.path
    from generate import DEFAULT_SEED, generate  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - imported as benchmarks.run
    from benchmarks.generate import DEFAULT_SEED, generate

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REAL_FACTS = ROOT / "facts"
REAL_ARCHIVE = ROOT.parent / "shared" / "seeds"

#: Commands the harness knows how to time, in report order.
KNOWN_COMMANDS = ("check", "geojson", "kml", "timeline", "csv", "build")
#: Commands that are not exports and are not timed.
NOT_TIMED = ("schema",)

#: The tool's cache of checked fact bases (tda_export/cache.py): the harness points it at
#: its own folder, so ``check`` (which refreshes the entry) leaves every later export of the
#: same base "warm". Cases marked :data:`NO_CACHE` run with the cache off ("cold": parse
#: and check in full, as the first export after an edit does).
CACHE_ENV = "TDA_EXPORT_CACHE"
NO_CACHE = " (no cache)"
#: Cases also timed with the cache off: those compared with ogr2ogr, and build.
COLD_CASES = ("geojson --layer events", "kml", "csv --table events", "build")

#: Issue #7 targets, at the largest size.
TARGET_RATIO = {"geojson": 1.0, "kml": 2.0, "csv": 1.0}
TARGET_PEAK_MB = 300.0
TARGET_REAL_BUILD_S = 0.5
TARGET_VERSION_S = 0.15
#: Linear growth: the per-event cost between the two largest sizes may be at most this
#: many times the per-event cost between the two smallest (1.0 is exactly linear).
LINEAR_TOLERANCE = 1.5

#: ogr2ogr conversions of the events CSV: key -> (driver, output name).
OGR_CONVERSIONS = {
    "geojson": ("GeoJSON", "events.geojson"),
    "kml": ("KML", "events.kml"),
    "csv": ("CSV", "events.csv"),
}
OGR_OPEN_OPTIONS = ("X_POSSIBLE_NAMES=lon", "Y_POSSIBLE_NAMES=lat", "KEEP_GEOM_COLUMNS=NO")

INTROSPECT = r"""
import json
import click
from tda_export.cli import cli
out = {}
for name, cmd in sorted(cli.commands.items()):
    params = []
    for p in cmd.params:
        choices = list(p.type.choices) if isinstance(p.type, click.Choice) else None
        params.append({
            "name": p.name,
            "kind": p.param_type_name,
            "opts": list(p.opts),
            "secondary_opts": list(getattr(p, "secondary_opts", [])),
            "choices": choices,
            "required": bool(p.required),
            "is_flag": bool(getattr(p, "is_flag", False)),
        })
    out[name] = params
print(json.dumps(out))
"""


# -- measuring one process -------------------------------------------------------------------
#: A minimal Python (no site, no subprocess module) that forks, execs the command, reaps it
#: with ``os.wait4`` and prints wall time and that child's ``ru_maxrss`` as JSON. The
#: wrapper is needed because Linux keeps a process's RSS high-water mark across ``execve``:
#: a command spawned straight from this (large) harness would report the harness's RSS.
#: Forked from the ~8 MB wrapper, the floor is the wrapper's size (see ``rss_floor``).
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
print(json.dumps({"wall_s": wall, "peak_kib": usage.ru_maxrss,
                  "returncode": os.waitstatus_to_exitcode(status), "timed_out": bool(killed)}))
"""


@dataclass
class Run:
    """One process run: wall seconds, peak RSS (KiB) and how it ended."""

    wall_s: float
    peak_kib: int
    returncode: int
    timed_out: bool
    stderr_tail: str


def run_process(
    argv: Sequence[str],
    cwd: Path,
    timeout_s: float,
    stdout_path: Path | None = None,
    env: dict[str, str] | None = None,
) -> Run:
    """Run ``argv`` once in a fresh wrapper; wall time fork..reap, peak RSS of that child.

    ``os.wait4`` in the wrapper returns the resource usage of exactly the child it reaps,
    so ``ru_maxrss`` is this run's peak, never the maximum over earlier runs as
    ``getrusage(RUSAGE_CHILDREN)`` in one long-lived parent would give.
    """
    wrapper = [sys.executable, "-I", "-S", "-c", WRAPPER, str(timeout_s)]
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [*wrapper, str(stdout_path or os.devnull), *argv],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=err,
            start_new_session=True,  # its own process group: killed whole if we stop
            env={**os.environ, **env} if env else None,
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
        int(report["peak_kib"]),
        int(report["returncode"]),
        bool(report["timed_out"]),
        "\n".join(tail),
    )


def rss_floor(cwd: Path) -> float:
    """Peak RSS (MB) the wrapper reports for ``true``: the floor of every RSS figure."""
    return run_process(["true"], cwd, 10).peak_kib / 1024


# -- what is timed ---------------------------------------------------------------------------
@dataclass
class Case:
    """One timed command line; ``{facts}``, ``{archive}`` and ``{out}`` are filled per size."""

    key: str
    argv: list[str]
    output: str | None = None  # path under {out} to remove before each run
    stdout_to: str | None = None  # redirect standard output to this file under {out}
    tool: str = "tda-export"
    env: dict[str, str] = field(default_factory=dict)  # set for this case's runs only


@dataclass
class Result:
    """Every run of one case at one size."""

    case: Case
    size: int
    runs: list[Run] = field(default_factory=list)
    status: str = "ok"  # ok | timeout | failed | skipped
    detail: str = ""
    output_bytes: int | None = None

    @property
    def median_s(self) -> float | None:
        """Median wall time of the successful runs."""
        good = [r.wall_s for r in self.runs if r.returncode == 0 and not r.timed_out]
        return statistics.median(good) if good and self.status == "ok" else None

    @property
    def peak_mb(self) -> float | None:
        """Largest peak RSS over the runs, MiB (also for a failed or timed-out run)."""
        return max(r.peak_kib for r in self.runs) / 1024 if self.runs else None


def tda_executable() -> list[str]:
    """The installed ``tda-export`` script beside this Python (no pyenv shim in between)."""
    beside = Path(sys.executable).parent / "tda-export"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("tda-export")
    return [found] if found else [sys.executable, "-m", "tda_export"]


def introspect() -> dict[str, list[dict[str, Any]]]:
    """Commands and parameters of the installed CLI (in a child process)."""
    proc = subprocess.run(
        [sys.executable, "-c", INTROSPECT], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise SystemExit(f"cannot introspect tda-export:\n{proc.stderr}")
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def _param(params: list[dict[str, Any]], *names: str) -> dict[str, Any] | None:
    for p in params:
        if p["name"] in names:
            return p
    return None


def _choice_param(params: list[dict[str, Any]], member: str) -> dict[str, Any] | None:
    for p in params:
        if p["choices"] and member in p["choices"]:
            return p
    return None


def _value_args(param: dict[str, Any], value: str) -> list[str]:
    if param["kind"] == "argument":
        return [value]
    return [_long(param), value]


def _long(param: dict[str, Any]) -> str:
    opts = sorted(param["opts"], key=len)
    return str(opts[-1])


def _output_args(params: list[dict[str, Any]], path: str) -> tuple[list[str], str | None]:
    """``-o PATH`` when the command has an output option, else redirect stdout."""
    out = _param(params, "output")
    if out is not None:
        return _value_args(out, path), None
    return [], path


def plan(commands: dict[str, list[dict[str, Any]]]) -> tuple[list[Case], list[str]]:
    """The cases to time for the commands that exist, and notes on what was left out."""
    cases: list[Case] = []
    notes: list[str] = []
    for name in sorted(commands, key=lambda n: (*KNOWN_COMMANDS, n).index(n)):
        params = commands[name]
        base = [name]
        if _param(params, "facts"):
            base += ["--facts", "{facts}"]
        if name == "check":
            cases.append(Case("check", base))
            if _param(params, "archive"):
                cases.append(Case("check --archive", [*base, "--archive", "{archive}"]))
        elif name == "geojson":
            layer = _choice_param(params, "events")
            for value in layer["choices"] if layer else [""]:
                args = _value_args(layer, value) if layer else []
                extra, redirect = _output_args(params, f"{{out}}/{value or 'map'}.geojson")
                key = f"geojson {value_key(layer, value)}" if layer else "geojson"
                cases.append(Case(key, base + args + extra, _target(extra, redirect), redirect))
        elif name == "kml":
            layer = _choice_param(params, "events")
            kmz = _param(params, "kmz")
            kmz_flag = [_long(kmz)] if kmz else []
            if not kmz:
                notes.append("kml has no --kmz flag: KMZ chosen by the .kmz output name")
            required = _value_args(layer, "events") if layer and layer["required"] else []
            variants = [("kml", required, "map.kml"), ("kml --kmz", kmz_flag + required, "map.kmz")]
            if layer is not None and not layer["required"]:
                key = f"kml {value_key(layer, 'events')}"
                variants.append((key, _value_args(layer, "events"), "events.kml"))
            for key, args, filename in variants:
                extra, redirect = _output_args(params, f"{{out}}/{filename}")
                cases.append(Case(key, base + args + extra, _target(extra, redirect), redirect))
        elif name == "timeline":
            fmt = _param(params, "fmt", "format")
            for value, filename in (("timelinejs", "timeline.json"), ("ics", "timeline.ics")):
                args = _value_args(fmt, value) if fmt else []
                extra, redirect = _output_args(params, f"{{out}}/{filename}")
                key = f"timeline --format {value}"
                cases.append(Case(key, base + args + extra, _target(extra, redirect), redirect))
        elif name == "csv":
            table = _choice_param(params, "events")
            for value in table["choices"] if table else [""]:
                args = _value_args(table, value) if table else []
                extra, redirect = _output_args(params, f"{{out}}/{value or 'table'}.csv")
                key = f"csv {value_key(table, value)}" if table else "csv"
                cases.append(Case(key, base + args + extra, _target(extra, redirect), redirect))
        elif name == "build":
            args = list(base)
            if _param(params, "archive"):
                args += ["--archive", "{archive}"]
            dest = next(
                (p for p in params if p["kind"] == "option" and "out" in p["name"].lower()), None
            )
            if dest is not None:
                args += _value_args(dest, "{out}/build")
            if _param(params, "overwrite"):
                args.append("--overwrite")
            cases.append(Case("build", args, "build" if dest else "outputs"))
        elif name in NOT_TIMED:
            continue
        else:
            notes.append(f"command {name!r} is not an export the harness knows: not timed")
    cases += [cold(c) for c in cases if c.key in COLD_CASES]
    missing = [c for c in KNOWN_COMMANDS if c not in commands]
    if missing:
        notes.append("not in the CLI yet (not timed): " + ", ".join(missing))
    return cases, notes


def cold(case: Case) -> Case:
    """The same command line with the tool's cache turned off."""
    return Case(
        case.key + NO_CACHE,
        case.argv,
        case.output,
        case.stdout_to,
        case.tool,
        {**case.env, CACHE_ENV: "off"},
    )


def value_key(param: dict[str, Any], value: str) -> str:
    """How a choice reads in a row label: ``events`` or ``--layer events``."""
    return value if param["kind"] == "argument" else f"{_long(param)} {value}"


def _target(extra: list[str], redirect: str | None) -> str | None:
    path = redirect or (extra[-1] if extra else None)
    return path.removeprefix("{out}/") if path else None


def ogr_cases() -> list[Case]:
    """ogr2ogr converting the events CSV to GeoJSON, KML and CSV."""
    cases = []
    for driver, filename in OGR_CONVERSIONS.values():
        argv = ["ogr2ogr", "-f", driver, f"{{out}}/ogr-{filename}", "{csv}"]
        for option in OGR_OPEN_OPTIONS:
            argv += ["-oo", option]
        cases.append(Case(f"ogr2ogr -f {driver}", argv, f"ogr-{filename}", tool="ogr2ogr"))
    return cases


# -- running ---------------------------------------------------------------------------------
@dataclass
class Settings:
    """Options of one harness run."""

    repeat: int
    timeout_s: float
    budget_s: float
    skip_predicted: bool
    log: Callable[[str], None]


def _fill(argv: list[str], values: dict[str, str]) -> list[str]:
    return [a.format(**values) if "{" in a else a for a in argv]


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def _size_of(path: Path) -> int | None:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size if path.exists() else None


def measure(
    case: Case,
    size: int,
    values: dict[str, str],
    exe: list[str],
    settings: Settings,
    previous: Result | None,
) -> Result:
    """Run ``case`` up to ``repeat`` times at one size (fewer when over the time budget)."""
    result = Result(case, size)
    if (
        previous is not None
        and previous.status in ("timeout", "skipped")
        and settings.skip_predicted
    ):
        result.status = "skipped"
        result.detail = f"timed out or skipped at N={previous.size}"
        return result
    if previous is not None and previous.median_s is not None and settings.skip_predicted:
        predicted = previous.median_s * size / previous.size
        if previous.median_s > 10 and predicted > 3 * settings.timeout_s:
            result.status = "skipped"
            result.detail = (
                f"predicted {predicted:.0f} s (linear from {previous.median_s:.1f} s at "
                f"N={previous.size}), over 3x the {settings.timeout_s:.0f} s limit"
            )
            return result
    out = Path(values["out"])
    argv = _fill(exe + case.argv if case.tool == "tda-export" else case.argv, values)
    spent = 0.0
    for _ in range(settings.repeat):
        if case.output:
            _remove(out / case.output)
        stdout = out / case.stdout_to.removeprefix("{out}/") if case.stdout_to else None
        run = run_process(argv, out, settings.timeout_s, stdout, case.env)
        result.runs.append(run)
        spent += run.wall_s
        if run.timed_out:
            result.status = "timeout"
            result.detail = f"killed after {settings.timeout_s:.0f} s"
            break
        if run.returncode != 0:
            result.status = "failed"
            result.detail = f"exit {run.returncode}: {run.stderr_tail[-300:]}"
            break
        if spent > settings.budget_s:
            break
    if case.output and result.status == "ok":
        result.output_bytes = _size_of(out / case.output)
    shown = f"{result.median_s:.3f} s" if result.median_s is not None else result.status
    peak = f"{result.peak_mb:.0f} MB" if result.peak_mb is not None else "-"
    settings.log(f"  N={size:>7} {case.key:<34} {shown:>10} {peak:>8}  ({len(result.runs)} runs)")
    return result


def check_summary(facts: Path, archive: Path, exe: list[str], cwd: Path) -> str:
    """The summary line of ``check --archive`` (must say 0 problems, 0 warnings)."""
    proc = subprocess.run(
        [*exe, "check", "--facts", str(facts), "--archive", str(archive)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = proc.stdout.strip().splitlines()
    return lines[-1] if lines else proc.stderr.strip()[-300:]


def generate_cached(size: int, folder: Path, seed: int, force: bool = False) -> str:
    """Generate the base of ``size`` events unless ``folder`` holds it already.

    A stamp names the size, the seed and the sha256 of generate.py; any change regenerates.
    """
    stamp = folder / "STAMP.json"
    source = (HERE / "generate.py").read_bytes()
    want = {"events": size, "seed": seed, "generator": hashlib.sha256(source).hexdigest()}
    if not force and stamp.exists():
        try:
            have = json.loads(stamp.read_text())
        except ValueError:
            have = {}
        if {k: have.get(k) for k in want} == want and "counts" in have:
            return str(have["counts"]) + " (cached)"
    counts = str(generate(size, folder, seed))
    stamp.write_text(json.dumps({**want, "counts": counts}), encoding="utf-8")
    return counts


def snapshot_code(workdir: Path) -> str:
    """Copy ``tda_export/`` into ``workdir/code`` and make every child import that copy.

    Other engineers edit the working tree while a long run goes on; a snapshot keeps one
    version of the code for the whole run. The copy is compiled to bytecode, as an installed
    package is. Returns the sha256 (12 hex) of the copied source tree.
    """
    source = ROOT / "tda_export"
    target = workdir / "code"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target / "tda_export", ignore=shutil.ignore_patterns("__pycache__"))
    digest = hashlib.sha256()
    for path in sorted((target / "tda_export").rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(target)).encode() + b"\0" + path.read_bytes())
    # Compile it as `pip install` does: otherwise, with PYTHONDONTWRITEBYTECODE set (as on
    # the machine this was written on), every run would compile every module again.
    compileall.compile_dir(target / "tda_export", quiet=1)
    path_entry = str(target.resolve())
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [path_entry, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    )
    sys.path.insert(0, path_entry)  # the generator imports tda_export too
    return digest.hexdigest()[:12]


# -- machine ---------------------------------------------------------------------------------
def machine() -> dict[str, str]:
    """nproc, memory, CPU model, Python, GDAL, tda-export version and git state."""
    info: dict[str, str] = {"nproc": str(os.cpu_count())}
    try:
        cpu = Path("/proc/cpuinfo").read_text()
        match = re.search(r"^model name\s*:\s*(.+)$", cpu, re.MULTILINE)
        info["cpu"] = match.group(1).strip() if match else platform.processor()
    except OSError:
        info["cpu"] = platform.processor() or "unknown"
    try:
        mem = Path("/proc/meminfo").read_text()
        match = re.search(r"^MemTotal:\s*(\d+) kB", mem, re.MULTILINE)
        info["memory"] = f"{int(match.group(1)) / 1024 / 1024:.1f} GiB" if match else "unknown"
    except OSError:
        info["memory"] = "unknown"
    info["os"] = platform.platform()
    info["python"] = platform.python_version()
    info["gdal"] = _output(["ogr2ogr", "--version"]) or "ogr2ogr not found"
    info["tda-export"] = _output([*tda_executable(), "--version"]) or "?"
    head = _output(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = _output(["git", "-C", str(ROOT), "--no-optional-locks", "status", "--porcelain"])
    changed = len(dirty.splitlines()) if dirty else 0
    info["git"] = f"{head or '?'}" + (f" + {changed} uncommitted file(s)" if changed else "")
    return info


def _output(argv: list[str]) -> str:
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return proc.stdout.strip()


def loadavg() -> str:
    """The 1/5/15-minute load averages (other users of the machine show up here)."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


# -- report ----------------------------------------------------------------------------------
def _fmt_s(result: Result | None, repeat: int = 0) -> str:
    if result is None:
        return "—"
    if result.median_s is not None:
        runs = len(result.runs)
        return f"{result.median_s:.3f}" + (f" (n={runs})" if runs < repeat else "")
    if result.status == "timeout":
        return f"timeout >{result.detail.split()[2]} s"
    return result.status


def _fmt_mb(result: Result | None) -> str:
    if result is None or result.peak_mb is None:
        return "—"
    return f"{result.peak_mb:.0f}"


def _fmt_bytes(n: int | None) -> str:
    if n is None:
        return "—"
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000  # type: ignore[assignment]
    return str(n)


def growth(results: dict[int, Result]) -> tuple[str, str, bool | None]:
    """``t(max)/t(min)``, the marginal-cost ratio, and whether growth is linear.

    The marginal per-event cost between the two largest sizes divided by that between
    the two smallest removes the fixed start-up cost (about 0.2-0.5 s) that makes
    ``t(100k)/t(1k)`` look far better than linear.
    """
    sizes = sorted(results)
    if len(sizes) < 2:
        return "n/a", "n/a", None
    first, last = results[sizes[0]], results[sizes[-1]]
    if first.median_s is None or last.median_s is None:
        return "n/a", "n/a", False if last.status in ("timeout", "skipped") else None
    raw = f"{last.median_s / first.median_s:.1f}× (linear {sizes[-1] / sizes[0]:.0f}×)"
    if len(sizes) < 3:
        return raw, "n/a", None
    a, b, c = (results[s].median_s for s in sizes[:2] + sizes[-1:])
    middle = results[sizes[-2]].median_s
    if a is None or b is None or c is None or middle is None:
        return raw, "n/a", None
    low = (b - a) / (sizes[1] - sizes[0])
    high = (c - middle) / (sizes[-1] - sizes[-2])
    if low <= 0:
        return raw, "n/a (noise)", None
    ratio = high / low
    return raw, f"{ratio:.2f}", ratio <= LINEAR_TOLERANCE


@dataclass
class Report:
    """Everything measured in one harness run."""

    sizes: list[int]
    repeat: int
    timeout_s: float
    command: str
    machine: dict[str, str]
    load_before: str
    load_after: str = ""
    results: dict[str, dict[int, Result]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    checks: dict[int, str] = field(default_factory=dict)
    counts: dict[int, str] = field(default_factory=dict)
    generate_s: dict[int, float] = field(default_factory=dict)
    real: dict[str, Result] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, result: Result) -> None:
        """Record one case at one size."""
        if result.case.key not in self.results:
            self.results[result.case.key] = {}
            self.order.append(result.case.key)
        self.results[result.case.key][result.size] = result

    # -- ratios and targets ---------------------------------------------------------------
    def ratio_rows(self) -> list[tuple[str, str, int, Result | None, Result | None]]:
        """(conversion, tda-export case key, size, tda result, ogr2ogr result)."""
        rows = []
        for key, (driver, _) in OGR_CONVERSIONS.items():
            for tda_key in self.ratio_cases(key) or ["(missing)"]:
                for size in self.sizes:
                    tda = self.results.get(tda_key, {}).get(size)
                    ogr = self.results.get(f"ogr2ogr -f {driver}", {}).get(size)
                    rows.append((key, tda_key, size, tda, ogr))
        return rows

    def ratio_cases(self, conversion: str) -> list[str]:
        """The compared case, then the same with the cache off, when measured."""
        key = self.ratio_case(conversion)
        if key is None:
            return []
        return [k for k in (key, key + NO_CACHE) if k in self.results]

    def ratio_case(self, conversion: str) -> str | None:
        """The tda-export case compared with ogr2ogr for a conversion."""
        candidates = {
            "geojson": ["geojson events", "geojson --layer events"],
            "kml": ["kml events", "kml --layer events", "kml"],
            "csv": ["csv events", "csv --table events"],
        }[conversion]
        for key in candidates:
            if key in self.results:
                return key
        return None

    def targets(self) -> list[tuple[str, str, str]]:
        """(target, measured, PASS/FAIL/n.a.) for every target of the issue."""
        big = max(self.sizes)
        rows: list[tuple[str, str, str]] = []
        for conversion, limit in TARGET_RATIO.items():
            for tda_key in self.ratio_cases(conversion) or [None]:
                rows.append(self._ratio_target(conversion, limit, tda_key, big))
        self._other_targets(rows, big)
        return rows

    def _ratio_target(
        self, conversion: str, limit: float, tda_key: str | None, big: int
    ) -> tuple[str, str, str]:
        """(target, measured, verdict) of one conversion's ratio to ogr2ogr at N=big."""
        driver = OGR_CONVERSIONS[conversion][0]
        tda = self.results.get(tda_key or "", {}).get(big)
        ogr = self.results.get(f"ogr2ogr -f {driver}", {}).get(big)
        label = f"`{tda_key or conversion}` ≤ {limit:g}× ogr2ogr at N={big:,}"
        if tda is None or tda.median_s is None:
            why = tda.status if tda else "not measured"
            verdict = "FAIL" if tda and tda.status in ("timeout", "skipped") else "n/a"
            return label, why, verdict
        if ogr is None or ogr.median_s is None:
            return label, f"{tda.median_s:.2f} s; ogr2ogr not measured", "n/a"
        ratio = tda.median_s / ogr.median_s
        return (
            label,
            f"{ratio:.2f}× ({tda.median_s:.2f} s vs {ogr.median_s:.2f} s)",
            "PASS" if ratio <= limit else "FAIL",
        )

    def _other_targets(self, rows: list[tuple[str, str, str]], big: int) -> None:
        """Append the memory, growth and real-base targets to ``rows``."""
        worst = [
            (res.peak_mb, key)
            for key in self.order
            if not key.startswith("ogr2ogr")
            for res in [self.results[key].get(big)]
            if res is not None and res.peak_mb is not None
        ]
        if worst:
            over = sorted(((mb, k) for mb, k in worst if mb > TARGET_PEAK_MB), reverse=True)
            top_mb, top_key = max(worst)
            measured = f"max {top_mb:.0f} MB (`{top_key}`)"
            if over:
                measured += "; over: " + ", ".join(f"`{k}` {mb:.0f} MB" for mb, k in over)
            unmeasured = [
                k
                for k in self.order
                if not k.startswith("ogr2ogr")
                and (self.results[k].get(big) is None or self.results[k][big].status != "ok")
            ]
            if unmeasured:
                measured += "; not finished: " + ", ".join(f"`{k}`" for k in unmeasured)
            verdict = "FAIL" if over or unmeasured else "PASS"
            rows.append(
                (
                    f"every command's peak RSS ≤ {TARGET_PEAK_MB:.0f} MB at N={big:,}",
                    measured,
                    verdict,
                )
            )
        if len(self.sizes) >= 3:
            bad, unknown = [], []
            for key in self.order:
                if key.startswith("ogr2ogr"):
                    continue
                _, marginal, linear = growth(self.results[key])
                if linear is False:
                    bad.append(f"`{key}` {marginal}")
                elif linear is None:
                    unknown.append(f"`{key}`")
            measured = "all linear" if not bad else "superlinear: " + ", ".join(bad)
            if unknown:
                measured += "; undetermined: " + ", ".join(unknown)
            rows.append(
                (
                    f"linear growth {min(self.sizes):,}→{big:,} "
                    f"(marginal cost ratio ≤ {LINEAR_TOLERANCE})",
                    measured,
                    "FAIL" if bad else ("PASS" if not unknown else "n/a"),
                )
            )
        for key, limit in (("build", TARGET_REAL_BUILD_S), ("--version", TARGET_VERSION_S)):
            res = self.real.get(key)
            label = f"real fact base: `tda-export {key}` ≤ {limit} s"
            if res is None or res.median_s is None:
                rows.append((label, res.status if res else "not measured", "n/a"))
            else:
                ok = res.median_s <= limit
                rows.append((label, f"{res.median_s:.3f} s", "PASS" if ok else "FAIL"))

    # -- markdown ---------------------------------------------------------------------------
    def markdown(self) -> str:
        """The whole report as Markdown."""
        out: list[str] = ["# Benchmark results (issue #7)", ""]
        out += [
            "Generated by `benchmarks/run.py`; see `benchmarks/README.md` for what is measured.",
            "",
            "Command:",
            "",
            "```sh",
            self.command,
            "```",
            "",
            "## Machine",
            "",
            "| | |",
            "| --- | --- |",
        ]
        for key, value in self.machine.items():
            out.append(f"| {key} | {value} |")
        out.append(
            f"| load average (1/5/15 min) | before {self.load_before}; after {self.load_after} |"
        )
        out += ["", "## Fact bases", ""]
        out += [
            "| N | records | generation (s) | `check --archive` summary |",
            "| --- | --- | --- | --- |",
        ]
        for size in self.sizes:
            out.append(
                f"| {size:,} | {self.counts.get(size, '')} | "
                f"{self.generate_s.get(size, float('nan')):.1f} | {self.checks.get(size, '')} |"
            )
        out += ["", f"## Wall time (median of up to {self.repeat} runs, s) and peak RSS (MB)", ""]
        header = "| command |" + "".join(f" N={s:,} s | MB |" for s in self.sizes)
        header += " growth t(max)/t(min) | marginal cost ratio |"
        out += [header, "|" + " --- |" * (1 + 2 * len(self.sizes) + 2)]
        for key in self.order:
            by_size = self.results[key]
            cells = "".join(
                f" {_fmt_s(by_size.get(s), self.repeat)} | {_fmt_mb(by_size.get(s))} |"
                for s in self.sizes
            )
            raw, marginal, _ = growth(by_size)
            out.append(f"| `{key}` |{cells} {raw} | {marginal} |")
        out += [
            "",
            "growth: time at the largest N over time at the smallest (a linear cost with no "
            "start-up would give N(max)/N(min)). marginal cost ratio: per-event cost between "
            "the two largest sizes over that between the two smallest; 1.0 is linear, "
            f"≤ {LINEAR_TOLERANCE} counts as linear here.",
            "",
            "## Against ogr2ogr (same events as a CSV with lon/lat)",
            "",
            "| conversion | tda-export command | N | tda-export s | ogr2ogr s | ratio | target | "
            "tda-export output | ogr2ogr output |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for conversion, tda_key, size, tda, ogr in self.ratio_rows():
            ratio = "—"
            if tda and ogr and tda.median_s is not None and ogr.median_s is not None:
                ratio = f"{tda.median_s / ogr.median_s:.2f}×"
            out.append(
                f"| {conversion} | `{tda_key}` | {size:,} | {_fmt_s(tda, self.repeat)} | "
                f"{_fmt_s(ogr, self.repeat)} | "
                f"{ratio} | ≤ {TARGET_RATIO[conversion]:g}× | "
                f"{_fmt_bytes(tda.output_bytes if tda else None)} | "
                f"{_fmt_bytes(ogr.output_bytes if ogr else None)} |"
            )
        out += [
            "",
            "## Real fact base (`facts/`)",
            "",
            "| command | median s | peak MB | runs |",
            "| --- | --- | --- | --- |",
        ]
        for key, res in self.real.items():
            out.append(f"| `tda-export {key}` | {_fmt_s(res)} | {_fmt_mb(res)} | {len(res.runs)} |")
        out += ["", "## Targets", "", "| target | measured | verdict |", "| --- | --- | --- |"]
        for label, measured, verdict in self.targets():
            out.append(f"| {label} | {measured} | **{verdict}** |")
        problems = [
            (key, res)
            for key in self.order
            for res in self.results[key].values()
            if res.status != "ok"
        ] + [(f"real {k}", r) for k, r in self.real.items() if r.status != "ok"]
        if problems or self.notes:
            out += ["", "## Notes", ""]
            out += [f"- {note}" for note in self.notes]
            for key, res in problems:
                detail = " ".join(res.detail.split())
                out.append(f"- `{key}` at N={res.size:,}: {res.status} ({detail})")
        return "\n".join(out) + "\n"


# -- main ------------------------------------------------------------------------------------
def parse_sizes(text: str) -> list[int]:
    """``1000,10000,1e5`` -> ``[1000, 10000, 100000]``."""
    return sorted({int(float(part)) for part in text.split(",") if part.strip()})


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM: unwind like Ctrl-C, so the running wrapper's process group is killed."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated N")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command and size")
    parser.add_argument("--timeout", type=float, default=300, help="limit per run, s")
    parser.add_argument(
        "--budget",
        type=float,
        default=45,
        help="stop repeating a command at one size once its runs took this long, s",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="generator seed")
    parser.add_argument("--workdir", type=Path, default=HERE / "out", help="scratch folder")
    parser.add_argument("--results", type=Path, default=HERE / "results.md", help="report")
    parser.add_argument("--only", default="", help="regex: time only matching commands")
    parser.add_argument("--no-real", action="store_true", help="skip the real fact base")
    parser.add_argument(
        "--live",
        action="store_true",
        help="run the working tree's tda_export (default: a snapshot taken at the start)",
    )
    parser.add_argument("--no-skip", action="store_true", help="never skip predicted timeouts")
    parser.add_argument(
        "--regenerate", action="store_true", help="regenerate fact bases even if cached"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write raw runs as JSON")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    sizes = parse_sizes(args.sizes)
    signal.signal(signal.SIGTERM, _terminate)
    args.workdir.mkdir(parents=True, exist_ok=True)
    cache_folder = (args.workdir / "cache").resolve()
    if cache_folder.exists():
        shutil.rmtree(cache_folder)
    os.environ[CACHE_ENV] = str(cache_folder)  # never the user's own cache
    code = "working tree (--live)" if args.live else "snapshot " + snapshot_code(args.workdir)
    exe = tda_executable()
    settings = Settings(args.repeat, args.timeout, args.budget, not args.no_skip, log)
    command = "python benchmarks/run.py " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:]))
    report = Report(sizes, args.repeat, args.timeout, command.strip(), machine(), loadavg())
    report.machine["code measured"] = (
        f"{code} of tda_export/ (sha256 of the tree, 12 hex), taken "
        + time.strftime("%Y-%m-%d %H:%M", time.localtime())
    )
    floor = rss_floor(args.workdir)
    report.machine["RSS floor"] = f"{floor:.1f} MB (peak RSS the wrapper reports for `true`)"
    cases, notes = plan(introspect())
    report.notes += notes
    if args.only:
        cases = [c for c in cases if re.search(args.only, c.key)]
    if shutil.which("ogr2ogr"):
        cases += ogr_cases()
    else:
        report.notes.append("ogr2ogr not found: no ratios")
    log(f"timing {len(cases)} cases at N = {', '.join(map(str, sizes))} with {exe[0]}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    previous: dict[str, Result] = {}
    for size in sizes:
        folder = (args.workdir / f"n{size}").resolve()
        start = time.perf_counter()
        counts = generate_cached(size, folder, args.seed, args.regenerate)
        report.generate_s[size] = time.perf_counter() - start
        report.counts[size] = counts
        report.checks[size] = check_summary(folder / "facts", folder / "archive", exe, folder)
        log(f"N={size}: generated {counts} in {report.generate_s[size]:.1f} s")
        log(f"  {report.checks[size]}")
        out = folder / "run"
        out.mkdir(exist_ok=True)
        values = {
            "facts": str(folder / "facts"),
            "archive": str(folder / "archive"),
            "csv": str(folder / "ogr" / "events.csv"),
            "out": str(out),
        }
        for case in cases:
            result = measure(case, size, values, exe, settings, previous.get(case.key))
            report.add(result)
            previous[case.key] = result
    if not args.no_real and REAL_FACTS.is_dir():
        real_out = (args.workdir / "real").resolve()
        real_out.mkdir(parents=True, exist_ok=True)
        values = {
            "facts": str(REAL_FACTS),
            "archive": str(REAL_ARCHIVE),
            "out": str(real_out),
            "csv": "",
        }
        real_settings = Settings(max(args.repeat, 5), args.timeout, args.budget, False, log)
        build = next((c for c in cases if c.key == "build"), None)
        if build is not None and not REAL_ARCHIVE.is_dir():
            build = Case(
                "build",
                [a for a in build.argv if a != "{archive}" and a != "--archive"],
                build.output,
            )
        # build with the cache off; check (which refreshes the cache entry); build again,
        # now reading the checked base from the cache; --version.
        real_cases = [Case("--version", ["--version"])]
        if build is not None:
            real_cases.insert(0, build)
        if REAL_ARCHIVE.is_dir():
            check = ["check", "--facts", "{facts}", "--archive", "{archive}"]
            real_cases.insert(0, Case("check --archive", check))
        if build is not None:
            real_cases.insert(0, cold(build))
        else:
            report.notes.append("no build command yet: real-base build not measured")
        for case in real_cases:
            res = measure(case, 0, values, exe, real_settings, None)
            report.real[case.key] = res
    report.load_after = loadavg()
    text = report.markdown()
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(text, encoding="utf-8")
    if args.json:
        raw = {
            key: {
                str(size): {
                    "status": res.status,
                    "detail": res.detail,
                    "runs": [vars(r) for r in res.runs],
                    "argv": res.case.argv,
                }
                for size, res in by_size.items()
            }
            for key, by_size in report.results.items()
        }
        args.json.write_text(json.dumps(raw, indent=1, sort_keys=True), encoding="utf-8")
    print(text)
    log(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
