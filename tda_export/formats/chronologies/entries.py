"""Calendar entries: the events of a feed, gathered by the span of days the sources give.

Calendars draw an all-day entry as a bar over the days it covers (docs/chronologies.md).
An event's entry covers its whole date when that is known at both ends and no longer than
a year (``2013``: all of 2013; ``2025-01/2025-03``: January to March 2025); else the part
of the date the sources give first (``2018/..`` and ``2018/2023``: 2018; ``../2025-03``:
March 2025), and the title says the rest ("since 2018"). Events with the same span share
one entry ("2013: 5 events"), so no day holds a pile of events known only by their year,
no bar lies over a decade, and no entry sits on a day the sources do not give. Pure
functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from tda_export.errors import TdaExportError
from tda_export.formats.words import known_parts
from tda_export.fuzzydate import FuzzyDate
from tda_export.models import Event


@dataclass(frozen=True, slots=True)
class Entry:
    """One calendar entry: the days it covers (both inclusive) and its events, in order."""

    first: date
    last: date
    events: tuple[Event, ...]
    number: int = 1
    """The number of its first event among the events of its span (more than 1 when a
    span's events fill several entries, :func:`.ical.parts`)."""
    total: int = 0
    """How many events its span has in all its entries (0: just these)."""

    @property
    def key(self) -> str:
        """The entry's own part of its UID: the event's id, or the span of a shared entry
        (and its first event's number, for every entry of a span but the first).

        A shared entry's key holds an underscore, which no fact id can hold.
        """
        if len(self.events) == 1 and not self.total:
            return self.events[0].id
        key = f"events_{self.first.isoformat()}_{self.last.isoformat()}".replace("-", "")
        return key if self.number == 1 else f"{key}_{self.number}"

    def count_words(self) -> str:
        """How many events it holds: ``"5 events"``, or ``"events 1–4 of 7"``."""
        if not self.total:
            return f"{len(self.events)} events"
        last = self.number + len(self.events) - 1
        numbers = f"event {last}" if last == self.number else f"events {self.number}\u2013{last}"
        return f"{numbers} of {self.total}"

    def words(self) -> str:
        """The span in words: the events' own date words when they agree (``early 2025``)."""
        said = {event.date.words() for event in self.events}
        return (
            said.pop() if len(said) == 1 and not self.total else span_words(self.first, self.last)
        )

    def whole(self) -> bool:
        """True when every event's date lies within the entry's span."""
        return all(
            e.date.start is not None and e.date.end is not None and e.date.end <= self.last
            for e in self.events
        )


MAX_SPAN = timedelta(days=366)
"""A date this long or longer is shown across its first known part only."""


def entry_span(fuzzy: FuzzyDate) -> tuple[date, date]:
    """The first and last day of an event's entry: its whole date when known at both ends and
    shorter than :data:`MAX_SPAN`, else its first known part (of an open start, the end)."""
    if fuzzy.start is not None and fuzzy.end is not None and fuzzy.end - fuzzy.start < MAX_SPAN:
        first, last = fuzzy.start, fuzzy.end
    else:
        part = known_parts(fuzzy)[0]
        first, last = part.first_day, part.last_day
    if last == date.max:
        raise TdaExportError(f"{fuzzy}: an all-day event cannot end after 9999-12-31")
    return first, last


def span_words(first: date, last: date) -> str:
    """Days in words at the coarsest unit that fits them (``2013``, ``March 2025``)."""
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        parts = [f"{first.year:04d}", f"{last.year:04d}"]
    elif first.day == 1 and (last + timedelta(days=1)).day == 1:
        parts = [f"{d.year:04d}-{d.month:02d}" for d in (first, last)]
    else:
        parts = [first.isoformat(), last.isoformat()]
    text = parts[0] if parts[0] == parts[1] else "/".join(parts)
    return FuzzyDate.parse(text).words()


def entries(events: Iterable[Event]) -> Iterator[Entry]:
    """Yields the entries of events sorted by date (first day, last day), then id.

    An entry's span starts on its events' first sort day, so each run of events with the
    same first day is gathered on its own; entries come by first day, then last day.
    """
    run: dict[tuple[date, date], list[Event]] = {}
    for event in events:
        span = entry_span(event.date)
        if run and next(iter(run))[0] != span[0]:
            yield from (Entry(f, la, tuple(run[f, la])) for f, la in sorted(run))
            run.clear()
        run.setdefault(span, []).append(event)
    yield from (Entry(f, la, tuple(run[f, la])) for f, la in sorted(run))


def split(entry: Entry, sizes: list[int], limit: int) -> Iterator[Entry]:
    """``entry``, or entries on the same days that hold its events in turn ("events 1–4 of
    7") when their ``sizes`` (one per event, say characters of a description) add up to
    more than ``limit``: no event is left out, and no entry holds more than the limit
    (but for one event that alone passes it)."""
    if sum(sizes) <= limit or len(entry.events) == 1:
        yield entry
        return
    chunk: list[Event] = []
    size, number = 0, 1
    for event, length in zip(entry.events, sizes, strict=True):
        if chunk and size + length > limit:
            yield replace(entry, events=tuple(chunk), number=number, total=len(entry.events))
            number, chunk, size = number + len(chunk), [], 0
        chunk.append(event)
        size += length
    yield replace(entry, events=tuple(chunk), number=number, total=len(entry.events))
