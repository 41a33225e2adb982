"""The library API of ``tda_export``, used as a notebook would, on tests/fixtures/small.

Each export must give the same bytes as the golden file of its format, or as the CLI
command that writes it; a bad base raises :class:`FactBaseError` and prints nothing.
"""

from __future__ import annotations

import io
import pydoc
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import tda_export
from tda_export.cli import cli

HERE = Path(__file__).parent
SMALL = HERE / "fixtures" / "small"
EXPECTED = HERE / "expected"


@pytest.fixture(scope="module")
def base() -> tda_export.FactBase:
    return tda_export.load(SMALL / "facts", archive=SMALL / "archive")


def text(write: object, *args: object, **kwargs: object) -> str:
    out = io.StringIO(newline="")
    assert callable(write)
    write(*args[:1], out, *args[1:], **kwargs)
    return out.getvalue()


def binary(write: object, *args: object, **kwargs: object) -> bytes:
    out = io.BytesIO()
    assert callable(write)
    write(*args[:1], out, *args[1:], **kwargs)
    return out.getvalue()


def cli_bytes(tmp_path: Path, *args: str) -> bytes:
    target = tmp_path / "out"
    result = CliRunner().invoke(
        cli, [*args, "--facts", str(SMALL / "facts"), "-o", str(target)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return target.read_bytes()


def test_load_gives_the_checked_base(base: tda_export.FactBase) -> None:
    assert isinstance(base, tda_export.FactBase)
    assert base.counts()["events"] == 6
    assert tda_export.check(SMALL / "facts", SMALL / "archive") == []


def test_a_bad_base_raises_with_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(SMALL / "facts", facts)
    events = facts / "events.yaml"
    events.write_text(
        events.read_text(encoding="utf-8").replace("date: 2023-09-20", "date: 2023-02-30", 1),
        encoding="utf-8",
    )
    with pytest.raises(tda_export.FactBaseError) as caught:
        tda_export.load(facts)
    assert [str(p) for p in caught.value.problems] == [
        f"{events}:69: tocoron-raid.date: '2023-02-30' is not a date: February 2023 has 28 days"
    ]
    assert [str(p) for p in tda_export.check(facts)] == [str(p) for p in caught.value.problems]
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("layer", ["presence", "events", "places"])
def test_geojson(base: tda_export.FactBase, layer: str) -> None:
    golden = (EXPECTED / "geojson" / f"small-{layer}.geojson").read_text(encoding="utf-8")
    assert text(tda_export.write_geojson, base, layer) == golden


def test_geojson_options(base: tda_export.FactBase, tmp_path: Path) -> None:
    seq = (EXPECTED / "geojson" / "small-events.geojsons").read_text(encoding="utf-8")
    assert text(tda_export.write_geojson, base, "events", seq=True) == seq
    areas = text(tda_export.write_geojson, base, "events", geometry="area", full_detail=True)
    expected = cli_bytes(tmp_path, "geojson", "--layer", "events", "--geometry", "area")
    assert areas != seq
    full = cli_bytes(
        tmp_path, "geojson", "--layer", "events", "--geometry", "area", "--full-detail"
    )
    assert areas.encode() == full != expected
    with pytest.raises(tda_export.UsageError, match="geometry must be 'point' or 'area'"):
        text(tda_export.write_geojson, base, "events", geometry="line")
    with pytest.raises(tda_export.UsageError):
        text(tda_export.write_geojson, base, "roads")


def test_kml_and_kmz(base: tda_export.FactBase, tmp_path: Path) -> None:
    golden = (EXPECTED / "kml" / "small.kml").read_text(encoding="utf-8")
    assert text(tda_export.write_kml, base) == golden
    assert binary(tda_export.write_kmz, base) == cli_bytes(tmp_path, "kml", "--kmz")


def test_chronologies(base: tda_export.FactBase) -> None:
    timeline = EXPECTED / "timeline"
    json_text = (timeline / "small.json").read_text(encoding="utf-8")
    assert text(tda_export.write_timeline, base) == json_text
    page = text(tda_export.write_timeline_html, base, timelinejs_path="timelinejs/")
    assert page == (timeline / "small.html").read_text(encoding="utf-8")
    assert binary(tda_export.write_ics, base) == (EXPECTED / "ical" / "small.ics").read_bytes()


def test_a_filter_selects_as_the_cli_does(base: tda_export.FactBase, tmp_path: Path) -> None:
    selected = tda_export.RecordFilter.from_options(since="2023", countries=["ve"])
    out = io.BytesIO()
    count = tda_export.write_ics(base, out, selected)
    assert 0 < count < 6
    cli_out = cli_bytes(
        tmp_path, "timeline", "--format", "ics", "--since", "2023", "--country", "VE"
    )
    assert out.getvalue() == cli_out


@pytest.mark.parametrize("table", ["events", "citations"])
@pytest.mark.parametrize("excel", [False, True])
def test_csv(base: tda_export.FactBase, tmp_path: Path, table: str, excel: bool) -> None:
    flags = ["--excel"] if excel else []
    expected = cli_bytes(tmp_path, "csv", "--table", table, *flags)  # a file: with a BOM
    assert text(tda_export.write_csv, base, table, excel=excel, bom=True).encode() == expected


def test_unknown_table(base: tda_export.FactBase) -> None:
    with pytest.raises(tda_export.UsageError, match="roads"):
        text(tda_export.write_csv, base, "roads")


def test_workbook_and_pages(base: tda_export.FactBase, tmp_path: Path) -> None:
    assert binary(tda_export.write_xlsx, base) == cli_bytes(tmp_path, "xlsx")
    assert text(tda_export.write_map_html, base).encode() == cli_bytes(tmp_path, "map", "--html")
    story = text(tda_export.write_story_html, base, leaflet_path="lib/leaflet/")
    cli_story = cli_bytes(tmp_path, "map", "--html", "--story", "--leaflet-url", "lib/leaflet/")
    assert story.encode() == cli_story


def test_build_outputs(tmp_path: Path) -> None:
    result = tda_export.build_outputs(SMALL / "facts", tmp_path / "out", SMALL / "archive")
    assert result.counts["events"] == 6
    assert (tmp_path / "out" / "manifest.json").is_file()


def test_help_shows_the_api() -> None:
    page = pydoc.render_doc(tda_export, renderer=pydoc.plaintext)
    for name in tda_export.__all__:
        assert hasattr(tda_export, name)
        if name != "__version__":  # shown as VERSION
            assert f"\n    {name}(" in page or f"class {name}(" in page, name
    assert "load(facts:" in page
    assert "Raises :class:`FactBaseError`" in page or "raises :class:`FactBaseError`" in page


def test_import_stays_light() -> None:
    code = (
        "import sys, tda_export\n"
        "print(sorted(m for m in sys.modules if m.startswith('tda_export')))\n"
        "print('pydantic' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.splitlines() == ["['tda_export']", "False"]


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        tda_export.nothing  # noqa: B018
