"""The fact schema: sources, places, actors, events, presence and figures (pydantic v2).

Every factual record carries at least one :class:`Citation` (source id + verbatim quote).
Records remember where they were read (:class:`Origin`) so checks can name file and line.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    field_validator,
    model_validator,
)

from tda_export.fuzzydate import FuzzyDate
from tda_export.types import (
    CountryCode,
    FuzzyDateField,
    Latitude,
    Longitude,
    Slug,
    StateCode,
    Text,
)
from tda_export.vocab import (
    Activity,
    ActorKind,
    ClaimStatus,
    CoverageReason,
    EventCategory,
    FigureMeasure,
    FigureQualifier,
    GeoPrecision,
    PlaceKind,
    Relation,
    SourceKind,
)

if TYPE_CHECKING:
    from tda_export.compact import RecordList

MAX_LABEL = 16
"""Characters of an event's marker label: what a timeline marker shows uncut."""
LIST_SEPARATOR = "; "
"""How tables (and map layers) join a list of names into one cell; no item may hold it."""


def _no_separator(item: str) -> str:
    if LIST_SEPARATOR in item:
        at = item.index(LIST_SEPARATOR)
        excerpt = item if len(item) <= 60 else "\u2026" + item[max(0, at - 40) : at + 12] + "\u2026"
        raise ValueError(
            f"{excerpt!r} holds {LIST_SEPARATOR!r}, which separates the items of a list in "
            "tables and maps: make each name its own item"
        )
    return item


#: A list of names, each text without the list separator (so tables can join them).
NameList = list[
    Annotated[
        Text,
        AfterValidator(_no_separator),
        Field(json_schema_extra={"not": {"pattern": LIST_SEPARATOR}}),
    ]
]
#: A finite number, written as one: ``.nan``, ``.inf``, ``1e400`` (read as infinity) and
#: text such as ``"10"`` are refused, as the JSON Schema does.
Number = Annotated[float, Field(allow_inf_nan=False, strict=True)]
LAST_DAY = datetime.date.max
"""9999-12-31: an event may not run to it, as calendars need the day after an event's end."""

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Quote = Annotated[str, StringConstraints(min_length=3, max_length=5_000)]
Label = Annotated[str, StringConstraints(min_length=1, max_length=MAX_LABEL)]
SEE_ALSO = (
    "Ids of related records (the other side of a dispute); exports show their titles, "
    "so reader text never names an id."
)


@dataclass(slots=True)
class Origin:
    """Where a record was read: file, line of the record, and line of each field path.

    ``field_lines`` may be left out when ``source`` and ``index`` are given: they are then
    read again from the file the first time a field's line is asked for.
    """

    file: str
    line: int
    field_lines: dict[tuple[str | int, ...], int] | None = None
    index: int = -1
    source: Path | None = None

    def line_of(self, *path: str | int) -> int:
        """Line of the deepest known prefix of ``path`` (the record's line at worst)."""
        lines = self.field_lines
        if lines is None:
            lines = _field_lines(self.source, self.index) if self.source else {}
        for end in range(len(path), 0, -1):
            found = lines.get(tuple(path[:end]))
            if found is not None:
                return found
        return self.line


@lru_cache(maxsize=8)
def _file_lines(
    source: Path, _mtime_ns: int, _size: int
) -> dict[int, dict[tuple[str | int, ...], int]]:
    from tda_export.yamlfile import YamlError, iter_file

    out: dict[int, dict[tuple[str | int, ...], int]] = {}
    try:
        for index, _line, _item, lines in iter_file(source):
            out[index] = lines
    except (OSError, YamlError):
        pass
    return out


def _field_lines(source: Path, index: int) -> dict[tuple[str | int, ...], int]:
    """The field lines of item ``index`` of a fact file, read again from the file."""
    try:
        path = source.resolve()
        stat = path.stat()
    except OSError:
        return {}
    return _file_lines(path, stat.st_mtime_ns, stat.st_size).get(index, {})


class Record(BaseModel):
    """Base of every record: strict keys, an id, and where it was read."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=False, defer_build=True
    )
    record_kind: ClassVar[str] = "record"

    id: Slug
    _origin: Origin | None = PrivateAttr(default=None)

    @property
    def origin(self) -> Origin:
        """Where this record was read (a dummy origin for records built in code)."""
        return self._origin or Origin("<memory>", 0)


class Citation(BaseModel):
    """A source id and a verbatim quote from that source's archived copy."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    source: Slug
    quote: Quote = Field(description="Verbatim text from the archived copy; no edits.")
    note: Text | None = Field(None, description="Corrections and caveats (never in quote).")


class Cited(Record):
    """A factual record: it needs at least one citation."""

    citations: list[Citation] = Field(min_length=1)
    note: Text | None = None
    see_also: list[Slug] = Field(default_factory=list, description=SEE_ALSO)


class ArchivedCopy(BaseModel):
    """The archived plain-text copy that quotes are checked against."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    file: Annotated[str, StringConstraints(pattern=r"^[^/\\]+$", min_length=1)]
    sha256: Sha256


class Source(Record):
    """A document the fact base is drawn from."""

    record_kind: ClassVar[str] = "source"

    publisher: Text | None = Field(None, description="Unknown stays empty.")
    title: Text
    authors: NameList = Field(default_factory=list)
    kind: SourceKind
    published: FuzzyDateField | None = Field(None, description="Unknown stays empty.")
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = Field(
        None, description="Only a URL the copy gives; never invented."
    )
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")]
    archive: ArchivedCopy
    derived_from: Slug | None = Field(None, description="Id of the source this one summarises.")
    note: Text | None = None


class Place(Cited):
    """A named place; states and countries are areas (no point), others may be points."""

    record_kind: ClassVar[str] = "place"

    name: Text
    alternate_names: NameList = Field(default_factory=list)
    kind: PlaceKind
    country: CountryCode
    state: StateCode | None = None
    parent: Slug | None = None
    point: tuple[Longitude, Latitude] | None = Field(None, description="[lon, lat], WGS 84.")
    precision: GeoPrecision
    uncertainty_m: Annotated[int, Field(gt=0, le=5_000_000, strict=True)] | None = Field(
        None, description="Radius in metres around an approximate point."
    )
    geonames_id: Annotated[int, Field(gt=0, strict=True)] | None = Field(
        None, description="GeoNames id of the gazetteer entry the point was taken from."
    )

    @model_validator(mode="after")
    def _consistent_geometry(self) -> Place:
        """Areas carry no point; approximate points carry their uncertainty."""
        if self.kind in ("state", "department", "country") and self.point is not None:
            raise ValueError(f"a {self.kind} is drawn as its area: remove the point")
        if self.point is None and self.uncertainty_m is not None:
            raise ValueError("uncertainty_m needs a point")
        if self.point is not None and self.precision not in ("exact",) and not self.uncertainty_m:
            raise ValueError(f"a point of precision {self.precision!r} needs uncertainty_m")
        if self.state is not None and not self.state.startswith(self.country + "-"):
            raise ValueError(f"state {self.state} is not in country {self.country}")
        return self


class RelationClaim(BaseModel):
    """One source's claim of how an actor relates to Tren de Aragua."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    relation: Relation
    status: ClaimStatus = "reported"
    citations: list[Citation] = Field(min_length=1)
    note: Text | None = None


class Actor(Record):
    """A person or organization, with every claimed relation to Tren de Aragua."""

    record_kind: ClassVar[str] = "actor"

    name: Text
    aliases: NameList = Field(default_factory=list)
    kind: ActorKind
    role: Text | None = None
    country: CountryCode | None = None
    relations: list[RelationClaim] = Field(min_length=1)
    note: Text | None = None
    see_also: list[Slug] = Field(default_factory=list, description=SEE_ALSO)

    @property
    def citations(self) -> list[Citation]:
        """Every citation of every relation claim, in order."""
        return [c for claim in self.relations for c in claim.citations]


class Event(Cited):
    """Something that happened, dated as precisely as the sources allow."""

    record_kind: ClassVar[str] = "event"

    title: Text
    label: Label | None = Field(
        None, description="A few words for the timeline's marker; the title when absent."
    )
    date: FuzzyDateField
    category: EventCategory
    places: list[Slug] = Field(default_factory=list)
    actors: list[Slug] = Field(default_factory=list)
    summary: Text
    status: ClaimStatus
    revised: FuzzyDateField | None = Field(
        None, description="Day of the last correction (YYYY-MM-DD); calendars pick it up."
    )

    @model_validator(mode="after")
    def _revised_day(self) -> Event:
        """``revised`` names one day."""
        if self.revised is not None and (
            self.revised.kind != "single" or self.revised.precision != "day"
        ):
            raise ValueError(f"revised {self.revised.text!r} is not one day: use YYYY-MM-DD")
        return self

    @field_validator("date")
    @classmethod
    def _ends_before_the_last_day(cls, value: FuzzyDate) -> FuzzyDate:
        """Exports need the day after an event's last known day (iCalendar's DTEND)."""
        last = value.upper or value.lower
        if last is not None and last.last_day == LAST_DAY:
            raise ValueError(
                f"{value.text!r} runs to 9999-12-31, the last day a calendar can hold: "
                "an event must end before it"
            )
        return value


class Presence(Cited):
    """Where the gang is reported present or active, and since/until when."""

    record_kind: ClassVar[str] = "presence"

    place: Slug
    period: FuzzyDateField | None = Field(None, description="e.g. 2018/.. for 'since 2018'.")
    activities: list[Activity] = Field(default_factory=list)
    status: ClaimStatus


class Figure(Cited):
    """A number about the gang; conflicting numbers are separate records."""

    record_kind: ClassVar[str] = "figure"

    measure: FigureMeasure
    label: Text = Field(description="What is counted, in words.")
    value: Number | None = None
    low: Number | None = None
    high: Number | None = None
    qualifier: FigureQualifier = "exact"
    unit: Text
    as_of: FuzzyDateField | None = None
    attributed_to: Text | None = Field(None, description="Who the source says gave the number.")
    place: Slug | None = None
    status: ClaimStatus

    @model_validator(mode="after")
    def _value_or_range(self) -> Figure:
        """Either a value, or a low/high range in order."""
        if self.value is None and self.low is None and self.high is None:
            raise ValueError("give a value, or low and/or high")
        if self.value is not None and (self.low is not None or self.high is not None):
            raise ValueError("give either a value or low/high, not both")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low ({self.low:g}) is greater than high ({self.high:g})")
        return self


class CoverageEntry(Record):
    """Sentences of one source that are not facts of this base, and why (the ledger).

    Each sentence is keyed by its own words: a whole sentence of the archived copy, checked
    against the archive like a quote (see :mod:`tda_export.coverage`).
    """

    record_kind: ClassVar[str] = "coverage entry"

    source: Slug
    reason: CoverageReason
    sentences: list[Quote] = Field(
        min_length=1, description="Whole sentences of the archived copy, verbatim."
    )
    note: Text | None = None


RECORD_TYPES: dict[str, type[Record]] = {
    "sources": Source,
    "places": Place,
    "actors": Actor,
    "events": Event,
    "presence": Presence,
    "figures": Figure,
    "coverage": CoverageEntry,
}


class RecordIndex(Mapping[str, Record]):
    """Records by id: the first record of each id, in schema order of kinds.

    Records of the bulk kinds (events, presence) are rebuilt from their compact form when
    looked up, so each lookup gives a new, equal copy of them.
    """

    def __init__(self, records: dict[str, Sequence[Record]]) -> None:
        """Index ``records`` (keyed by file kind, in schema order)."""
        from tda_export.compact import RecordList

        self._kinds = list(records.values())
        # id -> kind number * 2**32 + position: one int per record, not a tuple
        self._where: dict[str, int] = {}
        self._models: dict[str, Record] = {}
        self.duplicates: set[str] = set()
        """Ids used by more than one record."""
        for number, items in enumerate(self._kinds):
            ids = items.ids if isinstance(items, RecordList) else [rec.id for rec in items]
            for position, record_id in enumerate(ids):
                if record_id in self._where:
                    self.duplicates.add(record_id)
                    continue
                self._where[record_id] = number << 32 | position
                if not isinstance(items, RecordList):
                    self._models[record_id] = items[position]

    def __getitem__(self, id: str) -> Record:
        """The record with this id (KeyError if none)."""
        found = self._models.get(id)
        if found is not None:
            return found
        where = self._where[id]
        return self._kinds[where >> 32][where & 0xFFFFFFFF]

    def __contains__(self, id: object) -> bool:
        """Whether a record has this id."""
        return id in self._where

    def __iter__(self) -> Iterator[str]:
        """Every id, in schema order of kinds, then file order."""
        return iter(self._where)

    def __len__(self) -> int:
        """Number of distinct ids."""
        return len(self._where)


class FactBase:
    """All records of a fact base, in file order, with lookup by id.

    Events and presence records (the bulk of a large base) are kept compact
    (:class:`~tda_export.compact.RecordList`): reading them rebuilds each record in turn,
    so an export that streams them never holds them all as models.
    """

    def __init__(
        self, records: dict[str, Iterable[Record]] | None = None, invalid_ids: Iterable[str] = ()
    ) -> None:
        """Hold ``records`` keyed by file kind (``sources``, ``events`` ...).

        ``invalid_ids`` are ids of records that failed validation (already reported), so
        references to them are not reported again as dangling.
        """
        from tda_export.compact import BULK_KINDS, RecordList

        self.invalid_ids: frozenset[str] = frozenset(invalid_ids)
        given = records or {}
        self.records: dict[str, Sequence[Record]] = {}
        for kind, model in RECORD_TYPES.items():
            items = given.get(kind, ())
            if kind in BULK_KINDS:
                held = items if isinstance(items, RecordList) else RecordList(model, items)
                self.records[kind] = held
            else:
                self.records[kind] = list(items)
        unknown = sorted(set(given) - set(RECORD_TYPES))
        if unknown:
            raise KeyError(unknown[0])
        self.by_id = RecordIndex(self.records)

    def all(self) -> Iterator[Record]:
        """Every record, kind by kind in schema order."""
        for items in self.records.values():
            yield from items

    @property
    def sources(self) -> list[Source]:
        """Sources in file order."""
        return self.records["sources"]  # type: ignore[return-value]

    @property
    def places(self) -> list[Place]:
        """Places in file order."""
        return self.records["places"]  # type: ignore[return-value]

    @property
    def actors(self) -> list[Actor]:
        """Actors in file order."""
        return self.records["actors"]  # type: ignore[return-value]

    @property
    def events(self) -> RecordList[Event]:
        """Events in file order, kept compact (``.ordered()`` gives them by date, then id)."""
        return self.records["events"]  # type: ignore[return-value]

    @property
    def presence(self) -> RecordList[Presence]:
        """Presence records in file order, kept compact (``.ordered()``: by id)."""
        return self.records["presence"]  # type: ignore[return-value]

    @property
    def figures(self) -> list[Figure]:
        """Figures in file order."""
        return self.records["figures"]  # type: ignore[return-value]

    @property
    def coverage(self) -> list[CoverageEntry]:
        """Entries of the coverage ledger in file order."""
        return self.records["coverage"]  # type: ignore[return-value]

    def source(self, id: str) -> Source:
        """The source with this id (KeyError if none)."""
        rec = self.by_id[id]
        if not isinstance(rec, Source):
            raise KeyError(id)
        return rec

    def place(self, id: str) -> Place:
        """The place with this id (KeyError if none)."""
        rec = self.by_id[id]
        if not isinstance(rec, Place):
            raise KeyError(id)
        return rec

    def actor(self, id: str) -> Actor:
        """The actor with this id (KeyError if none)."""
        rec = self.by_id[id]
        if not isinstance(rec, Actor):
            raise KeyError(id)
        return rec

    def counts(self) -> dict[str, int]:
        """Number of records per kind of fact (the coverage ledger holds none: not counted)."""
        return {k: len(v) for k, v in self.records.items() if k != "coverage"}


def chronological_key(event: Event) -> tuple[int, int, str]:
    """Export order of events: date (first day, then last day as ordinals), then id."""
    first, last = event.date.sort_key
    return (first.toordinal(), last.toordinal(), event.id)
