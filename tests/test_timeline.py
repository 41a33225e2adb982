"""TimelineJS JSON and the embed page: pure core, escaping, streaming, golden files."""

from __future__ import annotations

import html
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, get_args

import pytest

from tda_export.factbase import FactBase
from tda_export.filters import RecordFilter
from tda_export.formats.chronologies import timeline as tl
from tda_export.formats.pages.embed import library_css, library_script, script_safe
from tda_export.formats.words import GROUPS, date_span, describe_filter
from tda_export.models import Citation, Event
from tda_export.validation import load_checked
from tda_export.vocab import EventCategory

HERE = Path(__file__).parent
CHRONO = HERE / "fixtures" / "chronology" / "facts"
SMALL = HERE / "fixtures" / "small" / "facts"
EXPECTED = HERE / "expected" / "timeline"

CHRONO_IDS = [
    "union-becomes-gang",
    "guerrero-imprisoned-2013",
    "olp-raids",
    "wilmito-killing",
    "sucre-expansion",
    "tocoron-raid",
    "santiago-arrests",
    "markup-test",
    "guiria-control",
]


@pytest.fixture(scope="module")
def chrono() -> FactBase:
    return load_checked(CHRONO)


@pytest.fixture(scope="module")
def small() -> FactBase:
    return load_checked(SMALL)


def event(base: FactBase, event_id: str) -> Event:
    found = base.by_id[event_id]
    assert isinstance(found, Event)
    return found


def make_event(date: str, display: str | None = None, **extra: Any) -> Event:
    fields: dict[str, Any] = {
        "id": "made-up",
        "title": "A made-up event",
        "date": {"value": date, "display": display} if display else date,
        "category": "killing",
        "summary": "Something happened.",
        "status": "reported",
        "citations": [Citation(source="profile", quote="a quote")],
    }
    fields.update(extra)
    return Event(**fields)


def slide_for(small: FactBase, date: str, display: str | None = None) -> dict[str, Any]:
    return tl.Slides(small).slide(make_event(date, display))


def document(base: FactBase, record_filter: RecordFilter | None = None) -> dict[str, Any]:
    """The TimelineJS document as written."""
    out = io.StringIO()
    tl.write_timeline(base, out, record_filter)
    parsed: dict[str, Any] = json.loads(out.getvalue())
    return parsed


# -- dates ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("date", "start", "end", "display"),
    [
        ("2013", {"year": 2013}, None, "2013"),
        ("2017-04", {"year": 2017, "month": 4}, None, "April 2017"),
        # an exact day reads day-month-year, as the text does (not TimelineJS's US style)
        ("2023-09-20", {"year": 2023, "month": 9, "day": 20}, None, "20 September 2023"),
        ("2024-01~", {"year": 2024, "month": 1}, None, "c. January 2024"),
        ("2019?", {"year": 2019}, None, "possibly 2019"),
        ("2015/2017", {"year": 2015}, {"year": 2017}, "2015–2017"),
        ("2018/..", {"year": 2018}, None, "since 2018"),
        ("../2025-03", {"year": 2025, "month": 3}, None, "until March 2025"),
        # TimelineJS puts a bare year on 1 January: the end would come before the start.
        (
            "2024-06/2024",
            {"year": 2024, "month": 6},
            {"year": 2024, "month": 12, "day": 31},
            "June 2024–2024",
        ),
    ],
)
def test_slide_dates_keep_precision(
    small: FactBase,
    date: str,
    start: dict[str, int],
    end: dict[str, int] | None,
    display: str,
) -> None:
    slide = slide_for(small, date)
    assert slide["start_date"] == start
    assert slide.get("end_date") == end
    assert slide["display_date"] == display


def test_display_wording_wins(small: FactBase) -> None:
    slide = slide_for(small, "2024-06/2024-08", display="summer 2024")
    assert slide["display_date"] == "summer 2024"
    assert slide["start_date"] == {"year": 2024, "month": 6}
    assert slide["end_date"] == {"year": 2024, "month": 8}


def test_no_empty_or_missing_dates(chrono: FactBase) -> None:
    doc = document(chrono)
    for slide in doc["events"]:
        assert slide["start_date"]["year"] > 0
        assert slide.get("end_date", {"year": 1}) != {}
        for key in ("start_date", "end_date"):
            if key in slide:
                assert set(slide[key]) <= {"year", "month", "day"}
                assert all(isinstance(v, int) for v in slide[key].values())
    for era in doc["eras"]:
        assert era["start_date"] and era["end_date"]


# -- document ----------------------------------------------------------------------------
def test_document_shape(chrono: FactBase) -> None:
    doc = document(chrono)
    assert doc["scale"] == "human"
    assert [s["unique_id"] for s in doc["events"]] == CHRONO_IDS
    assert doc["title"]["unique_id"] == tl.TITLE_ID
    assert "start_date" not in doc["title"]
    assert {s["group"] for s in doc["events"]} == {
        "Origins and prison",
        "State response",
        "Expansion and crime",
        "Reports",
    }


def test_groups_cover_every_category_and_stay_few() -> None:
    assert set(GROUPS) == set(get_args(EventCategory))
    assert len(set(GROUPS.values())) <= 4
    # TimelineJS decodes group names once before using them as HTML: keep them plain.
    assert not any(set(g) & set("<>&\"'") for g in GROUPS.values())


def test_title_slide_describes_base_selection_and_sources(chrono: FactBase) -> None:
    title = document(chrono)["title"]
    assert title["text"]["headline"] == "Tren de Aragua: a sourced chronology"
    body = title["text"]["text"]
    assert body.startswith("<p>9 events from the tda-export fact base")
    assert "Selection" not in body
    assert "<li>InSight Crime, <cite>Tren de Aragua</cite></li>" in body
    assert (
        "<li>Example News &amp; Co &lt;Wire&gt;, <cite><a href="
        '"https://example.org/report?id=1&amp;lang=en&quot;onmouseover=x" target="_blank" '
        'rel="noopener noreferrer">Gang report "A&amp;B" &lt;/script&gt;</a></cite> '
        "(10 March 2025)</li>"
    ) in body

    selected = RecordFilter.from_options(countries=["cl"], since="2024")
    doc = document(chrono, selected)
    body = doc["title"]["text"]["text"]
    assert body.startswith("<p>1 event from")
    assert "<p>Selection: since 2024; countries CL.</p>" in body
    assert "InSight Crime" not in body  # only the sources the kept events cite


def test_describe_filter() -> None:
    assert describe_filter(RecordFilter()) is None
    selected = RecordFilter.from_options(
        "2020", "2024-03", ["ve", "CO"], ["killing"], ["alleged", "disputed"]
    )
    assert describe_filter(selected) == (
        "since 2020; until March 2024; countries CO, VE; categories killing; "
        "statuses alleged, disputed"
    )


def test_slide_text(chrono: FactBase) -> None:
    """Status, summary and the first quote first; then places, date, notes, related."""
    slide = tl.Slides(chrono).slide(event(chrono, "santiago-arrests"))
    assert slide["text"]["headline"] == "Arrests in Santiago"
    assert slide["label"] == "Arrests in Santiago"  # no label: the title
    assert slide["text"]["text"] == (
        '<p class="tda-status tda-status-disputed">Disputed: sources disagree \u00b7 arrest</p>'
        '<p class="tda-summary">Police arrested suspected members in Santiago.</p>'
        '<figure class="tda-citation"><blockquote><p>arrested in Santiago</p></blockquote>'
        "<figcaption>— Example News &amp; Co &lt;Wire&gt;, <cite><a href="
        '"https://example.org/report?id=1&amp;lang=en&quot;onmouseover=x" target="_blank" '
        'rel="noopener noreferrer">Gang report "A&amp;B" &lt;/script&gt;</a></cite> '
        "(10 March 2025)</figcaption></figure>"
        '<p class="tda-note">Note on this citation: The police and the prosecutors give '
        "different numbers.</p>"
        '<p class="tda-meta">Places: Santiago, Chile; Chile<br>'
        "Date: c. January 2024 (the sources give the month only; approximate).</p>"
    )


def test_slide_says_who_makes_the_claim(small: FactBase) -> None:
    """An attributed or hedged claim says so in words above its quote."""
    slides = tl.Slides(small)
    assert slides.citation(event(small, "sucre-expansion").citations[0]).startswith(
        '<figure class="tda-citation"><p class="tda-attribution">According to sources '
        "interviewed by InSight Crime on condition of anonymity, cited by InSight Crime:</p>"
        "<blockquote><p>Since "
        "2018, the gang began its expansion to Sucre</p></blockquote>"
    )
    assert (
        '<p class="tda-attribution">Alleged, according to InSight Crime:</p>'
        in (slides.slide(event(small, "wilmito-killing"))["text"]["text"])
    )
    assert "tda-attribution" not in slides.slide(event(small, "tocoron-raid"))["text"]["text"]


def test_see_also_links_to_slides_it_has(chrono: FactBase) -> None:
    """A related event kept by the selection is a link to its slide; others are words."""
    doc = document(chrono)
    [raid] = [s for s in doc["events"] if s["unique_id"] == "tocoron-raid"]
    assert raid["text"]["text"].endswith(
        '<p class="tda-see">See also: <a href="#event-guerrero-imprisoned-2013">'
        "Guerrero imprisoned in Tocorón (2013)</a>; Tocorón prison.</p>"
    )
    selected = RecordFilter.from_options(since="2023")
    [raid] = [s for s in document(chrono, selected)["events"] if s["unique_id"] == "tocoron-raid"]
    assert raid["text"]["text"].endswith(
        '<p class="tda-see">See also: Guerrero imprisoned in Tocorón (2013); Tocorón prison.</p>'
    )


# -- escaping ------------------------------------------------------------------------------
ALLOWED_TAGS = {"p", "br", "figure", "blockquote", "figcaption", "cite", "a", "ul", "li"}


class TagCollector(HTMLParser):
    """Every start tag with its attributes, and all text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text += data

    def handle_comment(self, data: str) -> None:
        raise AssertionError(f"comment in generated HTML: {data!r}")


def parse_html(text: str) -> TagCollector:
    parser = TagCollector()
    parser.feed(text)
    parser.close()
    return parser


def all_html_fields(doc: dict[str, Any]) -> list[str]:
    slides = [*doc["events"], doc["title"]]
    fields = [s["text"][k] for s in slides for k in ("headline", "text")]
    return fields + [e["text"]["headline"] for e in doc["eras"]]


def test_only_our_markup_survives(chrono: FactBase) -> None:
    doc = document(chrono)
    for field in all_html_fields(doc):
        parsed = parse_html(field)
        for tag, attrs in parsed.tags:
            assert tag in ALLOWED_TAGS, (tag, field)
            for name, value in attrs:
                if tag == "a" and name == "href":
                    assert value is not None
                    assert value.startswith(("https://", "#event-")), value
                elif tag == "a":
                    assert (name, value) in {
                        ("target", "_blank"),
                        ("rel", "noopener noreferrer"),
                    }
                else:
                    assert name == "class"
                    assert value is not None and value.startswith("tda-")


def test_hostile_strings_come_out_as_text(chrono: FactBase) -> None:
    slide = tl.Slides(chrono).slide(event(chrono, "markup-test"))
    headline = parse_html(slide["text"]["headline"])
    assert headline.tags == []
    assert headline.text == (
        """<img src=x onerror="document.title='PWNED-headline'"> Tom & Jerry's "gang\""""
    )
    body = parse_html(slide["text"]["text"])
    assert "</script><script>document.title='PWNED-summary'</script> <!-- a & b" in body.text
    assert """<svg onload="document.title='PWNED-quote'"> &amp; ]]> -->""" in body.text
    assert """<iframe src="javascript:document.title='PWNED-iframe'"></iframe>""" in body.text
    assert """<a href="javascript:alert(1)">click</a>""" in body.text


def test_display_date_is_still_inert_after_timelinejs_decodes_it(chrono: FactBase) -> None:
    display = tl.Slides(chrono).slide(event(chrono, "markup-test"))["display_date"]
    once = html.unescape(display)  # what TimelineJS 3.9.11 hands to innerHTML
    assert "<" not in once
    assert parse_html(once).tags == []
    assert parse_html(once).text == (
        """<b id="tda-injected">summer</b> & <img src=x onerror="document.title='PWNED-date'">"""
        " 2024"
    )
    assert tl.esc_plain("Tom & Jerry") == "Tom &amp;amp; Jerry"


# -- eras ----------------------------------------------------------------------------------
def test_eras_clipped_to_the_data(chrono: FactBase, small: FactBase) -> None:
    def spans(base: FactBase, **options: Any) -> list[tuple[str, str, str]]:
        eras = document(base, RecordFilter.from_options(**options))["eras"]
        return [
            (
                e["text"]["headline"],
                "{year:04d}-{month:02d}-{day:02d}".format(**e["start_date"]),
                "{year:04d}-{month:02d}-{day:02d}".format(**e["end_date"]),
            )
            for e in eras
        ]

    assert spans(chrono) == [
        ("Origins", "2005-01-01", "2013-01-01"),
        ("The Tocorón years", "2013-01-01", "2023-09-20"),
        ("After the Tocorón raid", "2023-09-20", "2025-03-31"),
    ]
    # the small base ends on the day of the raid: no era after it
    assert [e[0] for e in spans(small)] == ["Origins", "The Tocorón years"]
    # "since 2018" is kept by --since 2024 (it overlaps) and is placed on 2018
    assert [e[0] for e in spans(chrono, since="2024")] == [
        "The Tocorón years",
        "After the Tocorón raid",
    ]
    assert spans(chrono, countries=["CL"]) == [
        ("After the Tocorón raid", "2024-01-01", "2024-01-31")
    ]
    # an open-ended date is kept by any later --since, placed on its known start
    assert spans(chrono, since="2030") == [("The Tocorón years", "2018-01-01", "2018-12-31")]
    assert spans(chrono, countries=["US"]) == []


# -- writing -------------------------------------------------------------------------------
@pytest.mark.parametrize("options", [{}, {"since": "2024"}, {"countries": ["US"]}])
def test_count_is_the_event_slides(chrono: FactBase, options: dict[str, Any]) -> None:
    out = io.StringIO()
    count = tl.write_timeline(chrono, out, RecordFilter.from_options(**options))
    assert count == len(json.loads(out.getvalue())["events"])


def test_write_timeline_counts_event_slides(small: FactBase) -> None:
    assert tl.write_timeline(small, io.StringIO()) == 6
    assert tl.write_timeline(small, io.StringIO(), RecordFilter.from_options(since="2030")) == 0


@pytest.mark.parametrize("name", ["small", "chronology"])
def test_golden_json(name: str) -> None:
    base = load_checked(HERE / "fixtures" / name / "facts")
    out = io.StringIO()
    tl.write_timeline(base, out)
    assert out.getvalue() == (EXPECTED / f"{name}.json").read_text(encoding="utf-8")


class Writes(io.StringIO):
    """A text file that keeps each piece written to it."""

    def __init__(self) -> None:
        super().__init__()
        self.pieces: list[str] = []

    def write(self, text: str) -> int:
        self.pieces.append(text)
        return super().write(text)


def test_json_is_written_a_slide_at_a_time(chrono: FactBase) -> None:
    """Each slide is written on its own, as one line; no write holds the document."""
    out = Writes()
    assert tl.write_timeline(chrono, out) == 9
    doc = json.loads(out.getvalue())
    lines = out.getvalue().split("\n")  # not splitlines(): the text holds U+2028
    assert lines[1] == '"events":[' and lines[-4:] == ["],", '"scale":"human",', lines[-2], ""]
    slides = [json.loads(line.rstrip(",")) for line in lines[2:-4]]
    assert slides == doc["events"]
    assert len(out.pieces) == len(slides) + 3  # opening, each slide, closing, newline
    assert [json.loads(piece.lstrip(",\n")) for piece in out.pieces[1:-2]] == slides
    assert out.getvalue() == tl.timeline_json(chrono)[0] + "\n"  # the pages' text


# -- embed page ----------------------------------------------------------------------------
DATA_BLOCK = re.compile(
    r'<script type="application/json" id="timeline-data">\n(.*?)</script>', re.DOTALL
)


def test_script_safe() -> None:
    text = json.dumps({"x": "</script><!-- & \u2028\u2029 >"}, ensure_ascii=False)
    safe = script_safe(text)
    assert safe == '{"x": "\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 \\u003e"}'
    assert json.loads(safe) == json.loads(text)


def test_embed_page_holds_the_document_safely(chrono: FactBase) -> None:
    out = io.StringIO()
    count = tl.write_embed_page(chrono, out)
    page = out.getvalue()
    assert count == 9
    blocks = DATA_BLOCK.findall(page)
    assert len(blocks) == 1
    block = blocks[0]
    assert json.loads(block) == document(chrono)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in block
    # exactly the page's own three script elements, nothing from the facts
    assert [tag for tag, _ in parse_html(page).tags].count("script") == 3
    assert page.lower().count("</script") == 3


def test_embed_page_loads_timelinejs_from_timelinejs_url(chrono: FactBase) -> None:
    out = io.StringIO()
    tl.write_embed_page(chrono, out, timelinejs_url='https://cdn.example/tl"3/dist')
    page = out.getvalue()
    assert '<link rel="stylesheet" href="https://cdn.example/tl&quot;3/dist/css/timeline.css">' in (
        page
    )
    assert '<script src="https://cdn.example/tl&quot;3/dist/js/timeline.js"></script>' in page
    assert 'data-script-path="https://cdn.example/tl&quot;3/dist/js/"' in page
    assert "font: null" in page
    linked = io.StringIO()
    tl.write_embed_page(chrono, linked, timelinejs_url="timelinejs/")
    # nothing but the dist folder is referenced: no web font, no CDN
    urls = re.findall(r'(?:src|href)="([^"]*)"', linked.getvalue())
    assert urls == ["data:,", "timelinejs/css/timeline.css", "timelinejs/js/timeline.js"]


def test_the_page_carries_timelinejs_inside(chrono: FactBase) -> None:
    """By default the page is the linked one with the shipped TimelineJS written in."""
    linked, inside = io.StringIO(), io.StringIO()
    tl.write_embed_page(chrono, linked, timelinejs_url="timelinejs/")
    tl.write_embed_page(chrono, inside)
    expected = (
        linked.getvalue()
        .replace(
            '<link rel="stylesheet" href="timelinejs/css/timeline.css">\n',
            library_css("timelinejs", None),
        )
        .replace(
            '<script src="timelinejs/js/timeline.js"></script>\n',
            library_script("timelinejs", None),
        )
        .replace('data-script-path="timelinejs/js/"', 'data-script-path=""')
    )
    assert inside.getvalue() == expected
    urls = re.findall(r'(?:src|href)="([^"]*)"', inside.getvalue().split("<script>")[0])
    assert urls == ["data:,"]  # nothing to fetch


@pytest.mark.parametrize("name", ["small", "chronology"])
def test_golden_html(name: str) -> None:
    base = load_checked(HERE / "fixtures" / name / "facts")
    out = io.StringIO()
    tl.write_embed_page(base, out, timelinejs_url="timelinejs/")
    assert out.getvalue() == (EXPECTED / f"{name}.html").read_text(encoding="utf-8")


def test_the_page_holds_the_latest_slides(
    chrono: FactBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past PAGE_SLIDES events the page holds the latest, says so, and links the map;
    the JSON holds every event."""
    monkeypatch.setattr(tl, "PAGE_SLIDES", 4)
    out = io.StringIO()
    assert tl.write_embed_page(chrono, out) == 4
    [block] = DATA_BLOCK.findall(out.getvalue())
    page = json.loads(block)
    assert [s["unique_id"] for s in page["events"]] == CHRONO_IDS[-4:]
    assert page["title"]["text"]["text"].startswith("<p>4 events from the tda-export fact base")
    assert (
        "<p>This page shows the latest 4 of the 9 events that match: a page holds at most 4 "
        'slides. All of them are on the map page (<a href="map.html">map.html</a>) and in '
        "timeline.json; tda-export\u2019s --since and --until options make a page of other "
        "dates.</p>"
    ) in page["title"]["text"]["text"]
    kept = [e for e in chrono.events if e.id in CHRONO_IDS[-4:]]
    assert page["eras"] == tl.eras_within(date_span([e.date for e in kept]))
    assert len(document(chrono)["events"]) == 9  # the JSON: all of them
    assert tl.latest(chrono, RecordFilter(), 4) == (list(RecordFilter().events(chrono))[-4:], 9)
