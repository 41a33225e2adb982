"""The column schema of the tables: each table's columns in their fixed order, its row order,
foreign keys and the filters it takes (``docs/tables.md`` documents them).

A column holding a field of a record is made by :func:`field`, which takes from the pydantic
model whether the column is a list, may be empty (the field takes ``None``, or is a list)
and its vocabulary (a ``Literal``); a column's type and its meaning for readers of the
table are stated here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args, get_origin

from tda_export.errors import UsageError
from tda_export.fuzzydate import Precision
from tda_export.models import (
    Actor,
    ArchivedCopy,
    Citation,
    Event,
    Figure,
    Place,
    Presence,
    RelationClaim,
    Revision,
    Source,
    fields_of,
)
from tda_export.vocab import ClaimantKind

if TYPE_CHECKING:
    from tda_export.filters import RecordFilter

FieldType = Literal["string", "integer", "number", "date"]

SINCE = "--since"
UNTIL = "--until"
COUNTRY = "--country"
CATEGORY = "--category"
STATUS = "--status"
_DATED = frozenset({SINCE, UNTIL, COUNTRY, STATUS})
_ALL = _DATED | {CATEGORY}
CITING = ("places", "actors", "events", "presence", "figures")
"""The tables whose records cite sources, in the order the citations table reads them."""
CORRECTED = ("sources", *CITING)
"""The tables whose records may carry corrections (``revisions``)."""


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
    """A table: fixed columns, its row order and the filters it takes."""

    name: str
    description: str
    order: str
    columns: tuple[Column, ...]
    filters: frozenset[str] = frozenset()
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def header(self) -> list[str]:
        """Column names in order."""
        return [c.name for c in self.columns]


def _takes_none(model: type[Any], name: str) -> bool:
    return type(None) in get_args(fields_of(model)[name].annotation)


def field(model: type[Any], name: str, description: str, kind: FieldType = "string") -> Column:
    """The column of field ``name`` of ``model``; lists are joined with ``"; "``."""
    annotation = fields_of(model)[name].annotation
    if get_origin(annotation) is list:
        return Column(name, kind, f"{description}, joined with '; '", is_list=True)
    enum = get_args(annotation) if get_origin(annotation) is Literal else ()
    return Column(name, kind, description, enum, required=not _takes_none(model, name))


def dates(model: type[Any], name: str, what: str) -> tuple[Column, ...]:
    """The six columns of the fuzzy date ``name``; ``what`` names it ("period")."""
    required = not _takes_none(model, name)
    what_ = what[0].upper() + what[1:]
    return (
        Column(name, "string", f"{what_} as written in the facts (EDTF: 2013, 2024-03, "
               "2018/..)", required=required),
        Column(f"{name}_display", "string", f"{what_} in words (since 2018, March 2024)",
               required=required),
        Column(f"{name}_start", "date", f"First day of the {what}; empty when open at the start"),
        Column(f"{name}_end", "date", f"Last day of the {what}; empty when open at the end"),
        Column(f"{name}_precision", "string", f"Coarsest unit of the {what}", get_args(Precision),
               required),
        Column(f"{name}_note", "string", f"How the {what} was worked out"),
    )  # fmt: skip


def _id(model: type[Any]) -> Column:
    return field(model, "id", "Record id (unique across the fact base)")


def _note(model: type[Any]) -> Column:
    return field(model, "note", "Editor's note: corrections and caveats")


_COUNTRY = Column("country", "string", "ISO 3166-1 alpha-2 code of the place")
_STATUS = "How the sources present the claim"

# fmt: off
TABLES: dict[str, Table] = {t.name: t for t in (
    Table("sources", "The documents the fact base is drawn from.", "id", (
        _id(Source),
        field(Source, "title", "Title of the document"),
        field(Source, "publisher", "Publisher; empty if unknown"),
        field(Source, "authors", "Authors"),
        field(Source, "kind", "Kind of document"),
        *dates(Source, "published", "publication date"),
        field(Source, "url", "URL the archived copy gives; never invented"),
        field(Source, "language", "Language code of the document (en, es)"),
        Column("archive_file", "string", "File name of the archived plain-text copy",
               required=not _takes_none(ArchivedCopy, "file")),
        Column("archive_sha256", "string", "sha256 of the archived copy",
               required=not _takes_none(ArchivedCopy, "sha256")),
        field(Source, "derived_from", "Id of the source this one summarises (sources.id)"),
        _note(Source),
    ), foreign_keys=(ForeignKey("derived_from", "sources"),)),
    Table("places", "Named places; states, departments and countries are areas and have no "
          "point.", "id", (
        _id(Place),
        field(Place, "name", "Name"),
        field(Place, "alternate_names", "Other names"),
        field(Place, "kind", "Kind of place"),
        field(Place, "country", "ISO 3166-1 alpha-2 country code"),
        field(Place, "state", "ISO 3166-2 code of the state (as in Natural Earth)"),
        field(Place, "parent", "Id of the enclosing place (places.id)"),
        Column("lon", "number", "Longitude, WGS 84; empty for areas", minimum=-180, maximum=180),
        Column("lat", "number", "Latitude, WGS 84; empty for areas", minimum=-90, maximum=90),
        field(Place, "precision", "How precise the place is"),
        Column("uncertainty_m", "integer", "Radius of uncertainty around the point, in metres",
               minimum=1),
        Column("geonames_id", "integer", "GeoNames id the point was taken from", minimum=1),
        _note(Place),
    ), filters=frozenset({COUNTRY}), foreign_keys=(ForeignKey("parent", "places"),)),
    Table("actors", "People and organizations, with the relations to Tren de Aragua claimed "
          "for them.", "id", (
        _id(Actor),
        field(Actor, "name", "Name"),
        field(Actor, "aliases", "Aliases"),
        field(Actor, "kind", "Kind of actor"),
        field(Actor, "role", "Role, in words"),
        field(Actor, "country", "ISO 3166-1 alpha-2 country code"),
        field(Actor, "relations", "Relations claimed, each with its status unless reported, "
              "e.g. 'ally (alleged)' (details in the relations table)"),
        _note(Actor),
    )),
    Table("relations", "Each claim of how an actor relates to Tren de Aragua (an actor may have "
          "several).", "actor id, then claim order", (
        Column("id", "string", "Claim id: `<actor id>#relation-<n>`, n from 1", required=True),
        Column("actor", "string", "Actor id (actors.id)", required=True),
        field(RelationClaim, "relation", "Claimed relation to Tren de Aragua"),
        field(RelationClaim, "status", _STATUS),
        _note(RelationClaim),
    ), foreign_keys=(ForeignKey("actor", "actors"),)),
    Table("events", "Things that happened, dated as precisely as the sources allow.",
          "date (first day, then last day; an open start counts from its end), then id", (
        _id(Event),
        field(Event, "title", "Headline"),
        *dates(Event, "date", "date"),
        field(Event, "category", "Kind of event"),
        field(Event, "status", _STATUS),
        field(Event, "places", "Place ids (places.id)"),
        Column("countries", "string", "Countries of those places, joined with '; '",
               is_list=True),
        field(Event, "actors", "Actor ids (actors.id)"),
        field(Event, "summary", "What happened"),
        _note(Event),
    ), filters=_ALL),
    Table("presence", "Where the gang is reported present or active, and since or until when.",
          "id", (
        _id(Presence),
        field(Presence, "place", "Place id (places.id)"),
        _COUNTRY,
        *dates(Presence, "period", "period"),
        field(Presence, "activities", "Activities there"),
        field(Presence, "status", _STATUS),
        _note(Presence),
    ), filters=_DATED, foreign_keys=(ForeignKey("place", "places"),)),
    Table("figures", "Numbers about the gang; conflicting numbers are separate rows.", "id", (
        _id(Figure),
        field(Figure, "measure", "What kind of number"),
        field(Figure, "label", "What is counted, in words"),
        field(Figure, "value", "The number; empty when a range is given", "number"),
        field(Figure, "low", "Lower bound of a range", "number"),
        field(Figure, "high", "Upper bound of a range", "number"),
        field(Figure, "qualifier", "How the number is qualified"),
        field(Figure, "unit", "Unit"),
        *dates(Figure, "as_of", "date of the number"),
        field(Figure, "attributed_to", "Who the source says gave the number"),
        field(Figure, "place", "Place id (places.id)"),
        _COUNTRY,
        field(Figure, "status", _STATUS),
        _note(Figure),
    ), filters=_DATED, foreign_keys=(ForeignKey("place", "places"),)),
    Table("citations", "Every citation: which record cites which source, with the verbatim "
          "quote.", "record id, then citation order", (
        Column("id", "string", "Citation id: `<record id>#<n>`, n from 1", required=True),
        Column("record_table", "string", "Table of the citing record", CITING, required=True),
        Column("record_id", "string", "Id of the citing record", required=True),
        Column("relation", "string", "For an actor: the relation claim cited (relations.id)"),
        field(Citation, "source", "Source id (sources.id)"),
        field(Citation, "quote", "Verbatim quote from the archived copy"),
        Column("claimant_kind", "string", "Kind of claimant (docs/attribution.md); empty when "
               "the source says it in its own voice", get_args(ClaimantKind)),
        Column("claimant", "string", "Who the source says makes the claim, as readers "
               "name them"),
        field(Citation, "hedge", "How the source hedges the claim"),
        Column("attribution", "string", "Who makes the claim and how surely, in words "
               "(alleged, according to ..., cited by ...); empty when the source asserts it"),
        field(Citation, "cue_note", "Why a cue in the quote's sentence does not apply"),
        field(Citation, "note", "Corrections and caveats about the quote"),
    ), filters=_ALL,
       foreign_keys=(ForeignKey("source", "sources"), ForeignKey("relation", "relations"))),
    Table("corrections", "Every correction of a published record: when, what changed and why.",
          "date, then record id, then correction order", (
        Column("id", "string", "Correction id: `<record id>#revision-<n>`, n from 1",
               required=True),
        Column("record_table", "string", "Table of the corrected record", CORRECTED,
               required=True),
        Column("record_id", "string", "Id of the corrected record", required=True),
        field(Revision, "date", "Day of the correction", "date"),
        field(Revision, "change", "What changed, in words"),
        field(Revision, "reason", "Why, in words"),
        field(Revision, "source", "Source that prompted it (sources.id)"),
    ), foreign_keys=(ForeignKey("source", "sources"),)),
)}
# fmt: on


def given_filters(record_filter: RecordFilter) -> frozenset[str]:
    """The filter options set in ``record_filter`` (``--since``, ``--country`` ...)."""
    f = record_filter
    given = ((SINCE, f.since), (UNTIL, f.until), (COUNTRY, f.countries),
             (CATEGORY, f.categories), (STATUS, f.statuses))  # fmt: skip
    return frozenset(name for name, value in given if value)


def check_filters(name: str, record_filter: RecordFilter) -> Table:
    """The table called ``name``; :class:`UsageError` if there is none or it does not take
    a given filter."""
    table = TABLES.get(name)
    if table is None:
        raise UsageError(f"no table {name!r}: choose one of {', '.join(TABLES)}")
    extra = sorted(given_filters(record_filter) - table.filters)
    if extra:
        takes = ", ".join(sorted(table.filters)) or "none"
        verb = "does" if len(extra) == 1 else "do"
        raise UsageError(
            f"{', '.join(extra)} {verb} not apply to the {name} table (it takes: {takes})"
        )
    return table
