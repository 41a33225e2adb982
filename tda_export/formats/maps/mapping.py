"""The map core shared by the GeoJSON and KML exports: records in, map features out.

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

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple

from tda_export.formats.maps.shapes import GeoPrecision, Shape, ShapeCache
from tda_export.fuzzydate import FuzzyDate
from tda_export.models import LIST_SEPARATOR
from tda_export.text import isolate, shorten

if TYPE_CHECKING:
    from tda_export.factbase import FactBase
    from tda_export.filters import RecordFilter
    from tda_export.models import Citation, Place, Record

log = logging.getLogger(__name__)

Layer = Literal["presence", "events", "places"]
LAYERS: tuple[Layer, ...] = ("presence", "events", "places")
Value = str | int | float | None
FieldType = Literal["string", "int", "double"]
#: Which geometry a GeoJSON layer carries: the representative point or the uncertainty area.
Geometry = Literal["point", "area"]

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
def _joined(values: Sequence[str]) -> str | None:
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


def place_label(title: str, place: str) -> str:
    """The label of one place of an event with several: ``Illinois — Alleged members…``.

    The place comes first, so that each point says which place it is, then the title
    cut to what is left of :data:`LABEL_MAX`.
    """
    where = short_label(place, PLACE_LABEL_MAX)
    return f"{where} — {short_label(title, max(LABEL_MAX - len(where) - 3, 12))}"


class _Shared:
    """What the features of one export share, worked out once: each source's label and
    URL, the properties of each date and of each place (dropped with the export)."""

    def __init__(self, base: FactBase, shapes: ShapeCache) -> None:
        self.base, self.shapes = base, shapes
        self.labels: dict[str, tuple[str, str | None]] = {}
        self.dates: dict[FuzzyDate, dict[str, Value]] = {}
        self.places: dict[str, tuple[Shape, dict[str, Value]]] = {}

    def quotes(self, citations: list[Citation]) -> tuple[Quote, ...]:
        """The citations, each with its source's label and URL."""
        from tda_export.formats.words import attribution_words, source_label

        out = []
        for cit in citations:
            label = self.labels.get(cit.source)
            if label is None:
                src = self.base.source(cit.source)
                label = self.labels[cit.source] = (source_label(src), src.url)
            said = attribution_words(cit, self.base.source(cit.source))
            out.append(Quote(cit.source, label[0], label[1], cit.quote, cit.note, said))
        return tuple(out)

    def date(self, date: FuzzyDate | None) -> dict[str, Value]:
        """:func:`date_properties` (the same dict for the same date: copy it to change it)."""
        if date is None:
            return date_properties(None)
        props = self.dates.get(date)  # the whole date: its wording too
        if props is None:
            props = self.dates[date] = date_properties(date)
        return props

    def place(self, place: Place) -> tuple[Shape, dict[str, Value]]:
        """The place's shape and :func:`place_properties` (shared, as :meth:`date`)."""
        found = self.places.get(place.id)
        if found is None:
            shape = self.shapes(place)
            found = self.places[place.id] = (shape, place_properties(place, shape))
        return found


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
        "sources": _joined(sources),
        "citations": "\n".join(
            f"{q.source}: {isolate(' '.join(q.quote.split()))}"
            + (f" ({q.attribution})" if q.attribution else "")
            for q in quotes
        ),
        "note": note,
    }


# -- layers (property dicts are written in FIELDS order) ------------------------------------
def presence_features(
    base: FactBase, record_filter: RecordFilter, shapes: ShapeCache
) -> Iterator[MapFeature]:
    """Features of the kept presence records.

    Yields
    ------
    MapFeature
        One per presence record, ordered by the place's country, then presence id.
    """
    shared = _Shared(base, shapes)
    kept = [(base.place(rec.place), rec) for rec in record_filter.presence(base)]  # by id
    kept.sort(key=lambda item: item[0].country)  # stable: by id within a country
    for place, rec in kept:
        shape, where = shared.place(place)
        quotes = shared.quotes(rec.citations)
        props = {
            "id": rec.id,
            "name": place.name,
            "label": short_label(place.name),
            "status": rec.status,
            "activities": _joined(rec.activities),
            **shared.date(rec.period),
            "place_id": place.id,
            "place_name": place.name,
            **where,
            **cited_properties(quotes, rec.note),
        }
        yield MapFeature(
            "presence", rec.id, place.country, shape, rec.period, props, quotes,
            corrections=corrections(base, rec),
        )  # fmt: skip


def event_features(
    base: FactBase, record_filter: RecordFilter, shapes: ShapeCache
) -> Iterator[MapFeature]:
    """Features of the kept events: one per event and place.

    With a country filter, only the event's places in those countries are drawn. Events
    with no place cannot be drawn and are left out (logged at INFO level).

    Yields
    ------
    MapFeature
        Keyed ``EVENT.PLACE``, ordered by the place's country, then event date (first
        day, last day), event id and the place's position in the event.
    """
    shared = _Shared(base, shapes)
    kept = []
    unplaced = 0
    for event in record_filter.events(base):  # by date, then id
        if not event.places:
            unplaced += 1
            continue
        for place_id in dict.fromkeys(event.places):
            place = base.place(place_id)
            if record_filter.keeps_place(place):
                kept.append((place, event))
    if unplaced:
        log.info("%d event(s) without a place are not drawn on the map", unplaced)
    kept.sort(key=lambda item: item[0].country)  # stable: date, id, place order within
    last = None
    for place, event in kept:
        if event is not last:  # an event's places are next to each other within a country
            last = event
            quotes = shared.quotes(event.citations)
            head: dict[str, Value] = {
                "id": event.id,
                "name": event.title,
                "label": short_label(event.title),
                "status": event.status,
                "category": event.category,
                "summary": event.summary,
                "actors": _joined(event.actors),
                "places": _joined(event.places),
                **shared.date(event.date),
            }
            tail = cited_properties(quotes, event.note)
            actor_ids, place_ids = tuple(event.actors), tuple(dict.fromkeys(event.places))
            corrected = corrections(base, event)
        shape, where = shared.place(place)
        props = {**head, "place_id": place.id, "place_name": place.name, **where, **tail}
        if len(place_ids) > 1:
            props["label"] = place_label(event.title, place.name)
        key = f"{event.id}.{place.id}"
        yield MapFeature(
            "events",
            key,
            place.country,
            shape,
            event.date,
            props,
            quotes,
            actor_ids,
            place_ids,
            base,
            corrected,
        )


def place_features(
    base: FactBase, record_filter: RecordFilter, shapes: ShapeCache
) -> Iterator[MapFeature]:
    """Features of the places in the kept countries (places have no date or status).

    Yields
    ------
    MapFeature
        One per place, ordered by country, then place id.
    """
    shared = _Shared(base, shapes)
    for place in sorted(record_filter.places(base), key=lambda p: (p.country, p.id)):
        shape, where = shared.place(place)
        quotes = shared.quotes(place.citations)
        lon, lat = place.point if place.point is not None else (None, None)
        props = {
            "id": place.id,
            "name": place.name,
            "label": short_label(place.name),
            "kind": place.kind,
            "parent": place.parent,
            "alternate_names": LIST_SEPARATOR.join(place.alternate_names) or None,
            "lon": lon,
            "lat": lat,
            "geonames_id": place.geonames_id,
            **where,
            **cited_properties(quotes, place.note),
        }
        yield MapFeature(
            "places", place.id, place.country, shape, None, props, quotes,
            corrections=corrections(base, place),
        )  # fmt: skip


_LAYER_FEATURES = {
    "presence": presence_features,
    "events": event_features,
    "places": place_features,
}


def layer_features(
    base: FactBase,
    layer: str,
    record_filter: RecordFilter | None = None,
    shapes: ShapeCache | None = None,
) -> Iterator[MapFeature]:
    """An iterator over one layer's features (``presence``, ``events`` or ``places``).

    The order is the layer's (see :func:`presence_features`, :func:`event_features` and
    :func:`place_features`). Raises :class:`~tda_export.errors.UsageError` at once for an
    unknown layer.
    """
    from tda_export.errors import UsageError
    from tda_export.filters import RecordFilter

    if layer not in _LAYER_FEATURES:
        raise UsageError(f"unknown layer {layer!r}: choose one of {', '.join(LAYERS)}")
    return _LAYER_FEATURES[layer](base, record_filter or RecordFilter(), shapes or ShapeCache())
