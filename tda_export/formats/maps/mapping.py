"""The map core shared by every map export: layers, their fields and features' properties.

Every mapped record has two geometries (see ``docs/maps.md`` and :mod:`.shapes`), as ACLED
does for events: a representative point and an uncertainty area. ``geo_precision`` says
which of the two is meant (:data:`GEO_PRECISIONS`, with ACLED's 1–3 in
``geo_precision_acled``); ``uncertainty_m`` is the radius around the point that the area
fits in.

Layers: ``presence`` (one feature per presence record), ``events`` (one feature per event
and place; events with no place are left out) and ``places`` (one feature per place).
Every feature of a layer has the same property keys, in :data:`FIELDS` order; missing
values are ``None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple

from tda_export.formats.maps.shapes import Shape
from tda_export.fuzzydate import FuzzyDate
from tda_export.text import isolate, shorten
from tda_export.vocab import GeoPrecision

if TYPE_CHECKING:
    from tda_export.factbase import FactBase
    from tda_export.models import Place, Record

Layer = Literal["presence", "events", "places"]
LAYERS: tuple[Layer, ...] = ("presence", "events", "places")
Value = str | int | float | None
FieldType = Literal["string", "int", "double"]

#: The precision codes of mapped features, finest first, with ACLED's geo_precision code
#: (1: the place itself or a town; 2: near it, or a part of a region such as a district;
#: 3: only a larger region, here a state or a whole country).
GEO_PRECISIONS: dict[GeoPrecision, int] = {
    "exact": 1,
    "locality": 1,
    "admin2": 2,
    "admin1": 3,
    "country": 3,
}
#: Start and end written for an open end (and for undated presence): GDAL cannot compare a
#: null date, and QGIS's time controller needs a value (see docs/maps.md).
OPEN_START = "0001-01-01T00:00:00"
OPEN_END = "9999-12-31T23:59:59"
#: Longest ``label`` (characters); longer titles are cut at a word and end with an ellipsis.
LABEL_MAX = 40
#: Longest place name at the start of the label of an event with several places.
PLACE_LABEL_MAX = 18

_DATE_FIELDS = "date date_display date_precision date_kind date_start date_end"
_PLACE_FIELDS = "country state geo_precision geo_precision_acled drawn_as area_code uncertainty_m"
_CITED_FIELDS = "sources citations note"
#: The fields that are not text.
_TYPES: dict[str, FieldType] = {
    "geo_precision_acled": "int",
    "uncertainty_m": "int",
    "lon": "double",
    "lat": "double",
    "geonames_id": "int",
}
_LAYER_FIELDS: dict[Layer, str] = {
    "presence": f"id name label status activities {_DATE_FIELDS} place_id place_name "
    f"{_PLACE_FIELDS} {_CITED_FIELDS}",
    "events": f"id name label status category summary actors places {_DATE_FIELDS} "
    f"place_id place_name {_PLACE_FIELDS} {_CITED_FIELDS}",
    "places": "id name label kind parent alternate_names lon lat geonames_id "
    f"{_PLACE_FIELDS} {_CITED_FIELDS}",
}
#: Property keys and their types, per layer, in output order.
FIELDS: dict[Layer, tuple[tuple[str, FieldType], ...]] = {
    layer: tuple((name, _TYPES.get(name, "string")) for name in names.split())
    for layer, names in _LAYER_FIELDS.items()
}


class Quote(NamedTuple):
    """One citation, ready for a balloon: source id and label, its URL, the quote, a note,
    and who makes the claim and how surely, in words (lower case; ``None`` when the source
    asserts it in its own voice)."""

    source: str
    label: str
    url: str | None
    quote: str
    note: str | None
    attribution: str | None


@dataclass(frozen=True)
class MapFeature:
    """One feature of a map layer, independent of the output format."""

    layer: Layer
    key: str
    country: str
    shape: Shape
    date: FuzzyDate | None
    properties: dict[str, Value]
    quotes: tuple[Quote, ...]
    #: The event's actor and place ids, and the base to name them from (balloons).
    actor_ids: tuple[str, ...] = ()
    place_ids: tuple[str, ...] = ()
    base: FactBase | None = field(default=None, compare=False, repr=False)
    #: The record's corrections in a reader's words (balloons, the map page's panel).
    corrections: tuple[str, ...] = ()

    @property
    def actor_names(self) -> tuple[str, ...]:
        """The names of the event's actors (what a reader sees instead of ids)."""
        assert self.base is not None or not self.actor_ids
        return tuple(self.base.actor(a).name for a in self.actor_ids) if self.base else ()

    @property
    def place_names(self) -> tuple[str, ...]:
        """The names of all the event's places."""
        assert self.base is not None or not self.place_ids
        return tuple(self.base.place(p).name for p in self.place_ids) if self.base else ()

    @property
    def name(self) -> str:
        """The feature's display name."""
        return str(self.properties["name"])


# -- properties -----------------------------------------------------------------------------
def joined(values: Sequence[str]) -> str | None:
    """Values comma-separated, ``None`` for none."""
    return ", ".join(values) if values else None


def date_properties(date: FuzzyDate | None) -> dict[str, Value]:
    """EDTF text, words, precision, kind, and the first and last second of the span.

    ``date_start`` is the first day at 00:00:00 and ``date_end`` the last day at 23:59:59
    (GDAL DateTime), so that "starts before the end of the moment and ends after its start"
    picks exactly the records covering a moment; an open start or end, or no date at all,
    is :data:`OPEN_START` / :data:`OPEN_END` rather than null.
    """
    if date is None:
        return {
            **dict.fromkeys(_DATE_FIELDS.split()),
            "date_start": OPEN_START,
            "date_end": OPEN_END,
        }
    return {
        "date": date.text,
        "date_display": date.words(),
        "date_precision": date.precision,
        "date_kind": date.kind,
        "date_start": f"{date.start.isoformat()}T00:00:00" if date.start else OPEN_START,
        "date_end": f"{date.end.isoformat()}T23:59:59" if date.end else OPEN_END,
    }


def place_properties(place: Place, shape: Shape) -> dict[str, Value]:
    """Where a feature is and how precisely: codes, precision, what is drawn."""
    return {
        "country": place.country,
        "state": place.state,
        "geo_precision": shape.precision,
        "geo_precision_acled": GEO_PRECISIONS[shape.precision],
        "drawn_as": shape.drawn_as,
        "area_code": shape.area_code,
        "uncertainty_m": shape.uncertainty_m,
    }


def short_label(text: str, limit: int = LABEL_MAX) -> str:
    """``text`` on one line, cut at a word to at most ``limit`` characters (then ``…``),
    never inside a character a reader sees (:func:`tda_export.text.shorten`)."""
    return shorten(" ".join(text.split()), limit, words=True)


def status_suffix(status: str) -> str:
    """What an event's map label adds for a claim the sources do not assert: `` (alleged)``.

    Events are coloured by group, not by status, so a label that does not say so would
    show an allegation as fact (in QGIS, on the globe)."""
    return "" if status == "reported" else f" ({status})"


def event_label(title: str, status: str) -> str:
    """``title`` cut to leave room for its status: ``Kidnap and murder of a… (alleged)``."""
    suffix = status_suffix(status)
    return short_label(title, LABEL_MAX - len(suffix)) + suffix


def place_label(title: str, place: str, status: str = "reported") -> str:
    """The label of one place of an event with several: ``Illinois — Alleged members…``.

    The place comes first, so that each point says which place it is, then the title
    cut to what is left of :data:`LABEL_MAX` and the status (:func:`status_suffix`); the
    place gives way so that 12 characters of the title always fit.
    """
    suffix = status_suffix(status)
    where = short_label(place, min(PLACE_LABEL_MAX, LABEL_MAX - 3 - len(suffix) - 12))
    return f"{where} — {short_label(title, LABEL_MAX - len(where) - 3 - len(suffix))}{suffix}"


def corrections(base: FactBase, rec: Record) -> tuple[str, ...]:
    """A record's corrections in a reader's words (none for most records)."""
    if not rec.revisions:
        return ()
    from tda_export.corrections import correction_words

    return tuple(correction_words(base, rec))


def cited_properties(quotes: tuple[Quote, ...], note: str | None) -> dict[str, Value]:
    """Source ids (comma-separated, first use order), citations as text (each quote with
    its attribution in brackets), and the note."""
    sources = list(dict.fromkeys(q.source for q in quotes))
    return {
        "sources": joined(sources),
        "citations": "\n".join(
            f"{q.source}: {isolate(' '.join(q.quote.split()))}"
            + (f" ({q.attribution})" if q.attribution else "")
            for q in quotes
        ),
        "note": note,
    }
