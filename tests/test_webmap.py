"""`tda-export map --html`: the page's data, its escaping, filters and options (no browser).

How the pages behave in Chromium is tested in test_map_browser.py.
"""

from __future__ import annotations

import importlib.util
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import msgspec
import pytest
from click.testing import CliRunner, Result

from tda_export.cli import cli
from tda_export.cli.timeline import NO_EVENTS
from tda_export.filters import RecordFilter
from tda_export.formats.chronologies import timeline
from tda_export.formats.chronologies.timeline import write_timeline
from tda_export.formats.maps.context import layer_features
from tda_export.formats.pages.embed import library_css, library_script, script_safe
from tda_export.formats.pages.webmap import (
    BASE_MAP,
    GROUP_COLOURS,
    STATUS_COLOURS,
    Story,
    base_map,
    map_data,
    map_json,
    write_story_page,
)
from tda_export.formats.words import date_span
from tda_export.geography import country_codes
from tda_export.validation import load_checked

HERE = Path(__file__).parent
SMALL = HERE / "fixtures" / "small" / "facts"
FACTS = HERE.parent / "facts"
ROOT = HERE.parent
#: The eight colours of Okabe & Ito's colour-blind-safe palette.
OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


def run(runner: CliRunner, *args: str, facts: Path = SMALL) -> Result:
    return runner.invoke(cli, ["map", "--facts", str(facts), *args])


def ok(result: Result) -> Result:
    assert result.exception is None, result.output
    assert result.exit_code == 0, result.output
    return result


class Page(HTMLParser):
    """The tags, stylesheet links and scripts (attributes, text) of a page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.links: list[str] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._in_script = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if tag == "link" and values.get("rel") == "stylesheet":
            self.links.append(values["href"])
        if tag == "script":
            self.scripts.append((values, ""))
            self._in_script = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def json_block(self, ident: str) -> str:
        """The text of the JSON data block ``ident``."""
        [text] = [t for a, t in self.scripts if a == {"type": "application/json", "id": ident}]
        return text


def test_the_page_carries_leaflet_and_embeds_the_data(runner: CliRunner) -> None:
    text = ok(run(runner, "--html")).stdout
    page = Page(text)
    assert page.links == []  # one file: nothing to fetch
    assert [a for a, _ in page.scripts][1:] == [{}, {}]
    leaflet = library_script("leaflet", None)
    assert f"<script>{page.scripts[1][1]}</script>\n" == leaflet
    assert library_css("leaflet", None) in text
    data = page.json_block("tda-map-data")
    assert not set("<>&\u2028\u2029") & set(data)
    assert json.loads(data) == map_data(load_checked(SMALL))


def test_leaflet_url(runner: CliRunner) -> None:
    page = Page(ok(run(runner, "--html", "--leaflet-url", "/static/leaflet")).stdout)
    assert page.links == ["/static/leaflet/leaflet.css"]
    assert [a.get("src") for a, _ in page.scripts][1] == "/static/leaflet/leaflet.js"


def test_map_needs_html(runner: CliRunner) -> None:
    result = run(runner)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: the map is an HTML page: pass --html (for map data, see geojson)"
    )
    assert result.stdout == ""


def test_story_page_holds_the_timeline_and_the_map(runner: CliRunner) -> None:
    page = Page(ok(run(runner, "--html", "--story", "--timelinejs-url", "tl/")).stdout)
    assert page.links == ["tl/css/timeline.css"]
    srcs = [a.get("src") for a, _ in page.scripts]
    assert srcs == [None, None, "tl/js/timeline.js", None, None, None]
    base = load_checked(SMALL)
    expected = io.StringIO()
    write_timeline(base, expected)
    assert json.loads(page.json_block("timeline-data")) == json.loads(expected.getvalue())
    data = json.loads(page.json_block("tda-map-data"))
    assert data == map_data(base, story=Story())
    assert {f["layer"] for f in data["features"]} == {"presence", "events"}  # no Places box


def test_story_page_holds_the_latest_slides_and_their_map(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past PAGE_SLIDES events, the timeline holds the latest and the map their places."""
    monkeypatch.setattr(timeline, "PAGE_SLIDES", 4)
    base = load_checked(SMALL)
    out = io.StringIO()
    assert write_story_page(base, out) == 4
    page = Page(out.getvalue())
    slides = json.loads(page.json_block("timeline-data"))
    latest = [e.id for e in RecordFilter().events(base)][-4:]
    assert [s["unique_id"] for s in slides["events"]] == latest
    assert "the latest 4 of the 6 events" in slides["title"]["text"]["text"]
    data = json.loads(page.json_block("tda-map-data"))
    assert {f["id"] for f in data["features"] if f["layer"] == "events"} == {
        e
        for e in latest
        if base.by_id[e].places  # type: ignore[attr-defined]
    }
    assert data == map_data(base, story=Story(frozenset(latest)))
    story = page.scripts[-1][1]
    assert "new TL.Timeline(" in story and "hash_bookmark: true" in story


def test_same_facts_same_bytes(runner: CliRunner, tmp_path: Path) -> None:
    for name in ("a.html", "b.html"):
        ok(run(runner, "--html", "--story", "-o", str(tmp_path / name)))
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_citations_say_who_makes_the_claim() -> None:
    data = map_data(load_checked(SMALL))
    said = {(f["id"], c["attribution"]) for f in data["features"] for c in f["citations"]}
    assert ("wilmito-killing", "Alleged, according to InSight Crime") in said
    assert (
        "presence-sucre",
        "According to sources interviewed by InSight Crime on condition of anonymity, cited "
        "by InSight Crime",
    ) in said
    assert ("tocoron-raid", None) in said


def test_features_are_the_map_layers_in_readers_words() -> None:
    base = load_checked(FACTS)
    data = map_data(base)
    keys = [
        (f.layer, f.key)
        for layer in ("presence", "events", "places")
        for f in layer_features(base, layer)
    ]
    assert [(f["layer"], f["key"]) for f in data["features"]] == keys
    dated = [e.date for e in base.events] + [p.period for p in base.presence if p.period]
    span = date_span(dated)
    assert span is not None
    assert data["span"] == [span[0].isoformat(), span[1].isoformat()]
    for feature in data["features"]:
        if feature["layer"] != "events":
            continue
        event = base.by_id[feature["id"]]
        assert feature["date"] == event.date.words()  # type: ignore[attr-defined]
        assert feature["start"] == (event.date.start.isoformat() if event.date.start else None)  # type: ignore[attr-defined]
        assert feature["end"] == (event.date.end.isoformat() if event.date.end else None)  # type: ignore[attr-defined]
        assert feature["actors"] == [base.actor(a).name for a in event.actors]  # type: ignore[attr-defined]
        assert feature["precise"] == (feature["precision"] in ("exact", "locality"))
        assert len(feature["citations"]) == len(event.citations)  # type: ignore[attr-defined]
    areas = {f["area"] for f in data["features"] if f["area"]}
    assert set(data["areas"]) == areas


@pytest.mark.parametrize(
    "args",
    [
        ["--country", "VE"],
        ["--since", "2020"],
        ["--until", "2013"],
        ["--category", "arrest"],
        ["--status", "disputed"],
    ],
)
def test_filters_keep_the_records_of_every_export(runner: CliRunner, args: list[str]) -> None:
    page = Page(ok(run(runner, "--html", *args, facts=FACTS)).stdout)
    data = json.loads(page.json_block("tda-map-data"))
    base = load_checked(FACTS)
    record_filter = RecordFilter.from_options(
        since=args[1] if args[0] == "--since" else None,
        until=args[1] if args[0] == "--until" else None,
        countries=[args[1]] if args[0] == "--country" else [],
        categories=[args[1]] if args[0] == "--category" else [],
        statuses=[args[1]] if args[0] == "--status" else [],
    )
    assert data == map_data(base, record_filter)
    events = {f["id"] for f in data["features"] if f["layer"] == "events"}
    assert events == {e.id for e in record_filter.events(base) if e.places}
    assert data["selection"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "warning: no record matches the filters; the map shows only the base map"),
        (["--story"], NO_EVENTS),
    ],
)
def test_nothing_kept_warns(runner: CliRunner, args: list[str], message: str) -> None:
    result = ok(
        run(runner, "--html", *args, "--country", "US", "--since", "1990", "--until", "1991")
    )
    assert result.stderr.splitlines() == [message]
    assert result.stdout.startswith("<!DOCTYPE html>")


def test_palette_is_okabe_ito() -> None:
    assert set(GROUP_COLOURS.values()) <= OKABE_ITO
    assert set(STATUS_COLOURS.values()) - OKABE_ITO == {"#999999"}  # outdated: grey
    assert len(set(GROUP_COLOURS.values())) == len(GROUP_COLOURS)


def test_shipped_base_map_is_what_the_script_makes_from_the_boundaries() -> None:
    spec = importlib.util.spec_from_file_location("make_basemap", ROOT / "scripts/make_basemap.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    shipped = (ROOT / "tda_export/data" / BASE_MAP).read_bytes()
    assert script.encode(script.compute()) == shipped, "run python scripts/make_basemap.py"
    assert base_map() == script.compute()


def test_base_map_is_every_bundled_country_at_a_web_weight() -> None:
    data = base_map()
    assert [c["code"] for c in data["countries"]] == country_codes()
    assert all(c["coordinates"] for c in data["countries"])
    assert len(data["states"]) > 500
    assert len(json.dumps(data, separators=(",", ":"))) < 650_000


def test_story_page_counts_its_slides() -> None:
    out = io.StringIO()
    assert write_story_page(load_checked(SMALL), out) == len(load_checked(SMALL).events)


@pytest.mark.parametrize("facts", [SMALL, FACTS], ids=["small", "real"])
def test_page_data_is_one_document_with_its_count(facts: Path) -> None:
    base = load_checked(facts)
    text, count = map_json(base)
    data = map_data(base)
    assert count == len(data["features"]) > 0
    assert text == script_safe(msgspec.json.encode(data, order="sorted").decode())


@pytest.mark.parametrize(
    "point", [[-66.9, 10.5], [1e-05, 10.5], [0.0, -0.0], [1e16, 1.0], [-0.0001, 2.5]]
)
def test_a_point_reads_back_as_the_same_numbers(point: list[float]) -> None:
    """msgspec writes its own float text (``0.00001`` where json writes ``1e-05``): the
    numbers a page's JSON.parse reads are the same."""
    feature = {"point": point, "name": "Caracas <b>", "id": "x"}
    assert json.loads(msgspec.json.encode(feature)) == feature
