"""The fact schema: sources, places, actors, events, presence and figures (pydantic v2).

Every factual record carries at least one :class:`Citation` (source id + verbatim quote).
Records remember where they were read (:class:`Origin`) so checks can name file and line.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, ClassVar, TypeVar

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic.config import JsonDict
from pydantic.dataclasses import dataclass
from pydantic.fields import FieldInfo
from pydantic.json_schema import SkipJsonSchema

from tda_export.fieldtypes import (
    LAST_DAY,
    Balanced,
    CountryCode,
    Day,
    FuzzyDateField,
    Label,
    Latitude,
    Longitude,
    Number,
    Sha256,
    Slug,
    StateCode,
    Text,
)
from tda_export.fuzzydate import FuzzyDate
from tda_export.origin import MEMORY, Origin
from tda_export.vocab import (
    CLAIMANT_KINDS,
    HEDGES,
    Activity,
    ActorKind,
    ClaimantKind,
    ClaimStatus,
    CoverageReason,
    EventCategory,
    FigureMeasure,
    FigureQualifier,
    GeoPrecision,
    Hedge,
    PlaceKind,
    Relation,
    SourceKind,
)

LIST_SEPARATOR = "; "
"""How tables (and map layers) join a list of names into one cell; no item may hold it."""


def _no_separator(item: str) -> str:
    if LIST_SEPARATOR in item:
        from tda_export.text import around

        at = item.index(LIST_SEPARATOR)
        excerpt = item if len(item) <= 60 else around(item, at, 40, 12)
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
Quote = Annotated[str, StringConstraints(min_length=3, max_length=5_000), Balanced]
CLAIMANT = "Who the source says makes the claim; omitted when it says it in its own voice."
CUE_NOTE = "Why a cue in the quote's sentence does not apply to this claim (with --archive)."
SEE_ALSO = (
    "Ids of related records (the other side of a dispute); exports show their titles, "
    "so reader text never names an id."
)


STRICT_KEYS = ConfigDict(extra="forbid", defer_build=True)
"""Every record and part of one is a frozen, slotted pydantic dataclass with this config:
validated by pydantic when made (and the source of the JSON Schema), then held as a
compact slotted object (no per-record ``__dict__`` or set of given fields)."""


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT_KEYS)
class Revision:
    """A correction of a published record: when, what changed, why (docs/corrections.md)."""

    date: Annotated[Day, Field(description="Day of the correction (YYYY-MM-DD).")]
    change: Annotated[
        Text,
        Field(description="What changed, for readers: 'status changed from reported to alleged'."),
    ]
    reason: Annotated[Text, Field(description="Why, for readers.")]
    source: Slug | None = Field(None, description="Id of the source that prompted it, if one did.")


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT_KEYS)
class Record:
    """Base of every record: strict keys, an id, its corrections, and where it was read.

    ``origin`` is not part of the schema: the loader sets it on the record it made
    (:func:`located`); a record made in code has :data:`~tda_export.origin.MEMORY`.
    """

    record_kind: ClassVar[str] = "record"

    id: Slug
    origin: Annotated[SkipJsonSchema[Origin], Field(exclude=True)] = dataclasses.field(
        default=MEMORY, init=False, compare=False, repr=False
    )
    revisions: list[Revision] = Field(
        default_factory=list,
        description="Corrections after publication, oldest first; every export shows them.",
    )


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT_KEYS)
class Claimant:
    """Who the source says makes a claim (docs/attribution.md)."""

    kind: ClaimantKind = Field(description=CLAIMANT_KINDS)
    name: Text = Field(
        description="As a reader would say it: 'the US State Department', 'police sources "
        "speaking on condition of anonymity'."
    )


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT_KEYS)
class Citation:
    """A verbatim quote from a source, with who the source says claims it and any hedge."""

    source: Slug
    quote: Annotated[Quote, Field(description="Verbatim text from the archived copy; no edits.")]
    claimant: Claimant | None = Field(None, description=CLAIMANT)
    hedge: Hedge = Field("asserted", description=HEDGES)
    cue_note: Text | None = Field(None, description=CUE_NOTE)
    note: Text | None = Field(None, description="Corrections and caveats (never in quote).")


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT_KEYS)
class Cited(Record):
    """A factual record: it needs at least one citation."""

    citations: Annotated[list[Citation], Field(min_length=1)]
    note: Text | None = None
    see_also: list[Slug] = Field(default_factory=list, description=SEE_ALSO)


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT_KEYS)
class ArchivedCopy:
    """The archived plain-text copy that quotes are checked against."""

    file: Annotated[str, StringConstraints(pattern=r"^[^/\\]+$", min_length=1)]
    sha256: Sha256


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT_KEYS)
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


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT_KEYS)
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


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT_KEYS)
class RelationClaim:
    """One source's claim of how an actor relates to Tren de Aragua."""

    relation: Relation
    status: ClaimStatus = "reported"
    citations: Annotated[list[Citation], Field(min_length=1)]
    note: Text | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT_KEYS)
class Actor(Record):
    """A person or organization, with every claimed relation to Tren de Aragua."""

    record_kind: ClassVar[str] = "actor"

    name: Text
    aliases: NameList = Field(default_factory=list)
    kind: ActorKind
    role: Text | None = None
    country: CountryCode | None = None
    relations: Annotated[list[RelationClaim], Field(min_length=1)]
    note: Text | None = None
    see_also: list[Slug] = Field(default_factory=list, description=SEE_ALSO)

    @property
    def citations(self) -> list[Citation]:
        """Every citation of every relation claim, in order."""
        return [c for claim in self.relations for c in claim.citations]


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT_KEYS)
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


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT_KEYS)
class Presence(Cited):
    """Where the gang is reported present or active, and since/until when."""

    record_kind: ClassVar[str] = "presence"

    place: Slug
    period: FuzzyDateField | None = Field(None, description="e.g. 2018/.. for 'since 2018'.")
    activities: list[Activity] = Field(default_factory=list)
    status: ClaimStatus


@dataclass(frozen=True, slots=True, kw_only=True, config=STRICT_KEYS)
class Figure(Cited):
    """A number about the gang; conflicting numbers are separate records."""

    record_kind: ClassVar[str] = "figure"

    measure: FigureMeasure
    label: Annotated[Text, Field(description="What is counted, in words.")]
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


_SENTENCES_OR_CLAUSES: JsonDict = {"anyOf": [
    {"required": [key], "properties": {key: {"minItems": 1}}} for key in ("sentences", "clauses")
]}  # fmt: skip
_LEDGER = ConfigDict(**STRICT_KEYS, json_schema_extra=_SENTENCES_OR_CLAUSES)


@dataclass(frozen=True, slots=True, kw_only=True, config=_LEDGER)
class CoverageEntry(Record):
    """Words of one source that are not facts of this base, and why (the ledger): whole
    sentences, or clauses (verbatim fragments of one sentence), of the archived copy,
    checked against it like quotes (:mod:`tda_export.coverage`)."""

    record_kind: ClassVar[str] = "coverage entry"

    source: Slug
    reason: CoverageReason
    sentences: list[Quote] = Field(
        default_factory=list, description="Whole sentences of the archived copy, verbatim."
    )
    clauses: list[Quote] = Field(
        default_factory=list,
        description="Verbatim fragments of one sentence each: the words of a sentence that "
        "its citations leave out.",
    )
    note: Text | None = None

    @model_validator(mode="after")
    def _names_something(self) -> CoverageEntry:
        """An entry excuses at least one sentence or clause."""
        if not self.sentences and not self.clauses:
            raise ValueError("give sentences, clauses or both")
        return self


R = TypeVar("R", bound=Record)

RECORD_TYPES: dict[str, type[Record]] = {
    "sources": Source,
    "places": Place,
    "actors": Actor,
    "events": Event,
    "presence": Presence,
    "figures": Figure,
    "coverage": CoverageEntry,
}


def fields_of(model: type[Any]) -> dict[str, FieldInfo]:
    """The fields a fact file gives for a record type (or part of one), by name.

    As pydantic declares them; ``origin``, set by the loader, is not one of them.
    """
    declared: dict[str, FieldInfo] = model.__pydantic_fields__
    return {f.name: declared[f.name] for f in dataclasses.fields(model) if f.init}


def located(rec: R, origin: Origin) -> R:
    """``rec`` with where it was read set (once, by the loader: records are frozen)."""
    object.__setattr__(rec, "origin", origin)
    return rec


def chronological_key(event: Event) -> tuple[int, int, str]:
    """Export order of events: date (first day, then last day as ordinals), then id."""
    first, last = event.date.sort_key
    return (first.toordinal(), last.toordinal(), event.id)
