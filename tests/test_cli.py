"""$ tda-export: the group, help of every command, --version, -v/-q, and the public API."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import tda_export
from tda_export import __version__
from tda_export.cli import cli

SMALL_FACTS = Path(__file__).parent / "fixtures" / "small" / "facts"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help(runner: CliRunner, name: str) -> None:
    command = cli.commands[name]
    result = runner.invoke(cli, [name, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output.startswith(f"Usage: cli {name} ")
    assert command.help, f"{name} has no docstring"
    first_line = command.help.splitlines()[0]
    assert first_line in " ".join(result.output.split())
    assert command.get_short_help_str(), f"{name} has no short help"


def test_group_help_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"], catch_exceptions=False)
    assert result.exit_code == 0
    for name, command in cli.commands.items():
        assert f"  {name} " in result.output
        assert isinstance(command, click.Command)
    assert "-v, --verbose" in result.output
    assert "-q, --quiet" in result.output


def test_short_help_option(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["-h"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output.startswith("Usage: cli [OPTIONS] COMMAND [ARGS]...")


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"], catch_exceptions=False)
    assert (result.exit_code, result.output) == (0, f"tda-export, version {__version__}\n")


def test_python_dash_m(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tda_export", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        f"tda-export, version {__version__}\n",
        "",
    )


def test_python_dash_m_usage_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tda_export", "nosuch"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("Usage: tda-export [OPTIONS] COMMAND [ARGS]...")
    assert done.stderr.endswith("Error: No such command 'nosuch'.\n")


def test_unknown_command(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["nosuch"])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "Error: No such command 'nosuch'."


@pytest.fixture
def package_logger() -> Iterator[logging.Logger]:
    logger = logging.getLogger("tda_export")
    level = logger.level
    yield logger
    logger.setLevel(level)


@pytest.mark.parametrize(
    ("flags", "level"),
    [
        ([], logging.WARNING),
        (["-v"], logging.INFO),
        (["-vv"], logging.DEBUG),
        (["-vvv"], logging.DEBUG),
        (["--verbose"], logging.INFO),
        (["-q"], logging.ERROR),
        (["-qq"], logging.CRITICAL),
        (["--quiet"], logging.ERROR),
        (["-v", "-q"], logging.WARNING),
    ],
)
def test_verbosity(
    runner: CliRunner, package_logger: logging.Logger, flags: list[str], level: int
) -> None:
    result = runner.invoke(
        cli, [*flags, "check", "--facts", str(SMALL_FACTS)], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert package_logger.level == level


def test_verbosity_after_the_command_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "-v", "--facts", str(SMALL_FACTS)])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "Error: No such option '-v'."


def test_package_all() -> None:
    assert "__version__" in tda_export.__all__
    key = lambda n: (not n.isupper(), n[0].islower(), n)  # noqa: E731  (constants, classes, functions)
    assert tda_export.__all__ == sorted(tda_export.__all__, key=key)
    assert isinstance(tda_export.__version__, str)
    for name in tda_export.__all__:
        assert hasattr(tda_export, name)


def test_cli_all() -> None:
    import tda_export.cli as package

    assert package.__all__ == ["cli", "main"]
    assert isinstance(package.cli, click.Group)
    assert callable(package.main)  # the installed program: cli, stopped cleanly by signals


def test_build_from_a_folder_without_fact_files(tmp_path: Path, runner: CliRunner) -> None:
    """A --facts folder holding no fact file is an error: nothing is written, exit 1."""
    facts, out = tmp_path / "empty", tmp_path / "out"
    facts.mkdir()
    result = runner.invoke(cli, ["build", "--facts", str(facts), "--out", str(out)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{facts}:0: (folder): no fact files here (sources.yaml, events.yaml … ending in "
        ".yaml or .yml): is this the fact folder?",
        "Error: the fact base has 1 problem(s); nothing was written",
    ]
    assert not out.exists()
