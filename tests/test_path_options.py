"""Every path option on a path that is not what it should be: one line, exit 1 or 2.

``--out`` (build), ``-o`` (every export; ``geojson`` and ``xlsx`` here), ``--facts`` and
``--archive`` (``check``, ``coverage``, ``build``) each meet a link that loops, a link to
nowhere, a named pipe, a socket, a device, a path through a file, a name too long for the
file system and a folder nobody may enter: no traceback, the exit status and the exact
last line, nothing written. A link to a file or a folder is followed (the link stays).
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from tda_export.cli import cli

HERE = Path(__file__).parent
SMALL = HERE / "fixtures" / "small"
LONG = "x" * 300  # over the 255 bytes a file name may have
#: Capabilities that let root read and write whatever the file modes say.
DAC_CAPS = "-dac_override,-dac_read_search"


def _loop(root: Path) -> str:
    (root / "self").symlink_to("self")
    return "self"


def _dangling(root: Path) -> str:
    (root / "gone").symlink_to("missing")
    return "gone"


def _fifo(root: Path) -> str:
    os.mkfifo(root / "fifo")
    return "fifo"


def _socket(root: Path) -> str:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind("sock")  # relative: the current folder is root
    return "sock"


def _through_a_file(root: Path) -> str:
    (root / "afile").write_text("")
    return "afile/x"


def _long(root: Path) -> str:
    return LONG


def _folder(root: Path) -> str:
    (root / "adir").mkdir()
    return "adir"


MAKERS: dict[str, Callable[[Path], str]] = {
    "loop": _loop,
    "dangling": _dangling,
    "fifo": _fifo,
    "socket": _socket,
    "through-a-file": _through_a_file,
    "long": _long,
    "folder": _folder,
}
NOT_PLAIN = "not a plain file (a pipe, device or socket)"
LOOP = "Too many levels of symbolic links"
TOO_LONG = "File name too long"
#: kind -> (exit status, last line) of ``-o PATH``.
OUTPUT = {
    "loop": (1, f"Error: cannot write self: {LOOP}"),
    "fifo": (1, f"Error: cannot write fifo: {NOT_PLAIN}"),
    "socket": (1, f"Error: cannot write sock: {NOT_PLAIN}"),
    "through-a-file": (1, "Error: cannot write afile/x: Not a directory"),
    "long": (1, f"Error: cannot write {LONG}: {TOO_LONG}"),
    "folder": (1, "Error: cannot write adir: Is a directory"),
}
#: kind -> (exit status, last line) of ``build --out PATH`` (ROOT: the current folder).
OUT = {
    "loop": (1, f"Error: cannot write self: {LOOP}"),
    "fifo": (2, "Error: refusing to replace fifo: it is not a folder"),
    "socket": (2, "Error: refusing to replace sock: it is not a folder"),
    "through-a-file": (1, "Error: cannot write ROOT/afile: File exists"),
    "long": (1, f"Error: cannot write {LONG}: {TOO_LONG}"),
}
#: kind -> the reason ``--facts PATH`` and ``--archive PATH`` give (exit 2).
FOLDER = {
    "loop": f"'self': {LOOP}",
    "dangling": "'gone' is a link to 'missing', which does not exist",
    "fifo": "'fifo' is not a folder",
    "socket": "'sock' is not a folder",
    "through-a-file": "'afile/x': Not a directory",
    "long": f"'{LONG}': {TOO_LONG}",
}


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def entries(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir())


def invoke(args: list[str]) -> tuple[int, str]:
    """Exit status and last line of stderr; never a traceback."""
    result = CliRunner().invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr.splitlines()[-1] if result.stderr else ""


@pytest.mark.parametrize("command", [["geojson"], ["xlsx"]])
@pytest.mark.parametrize("kind", sorted(OUTPUT))
def test_output_file(root: Path, kind: str, command: list[str]) -> None:
    path = MAKERS[kind](root)
    before = entries(root)
    expected = OUTPUT[kind]
    if command == ["xlsx"] and kind == "folder":  # its -o is a click.Path of a file
        expected = (2, "Error: Invalid value for '-o' / '--output': File 'adir' is a directory.")
    assert invoke([*command, "--facts", str(SMALL / "facts"), "-o", path]) == expected
    assert entries(root) == before


@pytest.mark.parametrize("kind", sorted(OUT))
def test_build_out(root: Path, kind: str) -> None:
    path = MAKERS[kind](root)
    before = entries(root)
    status, line = OUT[kind]
    got = invoke(["-q", "build", "--facts", str(SMALL / "facts"), "--out", path])
    assert got == (status, line.replace("ROOT", str(root)))
    assert entries(root) == before


def test_build_out_inside_a_loop(root: Path) -> None:
    _loop(root)
    got = invoke(["-q", "build", "--facts", str(SMALL / "facts"), "--out", "self/outputs"])
    assert got == (1, f"Error: cannot write {root / 'self'}: {LOOP}")
    assert entries(root) == ["self"]


@pytest.mark.parametrize(
    "args",
    [["check", "--facts", "PATH"], ["check", "--archive", "PATH"],
     ["coverage", "--archive", "PATH"], ["build", "--archive", "PATH", "--out", "out"],
     ["geojson", "--facts", "PATH"]],
    ids=lambda args: f"{args[0]}{args[1]}",
)  # fmt: skip
@pytest.mark.parametrize("kind", sorted(FOLDER))
def test_input_folder(root: Path, kind: str, args: list[str]) -> None:
    path = MAKERS[kind](root)
    before = entries(root)
    if "--facts" not in args:
        args = [*args, "--facts", str(SMALL / "facts")]
    option = args[args.index("PATH") - 1]
    got = invoke([path if a == "PATH" else a for a in args])
    assert got == (2, f"Error: Invalid value for '{option}': {FOLDER[kind]}")
    assert entries(root) == before


def test_a_device_is_never_replaced(root: Path) -> None:
    """``-o /dev/null`` must not put a file in place of the device (as root it could)."""
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")  # the pipe and socket cases run
    os.mknod(root / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a copy of /dev/null
    got = invoke(["geojson", "--facts", str(SMALL / "facts"), "-o", "null"])
    assert got == (1, f"Error: cannot write null: {NOT_PLAIN}")
    assert stat.S_ISCHR((root / "null").lstat().st_mode)


def test_links_are_followed(root: Path) -> None:
    """A link to a file or a folder: what it names is replaced and the link stays; a link
    to nowhere: made where it points."""
    (root / "real.geojson").write_text("old\n")
    (root / "link.geojson").symlink_to("real.geojson")
    _dangling(root)
    for name in ("link.geojson", "gone"):
        assert invoke(["geojson", "--facts", str(SMALL / "facts"), "-o", name]) == (0, "")
    assert (root / "link.geojson").is_symlink() and (root / "gone").is_symlink()
    assert (root / "real.geojson").read_text().startswith('{"type":"FeatureCollection"')
    assert (root / "missing").read_bytes() == (root / "real.geojson").read_bytes()
    (root / "gone").unlink()
    (root / "gone").symlink_to("missing-folder")
    assert invoke(["-q", "build", "--facts", str(SMALL / "facts"), "--out", "gone"])[0] == 0
    assert (root / "gone").is_symlink() and (root / "missing-folder" / "manifest.json").is_file()


def as_plain_user(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``tda-export ARGS`` in a real process, as root without its file capabilities."""
    command = [sys.executable, "-m", "tda_export", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "setpriv (util-linux) is needed to drop root's file capabilities"
        command = [setpriv, f"--inh-caps={DAC_CAPS}", f"--bounding-set={DAC_CAPS}", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=cwd)


def test_permission_denied(root: Path) -> None:
    """A folder nobody may enter, as each path option meets it."""
    (root / "locked").mkdir()
    (root / "locked").chmod(0)
    facts = str(SMALL / "facts")
    try:
        runs = {
            "-o": as_plain_user(["geojson", "--facts", facts, "-o", "locked/x.geojson"], root),
            "--out": as_plain_user(["-q", "build", "--facts", facts, "--out", "locked/o"], root),
            "--facts": as_plain_user(["check", "--facts", "locked/facts"], root),
            "--archive": as_plain_user(["check", "--facts", facts, "--archive", "locked/a"], root),
        }
    finally:
        (root / "locked").chmod(0o755)
    expected = {
        "-o": (1, "Error: cannot write locked/x.geojson: Permission denied"),
        "--out": (1, f"Error: cannot write {root / 'locked'}: Permission denied"),
        "--facts": (2, "Error: Invalid value for '--facts': 'locked/facts': Permission denied"),
        "--archive": (
            2,
            "Error: Invalid value for '--archive': 'locked/a': Permission denied",
        ),
    }
    for option, done in runs.items():
        assert "Traceback" not in done.stderr, done.stderr
        assert (done.returncode, done.stderr.splitlines()[-1]) == expected[option], option
    assert list((root / "locked").iterdir()) == []
