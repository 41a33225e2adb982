"""No record id and no link breaks a page (issue #24, item 1).

The page scripts look every key taken from the data or from the address up in a ``Map``,
never as a property, so ids and links that name what every JavaScript object has
(``constructor``, ``__proto__``, ``toString``, ``hasOwnProperty``, ``valueOf``) are data
like any other. A fact base gives records such ids (``constructor`` is a valid fact id;
the others are not, and are written into the pages in place of valid ids, as another
writer of the page data could); each hostile link (``#select=``, ``#date=``,
``#event-``) is opened on that base and on the real one. Pages are served from
127.0.0.1 in iframes of one page, read in headless Chromium over the DevTools protocol.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from browser import frames_ready, harness, tab
from conftest import ROOT, SMALL
from test_map_browser import expected_on
from test_timeline_browser import Site
from test_timeline_browser import site as _site

from tda_export.factbase import FactBase
from tda_export.formats.chronologies.timeline import TITLE_ID, write_embed_page
from tda_export.formats.pages.webmap import write_map_page, write_story_page
from tda_export.validation import load_checked

pytestmark = pytest.mark.client

site = _site
#: Fact ids of the small fixture given to hostile names: valid fact ids first, then ids
#: replaced in the written pages by names no fact id can have.
RENAMES = {
    "tocoron-raid": "constructor",
    "olp-raids": "constructor-1",  # the name TimelineJS would give "constructor"
    "guerrero-imprisoned-2013": "proto-event",
    "wilmito-killing": "to-string",
    "union-becomes-gang": "value-of",
    "sucre-expansion": "has-own-property",
    "presence-sucre": "proto-presence",
    "maracay": "constructor-place",
}
IN_PAGES = {
    "proto-event": "__proto__",
    "to-string": "toString",
    "value-of": "valueOf",
    "has-own-property": "hasOwnProperty",
    "proto-presence": "__proto__.presence",
}
HOSTILE = ["constructor", "constructor-1", "__proto__", "toString", "valueOf", "hasOwnProperty"]


@dataclass
class Keyed:
    """The hostile-key base, its pages in the site, and each record's title by page id."""

    base: FactBase
    titles: dict[str, str]


def page_id(fact_id: str) -> str:
    return IN_PAGES.get(fact_id, fact_id)


@pytest.fixture
def keyed(site: Site, tmp_path: Path) -> Iterator[Keyed]:
    facts = tmp_path / "facts"
    shutil.copytree(SMALL / "facts", facts)
    for path in facts.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for old, new in RENAMES.items():
            text = re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, text)
        # a slide that links two others by their ids
        text = text.replace(
            "  summary: Up to 11,000",
            "  see_also: [to-string, constructor-1]\n  summary: Up to 11,000",
        )
        path.write_text(text, encoding="utf-8")
    base = load_checked(facts)
    for name, write in (
        ("map.html", write_map_page),
        ("story.html", write_story_page),
        ("timeline.html", write_embed_page),
    ):
        out = io.StringIO()
        write(base, out)
        page = out.getvalue()
        for old, new in IN_PAGES.items():  # as ids, and in links to slides
            page = re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, page)
            page = page.replace(f"#event-{old}\\", f"#event-{new}\\")
        (site.root / name).write_text(page, encoding="utf-8")
    titles = {page_id(r.id): getattr(r, "title", "") for r in base.all()}
    yield Keyed(base, titles)


def frames(
    site: Site, tmp_path: Path, page: str, hashes: list[str], want: list[str]
) -> tuple[list[dict[str, object]], list[str]]:
    """Open ``page`` with each of ``hashes`` in its own iframe; what each shows, and errors."""
    srcs = [(page + h, 900, 620) for h in hashes]
    (site.root / "harness.html").write_text(harness(srcs), encoding="utf-8")
    with tab(tmp_path / "profile", (960, 640 * len(hashes))) as browser:
        browser.open(site.url("harness.html"), [], 60)
        assert browser.wait_for(frames_ready(want), 120), browser.errors()
        browser.evaluate("new Promise(function (done) { setTimeout(done, 1500); })")
        shown = browser.evaluate(SHOWN)
        return shown, browser.errors()


SHOWN = """
Array.prototype.map.call(document.querySelectorAll("iframe"), function (f) {
  var w = f.contentWindow, d = f.contentDocument, app = d.getElementById("tda-app");
  var out = {hash: w.location.hash};
  if (app) {
    var panel = d.getElementById("tda-panel");
    out.visible = app.getAttribute("data-visible");
    out.presence = app.getAttribute("data-presence");
    out.selected = app.getAttribute("data-selected");
    out.framed = app.getAttribute("data-framed");
    out.day = d.getElementById("tda-day").textContent;
    out.panel = panel.hidden ? null : panel.querySelector("h2").textContent;
    out.paths = d.querySelectorAll('path[data-layer="events"]').length;
    out.areas = d.querySelectorAll('path[data-layer="presence"]').length;
  }
  if (w.timeline && w.timeline.getCurrentSlide) {
    var slide = w.timeline.getCurrentSlide();
    out.slide = slide && slide.data.text ? slide.data.text.headline : null;
    out.slides = d.querySelectorAll(".tl-slide").length;
    out.labels = d.querySelectorAll(".tl-timemarker .tl-headline").length;
  }
  return out;
})
"""


def mapped_features(base: FactBase) -> int:
    return sum(len(dict.fromkeys(e.places)) for e in base.events if e.places)


def test_map_with_hostile_ids_and_links(site: Site, keyed: Keyed, tmp_path: Path) -> None:
    hashes = ["", *(f"#select={i}" for i in HOSTILE), "#select=__proto__.presence"]
    shown, errors = frames(site, tmp_path, "map.html", hashes, ["#tda-app"])
    assert errors == []
    events = [e for e in keyed.base.events if e.places]
    for hash_, row in zip(hashes, shown, strict=True):
        assert row["visible"] == str(len(events)) and row["paths"] == mapped_features(keyed.base)
        assert row["presence"] == str(len(keyed.base.presence)) == str(row["areas"])
        chosen = hash_.removeprefix("#select=") or None
        assert row["selected"] == chosen, hash_
        title = keyed.titles.get(chosen or "", "")
        if chosen == "__proto__.presence":
            title = "Presence in " + keyed.base.place("sucre").name
        assert row["panel"] == (title if chosen else None), hash_


LIST_CLICKS = """
(function () {
  var d = document.querySelector("iframe").contentDocument, out = [];
  IDS.forEach(function (id) {
    var button = Array.prototype.find.call(d.querySelectorAll("#tda-list button"),
      function (b) { return b.getAttribute("data-id") === id; });
    button.click();
    var panel = d.getElementById("tda-panel");
    out.push([id, panel.hidden ? null : panel.querySelector("h2").textContent,
      d.getElementById("tda-app").getAttribute("data-selected"),
      d.querySelectorAll("path.tda-uncertainty").length]);
    d.dispatchEvent(new KeyboardEvent("keydown", {key: "Escape", bubbles: true}));
  });
  return out;
})()
"""


def test_choosing_records_with_hostile_ids(site: Site, keyed: Keyed, tmp_path: Path) -> None:
    ids = [page_id(e.id) for e in keyed.base.events if e.places]
    assert set(HOSTILE) <= set(ids)
    (site.root / "harness.html").write_text(harness([("map.html", 900, 620)]), "utf-8")
    with tab(tmp_path / "profile", (960, 660)) as browser:
        browser.open(site.url("harness.html"), [], 60)
        assert browser.wait_for(frames_ready(["#tda-app"]), 60)
        chosen = browser.evaluate(LIST_CLICKS.replace("IDS", json.dumps(ids)))
        assert browser.errors() == []
    for ident, panel, selected, rings in chosen:
        assert (panel, selected) == (keyed.titles[ident], ident)
        assert rings >= 1  # its uncertainty area drawn


#: Links no record answers, on the real base: each leaves the map as it opens by default.
REAL_LINKS = [
    *(f"#select={i}" for i in [*HOSTILE, "%E0%A4%A", "%", "__proto__&select=constructor"]),
    "#date=__proto__",
    "#date=2023-02-30",
    "#date=9999-99-99",
    "#date=1900-01-01",
    "#date=2023-09-20T00:00",
    "#__proto__=1&constructor=2&toString=3",
    "#date=2023-09-20&select=__proto__",
]


def test_map_of_the_real_base_ignores_hostile_links(site: Site, tmp_path: Path) -> None:
    shutil.copy(ROOT / "outputs" / "map.html", site.root / "map.html")
    base = load_checked(ROOT / "facts")
    links = [*REAL_LINKS, "#date=2023-09-20&select=tocoron-operation"]
    shown, errors = frames(site, tmp_path, "map.html", links, ["#tda-app"])
    assert errors == []
    everything = str(sum(1 for e in base.events if e.places))
    raid = expected_on(base, date(2023, 9, 20))
    for link, row in zip(links, shown, strict=True):
        dated = link.startswith("#date=2023-09-20&")
        assert row["visible"] == (str(raid["list"]) if dated else everything), link
        assert row["day"] == ("20 September 2023" if dated else "All dates"), link
        selected = "tocoron-operation" if link.endswith("tocoron-operation") else None
        assert row["selected"] == selected and row["framed"] == selected, link


#: (link, page id of the slide it opens; None: the title slide)
SLIDE_LINKS = [
    *((f"#event-{i}", i) for i in HOSTILE),
    (f"#event-{TITLE_ID}", None),
    ("#event-nothing-here", None),
    ("#event-", None),
    ("#event-%3Cb%3E", None),
    ("#select=constructor", None),
]


@pytest.mark.parametrize("page", ["timeline.html", "story.html"])
def test_slides_with_hostile_ids_and_links(
    site: Site, keyed: Keyed, tmp_path: Path, page: str
) -> None:
    """A link to a slide opens it, whatever its id; a link to no slide opens the title
    slide; the address names our id even where TimelineJS renamed the slide."""
    want = ["#timeline"] if page == "timeline.html" else ["#tda-app", "#timeline"]
    hashes = [link for link, _ in SLIDE_LINKS]
    shown, errors = frames(site, tmp_path, page, hashes, want)
    assert errors == []
    for (link, ident), row in zip(SLIDE_LINKS, shown, strict=True):
        assert row["slides"] == 1 + len(keyed.base.events)
        assert row["labels"] == len(keyed.base.events)
        if ident is None:
            assert row["slide"] == "Tren de Aragua: a sourced chronology", link
        else:
            assert row["slide"] == keyed.titles[ident], link
            assert row["hash"] == f"#event-{ident}", link
        if page == "story.html":
            assert row["framed"] == ident, link


FOLLOW = """
new Promise(function (done) {
  var f = document.querySelector("iframe"), w = f.contentWindow, d = f.contentDocument;
  var out = [];
  IDS.forEach(function (id, i) {
    setTimeout(function () {
      w.location.hash = "#event-" + id;  // what a "see also" link in a slide does
      setTimeout(function () {
        out.push([id, w.timeline.getCurrentSlide().data.text.headline, w.location.hash]);
        if (out.length === IDS.length) { done(out); }
      }, 700);
    }, i * 1000);
  });
})
"""


def test_see_also_links_follow_hostile_ids(site: Site, keyed: Keyed, tmp_path: Path) -> None:
    ids = ["toString", "constructor-1", "constructor", "__proto__", "nothing-here"]
    (site.root / "harness.html").write_text(harness([("timeline.html", 900, 620)]), "utf-8")
    page = (site.root / "timeline.html").read_text(encoding="utf-8")
    assert 'href=\\"#event-toString\\"' in page and 'href=\\"#event-constructor-1\\"' in page
    with tab(tmp_path / "profile", (960, 660)) as browser:
        browser.open(site.url("harness.html"), [], 60)
        assert browser.wait_for(frames_ready(["#timeline"]), 60)
        followed = browser.evaluate(FOLLOW.replace("IDS", json.dumps(ids)))
        assert browser.errors() == []
    for ident, headline, address in followed[:-1]:
        assert (headline, address) == (keyed.titles[ident], f"#event-{ident}")
    assert followed[-1][1] == keyed.titles["__proto__"]  # an unknown id: where it was
