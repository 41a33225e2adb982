"""The map core shared by the GeoJSON and KML exports: facts in, map features out.

Every layer is drawn with polygons only, so an imprecise place never becomes an exact pin
(see ``docs/maps.md``):

- a state, department or country, or a place with no point, is drawn as the Natural Earth
  area of its state, else of its country (``drawn_as`` ``admin1`` or ``country``);
- a place with a point is drawn as a geodesic circle of its ``uncertainty_m`` (at least
  :data:`MIN_RADIUS_M`, which an exact point gets), ``drawn_as`` ``circle``; a circle that
  would reach a pole or cross the antimeridian is drawn as the area instead.

Layers: ``presence`` (one feature per presence record), ``events`` (one feature per event
and place; events with no place are left out) and ``places`` (one feature per place).
Every feature of a layer has the same property keys (:data:`FIELDS`); missing values are
``None``.
"""

from __future__ import annotations

import itertools
import logging
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

from tda_export.errors import TdaExportError
from tda_export.fuzzydate import FuzzyDate
from tda_export.models import LIST_SEPARATOR

if TYPE_CHECKING:
    from tda_export.filters import RecordFilter
    from tda_export.models import Citation, Event, FactBase, Place

log = logging.getLogger(__name__)

Layer = Literal["presence", "events", "places"]
LAYERS: tuple[Layer, ...] = ("presence", "events", "places")

#: Smallest radius (m) drawn: an exact point (no ``uncertainty_m``) becomes a disc this
#: wide, which stays visible and a valid ring at 6 decimals.
MIN_RADIUS_M = 100
#: Vertices of a drawn circle (the ring has one more: it is closed).
CIRCLE_VERTICES = 64
#: Mean Earth radius (IUGG), metres.
EARTH_RADIUS_M = 6_371_008.8
#: Decimals kept in coordinates (about 10 cm).
COORD_DECIMALS = 6
#: Serialized geometries each writer keeps (by :class:`Shape`, least recently used out):
#: enough for every state and country, bounded for bases with many circles.
GEOMETRY_CACHE_SIZE = 2048

Value = str | int | float | None
Position = tuple[float, float]
Ring = tuple[Position, ...]
Polygon = tuple[Ring, ...]
FieldType = Literal["string", "int", "double"]
DrawnAs = Literal["circle", "admin1", "country"]

_DATE_FIELDS: tuple[tuple[str, FieldType], ...] = (
    ("date", "string"),
    ("date_display", "string"),
    ("date_precision", "string"),
    ("date_kind", "string"),
    ("date_start", "string"),
    ("date_end", "string"),
)
_WHERE_FIELDS: tuple[tuple[str, FieldType], ...] = (
    ("place_id", "string"),
    ("place_name", "string"),
)
_PLACE_FIELDS: tuple[tuple[str, FieldType], ...] = (
    ("country", "string"),
    ("state", "string"),
    ("geo_precision", "string"),
    ("drawn_as", "string"),
    ("area_code", "string"),
    ("uncertainty_m", "int"),
)
_CITED_FIELDS: tuple[tuple[str, FieldType], ...] = (
    ("sources", "string"),
    ("citations", "string"),
    ("note", "string"),
)

#: Property keys and their types, per layer, in output order.
FIELDS: dict[Layer, tuple[tuple[str, FieldType], ...]] = {
    "presence": (
        ("id", "string"),
        ("name", "string"),
        ("status", "string"),
        ("activities", "string"),
        *_DATE_FIELDS,
        *_WHERE_FIELDS,
        *_PLACE_FIELDS,
        *_CITED_FIELDS,
    ),
    "events": (
        ("id", "string"),
        ("name", "string"),
        ("status", "string"),
        ("category", "string"),
        ("summary", "string"),
        ("actors", "string"),
        ("places", "string"),
        *_DATE_FIELDS,
        *_WHERE_FIELDS,
        *_PLACE_FIELDS,
        *_CITED_FIELDS,
    ),
    "places": (
        ("id", "string"),
        ("name", "string"),
        ("kind", "string"),
        ("parent", "string"),
        ("alternate_names", "string"),
        ("lon", "double"),
        ("lat", "double"),
        ("geonames_id", "int"),
        *_PLACE_FIELDS,
        *_CITED_FIELDS,
    ),
}


@dataclass(frozen=True)
class Shape:
    """How one place is drawn: a circle around a point, or a country's or state's area.

    ``key`` names the geometry: the area code (``VE-D``) for areas, which many places share,
    else the place id. The polygons are computed when asked, not kept (a circle's ring
    would weigh 7 kB as Python tuples); writers serialize each key once.
    """

    key: str
    drawn_as: DrawnAs
    area_code: str | None = None
    radius_m: int | None = None
    center: Position | None = None

    @property
    def polygons(self) -> tuple[Polygon, ...]:
        """The geometry: outer rings counter-clockwise, holes clockwise, 6 decimals."""
        if self.area_code is not None:
            return area_polygons(self.area_code)
        assert self.center is not None and self.radius_m is not None
        ring = circle(*self.center, self.radius_m)
        assert ring is not None, "place_shape draws only circles that can be drawn"
        return ((ring,),)


@dataclass(frozen=True)
class Quote:
    """One citation, ready for a balloon: source id and label, its URL, the quote, a note."""

    source: str
    label: str
    url: str | None
    quote: str
    note: str | None


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

    @property
    def name(self) -> str:
        """The feature's display name."""
        return str(self.properties["name"])


# -- geometry -------------------------------------------------------------------------------
def _round(value: float) -> float:
    return round(value, COORD_DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0


def circle(lon: float, lat: float, radius_m: float, vertices: int = CIRCLE_VERTICES) -> Ring | None:
    """A closed counter-clockwise ring of points ``radius_m`` from ``(lon, lat)`` on a sphere.

    Uses the destination-point formula. Returns ``None`` when the circle would reach a pole
    or cross the antimeridian (it cannot be drawn as one simple lon/lat ring).
    """
    phi1, lam1 = math.radians(lat), math.radians(lon)
    delta = radius_m / EARTH_RADIUS_M
    if delta >= math.radians(90.0 - abs(lat)):
        return None
    ring: list[Position] = []
    for i in range(vertices):
        theta = math.radians(-360.0 * i / vertices)  # decreasing bearing: counter-clockwise
        phi2 = math.asin(
            math.sin(phi1) * math.cos(delta) + math.cos(phi1) * math.sin(delta) * math.cos(theta)
        )
        lam2 = lam1 + math.atan2(
            math.sin(theta) * math.sin(delta) * math.cos(phi1),
            math.cos(delta) - math.sin(phi1) * math.sin(phi2),
        )
        lon2 = math.degrees(lam2)
        if not -180.0 <= lon2 <= 180.0:
            return None
        ring.append((_round(lon2), _round(math.degrees(phi2))))
    ring.append(ring[0])
    return tuple(ring)


def _signed_area(ring: Sequence[Sequence[float]]) -> float:
    """Twice the signed area of a closed ring (shoelace): positive when counter-clockwise."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring))


@cache
def area_polygons(code: str) -> tuple[Polygon, ...]:
    """The bundled area of a country or state: outer rings CCW, holes CW (RFC 7946).

    The bundled boundaries are already generalised (0.008°, see ``tda_export/data``) and
    are not simplified further: that would distort small states and islands. Rings are
    oriented in plain Python, so drawing an area needs no geometry library.
    """
    from tda_export import geography

    geometry = geography.area_geojson(code)
    parts = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    polygons: list[Polygon] = []
    for part in parts:
        rings: list[Ring] = []
        for number, coords in enumerate(part):
            # The bundled coordinates have 5 decimals already: no rounding needed.
            ring = tuple((x + 0.0, y + 0.0) for x, y in coords)
            counter_clockwise = _signed_area(ring) > 0
            if counter_clockwise != (number == 0):  # outer ring CCW, holes CW
                ring = ring[::-1]
            rings.append(ring)
        polygons.append(tuple(rings))
    return tuple(polygons)


def _area_shape(place: Place) -> Shape:
    from tda_export import geography

    if place.state is not None and geography.has_state(place.state):
        return Shape(place.state, "admin1", area_code=place.state)
    if geography.has_country(place.country):
        return Shape(place.country, "country", area_code=place.country)
    raise TdaExportError(
        f"place {place.id!r}: no boundary for {place.state or place.country} "
        "in the bundled Natural Earth data"
    )


def place_shape(place: Place) -> Shape:
    """How ``place`` is drawn: a circle around its point, else its state's or country's area."""
    if place.point is not None:
        lon, lat = place.point
        radius = max(place.uncertainty_m or 0, MIN_RADIUS_M)
        if circle(lon, lat, radius) is not None:
            return Shape(place.id, "circle", radius_m=radius, center=(lon, lat))
    return _area_shape(place)


class ShapeCache:
    """Each place's :class:`Shape`, computed once per export."""

    def __init__(self) -> None:
        """Start empty."""
        self._shapes: dict[str, Shape] = {}

    def __call__(self, place: Place) -> Shape:
        """The shape of ``place``."""
        shape = self._shapes.get(place.id)
        if shape is None:
            shape = self._shapes[place.id] = place_shape(place)
        return shape


# -- properties -----------------------------------------------------------------------------
def _joined(values: Sequence[str]) -> str | None:
    return ", ".join(values) if values else None


def date_properties(date: FuzzyDate | None) -> dict[str, Value]:
    """EDTF text, words, precision, kind, and full first/last days (``None`` when open)."""
    if date is None:
        return dict.fromkeys(name for name, _ in _DATE_FIELDS)
    return {
        "date": date.text,
        "date_display": date.words(),
        "date_precision": date.precision,
        "date_kind": date.kind,
        "date_start": date.start.isoformat() if date.start else None,
        "date_end": date.end.isoformat() if date.end else None,
    }


def place_properties(place: Place, shape: Shape) -> dict[str, Value]:
    """Where a feature is and how precisely: codes, precision, what is drawn."""
    return {
        "country": place.country,
        "state": place.state,
        "geo_precision": place.precision,
        "drawn_as": shape.drawn_as,
        "area_code": shape.area_code,
        "uncertainty_m": place.uncertainty_m,
    }


def _quotes(base: FactBase, citations: list[Citation]) -> tuple[Quote, ...]:
    out = []
    for cit in citations:
        src = base.source(cit.source)
        label = f"{src.publisher}: {src.title}" if src.publisher else src.title
        out.append(Quote(cit.source, label, src.url, cit.quote, cit.note))
    return tuple(out)


def cited_properties(quotes: tuple[Quote, ...], note: str | None) -> dict[str, Value]:
    """Source ids (comma-separated, first use order), citations as text, and the note."""
    sources = list(dict.fromkeys(q.source for q in quotes))
    return {
        "sources": _joined(sources),
        "citations": "\n".join(f"{q.source}: {' '.join(q.quote.split())}" for q in quotes),
        "note": note,
    }


def _ordered(layer: Layer, values: dict[str, Value]) -> dict[str, Value]:
    """``values`` in :data:`FIELDS` order (a missing key is a bug: KeyError)."""
    return {name: values[name] for name, _ in FIELDS[layer]}


# -- layers ---------------------------------------------------------------------------------
def presence_features(
    base: FactBase, record_filter: RecordFilter, shapes: ShapeCache
) -> Iterator[MapFeature]:
    """Features of the kept presence records.

    Yields
    ------
    MapFeature
        One per presence record, ordered by the place's country, then presence id.
    """
    kept: list[tuple[str, int, Place]] = []  # positions, not records: see event_features
    for position, rec in record_filter.presence_positions(base):  # by id
        place = base.place(rec.place)
        kept.append((place.country, position, place))
    kept.sort(key=lambda item: item[0])  # stable: by id within a country
    for country, position, place in kept:
        rec = base.presence[position]
        shape = shapes(place)
        quotes = _quotes(base, rec.citations)
        props = {
            "id": rec.id,
            "name": place.name,
            "status": rec.status,
            "activities": _joined(rec.activities),
            **date_properties(rec.period),
            "place_id": place.id,
            "place_name": place.name,
            **place_properties(place, shape),
            **cited_properties(quotes, rec.note),
        }
        yield MapFeature(
            "presence",
            rec.id,
            country,
            shape,
            rec.period,
            _ordered("presence", props),
            quotes,
        )


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
    # Positions in base.events, not the events: each is read again when its feature is
    # made, so the layer never holds every event at once.
    kept: list[tuple[str, int, Place]] = []
    unplaced = 0
    for position, listed in record_filter.event_positions(base):  # by date, then id
        if not listed.places:
            unplaced += 1
            continue
        for place_id in dict.fromkeys(listed.places):
            place = base.place(place_id)
            if record_filter.keeps_place(place):
                kept.append((place.country, position, place))
    if unplaced:
        log.info("%d event(s) without a place are not drawn on the map", unplaced)
    kept.sort(key=lambda item: item[0])  # stable: by date, id and place order within a country
    event: Event | None = None
    read = -1
    for country, position, place in kept:
        if position != read:  # an event's places are next to each other within a country
            event, read = base.events[position], position
        assert event is not None
        shape = shapes(place)
        quotes = _quotes(base, event.citations)
        props = {
            "id": event.id,
            "name": event.title,
            "status": event.status,
            "category": event.category,
            "summary": event.summary,
            "actors": _joined(event.actors),
            "places": _joined(event.places),
            **date_properties(event.date),
            "place_id": place.id,
            "place_name": place.name,
            **place_properties(place, shape),
            **cited_properties(quotes, event.note),
        }
        key = f"{event.id}.{place.id}"
        yield MapFeature(
            "events", key, country, shape, event.date, _ordered("events", props), quotes
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
    for place in sorted(record_filter.places(base), key=lambda p: (p.country, p.id)):
        shape = shapes(place)
        quotes = _quotes(base, place.citations)
        lon, lat = place.point if place.point is not None else (None, None)
        props = {
            "id": place.id,
            "name": place.name,
            "kind": place.kind,
            "parent": place.parent,
            "alternate_names": LIST_SEPARATOR.join(place.alternate_names) or None,
            "lon": lon,
            "lat": lat,
            "geonames_id": place.geonames_id,
            **place_properties(place, shape),
            **cited_properties(quotes, place.note),
        }
        yield MapFeature(
            "places",
            place.id,
            place.country,
            shape,
            None,
            _ordered("places", props),
            quotes,
        )


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
