"""The map core shared by the GeoJSON and KML exports: facts in, map features out.

Every mapped record has two geometries (see ``docs/maps.md``), as ACLED does for events:

- a **representative point**: the place's own point, or for a place drawn as an area a
  point guaranteed inside that area (shapely's ``point_on_surface`` of its largest part);
- its **uncertainty area**: a geodesic circle of the place's ``uncertainty_m`` around its
  point (at least :data:`MIN_RADIUS_M`; ``drawn_as`` ``circle``), else the Natural Earth area
  of its state or country (``drawn_as`` ``admin1`` or ``country``). Areas are clipped at
  180° (the far Aleutians are dropped) and, unless full detail is asked for, simplified
  with shapely at :data:`SIMPLIFY_TOLERANCE_DEG` (topology preserved).

``geo_precision`` says which of the two is meant (:data:`GEO_PRECISIONS`, with ACLED's 1–3
in ``geo_precision_acled``); ``uncertainty_m`` is the radius around the point that the area
fits in.

Layers: ``presence`` (one feature per presence record), ``events`` (one feature per event
and place; events with no place are left out) and ``places`` (one feature per place).
Every feature of a layer has the same property keys (:data:`FIELDS`); missing values are
``None``.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Literal

from tda_export.errors import TdaExportError
from tda_export.fuzzydate import FuzzyDate
from tda_export.models import LIST_SEPARATOR

if TYPE_CHECKING:
    from shapely.geometry import Polygon as ShapelyPolygon
    from shapely.geometry.base import BaseGeometry

    from tda_export.factbase import FactBase
    from tda_export.filters import RecordFilter
    from tda_export.models import Citation, Event, Place

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
GeoPrecision = Literal["exact", "locality", "admin2", "admin1", "country"]
#: Which geometry a GeoJSON layer carries: the representative point or the uncertainty area.
Geometry = Literal["point", "area"]
#: How detailed drawn areas are: simplified for the web, or the bundled boundaries as they are.
Detail = Literal["web", "full"]

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
#: Tolerance (degrees, about 1.1 km) of the lighter areas, measured with
#: scripts/measure_simplification.py (docs/maps.md): 13% fewer vertices over all bundled
#: areas; Aragua changes by 0.55% of its area, Trinidad and Tobago 0.92%, the US 0.06%.
SIMPLIFY_TOLERANCE_DEG = 0.01
#: Start and end written for an open end (and for undated presence): GDAL cannot compare a
#: null date, and QGIS's time controller needs a value (see docs/maps.md).
OPEN_START = "0001-01-01T00:00:00"
OPEN_END = "9999-12-31T23:59:59"
#: Longest ``label`` (characters); longer titles are cut at a word and end with an ellipsis.
LABEL_MAX = 40

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
    ("geo_precision_acled", "int"),
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
        ("label", "string"),
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
        ("label", "string"),
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
        ("label", "string"),
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
    """Where one place is drawn: its representative point and its uncertainty area.

    ``key`` names the area: the area code (``VE-D``) for areas, which many places share,
    else the place id. The polygons are computed when asked, not kept (a circle's ring
    would weigh 7 kB as Python tuples); writers serialize each shape once.
    """

    key: str
    drawn_as: DrawnAs
    point: Position
    uncertainty_m: int
    precision: GeoPrecision
    area_code: str | None = None
    radius_m: int | None = None
    detail: Detail = "web"
    #: True when the place is itself the state, department or country drawn (not a place
    #: merely known to lie in it): only then is the area the place's own outline.
    own_area: bool = False

    @property
    def polygons(self) -> tuple[Polygon, ...]:
        """The area: outer rings counter-clockwise, holes clockwise, 6 decimals."""
        if self.area_code is not None:
            return area_polygons(self.area_code, self.detail)
        assert self.radius_m is not None
        ring = circle(*self.point, self.radius_m)
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
    #: The event's actor and place ids, and the base to name them from (balloons).
    actor_ids: tuple[str, ...] = ()
    place_ids: tuple[str, ...] = ()
    base: FactBase | None = field(default=None, compare=False, repr=False)

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


@cache
def clipped_area(code: str) -> BaseGeometry:
    """The bundled area of a country or state, clipped at 180°.

    An area whose parts lie on both sides of the antimeridian (the United States' Aleutians
    west of 180°) keeps only the hemisphere (west or east of 0°) holding most of its area,
    so that it spans less than 180° of longitude and a layer's extent stays on its continent.
    """
    import shapely
    from shapely.geometry import box, shape

    from tda_export import geography

    geometry = shape(geography.area_geojson(code))
    west, _, east, _ = geometry.bounds
    if east - west > 180.0:
        halves = [
            shapely.intersection(geometry, box(-180.0, -90.0, 0.0, 90.0)),
            shapely.intersection(geometry, box(0.0, -90.0, 180.0, 90.0)),
        ]
        geometry = max(halves, key=lambda half: half.area)
    return geometry


def _parts(geometry: BaseGeometry) -> list[ShapelyPolygon]:
    """The polygons of a Polygon, MultiPolygon or collection (lines and points dropped)."""
    from shapely.geometry import Polygon as ShapelyPolygonType

    if isinstance(geometry, ShapelyPolygonType):
        return [geometry] if not geometry.is_empty else []
    return [part for g in getattr(geometry, "geoms", []) for part in _parts(g)]


@cache
def area_polygons(code: str, detail: Detail = "web") -> tuple[Polygon, ...]:
    """The drawn area of a country or state: outer rings CCW, holes CW (RFC 7946).

    Clipped at 180° (:func:`clipped_area`); ``web`` detail is simplified with shapely's
    topology-preserving algorithm at :data:`SIMPLIFY_TOLERANCE_DEG`, ``full`` keeps every
    bundled vertex (Natural Earth 1:10m, already generalised by 0.008°).
    """
    import shapely
    from shapely.geometry.polygon import orient

    geometry = clipped_area(code)
    if detail == "web":
        geometry = shapely.simplify(geometry, SIMPLIFY_TOLERANCE_DEG, preserve_topology=True)
    polygons: list[Polygon] = []
    for part in _parts(geometry):
        oriented = orient(part, 1.0)  # outer ring counter-clockwise, holes clockwise
        rings = [oriented.exterior, *oriented.interiors]
        polygons.append(
            tuple(tuple((_round(x), _round(y)) for x, y in ring.coords) for ring in rings)
        )
    return tuple(polygons)


@cache
def area_point(code: str) -> Position:
    """A point inside the area: ``point_on_surface`` of its largest part (after clipping)."""
    largest = max(_parts(clipped_area(code)), key=lambda part: part.area)
    point = largest.point_on_surface()
    return (_round(point.x), _round(point.y))


def distance_m(a: Position, b: Position) -> float:
    """Great-circle distance in metres between two lon/lat points (haversine)."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


@cache
def area_radius_m(code: str) -> int:
    """The radius (m, rounded up to a km) around :func:`area_point` that holds the whole area."""
    import shapely

    centre = area_point(code)
    coords = shapely.get_coordinates(clipped_area(code))
    farthest = max(distance_m(centre, (float(x), float(y))) for x, y in coords)
    return math.ceil(farthest / 1000.0) * 1000


def _area_shape(place: Place, detail: Detail) -> Shape:
    from tda_export import geography

    if place.state is not None and geography.has_state(place.state):
        code, drawn_as = place.state, "admin1"
    elif geography.has_country(place.country):
        code, drawn_as = place.country, "country"
    else:
        raise TdaExportError(
            f"place {place.id!r}: no boundary for {place.state or place.country} "
            "in the bundled Natural Earth data"
        )
    return Shape(
        code,
        drawn_as,  # type: ignore[arg-type]
        area_point(code),
        area_radius_m(code),
        drawn_as,  # type: ignore[arg-type]
        area_code=code,
        detail=detail,
        own_area=place.kind in ("state", "department", "country"),
    )


#: A point's recorded precision as a mapped precision (``region`` is a part of a country).
_POINT_PRECISION: dict[str, GeoPrecision] = {
    "exact": "exact",
    "locality": "locality",
    "admin2": "admin2",
    "admin1": "admin1",
    "region": "admin1",
    "country": "country",
}


def place_shape(place: Place, detail: Detail = "web") -> Shape:
    """Where ``place`` is drawn: its point and circle, else its state's or country's area."""
    if place.point is not None:
        lon, lat = place.point
        radius = max(place.uncertainty_m or 0, MIN_RADIUS_M)
        if circle(lon, lat, radius) is not None:
            return Shape(
                place.id,
                "circle",
                (lon, lat),
                place.uncertainty_m or 0,
                _POINT_PRECISION[place.precision],
                radius_m=radius,
                detail=detail,
            )
    return _area_shape(place, detail)


class ShapeCache:
    """Each place's :class:`Shape`, computed once per export, at one level of detail."""

    def __init__(self, detail: Detail = "web") -> None:
        """Start empty."""
        self.detail: Detail = detail
        self._shapes: dict[str, Shape] = {}

    def __call__(self, place: Place) -> Shape:
        """The shape of ``place``."""
        shape = self._shapes.get(place.id)
        if shape is None:
            shape = self._shapes[place.id] = place_shape(place, self.detail)
        return shape


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
            **dict.fromkeys(name for name, _ in _DATE_FIELDS),
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
    """``text`` on one line, cut at a word to at most ``limit`` characters (then ``…``)."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0] if " " in flat[: limit - 1] else flat[: limit - 1]
    return cut.rstrip(" ,;:.–-") + "…"


class SourceLabels(dict[str, tuple[str, str | None]]):
    """Each source's reader label and URL, worked out once per export."""

    def __init__(self, base: FactBase) -> None:
        """Empty, for the sources of ``base``."""
        super().__init__()
        self.base = base

    def __missing__(self, key: str) -> tuple[str, str | None]:
        from tda_export.formats.chronology import source_label

        src = self.base.source(key)
        value = self[key] = (source_label(src), src.url)
        return value


def _quotes(labels: SourceLabels, citations: list[Citation]) -> tuple[Quote, ...]:
    out = []
    for cit in citations:
        label, url = labels[cit.source]
        out.append(Quote(cit.source, label, url, cit.quote, cit.note))
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
    labels = SourceLabels(base)
    kept: list[tuple[str, int, Place]] = []  # positions, not records: see event_features
    for position, rec in record_filter.presence_positions(base):  # by id
        place = base.place(rec.place)
        kept.append((place.country, position, place))
    kept.sort(key=lambda item: item[0])  # stable: by id within a country
    for country, position, place in kept:
        rec = base.presence[position]
        shape = shapes(place)
        quotes = _quotes(labels, rec.citations)
        props = {
            "id": rec.id,
            "name": place.name,
            "label": short_label(place.name),
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
    labels = SourceLabels(base)
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
        quotes = _quotes(labels, event.citations)
        props = {
            "id": event.id,
            "name": event.title,
            "label": short_label(event.title),
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
            "events",
            key,
            country,
            shape,
            event.date,
            _ordered("events", props),
            quotes,
            actor_ids=tuple(event.actors),
            place_ids=tuple(dict.fromkeys(event.places)),
            base=base,
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
    labels = SourceLabels(base)
    for place in sorted(record_filter.places(base), key=lambda p: (p.country, p.id)):
        shape = shapes(place)
        quotes = _quotes(labels, place.citations)
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
