"""Faults while writing: the previous outputs stay intact, and the next build recovers.

``test_build.py`` covers the swap logic in one process (a failing writer, the fallback swap,
leftovers, threads). Here the faults are real, or as close as a test can make them:

- an unwritable output folder: a file in the way, a folder without write permission (as
  root, run with the capabilities that let root ignore file modes dropped), a read-only
  file system (a tmpfs in a private mount namespace), a failing rename;
- a full disk: ``ENOSPC`` from a write or from ``fsync`` (injected), and a real, small
  tmpfs that holds one build but not two;
- a build killed with SIGKILL while writing, and at each step of the swap;
- two build processes at once on one folder, of two different fact bases;
- the single-file exports (``csv -o``) under the same faults, and a closed pipe.

After every fault: exit 1 with one ``Error:`` line and no traceback, the previous outputs
byte-identical (or, after a kill, restored by the next build), no temporary files left
once a build has run, and every file matching ``manifest.json``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from click.testing import CliRunner, Result
from test_build import leftovers

from tda_export import build as bd
from tda_export import outfolder, output
from tda_export.cli import cli

pytestmark = pytest.mark.slow
"""Real processes killed, disks filled, builds raced: the full test path only."""

HERE = Path(__file__).parent
SMALL = HERE / "fixtures" / "small" / "facts"
HOSTILE = HERE / "fixtures" / "hostile" / "facts"
ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
#: Capabilities that let root read and write whatever the file modes say.
DAC_CAPS = "-dac_override,-dac_read_search"


def files(folder: Path) -> dict[str, str]:
    """Each file's sha256 (digests keep a failing comparison short to print)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def snapshot(folder: Path) -> dict[str, Any]:
    """Names, digests, inodes and times of a folder's files: equal only if untouched."""
    return {
        "folder": folder.stat().st_ino,
        "files": {
            p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_ino,
                     p.stat().st_mtime_ns)
            for p in sorted(folder.iterdir())
        },
    }  # fmt: skip


def assert_complete(folder: Path, expected: dict[str, str]) -> None:
    """``folder`` holds exactly ``expected``, and every file matches ``manifest.json``."""
    assert files(folder) == expected
    manifest = json.loads((folder / bd.MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == sorted(set(expected) - {bd.MANIFEST})
    for name, entry in manifest["files"].items():
        assert expected[name] == entry["sha256"], name


def assert_failed(result: Result, message: str) -> None:
    """Exit 1, no traceback, and ``message`` as the one error line."""
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [message]


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Two fact bases and a build of each: ``old`` (another marker label: an update, not a
    correction, so ``new`` needs no revision to replace it) and ``new`` (small)."""
    root = tmp_path_factory.mktemp("versions")
    old_facts = root / "old-facts"
    shutil.copytree(SMALL, old_facts)
    events = old_facts / "events.yaml"
    title = "  title: Expansion into Sucre begins\n"
    events.write_text(
        events.read_text(encoding="utf-8").replace(title, title + "  label: Old label\n"),
        encoding="utf-8",
    )
    bd.build(old_facts, root / "old")
    bd.build(SMALL, root / "new")
    built = {"old": files(root / "old"), "new": files(root / "new")}
    assert built["old"] != built["new"]
    return {"old_facts": old_facts, "old_folder": root / "old", **built}


@pytest.fixture
def previous(tmp_path: Path, versions: dict[str, Any]) -> Path:
    """``tmp_path/outputs``: a complete earlier build (of the ``old`` facts)."""
    out = tmp_path / "outputs"
    bd.build(versions["old_facts"], out)
    assert files(out) == versions["old"]
    return out


def cli_build(runner: CliRunner, facts: Path, out: Path) -> Result:
    return runner.invoke(cli, ["-q", "build", "--facts", str(facts), "--out", str(out)])


# -- an unwritable output folder ---------------------------------------------------------------
def test_a_file_in_the_way(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "reports").write_text("a file\n")
    result = cli_build(runner, SMALL, tmp_path / "reports" / "outputs")
    assert_failed(result, f"Error: cannot write {tmp_path / 'reports'}: File exists")
    assert (tmp_path / "reports").read_text() == "a file\n"


def test_a_folder_without_write_permission(tmp_path: Path, versions: dict[str, Any]) -> None:
    """The folder holding outputs/ may not be written: the build fails, outputs/ stays."""
    parent = tmp_path / "readonly"
    parent.mkdir()
    bd.build(versions["old_facts"], parent / "outputs")
    before = snapshot(parent / "outputs")
    parent.chmod(0o555)
    command = [sys.executable, "-m", "tda_export", "-q", "build", "--facts", str(SMALL),
               "--out", str(parent / "outputs")]  # fmt: skip
    if os.geteuid() == 0:  # root writes anywhere: drop that capability
        setpriv = shutil.which("setpriv")
        assert setpriv, "setpriv (util-linux) is needed to drop root's file capabilities"
        command = [setpriv, f"--inh-caps={DAC_CAPS}", f"--bounding-set={DAC_CAPS}", *command]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    finally:
        parent.chmod(0o755)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines() == [f"Error: cannot write {parent}: Permission denied"]
    assert snapshot(parent / "outputs") == before
    assert leftovers(parent / "outputs") == []


def without_file_capabilities(command: list[str]) -> list[str]:
    """``command`` run without the capabilities that let root ignore file modes."""
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to drop root's file capabilities"
    caps = f"{DAC_CAPS},-fowner"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}", *command]


def test_a_read_only_output_folder(tmp_path: Path, versions: dict[str, Any]) -> None:
    """``chmod 555 outputs``: the new build would be swapped in but the old files could not
    be deleted. It fails before writing anything, every time, and works once writable."""
    out = tmp_path / "outputs"
    bd.build(versions["old_facts"], out)
    before = snapshot(out)
    out.chmod(0o555)
    command = without_file_capabilities(
        [
            sys.executable,
            "-m",
            "tda_export",
            "-q",
            "build",
            "--facts",
            str(SMALL),
            "--out",
            str(out),
        ]
    )
    try:
        for _ in range(2):  # the failure leaves nothing that changes the next attempt
            done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
            assert (done.returncode, done.stdout) == (1, "")
            assert done.stderr.splitlines() == [f"Error: cannot write {out}: Permission denied"]
            assert snapshot(out) == before
            assert leftovers(out) == []
    finally:
        out.chmod(0o755)
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert_complete(out, versions["new"])
    assert leftovers(out) == []


def test_an_undeletable_leftover_never_fails_a_build(
    tmp_path: Path, versions: dict[str, Any]
) -> None:
    """An old build's leftover made read-only (as an earlier version could leave it): each
    build warns that it cannot remove it and succeeds; once writable, it is removed."""
    out = tmp_path / "outputs"
    bd.build(versions["old_facts"], out)
    stuck = tmp_path / ".outputs.tmp-stuck123"
    shutil.copytree(versions["old_folder"], stuck)
    stuck.chmod(0o555)
    command = without_file_capabilities(
        [sys.executable, "-m", "tda_export", "build", "--facts", str(SMALL), "--out", str(out)]
    )
    try:
        for _ in range(2):
            done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
            assert done.returncode == 0, done.stderr
            assert done.stderr.splitlines() == [
                f"tda-export: WARNING: could not remove {stuck}: Permission denied; "
                "remove it by hand"
            ]
            assert_complete(out, versions["new"])
            assert leftovers(out) == [stuck.name]
    finally:
        stuck.chmod(0o755)
    assert subprocess.run(command, capture_output=True, timeout=120, check=False).returncode == 0
    assert leftovers(out) == []


def test_the_output_folder_vanishes_during_the_build(
    runner: CliRunner, previous: Path, versions: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone deletes outputs/ while the build writes: the new build takes its place whole."""
    items = bd.outputs()

    def remove_target(base: Any, fobj: Any) -> int:
        shutil.rmtree(previous)
        return items[8].write(base, fobj)

    monkeypatch.setattr(
        bd, "outputs", lambda: (*items[:8], dataclasses.replace(items[8], write=remove_target),
                                *items[9:])
    )  # fmt: skip
    assert cli_build(runner, SMALL, previous).exit_code == 0
    assert_complete(previous, versions["new"])
    assert leftovers(previous) == []


def test_the_parent_folder_vanishes_during_the_build(
    runner: CliRunner, previous: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder holding outputs/ (and the build's temporary folder) is deleted midway:
    the build fails naming the file it was writing, and the next one starts afresh."""
    items = bd.outputs()

    def remove_parent(base: Any, fobj: Any) -> int:
        shutil.rmtree(previous.parent)
        return items[8].write(base, fobj)

    with monkeypatch.context() as patch:
        patch.setattr(
            bd, "outputs", lambda: (*items[:8], dataclasses.replace(items[8], write=remove_parent),
                                    *items[9:])
        )  # fmt: skip
        result = cli_build(runner, SMALL, previous)
    assert_failed(
        result, f"Error: cannot write {previous}/{items[8].name}: No such file or directory"
    )
    assert not previous.parent.exists()
    assert cli_build(runner, SMALL, previous).exit_code == 0
    assert sorted(p.name for p in previous.parent.iterdir()) == ["outputs"]


def test_a_failing_swap(
    runner: CliRunner, previous: Path, versions: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(a: Path, b: Path) -> bool:
        raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(b))

    monkeypatch.setattr(outfolder, "_exchange", refuse)
    before = snapshot(previous)
    result = cli_build(runner, SMALL, previous)
    assert_failed(result, f"Error: cannot write {previous}: Permission denied")
    assert snapshot(previous) == before
    assert leftovers(previous) == []


# -- a full disk (injected) --------------------------------------------------------------------
@contextlib.contextmanager
def budget(monkeypatch: pytest.MonkeyPatch, limit: int) -> Iterator[tuple[list[int], list[str]]]:
    """Let the build's files take ``limit`` bytes in all; the next write raises ENOSPC.

    Yields the bytes written so far and the names of the files opened, in order.
    """
    used = [0]
    create = bd._create
    writing: list[str] = []

    class Full:
        def __init__(self, fobj: IO[Any]) -> None:
            self._fobj = fobj

        def write(self, data: Any) -> int:
            size = len(data.encode("utf-8") if isinstance(data, str) else data)
            if used[0] + size > limit:
                raise ENOSPC
            used[0] += size
            return int(self._fobj.write(data))

        def __getattr__(self, name: str) -> Any:
            return getattr(self._fobj, name)

    @contextlib.contextmanager
    def limited(path: Path, binary: bool) -> Iterator[Any]:
        writing.append(path.name)
        with create(path, binary) as fobj:
            yield Full(fobj)

    monkeypatch.setattr(bd, "_create", limited)
    yield used, writing


@pytest.mark.parametrize("limit", [0, 50_000, 300_000])
def test_disk_full_while_writing(
    runner: CliRunner,
    previous: Path,
    versions: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    limit: int,
) -> None:
    before = snapshot(previous)
    with budget(monkeypatch, limit) as (used, writing):
        result = cli_build(runner, SMALL, previous)
    assert 0 <= limit - used[0] < 200_000  # the fault came partway through, near the limit
    # the message names the file being written (as it would have been published)
    assert_failed(result, f"Error: cannot write {previous}/{writing[-1]}: No space left on device")
    assert snapshot(previous) == before
    assert leftovers(previous) == []
    monkeypatch.undo()
    assert cli_build(runner, SMALL, previous).exit_code == 0  # space again: it recovers
    assert_complete(previous, versions["new"])


def test_disk_full_at_fsync(
    runner: CliRunner, previous: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Delayed allocation reports a full disk only when the data is flushed."""
    calls = [0]
    real = os.fsync

    def fsync(fd: int) -> None:
        calls[0] += 1
        if calls[0] == 5:
            raise ENOSPC
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    before = snapshot(previous)
    result = cli_build(runner, SMALL, previous)
    assert calls[0] == 5  # the fifth file's
    name = bd.outputs()[4].name
    assert_failed(result, f"Error: cannot write {previous}/{name}: No space left on device")
    assert snapshot(previous) == before
    assert leftovers(previous) == []


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_disk_full_for_one_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """``csv -o FILE`` replaces the file whole or not at all."""
    target = tmp_path / "events.csv"
    target.write_text("id\nfrom an earlier export\n", encoding="utf-8")
    if where == "fsync":

        def fsync(fd: int) -> None:
            raise ENOSPC

        monkeypatch.setattr(os, "fsync", fsync)
    else:
        real = output.atomic_binary

        @contextlib.contextmanager
        def full(path: Path | str) -> Iterator[Any]:
            with real(path) as raw:

                class Full:
                    def write(self, data: bytes) -> int:
                        raise ENOSPC

                    def __getattr__(self, name: str) -> Any:
                        return getattr(raw, name)

                yield Full()

        monkeypatch.setattr(output, "atomic_binary", full)
    result = runner.invoke(
        cli, ["csv", "--facts", str(SMALL), "--table", "events", "-o", str(target)]
    )
    assert_failed(result, f"Error: cannot write {target}: No space left on device")
    assert target.read_text(encoding="utf-8") == "id\nfrom an earlier export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]


#: Writes half of ``argv[1]`` through output.atomic_binary, says so, and waits to be killed.
HALF_EXPORT = r"""
import sys, time
from tda_export import output

with output.atomic_binary(sys.argv[1]) as handle:
    handle.write(b"id\nhalf a row")
    handle.flush()
    print("stalled", flush=True)
    time.sleep(300)
"""


def test_a_killed_export_leaves_nothing_for_long(runner: CliRunner, tmp_path: Path) -> None:
    """``csv -o FILE`` killed while writing leaves its hidden ``.FILE.XXXXXXXX.tmp``; the
    next export to that file removes it. One still being written (locked) is left alone."""
    target = tmp_path / "events.csv"
    target.write_text("id\nfrom an earlier export\n", encoding="utf-8")
    writers = [
        subprocess.Popen([sys.executable, "-c", HALF_EXPORT, str(target)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]  # fmt: skip
    for writer in writers:
        wait_for(writer, "stalled")
    kill(writers[0])
    temporaries = sorted(p.name for p in tmp_path.iterdir() if p.name != "events.csv")
    assert len(temporaries) == 2 and all(
        re.fullmatch(r"\.events\.csv\.[a-z0-9_]{8}\.tmp", name) for name in temporaries
    )
    (tmp_path / ".events.csv.notours.tmp").write_text("kept: not a name an export makes")
    try:
        result = runner.invoke(
            cli, ["csv", "--facts", str(SMALL), "--table", "events", "-o", str(target)]
        )
        assert result.exit_code == 0, result.output
        left = sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp"))
        assert len(left) == 2 and ".events.csv.notours.tmp" in left  # the live one stays
        assert target.read_text(encoding="utf-8").startswith("\ufeffid,")  # with the BOM (#23)
    finally:
        kill(writers[1])
    assert (
        runner.invoke(
            cli, ["csv", "--facts", str(SMALL), "--table", "events", "-o", str(target)]
        ).exit_code
        == 0
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [".events.csv.notours.tmp", "events.csv"]


# -- real file systems (a tmpfs in a private mount namespace) ----------------------------------
#: Runs inside ``unshare --mount``: mounts a tmpfs on argv[1], builds old facts (fits),
#: then faults the second build (``full``: no room for two builds; ``readonly``: remounted
#: read-only), and reports what it saw as JSON. The mount vanishes with the namespace.
IN_NAMESPACE = r"""
import hashlib, json, os, subprocess, sys
from pathlib import Path

mount, old_facts, new_facts, mode, size = sys.argv[1:6]
report = {}
done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", mount],
                      capture_output=True, text=True)
if done.returncode:
    print(json.dumps({"skip": done.stderr.strip() or "mount failed"}))
    sys.exit(0)
out = Path(mount) / "outputs"

def build(facts):
    return subprocess.run([sys.executable, "-m", "tda_export", "-q", "build", "--facts", facts,
                           "--out", str(out)], capture_output=True, text=True)

def state():
    return {"files": {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                      for p in sorted(out.iterdir())},
            "inode": out.stat().st_ino,
            "others": sorted(p.name for p in Path(mount).iterdir() if p.name != "outputs")}

first = build(old_facts)
report["first"] = [first.returncode, first.stderr]
report["before"] = state()
if mode == "readonly":
    subprocess.run(["mount", "-o", "remount,ro", mount], check=True)
second = build(new_facts)
report["second"] = [second.returncode, second.stdout, second.stderr]
report["after"] = state()
print(json.dumps(report))
"""


def in_namespace(tmp_path: Path, versions: dict[str, Any], mode: str, size: str) -> dict[str, Any]:
    unshare = shutil.which("unshare")
    if os.geteuid() != 0 or unshare is None:
        pytest.skip("a private tmpfs needs root and unshare (the injected variants still run)")
    mount = tmp_path / "mnt"
    mount.mkdir()
    done = subprocess.run(
        [unshare, "--mount", "--propagation", "private", "--", sys.executable, "-c",
         IN_NAMESPACE, str(mount), str(versions["old_facts"]), str(SMALL), mode, size],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    if done.returncode and "unshare" in done.stderr:
        pytest.skip(f"no mount namespace here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, Any] = json.loads(done.stdout)
    if "skip" in report:
        pytest.skip(f"cannot mount a tmpfs here: {report['skip']}")
    assert list(mount.iterdir()) == []  # nothing leaked out of the namespace
    assert report["first"] == [0, ""]
    assert report["before"] == {**report["before"], "files": versions["old"], "others": []}
    return report


def test_a_real_full_disk(tmp_path: Path, versions: dict[str, Any]) -> None:
    """A tmpfs with room for one build but not two: the second fails, the first stays."""
    size = sum(p.stat().st_size for p in versions["old_folder"].iterdir())
    report = in_namespace(tmp_path, versions, "full", f"{size * 3 // 2 // 1024}k")
    code, stdout, stderr = report["second"]
    assert (code, stdout) == (1, "")
    [line] = stderr.splitlines()
    assert line.endswith(": No space left on device") and line.startswith("Error: cannot write")
    assert report["after"] == report["before"]


def test_a_read_only_file_system(tmp_path: Path, versions: dict[str, Any]) -> None:
    report = in_namespace(tmp_path, versions, "readonly", "4m")
    code, stdout, stderr = report["second"]
    assert (code, stdout) == (1, "")
    [line] = stderr.splitlines()
    assert line.startswith("Error: cannot write") and line.endswith(": Read-only file system")
    assert report["after"] == report["before"]


# -- killed halfway ----------------------------------------------------------------------------
#: A build in a child process that stops at ``stage`` and says so, waiting to be killed.
#: It also prints when it holds the lock and when it is done, for the concurrency test.
CHILD = r"""
import dataclasses, os, sys, time
from tda_export import build as bd
from tda_export import outfolder

facts, out, stage = sys.argv[1:4]
print(f"started {time.monotonic()}", flush=True)

def stall():
    print("stalled", flush=True)
    time.sleep(float(os.environ.get("STALL", "300")))

items = bd.outputs()
if stage == "writing":  # after 8 files, inside the 9th
    def half(base, fobj):
        fobj.write("id\nhalf a row")
        fobj.flush()
        stall()
        return 0
    bd.outputs = lambda: (*items[:8], bd.Output("half.csv", half), *items[8:])
elif stage == "slow":  # a slow writer, to make two builds overlap
    write = items[4].write
    def slow(base, fobj):
        count = write(base, fobj)
        time.sleep(float(os.environ["STALL"]))
        return count
    bd.outputs = lambda: (*items[:4], dataclasses.replace(items[4], write=slow), *items[5:])
elif stage == "exchanged":  # the new folder is in place, the old one not yet deleted
    exchange = outfolder._exchange
    def exchanged(a, b):
        result = exchange(a, b)
        stall()
        return result
    outfolder._exchange = exchanged
elif stage == "renamed-aside":  # the fallback swap, between its two renames
    outfolder._exchange = lambda a, b: False
    rename = os.rename
    def aside(a, b):
        rename(a, b)
        if ".old-" in str(b):
            stall()
    os.rename = aside

recover, swap = outfolder._recover, outfolder._swap
def locked(target):  # the first step under the lock
    print(f"locked {time.monotonic()}", flush=True)
    recover(target)
def swapped(new, target):  # the last step under the lock
    swap(new, target)
    print(f"swapped {time.monotonic()}", flush=True)
outfolder._recover, outfolder._swap = locked, swapped
if os.environ.get("THROUGH_CLI"):  # the installed program's entry point, signals and all
    from tda_export.cli import main
    sys.argv = ["tda-export", "-q", "build", "--facts", facts, "--out", out]
    main()
bd.build(facts, out)
print(f"done {time.monotonic()}", flush=True)
"""


def start(
    facts: Path, out: Path, stage: str, stall: float = 300, cli: bool = False
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(facts), str(out), stage],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "STALL": str(stall), "THROUGH_CLI": "1" if cli else ""},
    )


def wait_for(proc: subprocess.Popen[str], word: str, timeout: float = 120) -> list[str]:
    """Lines the child printed up to and including the one starting with ``word``."""
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line.strip())
        if line.startswith(word):
            return seen
    proc.kill()
    raise AssertionError(f"child never printed {word!r}: {seen} {proc.communicate()[1][-2000:]}")


def kill(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)  # reaps it and closes its pipes
    assert proc.returncode == -signal.SIGKILL


def test_killed_while_writing(runner: CliRunner, previous: Path, versions: dict[str, Any]) -> None:
    before = snapshot(previous)
    child = start(SMALL, previous, "writing")
    wait_for(child, "stalled")
    kill(child)
    assert snapshot(previous) == before  # untouched, the lock released with the process
    [half] = leftovers(previous)
    assert half.startswith(".outputs.tmp-")
    assert (previous.parent / half / "half.csv").read_text() == "id\nhalf a row"
    started = time.monotonic()
    result = cli_build(runner, SMALL, previous)
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started < 60
    assert_complete(previous, versions["new"])
    assert leftovers(previous) == []


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP])
def test_stopped_while_writing(
    previous: Path, versions: dict[str, Any], stop: signal.Signals
) -> None:
    """A service manager's stop or a closed terminal: like Ctrl-C, the half-made build is
    removed, the previous one stays as it was, and the exit status says which signal."""
    before = snapshot(previous)
    child = start(SMALL, previous, "writing", cli=True)
    wait_for(child, "stalled")
    assert len(leftovers(previous)) == 1  # the new build's temporary folder, half written
    child.send_signal(stop)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 128 + stop
    assert err == f"tda-export: stopped by {stop.name}; nothing written\n"
    assert snapshot(previous) == before
    assert leftovers(previous) == []


def test_killed_after_the_exchange(
    runner: CliRunner, previous: Path, versions: dict[str, Any]
) -> None:
    """Killed between the one-step swap and deleting the old folder: the new build is
    complete; the old one is left aside, and the next build removes it."""
    child = start(SMALL, previous, "exchanged")
    wait_for(child, "stalled")
    kill(child)
    assert_complete(previous, versions["new"])
    [aside] = leftovers(previous)
    assert files(previous.parent / aside) == versions["old"]
    assert cli_build(runner, SMALL, previous).exit_code == 0
    assert_complete(previous, versions["new"])
    assert leftovers(previous) == []


def test_killed_between_the_fallback_renames(
    runner: CliRunner, previous: Path, versions: dict[str, Any]
) -> None:
    """Where renameat2 cannot swap, the old folder is renamed aside first. Killed right
    then, outputs/ is missing but the old build is whole beside it; the next build puts
    it back before anything else, so even a failing build leaves it in place."""
    child = start(SMALL, previous, "renamed-aside")
    wait_for(child, "stalled")
    kill(child)
    assert not previous.exists()
    aside = [name for name in leftovers(previous) if name.startswith(".outputs.old-")]
    assert len(aside) == 1
    assert files(previous.parent / aside[0]) == versions["old"]

    def broken(base: Any, fobj: Any) -> int:
        raise ENOSPC

    items = bd.outputs()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bd, "outputs", lambda: (*items[:3], bd.Output("x.csv", broken)))
        result = cli_build(runner, SMALL, previous)
    assert result.exit_code == 1
    assert_complete(previous, versions["old"])  # restored by the failed build
    assert leftovers(previous) == []
    assert cli_build(runner, SMALL, previous).exit_code == 0
    assert_complete(previous, versions["new"])


# -- two builds at once ------------------------------------------------------------------------
def test_two_build_processes_at_once(previous: Path, versions: dict[str, Any]) -> None:
    """Two processes, two different fact bases, one folder: each build holds the lock
    from start to swap in turn (the other waits: its first step under the lock comes
    after the last step of the first), and the folder ends as exactly one of the two
    complete builds, never a mix."""
    children = [
        start(versions["old_facts"], previous, "slow", stall=2),
        start(SMALL, previous, "slow", stall=2),
    ]
    times = []
    for child in children:
        out, err = child.communicate(timeout=180)
        assert child.returncode == 0, err[-3000:]
        assert "Traceback" not in err
        words = dict(line.split(" ", 1) for line in out.splitlines())
        times.append({w: float(words[w]) for w in ("started", "locked", "swapped", "done")})
    first, second = sorted(times, key=lambda t: t["locked"])
    assert second["started"] < first["swapped"]  # the second wanted the folder meanwhile
    assert first["swapped"] < second["locked"]  # ... and waited for the lock
    last = max(range(2), key=lambda i: times[i]["locked"])
    assert_complete(previous, versions["old" if last == 0 else "new"])
    assert leftovers(previous) == []


def test_many_builds_at_once(tmp_path: Path, versions: dict[str, Any]) -> None:
    out = tmp_path / "outputs"
    command = [sys.executable, "-m", "tda_export", "-q", "build", "--facts", str(SMALL),
               "--out", str(out)]  # fmt: skip
    children = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    for child in children:
        _, err = child.communicate(timeout=180)
        assert child.returncode == 0, err[-3000:]
    assert_complete(out, versions["new"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outputs"]


# -- a closed pipe -----------------------------------------------------------------------------
def test_a_closed_pipe_is_quiet() -> None:
    """``tda-export kml | head -c 10``: the reader goes away mid-way; exit 1, no traceback.

    The hostile KML is some 500 KB, far more than a pipe holds, so the writer meets the
    closed pipe.
    """
    producer = subprocess.Popen(
        [sys.executable, "-m", "tda_export", "kml", "--facts", str(HOSTILE)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert producer.stdout is not None and producer.stderr is not None
    assert len(producer.stdout.read(10)) == 10
    producer.stdout.close()
    with producer.stderr:
        err = producer.stderr.read()
    producer.wait(timeout=120)
    assert err == b""
    assert producer.returncode == 1
