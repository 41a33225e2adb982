"""One map export: the base, the filter, the detail, and what the layers of it share.

A :class:`MapContext` is made once per export (one GeoJSON file, the KML with its six
layers, the GeoPackage, a web page) and gives each layer's features in order. It works out
once, for the whole export, what many features repeat: each place's shape and place
properties, each date's properties, each source's label and URL. It lives as long as the
export: nothing is kept between exports.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from tda_export.formats.maps.mapping import (
    LAYERS,
    MapFeature,
    Quote,
    Value,
    cited_properties,
    corrections,
    date_properties,
    event_label,
    joined,
    place_label,
    place_properties,
    short_label,
)
from tda_export.formats.maps.shapes import Detail, Shape, place_shape
from tda_export.models import LIST_SEPARATOR

if TYPE_CHECKING:
    from tda_export.factbase import FactBase
    from tda_export.filters import RecordFilter
    from tda_export.fuzzydate import FuzzyDate
    from tda_export.models import Citation, Place

log = logging.getLogger(__name__)
T = TypeVar("T")


class MapContext:
    """The records of one map export and what its features share (dropped with it)."""

    def __init__(
        self, base: FactBase, record_filter: RecordFilter | None = None, detail: Detail = "web"
    ) -> None:
        from tda_export.filters import RecordFilter

        self.base, self.detail = base, detail
        self.filter = record_filter or RecordFilter()
        self._labels: dict[str, tuple[str, str | None]] = {}
        self._dates: dict[FuzzyDate, dict[str, Value]] = {}
        self._places: dict[str, tuple[Shape, dict[str, Value]]] = {}

    def shape(self, place: Place) -> Shape:
        """Where ``place`` is drawn (:func:`~.shapes.place_shape` at this export's detail)."""
        return self.place(place)[0]

    def place(self, place: Place) -> tuple[Shape, dict[str, Value]]:
        """The place's shape and :func:`~.mapping.place_properties` (shared: copy to change)."""
        found = self._places.get(place.id)
        if found is None:
            shape = place_shape(place, self.detail)
            found = self._places[place.id] = (shape, place_properties(place, shape))
        return found

    def date(self, date: FuzzyDate | None) -> dict[str, Value]:
        """:func:`~.mapping.date_properties` (the same dict for the same date: copy to change)."""
        if date is None:
            return date_properties(None)
        props = self._dates.get(date)  # the whole date: its wording too
        if props is None:
            props = self._dates[date] = date_properties(date)
        return props

    def quotes(self, citations: list[Citation]) -> tuple[Quote, ...]:
        """The citations, each with its source's label and URL."""
        from tda_export.formats.words import attribution_words, source_label

        out = []
        for cit in citations:
            source = self.base.source(cit.source)
            label = self._labels.get(cit.source)
            if label is None:
                label = self._labels[cit.source] = (source_label(source), source.url)
            said = attribution_words(cit, source)
            out.append(Quote(cit.source, label[0], label[1], cit.quote, cit.note, said))
        return tuple(out)

    def features(self, layer: str) -> Iterator[MapFeature]:
        """An iterator over one layer's features (``presence``, ``events`` or ``places``).

        The order is the layer's (see :meth:`presence`, :meth:`events`, :meth:`places`).
        Raises :class:`~tda_export.errors.UsageError` at once for an unknown layer.
        """
        from tda_export.errors import UsageError

        if layer not in LAYERS:
            raise UsageError(f"unknown layer {layer!r}: choose one of {', '.join(LAYERS)}")
        by_layer = {"presence": self.presence, "events": self.events, "places": self.places}
        return by_layer[layer]()

    # -- layers (property dicts are written in FIELDS order) --------------------------------
    def presence(self) -> Iterator[MapFeature]:
        """Features of the kept presence records.

        Yields
        ------
        MapFeature
            One per presence record, ordered by the place's country, then presence id.
        """
        base = self.base
        kept = [(base.place(rec.place), rec) for rec in self.filter.presence(base)]  # by id
        kept.sort(key=lambda item: item[0].country)  # stable: by id within a country
        for place, rec in kept:
            shape, where = self.place(place)
            quotes = self.quotes(rec.citations)
            props = {
                "id": rec.id,
                "name": place.name,
                "label": short_label(place.name),
                "status": rec.status,
                "activities": joined(rec.activities),
                **self.date(rec.period),
                "place_id": place.id,
                "place_name": place.name,
                **where,
                **cited_properties(quotes, rec.note),
            }
            yield MapFeature(
                "presence", rec.id, place.country, shape, rec.period, props, quotes,
                corrections=corrections(base, rec),
            )  # fmt: skip

    def events(self) -> Iterator[MapFeature]:
        """Features of the kept events: one per event and place.

        With a country filter, only the event's places in those countries are drawn.
        Events with no place cannot be drawn and are left out (logged at INFO level).

        Yields
        ------
        MapFeature
            Keyed ``EVENT.PLACE``, ordered by the place's country, then event date (first
            day, last day), event id and the place's position in the event.
        """
        base = self.base
        kept = []
        unplaced = 0
        for event in self.filter.events(base):  # by date, then id
            if not event.places:
                unplaced += 1
                continue
            for place_id in dict.fromkeys(event.places):
                place = base.place(place_id)
                if self.filter.keeps_place(place):
                    kept.append((place, event))
        if unplaced:
            log.info("%d event(s) without a place are not drawn on the map", unplaced)
        kept.sort(key=lambda item: item[0].country)  # stable: date, id, place order within
        last = None
        for place, event in kept:
            if event is not last:  # an event's places are next to each other in a country
                last = event
                quotes = self.quotes(event.citations)
                head: dict[str, Value] = {
                    "id": event.id,
                    "name": event.title,
                    "label": event_label(event.title, event.status),
                    "status": event.status,
                    "category": event.category,
                    "summary": event.summary,
                    "actors": joined(event.actors),
                    "places": joined(event.places),
                    **self.date(event.date),
                }
                tail = cited_properties(quotes, event.note)
                actor_ids, place_ids = tuple(event.actors), tuple(dict.fromkeys(event.places))
                corrected = corrections(base, event)
            shape, where = self.place(place)
            props = {**head, "place_id": place.id, "place_name": place.name, **where, **tail}
            if len(place_ids) > 1:
                props["label"] = place_label(event.title, place.name, event.status)
            yield MapFeature(
                "events", f"{event.id}.{place.id}", place.country, shape, event.date, props,
                quotes, actor_ids, place_ids, base, corrected,
            )  # fmt: skip

    def places(self) -> Iterator[MapFeature]:
        """Features of the places in the kept countries (places have no date or status).

        Yields
        ------
        MapFeature
            One per place, ordered by country, then place id.
        """
        for place in sorted(self.filter.places(self.base), key=lambda p: (p.country, p.id)):
            shape, where = self.place(place)
            quotes = self.quotes(place.citations)
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
                corrections=corrections(self.base, place),
            )  # fmt: skip


def layer_features(
    base: FactBase, layer: str, record_filter: RecordFilter | None = None, detail: Detail = "web"
) -> Iterator[MapFeature]:
    """One layer's features, in a context of their own (:meth:`MapContext.features`)."""
    return MapContext(base, record_filter, detail).features(layer)


def with_geometry(
    features: Iterable[MapFeature], serialize: Callable[[Shape], T]
) -> Iterator[tuple[MapFeature, T]]:
    """Each feature with its shape serialized; a shape recurring within a country is
    serialized once.

    The features of every layer come grouped by country, and no shape is shared across
    countries, so the serialized shapes kept are those of one country at most.
    """
    done: dict[str, T] = {}
    country = None
    for feature in features:
        if feature.country != country:
            done.clear()
            country = feature.country
        shape = feature.shape
        found = done.get(shape.key)
        if found is None:
            found = done[shape.key] = serialize(shape)
        yield feature, found
