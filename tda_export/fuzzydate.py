"""Fuzzy dates: a small subset of ISO 8601-2 / EDTF level 1.

Accepted forms (each part may end with ``~`` approximate or ``?`` uncertain)::

    2013            year
    2024-03         month
    2023-09-20      day
    2024-01~        approximate month ("early 2024")
    2015/2017       closed interval
    2018/..         open end ("since 2018")
    ../2025-03      open start ("until March 2025")

A fuzzy date never turns into a single day: it covers the span ``start`` .. ``end``
(both inclusive), and keeps its ``precision`` so that every export can show it as written.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Precision = Literal["day", "month", "year"]
Kind = Literal["single", "range", "open-end", "open-start"]

# ASCII digits only: ``\d`` would take every Unicode digit (Arabic-Indic, fullwidth ...).
_PART = re.compile(r"^(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?)?(?P<q>[~?%])?$")
_RANK: dict[Precision, int] = {"year": 0, "month": 1, "day": 2}
_MONTHS = [
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class FuzzyDateError(ValueError):
    """A string that is not a fuzzy date this project accepts."""


@dataclass(frozen=True, slots=True)
class DatePart:
    """One end of a fuzzy date: a year, a month or a day, maybe approximate."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False

    @property
    def precision(self) -> Precision:
        """``day``, ``month`` or ``year``: the most precise unit given."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def first_day(self) -> date:
        """The first calendar day this part covers."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> date:
        """The last calendar day this part covers."""
        if self.day is not None:
            return date(self.year, self.month or 1, self.day)
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def iso(self) -> str:
        """The part at its own precision, without qualifier: ``2013``, ``2024-03``."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def words(self) -> str:
        """The part in English words: ``2013``, ``March 2024``, ``20 September 2023``.

        Approximate reads ``c. 2013``, uncertain ``possibly 2013`` (never a bare ``?``).
        """
        if self.day is not None:
            text = f"{self.day} {_MONTHS[self.month or 1]} {self.year}"
        elif self.month is not None:
            text = f"{_MONTHS[self.month]} {self.year}"
        else:
            text = str(self.year)
        if self.approximate:
            text = "c. " + text
        if self.uncertain:
            text = "possibly " + text
        return text


def _parse_part(text: str, whole: str) -> DatePart:
    match = _PART.match(text)
    if not match and not whole.isascii() and any(c.isdigit() for c in whole):
        raise FuzzyDateError(f"{whole!r} is not a date: write its digits as 0-9 (ASCII)")
    if not match:
        raise FuzzyDateError(
            f"{whole!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD, "
            "optionally ending in ~ or ?, or an interval A/B, A/.. or ../B"
        )
    year = int(match["y"])
    month = int(match["m"]) if match["m"] else None
    day = int(match["d"]) if match["d"] else None
    qualifier = match["q"] or ""
    if year == 0:
        raise FuzzyDateError(f"{whole!r} is not a date: year 0000 does not exist")
    if month is not None and not 1 <= month <= 12:
        raise FuzzyDateError(f"{whole!r} is not a date: month {month:02d} does not exist")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise FuzzyDateError(
                f"{whole!r} is not a date: {_MONTHS[month]} {year} has {last} days"
            )
    return DatePart(
        year,
        month,
        day,
        approximate=qualifier in "~%" and qualifier != "",
        uncertain=qualifier in "?%" and qualifier != "",
    )


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A date as precise as its source: a year, month, day or an interval of them.

    ``lower`` is the only part of a single date; an open end or start is ``None``.
    ``display`` is optional human wording ("since 2018", "early 2024").
    """

    text: str
    lower: DatePart | None
    upper: DatePart | None
    display: str | None = None
    note: str | None = None

    @classmethod
    def parse(cls, text: str, display: str | None = None, note: str | None = None) -> FuzzyDate:
        """Parse ``text``; raise :class:`FuzzyDateError` with a readable reason."""
        if not isinstance(text, str):
            raise FuzzyDateError(f"{text!r} is not a date string")
        raw = text.strip()
        if "/" not in raw:
            part = _parse_part(raw, raw)
            return cls(raw, part, part, display, note)
        if raw.count("/") > 1:
            raise FuzzyDateError(f"{raw!r} is not a date: an interval has exactly one '/'")
        left, right = raw.split("/")
        if left == ".." and right == "..":
            raise FuzzyDateError(f"{raw!r} is not a date: an interval needs at least one end")
        lower = None if left == ".." else _parse_part(left, raw)
        upper = None if right == ".." else _parse_part(right, raw)
        if lower and upper and lower.first_day > upper.last_day:
            raise FuzzyDateError(
                f"{raw!r} is not a date: the interval ends ({upper.iso}) "
                f"before it starts ({lower.iso})"
            )
        return cls(raw, lower, upper, display, note)

    # -- what exporters need ------------------------------------------------------------
    @property
    def kind(self) -> Kind:
        """``single``, ``range``, ``open-end`` ("since 2018") or ``open-start``."""
        if self.upper is None:
            return "open-end"
        if self.lower is None:
            return "open-start"
        return "range" if "/" in self.text else "single"

    @property
    def precision(self) -> Precision:
        """The coarsest unit among the parts given: ``2015/2017-03`` is ``year``."""
        parts = [p for p in (self.lower, self.upper) if p is not None]
        return min((p.precision for p in parts), key=_RANK.__getitem__)

    @property
    def approximate(self) -> bool:
        """True when any part is marked ``~`` (or ``%``)."""
        return any(p.approximate for p in (self.lower, self.upper) if p)

    @property
    def uncertain(self) -> bool:
        """True when any part is marked ``?`` (or ``%``)."""
        return any(p.uncertain for p in (self.lower, self.upper) if p)

    @property
    def start(self) -> date | None:
        """First day covered, or ``None`` for an open start."""
        return self.lower.first_day if self.lower else None

    @property
    def end(self) -> date | None:
        """Last day covered (inclusive), or ``None`` for an open end."""
        return self.upper.last_day if self.upper else None

    @property
    def sort_key(self) -> tuple[date, date]:
        """Chronological key: by first day, then last day; open ends sort last."""
        first = self.start or (self.upper.first_day if self.upper else date.min)
        return (first, self.end or date.max)

    def overlaps(self, since: date | None, until: date | None) -> bool:
        """True when the span of this date meets the window ``since`` .. ``until``."""
        if since is not None and self.end is not None and self.end < since:
            return False
        return not (until is not None and self.start is not None and self.start > until)

    def words(self) -> str:
        """``display`` if given, else English words keeping the precision."""
        if self.display:
            return self.display
        if self.kind == "single":
            assert self.lower is not None
            return self.lower.words()
        if self.kind == "open-end":
            assert self.lower is not None
            return f"since {self.lower.words()}"
        if self.kind == "open-start":
            assert self.upper is not None
            return f"until {self.upper.words()}"
        assert self.lower is not None and self.upper is not None
        return f"{self.lower.words()}\u2013{self.upper.words()}"

    def __str__(self) -> str:
        """The EDTF text as written in the fact file."""
        return self.text
