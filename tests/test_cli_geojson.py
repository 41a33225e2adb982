"""$ tda-export geojson: every option and filter, exit codes and exact messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tda_export.cli import cli
from tda_export.cli.geojson import LAYER_CHOICES
from tda_export.formats.maps.geojson import LAYERS

HERE = Path(__file__).parent
MAPS = HERE / "fixtures" / "maps" / "facts"
SMALL = HERE / "fixtures" / "small" / "facts"
EXPECTED = HERE / "expected" / "geojson"


def run(runner: CliRunner, *args: str, ok: bool = True) -> Result:
    result = runner.invoke(cli, ["geojson", *args], catch_exceptions=not ok)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def ids(result: Result) -> list[str]:
    return [f["id"] for f in json.loads(result.stdout)["features"]]


def test_layer_choices_match_the_library() -> None:
    assert LAYER_CHOICES == LAYERS


@pytest.mark.parametrize("layer", LAYERS)
def test_layer_to_stdout_is_the_golden_file(runner: CliRunner, layer: str) -> None:
    result = run(runner, "--facts", str(SMALL), "--layer", layer)
    assert result.stdout == (EXPECTED / f"small-{layer}.geojson").read_text(encoding="utf-8")
    assert result.stderr == ""


def test_default_layer_is_presence(runner: CliRunner) -> None:
    result = run(runner, "--facts", str(SMALL))
    assert result.stdout == (EXPECTED / "small-presence.geojson").read_text(encoding="utf-8")


def test_output_dash_is_stdout(runner: CliRunner) -> None:
    result = run(runner, "--facts", str(SMALL), "--layer", "places", "-o", "-")
    assert result.stdout == (EXPECTED / "small-places.geojson").read_text(encoding="utf-8")


def test_output_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "events.geojson"
    result = run(runner, "--facts", str(SMALL), "--layer", "events", "--output", str(target))
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == (EXPECTED / "small-events.geojson").read_text(
        encoding="utf-8"
    )


def test_seq(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "events.geojsons"
    run(runner, "--facts", str(SMALL), "--layer", "events", "--seq", "-o", str(target))
    assert target.read_bytes() == (EXPECTED / "small-events.geojsons").read_bytes()
    assert target.read_bytes().startswith(b"\x1e{")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--since", "2024"], ["border-clash.cucuta", "border-clash.maracay"]),
        (
            ["--until", "2022-06"],
            [
                "trinidad-arrests.trinidad-and-tobago",
                "prison-expansion.unnamed-prison",
                "prison-expansion.secret-base",
            ],
        ),
        (["--since", "2023-09", "--until", "2023-09-20"], ["office-raid.1st-street-office"]),
        (["--country", "co"], ["border-clash.cucuta"]),
        (["--country", "COL"], ["border-clash.cucuta"]),
        (
            ["--country", "tto", "--country", "Co"],
            ["border-clash.cucuta", "trinidad-arrests.trinidad-and-tobago"],
        ),
        (
            ["--country", "CO", "--country", "TT"],
            ["border-clash.cucuta", "trinidad-arrests.trinidad-and-tobago"],
        ),
        (
            ["--category", "expansion"],
            ["prison-expansion.unnamed-prison", "prison-expansion.secret-base"],
        ),
        (
            ["--category", "arrest", "--category", "security-operation"],
            ["trinidad-arrests.trinidad-and-tobago", "office-raid.1st-street-office"],
        ),
        (["--status", "alleged"], ["border-clash.cucuta", "border-clash.maracay"]),
        (["--status", "alleged", "--country", "VE"], ["border-clash.maracay"]),
    ],
)
def test_event_filters(runner: CliRunner, args: list[str], expected: list[str]) -> None:
    result = run(runner, "--facts", str(MAPS), "--layer", "events", *args)
    assert ids(result) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ["presence-cucuta", "presence-trinidad", "presence-aragua", "presence-base"]),
        (["--since", "2024"], ["presence-cucuta", "presence-aragua"]),
        (["--until", "2012"], ["presence-cucuta"]),
        (["--status", "reported", "--status", "alleged"], ["presence-aragua", "presence-base"]),
        (
            ["--category", "killing"],
            ["presence-cucuta", "presence-trinidad", "presence-aragua", "presence-base"],
        ),
    ],
)
def test_presence_filters(runner: CliRunner, args: list[str], expected: list[str]) -> None:
    assert ids(run(runner, "--facts", str(MAPS), "--layer", "presence", *args)) == expected


def test_places_are_filtered_by_country_only(runner: CliRunner) -> None:
    result = run(
        runner, "--facts", str(MAPS), "--layer", "places", "--country", "TT", "--since", "2030"
    )
    assert ids(result) == ["trinidad-and-tobago"]


def test_no_match_is_an_empty_collection(runner: CliRunner) -> None:
    result = run(runner, "--facts", str(MAPS), "--layer", "events", "--country", "US")
    assert result.stdout == '{"type":"FeatureCollection","features":[\n]}\n'


def test_logs_the_count_and_the_unplaced_events(
    runner: CliRunner, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    target = tmp_path / "e.geojson"
    with caplog.at_level("INFO"):
        result = runner.invoke(
            cli, ["-v", "geojson", "--facts", str(MAPS), "--layer", "events", "-o", str(target)]
        )
    assert result.exit_code == 0, result.output
    assert caplog.messages == [
        "1 event(s) without a place are not drawn on the map",
        f"6 events feature(s) written to {target}",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--since", "2020-13"],
            "Error: --since: '2020-13' is not a date: month 13 does not exist; give YYYY, "
            "YYYY-MM or YYYY-MM-DD (2023, 2023-03 or 2023-03-13)\n",
        ),
        (
            ["--until", "2015/2017"],
            "Error: --until: '2015/2017' is not a date this option takes; give YYYY, YYYY-MM "
            "or YYYY-MM-DD (2023, 2023-03 or 2023-03-13)\n",
        ),
        (
            ["--layer", "people"],
            "Error: Invalid value for '--layer': 'people' is not one of 'presence', 'events', "
            "'places'.",
        ),
        (["--status", "rumoured"], "Error: Invalid value for '--status': 'rumoured' is not one of"),
        (
            ["--country", "uk"],
            "Error: --country: 'UK' is not an ISO 3166-1 country code (two or three letters, "
            "e.g. VE or VEN); the fact base has places in CO, TT, VE\n",
        ),
        (
            ["--since", "2025", "--until", "2023"],
            "Error: --since 2025 comes after --until 2023, so no date can match; did you mean "
            "--since 2023 --until 2025?\n",
        ),
        (
            ["--since", "13/03/2023"],
            "Error: --since: '13/03/2023' is not a date this option takes; give YYYY, YYYY-MM "
            "or YYYY-MM-DD (2023, 2023-03 or 2023-03-13)\n",
        ),
        (
            ["--facts", "/nonexistent"],
            "Error: Invalid value for '--facts': Directory '/nonexistent' does not exist.",
        ),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(cli, ["geojson", "--facts", str(MAPS), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_bad_facts_exit_1_and_write_nothing(
    runner: CliRunner, facts_copy: Path, tmp_path: Path
) -> None:
    events = facts_copy / "events.yaml"
    events.write_text(
        events.read_text(encoding="utf-8").replace("date: 2017-04", "date: 2017-13"),
        encoding="utf-8",
    )
    target = tmp_path / "out.geojson"
    target.write_text("old", encoding="utf-8")
    result = runner.invoke(cli, ["geojson", "--facts", str(facts_copy), "-o", str(target)])
    assert result.exit_code == 1
    assert "'2017-13' is not a date: month 13 does not exist" in result.stderr
    assert result.stderr.endswith("Error: the fact base has 1 problem(s); nothing was written\n")
    assert "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == "old"


def test_unwritable_output_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.geojson"
    result = runner.invoke(cli, ["geojson", "--facts", str(SMALL), "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {target}: No such file or directory\n"


def test_help(runner: CliRunner) -> None:
    result = run(runner, "--help")
    assert "Write one map layer as RFC 7946 GeoJSON" in result.stdout
    for option in (
        "--layer",
        "--geometry",
        "--full-detail",
        "--seq",
        "--since",
        "--until",
        "--country",
        "--category",
        "--status",
        "-o, --output",
        "--facts",
    ):
        assert option in result.stdout
    top = runner.invoke(cli, ["--help"])
    assert "geojson" in top.stdout and "Write one map layer" in top.stdout


def test_map_modules_are_not_imported_by_the_cli() -> None:
    """`tda-export --version` stays fast: shapely and simplekml load only when used."""
    import subprocess
    import sys

    code = (
        "import sys; from tda_export.cli import cli; "
        "print(sorted(m for m in sys.modules if m.startswith(('shapely', 'simplekml', "
        "'tda_export.formats.maps.geojson', 'tda_export.formats.maps.kml', "
        "'tda_export.formats.maps.mapping'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("layer", "geometry", "kind"),
    [
        ("events", "area", "MultiPolygon"),
        ("events", "point", "Point"),
        ("presence", "point", "Point"),
        ("places", "area", "MultiPolygon"),
    ],
)
def test_geometry_option(runner: CliRunner, layer: str, geometry: str, kind: str) -> None:
    result = run(runner, "--facts", str(MAPS), "--layer", layer, "--geometry", geometry)
    found = json.loads(result.stdout)["features"]
    assert found and {f["geometry"]["type"] for f in found} == {kind}


def test_full_detail_keeps_every_vertex(runner: CliRunner) -> None:
    def vertices(*extra: str) -> int:
        result = run(runner, "--facts", str(MAPS), "--layer", "presence", *extra)
        return sum(
            len(ring)
            for f in json.loads(result.stdout)["features"]
            for polygon in f["geometry"]["coordinates"]
            for ring in polygon
        )

    assert vertices("--full-detail") > vertices()


def test_bad_geometry_exits_2(runner: CliRunner) -> None:
    result = run(runner, "--facts", str(MAPS), "--geometry", "line", ok=False)
    assert result.exit_code == 2
    assert "Invalid value for '--geometry': 'line' is not one of 'point', 'area'." in result.stderr
