"""Pages that work from the folder (issue #23, item 2).

The Leaflet and TimelineJS files shipped in the package are the npm packages' files
(sha256 manifest, checked against ``tests/js/node_modules``) and can be written inside a
page; ``outputs/map.html``, ``story.html`` and ``timeline.html`` open with a double-click
(``file://``) in headless Chromium with no network: nothing fetched but the page, no
error, the map and the timeline drawn.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from pathlib import Path

import pytest
from browser import tab
from conftest import ROOT
from test_map_browser import leaflet_dist
from test_timeline_browser import timelinejs_dist

from tda_export.formats.pages.embed import LIBRARIES, library_css, library_script, vendored
from tda_export.validation import load_checked

VENDOR = ROOT / "tda_export" / "formats" / "pages" / "vendor"
MANIFEST = json.loads((VENDOR / "manifest.json").read_text(encoding="utf-8"))
NODE_MODULES = ROOT / "tests" / "js" / "node_modules"
OUTPUTS = ROOT / "outputs"


def test_shipped_files_are_those_of_the_manifest() -> None:
    listed = {f"{lib}/{name}" for lib, meta in MANIFEST.items() for name in meta["files"]}
    shipped = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file()}
    assert shipped - {"manifest.json"} == listed
    for lib, meta in MANIFEST.items():
        for name, entry in meta["files"].items():
            assert hashlib.sha256((VENDOR / lib / name).read_bytes()).hexdigest() == entry["sha256"]
    pins = json.loads((ROOT / "tests" / "js" / "package.json").read_text(encoding="utf-8"))
    shipped_pins = {meta["npm"]: meta["version"] for meta in MANIFEST.values()}
    assert shipped_pins == {name: pins["dependencies"][name] for name in shipped_pins}
    assert {lib: meta["license"] for lib, meta in MANIFEST.items()} == {
        "leaflet": "BSD-2-Clause",
        "timelinejs": "MPL-2.0",
    }


def test_shipped_code_can_be_written_inside_a_page() -> None:
    """No ``</script``, ``<!--`` or ``</style`` (which would end the element early); the
    stylesheets fetch nothing a page uses (TimelineJS's icon font goes in as data)."""
    for lib, ((css, _), (js, _)) in LIBRARIES.items():
        code = vendored(lib, js).decode("utf-8")
        assert "</script" not in code.lower() and "<!--" not in code, lib
        assert "</style" not in vendored(lib, css).decode("utf-8").lower(), lib
        assert library_script(lib, None).count("sourceMappingURL") == 0
    timeline_urls = re.findall(r"url\(([^)]*)\)", library_css("timelinejs", None))
    assert timeline_urls and all(u.startswith("data:font/woff2;base64,") for u in timeline_urls)
    # Leaflet's images are for its layer switcher and its markers (and VML for old Internet
    # Explorer): the map makes neither
    leaflet_urls = set(re.findall(r"url\(([^)]*)\)", library_css("leaflet", None)))
    images = {"images/layers.png", "images/layers-2x.png", "images/marker-icon.png"}
    assert leaflet_urls == {*images, "#default#VML"}
    webmap = (ROOT / "tda_export" / "formats" / "pages" / "assets" / "webmap.js").read_text("utf-8")
    assert "L.marker(" not in webmap and "control.layers" not in webmap


@pytest.mark.client
def test_shipped_files_are_the_npm_packages_files() -> None:
    leaflet_dist()
    timelinejs_dist()
    for lib, meta in MANIFEST.items():
        for name, entry in meta["files"].items():
            npm = NODE_MODULES / meta["npm"] / entry["npm"]
            assert (VENDOR / lib / name).read_bytes() == npm.read_bytes(), npm
    spec = importlib.util.spec_from_file_location("vendor_js", ROOT / "scripts" / "vendor_js.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.manifest() == MANIFEST, "run python scripts/vendor_js.py"


DRAWN = """
(function () {
  var app = document.getElementById("tda-app");
  var icons = Array.from(document.fonts).filter(function (f) {
    return f.family.replace(/"/g, "") === "tl-icons"; });
  return {
    events: document.querySelectorAll('path[data-layer="events"]').length,
    presence: document.querySelectorAll('path[data-layer="presence"]').length,
    listed: document.querySelectorAll("#tda-list li").length,
    base: app ? document.querySelectorAll(".leaflet-tda-base-pane canvas").length : null,
    slides: document.querySelectorAll(".tl-slide").length,
    message: Array.prototype.map.call(document.querySelectorAll(".tl-message-content"),
      function (m) { return m.textContent.trim(); }).join(" "),
    markers: Array.prototype.map.call(document.querySelectorAll(".tl-timemarker .tl-headline"),
      function (h) { return h.textContent; }),
    icons: icons.map(function (f) { return f.status; })
  };
})()
"""
WANT = {
    "map.html": ["#tda-app"],
    "story.html": ["#tda-app", "#timeline"],
    "timeline.html": ["#timeline"],
}


@pytest.mark.client
@pytest.mark.parametrize("name", sorted(WANT))
def test_built_page_opens_from_its_folder(name: str, tmp_path: Path) -> None:
    """outputs/NAME from file://, no network: only the page is read, nothing fails."""
    base = load_checked(ROOT / "facts")
    page = OUTPUTS / name
    with tab(tmp_path / "profile") as browser:
        assert browser.open(page.as_uri(), WANT[name], 120) is not None, browser.errors()
        shown = browser.evaluate(DRAWN)
        assert browser.errors() == []
        assert [u for u in browser.requests() if not u.startswith("data:")] == [page.as_uri()]
    mapped = [e for e in base.events if e.places]
    if name != "timeline.html":  # the map: every record's shape, on the base map
        assert shown["events"] == sum(len(dict.fromkeys(e.places)) for e in mapped)
        assert shown["presence"] == len(base.presence)
        assert shown["base"] == 1
    if name == "map.html":
        assert shown["listed"] == len(mapped)
    else:  # the timeline: every slide, every marker labelled, its icons from the page
        assert shown["slides"] == 1 + len(base.events)
        assert shown["message"] == ""
        slides = json.loads((OUTPUTS / "timeline.json").read_text(encoding="utf-8"))["events"]
        assert sorted(shown["markers"]) == sorted(s["label"] for s in slides)
        assert shown["icons"] == ["loaded"]
