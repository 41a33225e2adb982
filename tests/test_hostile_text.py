"""Hostile text in every field comes out of every export valid and inert.

``tests/fixtures/hostile`` is a complete fact base whose every text holds quotes of every
kind, ``<script>``, ``</script>``, ``]]>``, ``&``, formula prefixes, control characters,
direction marks, emoji and 20,000-character strings (see its README). It is built once with
``build`` and each output is checked by its own validator or client, and read back:

- KML (and the KMZ's ``doc.kml``): well formed, valid against the OGC KML 2.2 schema
  (xmllint), names and data equal to the facts (XML cannot hold most control characters:
  they become U+FFFD), balloons whose only markup is our own;
- GeoJSON: valid JSON and valid against the GeoJSON schema, every text equal to the facts;
- TimelineJS JSON: every fact ``<``, ``>``, ``&`` escaped, only our own markup;
- the embed page: the facts cannot end the JSON block; the only scripts are ours; in
  Chromium with the real TimelineJS no fact script runs;
- iCalendar: parsed by icalendar, vobject and Radicale; lines folded at 75 octets without
  splitting a character; no bare CR or LF; control characters dropped;
- CSV: no text cell starts with ``= + - @``, tab or CR; each reads back to the facts with
  :func:`~tda_export.formats.tables.cells.restore`; LibreOffice makes no formula of any cell.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import icalendar
import jsonschema
import pytest
import vobject
from click.testing import CliRunner
from conftest import SCHEMAS, require_tool
from rows import table_rows
from test_ical_validators import radicale_check
from test_spreadsheet_clients import CSV_IMPORT, read_sheet
from test_timeline_browser import PAGE_TITLE, Site, read, render, timelinejs_dist
from test_timeline_browser import site as _site

from tda_export import build as bd
from tda_export.cli import cli
from tda_export.factbase import FactBase
from tda_export.formats.chronologies.ical import clean
from tda_export.formats.chronologies.timeline import TITLE_ID
from tda_export.formats.maps.kml import icon_files
from tda_export.formats.tables.cells import FORMULA_TRIGGERS, restore
from tda_export.formats.tables.columns import TABLES
from tda_export.formats.words import needs_words
from tda_export.models import Actor, Event, Figure, Place, Presence, Record, Source
from tda_export.text import isolate
from tda_export.validation import load_checked

site = _site  # the served-folder fixture of the browser tests

HERE = Path(__file__).parent
HOSTILE = HERE / "fixtures" / "hostile"
FACTS = HOSTILE / "facts"
ARCHIVE = HOSTILE / "archive"
KML_NS = {"k": "http://www.opengis.net/kml/2.2"}

#: What every (short) hostile text holds.
#: Fields whose text is a list item, which may not hold the list separator "; ".
LIST_ITEMS = frozenset({"Source.authors", "Place.alternate_names", "Actor.aliases"})
PIECES = (
    '"double"',
    "'single'",
    "“curly”",
    "‘curly’",
    "<script>alert(1)</script>",
    "</script><script>document.title='PWNED'</script><!--",
    "]]>",
    "&amp; & &lt;b&gt;",
    "onerror=",
    "\x00",
    "\x07",
    "\x1b",
    "\x85",
    "\u202e",
    "\u200f",
    "\u2028",
    "\u2029",
    "\ufffe",
    "🚂",
    "🇻🇪",
    "\u200d",
    "\r\n",
    "\\u003c",
)
#: The text fields of each kind, and the longest text the schema accepts.
TEXT_FIELDS: dict[type[Record], tuple[str, ...]] = {
    Source: ("publisher", "title", "authors", "note"),
    Place: ("name", "alternate_names", "note"),
    Actor: ("name", "aliases", "role", "note"),
    Event: ("title", "summary", "note"),
    Presence: ("note",),
    Figure: ("label", "unit", "attributed_to", "note"),
}
LONGEST = 20_000
#: List items that hold one hostile piece only (the lists' other items hold them all).
PARTIAL = {
    (
        "venezuela",
        "Place.alternate_names",
    ): "🚂 🇻🇪 👨\u200d👩\u200d👧\u200d👦 🏳\ufe0f\u200d🌈 e\u0301",
    ("hostile-leader", "Actor.aliases"): "<script>alert(1)</script>",
}
#: XML 1.0 cannot hold these; the KML writer puts U+FFFD in their place.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: Control characters an iCalendar TEXT value must not hold (tab and LF are written escaped).
NOT_ICAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


# -- the fact base and its build ---------------------------------------------------------------
@pytest.fixture(scope="module")
def base() -> FactBase:
    return load_checked(FACTS, ARCHIVE)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile") / "outputs"
    bd.build(FACTS, out, ARCHIVE)
    return out


def texts(base: FactBase) -> Iterator[tuple[str, str, str]]:
    """Every text of the base: record id, field (``Event.title``, ``quote`` ...), text."""
    for rec in base.all():
        kind = type(rec).__name__
        for name in TEXT_FIELDS[type(rec)]:
            value = getattr(rec, name)
            for item in value if isinstance(value, list) else [value]:
                if item is not None:
                    yield rec.id, f"{kind}.{name}", item
        for key in ("date", "period", "as_of", "published"):
            fuzzy = getattr(rec, key, None)
            for extra in ("display", "note"):
                if fuzzy is not None and getattr(fuzzy, extra) is not None:
                    yield rec.id, f"{kind}.{key}.{extra}", getattr(fuzzy, extra)
        claims = rec.relations if isinstance(rec, Actor) else [rec]
        for claim in claims:
            if claim is not rec and claim.note is not None:
                yield rec.id, "relation.note", claim.note
            for cit in getattr(claim, "citations", []):
                yield rec.id, "quote", cit.quote
                if cit.note is not None:
                    yield rec.id, "citation.note", cit.note
                if cit.claimant is not None:
                    yield rec.id, "claimant.name", cit.claimant.name


def test_every_text_field_is_hostile(runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["check", "--facts", str(FACTS), "--archive", str(ARCHIVE)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert ": 0 problem(s), 0 warning(s);" in result.stdout
    base = load_checked(FACTS, ARCHIVE)
    found = list(texts(base))
    fields = {field for _, field, _ in found}
    every = {f"{kind.__name__}.{name}" for kind, names in TEXT_FIELDS.items() for name in names}
    dated = {"Event.date", "Presence.period", "Figure.as_of"}
    every |= {f"{key}.{extra}" for key in dated for extra in ("display", "note")}
    every |= {"quote", "citation.note", "relation.note", "claimant.name"}
    assert fields == every
    leads = set()
    for record_id, field, text in found:
        if len(text) >= 5_000:  # the long ones: markup and quotes, as long as allowed
            assert "<b>&amp;</b>" in text and "]]>" in text, (record_id, field)
            continue
        if PARTIAL.get((record_id, field)) == text:
            continue
        pieces = PIECES
        if field in LIST_ITEMS:  # "; " separates list items: ";" and a no-break space here
            pieces = tuple(piece.replace("; ", ";\u00a0") for piece in PIECES)
        missing = [piece for piece in pieces if piece not in text]
        assert not missing, (record_id, field, missing)
        leads.add(text[:1])
    assert set(FORMULA_TRIGGERS) <= leads
    assert max(len(text) for _, _, text in found) == LONGEST
    assert "<script>" in base.sources[0].url  # type: ignore[operator]


# -- KML ------------------------------------------------------------------------------------------
def xml_expected(text: str) -> str:
    """``text`` as an XML parser reads it back: invalid characters as U+FFFD, CR as LF."""
    return NOT_XML.sub("\ufffd", text).replace("\r\n", "\n").replace("\r", "\n")


class Markup(HTMLParser):
    """Tags, attributes and text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def markup(fragment: str) -> Markup:
    parser = Markup()
    parser.feed(fragment)
    parser.close()
    return parser


def assert_only_our_markup(fragment: str, allowed: set[str]) -> Markup:
    """Only ``allowed`` tags, no event handler, links only to http(s)."""
    parsed = markup(fragment)
    for tag, attrs in parsed.tags:
        assert tag in allowed, (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name == "href":
                assert value is not None and re.match(r"https?://", value), value
    return parsed


@pytest.mark.client
@pytest.mark.parametrize("name", ["tren-de-aragua.kml", "tren-de-aragua.kmz"])
def test_kml_is_well_formed_and_valid(built: Path, name: str, tmp_path: Path) -> None:
    xmllint = require_tool("xmllint")
    xsd = SCHEMAS / "kml" / "ogckml22.xsd"
    path = built / name
    if name.endswith(".kmz"):
        with zipfile.ZipFile(path) as kmz:
            assert kmz.namelist() == ["doc.kml", *icon_files()]
            (tmp_path / "doc.kml").write_bytes(kmz.read("doc.kml"))
        path = tmp_path / "doc.kml"
    ET.parse(path)  # well formed
    done = subprocess.run(
        [xmllint, "--noout", "--nonet", "--schema", str(xsd), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def test_kml_names_and_data_read_back(built: Path, base: FactBase) -> None:
    root = ET.parse(built / "tren-de-aragua.kml").getroot()
    from tda_export.formats.maps.context import layer_features

    labels = {
        f"{layer}.{f.key}": str(f.properties["label"])
        for layer in ("presence", "events", "places")
        for f in layer_features(base, layer)
    }
    placemarks = {p.attrib["id"]: p for p in root.iter(f"{{{KML_NS['k']}}}Placemark")}
    assert len([k for k in placemarks if "-area." not in k]) == 12
    for key, mark in placemarks.items():
        _, record_id = key.split(".", 1)
        rec = base.by_id[record_id.split(".")[0]]
        data = {d.attrib["name"]: d.text or "" for d in mark.iter(f"{{{KML_NS['k']}}}SimpleData")}
        name = mark.find("k:name", KML_NS)
        assert name is not None
        assert name.text == xml_expected(labels[key.replace("-area.", ".", 1)])
        if isinstance(rec, Event):
            assert data["title"] == xml_expected(rec.title)
            assert data["summary"] == xml_expected(rec.summary)
        elif isinstance(rec, Place):
            assert data["title"] == xml_expected(rec.name)
        else:
            assert isinstance(rec, Presence)
            assert data["title"] == xml_expected(base.place(rec.place).name)
        assert data.get("note") == (xml_expected(rec.note) if rec.note else None)  # type: ignore[attr-defined]


def test_kml_balloons_hold_only_our_markup(built: Path, base: FactBase) -> None:
    root = ET.parse(built / "tren-de-aragua.kml").getroot()
    allowed = {"h3", "p", "table", "tr", "th", "td", "i", "b", "a", "br", "ol", "li"}
    descriptions = [d.text or "" for d in root.iter(f"{{{KML_NS['k']}}}description")]
    placemarks = list(root.iter(f"{{{KML_NS['k']}}}Placemark"))
    assert len(descriptions) == 1 + len(placemarks) > 13  # the legend and each placemark
    for text in descriptions[1:]:
        parsed = assert_only_our_markup(text, allowed)
        assert "<script>alert(1)</script>" in parsed.text  # shown as text
        assert "\ufffd" in parsed.text  # the control characters, replaced


# -- GeoJSON --------------------------------------------------------------------------------------
@pytest.mark.parametrize("layer", ["presence", "events", "places"])
def test_geojson_is_valid_and_reads_back(built: Path, base: FactBase, layer: str) -> None:
    schema = json.loads(
        (SCHEMAS / "geojson" / "FeatureCollection.json").read_text(encoding="utf-8")
    )
    data = json.loads((built / f"{layer}.geojson").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(data)
    assert data["features"]
    for feature in data["features"]:
        props = feature["properties"]
        rec = base.by_id[props["id"]]
        if isinstance(rec, Event):
            assert (props["name"], props["summary"]) == (rec.title, rec.summary)
        elif isinstance(rec, Place):
            assert props["name"] == rec.name
            assert props["alternate_names"] == ("; ".join(rec.alternate_names) or None)
        assert props["note"] == getattr(rec, "note", None)


#: Labels (40 characters at most) of texts that start with characters of several code
#: points across the cut: a flag (two regional indicators), a family joined by ZWJ, a
#: thumb with its skin tone, a letter with its accent. Cut between characters, never in one.
FLAG, FAMILY, THUMB = "\U0001f1fb\U0001f1ea", "👨\u200d👩\u200d👧\u200d👦", "👍🏽"
CUT_LABELS = {
    ("events", "hostile-day"): FLAG * 9 + "\u2026",  # after "Place — ": not half a flag
    # after "Place — " and before " (alleged)": no dangling ZWJ
    ("events", "hostile-since"): FAMILY + "\u2026",
    ("presence", "presence-aragua"): THUMB * 19 + "\u2026",  # was ... and a lone thumb
    ("places", "aragua"): THUMB * 19 + "\u2026",
    ("places", "lima"): "a" * 38 + "\u2026",  # was 38 a's and an e without its accent
}


@pytest.mark.parametrize("layer", ["presence", "events", "places"])
def test_labels_are_cut_between_characters(built: Path, base: FactBase, layer: str) -> None:
    import regex

    data = json.loads((built / f"{layer}.geojson").read_text(encoding="utf-8"))
    place_names = [" ".join(place.name.split()) for place in base.places]
    for feature in data["features"]:
        props = feature["properties"]
        label, flat = props["label"], " ".join(props["name"].split())
        assert len(label) <= 40
        if layer == "events" and props["status"] != "reported":  # the label says the status
            assert label.endswith(f" ({props['status']})"), props["id"]
            label = label.removesuffix(f" ({props['status']})")
        if layer == "events" and " \u2014 " in label and " \u2014 " not in flat:
            where, label = label.split(" \u2014 ", 1)  # one place of several: "Place — title"
            kept = regex.findall(r"\X", where.removesuffix("\u2026"))
            assert any(kept == regex.findall(r"\X", name)[: len(kept)] for name in place_names), (
                props["id"]
            )
        if (layer, props["id"]) in CUT_LABELS:
            assert label == CUT_LABELS[layer, props["id"]]
        kept = regex.findall(r"\X", label.removesuffix("\u2026"))
        assert kept == regex.findall(r"\X", flat)[: len(kept)], props["id"]
    assert {key for key in CUT_LABELS if key[0] == layer} <= {
        (layer, f["properties"]["id"]) for f in data["features"]
    }


def test_geojson_sequence_records_are_valid(runner: CliRunner, base: FactBase) -> None:
    schema = json.loads((SCHEMAS / "geojson" / "Feature.json").read_text(encoding="utf-8"))
    result = runner.invoke(
        cli,
        ["geojson", "--facts", str(FACTS), "--layer", "events", "--seq"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    records = result.stdout.split("\x1e")
    assert records[0] == ""
    for record in records[1:]:
        assert record.endswith("\n") and "\n" not in record[:-1]  # one line: LF in text escaped
        jsonschema.Draft7Validator(schema).validate(json.loads(record))


# -- TimelineJS and the embed page ----------------------------------------------------------------
SLIDE_TAGS = {"p", "br", "figure", "blockquote", "figcaption", "cite", "a", "ul", "li"}


def test_timeline_json_escapes_every_fact(built: Path, base: FactBase) -> None:
    data = json.loads((built / "timeline.json").read_text(encoding="utf-8"))
    slides = {s["unique_id"]: s for s in data["events"]}
    assert sorted(slides) == sorted(e.id for e in base.events)
    for event in base.events:
        slide = slides[event.id]
        headline = slide["text"]["headline"]
        assert not set("<>") & set(headline)
        assert html.unescape(headline) == event.title
        parsed = assert_only_our_markup(slide["text"]["text"], SLIDE_TAGS)
        for text in (event.summary, *(c.quote for c in event.citations)):  # paragraphs
            assert text in parsed.text
        assert event.note is None or f"Note: {isolate(event.note)}" in parsed.text  # joined
        if needs_words(event.date):
            shown = slide["display_date"]
            assert not set("<>") & set(html.unescape(shown))  # still escaped once decoded
            assert html.unescape(html.unescape(shown)) == event.date.words()
    title = data["title"]
    assert title["unique_id"] == TITLE_ID
    assert_only_our_markup(title["text"]["text"], SLIDE_TAGS)


class Page(HTMLParser):
    """The script elements of a page, with their text, and every tag in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tags: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def test_embed_page_cannot_be_broken_out_of(built: Path) -> None:
    page_text = (built / "timeline.html").read_text(encoding="utf-8")
    page = Page()
    page.feed(page_text)
    page.close()
    assert page.tags == [
        "html", "head", "meta", "meta", "meta", "link", "title", "style", "style",
        "body", "div", "noscript", "p", "script", "script", "script",
    ]  # fmt: skip
    (data_attrs, data), (lib_attrs, lib), (start_attrs, start) = page.scripts
    assert data_attrs == {"type": "application/json", "id": "timeline-data"}
    assert lib_attrs == {} and lib.startswith("\n/* @knight-lab/timelinejs 3.9.11")
    assert start_attrs == {} and "new TL.Timeline(" in start and "PWNED" not in start
    assert not set("<>&\u2028\u2029") & set(data)
    expected = json.loads((built / "timeline.json").read_text(encoding="utf-8"))
    assert json.loads(data) == expected


def test_hostile_timeline_runs_no_fact_script(site: Site, tmp_path: Path, built: Path) -> None:
    """The page in Chromium with the real TimelineJS: every slide shows, nothing runs."""
    timelinejs_dist()
    probe = (
        '<script>window.timeline.on("ready", function () {'
        'var p = document.createElement("pre"); p.id = "tl-errors";'
        "p.textContent = JSON.stringify(window.timeline.config.getErrors());"
        "document.body.appendChild(p);});</script>"
    )
    page = (built / "timeline.html").read_text(encoding="utf-8")
    end = page.rindex("</body>")  # the last: TimelineJS's own code holds the string too
    (site.root / "page.html").write_text(page[:end] + probe + page[end:], "utf-8")
    shown = read(render(site, "page.html", tmp_path))
    assert shown.title == PAGE_TITLE  # no fact's script or handler ran
    assert shown.state == "ready"
    assert shown.errors == []
    base = load_checked(FACTS)
    order = sorted(base.events, key=lambda e: (e.date.sort_key, e.id))
    assert [s[0] for s in shown.slides] == [TITLE_ID, *(e.id for e in order)]
    scripts = [n for n in shown.root.walk() if n.tag == "script"]
    assert len(scripts) == 4  # data, timeline.js, start-up, probe
    for slide in shown.root.find("tl-slide"):
        tags = {node.tag for node in slide.walk()}
        assert not tags & {"script", "img", "iframe", "svg"}, slide.attrs.get("id")
    seen = shown.root.all_text()
    assert "<script>alert(1)</script>" in seen  # shown as text


# -- iCalendar ------------------------------------------------------------------------------------
def test_ics_parses_and_keeps_the_text(built: Path, base: FactBase) -> None:
    data = (built / "tren-de-aragua.ics").read_bytes()
    cal = icalendar.Calendar.from_ical(data)
    assert [(c.name, c.errors) for c in cal.walk() if c.errors] == []
    assert cal.to_ical() == data
    events = {str(e["UID"]).removesuffix("@tda-export"): e for e in cal.walk("VEVENT")}
    assert sorted(events) == sorted(e.id for e in base.events)
    for event in base.events:
        vevent = events[event.id]
        summary = str(vevent["SUMMARY"])
        description = str(vevent["DESCRIPTION"])
        shown = summary.replace("\u2068", "").replace("\u2069", "").split(" (")[0]
        head = shown.removesuffix("\u2026")  # the marker label, or the title cut to fit
        expected = clean(event.label or event.title).replace("\u2068", "").replace("\u2069", "")
        assert head and " ".join(expected.split()).startswith(" ".join(head.split())), event.id
        assert clean(event.title) in description and clean(event.summary) in description
        for value in (summary, description, str(vevent.get("LOCATION", ""))):
            assert not NOT_ICAL.search(value)
    text = data.decode("utf-8")
    cal_v = vobject.readOne(text, validate=True)
    assert len(cal_v.contents["vevent"]) == len(base.events)
    assert len(radicale_check(text)) == len(base.events)


def test_ics_lines_are_folded_and_escaped(built: Path) -> None:
    data = (built / "tren-de-aragua.ics").read_bytes()
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    assert max(len(line) for line in lines) == 75  # long texts are folded at 75 octets
    for line in lines:
        assert len(line) <= 75
        assert b"\r" not in line and b"\n" not in line
        line.decode("utf-8")  # a fold never splits a character
    folded = [line for line in lines if line[:1] in (b" ", b"\t")]
    assert len(folded) > 100


# -- CSV ------------------------------------------------------------------------------------------
def expected_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


@pytest.mark.parametrize("name", TABLES)
def test_csv_cells_are_inert_and_read_back(built: Path, base: FactBase, name: str) -> None:
    with open(built / f"{name}.csv", encoding="utf-8-sig", newline="") as fobj:  # a BOM first
        rows = list(csv.reader(fobj))
    table = TABLES[name]
    assert rows[0] == table.header
    expected = list(table_rows(base, name))
    assert len(rows) == len(expected) + 1
    checked = 0
    for row, values in zip(rows[1:], expected, strict=True):
        for column, got in zip(table.columns, row, strict=True):
            value = values[column.name]
            if column.type != "string" or value is None:
                continue
            assert got[:1] not in FORMULA_TRIGGERS, (name, column.name, got[:20])
            assert restore(got) == expected_cell(value), (name, column.name)
            checked += 1
    assert checked


@pytest.fixture(scope="module")
def sheets(built: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    soffice = require_tool("soffice")
    folder = tmp_path_factory.mktemp("hostile-calc")
    for name in TABLES:
        shutil.copy(built / f"{name}.csv", folder / f"{name}.csv")
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", f"--infilter={CSV_IMPORT}",
         "--convert-to", "xlsx", "--outdir", str(folder / "xlsx"),
         *(str(folder / f"{name}.csv") for name in TABLES)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return {name: read_sheet(folder / "xlsx" / f"{name}.xlsx") for name in TABLES}


#: Text of date columns that LibreOffice reads as a date (``2023``, ``September 2023``).
PLAIN_DATE = re.compile(r"^(\d{4}(-\d{2}){0,2}|[A-Z][a-z]+ \d{4})$")


def as_calc_keeps(cell: str) -> str:
    """A CSV cell as LibreOffice keeps it: CR and CRLF become LF, NUL is dropped."""
    return cell.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def xlsx_text(value: str) -> str:
    """Undo the ``_xHHHH_`` escapes xlsx uses for control characters."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), value)


@pytest.mark.client
@pytest.mark.parametrize("name", TABLES)
def test_libreoffice_runs_no_cell(sheets: dict[str, Any], built: Path, name: str) -> None:
    rows = sheets[name]
    with open(built / f"{name}.csv", encoding="utf-8-sig", newline="") as fobj:  # a BOM first
        source = list(csv.reader(fobj))
    assert len(rows) == len(source)
    assert [c for row in rows for c in row.values() if c.formula] == []
    for row, cells in zip(rows, source, strict=True):
        for index, text in enumerate(cells):
            if text == "" or TABLES[name].columns[index].type != "string":
                continue
            got = row[index]
            if got.kind == "n":  # Calc types a plain date as a date: never fact text
                assert PLAIN_DATE.match(text), (name, index, text[:30])
                continue
            assert got.kind == "s", (name, index, text[:30])
            assert xlsx_text(str(got.value)) == as_calc_keeps(text), (name, index)


def test_excel_variant_is_inert_too(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = runner.invoke(
        cli,
        ["csv", "--facts", str(FACTS), "--table", "events", "--excel", "-o", str(out)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    cells = [c for row in rows[1:] for c in row]
    assert cells and [c for c in cells if c[:1] in FORMULA_TRIGGERS] == []
