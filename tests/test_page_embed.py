"""Embeds that frame the data (issue #23, item 3).

``outputs/map.html`` and ``story.html`` in 650 px-high iframes of an article page, 300,
650 and 1000 px wide, in headless Chromium (served from 127.0.0.1): the map lies inside
the iframe, and every record it draws (event points, presence areas) lies inside the map
as shown. Also when the article sizes its iframes only after they have loaded, as
responsive-embed scripts do (an iframe starts at 300×150); both in real time over the
DevTools protocol and as ``scripts/screenshots.py`` runs Chromium (a virtual clock), where
the map once kept the size Leaflet read before the iframe was laid out.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from browser import frames_ready, harness, tab
from conftest import ROOT, require_tool
from test_timeline_browser import Site, parse_dom
from test_timeline_browser import site as _site

from tda_export.validation import load_checked

pytestmark = pytest.mark.client

site = _site
WIDTHS = (300, 650, 1000)
HEIGHT = 650
WANT = {"map.html": ["#tda-app"], "story.html": ["#tda-app", "#timeline"]}
#: Sizes each iframe once its page is drawn (the iframes start with no size given).
LATE = """
var sizes = SIZES;
(function size() {
  var frames = document.querySelectorAll("iframe"), ready = true;
  frames.forEach(function (f) {
    var app = f.contentDocument && f.contentDocument.getElementById("tda-app");
    ready = ready && app && app.getAttribute("data-state") === "ready";
  });
  if (!ready) { return setTimeout(size, 100); }
  frames.forEach(function (f, i) { f.style.width = sizes[i] + "px"; f.style.height = "HEIGHTpx"; });
})();
"""
SETTLED = """
Array.prototype.every.call(document.querySelectorAll("iframe"), function (f) {
  var box = f.contentWindow.tdaMap.map.getContainer();
  var size = box.clientWidth + "x" + box.clientHeight;
  return f.contentDocument.getElementById("tda-app").getAttribute("data-size") === size &&
    f.contentWindow.innerHeight === HEIGHT;
})
"""
FRAMED = """
Array.prototype.map.call(document.querySelectorAll("iframe"), function (f) {
  var w = f.contentWindow, m = w.tdaMap.map, outside = [], drawn = 0;
  var box = m.getContainer().getBoundingClientRect();  // as laid out (not Leaflet's idea)
  var shown = w.L.latLngBounds(m.containerPointToLatLng([0, 0]),
    m.containerPointToLatLng([box.width, box.height]));
  w.tdaMap.features.forEach(function (x) {
    if (x.layer === "places" || !m.hasLayer(x.shape)) { return; }
    drawn += 1;
    var at = x.layer === "events" ? w.L.latLngBounds([x.shape.getLatLng()]) : x.shape.getBounds();
    if (!shown.contains(at)) { outside.push(x.id); }
  });
  var all = w.tdaMap.bounds, nw = m.latLngToContainerPoint(all.getNorthWest()),
    se = m.latLngToContainerPoint(all.getSouthEast());
  return {viewport: [w.innerWidth, w.innerHeight], map: [box.left, box.top, box.right, box.bottom],
    outside: outside, drawn: drawn,
    fill: Math.max((se.x - nw.x) / box.width, (se.y - nw.y) / box.height)};
})
"""


#: Writes what FRAMED finds into the article once every embed is drawn and framed.
PROBE = """
(function probe() {
  if (!(READY) || !(SETTLED)) { return setTimeout(probe, 100); }
  var pre = document.createElement("pre");
  pre.id = "tda-probe";
  pre.textContent = JSON.stringify(FRAMED);
  document.body.appendChild(pre);
})();
"""


def article(page: str, late: bool, probe: bool) -> str:
    """An article page with ``page`` in iframes of every width (sized late: see LATE)."""
    script = PROBE if probe else ""
    script = script.replace("READY", frames_ready(WANT[page])).replace("SETTLED", SETTLED)
    script = script.replace("FRAMED", FRAMED).replace("HEIGHT", str(HEIGHT))
    if not late:
        return harness([(page, width, HEIGHT) for width in WIDTHS], script=script)
    script += LATE.replace("SIZES", json.dumps(WIDTHS)).replace("HEIGHT", str(HEIGHT))
    text = harness([(page, 1000, 0)] * len(WIDTHS), script=script)
    return text.replace(' width="100%" height="0"', "")


def screenshot_way(site: Site, tmp_path: Path) -> list[dict[str, object]]:
    """What the probe finds when Chromium runs the article as scripts/screenshots.py does
    (a virtual clock, every compositor stage before drawing)."""
    chromium = require_tool("chromium")
    done = subprocess.run(
        [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={tmp_path / 'dump-profile'}",
         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
         f"--window-size=1040,{(HEIGHT + 10) * len(WIDTHS)}", "--virtual-time-budget=20000",
         "--run-all-compositor-stages-before-draw", "--disable-threaded-animation",
         "--dump-dom", site.url("article.html")],
        capture_output=True, text=True, timeout=180, check=True,
    )  # fmt: skip
    [pre] = [n for n in parse_dom(done.stdout).walk() if n.attrs.get("id") == "tda-probe"]
    found: list[dict[str, object]] = json.loads(pre.all_text())
    return found


@pytest.mark.parametrize("way", ["live", "screenshot"])
@pytest.mark.parametrize("late", [False, True], ids=["sized", "sized-late"])
@pytest.mark.parametrize("page", sorted(WANT))
def test_the_embed_frames_all_the_data(
    site: Site, tmp_path: Path, page: str, late: bool, way: str
) -> None:
    shutil.copy(ROOT / "outputs" / page, site.root / page)
    (site.root / "article.html").write_text(article(page, late, way != "live"), "utf-8")
    if way == "live":
        with tab(tmp_path / "profile", (1040, (HEIGHT + 10) * len(WIDTHS))) as browser:
            browser.open(site.url("article.html"), [], 60)
            assert browser.wait_for(frames_ready(WANT[page]), 90), browser.errors()
            assert browser.wait_for(SETTLED.replace("HEIGHT", str(HEIGHT)), 30), browser.errors()
            shown = browser.evaluate(FRAMED)
            assert browser.errors() == []
    else:
        shown = screenshot_way(site, tmp_path)
    base = load_checked(ROOT / "facts")
    features = sum(len(dict.fromkeys(e.places)) for e in base.events if e.places)
    for width, frame in zip(WIDTHS, shown, strict=True):
        assert frame["viewport"] == [width, HEIGHT]
        left, top, right, bottom = frame["map"]
        assert 0 <= left < right <= width and 0 <= top < bottom <= HEIGHT, (width, frame)
        assert frame["drawn"] == features + len(base.presence)
        assert frame["outside"] == [], (width, frame["outside"])
        assert frame["fill"] > 0.6, (width, frame)  # and framed closely, not lost in the ocean
