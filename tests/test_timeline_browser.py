"""The timeline rendered by the real TimelineJS3 in headless Chromium, fully offline.

The page (TimelineJS 3.9.11 inside it, from the package) is served from a thread on
127.0.0.1, with TimelineJS's ``dist/`` (npm @knight-lab/timelinejs, installed into
``tests/js`` by ``scripts/install-test-deps.sh``) beside it for a page that loads the JSON
by URL; Chromium resolves no other host. Assertions are made on the DOM Chromium dumps.
"""

from __future__ import annotations

import functools
import http.server
import io
import json
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import IN_CI, require_tool

from tda_export.filters import RecordFilter
from tda_export.formats.chronologies.timeline import TITLE_ID, write_embed_page, write_timeline
from tda_export.validation import load_checked

pytestmark = pytest.mark.client
"""Every test here drives a real client (see README: the quick test path leaves them out)."""

HERE = Path(__file__).parent
DIST = HERE / "js" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
CHRONO = HERE / "fixtures" / "chronology" / "facts"
SMALL = HERE / "fixtures" / "small" / "facts"

#: What TimelineJS shows as each slide's date: our display_date on every slide, so a day reads
#: day-month-year as the text does, and fuzzy dates in their words.
CHRONO_DATES = {
    "union-becomes-gang": "2005–2011",
    "guerrero-imprisoned-2013": "2013",
    "olp-raids": "2015–2017",
    "wilmito-killing": "April 2017",
    "sucre-expansion": "since 2018",
    "tocoron-raid": "20 September 2023",
    "santiago-arrests": "c. January 2024",
    "markup-test": (
        """<b id="tda-injected">summer</b> & <img src=x onerror="document.title='PWNED-date'">"""
        " 2024"
    ),
    "guiria-control": "until March 2025",
}
SMALL_DATES = {
    "union-becomes-gang": "2005–2011",
    "guerrero-imprisoned-2013": "2013",
    "olp-raids": "2015–2017",
    "wilmito-killing": "April 2017",
    "sucre-expansion": "around 2018",
    "tocoron-raid": "20 September 2023",
}
PAGE_TITLE = "Tren de Aragua: a sourced chronology"
ERRORS_PROBE = """
<script>
window.timeline.on("ready", function () {
  var pre = document.createElement("pre");
  pre.id = "tl-errors";
  pre.textContent = JSON.stringify(window.timeline.config.getErrors());
  document.body.appendChild(pre);
});
</script>
"""
#: A harness that loads the .json file by URL, as an article embedding it would.
URL_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>harness</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="timelinejs/css/timeline.css"></head>
<body><div id="timeline" style="width: 1000px; height: 650px"></div>
<script src="timelinejs/js/timeline.js"></script>
<script>
window.timeline = new TL.Timeline("timeline", "timeline.json",
  {script_path: new URL("timelinejs/js/", document.baseURI).href, font: null});
</script>
</body></html>
"""


def timelinejs_dist() -> Path:
    """TimelineJS's dist/ folder; outside CI a missing one skips, in CI it fails."""
    if (DIST / "js" / "timeline.js").is_file():
        return DIST
    message = f"{DIST} missing: run scripts/install-test-deps.sh (npm ci in tests/js)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message + " (allowed outside CI only)")


# -- serving and rendering ---------------------------------------------------------------
@dataclass
class Site:
    """A folder served on 127.0.0.1, with the log of requests made to it."""

    root: Path
    port: int = 0
    requests: list[tuple[str, int]] = field(default_factory=list)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    dist = timelinejs_dist()
    root = tmp_path / "site"
    root.mkdir()
    (root / "timelinejs").symlink_to(dist, target_is_directory=True)
    served = Site(root)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            served.requests.append((self.path, int(code)))

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(root))
    )
    served.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def render(site: Site, page: str, tmp_path: Path) -> str:
    """The DOM of ``page`` after TimelineJS has run, as dumped by headless Chromium."""
    chromium = require_tool("chromium")
    completed = subprocess.run(
        [
            chromium,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--window-size=1200,800",
            "--virtual-time-budget=15000",
            "--dump-dom",
            site.url(page),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert completed.stdout.strip(), completed.stderr[-2000:]
    return completed.stdout


# -- reading the DOM ---------------------------------------------------------------------
@dataclass
class Node:
    """An element of the dumped DOM, with its text."""

    tag: str
    attrs: dict[str, str]
    children: list[Node] = field(default_factory=list)
    text: str = ""

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def all_text(self) -> str:
        return self.text + "".join(child.all_text() for child in self.children)

    def find(self, css_class: str) -> list[Node]:
        return [node for node in self.walk() if css_class in node.classes]


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class TreeBuilder(HTMLParser):
    """A small DOM tree from Chromium's serialisation (which is well formed)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].text += data


def parse_dom(dom: str) -> Node:
    builder = TreeBuilder()
    builder.feed(dom)
    builder.close()
    return builder.root


@dataclass
class Rendered:
    """What a reader sees of the timeline."""

    title: str
    slides: list[tuple[str, str]]  # (slide id, date shown)
    markers: list[str]
    message: str
    errors: list[str] | None
    state: str | None
    root: Node


def read(dom: str) -> Rendered:
    root = parse_dom(dom)
    slides = []
    for slide in root.find("tl-slide"):
        dates = slide.find("tl-headline-date")
        slides.append((slide.attrs.get("id", ""), dates[0].all_text().strip() if dates else ""))
    markers = [m.attrs.get("id", "") for m in root.find("tl-timemarker")]
    message = " ".join(m.all_text().strip() for m in root.find("tl-message-content"))
    probe = [n for n in root.walk() if n.attrs.get("id") == "tl-errors"]
    container = [n for n in root.walk() if n.attrs.get("id") == "timeline"]
    titles = [n.all_text() for n in root.walk() if n.tag == "title"]
    return Rendered(
        title=titles[0] if titles else "",
        slides=slides,
        markers=markers,
        message=message,
        errors=json.loads(probe[0].all_text()) if probe else None,
        state=container[0].attrs.get("data-state") if container else None,
        root=root,
    )


def assert_rendered(shown: Rendered, dates: dict[str, str]) -> None:
    """One slide and marker per event in order, the expected dates, no error anywhere."""
    assert shown.slides == [(TITLE_ID, ""), *dates.items()]
    assert shown.markers == [f"{event_id}-marker" for event_id in dates]
    assert shown.message == ""
    assert shown.errors == []
    [container] = [n for n in shown.root.walk() if n.attrs.get("id") == "timeline"]
    seen = container.all_text()
    assert "Error" not in seen and "Loading Timeline" not in seen


def assert_offline(site: Site, allowed: frozenset[str] = frozenset({"/page.html"})) -> None:
    """Every request was served, and was for the page (TimelineJS is inside it) or ``allowed``."""
    assert all(code == 200 for _, code in site.requests), site.requests
    assert {path for path, _ in site.requests} <= allowed


# -- tests -------------------------------------------------------------------------------
def inject(page: str, code: str) -> str:
    """``code`` put before the page's ``</body>`` (the last: TimelineJS's own script, inside
    the page, holds the string too)."""
    end = page.rindex("</body>")
    return page[:end] + code + page[end:]


def write_page(site: Site, facts: Path, record_filter: RecordFilter | None = None) -> int:
    out = io.StringIO()
    count = write_embed_page(load_checked(facts), out, record_filter)
    (site.root / "page.html").write_text(inject(out.getvalue(), ERRORS_PROBE), encoding="utf-8")
    return count


def test_embed_page_renders_every_event(site: Site, tmp_path: Path) -> None:
    assert write_page(site, CHRONO) == len(CHRONO_DATES)
    shown = read(render(site, "page.html", tmp_path))
    assert shown.state == "ready"
    assert_rendered(shown, CHRONO_DATES)
    assert_offline(site)


def test_no_fact_can_inject_markup_or_script(site: Site, tmp_path: Path) -> None:
    write_page(site, CHRONO)
    shown = read(render(site, "page.html", tmp_path))
    assert shown.state == "ready"
    assert shown.title == PAGE_TITLE  # no onerror/onload handler ran
    [slide] = [s for s in shown.root.find("tl-slide") if s.attrs.get("id") == "markup-test"]
    tags = {node.tag for node in slide.walk()}
    assert not tags & {"img", "svg", "iframe", "script", "b"}
    assert not [n for n in shown.root.walk() if n.attrs.get("id") == "tda-injected"]
    text = slide.all_text()
    assert """<img src=x onerror="document.title='PWNED-headline'"> Tom & Jerry's""" in text
    assert "</script><script>document.title='PWNED-summary'</script>" in text
    assert """<svg onload="document.title='PWNED-quote'"> &amp; ]]> -->""" in text
    scripts = [n for n in shown.root.walk() if n.tag == "script"]
    assert len(scripts) == 4  # data, timeline.js, start-up, test probe: nothing injected


def test_small_base_renders(site: Site, tmp_path: Path) -> None:
    assert write_page(site, SMALL) == len(SMALL_DATES)
    shown = read(render(site, "page.html", tmp_path))
    assert shown.state == "ready"
    assert_rendered(shown, SMALL_DATES)
    assert_offline(site)


def test_json_file_renders_when_loaded_by_url(site: Site, tmp_path: Path) -> None:
    with (site.root / "timeline.json").open("w", encoding="utf-8") as fobj:
        write_timeline(load_checked(CHRONO), fobj)
    (site.root / "index.html").write_text(
        URL_PAGE.replace("</body>", ERRORS_PROBE + "</body>"), encoding="utf-8"
    )
    shown = read(render(site, "index.html", tmp_path))
    assert_rendered(shown, CHRONO_DATES)
    assert ("/timeline.json", 200) in site.requests
    dist = {"/timelinejs/js/timeline.js", "/timelinejs/css/timeline.css"}
    icons = "/timelinejs/css/icons/tl-icons.ttf"  # TimelineJS's icons, from its own folder
    assert_offline(site, frozenset({"/index.html", "/timeline.json", icons, *dist}))
    assert dist <= {path for path, _ in site.requests}


def test_the_checks_see_a_timelinejs_error(site: Site, tmp_path: Path) -> None:
    """A timeline TimelineJS cannot show (no events) fails the checks above."""
    assert write_page(site, CHRONO, RecordFilter.from_options(countries=["US"])) == 0
    shown = read(render(site, "page.html", tmp_path))
    assert shown.slides == []
    assert "Timeline configuration has no events" in shown.message
    with pytest.raises(AssertionError):
        assert_rendered(shown, {})


def active_markers(shown: Rendered) -> list[str]:
    return [m.attrs["id"] for m in shown.root.find("tl-timemarker-active")]


@pytest.mark.parametrize("event_id", ["santiago-arrests", "olp-raids"])
def test_a_deep_link_opens_that_slide(site: Site, tmp_path: Path, event_id: str) -> None:
    """``timeline.html#event-<id>`` opens the event's slide (TimelineJS ``hash_bookmark``)."""
    write_page(site, CHRONO)
    shown = read(render(site, f"page.html#event-{event_id}", tmp_path))
    assert shown.state == "ready"
    assert shown.errors == []
    assert active_markers(shown) == [f"{event_id}-marker"]


def test_without_a_link_the_title_slide_opens(site: Site, tmp_path: Path) -> None:
    write_page(site, CHRONO)
    shown = read(render(site, "page.html", tmp_path))
    assert active_markers(shown) == []  # the title slide has no marker


def test_markers_show_their_labels_and_related_slides_are_links(site: Site, tmp_path: Path) -> None:
    write_page(site, CHRONO)
    shown = read(render(site, "page.html#event-tocoron-raid", tmp_path))
    [marker] = [
        m for m in shown.root.find("tl-timemarker") if m.attrs["id"] == "tocoron-raid-marker"
    ]
    assert [h.all_text() for h in marker.find("tl-headline")] == ["Tocorón raid"]
    [slide] = [s for s in shown.root.find("tl-slide") if s.attrs.get("id") == "tocoron-raid"]
    links = [n.attrs.get("href") for n in slide.walk() if n.tag == "a"]
    assert links == ["#event-guerrero-imprisoned-2013"]
