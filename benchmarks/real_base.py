"""Real base cold build (issue #25): the median of N cold ``tda-export build`` runs.

Each run is a new process writing a fresh output folder, with an empty folder as the
checked-base cache (README "cache"), so it loads and checks ``facts/`` in full. Wall time
and CPU time (user + system of the child) are reported; with ``--profile`` also the
largest imports (``python -X importtime``) and the largest costs of one run (cProfile,
own time), so that the figures in ``benchmarks/results.md`` can be made again; with
``--floor`` the cost of a fresh process at each cumulative step to a build instead (Python,
the CLI, the record validators, shapely, load and check, the whole build): the floor that
the dependencies set. Children run without ``PYTHONDONTWRITEBYTECODE``, so that the
warm-up run leaves compiled bytecode for the timed ones::

    python benchmarks/real_base.py                   # median of 10 runs
    python benchmarks/real_base.py --runs 3 --profile
    python benchmarks/real_base.py --runs 0 --stages  # CPU of each stage, in one process
    python benchmarks/real_base.py --floor            # 10 fresh processes per step
"""

from __future__ import annotations

import argparse
import os
import pstats
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child_env(**extra: str) -> dict[str, str]:
    """This process's environment, allowed to write bytecode, with ``extra`` set."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **extra}


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of running ``argv`` in ROOT."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def one_run(scratch: Path, index: int) -> tuple[float, float]:
    """Wall and CPU seconds of one cold build in a new process."""
    out, cache = scratch / f"out{index}", scratch / f"cache{index}"
    cache.mkdir(mode=0o700)
    argv = [sys.executable, "-m", "tda_export", "build", "--out", str(out)]
    wall, cpu = timed(argv, child_env(TDA_EXPORT_CACHE=str(cache)))
    shutil.rmtree(out), shutil.rmtree(cache)
    return wall, cpu


def profile(scratch: Path, top: int) -> None:
    """Print the largest imports and the largest own costs of one cold build."""
    env = child_env(TDA_EXPORT_CACHE="off")
    build = ["-m", "tda_export", "build", "--out"]
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *build, str(scratch / "imp")],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    rows = []
    for line in done.stderr.splitlines():
        found = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if found and not found[3].strip(" ") and len(found[3]) == 1:  # top-level imports
            rows.append((int(found[2]), found[4]))
    print(f"top-level imports (cumulative, ms), {sum(r[0] for r in rows) / 1000:.0f} ms in all:")
    for micros, name in sorted(rows, reverse=True)[:top]:
        print(f"  {micros / 1000:7.1f}  {name}")
    stats = scratch / "build.prof"
    subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(stats), *build, str(scratch / "prof")],
        cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    print("cProfile, own time (one run, under the profiler):")
    pstats.Stats(str(stats)).sort_stats("tottime").print_stats(top)
    print("cProfile, cumulative time:")
    pstats.Stats(str(stats)).sort_stats("cumulative").print_stats(top * 2)


STAGES = """
import os, sys, tempfile, time
from pathlib import Path
clock = time.process_time
TEXT = {"encoding": "utf-8", "newline": ""}
start = clock()
import tda_export.cli
from tda_export import build
from tda_export.validation import validate
print(f"  {clock() - start:6.3f}  imports (CLI, build)")
mark = clock()
base, _ = validate("facts", None, cache="use")
print(f"  {clock() - mark:6.3f}  load and check")
folder = Path(tempfile.mkdtemp(prefix="tda-stages-"))
for item in build.outputs():
    mark = clock()
    path = folder / item.name
    with path.open("wb" if item.binary else "w", **({} if item.binary else TEXT)) as out:
        if item.derive is not None:
            with (folder / str(item.derived_from)).open("rb") as source:
                item.derive(source, out)
        else:
            item.write(base, out)
    print(f"  {clock() - mark:6.3f}  {item.name}")
print(f"  {clock() - start:6.3f}  in all (CPU s)")
"""


def stages(scratch: Path) -> None:
    """Print the CPU time of each stage of one cold build, each output on its own."""
    env = child_env(TDA_EXPORT_CACHE="off", TMPDIR=str(scratch))
    print("CPU s per stage (one process; outputs written without fsync, hash or manifest):")
    subprocess.run([sys.executable, "-c", STAGES], cwd=ROOT, env=env, check=True)


# What each step adds to the one before (the steps are cumulative).
FLOOR = [
    ("Python start (`pass`)", "pass"),
    ("+ click and the CLI", "import click, tda_export.cli"),
    (
        "+ pydantic, the record models, every kind's validator",
        "from contextlib import suppress\n"
        "from pydantic import ValidationError\n"
        "from tda_export.loader import _adapter\n"
        "from tda_export.models import RECORD_TYPES\n"
        "for kind in RECORD_TYPES:\n"
        "    with suppress(ValidationError):\n"
        "        _adapter(kind).validate_python({})",
    ),
    ("+ shapely", "import shapely"),
    (
        "+ load and check `facts/` (no outputs)",
        "from tda_export.validation import validate\nvalidate('facts', None, cache='off')",
    ),
]


def floor(scratch: Path, runs: int) -> None:
    """Print, as a markdown table, the cost of a fresh process at each step to a build."""
    env, code, rows = child_env(TDA_EXPORT_CACHE="off"), [], []
    for label, step in FLOOR:
        code.append(step)
        argv = [sys.executable, "-c", "\n".join(code)]
        timed(argv, env)  # warm-up: bytecode compiled, files in the page cache
        rows.append((label, [timed(argv, env) for _ in range(runs)]))
    builds = [one_run(scratch, i) for i in range(runs)]  # warmed up by main()
    rows.append(("the whole `tda-export build --out DIR`", builds))
    print(f"Fresh processes, {runs} runs per step; steps are cumulative\n")
    print("| step | wall s median | wall s min | CPU s median |\n| --- | --- | --- | --- |")
    for label, times in rows:
        walls, cpus = [t[0] for t in times], [t[1] for t in times]
        median, least, cpu = statistics.median(walls), min(walls), statistics.median(cpus)
        print(f"| {label} | {median:.3f} | {least:.3f} | {cpu:.3f} |")
    print(f"\nload average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--profile", action="store_true", help="also profile one run")
    parser.add_argument("--stages", action="store_true", help="CPU time of each stage")
    parser.add_argument("--floor", action="store_true", help="cost of each step, fresh processes")
    parser.add_argument("--top", type=int, default=15, help="rows of each profile")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tda-real-") as folder:
        scratch = Path(folder)
        one_run(scratch, -1)  # bytecode compiled, files in the page cache
        if args.floor:
            floor(scratch, max(args.runs, 1))
            return 0
        runs = [one_run(scratch, i) for i in range(args.runs)]
        if runs:
            walls, cpus = [r[0] for r in runs], [r[1] for r in runs]
            print(f"tda-export build --out DIR (cold, {args.runs} runs)")
            print(f"  wall s: median {statistics.median(walls):.3f}, min {min(walls):.3f}")
            print(f"  CPU s:  median {statistics.median(cpus):.3f}, min {min(cpus):.3f}")
            print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        if args.stages:
            stages(scratch)
        if args.profile:
            profile(scratch, args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
