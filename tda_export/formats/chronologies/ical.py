"""iCalendar (RFC 5545, RFC 7986): the events as all-day entries over the days they cover.

Records in, calendar out: :func:`properties` gives an entry's VEVENT properties as the
Python values icalendar's ``Component.add`` takes; :func:`write_ics` streams the VCALENDAR
icalendar writes (:func:`calendar`), each VEVENT (:func:`vevent`) as it is produced.

Fuzzy dates (``docs/chronologies.md``): an entry (:mod:`.entries`) is an all-day VEVENT
over the span the sources give, events of one span share it ("2013: 4 events"), SUMMARY
fits a month view's chip. Nothing comes from the clock: DTSTAMP is the latest day named in
the data (:func:`stamp`), LAST-MODIFIED and SEQUENCE come from the facts (:func:`revision`).
A feed is for a calendar app, which takes about a megabyte (:data:`FEED_MAX`).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import IO, TYPE_CHECKING

from tda_export.factbase import FactBase
from tda_export.filters import RecordFilter
from tda_export.formats.chronologies.entries import Entry, entries, entry_span, span_words, split
from tda_export.formats.maps.mapping import short_label
from tda_export.formats.words import (
    PRECISION_WORDS,
    STATUS_WORDS,
    TITLE,
    Words,
    category_words,
    describe_filter,
    group_of,
    last_modified_day,
    latest_known_day,
    marker_label,
    needs_words,
    precision_words,
    source_label,
)
from tda_export.models import Event, Place
from tda_export.text import isolate

if TYPE_CHECKING:
    import icalendar

PRODID = "-//tda-export//Tren de Aragua chronology//EN"
CALENDAR_UID = "tda-export-tren-de-aragua-chronology"
UID_DOMAIN = "tda-export"
"""Event UIDs are ``<fact id>@tda-export``."""
REFRESH = timedelta(days=1)
"""How often subscribers should fetch the feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL)."""
GEO_PRECISIONS = frozenset({"exact", "locality"})
"""Point precisions given as GEO; coarser points stand for an area and are left out."""
CHIP_MAX = 32
"""Characters of a title without a marker label kept in SUMMARY (a chip shows about 20)."""
DESCRIPTION_MAX = 8000
"""Characters of a shared entry's DESCRIPTION, about the most Google Calendar keeps; the
events of a span that do not fit go on in another entry of the same days (:func:`parts`)."""
MORE = "They fill more than one calendar entry on these days; each entry gives its share."
LOCATION_MAX = 500
"""Characters of the place names in LOCATION (a shared entry of many events, cut)."""
FALLBACK_STAMP = date(1970, 1, 1)
"""DTSTAMP of a fact base that names no date at all."""
FEED_MAX = 1_000_000
"""Bytes of the largest feed calendar apps are known to take: Google Calendar imports and
subscribes to files of up to 1 MB (docs/chronologies.md); a larger one is written, with a
warning."""

log = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufeff]")

Value = str | int | date | list[str] | tuple[float, float]
"""A property value as ``icalendar.Component.add`` takes it."""


def clean(text: str) -> str:
    """Text fit for an iCalendar TEXT value: CR and other control characters removed.

    Line breaks stay (written as ``\\n``); tabs stay. U+FEFF (an invisible byte-order
    mark) goes too: icalendar 7 drops it at the start of a value and keeps it elsewhere,
    so removing it everywhere gives the same calendar on every version.
    """
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def revision(base: FactBase, event: Event) -> tuple[datetime, int]:
    """``(LAST-MODIFIED, SEQUENCE)`` of an event, from its facts only.

    LAST-MODIFIED is midnight UTC of :func:`~tda_export.formats.words.last_modified_day`
    (its corrections, its sources' publication, its own date: the latest). SEQUENCE is
    that day's number (days since 1 January of year 1) plus the number of its corrections,
    so a change that brings a later day (a newly cited later source) raises it, and every
    correction does, even a second one on the same day.
    """
    day = last_modified_day(base, event)
    return _midnight(day), day.toordinal() + len(event.revisions)


def stamp(base: FactBase) -> datetime:
    """DTSTAMP for every VEVENT: midnight UTC of the latest day named in the data.

    That is the latest first day of an event date or a source's publication date
    (:func:`~tda_export.formats.words.latest_known_day`), so the stamp changes only
    when the data does.
    """
    return _midnight(latest_known_day(base) or FALLBACK_STAMP)


def calendar_uid(record_filter: RecordFilter | None = None) -> str:
    """The calendar UID: fixed, with a digest of the selection when the feed is filtered."""
    selection = describe_filter(record_filter or RecordFilter())
    if selection is None:
        return CALENDAR_UID
    digest = hashlib.sha256(selection.encode()).hexdigest()[:12]
    return f"{CALENDAR_UID}-{digest}"


def summary(entry: Entry) -> str:
    """A chip's words: ``"2013: 4 events"``, or one event's marker label, then its date in
    words unless a plain year, month or day (the span shows it) and its status unless
    reported.

    Record text is isolated (:func:`~tda_export.text.isolate`): a right-to-left label
    reads right and leaves the date after it.
    """
    if len(entry.events) > 1 or entry.total:
        return f"{entry.words()}: {entry.count_words()}"
    event = entry.events[0]
    notes = [isolate(event.date.words())] if needs_words(event.date) else []
    if event.status != "reported":
        notes.append(event.status)
    label = short_label(marker_label(event), CHIP_MAX)
    label = isolate(label)
    return f"{label} ({'; '.join(notes)})" if notes else label


def _geo_place(base: FactBase, event: Event) -> Place | None:
    """The first of the event's places with a point."""
    for place_id in event.places:
        place = base.place(place_id)
        if place.point is not None:
            return place
    return None


def _distance_words(metres: int) -> str:
    return f"{metres} m" if metres < 1000 else f"{metres / 1000:.3g} km"


def _point_words(place: Place) -> str:
    """A sentence on the place's point and whether it is given as GEO."""
    assert place.point is not None
    lon, lat = place.point
    where = f"lat {lat:.5f}, lon {lon:.5f}"
    name = isolate(place.name)
    if place.precision == "exact":
        return f"Map point: {name}, {where} (exact)."
    distance = _distance_words(place.uncertainty_m or 0)
    radius = f"{PRECISION_WORDS[place.precision]}, within about {distance}"
    if place.precision in GEO_PRECISIONS:
        return f"Map point: {name}, {where} (approximate: {radius})."
    return f"Map point left out: the point for {name} ({where}) stands for a wider area ({radius})."


def description(words: Words, entry: Entry) -> str:
    """Plain-text DESCRIPTION: each event's title, summary, date, status, places, citations,
    notes and related records; a shared entry first says what it gathers.

    Record text joined to other text on a line is isolated (:func:`~tda_export.text.isolate`).
    """
    bar = span_words(entry.first, entry.last)
    if len(entry.events) == 1 and not entry.total:
        return clean("\n".join(_event_lines(words, entry.events[0], bar)))
    count = entry.count_words()
    count = count[0].upper() + count[1:]
    if entry.first == entry.last:
        lines = [f"{count} on {bar}."]
    elif entry.whole():
        lines = [
            f"{count} the sources date to {entry.words()}, none to a day; the calendar "
            f"shows them together across {bar}."
        ]
    else:
        lines = [
            f"{count} whose dates begin in {bar}, each given below as the sources date it; "
            f"the calendar shows them together across {bar}."
        ]
    if entry.total:
        lines[0] += f" {MORE}"
    for number, event in enumerate(entry.events, start=entry.number):
        lines += ["", "", f"{number}. " + "\n".join(_event_lines(words, event, bar))]
    return clean("\n".join(lines))


def parts(words: Words, entry: Entry) -> Iterator[Entry]:
    """``entry``, or entries on the same days that hold its events in turn when their
    descriptions together pass :data:`DESCRIPTION_MAX` characters (:func:`.entries.split`)."""
    bar = span_words(entry.first, entry.last)
    sizes = [len("\n".join(_event_lines(words, e, bar))) + 8 for e in entry.events]
    return split(entry, sizes, DESCRIPTION_MAX - 400)


def _event_lines(words: Words, event: Event, bar: str) -> list[str]:
    """One event in words: title, summary, when, status, places, sources, notes, related.

    ``bar`` is the span its entry covers, in words.
    """
    fuzzy = event.date
    lines = [event.title, "", event.summary, ""]
    if event.revisions:
        from tda_export.corrections import correction_words

        lines += [*correction_words(words.base, event), ""]
    when = f"When: {isolate(fuzzy.words())}"
    if needs_words(fuzzy) or fuzzy.precision != "day":
        when += f" ({precision_words(fuzzy)})"
        if fuzzy.start is None:
            when += f". The calendar shows it across {bar}, when it ends"
        elif fuzzy.end is None or entry_span(fuzzy)[1] < fuzzy.end:
            when += f". The calendar shows it across {bar}, when it begins"
    lines.append(when + ".")
    if fuzzy.note:
        lines.append(f"About the date: {isolate(fuzzy.note)}")
    lines.append(f"Status: {STATUS_WORDS[event.status]}.")
    lines.append(f"Category: {category_words(event)} ({group_of(event)}).")
    if event.places:
        lines.append("Places: " + "; ".join(words.place(p) for p in event.places))
        geo_place = _geo_place(words.base, event)
        if geo_place is not None:
            lines.append(_point_words(geo_place))
    if event.actors:
        lines.append("Actors: " + "; ".join(words.actor(a) for a in event.actors))
    lines += ["", "Sources:"]
    for citation in event.citations:
        lines.append(f"- {words.source(citation.source)}: \u201c{isolate(citation.quote)}\u201d")
        said = words.attribution(citation)
        if said:
            lines.append(f"  {said}.")
        url = words.base.source(citation.source).url
        if url:
            lines.append(f"  {url}")
        if citation.note:
            lines.append(f"  Note: {isolate(citation.note)}")
    if event.note:
        lines += ["", f"Note: {isolate(event.note)}"]
    if event.see_also:
        lines += ["", "See also:"]
        lines += [f"- {words.reference(other)}" for other in event.see_also]
    return lines


def location(places: list[str]) -> str:
    """The places joined with ``"; "``, cut after :data:`LOCATION_MAX` characters."""
    text = "; ".join(places)
    if len(text) <= LOCATION_MAX:
        return text
    kept = text[:LOCATION_MAX].rsplit("; ", 1)[0]
    return f"{kept}; and {len(places) - kept.count('; ') - 1} more places"


def properties(words: Words, entry: Entry, dtstamp: datetime) -> list[tuple[str, Value]]:
    """The VEVENT of one entry as ``(name, value)``.

    UID ``<fact id>@tda-export`` (``events_<first>_<last>@tda-export`` for a shared entry);
    the values are what ``icalendar.Event.add`` takes. LAST-MODIFIED and SEQUENCE are the
    latest of its events'.
    """
    events = entry.events
    modified, sequence = max(revision(words.base, event) for event in events)
    out: list[tuple[str, Value]] = [
        ("SUMMARY", clean(summary(entry))),
        ("DTSTART", entry.first),
        ("DTEND", entry.last + timedelta(days=1)),
        ("DTSTAMP", dtstamp),
        ("UID", f"{entry.key}@{UID_DOMAIN}"),
        ("SEQUENCE", sequence),
        ("CATEGORIES", list(dict.fromkeys(c for e in events for c in (group_of(e), e.category)))),
        ("DESCRIPTION", description(words, entry)),
    ]
    geo_place = _geo_place(words.base, events[0]) if len(events) == 1 else None
    if geo_place is not None and geo_place.precision in GEO_PRECISIONS:
        assert geo_place.point is not None
        lon, lat = geo_place.point
        out.append(("GEO", (lat, lon)))
    out.append(("LAST-MODIFIED", modified))
    places = list(dict.fromkeys(words.place(p) for event in events for p in event.places))
    if places:
        out.append(("LOCATION", clean(location(places))))
    out.append(("TRANSP", "TRANSPARENT"))
    return out


def calendar(base: FactBase, record_filter: RecordFilter | None = None) -> icalendar.Calendar:
    """The VCALENDAR that icalendar builds, with its properties and no events."""
    import icalendar

    record_filter = record_filter or RecordFilter()
    text = (
        "Events from the tda-export fact base on Venezuela\u2019s Tren de Aragua gang, each "
        "with its sources and verbatim quotes. Dates are as precise as the sources allow."
    )
    selection = describe_filter(record_filter)
    if selection:
        text += f" Selection: {selection}."
    cited = sorted({c.source for event in record_filter.events(base) for c in event.citations})
    if cited:
        text += " Sources: " + "; ".join(source_label(base.source(i)) for i in cited) + "."
    cal = icalendar.Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("UID", calendar_uid(record_filter))
    cal.add("NAME", TITLE)
    cal.add("X-WR-CALNAME", icalendar.vText(TITLE))
    cal.add("DESCRIPTION", clean(text))
    cal.add("X-WR-CALDESC", icalendar.vText(clean(text)))
    cal.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("X-PUBLISHED-TTL", icalendar.vDuration(REFRESH))
    return cal


def vevent(words: Words, entry: Entry, dtstamp: datetime) -> icalendar.Event:
    """The VEVENT of one entry, built with ``icalendar.Event.add``."""
    import icalendar

    component = icalendar.Event()
    for name, value in properties(words, entry, dtstamp):
        component.add(name, value)
    return component


def write_ics(base: FactBase, fobj: IO[bytes], record_filter: RecordFilter | None = None) -> int:
    """Write the calendar to the binary file ``fobj`` (CRLF lines); return the event count.

    The VCALENDAR as icalendar writes it, streamed: its header (:func:`calendar`), the
    VEVENT of each entry (:func:`.entries.entries`, by first day, then last day) as it is
    produced, then the footer. A warning is logged when the feed is larger than
    :data:`FEED_MAX` bytes.
    """
    footer = b"END:VCALENDAR\r\n"
    header = calendar(base, record_filter).to_ical()
    assert header.endswith(footer)
    head = header.removesuffix(footer)
    fobj.write(head)
    size = len(head)
    words, dtstamp, count = Words(base), stamp(base), 0
    for span in entries((record_filter or RecordFilter()).events(base)):
        for entry in parts(words, span):
            text = vevent(words, entry, dtstamp).to_ical()
            fobj.write(text)
            size += len(text)
            count += len(entry.events)
    fobj.write(footer)
    size += len(footer)
    if size > FEED_MAX:
        log.warning(
            "the calendar of %d events is %.1f MB, more than Google Calendar takes (1 MB): "
            "select fewer events (--since, --until, --country, --category, --status)",
            count,
            size / 1e6,
        )
    return count
