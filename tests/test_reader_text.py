"""Reader text: no record id, source id or date notation in what readers see.

The detector (:func:`tda_export.readertext.internals`) is tested on its own, then run over
every reader-facing string of the real fact base's timeline and calendar.
"""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import icalendar
import pytest

from tda_export.factbase import FactBase
from tda_export.formats.chronologies import ical
from tda_export.formats.chronologies import timeline as tl
from tda_export.readertext import internals
from tda_export.validation import load_checked

FACTS = Path(__file__).parent.parent / "facts"
IDS = {"origin-tocoron-prison", "insight-crime-profile", "eln"}


@pytest.fixture(scope="module")
def real() -> FactBase:
    return load_checked(FACTS)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("recorded as ../2025-03", "'../2025-03' is date notation: write the date in words"),
        ("approximate; recorded as 2013~", "'2013~' is date notation: write the date in words"),
        ("since 2018/..", "'2018/..' is date notation: write the date in words"),
        ("from 2015/2017 on", "'2015/2017' is date notation: write the date in words"),
        ("on 2023-09-20.", "'2023-09-20' is date notation: write the date in words"),
        ("in 2024-03", "'2024-03' is date notation: write the date in words"),
        (
            "(see origin-tocoron-prison)",
            "'origin-tocoron-prison' is a record id: name the record in words, "
            "or list it in see_also",
        ),
        (
            "[insight-crime-profile]",
            "'insight-crime-profile' is a record id: name the record in words, "
            "or list it in see_also",
        ),
    ],
)
def test_internals_are_found(text: str, found: str) -> None:
    assert list(internals(text, IDS)) == [found]


@pytest.mark.parametrize(
    "text",
    [
        "2005–2011",
        "since 2018, until March 2025, c. January 2024, possibly 2013",
        "20 September 2023; US$10 a month; 11,000 soldiers; $3.5 million",
        "the ELN and the eln",  # a one-word id is an ordinary word
        "a cross-border, well-known origin-story",  # hyphenated words that are no id
        "Was it in 2013? Nobody knows.",
    ],
)
def test_reader_words_pass(text: str) -> None:
    assert list(internals(text, IDS)) == []


def _visible(fragment: str) -> str:
    """The text of an HTML fragment as a reader sees it (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def test_the_timeline_shows_no_internals(real: FactBase) -> None:
    out = io.StringIO()
    tl.write_timeline(real, out)
    doc = json.loads(out.getvalue())
    texts = [doc["title"]["text"]["headline"], _visible(doc["title"]["text"]["text"])]
    texts += [era["text"]["headline"] for era in doc["eras"]]
    for slide in doc["events"]:
        texts += [
            _visible(slide["text"]["headline"]),
            _visible(slide["text"]["text"]),
            html.unescape(html.unescape(slide["display_date"])),
            slide["label"],
            slide["group"],
        ]
    assert len(texts) > 4 * 32
    found = {(text[:60], f) for text in texts for f in internals(text, real.by_id)}
    assert found == set()


def test_the_calendar_shows_no_internals(real: FactBase) -> None:
    out = io.BytesIO()
    ical.write_ics(real, out)
    calendar = icalendar.Calendar.from_ical(out.getvalue())
    texts = [str(calendar[name]) for name in ("NAME", "DESCRIPTION", "X-WR-CALDESC")]
    events = calendar.walk("VEVENT")
    described = "".join(str(component["DESCRIPTION"]) for component in events)
    assert all(event.title in described for event in real.events)
    for component in events:
        texts += [str(component[name]) for name in ("SUMMARY", "DESCRIPTION", "LOCATION")]
        texts += [str(c) for c in component.categories[:1]]  # the group; the rest is a tag
    found = {(text[:60], f) for text in texts for f in internals(text, real.by_id)}
    assert found == set()


def test_the_facts_pass_the_reader_text_check(real: FactBase) -> None:
    from tda_export.checks import check_reader_text

    assert list(check_reader_text(real)) == []


def test_the_map_balloons_show_no_internals(real: FactBase) -> None:
    from xml.etree import ElementTree

    from tda_export.formats.maps.kml import write_kml

    out = io.StringIO()
    write_kml(real, out)
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    root = ElementTree.fromstring(out.getvalue())
    placemarks = root.findall(".//k:Placemark", ns)
    assert len(placemarks) > 100
    texts = []
    for placemark in placemarks:
        texts.append(placemark.findtext("k:name", "", ns))
        texts.append(_visible(placemark.findtext("k:description", "", ns)))
        texts.append(placemark.findtext("k:snippet", "", ns))
    assert all(texts[1::3])  # every placemark has a balloon
    found = {(text[:60], f) for text in texts for f in internals(text, real.by_id)}
    assert found == set()
