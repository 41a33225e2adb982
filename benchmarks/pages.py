"""Page weight, export memory and time to first draw of map.html, story.html, timeline.html.

For each size N (``--sizes``) the fact base made by :mod:`generate` (as ``run.py`` finds or
makes it) is exported to the three pages by ``tda-export map --html [--story]`` and
``tda-export timeline --html``, each in its own process (wall time, peak RSS, as
``run.py`` measures them, the checked base read from the cache that a ``check`` filled).
Each page is then opened from its folder (``file://``) in headless Chromium with no
network, ``--repeat`` times, each in a fresh profile, driven over the DevTools protocol
(:mod:`cdp`): the time to first draw runs from the start of navigation to the first frame
after the page marks itself drawn (``data-state="ready"`` on the map, and on the timeline
when there is one); the JavaScript heap and any error the page raised are read then.

``--real`` also compares, on ``facts/``, the pages as ``tda-export`` writes them (Leaflet
and TimelineJS inside) with pages that load the same library files from folders beside
them (``--leaflet-url``, ``--timelinejs-url``): bytes and time to first draw, both from
``file://``.

    python benchmarks/pages.py --sizes 1000,10000,20000 --repeat 3 --real \\
        --into benchmarks/results.md

``--into FILE`` replaces the part of FILE between ``<!-- pages.py -->`` and
``<!-- /pages.py -->`` (or appends it); the report is also printed.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

try:  # python benchmarks/pages.py puts benchmarks/ itself on sys.path
    from cdp import Chromium  # type: ignore[import-not-found]
    from run import (  # type: ignore[import-not-found]
        CACHE_ENV,
        DEFAULT_SEED,
        PAGES_MARKERS,
        ROOT,
        find_base,
        log,
        machine,
        run_process,
        tda_executable,
    )
except ImportError:  # pragma: no cover - imported as benchmarks.pages
    from benchmarks.cdp import Chromium
    from benchmarks.run import (
        CACHE_ENV,
        DEFAULT_SEED,
        PAGES_MARKERS,
        ROOT,
        find_base,
        log,
        machine,
        run_process,
        tda_executable,
    )

#: Each page: file name, the export's arguments, the elements that say the page is drawn.
PAGES = (
    ("map.html", ["map", "--html"], ["#tda-app"]),
    ("story.html", ["map", "--html", "--story"], ["#tda-app", "#timeline"]),
    ("timeline.html", ["timeline", "--html"], ["#timeline"]),
)
WINDOW = (1200, 800)


@dataclass
class Draw:
    """One page opened once: ms to first draw (None: not drawn in time), heap MB, errors."""

    ms: float | None
    heap_mb: float
    nodes: int
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def draw(chromium: str, url: str, want: list[str], timeout_s: float) -> Draw:
    """Open ``url`` in a fresh headless Chromium and time its first draw."""
    with tempfile.TemporaryDirectory() as profile:
        browser = Chromium(chromium, Path(profile), WINDOW)
        try:
            ms = browser.open(url, want, timeout_s)
            metrics = browser.metrics()
            return Draw(
                ms,
                metrics.get("JSHeapUsedSize", 0) / 2**20,
                int(metrics.get("Nodes", 0)),
                browser.errors(),
                browser.requests(),
            )
        finally:
            browser.close()


@dataclass
class Row:
    """One page at one size: the export and the draws."""

    size: int
    page: str
    bytes: int = 0
    export_s: list[float] = field(default_factory=list)
    export_mb: list[float] = field(default_factory=list)
    draws: list[Draw] = field(default_factory=list)

    def cells(self) -> list[str]:
        drawn = [d.ms for d in self.draws if d.ms is not None]
        missed = len(self.draws) - len(drawn)
        time_ = f"{statistics.median(drawn) / 1000:.2f}" if drawn else "—"
        if missed:
            time_ += f" ({missed} of {len(self.draws)} not drawn)"
        heap = max((d.heap_mb for d in self.draws), default=0)
        errors = sorted({e for d in self.draws for e in d.errors})
        return [
            f"{self.size:,}",
            f"`{self.page}`",
            f"{self.bytes / 1e6:.1f} MB",
            f"{statistics.median(self.export_s):.2f}" if self.export_s else "—",
            f"{max(self.export_mb):.0f}" if self.export_mb else "—",
            time_,
            f"{heap:.0f}",
            str(max((d.nodes for d in self.draws), default=0)),
            "; ".join(errors)[:120] or "none",
        ]


HEADER = (
    "| N events | page | size | export wall s | export peak MB | first draw s | JS heap MB "
    "| DOM nodes | page errors |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
)


def measure_size(size: int, args: argparse.Namespace, exe: list[str], chromium: str) -> list[Row]:
    """Export the three pages of the base of ``size`` events and time their first draw."""
    folder = find_base(size, args.seed, None, args.workdir, False)
    out = args.workdir / "pages" / f"n{size}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    facts = str(folder / "facts")
    run_process([*exe, "check", "--facts", facts], out, args.timeout)  # fills the cache
    rows = []
    for name, command, want in PAGES:
        row = Row(size, name)
        for _ in range(args.repeat):
            (out / name).unlink(missing_ok=True)
            run = run_process([*exe, *command, "--facts", facts, "-o", name], out, args.timeout)
            row.export_s.append(run.wall_s)
            row.export_mb.append(run.peak_kib / 1024)
        row.bytes = (out / name).stat().st_size
        for _ in range(args.repeat):
            row.draws.append(draw(chromium, (out / name).as_uri(), want, args.timeout))
        log(f"N={size} {name}: " + " | ".join(row.cells()[2:]))
        rows.append(row)
    return rows


def measure_real(args: argparse.Namespace, exe: list[str], chromium: str) -> list[list[str]]:
    """``facts/``: pages with the libraries inside against pages loading them from beside
    (the npm packages' ``dist/`` folders, as a site would host them)."""
    out = args.workdir / "pages" / "real"
    shutil.rmtree(out, ignore_errors=True)
    (out / "inside").mkdir(parents=True)
    beside = out / "beside"
    npm = ROOT / "tests" / "js" / "node_modules"
    shutil.copytree(npm / "leaflet" / "dist", beside / "leaflet")
    shutil.copytree(npm / "@knight-lab" / "timelinejs" / "dist", beside / "timelinejs")
    rows = []
    for name, command, want in PAGES:
        extra = ["--leaflet-url", "leaflet/"] if name != "timeline.html" else []
        extra += ["--timelinejs-url", "timelinejs/"] if name != "map.html" else []
        facts = ["--facts", str(ROOT / "facts")]
        run_process([*exe, *command, *facts, "-o", str(out / "inside" / name)], out, 120)
        run_process([*exe, *command, *facts, *extra, "-o", str(beside / name)], out, 120)
        for way, page in (("inside the page", out / "inside" / name), ("beside", beside / name)):
            draws = [draw(chromium, page.as_uri(), want, 60) for _ in range(args.real_repeat)]
            drawn = [d.ms for d in draws if d.ms is not None]
            read = {u for d in draws for u in d.requests if u.startswith("file:")}
            libraries = sum(
                Path(u.removeprefix("file://")).stat().st_size for u in read - {page.as_uri()}
            )
            html_bytes = page.stat().st_size
            errors = sorted({e for d in draws for e in d.errors})
            rows.append(
                [
                    f"`{name}`",
                    way,
                    f"{html_bytes / 1e3:,.0f} kB",
                    f"{libraries / 1e3:,.0f} kB ({len(read) - 1} files)" if libraries else "—",
                    f"{(html_bytes + libraries) / 1e3:,.0f} kB",
                    f"{statistics.median(drawn):.0f}" if drawn else "—",
                    f"{min(drawn):.0f}–{max(drawn):.0f}" if drawn else "—",
                    "; ".join(errors)[:80] or "none",
                ]
            )
            log(f"real {name} {way}: " + " | ".join(rows[-1][2:]))
    return rows


def report(
    rows: list[Row], real: list[list[str]], command: str, exe: list[str], chromium: str
) -> str:
    """The Markdown section."""
    lines = [
        PAGES_MARKERS[0],
        "## Pages at scale (issue #24, item 7; `benchmarks/pages.py`)",
        "",
        f"Command: `{command}`. Each export is one process (the checked base read from the "
        "cache); each page is opened from its folder (`file://`) in headless Chromium "
        f"{WINDOW[0]}×{WINDOW[1]} with no network, each time in a fresh profile; first draw: "
        "from the start of navigation to the first frame after the page marks itself "
        "drawn (the map, and the timeline when there is one). Medians; peak and heap: "
        "the largest.",
        "",
        HEADER,
        *("| " + " | ".join(row.cells()) + " |" for row in rows),
    ]
    if real:
        lines += [
            "",
            "### Libraries inside the page or beside it (`facts/`, `file://`)",
            "",
            "| page | Leaflet and TimelineJS | page | library files read | total | first draw ms "
            "| range ms | page errors |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
            *("| " + " | ".join(r) + " |" for r in real),
        ]
    info = machine(exe)
    version = subprocess.run([chromium, "--version"], capture_output=True, text=True, check=False)
    lines += [
        "",
        f"Machine: {info.get('nproc')} cores ({info.get('cpu')}), {info.get('memory')}, "
        f"{platform.platform()}, {version.stdout.strip() or 'Chromium'}, git {info.get('git')}; "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end.",
        PAGES_MARKERS[1],
    ]
    return "\n".join(lines) + "\n"


def into(path: Path, section: str) -> None:
    """Put ``section`` into ``path`` between the markers (replacing), or at its end."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    start, end = text.find(PAGES_MARKERS[0]), text.find(PAGES_MARKERS[1])
    if start >= 0 and end > start:
        text = text[:start] + section + text[end + len(PAGES_MARKERS[1]) + 1 :]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Measure and report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,20000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--real", action="store_true", help="also compare the ways on facts/")
    parser.add_argument("--real-repeat", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--into", type=Path, default=None)
    args = parser.parse_args(argv)
    args.workdir = args.workdir.resolve()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("needs chromium", file=sys.stderr)
        return 1
    os.environ[CACHE_ENV] = str(args.workdir / "cache")  # never the user's own cache
    exe = tda_executable()
    start = time.perf_counter()
    sizes = [int(n) for n in args.sizes.split(",") if n]
    rows = [r for n in sizes for r in measure_size(n, args, exe, chromium)]
    real = measure_real(args, exe, chromium) if args.real else []
    shown = " ".join(shlex.quote(a) for a in (sys.argv[1:] if argv is None else argv))
    section = report(rows, real, f"python benchmarks/pages.py {shown}".strip(), exe, chromium)
    print(section)
    if args.into is not None:
        into(args.into, section)
    log(f"done in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
