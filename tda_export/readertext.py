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

from tda_export.citations import citations_of
from tda_export.fuzzydate import FuzzyDate
from tda_export.models import RECORD_TYPES, Actor, Record, Source, fields_of

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
#: A hyphenated lower-case slug, as most record ids are written (``origin-tocoron-prison``).
_SLUG = re.compile(r"(?<![\w'’-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")
_DIGIT = re.compile(r"\d")


def internals(text: str, ids: Collection[str]) -> Iterator[str]:
    """What in ``text`` is a record id from ``ids`` or a date in the recorded notation.

    Yields
    ------
    str
        Each find, in a short sentence (``'origin-tocoron-prison' is a record id``).
    """
    if _DIGIT.search(text):
        for match in _NOTATION.finditer(text):
            yield f"{match.group()!r} is date notation: write the date in words"
    if "-" in text:
        for match in _SLUG.finditer(text):
            if match.group() in ids:
                yield (
                    f"{match.group()!r} is a record id: name the record in words, "
                    "or list it in see_also"
                )


Path = tuple[str | int, ...]


_TEXT_FIELDS = ("title", "label", "summary", "role", "unit", "attributed_to", "note")
_DATE_FIELDS = ("date", "period", "as_of", "published")


def _fields_of(model: type[Record]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The reader-text fields and the date fields a kind of record has."""
    names = fields_of(model)
    texts = tuple(n for n in _TEXT_FIELDS if n in names and not (model is Source and n == "title"))
    return texts, tuple(n for n in _DATE_FIELDS if n in names)


_FIELDS = {model.record_kind: _fields_of(model) for model in RECORD_TYPES.values()}


def reader_fields(record: Record) -> Iterator[tuple[Path, str]]:
    """Each piece of reader text of a record with its field path (``("summary",)`` ...).

    Yields
    ------
    tuple
        The field path and its text (claimants' names included); quotes and source
        titles are left out (verbatim).
    """
    texts, dates = _FIELDS[record.record_kind]
    for name in texts:
        value = getattr(record, name)
        if isinstance(value, str):
            yield (name,), value
    for name in dates:
        fuzzy = getattr(record, name)
        if isinstance(fuzzy, FuzzyDate):
            if fuzzy.display is not None:
                yield (name, "display"), fuzzy.display
            if fuzzy.note is not None:
                yield (name, "note"), fuzzy.note
    for i, revision in enumerate(record.revisions):
        yield ("revisions", i, "change"), revision.change
        yield ("revisions", i, "reason"), revision.reason
    if isinstance(record, Actor):
        for i, claim in enumerate(record.relations):
            if claim.note is not None:
                yield ("relations", i, "note"), claim.note
    for path, cit in citations_of(record):
        if cit.claimant is not None:
            yield (*path, "claimant", "name"), cit.claimant.name
        if cit.note is not None:
            yield (*path, "note"), cit.note


def record_internals(record: Record, ids: Collection[str]) -> Iterator[tuple[Path, str]]:
    """Each find of :func:`internals` in a record's reader text, with its field path.

    Yields
    ------
    tuple
        The field path and the find; nothing for the usual record, whose text holds
        neither a digit nor a hyphen (one look at all of it together).
    """
    fields = list(reader_fields(record))
    joined = " ".join(text for _, text in fields)
    if "-" not in joined and not _DIGIT.search(joined):
        return
    for path, text in fields:
        for find in internals(text, ids):
            yield path, find
