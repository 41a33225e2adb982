"""Every ``--help`` example runs on the real fact base and prints what the help says.

Each command's help ends with an ``Example:`` block: ``$ `` lines are commands, the lines
below one are what it prints (``...`` alone stands for any lines, inside a line for any
text; an example that shows no output is not held to any). Each command runs in bash in
a folder holding a copy of ``facts/`` and ``../shared/seeds``, with this environment's
``tda-export`` first on the PATH; it must exit 0 and print exactly that.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from conftest import shared_dir

from tda_export.cli import cli

pytestmark = pytest.mark.slow  # builds every output and checks the archive: about 20 s

REPO = Path(__file__).parent.parent


def examples(command: click.Command) -> list[tuple[str, list[str]]]:
    """The example commands of a command's help, each with the lines it prints."""
    lines = (command.help or "").split("Example:\n", 1)[-1].split("\n\n", 1)[0].splitlines()
    found: list[tuple[str, list[str]]] = []
    for line in (line.strip() for line in lines):
        if line.startswith("$ "):
            found.append((line[2:], []))
        elif found and line:
            found[-1][1].append(line)
    return found


def pattern(expected: list[str]) -> re.Pattern[str]:
    """The output an example promises: ``...`` is any lines alone, any text in a line."""
    parts = [
        r"(?:[^\n]*\n)*?" if line == "..." else ".*".join(map(re.escape, line.split("..."))) + r"\n"
        for line in expected
    ]
    return re.compile("".join(parts))


ALL = [("tda-export", cli), *((f"tda-export {n}", c) for n, c in sorted(cli.commands.items()))]


def test_every_command_has_an_example() -> None:
    assert [name for name, command in ALL if not examples(command)] == []


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a copy of the facts, beside ``shared/seeds`` (the real archive)."""
    root = tmp_path_factory.mktemp("examples")
    (root / "shared").mkdir()
    (root / "shared" / "seeds").symlink_to(shared_dir("seeds"))
    shutil.copytree(REPO / "facts", root / "work" / "facts")
    return root / "work"


@pytest.mark.parametrize(
    ("line", "expected"),
    [pytest.param(line, out, id=line) for _, command in ALL for line, out in examples(command)],
)
def test_example_prints_what_the_help_says(workdir: Path, line: str, expected: list[str]) -> None:
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "tda-export").exists(), "tda-export is not installed beside this Python"
    result = subprocess.run(
        ["bash", "-c", line],
        cwd=workdir,
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    if expected:  # an example that shows no output promises none
        output = result.stdout if result.stdout.endswith("\n") else result.stdout + "\n"
        assert pattern(expected).fullmatch(output), output[:2000]
