"""The KMZ of the real fact base in a globe client: CesiumJS in headless Chromium, offline.

What a Google Earth user sees, checked in CesiumJS (whose KML support follows Google
Earth's): every point placemark as an icon from inside the KMZ with its label, every area
placemark drawn, a balloon that opens with the record's title and sources, and a time
slider that spans the data and shows exactly the records covering a day.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import IN_CI, ROOT, require_tool
from globe import CESIUM, PROBE, Browser, open_balloon, serve, shown_on
from test_map_qgis import covering

from tda_export.factbase import FactBase
from tda_export.formats.maps.kml import write_kmz
from tda_export.models import Event
from tda_export.validation import load_checked

pytestmark = pytest.mark.client

NS = {"k": "http://www.opengis.net/kml/2.2"}
#: Days the slider is set to: the Tocorón raid, a day in 2012, 15 March 2024, 1 June 1990.
DAYS = ("2023-09-20", "2012-06-01", "2024-03-15", "1990-06-01")


def cesium_build() -> Path:
    """Cesium's Build/Cesium folder (npm, tests/js); outside CI a missing one skips."""
    if (CESIUM / "Cesium.js").is_file():
        return CESIUM
    message = f"{CESIUM} missing: run scripts/install-test-deps.sh (npm ci in tests/js)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message + " (allowed outside CI only)")


@pytest.fixture(scope="module")
def base() -> FactBase:
    return load_checked(ROOT / "facts")


@pytest.fixture(scope="module")
def kmz(base: FactBase, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("kmz") / "tren-de-aragua.kmz"
    write_kmz(base, target)
    return target


@pytest.fixture(scope="module")
def globe(kmz: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The globe with the KMZ loaded, probed: points, areas, clock, days, a balloon."""
    cesium_build()
    chromium = require_tool("chromium")
    folder = tmp_path_factory.mktemp("globe")
    (folder / "site").mkdir()
    with serve(kmz, folder / "site") as url:
        browser = Browser(chromium, url, folder / "profile", (1280, 800))
        try:
            browser.wait("window.tda && tda.ds && tda.viewer.dataSources.length === 1")
            browser.settle(2)
            found = browser.js(PROBE)
            found["days"] = {day: sorted(browser.js(shown_on(day))) for day in DAYS}
            found["balloon"] = browser.js(open_balloon("events.tocoron-operation.tocoron-prison"))
            browser.screenshot(folder / "globe.png")
            found["png"] = (folder / "globe.png").read_bytes()
        finally:
            browser.close()
    yield found


def placemarks(kmz: Path) -> tuple[dict[str, str], list[str]]:
    """The KMZ's point placemarks (id -> name) and its area placemarks' ids."""
    with zipfile.ZipFile(kmz) as archive:
        root = ET.fromstring(archive.read("doc.kml"))
    points, areas = {}, []
    for pm in root.iterfind(".//k:Placemark", NS):
        if pm.find("k:Point", NS) is not None:
            points[pm.attrib["id"]] = pm.findtext("k:name", namespaces=NS) or ""
        else:
            areas.append(pm.attrib["id"])
    return points, areas


def test_every_point_is_an_icon_from_the_kmz_with_its_label(
    globe: dict[str, Any], kmz: Path
) -> None:
    points, _ = placemarks(kmz)
    assert not globe["errors"]
    drawn = {p["id"]: p for p in globe["points"]}
    assert set(drawn) == set(points)
    for pid, name in points.items():
        assert drawn[pid]["name"] == drawn[pid]["label"] == name, pid
        # the icon read from the KMZ (a data or blob URL), not Cesium's default pin
        assert drawn[pid]["image"].startswith(("data:image/png", "blob:")), drawn[pid]


def test_every_area_is_drawn(globe: dict[str, Any], kmz: Path) -> None:
    _, areas = placemarks(kmz)
    assert globe["areas"] >= len(areas) > 50  # a MultiGeometry of n polygons: n entities


def test_the_time_slider_spans_the_data_not_the_years_1_to_9999(globe: dict[str, Any]) -> None:
    start, stop = globe["clock"]
    assert start.startswith("2005-01-01")  # the union's founding years, 2005–2011
    assert stop[:4] in ("2025", "2026")  # the latest dated record, not 9999


@pytest.mark.parametrize("day", DAYS)
def test_the_time_slider_shows_exactly_the_records_covering_a_day(
    globe: dict[str, Any], base: FactBase, day: str
) -> None:
    when = date.fromisoformat(day)
    shown = globe["days"][day]
    presence = {i.split(".", 1)[1] for i in shown if i.startswith("presence.")}
    events = {i.split(".")[1] for i in shown if i.startswith("events.")}
    places = [i for i in shown if i.startswith("places.")]
    assert presence == covering(base, "presence", when, when)
    assert events == covering(base, "events", when, when)
    assert len(places) == len(base.places)  # places have no date: always shown


def test_a_balloon_opens_with_the_title_and_sources(
    globe: dict[str, Any], base: FactBase, kmz: Path
) -> None:
    balloon = globe["balloon"]
    event = base.by_id["tocoron-operation"]
    assert isinstance(event, Event)
    assert balloon["visible"]
    assert balloon["title"] == placemarks(kmz)[0]["events.tocoron-operation.tocoron-prison"]
    assert event.title in balloon["text"]
    assert "Sources" in balloon["text"] and "20 September 2023" in balloon["text"]
    assert event.citations[0].quote.split()[0] in balloon["text"]


def test_the_globe_is_drawn(globe: dict[str, Any]) -> None:
    """A real picture: a PNG of the page, not a blank canvas."""
    import struct

    png = globe["png"]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1280, 800)
    assert len(png) > 200_000  # imagery, areas and icons (a blank page is a few kB)
