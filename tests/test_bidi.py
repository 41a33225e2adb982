"""Right-to-left record text in every export: it reads right and leaves its neighbours be.

A base with an Arabic event title and place name and a Hebrew publisher. Where an export
joins such text to its own words (calendar lines, balloons, slides, source labels, the
about sheet, the map page's data), the text sits between FSI and PDI (Unicode bidi
isolates); where a field is given alone or as data (GeoJSON and CSV values, KML names,
headlines) it is kept exactly. Chromium shows what that changes: the date after a title
stays after it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import icalendar
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import require_tool

from tda_export import build as bd
from tda_export.cli import cli
from tda_export.formats.chronologies.ical import CHIP_MAX
from tda_export.formats.maps.mapping import short_label
from tda_export.text import isolate

HERE = Path(__file__).parent
SMALL = HERE / "fixtures" / "small" / "facts"
FSI, PDI = "\u2068", "\u2069"
TITLE = "نقابة عمال السكك الحديدية تصبح عصابة"  # the union becomes a gang
PLACE = "أراغوا"  # Aragua
PUBLISHER = "אינסייט קריים"  # InSight Crime
EVENT = "union-becomes-gang"


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bidi") / "facts"
    shutil.copytree(SMALL, folder)
    for name, old, new in (
        ("events.yaml", "  title: Railway workers' union turns into a criminal gang\n", TITLE),
        ("places.yaml", "  name: Aragua\n", PLACE),
        ("sources.yaml", "  publisher: InSight Crime\n", PUBLISHER),
    ):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        key = old.split(":")[0]
        path.write_text(text.replace(old, f"{key}: {new}\n"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def out(facts: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("bidi-out") / "outputs"
    bd.build(facts, target)
    return target


def test_isolate_only_what_can_move_its_neighbours() -> None:
    assert isolate(TITLE) == FSI + TITLE + PDI
    assert isolate("Tocorón, 🇻🇪 e\u0301") == "Tocorón, 🇻🇪 e\u0301"  # nothing to isolate
    assert isolate("٢٠١١") == FSI + "٢٠١١" + PDI  # Arabic digits
    assert isolate("a\u202eb\u202c") == FSI + "a\u202eb\u202c" + PDI  # a balanced override
    assert isolate(f"{PLACE}\r\nx\n\n") == f"{FSI}{PLACE}{PDI}\r\n{FSI}x{PDI}\n\n"  # each line


def test_calendar(out: Path) -> None:
    cal = icalendar.Calendar.from_ical((out / "tren-de-aragua.ics").read_bytes())
    vevent = next(e for e in cal.walk("VEVENT") if str(e["UID"]) == f"{EVENT}@tda-export")
    chip = short_label(TITLE, CHIP_MAX)  # a month view's chip: the title cut to fit
    assert str(vevent["SUMMARY"]) == f"{FSI}{chip}{PDI} (2005\u20132011)"
    assert str(vevent["LOCATION"]) == f"{FSI}{PLACE}{PDI}, Venezuela"
    description = str(vevent["DESCRIPTION"])
    assert f"\nPlaces: {FSI}{PLACE}{PDI}, Venezuela\n" in description
    assert f"\n- {FSI}{PUBLISHER}{PDI}, \u201cTren de Aragua\u201d: \u201c" in description
    header = str(cal["DESCRIPTION"])
    assert f"Sources: {FSI}{PUBLISHER}{PDI}, \u201cTren de Aragua\u201d" in header


def test_timeline(out: Path) -> None:
    data = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    slide = next(s for s in data["events"] if s["unique_id"] == EVENT)
    assert slide["text"]["headline"] == TITLE  # a heading of its own: as it is
    text = slide["text"]["text"]
    assert f"Places: {FSI}{PLACE}{PDI}, Venezuela" in text
    assert f"\u2014 {FSI}{PUBLISHER}{PDI}, <cite>Tren de Aragua</cite>" in text


def test_kml(out: Path) -> None:
    kml = (out / "tren-de-aragua.kml").read_text(encoding="utf-8")
    mark = kml[kml.index(f'<Placemark id="events.{EVENT}.aragua">') :]
    mark = mark[: mark.index("</Placemark>")]
    assert f"<name>{TITLE}</name>" in mark
    assert re.search(f'<th align="left">Where</th><td>{FSI}{PLACE}{PDI} \\(', mark)
    assert f"<li>{FSI}{PUBLISHER}{PDI}, \u201cTren de Aragua\u201d<br/>" in mark
    assert f'<SimpleData name="place_name">{PLACE}</SimpleData>' in mark


def test_geojson_and_csv_keep_the_data_as_it_is(out: Path, facts: Path) -> None:
    data = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    props = next(f["properties"] for f in data["features"] if f["properties"]["id"] == EVENT)
    assert (props["name"], props["label"], props["place_name"]) == (TITLE, TITLE, PLACE)
    table = (out / "events.csv").read_text(encoding="utf-8")
    assert f"{EVENT},{TITLE}," in table
    assert f"\n{'aragua'},{PLACE}," in (out / "places.csv").read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["csv", "--facts", str(facts), "--table", "sources"])
    assert f"profile,Tren de Aragua,{PUBLISHER}," in result.stdout


def test_datapackage_source_titles(out: Path) -> None:
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert {"title": f"{FSI}{PUBLISHER}{PDI}: Tren de Aragua"} in package["sources"]


def test_workbook_about_sheet(out: Path) -> None:
    book = openpyxl.load_workbook(out / "tren-de-aragua.xlsx")
    about = [row[1] for row in book["about"].iter_rows(values_only=True)]
    assert f"{FSI}{PUBLISHER}{PDI}, \u201cTren de Aragua\u201d, publication date unknown" in about
    events = list(book["events"].iter_rows(values_only=True))
    assert any(row[1] == TITLE for row in events)


def test_map_page_data(out: Path) -> None:
    page = (out / "map.html").read_text(encoding="utf-8")
    marker = '<script type="application/json" id="tda-map-data">\n'
    start = page.index(marker) + len(marker)
    data = json.loads(page[start : page.index("</script>", start)])
    feature = next(f for f in data["features"] if f["id"] == EVENT)
    # the page joins these to its own words ("Presence in ", "Where: ", " — ", ", ")
    assert feature["name"] == f"{FSI}{TITLE}{PDI}"
    assert feature["place"] == f"{FSI}{PLACE}{PDI}, Venezuela"
    assert feature["citations"][0]["publisher"] == f"{FSI}{PUBLISHER}{PDI}"
    assert feature["citations"][0]["title"] == "Tren de Aragua"  # nothing to isolate
    place = next(f for f in data["features"] if f["id"] == "aragua")
    assert place["name"] == f"{FSI}{PLACE}{PDI}"
    assert zipfile.is_zipfile(out / "tren-de-aragua.kmz")


# -- what a reader sees ------------------------------------------------------------------------
PROBE = """<!doctype html><html><head><meta charset="utf-8"></head><body>
{lines}
<pre id="result"></pre>
<script>
function span(div, needle) {{
  var node = div.firstChild, at = node.data.indexOf(needle), range = document.createRange();
  range.setStart(node, at); range.setEnd(node, at + needle.length);
  var box = range.getBoundingClientRect(); return [box.left, box.right];
}}
var out = {{}};
document.querySelectorAll("div").forEach(function (div) {{
  out[div.id] = {{title: span(div, div.dataset.title), date: span(div, "2005")}};
}});
document.getElementById("result").textContent = JSON.stringify(out);
</script></body></html>
"""


def positions(lines: dict[str, str], title: str, tmp_path: Path) -> dict[str, Any]:
    """Left and right edge of the title and of "2005" in each line, as Chromium lays it out
    in a left-to-right block (a calendar's event line)."""
    chromium = require_tool("chromium")
    divs = "\n".join(
        f'<div id="{key}" dir="ltr" data-title="{title}" style="font: 20px sans-serif; '
        f'white-space: pre">{text}</div>'
        for key, text in lines.items()
    )
    page = tmp_path / "probe.html"
    page.write_text(PROBE.format(lines=divs), encoding="utf-8")
    done = subprocess.run(
        [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.search(r'<pre id="result">(.*?)</pre>', done.stdout, re.S)
    assert found, done.stdout[-2000:]
    result: dict[str, Any] = json.loads(found.group(1).replace("&quot;", '"'))
    return result


@pytest.mark.client
def test_chromium_shows_the_date_after_an_arabic_title(out: Path, tmp_path: Path) -> None:
    """The calendar's SUMMARY as written, and as it was before isolation."""
    cal = icalendar.Calendar.from_ical((out / "tren-de-aragua.ics").read_bytes())
    vevent = next(e for e in cal.walk("VEVENT") if str(e["UID"]) == f"{EVENT}@tda-export")
    summary = str(vevent["SUMMARY"])
    title = short_label(TITLE, CHIP_MAX)  # the title as the chip shows it
    shown = positions({"isolated": summary, "bare": summary.strip(FSI + PDI)}, title, tmp_path)
    isolated, bare = shown["isolated"], shown["bare"]
    assert isolated["date"][0] > isolated["title"][1]  # title, then (2005–2011): as written
    assert bare["date"][1] < bare["title"][0]  # without isolates the date jumps before it
