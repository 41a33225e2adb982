"""iCalendar (RFC 5545, RFC 7986): every event a one-day, all-day VEVENT.

Records in, lines out: :func:`properties` gives an event's VEVENT properties as the Python
values icalendar's ``Component.add`` takes, in the order icalendar writes them;
:func:`write_ics` writes the VCALENDAR that icalendar builds (:func:`calendar`), each
VEVENT as it is produced, then ``END:VCALENDAR``. A VEVENT's lines are written here
(:func:`content_line`, :func:`fold`), byte for byte as icalendar writes the same
properties (the tests build every VEVENT with icalendar and compare): icalendar's generic
machinery costs about 0.4 ms an event, most of a 100,000-event feed.

How fuzzy dates appear (the span rule, see ``docs/chronologies.md``): every event is one
all-day event (``DTSTART;VALUE=DATE``, ``DTEND`` the next day) on the first day its date
is known for, and its SUMMARY carries the date in words whenever that is not one plain
day: "Railway workers' union ... (2005\u20132011)", "... (since 2018)", "... (until March
2025)", "... (2013)". A subscribed calendar is read a week or a month at a time; a
seven-year bar would sit on top of every day of those years, and an open date has no last
day to end on. DESCRIPTION says which day the event is shown on and why.

Nothing comes from the clock: ``DTSTAMP`` is the latest day named in the data (see
:func:`stamp`); ``LAST-MODIFIED`` and ``SEQUENCE`` come from each event's own facts (see
:func:`revision`); UIDs come from fact ids, the calendar UID is fixed.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime, timedelta
from typing import IO, TYPE_CHECKING

from tda_export.errors import TdaExportError
from tda_export.factbase import FactBase
from tda_export.filters import RecordFilter
from tda_export.formats.chronology import (
    PRECISION_WORDS,
    STATUS_WORDS,
    TITLE,
    Words,
    category_words,
    describe_filter,
    first_day_words,
    group_of,
    known_parts,
    last_modified_day,
    latest_known_day,
    needs_words,
    precision_words,
    source_label,
)
from tda_export.fuzzydate import FuzzyDate
from tda_export.models import Event, Place

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
FALLBACK_STAMP = date(1970, 1, 1)
"""DTSTAMP of a fact base that names no date at all."""

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


def all_day_span(fuzzy: FuzzyDate) -> tuple[date, date]:
    """``(DTSTART, DTEND)`` of the event: its first known day, DTEND the day after.

    An open start counts from its known end part (``../2025-03``: 1 March 2025).
    """
    first, _last = known_parts(fuzzy)
    day = first.first_day
    if day == date.max:
        raise TdaExportError(f"{fuzzy}: an all-day event cannot end after 9999-12-31")
    return day, day + timedelta(days=1)


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def revision(base: FactBase, event: Event) -> tuple[datetime, int]:
    """``(LAST-MODIFIED, SEQUENCE)`` of an event, from its facts only.

    LAST-MODIFIED is midnight UTC of :func:`~tda_export.formats.chronology.last_modified_day`
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
    (:func:`~tda_export.formats.chronology.latest_known_day`), so the stamp changes only
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


def summary(event: Event) -> str:
    """The title, then the date in words (unless one plain day) and status (unless reported)."""
    notes = []
    fuzzy = event.date
    if needs_words(fuzzy) or fuzzy.precision != "day":
        notes.append(fuzzy.words())
    if event.status != "reported":
        notes.append(event.status)
    return f"{event.title} ({'; '.join(notes)})" if notes else event.title


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
    if place.precision == "exact":
        return f"Map point: {place.name}, {where} (exact)."
    distance = _distance_words(place.uncertainty_m or 0)
    radius = f"{PRECISION_WORDS[place.precision]}, within about {distance}"
    if place.precision in GEO_PRECISIONS:
        return f"Map point: {place.name}, {where} (approximate: {radius})."
    return (
        f"Map point left out: the point for {place.name} ({where}) stands for a wider area "
        f"({radius})."
    )


def description(words: Words, event: Event) -> str:
    """Plain-text DESCRIPTION: summary, corrections, date, status, places, citations, notes,
    related records."""
    fuzzy = event.date
    lines = [event.summary, ""]
    if event.revisions:
        from tda_export.corrections import correction_words

        lines += [*correction_words(words.base, event), ""]
    when = f"When: {fuzzy.words()}"
    if needs_words(fuzzy) or fuzzy.precision != "day":
        when += (
            f" ({precision_words(fuzzy)}). The calendar shows it on one day, "
            f"{first_day_words(fuzzy)}, the first day the sources allow"
        )
    lines.append(when + ".")
    if fuzzy.note:
        lines.append(f"About the date: {fuzzy.note}")
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
        lines.append(f"- {words.source(citation.source)}: \u201c{citation.quote}\u201d")
        url = words.base.source(citation.source).url
        if url:
            lines.append(f"  {url}")
        if citation.note:
            lines.append(f"  Note: {citation.note}")
    if event.note:
        lines += ["", f"Note: {event.note}"]
    if event.see_also:
        lines += ["", "See also:"]
        lines += [f"- {words.reference(other)}" for other in event.see_also]
    return clean("\n".join(lines))


def properties(words: Words, event: Event, dtstamp: datetime) -> list[tuple[str, Value]]:
    """The VEVENT of one event as ``(name, value)``, in the order icalendar writes them.

    UID ``<fact id>@tda-export``; the values are what ``icalendar.Event.add`` takes.
    """
    start, end = all_day_span(event.date)
    modified, sequence = revision(words.base, event)
    out: list[tuple[str, Value]] = [
        ("SUMMARY", clean(summary(event))),
        ("DTSTART", start),
        ("DTEND", end),
        ("DTSTAMP", dtstamp),
        ("UID", f"{event.id}@{UID_DOMAIN}"),
        ("SEQUENCE", sequence),
        ("CATEGORIES", [group_of(event), event.category]),
        ("DESCRIPTION", description(words, event)),
    ]
    geo_place = _geo_place(words.base, event)
    if geo_place is not None and geo_place.precision in GEO_PRECISIONS:
        assert geo_place.point is not None
        lon, lat = geo_place.point
        out.append(("GEO", (lat, lon)))
    out.append(("LAST-MODIFIED", modified))
    if event.places:
        out.append(("LOCATION", clean("; ".join(words.place(p) for p in event.places))))
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


def escape(text: str) -> str:
    """A TEXT value as icalendar writes it (RFC 5545 3.3.11): ``\\ ; ,`` and line breaks.

    As icalendar does, a ``\\N`` in the text is read as a line break first.
    """
    if "\\" in text:
        text = text.replace("\\N", "\n").replace("\\", "\\\\")
    return text.replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def content_line(name: str, value: object) -> str:
    """One unfolded content line, as icalendar writes the property ``name`` with ``value``."""
    if isinstance(value, str):
        return f"{name}:{escape(value)}"
    if isinstance(value, datetime):  # always midnight UTC here
        return f"{name}:{value.year:04}{value.month:02}{value.day:02}T000000Z"
    if isinstance(value, date):
        return f"{name};VALUE=DATE:{value.year:04}{value.month:02}{value.day:02}"
    if isinstance(value, list):
        return f"{name}:{','.join(escape(item) for item in value)}"
    if isinstance(value, tuple):
        return f"{name}:{float(value[0])};{float(value[1])}"
    return f"{name}:{value}"  # an integer


FOLD_WIDTH = 74
"""Octets of a physical line before the fold (RFC 5545: under 75, CRLF and the leading
space of a continuation excluded)."""
_ESCAPES = frozenset(b"\\^")
_FOLD = b"\r\n "


def fold(line: bytes) -> bytes:
    """The encoded content line folded as RFC 5545 asks, byte for byte as icalendar folds it.

    Each physical line takes as many whole characters as fit in 74 octets; a UTF-8
    character is never split, and a backslash or caret is never cut from the character it
    escapes. icalendar folds one character at a time, the largest cost of a big calendar
    (benchmarks/profiles.md); this slices the encoded line.
    """
    if len(line) <= FOLD_WIDTH:
        return line
    pieces = []
    start = 0
    while len(line) - start > FOLD_WIDTH:
        end = start + FOLD_WIDTH
        while 0x80 <= line[end] < 0xC0:
            end -= 1
        if line[end - 1] in _ESCAPES and end - 1 > start:
            end -= 1
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return _FOLD.join(pieces)


def vevent_bytes(words: Words, event: Event, dtstamp: datetime) -> bytes:
    """The VEVENT of one event, folded, with CRLF line ends (encoded at once: an escaped
    value holds no line break)."""
    text = "\n".join([content_line(n, v) for n, v in properties(words, event, dtstamp)])
    lines = [x if len(x) <= FOLD_WIDTH else fold(x) for x in text.encode().split(b"\n")]
    return b"BEGIN:VEVENT\r\n" + b"\r\n".join(lines) + b"\r\nEND:VEVENT\r\n"


def write_ics(base: FactBase, fobj: IO[bytes], record_filter: RecordFilter | None = None) -> int:
    """Write the calendar to the binary file ``fobj`` (CRLF lines); return the VEVENT count.

    The VCALENDAR header as icalendar builds it (folded by :func:`fold`: its description
    names every cited source), then each VEVENT (sorted by date, then id) as it is
    produced, then the footer.
    """
    header = calendar(base, record_filter).content_lines()
    assert header[-2:] == ["END:VCALENDAR", ""]
    fobj.write(b"".join(fold(line.encode()) + b"\r\n" for line in header[:-2]))
    words, dtstamp, count = Words(base), stamp(base), 0
    for event in (record_filter or RecordFilter()).events(base):
        fobj.write(vevent_bytes(words, event, dtstamp))
        count += 1
    fobj.write(b"END:VCALENDAR\r\n")
    return count
