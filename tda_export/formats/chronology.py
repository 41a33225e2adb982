"""What the chronology exports share: groups, wording of dates, sources and filters.

Used by :mod:`tda_export.formats.timeline` (TimelineJS) and :mod:`tda_export.formats.ical`
(iCalendar). Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from tda_export.filters import RecordFilter
from tda_export.fuzzydate import DatePart, FuzzyDate
from tda_export.models import Event, FactBase, Place, Source

TITLE = "Tren de Aragua: a sourced chronology"
"""Headline of the TimelineJS title slide and name of the calendar."""

#: Event categories grouped into the few rows TimelineJS can show (about four at most).
GROUPS: dict[str, str] = {
    "founding": "Origins and prison",
    "imprisonment": "Origins and prison",
    "escape": "Origins and prison",
    "expansion": "Expansion and crime",
    "alliance": "Expansion and crime",
    "clash": "Expansion and crime",
    "killing": "Expansion and crime",
    "kidnapping": "Expansion and crime",
    "extortion": "Expansion and crime",
    "security-operation": "State response",
    "arrest": "State response",
    "deportation": "State response",
    "sanction": "State response",
    "designation": "State response",
    "policy": "State response",
    "report": "Reports",
}

#: How each claim status reads in a sentence ("reported" is the plain case).
STATUS_WORDS: dict[str, str] = {
    "reported": "reported",
    "alleged": "alleged",
    "disputed": "disputed: sources disagree",
    "outdated": "outdated: later sources differ",
}


def group_of(event: Event) -> str:
    """The group (TimelineJS row, calendar category) of an event's category."""
    return GROUPS[event.category]


def category_words(event: Event) -> str:
    """The category in words: ``security-operation`` -> ``security operation``."""
    return event.category.replace("-", " ")


def needs_words(fuzzy: FuzzyDate) -> bool:
    """True when a date cannot be shown as one plain calendar date.

    That is: it has human wording, is approximate or uncertain, or is an interval.
    """
    return bool(fuzzy.display) or fuzzy.approximate or fuzzy.uncertain or fuzzy.kind != "single"


def known_parts(fuzzy: FuzzyDate) -> tuple[DatePart, DatePart]:
    """The first and last known part: an open end or start falls back on the other part."""
    first = fuzzy.lower or fuzzy.upper
    last = fuzzy.upper or fuzzy.lower
    assert first is not None and last is not None  # the parser refuses ../..
    return first, last


def precision_words(fuzzy: FuzzyDate) -> str:
    """How the date is pinned down, in a short clause."""
    first, last = known_parts(fuzzy)
    if fuzzy.kind == "open-end":
        how = f"open-ended: no end date in the sources; shown on {first.words()}, its known start"
    elif fuzzy.kind == "open-start":
        how = f"no start date in the sources; shown on {last.words()}, its known end"
    elif fuzzy.kind == "range":
        how = "an interval: shown over the whole period"
    elif fuzzy.precision == "day":
        how = "exact day"
    else:
        how = f"{fuzzy.precision} precision: shown over the whole {fuzzy.precision}"
    if fuzzy.approximate:
        how += "; approximate"
    if fuzzy.uncertain:
        how += "; uncertain"
    return how


def published_words(source: Source) -> str | None:
    """When a source was published, in words, or ``None`` when unknown."""
    return source.published.words() if source.published else None


def source_label(source: Source) -> str:
    """``Publisher, "Title" (published)`` in plain text; unknown parts are left out."""
    label = f"\u201c{source.title}\u201d"
    if source.publisher:
        label = f"{source.publisher}, {label}"
    published = published_words(source)
    return f"{label} ({published})" if published else label


def place_label(place: Place) -> str:
    """A place name with its country code, unless the place is the country itself."""
    return place.name if place.kind == "country" else f"{place.name} ({place.country})"


def cited_sources(base: FactBase, events: Iterable[Event]) -> list[Source]:
    """The sources the events cite, sorted by id."""
    return sources_by_id(base, {c.source for event in events for c in event.citations})


def sources_by_id(base: FactBase, ids: Iterable[str]) -> list[Source]:
    """The sources with these ids, sorted by id."""
    return [base.source(i) for i in sorted(ids)]


def describe_filter(record_filter: RecordFilter) -> str | None:
    """The filter in words (``since 2020; countries CO, VE``), or ``None`` when empty."""
    parts = []
    if record_filter.since is not None:
        parts.append(f"since {record_filter.since.words()}")
    if record_filter.until is not None:
        parts.append(f"until {record_filter.until.words()}")
    for name, values in (
        ("countries", record_filter.countries),
        ("categories", record_filter.categories),
        ("statuses", record_filter.statuses),
    ):
        if values:
            parts.append(f"{name} {', '.join(sorted(values))}")
    return "; ".join(parts) or None


def data_span(events: Iterable[Event]) -> tuple[date, date] | None:
    """First and last known day of the events (open ends count their known part)."""
    return date_span(event.date for event in events)


def date_span(dates: Iterable[FuzzyDate]) -> tuple[date, date] | None:
    """First and last known day of the dates (open ends count their known part)."""
    parts = (part for fuzzy in dates for part in known_parts(fuzzy))
    days = [day for part in parts for day in (part.first_day, part.last_day)]
    return (min(days), max(days)) if days else None


def latest_known_day(base: FactBase) -> date | None:
    """The latest first day of any date part in the base (events and source publication).

    Taking a part's first day means this day is never later than what the data says:
    a source published in "2025-03" counts as 1 March 2025.
    """
    dates = [e.date for e in base.events] + [s.published for s in base.sources if s.published]
    days = [p.first_day for fuzzy in dates for p in (fuzzy.lower, fuzzy.upper) if p is not None]
    return max(days, default=None)
