"""$ tda-export kml: every option and filter, exit codes and exact messages."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tda_export.cli import cli
from tda_export.cli import kml as kml_cli
from tda_export.cli.kml import KMZ_TO_TERMINAL
from tda_export.formats.maps.kml import icon_files

HERE = Path(__file__).parent
MAPS = HERE / "fixtures" / "maps" / "facts"
SMALL = HERE / "fixtures" / "small" / "facts"
GOLDEN = HERE / "expected" / "kml" / "small.kml"


def run(runner: CliRunner, *args: str) -> Result:
    result = runner.invoke(cli, ["kml", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def placemark_ids(text: str) -> list[str]:
    """The point placemarks' ids (one per record; area placemarks follow their layer's)."""
    return [i for i in re.findall(r'<Placemark id="([^"]+)"', text) if "-area." not in i]


def test_stdout_is_the_golden_file(runner: CliRunner) -> None:
    result = run(runner, "--facts", str(SMALL))
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")
    assert result.stderr == ""
    assert run(runner, "--facts", str(SMALL), "-o", "-").stdout == result.stdout


def test_output_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "map.kml"
    result = run(runner, "--facts", str(SMALL), "--output", str(target))
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [["--kmz", "-o", "map.zip"], ["-o", "map.kmz"], ["-o", "MAP.KMZ"]])
def test_kmz_file(runner: CliRunner, tmp_path: Path, args: list[str]) -> None:
    args[-1] = str(tmp_path / args[-1])
    run(runner, "--facts", str(SMALL), *args)
    with zipfile.ZipFile(args[-1]) as archive:
        assert archive.namelist() == ["doc.kml", *icon_files()]
        inside = archive.read("doc.kml").decode("utf-8")
    plain = GOLDEN.read_text(encoding="utf-8")
    assert inside != plain and "<Icon><href>icons/" in inside  # the KMZ names its icons
    assert "<Icon>" not in plain  # the plain KML names no file that is not beside it


def test_kmz_to_a_pipe(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "--facts", str(SMALL), "--kmz")
    run(runner, "--facts", str(SMALL), "-o", str(tmp_path / "map.kmz"))
    assert result.stdout_bytes == (tmp_path / "map.kmz").read_bytes()
    with zipfile.ZipFile(io.BytesIO(result.stdout_bytes)) as archive:
        assert archive.namelist() == ["doc.kml", *icon_files()]


def test_kmz_never_to_a_terminal(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kml_cli, "stdout_is_terminal", lambda: True)
    result = runner.invoke(cli, ["kml", "--facts", str(SMALL), "--kmz"])
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Error: {KMZ_TO_TERMINAL}\n")
    assert result.stdout_bytes == b""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--country", "co"],
            ["presence.presence-cucuta", "events.border-clash.cucuta", "places.cucuta"],
        ),
        (
            ["--since", "2024", "--country", "VE"],
            [
                "presence.presence-aragua",
                "events.border-clash.maracay",
                "places.1st-street-office",
                "places.aragua",
                "places.maracay",
                "places.secret-base",
                "places.unnamed-prison",
                "places.venezuela",
            ],
        ),
        (
            ["--until", "2019", "--country", "TT", "--country", "CO"],
            [
                "presence.presence-cucuta",
                "presence.presence-trinidad",
                "places.cucuta",
                "places.trinidad-and-tobago",
            ],
        ),
        (
            ["--category", "clash", "--status", "outdated", "--country", "CO"],
            ["presence.presence-cucuta", "places.cucuta"],
        ),
        (
            ["--category", "arrest", "--country", "TT"],
            [
                "presence.presence-trinidad",
                "events.trinidad-arrests.trinidad-and-tobago",
                "places.trinidad-and-tobago",
            ],
        ),
    ],
)
def test_filters(runner: CliRunner, args: list[str], expected: list[str]) -> None:
    assert placemark_ids(run(runner, "--facts", str(MAPS), *args).stdout) == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "soon"], "Error: --since: 'soon' is not a date"),
        (
            ["--until", "2018/.."],
            "Error: --until: '2018/..' is not a date this option takes; give YYYY, YYYY-MM or "
            "YYYY-MM-DD (2023, 2023-03 or 2023-03-13)\n",
        ),
        (["--category", "gossip"], "Error: Invalid value for '--category': 'gossip' is not one of"),
        (["--layer", "events"], "Error: No such option '--layer'."),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(cli, ["kml", "--facts", str(MAPS), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("name", ["map.kml", "map.kmz"])
def test_bad_facts_exit_1_and_write_nothing(
    runner: CliRunner, facts_copy: Path, tmp_path: Path, name: str
) -> None:
    presence = facts_copy / "presence.yaml"
    presence.write_text(
        presence.read_text(encoding="utf-8").replace("place: sucre", "place: sucree"),
        encoding="utf-8",
    )
    target = tmp_path / name
    target.write_bytes(b"old")
    result = runner.invoke(cli, ["kml", "--facts", str(facts_copy), "-o", str(target)])
    assert result.exit_code == 1
    assert "presence-sucre.place: no place with id 'sucree'" in result.stderr
    assert result.stderr.endswith("nothing was written\n")
    assert "Traceback" not in result.output
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts", name]


def test_unwritable_output_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "map.kmz"
    result = runner.invoke(cli, ["kml", "--facts", str(SMALL), "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {target}: No such file or directory\n"


def test_help(runner: CliRunner) -> None:
    result = run(runner, "--help")
    assert "Write one KML 2.2 document for Google Earth, GDAL and QGIS." in result.stdout
    for option in ("--kmz", "--since", "--until", "--country", "--category", "--status", "--facts"):
        assert option in result.stdout
    top = runner.invoke(cli, ["--help"])
    assert "Write the KML (or KMZ) map of presence, events and places." in top.stdout
