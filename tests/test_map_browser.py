"""map.html and story.html in headless Chromium, with the real Leaflet and TimelineJS, offline.

The pages are built from the real fact base (Leaflet and TimelineJS inside them, from the
package) and served from 127.0.0.1; Chromium resolves no other host. A probe script
appended to the page drives it as a reader does (moves the slider, clicks a point, moves
the timeline) and writes what the page then shows into the DOM, which Chromium dumps.
"""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import IN_CI
from test_timeline_browser import Node, Site, inject, parse_dom, render, timelinejs_dist
from test_timeline_browser import site as _timeline_site

from tda_export.factbase import FactBase
from tda_export.formats.maps.context import layer_features
from tda_export.formats.pages.webmap import STORY_TITLE, write_map_page, write_story_page
from tda_export.formats.words import attribution_words, capitalised
from tda_export.fuzzydate import FuzzyDate
from tda_export.models import Event, Presence
from tda_export.validation import load_checked

pytestmark = pytest.mark.client

HERE = Path(__file__).parent
FACTS = HERE.parent / "facts"
HOSTILE = HERE / "fixtures" / "hostile" / "facts"
LEAFLET = HERE / "js" / "node_modules" / "leaflet" / "dist"
#: Slider dates: the first and last day of the span, days inside open and fuzzy spans, the
#: day of the Tocorón raid and the days either side of a year's end.
DATES = (
    "2005-01-01",
    "2008-06-15",
    "2011-12-31",
    "2012-01-01",
    "2016-07-01",
    "2018-01-01",
    "2021-05-01",
    "2023-09-20",
    "2024-01-15",
    "2025-03-31",
)
WRITE = """
function tdaWrite(value) {
  var pre = document.createElement("pre");
  pre.id = "tda-probe";
  pre.textContent = JSON.stringify(value);
  document.body.appendChild(pre);
}
function tdaMinFont() {
  var min = 1e9, where = "";
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    var node = walker.currentNode, parent = node.parentElement;
    if (!node.textContent.trim() || !parent || !parent.getClientRects().length) { continue; }
    var style = getComputedStyle(parent);
    if (style.visibility === "hidden") { continue; }
    var size = parseFloat(style.fontSize);
    if (size < min) { min = size; where = parent.className + ": " + node.textContent.slice(0, 40); }
  }
  return [min, where];
}
function tdaResources() {
  return performance.getEntriesByType("resource").map(function (e) { return e.name; });
}
"""


def leaflet_dist() -> Path:
    """Leaflet's dist/ folder; outside CI a missing one skips, in CI it fails."""
    if (LEAFLET / "leaflet.js").is_file():
        return LEAFLET
    message = f"{LEAFLET} missing: run scripts/install-test-deps.sh (npm ci in tests/js)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message + " (allowed outside CI only)")


site = _timeline_site


@pytest.fixture(scope="module")
def base() -> FactBase:
    return load_checked(FACTS)


def serve(site: Site, base: FactBase, name: str, probe: str) -> None:
    out = io.StringIO()
    (write_story_page if name == "story.html" else write_map_page)(base, out)
    page = inject(out.getvalue(), f"<script>\n{WRITE + probe}\n</script>\n")
    (site.root / name).write_text(page, encoding="utf-8")


def probed(site: Site, page: str, tmp_path: Path) -> tuple[Node, object]:
    root = parse_dom(render(site, page, tmp_path))
    [pre] = [n for n in root.walk() if n.attrs.get("id") == "tda-probe"]
    return root, json.loads(pre.all_text())


def by_id(root: Node, ident: str) -> Node:
    [node] = [n for n in root.walk() if n.attrs.get("id") == ident]
    return node


def assert_offline(site: Site, resources: list[str], allowed: set[str]) -> None:
    """Every request went to the page's folder, was served, and is one of ``allowed``."""
    assert site.requests, "the server saw no request"
    assert all(code == 200 for _, code in site.requests), site.requests
    assert {path for path, _ in site.requests} <= allowed
    origin = site.url("")
    assert all(name.startswith(origin) for name in resources), resources


# -- what the fact base says is shown on a day ---------------------------------------------------
def slider_day(value: str) -> date:
    """The day of a slider value (days since 1970-01-01)."""
    return date(1970, 1, 1) + timedelta(days=int(value))


def covers(fuzzy: FuzzyDate | None, day: date) -> bool:
    """The span rule of the map layers: an open start or end never hides a record."""
    if fuzzy is None:
        return True
    return (fuzzy.start is None or fuzzy.start <= day) and (fuzzy.end is None or fuzzy.end >= day)


def expected_on(base: FactBase, day: date) -> dict[str, int]:
    events = [e for e in base.events if e.places and covers(e.date, day)]
    return {
        "list": len(events),
        "events": sum(len(dict.fromkeys(e.places)) for e in events),
        "presence": sum(1 for p in base.presence if covers(p.period, day)),
    }


COUNTS = """
var slider = document.getElementById("tda-slider"), out = [];
function counts(label) {
  return {date: label, shown: document.getElementById("tda-day").textContent,
    list: document.querySelectorAll("#tda-list li").length,
    events: document.querySelectorAll('path[data-layer="events"]').length,
    presence: document.querySelectorAll('path[data-layer="presence"]').length,
    dashed: document.querySelectorAll('path[data-layer="presence"][stroke-dasharray]').length,
    count: document.getElementById("tda-count").textContent};
}
DATES.forEach(function (day) {
  slider.value = String(Math.round(Date.parse(day + "T00:00:00Z") / 86400000));
  slider.dispatchEvent(new Event("input", {bubbles: true}));
  out.push(counts(day));
});
document.getElementById("tda-all").click();
out.push(counts("all"));
tdaWrite({counts: out, font: tdaMinFont(), resources: tdaResources(),
  range: [slider.min, slider.max]});
"""


def test_visible_features_follow_the_slider(site: Site, base: FactBase, tmp_path: Path) -> None:
    serve(site, base, "map.html", COUNTS.replace("DATES", json.dumps(DATES)))
    root, result = probed(site, "map.html", tmp_path)
    assert isinstance(result, dict)
    assert by_id(root, "tda-app").attrs["data-state"] == "ready"
    *on_days, everything = result["counts"]
    # presence the sources do not date shows on every day, dashed, and the count says so
    undated = sum(1 for p in base.presence if p.period is None)
    assert undated > 0
    for row, day in zip(on_days, DATES, strict=True):
        expected = expected_on(base, date.fromisoformat(day))
        shown = {key: row[key] for key in ("list", "events", "presence")}
        assert shown == expected, day
        assert row["shown"] == FuzzyDate.parse(day).words()
        assert row["dashed"] >= undated, day  # an area of several parts has several paths
        assert row["count"].endswith(
            f" ({undated} undated by the sources, drawn dashed on every day)"
        ), row["count"]
    assert everything["dashed"] == 0
    assert everything["count"].endswith(" shown, all dates")
    assert len({row["events"] for row in on_days}) >= 5  # the dates tell the records apart
    assert everything["list"] == sum(1 for e in base.events if e.places)
    assert everything["presence"] == len(base.presence)
    # the events the map cannot draw are named, not silently left out
    unplaced = [e for e in base.events if not e.places]
    assert [e.id for e in unplaced] == ["guerrero-kills-police-officer"]
    note = by_id(root, "tda-unplaced")
    assert "hidden" not in note.attrs
    assert note.all_text() == (
        "Not on the map, as the sources give no place: Guerrero murders police officer "
        "Oswaldo Gonz\u00e1lez, court records say (2005)."
    )
    assert [slider_day(v) for v in result["range"]] == [date(2005, 1, 1), date(2025, 3, 31)]
    assert result["font"][0] >= 12, result["font"]
    assert_offline(site, result["resources"], {"/map.html"})  # Leaflet is inside the page


SELECT = """
var path = document.querySelector('path[data-layer="LAYER"][data-id="ID"]');
path.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true, view: window}));
setTimeout(function () {
  tdaWrite({focus: document.activeElement.id,
    selected: Array.prototype.map.call(document.querySelectorAll("path.tda-selected"),
      function (p) { return p.getAttribute("data-id"); }),
    font: tdaMinFont()});
}, 200);
"""


Shown = tuple[str | None, str, str, list[str]]


def citation_texts(panel: Node) -> list[Shown]:
    """(attribution, quote, caption, links) of each citation the panel shows."""
    out: list[Shown] = []
    for figure in (n for n in panel.walk() if n.tag == "figure"):
        said = [n.all_text() for n in figure.find("tda-attribution")]
        [quote] = [n for n in figure.walk() if n.tag == "blockquote"]
        [caption] = [n for n in figure.walk() if n.tag == "figcaption"]
        links = [n.attrs["href"] for n in caption.walk() if n.tag == "a"]
        out.append((said[0] if said else None, quote.all_text(), caption.all_text(), links))
    return out


def expected_citations(base: FactBase, record: Event | Presence) -> list[Shown]:
    out: list[Shown] = []
    for cit in record.citations:
        source = base.source(cit.source)
        caption = "\u2014 " + (f"{source.publisher}, " if source.publisher else "") + source.title
        if source.published is not None:
            caption += f" ({source.published.words()})"
        quote = f"\u201c{cit.quote}\u201d"
        said = capitalised(attribution_words(cit, source))
        shown = f"{said}:" if said else None
        out.append((shown, quote, caption, [source.url] if source.url else []))
    return out


@pytest.mark.parametrize("layer", ["events", "presence"])
def test_selecting_a_feature_shows_its_citations(
    site: Site, base: FactBase, tmp_path: Path, layer: str
) -> None:
    record: Event | Presence

    def weight(rec: Event | Presence) -> tuple[bool, int]:  # attributed claims first
        attributed = any(c.claimant or c.hedge != "asserted" for c in rec.citations)
        return attributed, len(rec.citations)

    if layer == "events":
        record = max((e for e in base.events if e.places), key=weight)
    else:
        record = max(base.presence, key=weight)
    serve(site, base, "map.html", SELECT.replace("LAYER", layer).replace("ID", record.id))
    root, result = probed(site, "map.html", tmp_path)
    assert isinstance(result, dict)
    panel = by_id(root, "tda-panel")
    assert "hidden" not in panel.attrs
    assert result["focus"] == "tda-panel"
    assert set(result["selected"]) == {record.id}
    assert citation_texts(panel) == expected_citations(base, record)
    text = panel.all_text()
    if isinstance(record, Event):
        assert record.title in text and record.date.words() in text and record.summary in text
        for actor in record.actors:
            assert base.actor(actor).name in text
        for place in record.places:
            assert base.place(place).name in text
    else:
        assert f"Presence in {base.place(record.place).name}" in text
    assert result["font"][0] >= 12, result["font"]


KEYBOARD = """
var button = document.querySelector("#tda-list button[data-id='ID']");
button.focus();
button.click();  // what Enter or Space on a focused button does
var panel = document.getElementById("tda-panel");
var opened = {focus: document.activeElement.id, hidden: panel.hidden};
document.dispatchEvent(new KeyboardEvent("keydown", {key: "Escape", bubbles: true}));
tdaWrite({opened: opened, hidden: panel.hidden,
  focus: document.activeElement.getAttribute("data-id"),
  buttons: document.querySelectorAll("#tda-list button").length});
"""


def test_keyboard_opens_and_closes_the_panel(site: Site, base: FactBase, tmp_path: Path) -> None:
    event = next(e for e in base.events if e.id == "tocoron-operation")
    serve(site, base, "map.html", KEYBOARD.replace("ID", event.id))
    _, result = probed(site, "map.html", tmp_path)
    assert result == {
        "opened": {"focus": "tda-panel", "hidden": False},
        "hidden": True,
        "focus": event.id,
        "buttons": sum(1 for e in base.events if e.places),
    }


PLAY = """
var play = document.getElementById("tda-play"), slider = document.getElementById("tda-slider");
var res = {before: slider.value};
play.click();
setTimeout(function () {
  res.playing = play.getAttribute("aria-pressed");
  play.click();
  res.paused = slider.value;
  res.all = document.getElementById("tda-all").checked;
  res.visible = document.getElementById("tda-app").getAttribute("data-visible");
  res.shown = document.getElementById("tda-day").textContent;
  setTimeout(function () {
    res.after = slider.value;
    res.pressed = play.getAttribute("aria-pressed");
    document.getElementById("tda-places").click();
    res.places = document.querySelectorAll('path[data-layer="places"]').length;
    tdaWrite(res);
  }, 1000);
}, 2000);
"""


def test_play_pause_and_places_on_demand(site: Site, base: FactBase, tmp_path: Path) -> None:
    serve(site, base, "map.html", PLAY)
    _, result = probed(site, "map.html", tmp_path)
    assert isinstance(result, dict)
    assert result["playing"] == "true" and result["pressed"] == "false"
    assert result["all"] is False
    assert int(result["before"]) < int(result["paused"]) == int(result["after"])  # it stopped
    day = slider_day(result["paused"])
    assert result["shown"] == FuzzyDate.parse(day.isoformat()).words()
    assert int(result["visible"]) == expected_on(base, day)["list"]
    assert result["places"] == len(base.places)


STORY = """
window.timeline.on("ready", function () {
  setTimeout(function () {
    window.timeline.goToId("FIRST");
    setTimeout(function () {
      var m = window.tdaMap.map, b = m.getBounds(), res = {};
      res.framed = document.getElementById("tda-app").getAttribute("data-framed");
      res.bounds = [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()];
      res.selected = Array.prototype.map.call(document.querySelectorAll("path.tda-selected"),
        function (p) { return p.getAttribute("data-id"); });
      var point = document.querySelector('path[data-layer="events"][data-id="SECOND"]');
      point.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true, view: window}));
      setTimeout(function () {
        res.slide = window.timeline.getCurrentSlide().data.unique_id;
        res.active = Array.prototype.map.call(document.querySelectorAll(".tl-timemarker-active"),
          function (e) { return e.id; });
        res.framedAfter = document.getElementById("tda-app").getAttribute("data-framed");
        res.font = tdaMinFont();
        res.resources = tdaResources();
        tdaWrite(res);
      }, 1500);
    }, 1500);
  }, 300);
});
"""


@pytest.mark.parametrize("size", ["1200,800"])
def test_story_links_timeline_and_map(
    site: Site, base: FactBase, tmp_path: Path, size: str
) -> None:
    timelinejs_dist()
    first = next(e for e in base.events if e.id == "tocoron-operation")
    second = next(e for e in base.events if e.places and base.place(e.places[0]).country == "US")
    serve(site, base, "story.html", STORY.replace("FIRST", first.id).replace("SECOND", second.id))
    root, result = probed(site, "story.html", tmp_path)
    assert isinstance(result, dict)
    assert [n.all_text() for n in root.walk() if n.tag == "title"] == [STORY_TITLE]
    assert result["framed"] == first.id
    assert set(result["selected"]) == {first.id}
    south, west, north, east = result["bounds"]
    drawn = [f for f in layer_features(base, "events") if f.properties["id"] == first.id]
    assert len(drawn) == len(first.places)
    for feature in drawn:  # a place known only to its state is drawn at the state's point
        lon, lat = feature.shape.point
        assert south <= lat <= north and west <= lon <= east
    assert north - south < 15  # framed on the place, not the continent
    assert result["slide"] == second.id
    assert result["active"] == [f"{second.id}-marker"]
    assert result["framedAfter"] == second.id
    assert result["font"][0] >= 12, result["font"]
    # Leaflet, TimelineJS and its icon font are inside the page
    assert_offline(site, result["resources"], {"/story.html"})


HOSTILE_PROBE = """
var point = document.querySelector('path[data-layer="events"][data-id="ID"]');
point.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true, view: window}));
setTimeout(function () { tdaWrite({title: document.title}); }, 200);
"""


@pytest.mark.parametrize("name", ["map.html", "story.html"])
def test_hostile_text_stays_inert(site: Site, tmp_path: Path, name: str) -> None:
    """Every text of the hostile fact base shows as text; no fact's markup or script runs."""
    timelinejs_dist()
    hostile = load_checked(HOSTILE)
    linked = next(
        e
        for e in hostile.events
        if e.places and any(hostile.source(c.source).url for c in e.citations)
    )
    probe = "tdaWrite({title: document.title});"
    if name == "map.html":
        probe = HOSTILE_PROBE.replace("ID", linked.id)
    serve(site, hostile, name, probe)
    root, result = probed(site, name, tmp_path)
    assert isinstance(result, dict)
    assert "PWNED" not in result["title"]
    scripts = [n for n in root.walk() if n.tag == "script"]
    assert len(scripts) == (4 if name == "map.html" else 7)  # ours and the probe only
    app = by_id(root, "tda-app")
    assert not {n.tag for n in app.walk()} & {"script", "img", "iframe", "b"}
    if name == "map.html":
        panel = by_id(root, "tda-panel")
        assert "<script>alert(1)</script>" in panel.all_text()  # shown as text
        urls = [hostile.source(c.source).url for c in linked.citations]
        links = [n.attrs["href"] for n in panel.walk() if n.tag == "a"]
        assert links == [url for url in urls if url]
        listed = by_id(root, "tda-list").all_text()
        assert "</script><script>document.title='PWNED'</script>" in listed
