"""$ tda-export csv: every flag, stdout and files, and the exact errors a user sees."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tda_export.cli import cli
from tda_export.cli.csv import TABLE_NAMES

HERE = Path(__file__).parent
SMALL = HERE / "fixtures" / "small" / "facts"
EXPECTED = HERE / "expected" / "csv"


def run(runner: CliRunner, *args: str, facts: Path = SMALL) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["csv", "--facts", str(facts), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_each_table_to_stdout(runner: CliRunner, table: str) -> None:
    result = runner.invoke(
        cli, ["csv", "--facts", str(SMALL), "--table", table], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert result.stdout_bytes == (EXPECTED / f"{table}.csv").read_bytes()


def test_output_file_starts_with_a_byte_order_mark(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    code, stdout, _ = run(runner, "--table", "events", "-o", str(out))
    assert (code, stdout) == (0, "")
    assert out.read_bytes() == b"\xef\xbb\xbf" + (EXPECTED / "events.csv").read_bytes()


@pytest.mark.parametrize(
    ("args", "bom"),
    [
        (["--no-bom", "-o", "FILE"], False),
        (["--bom"], True),
        (["--bom", "-o", "FILE"], True),
    ],
)
def test_bom_flag(runner: CliRunner, tmp_path: Path, args: list[str], bom: bool) -> None:
    out = tmp_path / "events.csv"
    args = [str(out) if a == "FILE" else a for a in args]
    code, stdout, _ = run(runner, "--table", "events", *args)
    assert code == 0
    written = out.read_bytes() if "-o" in args else stdout.encode()
    expected = (EXPECTED / "events.csv").read_bytes()
    assert written == (b"\xef\xbb\xbf" if bom else b"") + expected


def test_dash_is_stdout(runner: CliRunner) -> None:
    code, stdout, _ = run(runner, "--table", "relations", "-o", "-")
    assert code == 0
    assert stdout == (EXPECTED / "relations.csv").read_text(encoding="utf-8")


def test_excel(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "places.csv"
    code, _, _ = run(runner, "--table", "places", "--excel", "-o", str(out))
    assert code == 0
    expected = (EXPECTED / "places.csv").read_bytes()
    assert out.read_bytes() == b"\xef\xbb\xbf" + expected.replace(b"\n", b"\r\n")
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert rows[0][0] == "id" and len(rows) == 7


def test_excel_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["csv", "--facts", str(SMALL), "--table", "relations", "--excel"])
    assert result.exit_code == 0
    expected = (EXPECTED / "relations.csv").read_bytes().replace(b"\n", b"\r\n")
    assert result.stdout_bytes == b"\xef\xbb\xbf" + expected


def test_filters(runner: CliRunner) -> None:
    code, stdout, _ = run(
        runner, "--table", "events", "--since", "2017", "--until", "2018", "--status", "alleged"
    )
    assert code == 0
    ids = [row[0] for row in csv.reader(io.StringIO(stdout))]
    assert ids == ["id", "wilmito-killing", "sucre-expansion"]
    code, stdout, _ = run(runner, "--table", "events", "--category", "founding")
    assert [row[0] for row in csv.reader(io.StringIO(stdout))] == ["id", "union-becomes-gang"]
    code, stdout, _ = run(runner, "--table", "places", "--country", "co")
    assert (code, stdout) == (0, (EXPECTED / "places.csv").read_text().splitlines()[0] + "\n")
    code, stdout, _ = run(runner, "--table", "citations", "--country", "VE", "--since", "2023")
    ids = [row[0] for row in csv.reader(io.StringIO(stdout))][1:]
    assert ids == [
        "presence-maracay#1",
        "presence-sucre#1",
        "presence-tocoron-prison#1",
        "presence-tocoron-prison#2",
        "tocoron-raid#1",
        "troops-tocoron-raid#1",
    ]


def test_a_filter_the_table_does_not_take_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "sources.csv"
    out.write_text("keep me\n")
    code, stdout, stderr = run(runner, "--table", "sources", "--country", "VE", "-o", str(out))
    assert code == 2
    assert stdout == ""
    assert stderr.endswith(
        "Error: --country does not apply to the sources table (it takes: none)\n"
    )
    assert out.read_text() == "keep me\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--table", "people"], "Error: Invalid value for '--table': 'people' is not one of"),
        ([], "Error: Missing option '--table'."),
        (
            ["--table", "events", "--since", "2020/2021"],
            "Error: --since: '2020/2021' is not a date this option takes; give YYYY, YYYY-MM or "
            "YYYY-MM-DD (2023, 2023-03 or 2023-03-13)\n",
        ),
        (["--table", "events", "--status", "rumoured"], "Error: Invalid value for '--status'"),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    code, stdout, stderr = run(runner, *args)
    assert code == 2
    assert stdout == ""
    assert message in stderr


def test_bad_facts_exit_1_and_write_nothing(runner: CliRunner, tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(SMALL, facts)
    events = facts / "events.yaml"
    events.write_text(
        events.read_text(encoding="utf-8").replace("date: 2017-04", "date: 2017-13"),
        encoding="utf-8",
    )
    out = tmp_path / "events.csv"
    code, stdout, stderr = run(runner, "--table", "events", "-o", str(out), facts=facts)
    assert code == 1
    assert stdout == ""
    assert f"{events}:29: wilmito-killing.date: '2017-13' is not a date" in stderr
    assert stderr.endswith("Error: the fact base has 1 problem(s); nothing was written\n")
    assert "Traceback" not in stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [facts]


def test_help(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["csv", "--help"])
    assert result.exit_code == 0
    assert (
        "--table [sources|places|actors|relations|events|presence|figures|citations|"
        "corrections]" in " ".join(result.stdout.split())
    )
    assert "$ tda-export csv --table presence --country VE" in result.stdout
