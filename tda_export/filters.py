"""The filters every export shares: ``--since``, ``--until``, ``--country``, ``--category``,
``--status``.

- ``since``/``until`` take fuzzy dates; a record matches when its span overlaps the window
  (``--since 2020`` keeps "since 2018" presence and a ``2019/2021`` range). Records with no
  date (a presence with no period) are kept only when no time window is given.
- ``country`` keeps records with at least one place in one of the given countries, named by
  ISO 3166-1 alpha-2 or alpha-3 code in any case (``ve``, ``VEN``); :meth:`RecordFilter.check`
  refuses a code that is not one, listing the countries of the base.
- ``category`` applies to events only; ``status`` to events, presence and figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from tda_export.errors import UsageError
from tda_export.factbase import FactBase
from tda_export.fuzzydate import FuzzyDate, FuzzyDateError
from tda_export.models import Event, Figure, Place, Presence, Record, chronological_key

DATE_FORMS = "give YYYY, YYYY-MM or YYYY-MM-DD (2023, 2023-03 or 2023-03-13)"
"""The forms ``--since`` and ``--until`` take, shown with every bad date."""
_SINGLE_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?[~?%]?")


@dataclass(frozen=True)
class RecordFilter:
    """Which records an export keeps; the empty filter keeps everything."""

    since: FuzzyDate | None = None
    until: FuzzyDate | None = None
    countries: frozenset[str] = field(default_factory=frozenset)
    categories: frozenset[str] = field(default_factory=frozenset)
    statuses: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_options(
        cls,
        since: str | None = None,
        until: str | None = None,
        countries: Iterable[str] = (),
        categories: Iterable[str] = (),
        statuses: Iterable[str] = (),
    ) -> RecordFilter:
        """Build a filter from option strings; raise :class:`UsageError` on a bad date.

        Country codes become ISO 3166-1 alpha-2 (``usa``: ``US``); one that is not a code
        is kept as given, upper case, for :meth:`check` to refuse.
        """
        from tda_export.gazetteer import iso_country

        first, last = _date_option("--since", since), _date_option("--until", until)
        earliest = first.start if first else None
        latest = last.end if last else None
        if earliest is not None and latest is not None and earliest > latest:
            raise UsageError(
                f"--since {first} comes after --until {last}, so no date can match; "
                f"did you mean --since {last} --until {first}?"
            )
        return cls(
            since=first,
            until=last,
            countries=frozenset(iso_country(c) or c.strip().upper() for c in countries),
            categories=frozenset(categories),
            statuses=frozenset(statuses),
        )

    def check(self, base: FactBase) -> None:
        """Raise :class:`UsageError` for a country code that is not ISO 3166-1.

        The message lists the countries the base has places in.
        """
        from tda_export.gazetteer import iso_country

        for code in sorted(self.countries):
            if iso_country(code) != code:
                have = ", ".join(sorted({place.country for place in base.places}))
                raise UsageError(
                    f"--country: {code!r} is not an ISO 3166-1 country code (two or three "
                    f"letters, e.g. VE or VEN); the fact base has places in {have}"
                )

    @property
    def has_window(self) -> bool:
        """True when ``since`` or ``until`` is set."""
        return self.since is not None or self.until is not None

    def in_window(self, date: FuzzyDate | None) -> bool:
        """True when ``date`` overlaps the window (undated: only without a window)."""
        if date is None:
            return not self.has_window
        since = self.since.start if self.since else None
        until = self.until.end if self.until else None
        return date.overlaps(since, until)

    def in_countries(self, base: FactBase, place_ids: Iterable[str | None]) -> bool:
        """True when no country is asked for, or one of the places lies in one."""
        if not self.countries:
            return True
        for place_id in place_ids:
            place = base.by_id.get(place_id or "")
            if isinstance(place, Place) and place.country in self.countries:
                return True
        return False

    def keeps_event(self, base: FactBase, event: Event) -> bool:
        """True when the event passes every filter."""
        return (
            self.in_window(event.date)
            and self.in_countries(base, event.places)
            and (not self.categories or event.category in self.categories)
            and (not self.statuses or event.status in self.statuses)
        )

    def keeps_presence(self, base: FactBase, presence: Presence) -> bool:
        """True when the presence record passes the time, country and status filters."""
        return (
            self.in_window(presence.period)
            and self.in_countries(base, [presence.place])
            and (not self.statuses or presence.status in self.statuses)
        )

    def keeps_figure(self, base: FactBase, figure: Figure) -> bool:
        """True when the figure passes the time, country and status filters."""
        return (
            self.in_window(figure.as_of)
            and (not self.countries or self.in_countries(base, [figure.place]))
            and (not self.statuses or figure.status in self.statuses)
        )

    def keeps_place(self, place: Place) -> bool:
        """True when the place is in one of the asked countries (or none was asked)."""
        return not self.countries or place.country in self.countries

    # -- iterators used by the exporters ----------------------------------------------------
    def events(self, base: FactBase) -> Iterator[Event]:
        """Yields the kept events sorted by date (first day, last day), then id."""
        for event in sorted(base.events, key=chronological_key):
            if self.keeps_event(base, event):
                yield event

    def presence(self, base: FactBase) -> Iterator[Presence]:
        """Yields the kept presence records sorted by id."""
        for rec in sorted(base.presence, key=_by_id):
            if self.keeps_presence(base, rec):
                yield rec

    def figures(self, base: FactBase) -> Iterator[Figure]:
        """Yields the kept figures sorted by id."""
        for rec in sorted(base.figures, key=_by_id):
            if self.keeps_figure(base, rec):
                yield rec

    def places(self, base: FactBase) -> Iterator[Place]:
        """Yields the kept places sorted by id."""
        for place in sorted(base.places, key=_by_id):
            if self.keeps_place(place):
                yield place


def _by_id(rec: Record) -> str:
    return rec.id


def _date_option(name: str, value: str | None) -> FuzzyDate | None:
    if value is None:
        return None
    if not _SINGLE_DATE.fullmatch(value):
        raise UsageError(f"{name}: {value!r} is not a date this option takes; {DATE_FORMS}")
    try:
        return FuzzyDate.parse(value)
    except FuzzyDateError as exc:
        raise UsageError(f"{name}: {exc}; {DATE_FORMS}") from None
