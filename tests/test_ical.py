"""iCalendar output: entries over the spans the sources give, shared entries, stable ids
and stamps, GEO, streaming, golden files."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter

from tda_export.errors import TdaExportError
from tda_export.factbase import FactBase
from tda_export.filters import RecordFilter
from tda_export.formats.chronologies import ical
from tda_export.formats.chronologies.entries import MAX_SPAN, Entry, entries, entry_span, span_words
from tda_export.formats.words import Words
from tda_export.fuzzydate import FuzzyDate
from tda_export.models import Citation, Event, Place, Source
from tda_export.validation import load_checked

HERE = Path(__file__).parent
CHRONO = HERE / "fixtures" / "chronology" / "facts"
SMALL = HERE / "fixtures" / "small" / "facts"
EXPECTED = HERE / "expected" / "ical"


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


def alone(base: FactBase, event_id: str) -> Entry:
    """The entry of one event on its own."""
    found = event(base, event_id)
    return Entry(*entry_span(found.date), (found,))


def write(base: FactBase, record_filter: RecordFilter | None = None) -> bytes:
    out = io.BytesIO()
    ical.write_ics(base, out, record_filter)
    return out.getvalue()


def vevents(base: FactBase) -> list[icalendar.Event]:
    """The VEVENTs of the written calendar, as icalendar reads them."""
    found: list[icalendar.Event] = icalendar.Calendar.from_ical(write(base)).walk("VEVENT")
    return found


def vevent(base: FactBase, event_id: str) -> icalendar.Event:
    """The VEVENT of one event, as icalendar reads it from the written calendar."""
    [found] = [c for c in vevents(base) if str(c["UID"]) == f"{event_id}@tda-export"]
    return found


def built_by_icalendar(base: FactBase, record_filter: RecordFilter | None = None) -> bytes:
    """The calendar built whole by icalendar, every VEVENT added to it before writing."""
    whole = ical.calendar(base, record_filter)
    words, dtstamp = Words(base), ical.stamp(base)
    for span in entries((record_filter or RecordFilter()).events(base)):
        for item in ical.parts(words, span):
            whole.add_component(ical.vevent(words, item, dtstamp))
    text: bytes = whole.to_ical()
    return text


# -- dates ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2023-09-20", date(2023, 9, 20), date(2023, 9, 20)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2013", date(2013, 1, 1), date(2013, 12, 31)),
        ("2024-01~", date(2024, 1, 1), date(2024, 1, 31)),
        # a span of less than a year is covered whole; a longer one by its first part
        ("2024-06/2024-08", date(2024, 6, 1), date(2024, 8, 31)),
        ("2024-06/2024", date(2024, 6, 1), date(2024, 12, 31)),
        ("2024-11/2025-02", date(2024, 11, 1), date(2025, 2, 28)),
        ("2015/2017", date(2015, 1, 1), date(2015, 12, 31)),
        ("2023-09/2025-02", date(2023, 9, 1), date(2023, 9, 30)),
        # open dates: the part the sources give, never an endless event
        ("2018/..", date(2018, 1, 1), date(2018, 12, 31)),
        ("../2025-03", date(2025, 3, 1), date(2025, 3, 31)),
        ("../2025-03-14", date(2025, 3, 14), date(2025, 3, 14)),
    ],
)
def test_entry_covers_the_span_the_sources_give(text: str, first: date, last: date) -> None:
    assert entry_span(FuzzyDate.parse(text)) == (first, last)


def _part(draw: st.DrawFn) -> str:
    year = draw(st.integers(1, 9998))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return f"{year:04d}"
    month = draw(st.integers(1, 12))
    if precision == "month":
        return f"{year:04d}-{month:02d}"
    day = draw(st.integers(1, 28))
    return f"{year:04d}-{month:02d}-{day:02d}"


@st.composite
def fuzzy_dates(draw: st.DrawFn) -> FuzzyDate:
    shape = draw(st.sampled_from(["single", "range", "open-end", "open-start"]))
    a, b = _part(draw), _part(draw)
    text = {"single": a, "range": f"{a}/{b}", "open-end": f"{a}/..", "open-start": f"../{b}"}[shape]
    try:
        return FuzzyDate.parse(text)
    except ValueError:  # an interval in the wrong order
        return FuzzyDate.parse(f"{b}/{a}")


@given(fuzzy_dates())
def test_no_entry_is_on_a_day_the_sources_do_not_give(fuzzy: FuzzyDate) -> None:
    first, last = entry_span(fuzzy)
    assert first == fuzzy.sort_key[0]  # so a feed sorted by date is sorted by entry
    part = fuzzy.lower or fuzzy.upper
    assert part is not None
    if fuzzy.start is not None and fuzzy.end is not None and fuzzy.end - fuzzy.start < MAX_SPAN:
        assert (first, last) == (fuzzy.start, fuzzy.end)
    else:
        assert (first, last) == (part.first_day, part.last_day)
    assert last - first < MAX_SPAN  # no bar over years
    if first == last:  # one day: only when the sources give that day (or bound it to one)
        assert part.precision == "day" or fuzzy.start == fuzzy.end
    assert span_words(first, last)  # every span can be said


def test_the_last_day_cannot_be_shown() -> None:
    with pytest.raises(TdaExportError, match="cannot end after 9999-12-31"):
        entry_span(FuzzyDate.parse("9999-12-31"))


@pytest.mark.parametrize(
    ("first", "last", "words"),
    [
        (date(2013, 1, 1), date(2013, 12, 31), "2013"),
        (date(2005, 1, 1), date(2011, 12, 31), "2005\u20132011"),
        (date(2025, 3, 1), date(2025, 3, 31), "March 2025"),
        (date(2024, 11, 1), date(2025, 2, 28), "November 2024\u2013February 2025"),
        (date(2023, 9, 20), date(2023, 9, 20), "20 September 2023"),
        (date(2023, 9, 20), date(2023, 10, 3), "20 September 2023\u20133 October 2023"),
    ],
)
def test_span_words(first: date, last: date, words: str) -> None:
    assert span_words(first, last) == words


# -- identity and stamps -------------------------------------------------------------------
def test_stamp_is_the_latest_day_in_the_data(chrono: FactBase, small: FactBase) -> None:
    # the newswire source was published on 2025-03-10; no event is dated later
    assert ical.stamp(chrono) == datetime(2025, 3, 10, tzinfo=UTC)
    # no publication dates in the small base: the latest event, 2023-09-20
    assert ical.stamp(small) == datetime(2023, 9, 20, tzinfo=UTC)
    assert ical.stamp(FactBase()) == datetime(1970, 1, 1, tzinfo=UTC)


def test_calendar_uid_is_fixed_per_selection() -> None:
    assert ical.calendar_uid() == "tda-export-tren-de-aragua-chronology"
    assert ical.calendar_uid(RecordFilter()) == "tda-export-tren-de-aragua-chronology"
    one = ical.calendar_uid(RecordFilter.from_options(countries=["ve"]))
    assert one == ical.calendar_uid(RecordFilter.from_options(countries=["VE"]))
    assert one.startswith("tda-export-tren-de-aragua-chronology-")
    assert one != ical.calendar_uid(RecordFilter.from_options(countries=["CO"]))


def test_vevent_fields(chrono: FactBase) -> None:
    stamp = ical.stamp(chrono)
    component = vevent(chrono, "santiago-arrests")
    assert str(component["UID"]) == "santiago-arrests@tda-export"
    assert component.decoded("DTSTAMP") == stamp
    assert component.decoded("DTSTART") == date(2024, 1, 1)
    assert component.decoded("DTEND") == date(2024, 2, 1)  # all of January
    assert component["DTSTART"].params["VALUE"] == "DATE"
    # its source was published on 10 March 2025: the latest day its facts name
    assert component.decoded("LAST-MODIFIED") == datetime(2025, 3, 10, tzinfo=UTC)
    assert component.decoded("SEQUENCE") == date(2025, 3, 10).toordinal()
    assert str(component["SUMMARY"]) == "Arrests in Santiago (c. January 2024; disputed)"
    assert str(component["LOCATION"]) == "Santiago, Chile; Chile"
    assert (component["GEO"].latitude, component["GEO"].longitude) == (-33.45694, -70.64827)
    assert component.categories == ["State response", "arrest"]
    assert str(component["TRANSP"]) == "TRANSPARENT"
    assert str(component["DESCRIPTION"]) == (
        "Arrests in Santiago\n"
        "\n"
        "Police arrested suspected members in Santiago.\n"
        "\n"
        "When: c. January 2024 (the sources give the month only; approximate).\n"
        "Status: disputed: sources disagree.\n"
        "Category: arrest (State response).\n"
        "Places: Santiago, Chile; Chile\n"
        "Map point: Santiago, lat -33.45694, lon -70.64827 (approximate: known to the town, "
        "within about 800 m).\n"
        "\n"
        "Sources:\n"
        '- Example News & Co <Wire>, \u201cGang report "A&B" </script>\u201d (10 March 2025): '
        "\u201carrested in Santiago\u201d\n"
        '  https://example.org/report?id=1&lang=en"onmouseover=x\n'
        "  Note: The police and the prosecutors give different numbers."
    )


def test_see_also_names_the_related_records(chrono: FactBase) -> None:
    text = ical.description(Words(chrono), alone(chrono, "tocoron-raid"))
    assert text.endswith("\n\nSee also:\n- Guerrero imprisoned in Tocorón (2013)\n- Tocorón prison")


def test_revision_comes_from_the_facts(chrono: FactBase) -> None:
    """No source date: the last day of the event's own date; a later correction wins, and
    each correction adds one to SEQUENCE (two on one day still raise it)."""
    olp = event(chrono, "olp-raids")  # 2015/2017, cites only the undated profile
    assert ical.revision(chrono, olp) == (datetime(2017, 12, 31, tzinfo=UTC), 736694)
    fix = {"date": "2025-05-02", "change": "summary reworded", "reason": "clearer"}
    once, twice = (
        TypeAdapter(Event).validate_python(
            {**TypeAdapter(Event).dump_python(olp), "revisions": [fix] * n}
        )
        for n in (1, 2)
    )
    day = date(2025, 5, 2).toordinal()
    assert ical.revision(chrono, once) == (datetime(2025, 5, 2, tzinfo=UTC), day + 1)
    assert ical.revision(chrono, twice) == (datetime(2025, 5, 2, tzinfo=UTC), day + 2)


def test_plain_day_has_plain_summary(small: FactBase) -> None:
    component = vevent(small, "tocoron-raid")
    assert str(component["SUMMARY"]) == "Security operation at Tocorón…"  # no label: cut
    assert (component.decoded("DTSTART"), component.decoded("DTEND")) == (
        date(2023, 9, 20),
        date(2023, 9, 21),
    )
    assert "When: 20 September 2023.\n" in str(component["DESCRIPTION"])


@pytest.mark.parametrize(
    ("event_id", "summary"),
    [
        # the marker label when there is one; the date when the span does not show it
        ("tocoron-raid", "Tocorón raid"),
        ("guerrero-imprisoned-2013", "Guerrero imprisoned in Tocorón"),
        ("wilmito-killing", "Guerrero allegedly murders… (alleged)"),
        ("olp-raids", "People's Liberation Operation… (2015–2017)"),
        ("sucre-expansion", "Expansion into Sucre (since 2018)"),
        ("guiria-control", "Gang controls Güiria (until March 2025)"),
    ],
)
def test_summary_fits_a_chip_and_keeps_hedges(
    chrono: FactBase, event_id: str, summary: str
) -> None:
    assert ical.summary(alone(chrono, event_id)) == summary


def test_open_dates_say_how_they_are_shown(chrono: FactBase) -> None:
    since = ical.description(Words(chrono), alone(chrono, "sucre-expansion"))
    assert (
        "When: since 2018 (the sources give no end date). The calendar shows it across 2018, "
        "when it begins." in since
    )
    until = ical.description(Words(chrono), alone(chrono, "guiria-control"))
    assert (
        "When: until March 2025 (the sources give no start date). The calendar shows it "
        "across March 2025, when it ends." in until
    )


def _copy(base: FactBase, event_id: str, **changes: object) -> Event:
    """An event of the base with some fields changed."""
    adapter = TypeAdapter(Event)
    return adapter.validate_python({**adapter.dump_python(event(base, event_id)), **changes})


def test_events_with_one_span_share_an_entry(chrono: FactBase) -> None:
    imprisoned = event(chrono, "guerrero-imprisoned-2013")
    around = _copy(chrono, "wilmito-killing", id="gang-forms", date="2013~", label=None)
    in_may = _copy(chrono, "santiago-arrests", id="may-arrests", date="2013-05")
    base = FactBase({**chrono.records, "events": [*chrono.events, around, in_may]})
    found = [str(c["UID"]) for c in vevents(base)]
    assert found[1:4] == [
        "events_20130101_20131231@tda-export",  # by first day, then last day
        "may-arrests@tda-export",
        "olp-raids@tda-export",
    ]
    shared = vevent(base, "events_20130101_20131231")
    assert str(shared["SUMMARY"]) == "2013: 2 events"
    assert (shared.decoded("DTSTART"), shared.decoded("DTEND")) == (
        date(2013, 1, 1),
        date(2014, 1, 1),
    )
    text = str(shared["DESCRIPTION"])
    assert text.startswith(
        "2 events the sources date to 2013, none to a day; the calendar shows them together "
        'across 2013.\n\n\n1. Guerrero allegedly murders "Wilmito"\n'
    )  # in the feed's order: by date, then id
    assert "\n\n\n2. Guerrero imprisoned in Tocorón\n" in text
    assert "When: c. 2013 (the sources give the year only; approximate).\n" in text
    assert "Status: alleged.\n" in text
    assert "GEO" not in shared
    assert shared.categories == ["Expansion and crime", "killing", "Origins and prison",
                                 "imprisonment"]  # fmt: skip
    latest = max(ical.revision(base, e) for e in (imprisoned, around))
    assert (shared.decoded("LAST-MODIFIED"), shared.decoded("SEQUENCE")) == latest
    assert ical.write_ics(base, io.BytesIO()) == len(base.events)  # events, not entries


def test_a_long_date_shares_the_entry_of_its_first_year(chrono: FactBase) -> None:
    decade = _copy(chrono, "olp-raids", id="long-decline", date="2013/2023", label="Decline")
    base = FactBase({**chrono.records, "events": [*chrono.events, decade]})
    shared = vevent(base, "events_20130101_20131231")
    assert str(shared["SUMMARY"]) == "2013: 2 events"
    text = str(shared["DESCRIPTION"])
    assert text.startswith(
        "2 events whose dates begin in 2013, each given below as the sources date it; the "
        "calendar shows them together across 2013.\n"
    )
    assert (
        "When: 2013\u20132023 (the sources give a period, not a single day). The calendar "
        "shows it across 2013, when it begins.\n"
    ) in text


def test_a_crowded_span_fills_several_entries_within_what_calendars_keep(
    chrono: FactBase,
) -> None:
    many = [
        _copy(chrono, "guerrero-imprisoned-2013", id=f"event-{n:03d}", summary="Long. " * 300)
        for n in range(40)
    ]
    base = FactBase({**chrono.records, "events": many})
    shared = vevents(base)
    assert len(shared) > 1
    texts = [str(v["DESCRIPTION"]) for v in shared]
    assert all(len(text) <= ical.DESCRIPTION_MAX for text in texts)
    numbers = [int(block.split(". ", 1)[0]) for text in texts for block in text.split("\n\n\n")[1:]]
    assert numbers == list(range(1, 41))  # every event, once, in order
    first = len(texts[0].split("\n\n\n")) - 1
    assert texts[0].startswith(f"Events 1\u2013{first} of 40 the sources date to 2013, none")
    assert str(shared[0]["SUMMARY"]) == f"2013: events 1\u2013{first} of 40"
    assert str(shared[0]["UID"]) == "events_20130101_20131231@tda-export"
    assert str(shared[1]["UID"]) == f"events_20130101_20131231_{first + 1}@tda-export"
    assert {(v["DTSTART"].dt, v["DTEND"].dt) for v in shared} == {
        (date(2013, 1, 1), date(2014, 1, 1))
    }


def test_a_feed_larger_than_calendars_take_is_written_with_a_warning(
    chrono: FactBase, caplog: pytest.LogCaptureFixture
) -> None:
    many = [
        _copy(chrono, "santiago-arrests", id=f"event-{n:03d}", summary="Long. " * 300)
        for n in range(600)
    ]
    base = FactBase({**chrono.records, "events": many})
    out = io.BytesIO()
    with caplog.at_level("WARNING"):
        assert ical.write_ics(base, out) == 600  # written all the same
    text = out.getvalue()
    assert len(text) > ical.FEED_MAX
    assert caplog.messages == [
        f"the calendar of 600 events is {len(text) / 1e6:.1f} MB, more than Google Calendar "
        "takes (1 MB): select fewer events (--since, --until, --country, --category, --status)"
    ]


def test_the_real_feed_is_within_what_calendars_take(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("WARNING"):
        text = write(load_checked(HERE.parent / "facts"))
    assert len(text) < ical.FEED_MAX / 4
    assert caplog.messages == []


def test_location_is_cut_after_its_limit() -> None:
    assert ical.location(["Aragua, Venezuela", "Chile"]) == "Aragua, Venezuela; Chile"
    names = [f"Place {n}, Country" for n in range(100)]
    cut = ical.location(names)
    assert cut.endswith("; Place 25, Country; and 74 more places")
    assert len(cut) <= ical.LOCATION_MAX + len("; and 74 more places")


def test_events_of_one_day_share_an_entry(chrono: FactBase) -> None:
    raid = event(chrono, "tocoron-raid")
    other = _copy(chrono, "olp-raids", id="same-day", date="2023-09-20")
    base = FactBase({**chrono.records, "events": [*chrono.events, other]})
    shared = vevent(base, "events_20230920_20230920")
    assert raid.title in str(shared["DESCRIPTION"])
    assert str(shared["SUMMARY"]) == "20 September 2023: 2 events"
    assert str(shared["DESCRIPTION"]).startswith("2 events on 20 September 2023.\n\n\n1. ")


def test_geo_only_for_points_that_are_a_place(chrono: FactBase) -> None:
    raid = vevent(chrono, "tocoron-raid")
    assert "GEO" not in raid
    assert str(raid["LOCATION"]) == "Tocorón prison, Venezuela"
    assert (
        "Map point left out: the point for Tocorón prison (lat 10.24972, lon -67.59475) "
        "stands for a wider area (known to the municipality, within about 35 km)."
    ) in str(raid["DESCRIPTION"])
    country = vevent(chrono, "olp-raids")
    assert "GEO" not in country
    assert "Map point" not in str(country["DESCRIPTION"])
    guiria = vevent(chrono, "guiria-control")
    assert (guiria["GEO"].latitude, guiria["GEO"].longitude) == (10.57721, -62.29841)


def test_exact_point(chrono: FactBase) -> None:
    cited = [Citation(source="profile", quote="a quote")]
    gate = Place(
        id="gate",
        name="Gate",
        kind="site",
        country="VE",
        point=(-67.5, 10.1),
        precision="exact",
        citations=cited,
    )
    happening = Event(
        id="at-the-gate",
        title="At the gate",
        date="2020-02-02",
        category="clash",
        places=["gate"],
        summary="Shots.",
        status="reported",
        citations=cited,
    )
    base = FactBase({"sources": list(chrono.sources), "places": [gate], "events": [happening]})
    component = vevent(base, "at-the-gate")
    assert (component["GEO"].latitude, component["GEO"].longitude) == (10.1, -67.5)
    assert "Map point: Gate, lat 10.10000, lon -67.50000 (exact)." in str(component["DESCRIPTION"])


def test_control_characters_are_dropped(chrono: FactBase) -> None:
    assert ical.clean("a\x07b\r\nc\rd\te\x00") == "ab\nc\nd\te"
    text = ical.description(Words(chrono), alone(chrono, "markup-test"))
    assert "\x07" not in text
    assert "a & b \u2028 line\u2029 para  bell" in text


# -- calendar and writer -------------------------------------------------------------------
def test_calendar_properties(chrono: FactBase) -> None:
    selected = RecordFilter.from_options(countries=["CL"])
    cal = ical.calendar(chrono, selected)
    assert str(cal["PRODID"]) == "-//tda-export//Tren de Aragua chronology//EN"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["NAME"]) == "Tren de Aragua: a sourced chronology"
    assert str(cal["X-WR-CALNAME"]) == "Tren de Aragua: a sourced chronology"
    assert str(cal["UID"]) == ical.calendar_uid(RecordFilter.from_options(countries=["CL"]))
    description = str(cal["DESCRIPTION"])
    assert description.endswith(
        'Selection: countries CL. Sources: Example News & Co <Wire>, \u201cGang report "A&B" '
        "</script>\u201d (10 March 2025)."
    )
    assert str(cal["X-WR-CALDESC"]) == description
    assert cal.subcomponents == []
    text = cal.to_ical()
    assert b"REFRESH-INTERVAL;VALUE=DURATION:P1D\r\n" in text
    assert b"X-PUBLISHED-TTL:P1D\r\n" in text


@pytest.mark.parametrize("options", [{}, {"countries": ["CL"]}, {"countries": ["US"]}])
def test_streamed_calendar_equals_the_calendar_built_whole(
    chrono: FactBase, options: dict[str, Any]
) -> None:
    selected = RecordFilter.from_options(**options)
    out = io.BytesIO()
    count = ical.write_ics(chrono, out, selected)
    assert count == len(list(selected.events(chrono)))
    assert out.getvalue() == built_by_icalendar(chrono, selected)


def test_events_sorted_by_date_then_id(chrono: FactBase) -> None:
    uids = [str(c["UID"]) for c in vevents(chrono)]
    assert uids == [
        f"{i}@tda-export"
        for i in [
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
    ]


def test_crlf_and_folded_lines(chrono: FactBase) -> None:
    text = write(chrono)
    assert text.endswith(b"END:VCALENDAR\r\n")
    lines = text.split(b"\r\n")
    assert lines[-1] == b""
    for line in lines[:-1]:
        assert b"\n" not in line and b"\r" not in line
        assert len(line) <= 75, line  # RFC 5545 3.1: octets, not characters
        line.decode("utf-8")  # folding never splits a character


def test_rebuild_is_byte_identical(chrono: FactBase) -> None:
    assert write(chrono) == write(load_checked(CHRONO))


@pytest.mark.parametrize("name", ["small", "chronology"])
def test_golden_ics(name: str) -> None:
    base = load_checked(HERE / "fixtures" / name / "facts")
    assert write(base) == (EXPECTED / f"{name}.ics").read_bytes()


def test_source_without_url_or_date(small: FactBase) -> None:
    source = small.source("profile")
    assert isinstance(source, Source)
    text = ical.description(Words(small), alone(small, "tocoron-raid"))
    assert "- InSight Crime, \u201cTren de Aragua\u201d: \u201cOn September 20, 2023, " in text


def test_description_says_who_makes_the_claim(small: FactBase) -> None:
    text = ical.description(Words(small), alone(small, "sucre-expansion"))
    assert text.endswith(
        "- InSight Crime, \u201cTren de Aragua\u201d: \u201cSince 2018, the gang began its "
        "expansion to Sucre\u201d\n  According to sources interviewed by InSight Crime on "
        "condition of anonymity, cited by InSight Crime."
    )
    alleged = ical.description(Words(small), alone(small, "wilmito-killing"))
    assert alleged.endswith("\u201d\n  Alleged, according to InSight Crime.")
    plain = ical.description(Words(small), alone(small, "tocoron-raid"))
    assert "according to" not in plain


@pytest.mark.parametrize("facts", [CHRONO, HERE.parent / "facts"], ids=["chronology", "real"])
def test_calendar_is_what_icalendar_builds_and_reads(facts: Path) -> None:
    base = load_checked(facts)
    text = write(base)
    assert text == built_by_icalendar(base)
    assert icalendar.Calendar.from_ical(text).to_ical() == text
