"""Pages at scale (issue #24, item 7): what a page holds past a few thousand records.

A base of 2,400 events made by ``benchmarks/generate.py``: ``map.html`` draws every
record on a canvas (past 2,000 drawn features), its list shows the events 500 at a time,
and a click on a canvas point opens that record; ``timeline.html`` and ``story.html``
hold the latest 300 events (the title slide says so), the story's map their places.
Opened from ``file://`` in headless Chromium with no network. How long they take to draw
at 1,000, 10,000 and 20,000 events is measured by ``benchmarks/pages.py``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pytest
from browser import tab
from test_benchmarks_smoke import _load_generator

from tda_export.factbase import FactBase
from tda_export.filters import RecordFilter
from tda_export.formats.chronologies.timeline import PAGE_SLIDES, write_embed_page
from tda_export.formats.pages.webmap import write_map_page, write_story_page
from tda_export.validation import load_checked

pytestmark = [pytest.mark.client, pytest.mark.slow]

N = 2400
Writer = Callable[[FactBase, IO[str]], int]
PAGES: dict[str, tuple[Writer, list[str]]] = {
    "map.html": (write_map_page, ["#tda-app"]),
    "story.html": (write_story_page, ["#tda-app", "#timeline"]),
    "timeline.html": (write_embed_page, ["#timeline"]),
}


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[FactBase, Path]:
    folder = tmp_path_factory.mktemp("large")
    _load_generator().generate(N, folder)
    base = load_checked(folder / "facts")
    for name, (write, _) in PAGES.items():
        out = io.StringIO()
        write(base, out)
        (folder / name).write_text(out.getvalue(), encoding="utf-8")
    return base, folder


def opened(folder: Path, name: str, tmp_path: Path, script: str) -> Any:
    with tab(tmp_path / "profile", (1200, 800)) as browser:
        assert browser.open((folder / name).as_uri(), PAGES[name][1], 180), browser.errors()
        value = browser.evaluate(script)
        if name == "map.html":  # a reader's click on a point of the canvas
            x, y = value["click"]
            for kind in ("mousePressed", "mouseReleased"):
                browser.call(
                    "Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1
                )
            value["panel"] = browser.evaluate(
                "document.getElementById('tda-panel').hidden ? null : "
                "document.querySelector('#tda-panel h2').textContent"
            )
        assert browser.errors() == []
        return value


MAP = """
(function () {
  var app = document.getElementById("tda-app"), m = tdaMap.map, out = {};
  out.renderer = app.getAttribute("data-renderer");
  out.visible = app.getAttribute("data-visible");
  out.presence = app.getAttribute("data-presence");
  out.paths = document.querySelectorAll("path[data-layer]").length;
  out.listed = document.querySelectorAll("#tda-list li").length;
  out.more = document.getElementById("tda-more").textContent;
  document.getElementById("tda-more").click();
  out.listedAfter = document.querySelectorAll("#tda-list li").length;
  // zoom in on one event's place: the point to click, and the records drawn at it
  var first = tdaMap.features.find(function (f) { return f.layer === "events"; });
  m.setView(first.shape.getLatLng(), 11, {animate: false});
  var box = m.getContainer().getBoundingClientRect();
  var at = m.latLngToContainerPoint(first.shape.getLatLng());
  out.names = tdaMap.features.filter(function (f) {
    return f.layer === "events" && m.hasLayer(f.shape) &&
      m.latLngToContainerPoint(f.shape.getLatLng()).distanceTo(at) < 10;
  }).map(function (f) { return f.name; });
  out.click = [box.left + at.x, box.top + at.y];
  return out;
})()
"""


def test_map_draws_every_record_on_a_canvas(large: tuple[FactBase, Path], tmp_path: Path) -> None:
    base, folder = large
    shown = opened(folder, "map.html", tmp_path, MAP)
    mapped = [e for e in base.events if e.places]
    assert shown["renderer"] == "canvas" and shown["paths"] == 0
    assert shown["visible"] == str(len(mapped))
    assert shown["presence"] == str(len(base.presence))
    assert shown["listed"] == 500 and shown["more"] == f"Show 500 more of {len(mapped) - 500}"
    assert shown["listedAfter"] == 1000
    assert shown["panel"] in shown["names"]  # a record drawn where the canvas was clicked


SLIDES = """
({slides: Array.prototype.map.call(document.querySelectorAll(".tl-slide"),
    function (s) { return s.id; }),
  title: document.querySelector(".tl-slide").textContent,
  mapped: window.tdaMap ? Array.from(new Set(tdaMap.features.filter(function (f) {
    return f.layer === "events"; }).map(function (f) { return f.id; }))) : null})
"""


@pytest.mark.parametrize("name", ["timeline.html", "story.html"])
def test_timeline_pages_hold_the_latest_slides(
    large: tuple[FactBase, Path], tmp_path: Path, name: str
) -> None:
    base, folder = large
    shown = opened(folder, name, tmp_path, SLIDES)
    latest = list(RecordFilter().events(base))[-PAGE_SLIDES:]
    assert shown["slides"][1:] == [e.id for e in latest]
    assert f"This page shows the latest 300 of the {N:,} events that match" in shown["title"]
    if name == "story.html":
        assert sorted(shown["mapped"]) == sorted(e.id for e in latest if e.places)
    page = (folder / name).read_text(encoding="utf-8")
    whole = (folder / "map.html").stat().st_size
    assert len(page.encode()) < whole / 2  # the story is not the whole map again
