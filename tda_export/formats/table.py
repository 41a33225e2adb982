"""CSV tables: one per record kind, plus actors' relation claims and every citation.

The pure core, :func:`table_rows`, yields one dict per row holding plain Python values
(``None``, ``str``, ``int``, ``float``, ``datetime.date``, ``list[str]``). The writer,
:func:`write_csv`, turns each row into spreadsheet-safe cells and streams it out one row at
a time. :data:`TABLES` declares each table's columns (in their fixed order), row order,
foreign keys and the filters it accepts; ``docs/tables.md`` documents them.

Cells:

- unknown or empty values are empty cells; lists are joined with ``"; "``;
- numbers are plain (``11000``, ``-67.59475``), dates ``YYYY-MM-DD``;
- a text cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``,
  ``@``, tab or carriage return) gets one leading apostrophe, see :func:`neutralise`.

Module-level imports stay light: the CLI reads :data:`TABLE_NAMES` when it starts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import IO, TYPE_CHECKING, Any, Literal, get_args

from tda_export import vocab
from tda_export.errors import UsageError

if TYPE_CHECKING:
    from tda_export.factbase import FactBase
    from tda_export.filters import RecordFilter
    from tda_export.fuzzydate import FuzzyDate
    from tda_export.models import Record

FieldType = Literal["string", "integer", "number", "date"]
Value = str | int | float | date | list[str] | None
Row = dict[str, Value]

LIST_SEPARATOR = "; "
FORMULA_TRIGGERS = frozenset("=+-@\t\r")
_PREFIX_STARTS = FORMULA_TRIGGERS | {"'"}

SINCE = "--since"
UNTIL = "--until"
COUNTRY = "--country"
CATEGORY = "--category"
STATUS = "--status"
_DATED = frozenset({SINCE, UNTIL, COUNTRY, STATUS})
_ALL = _DATED | {CATEGORY}


@dataclass(frozen=True)
class Column:
    """One column: name, Table Schema type, meaning and constraints."""

    name: str
    type: FieldType
    description: str
    enum: tuple[str, ...] = ()
    required: bool = False
    is_list: bool = False
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class ForeignKey:
    """A column whose non-empty values are ids in another table (or this one)."""

    column: str
    table: str


@dataclass(frozen=True)
class Table:
    """A table: fixed columns, a row generator, its row order and the filters it takes."""

    name: str
    description: str
    order: str
    columns: tuple[Column, ...]
    rows: Callable[[FactBase, RecordFilter], Iterator[Row]]
    filters: frozenset[str] = frozenset()
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def header(self) -> list[str]:
        """Column names in order."""
        return [c.name for c in self.columns]


# -- cells ---------------------------------------------------------------------------------
def neutralise(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet would run as a formula (OWASP "CSV injection").

    Text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return is prefixed, and so
    is text that already starts with apostrophes followed by one of those, which keeps the
    mapping reversible by :func:`restore`.
    """
    return "'" + text if _needs_prefix(text) else text


def restore(cell: str) -> str:
    """Undo :func:`neutralise`: the original text of a text cell."""
    return cell[1:] if cell.startswith("'") and _needs_prefix(cell[1:]) else cell


def _needs_prefix(text: str) -> bool:
    if text[:1] not in _PREFIX_STARTS:  # most text: one look at the first character
        return False
    return text.lstrip("'")[:1] in FORMULA_TRIGGERS


def format_number(value: float) -> str:
    """A number as a spreadsheet reads it: ``11000`` rather than ``11000.0``."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def cell(column: Column, value: Value) -> str:
    """The CSV text of one value; text columns are neutralised, numbers stay numbers."""
    if type(value) is str:  # most cells
        return neutralise(value) if column.type == "string" else value
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, int):
        return str(value)
    return neutralise(value) if column.type == "string" else value


# -- columns shared by several tables ------------------------------------------------------
def _text(name: str, description: str, required: bool = False) -> Column:
    return Column(name, "string", description, required=required)


def _list(name: str, description: str) -> Column:
    return Column(name, "string", f"{description}, joined with '; '", is_list=True)


def _enum(name: str, vocabulary: Any, description: str, required: bool = True) -> Column:
    return Column(name, "string", description, enum=get_args(vocabulary), required=required)


_ID = Column("id", "string", "Record id (unique across the fact base)", required=True)
_STATUS = _enum("status", vocab.ClaimStatus, "How the sources present the claim")
_NOTE = _text("note", "Editor's note: corrections and caveats")
_UNCERTAINTY = "Radius of uncertainty around the point, in metres"
_COUNTRY = _text("country", "ISO 3166-1 alpha-2 code of the place")


_DATE_SUFFIXES = ("", "_display", "_start", "_end", "_precision", "_note")


def _date_columns(prefix: str, what: str, required: bool = False) -> tuple[Column, ...]:
    """The six columns of a fuzzy date; ``what`` names it in lower case ("period")."""
    what_ = what[0].upper() + what[1:]
    precision = Literal["day", "month", "year"]
    return (
        _text(prefix, f"{what_} as written in the facts (EDTF: 2013, 2024-03, 2018/..)", required),
        _text(f"{prefix}_display", f"{what_} in words (since 2018, March 2024)", required),
        Column(f"{prefix}_start", "date", f"First day of the {what}; empty when open at the start"),
        Column(f"{prefix}_end", "date", f"Last day of the {what}; empty when open at the end"),
        _enum(f"{prefix}_precision", precision, f"Coarsest unit of the {what}", required),
        _text(f"{prefix}_note", f"How the {what} was worked out"),
    )


def _dates(prefix: str, value: FuzzyDate | None) -> Row:
    return dict(zip(_date_names(prefix), _date_values(value), strict=True))


@lru_cache(maxsize=8)
def _date_names(prefix: str) -> tuple[str, ...]:
    return tuple(prefix + suffix for suffix in _DATE_SUFFIXES)


@lru_cache(maxsize=4096)
def _date_values(value: FuzzyDate | None) -> tuple[Value, ...]:
    """The six date cells (records share their fuzzy dates, so most are found here)."""
    if value is None:
        return (None,) * len(_DATE_SUFFIXES)
    return (value.text, value.words(), value.start, value.end, value.precision, value.note)


def _country_of(base: FactBase, place_id: str | None) -> str | None:
    place = base.by_id.get(place_id or "")
    return getattr(place, "country", None)


def _by_id(record: Record) -> str:
    return record.id


# -- row generators ------------------------------------------------------------------------
def source_rows(base: FactBase, record_filter: RecordFilter) -> Iterator[Row]:
    """Yields one row per source, sorted by id."""
    for src in sorted(base.sources, key=_by_id):
        yield {
            "id": src.id,
            "title": src.title,
            "publisher": src.publisher,
            "authors": list(src.authors),
            "kind": src.kind,
            **_dates("published", src.published),
            "url": src.url,
            "language": src.language,
            "archive_file": src.archive.file,
            "archive_sha256": src.archive.sha256,
            "derived_from": src.derived_from,
            "note": src.note,
        }


def place_rows(base: FactBase, record_filter: RecordFilter) -> Iterator[Row]:
    """Yields one row per place kept by ``--country``, sorted by id."""
    for place in record_filter.places(base):
        lon, lat = place.point if place.point is not None else (None, None)
        yield {
            "id": place.id,
            "name": place.name,
            "alternate_names": list(place.alternate_names),
            "kind": place.kind,
            "country": place.country,
            "state": place.state,
            "parent": place.parent,
            "lon": lon,
            "lat": lat,
            "precision": place.precision,
            "uncertainty_m": place.uncertainty_m,
            "geonames_id": place.geonames_id,
            "note": place.note,
        }


def actor_rows(base: FactBase, record_filter: RecordFilter) -> Iterator[Row]:
    """Yields one row per actor, sorted by id."""
    for actor in sorted(base.actors, key=_by_id):
        yield {
            "id": actor.id,
            "name": actor.name,
            "aliases": list(actor.aliases),
            "kind": actor.kind,
            "role": actor.role,
            "country": actor.country,
            "relations": list(dict.fromkeys(claim.relation for claim in actor.relations)),
            "note": actor.note,
        }


def relation_id(actor_id: str, number: int) -> str:
    """Id of an actor's ``number``-th relation claim (from 1): ``<actor>#relation-<n>``."""
    return f"{actor_id}#relation-{number}"


def relation_rows(base: FactBase, record_filter: RecordFilter) -> Iterator[Row]:
    """Yields one row per relation claim, sorted by actor id, then claim order."""
    for actor in sorted(base.actors, key=_by_id):
        for number, claim in enumerate(actor.relations, start=1):
            yield {
                "id": relation_id(actor.id, number),
                "actor": actor.id,
                "relation": claim.relation,
                "status": claim.status,
                "note": claim.note,
            }


def event_rows(base: FactBase, record_filter: RecordFilter) -> Iterator[Row]:
    """Yields one row per kept event, sorted by date (first day, then last day), then id."""
    for event in record_filter.events(base):
        countries = (_country_of(base, place_id) for place_id in event.places)
        yield {
            "id": event.id,
            "title": event.title,
            **_dates("date", event.date),
            "category": event.category,
            "status": event.status,
            "places": list(event.places),
            "countries": [c for c in dict.fromkeys(countries) if c is not None],
            "actors": list(event.actors),
            "summary": event.summary,
            "note": event.note,
        }


def presence_rows(base: FactBase, record_filter: RecordFilter) -> Iterator[Row]:
    """Yields one row per kept presence record, sorted by id."""
    for rec in record_filter.presence(base):
        yield {
            "id": rec.id,
            "place": rec.place,
            "country": _country_of(base, rec.place),
            **_dates("period", rec.period),
            "activities": list(rec.activities),
            "status": rec.status,
            "note": rec.note,
        }


def figure_rows(base: FactBase, record_filter: RecordFilter) -> Iterator[Row]:
    """Yields one row per kept figure, sorted by id."""
    for fig in record_filter.figures(base):
        yield {
            "id": fig.id,
            "measure": fig.measure,
            "label": fig.label,
            "value": fig.value,
            "low": fig.low,
            "high": fig.high,
            "qualifier": fig.qualifier,
            "unit": fig.unit,
            **_dates("as_of", fig.as_of),
            "attributed_to": fig.attributed_to,
            "place": fig.place,
            "country": _country_of(base, fig.place),
            "status": fig.status,
            "note": fig.note,
        }


def citation_id(record_id: str, number: int) -> str:
    """Id of a record's ``number``-th citation (from 1, in file order): ``<record>#<n>``."""
    return f"{record_id}#{number}"


def citation_rows(base: FactBase, record_filter: RecordFilter) -> Iterator[Row]:
    """Yields one row per citation of every kept record, sorted by record id, then order.

    A record is kept when its own table would keep it; when a filter is given that its
    table does not take (``--since`` for a place), its citations are left out.
    """
    from tda_export.checks import citations_of

    given = given_filters(record_filter)
    kept = (  # positions, not records: each is read again when its rows are made
        (rec.id, table, position)
        for table in get_args(_CITING)
        if given <= TABLES[table].filters
        for position, rec in enumerate(base.records[table])
        if _keeps(base, record_filter, rec)
    )
    for _id, table, position in sorted(kept, key=lambda item: item[0]):
        rec = base.records[table][position]
        for number, (path, cit) in enumerate(citations_of(rec), start=1):
            claim = path[1] if path[0] == "relations" else None
            yield {
                "id": citation_id(rec.id, number),
                "record_table": table,
                "record_id": rec.id,
                "relation": relation_id(rec.id, int(claim) + 1) if claim is not None else None,
                "source": cit.source,
                "quote": cit.quote,
                "note": cit.note,
            }


def _keeps(base: FactBase, record_filter: RecordFilter, rec: Record) -> bool:
    from tda_export.models import Event, Figure, Place, Presence

    if isinstance(rec, Event):
        return record_filter.keeps_event(base, rec)
    if isinstance(rec, Presence):
        return record_filter.keeps_presence(base, rec)
    if isinstance(rec, Figure):
        return record_filter.keeps_figure(base, rec)
    if isinstance(rec, Place):
        return record_filter.keeps_place(rec)
    return True


# -- the tables ----------------------------------------------------------------------------
_CITING = Literal["places", "actors", "events", "presence", "figures"]

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "sources",
            "The documents the fact base is drawn from.",
            "id",
            (
                _ID,
                _text("title", "Title of the document", required=True),
                _text("publisher", "Publisher; empty if unknown"),
                _list("authors", "Authors"),
                _enum("kind", vocab.SourceKind, "Kind of document"),
                *_date_columns("published", "publication date"),
                _text("url", "URL the archived copy gives; never invented"),
                _text("language", "Language code of the document (en, es)", required=True),
                _text("archive_file", "File name of the archived plain-text copy", True),
                _text("archive_sha256", "sha256 of the archived copy", required=True),
                _text("derived_from", "Id of the source this one summarises (sources.id)"),
                _NOTE,
            ),
            source_rows,
            foreign_keys=(ForeignKey("derived_from", "sources"),),
        ),
        Table(
            "places",
            "Named places; states, departments and countries are areas and have no point.",
            "id",
            (
                _ID,
                _text("name", "Name", required=True),
                _list("alternate_names", "Other names"),
                _enum("kind", vocab.PlaceKind, "Kind of place"),
                _text("country", "ISO 3166-1 alpha-2 country code", required=True),
                _text("state", "ISO 3166-2 code of the state (as in Natural Earth)"),
                _text("parent", "Id of the enclosing place (places.id)"),
                Column(
                    "lon", "number", "Longitude, WGS 84; empty for areas", minimum=-180, maximum=180
                ),
                Column(
                    "lat", "number", "Latitude, WGS 84; empty for areas", minimum=-90, maximum=90
                ),
                _enum("precision", vocab.GeoPrecision, "How precise the place is"),
                Column("uncertainty_m", "integer", _UNCERTAINTY, minimum=1),
                Column("geonames_id", "integer", "GeoNames id the point was taken from", minimum=1),
                _NOTE,
            ),
            place_rows,
            filters=frozenset({COUNTRY}),
            foreign_keys=(ForeignKey("parent", "places"),),
        ),
        Table(
            "actors",
            "People and organizations, with the relations to Tren de Aragua claimed for them.",
            "id",
            (
                _ID,
                _text("name", "Name", required=True),
                _list("aliases", "Aliases"),
                _enum("kind", vocab.ActorKind, "Kind of actor"),
                _text("role", "Role, in words"),
                _text("country", "ISO 3166-1 alpha-2 country code"),
                _list("relations", "Relations claimed (details in the relations table)"),
                _NOTE,
            ),
            actor_rows,
        ),
        Table(
            "relations",
            "Each claim of how an actor relates to Tren de Aragua (an actor may have several).",
            "actor id, then claim order",
            (
                Column(
                    "id", "string", "Claim id: `<actor id>#relation-<n>`, n from 1", required=True
                ),
                _text("actor", "Actor id (actors.id)", required=True),
                _enum("relation", vocab.Relation, "Claimed relation to Tren de Aragua"),
                _STATUS,
                _NOTE,
            ),
            relation_rows,
            foreign_keys=(ForeignKey("actor", "actors"),),
        ),
        Table(
            "events",
            "Things that happened, dated as precisely as the sources allow.",
            "date (first day, then last day; an open start counts from its end), then id",
            (
                _ID,
                _text("title", "Headline", required=True),
                *_date_columns("date", "date", required=True),
                _enum("category", vocab.EventCategory, "Kind of event"),
                _STATUS,
                _list("places", "Place ids (places.id)"),
                _list("countries", "Countries of those places"),
                _list("actors", "Actor ids (actors.id)"),
                _text("summary", "What happened", required=True),
                _NOTE,
            ),
            event_rows,
            filters=_ALL,
        ),
        Table(
            "presence",
            "Where the gang is reported present or active, and since or until when.",
            "id",
            (
                _ID,
                _text("place", "Place id (places.id)", required=True),
                _COUNTRY,
                *_date_columns("period", "period"),
                _list("activities", "Activities there"),
                _STATUS,
                _NOTE,
            ),
            presence_rows,
            filters=_DATED,
            foreign_keys=(ForeignKey("place", "places"),),
        ),
        Table(
            "figures",
            "Numbers about the gang; conflicting numbers are separate rows.",
            "id",
            (
                _ID,
                _enum("measure", vocab.FigureMeasure, "What kind of number"),
                _text("label", "What is counted, in words", required=True),
                Column("value", "number", "The number; empty when a range is given"),
                Column("low", "number", "Lower bound of a range"),
                Column("high", "number", "Upper bound of a range"),
                _enum("qualifier", vocab.FigureQualifier, "How the number is qualified"),
                _text("unit", "Unit", required=True),
                *_date_columns("as_of", "date of the number"),
                _text("attributed_to", "Who the source says gave the number"),
                _text("place", "Place id (places.id)"),
                _COUNTRY,
                _STATUS,
                _NOTE,
            ),
            figure_rows,
            filters=_DATED,
            foreign_keys=(ForeignKey("place", "places"),),
        ),
        Table(
            "citations",
            "Every citation: which record cites which source, with the verbatim quote.",
            "record id, then citation order",
            (
                Column("id", "string", "Citation id: `<record id>#<n>`, n from 1", required=True),
                _enum("record_table", _CITING, "Table of the citing record"),
                _text("record_id", "Id of the citing record", required=True),
                _text("relation", "For an actor: the relation claim cited (relations.id)"),
                _text("source", "Source id (sources.id)", required=True),
                _text("quote", "Verbatim quote from the archived copy", required=True),
                _text("note", "Corrections and caveats about the quote"),
            ),
            citation_rows,
            filters=_ALL,
            foreign_keys=(ForeignKey("source", "sources"), ForeignKey("relation", "relations")),
        ),
    )
}
TABLE_NAMES = tuple(TABLES)


# -- filters and the writer ----------------------------------------------------------------
def given_filters(record_filter: RecordFilter) -> frozenset[str]:
    """The filter options set in ``record_filter`` (``--since``, ``--country`` ...)."""
    given = {
        SINCE: record_filter.since is not None,
        UNTIL: record_filter.until is not None,
        COUNTRY: bool(record_filter.countries),
        CATEGORY: bool(record_filter.categories),
        STATUS: bool(record_filter.statuses),
    }
    return frozenset(name for name, on in given.items() if on)


def get_table(name: str) -> Table:
    """The table called ``name``; :class:`UsageError` naming the tables if there is none."""
    try:
        return TABLES[name]
    except KeyError:
        raise UsageError(f"no table {name!r}: choose one of {', '.join(TABLES)}") from None


def check_filters(name: str, record_filter: RecordFilter) -> Table:
    """The table called ``name``; :class:`UsageError` if it does not take a given filter."""
    table = get_table(name)
    extra = sorted(given_filters(record_filter) - table.filters)
    if extra:
        takes = ", ".join(sorted(table.filters)) or "none"
        verb = "does" if len(extra) == 1 else "do"
        raise UsageError(
            f"{', '.join(extra)} {verb} not apply to the {name} table (it takes: {takes})"
        )
    return table


def table_rows(
    base: FactBase, name: str, record_filter: RecordFilter | None = None
) -> Iterator[Row]:
    """The rows of table ``name`` kept by ``record_filter`` (all rows without one).

    Raises :class:`UsageError` at once (not on the first row) for an unknown table or a
    filter the table does not take.
    """
    from tda_export.filters import RecordFilter

    record_filter = record_filter or RecordFilter()
    return check_filters(name, record_filter).rows(base, record_filter)


def write_csv(
    base: FactBase,
    fobj: IO[str],
    table: str,
    record_filter: RecordFilter | None = None,
    excel: bool = False,
) -> int:
    """Write a header and one line per row of ``table`` to ``fobj``; return the row count.

    UTF-8 text with ``\\n`` line ends; ``excel`` adds a byte-order mark and ``\\r\\n``.
    ``fobj`` should be opened with ``newline=""``.
    """
    rows = table_rows(base, table, record_filter)
    spec = TABLES[table]
    if excel:
        fobj.write("\ufeff")
    writer = _LineWriter(fobj, "\r\n" if excel else "\n")
    writer.write(spec.header)
    count = 0
    for row in rows:
        writer.write([cell(column, row[column.name]) for column in spec.columns])
        count += 1
    return count


class _LineWriter:
    """csv.writer, one row at a time, quoting any cell holding ``\\r`` or ``\\n``.

    Before CPython 3.11.9 (gh-67044) csv.writer quoted only the characters of its own
    ``lineterminator``: with ``"\\n"`` a bare ``\\r`` went out unquoted and split the row.
    So each row is formatted with ``"\\r\\n"`` and its line end swapped for ``newline``.
    """

    def __init__(self, fobj: IO[str], newline: str) -> None:
        self._fobj = fobj
        self._newline = newline
        self._buffer = io.StringIO()
        self._csv = csv.writer(self._buffer, lineterminator="\r\n")
        # Straight to the file when the row end itself makes csv quote both characters.
        self._direct = csv.writer(fobj, lineterminator=newline)
        self._always_direct = newline == "\r\n"

    def write(self, cells: list[str]) -> None:
        """Write one row."""
        if self._always_direct or not any("\r" in text for text in cells):
            self._direct.writerow(cells)
            return
        self._buffer.seek(0)
        self._buffer.truncate()
        self._csv.writerow(cells)
        self._fobj.write(self._buffer.getvalue()[:-2] + self._newline)
