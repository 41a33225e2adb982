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


def text(name: str, base: tda_export.FactBase, *args: object, **kwargs: object) -> str:
    out = io.StringIO(newline="")
    tda_export.export(name, base, out, *args, **kwargs)  # type: ignore[arg-type]
    return out.getvalue()


def binary(name: str, base: tda_export.FactBase, *args: object, **kwargs: object) -> bytes:
    out = io.BytesIO()
    tda_export.export(name, base, out, *args, **kwargs)  # type: ignore[arg-type]
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
    result = tda_export.check(SMALL / "facts", SMALL / "archive")
    assert (result.problems, result.errors, result.warnings) == ([], [], [])
    assert result.base.counts() == base.counts()
    assert (result.archive, result.missing_copies, result.unverified) == (SMALL / "archive", 0, 0)


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
    result = tda_export.check(facts)
    assert result.errors == result.problems == caught.value.problems
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("layer", ["presence", "events", "places"])
def test_geojson(base: tda_export.FactBase, layer: str) -> None:
    golden = (EXPECTED / "geojson" / f"small-{layer}.geojson").read_text(encoding="utf-8")
    assert text("geojson", base, layer=layer) == golden
    if layer == "presence":  # the default, as on the command line
        assert text("geojson", base) == golden


def test_geojson_options(base: tda_export.FactBase, tmp_path: Path) -> None:
    seq = (EXPECTED / "geojson" / "small-events.geojsons").read_text(encoding="utf-8")
    assert text("geojson", base, layer="events", seq=True) == seq
    areas = text("geojson", base, layer="events", geometry="area", detail="full")
    expected = cli_bytes(tmp_path, "geojson", "--layer", "events", "--geometry", "area")
    assert areas != seq
    full = cli_bytes(
        tmp_path, "geojson", "--layer", "events", "--geometry", "area", "--full-detail"
    )
    assert areas.encode() == full != expected
    with pytest.raises(tda_export.UsageError, match="geometry must be 'point' or 'area'"):
        text("geojson", base, layer="events", geometry="line")
    message = "layer must be 'presence', 'events' or 'places', not 'roads'"
    with pytest.raises(tda_export.UsageError, match=message):
        text("geojson", base, layer="roads")


def test_kml_and_kmz(base: tda_export.FactBase, tmp_path: Path) -> None:
    golden = (EXPECTED / "kml" / "small.kml").read_text(encoding="utf-8")
    assert text("kml", base) == golden
    assert binary("kmz", base) == cli_bytes(tmp_path, "kml", "--kmz")


def test_chronologies(base: tda_export.FactBase) -> None:
    timeline = EXPECTED / "timeline"
    json_text = (timeline / "small.json").read_text(encoding="utf-8")
    assert text("timeline", base) == json_text
    page = text("timeline_page", base, timelinejs_url="timelinejs/")
    assert page == (timeline / "small.html").read_text(encoding="utf-8")
    assert binary("ics", base) == (EXPECTED / "ical" / "small.ics").read_bytes()


def test_a_filter_selects_as_the_cli_does(base: tda_export.FactBase, tmp_path: Path) -> None:
    selected = tda_export.RecordFilter.from_options(since="2023", countries=["ve"])
    out = io.BytesIO()
    count = tda_export.export("ics", base, out, selected)
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
    assert text("csv", base, table=table, excel=excel, bom=True).encode() == expected


def test_unknown_table(base: tda_export.FactBase) -> None:
    with pytest.raises(tda_export.UsageError, match="roads"):
        text("csv", base, table="roads")
    with pytest.raises(tda_export.UsageError, match=r"^csv needs table: 'sources', "):
        text("csv", base)


def test_workbook_and_pages(base: tda_export.FactBase, tmp_path: Path) -> None:
    assert binary("xlsx", base) == cli_bytes(tmp_path, "xlsx")
    assert text("map_page", base).encode() == cli_bytes(tmp_path, "map", "--html")
    story = text("story_page", base, leaflet_url="lib/leaflet/")
    cli_story = cli_bytes(tmp_path, "map", "--html", "--story", "--leaflet-url", "lib/leaflet/")
    assert story.encode() == cli_story


def test_a_path_is_replaced_whole(base: tda_export.FactBase, tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    target.write_text("keep me\n")
    with pytest.raises(tda_export.UsageError, match="country does not apply"):
        tda_export.export("csv", base, target, tda_export.RecordFilter.from_options(
            countries=["VE"]), table="sources")  # fmt: skip
    assert target.read_text() == "keep me\n"
    assert tda_export.export("csv", base, target, table="events", bom=True) == 6
    assert target.read_text(encoding="utf-8") == text("csv", base, table="events", bom=True)
    assert tda_export.export("xlsx", base, str(tmp_path / "t.xlsx")) == 9
    assert (tmp_path / "t.xlsx").read_bytes() == binary("xlsx", base)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv", "t.xlsx"]


@pytest.mark.parametrize(
    ("name", "args", "kwargs", "message"),
    [
        ("shapefile", (), {}, "no export 'shapefile': choose one of geojson, kml, kmz, gpkg, "),
        ("kml", (), {"full_detail": True}, "kml takes no option 'full_detail' (options: detail)"),
        ("timeline", (), {"detail": "full"}, "timeline takes no option 'detail' (options: none)"),
        ("kml", (), {"detail": "high"}, "detail must be 'web' or 'full', not 'high'"),
        ("xlsx", (tda_export.RecordFilter(),), {}, "xlsx takes no record filter"),
    ],
)
def test_a_bad_export_or_option(
    base: tda_export.FactBase, name: str, args: tuple[object, ...], kwargs: dict[str, object],
    message: str,
) -> None:  # fmt: skip
    with pytest.raises(tda_export.UsageError) as caught:
        tda_export.export(name, base, io.BytesIO(), *args, **kwargs)  # type: ignore[arg-type]
    assert str(caught.value).startswith(message)


def test_every_export_writes_what_the_build_writes(
    base: tda_export.FactBase, tmp_path: Path
) -> None:
    """Each declared file of the build is what export() writes with the file's options."""
    built = tmp_path / "out"
    result = tda_export.build_outputs(SMALL / "facts", built, SMALL / "archive")
    counts = {f.name: f.count for f in result.files}
    assert result.counts["events"] == 6
    assert result.manifest == built / "manifest.json" and result.manifest.is_file()
    for export in tda_export.EXPORTS.values():
        for file in export.files:
            write = binary if export.binary else text
            written = write(export.name, base, **file.options)
            assert (built / file.name).read_bytes() == (
                written if isinstance(written, bytes) else written.encode()
            ), file.name
            out = io.BytesIO() if export.binary else io.StringIO(newline="")
            assert tda_export.export(export.name, base, out, **file.options) == counts[file.name]


def test_help_shows_the_api() -> None:
    page = pydoc.render_doc(tda_export, renderer=pydoc.plaintext)
    for name in tda_export.__all__:
        assert hasattr(tda_export, name)
        if name != "__version__":  # shown as VERSION
            shown = (f"\n    {name}(", f"class {name}(", f"\n    {name} = ")
            assert any(form in page for form in shown), name
    assert "load(facts:" in page
    assert "Raises :class:`FactBaseError`" in page or "raises :class:`FactBaseError`" in page
    for export in tda_export.EXPORTS.values():  # export()'s doc lists them, with options
        assert f"\n        {export.name} (" in page, export.name
        for option in export.options:
            assert f"\n            {option.name}: " in page, (export.name, option.name)


def test_import_stays_light() -> None:
    code = (
        "import sys, tda_export\n"
        "print(sorted(m for m in sys.modules if m.startswith('tda_export')))\n"
        "print([m for m in ('pydantic', 'click', 'dataclasses') if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    light = "['tda_export', 'tda_export.exports', 'tda_export.version']"  # the declarations
    assert result.stdout.splitlines() == [light, "[]"]


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        tda_export.nothing  # noqa: B018
