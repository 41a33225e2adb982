"""Reader text: what readers see names records, places and dates in words.

Titles, summaries, notes, roles, labels and date wording reach readers in the timeline,
the calendar and the map balloons. A record id (``origin-tocoron-prison``) or a date in
the recorded notation (``2013~``, ``../2025-03``, ``2018/..``, ``2023-09-20``) means
nothing there: a cross-reference is the ``see_also`` field (the exports show the other
record's title), and a date is written as a reader says it ("around 2013", "until March
2025"). Quotes are verbatim and source titles are the sources' own, so neither is checked.

:func:`internals` finds what does not belong; ``check`` reports each find, and the tests
run it over every export a reader sees.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from tda_export.fuzzydate import FuzzyDate
from tda_export.models import Actor, Record, Source

#: A date in EDTF notation: an interval with ``/``, a qualified part (``2013~``,
#: ``2024-01?``), or a month or day written with hyphens (``2024-03``, ``2023-09-20``).
_NOTATION = re.compile(
    r"(?<![\w.$/-])(?:"
    r"\.\./\d{4}(?:-\d{2}){0,2}[~?%]?"
    r"|\d{4}(?:-\d{2}){0,2}[~?%]?/(?:\.\.|\d{4}(?:-\d{2}){0,2}[~?%]?)"
    r"|\d{4}(?:-\d{2}){1,2}[~?%]?(?![\w-])"
    r"|\d{4}[~%](?!\w)"
    r")"
)
#: A lower-case word or hyphenated slug, as record ids are written.
_SLUG = re.compile(r"(?<![\w'’-])[a-z0-9]+(?:-[a-z0-9]+)*(?![\w-])")


def internals(text: str, ids: Collection[str]) -> Iterator[str]:
    """What in ``text`` is a record id from ``ids`` or a date in the recorded notation.

    Yields
    ------
    str
        Each find, in a short sentence (``'origin-tocoron-prison' is a record id``).
    """
    for match in _NOTATION.finditer(text):
        yield f"{match.group()!r} is date notation: write the date in words"
    for match in _SLUG.finditer(text):
        word = match.group()
        if "-" in word and word in ids:
            yield f"{word!r} is a record id: name the record in words, or list it in see_also"


Path = tuple[str | int, ...]


def reader_fields(record: Record) -> Iterator[tuple[Path, str]]:
    """Each piece of reader text of a record with its field path (``("summary",)`` ...).

    Yields
    ------
    tuple
        The field path and its text; quotes and source titles are left out (verbatim).
    """
    for name in ("title", "label", "summary", "role", "label", "unit", "attributed_to", "note"):
        if isinstance(record, Source) and name == "title":
            continue
        value = getattr(record, name, None)
        if isinstance(value, str):
            yield (name,), value
    for name in ("date", "period", "as_of", "published"):
        fuzzy = getattr(record, name, None)
        if isinstance(fuzzy, FuzzyDate):
            if fuzzy.display is not None:
                yield (name, "display"), fuzzy.display
            if fuzzy.note is not None:
                yield (name, "note"), fuzzy.note
    if isinstance(record, Actor):
        for i, claim in enumerate(record.relations):
            if claim.note is not None:
                yield ("relations", i, "note"), claim.note
            for j, cit in enumerate(claim.citations):
                if cit.note is not None:
                    yield ("relations", i, "citations", j, "note"), cit.note
        return
    for j, cit in enumerate(getattr(record, "citations", None) or ()):
        if cit.note is not None:
            yield ("citations", j, "note"), cit.note
