"""Where each mapped place is drawn: a representative point and an uncertainty area.

- the **point** is the place's own point, or for a place drawn as an area a point
  guaranteed inside that area (shapely's ``point_on_surface`` of its largest part);
- the **area** is a geodesic circle of the place's ``uncertainty_m`` around its point (at
  least :data:`MIN_RADIUS_M`; ``drawn_as`` ``circle``), else the Natural Earth area of its
  state or country (``drawn_as`` ``admin1`` or ``country``). Areas are clipped at 180°
  (the far Aleutians are dropped), islands more than 500 km from the main land are left
  out, and, unless full detail is asked for, areas are simplified with shapely at
  :data:`SIMPLIFY_TOLERANCE_DEG` (topology preserved).

Nothing is cached here between calls: a :class:`ShapeCache` keeps the shapes of one export.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from tda_export.errors import TdaExportError

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from tda_export.models import Place

#: Smallest radius (m) drawn: an exact point (no ``uncertainty_m``) becomes a disc this
#: wide, which stays visible and a valid ring at 6 decimals.
MIN_RADIUS_M = 100
#: Vertices of a drawn circle (the ring has one more: it is closed).
CIRCLE_VERTICES = 64
#: Mean Earth radius (IUGG), metres.
EARTH_RADIUS_M = 6_371_008.8
#: Decimals kept in coordinates (about 10 cm).
COORD_DECIMALS = 6
#: Tolerance (degrees, about 1.1 km) of the lighter areas, measured with
#: scripts/measure_simplification.py (docs/maps.md): 13% fewer vertices over all bundled
#: areas; Aragua changes by 0.55% of its area, Trinidad and Tobago 0.92%, the US 0.06%.
SIMPLIFY_TOLERANCE_DEG = 0.01

#: Islands farther than this (m) from an area's main land are not drawn (Hawaii, the outer
#: Aleutians, Galápagos, Easter Island, San Andrés; Fernando de Noronha, 358 km, stays).
OUTLYING_M = 500_000
#: Parts of an area at least this share of its largest part are its main land (Alaska is
#: 19% of the contiguous United States).
MAIN_PART_SHARE = 0.05

Position = tuple[float, float]
Ring = tuple[Position, ...]
Polygon = tuple[Ring, ...]
DrawnAs = Literal["circle", "admin1", "country"]
GeoPrecision = Literal["exact", "locality", "admin2", "admin1", "country"]
#: How detailed drawn areas are: simplified for the web, or the bundled boundaries as they are.
Detail = Literal["web", "full"]


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


def _round(value: float) -> float:
    return round(value, COORD_DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0


# -- circles --------------------------------------------------------------------------------
#: sin and cos of each vertex's bearing, clockwise from north in decreasing order, so that
#: the ring runs counter-clockwise.
_BEARINGS = tuple(
    (math.sin(t), math.cos(t))
    for t in (math.radians(-360.0 * i / CIRCLE_VERTICES) for i in range(CIRCLE_VERTICES))
)


def circle(lon: float, lat: float, radius_m: float) -> Ring | None:
    """A closed counter-clockwise ring of points ``radius_m`` from ``(lon, lat)`` on a sphere.

    Uses the destination-point formula. Returns ``None`` when the circle would reach a pole
    or cross the antimeridian (it cannot be drawn as one simple lon/lat ring).
    """
    phi1, lam1 = math.radians(lat), math.radians(lon)
    delta = radius_m / EARTH_RADIUS_M
    if delta >= math.radians(90.0 - abs(lat)):
        return None
    sin_phi1, cos_phi1 = math.sin(phi1), math.cos(phi1)
    sin_delta, cos_delta = math.sin(delta), math.cos(delta)
    ring: list[Position] = []
    for sin_theta, cos_theta in _BEARINGS:
        phi2 = math.asin(sin_phi1 * cos_delta + cos_phi1 * sin_delta * cos_theta)
        lam2 = lam1 + math.atan2(
            sin_theta * sin_delta * cos_phi1, cos_delta - sin_phi1 * math.sin(phi2)
        )
        lon2 = math.degrees(lam2)
        if not -180.0 <= lon2 <= 180.0:
            return None
        ring.append((_round(lon2), _round(math.degrees(phi2))))
    ring.append(ring[0])
    return tuple(ring)


def circle_fits(lon: float, lat: float, radius_m: float) -> bool:
    """True when :func:`circle` can draw this circle (without drawing it, in most cases).

    The widest longitude a circle of angular radius d around latitude p reaches is
    ``asin(sin d / cos p)`` from its centre; only a circle within a hair of 180° is drawn
    to decide.
    """
    delta = radius_m / EARTH_RADIUS_M
    if delta >= math.radians(90.0 - abs(lat)):
        return False
    reach = math.degrees(math.asin(min(1.0, math.sin(delta) / math.cos(math.radians(lat)))))
    return abs(lon) + reach < 180.0 - 1e-6 or circle(lon, lat, radius_m) is not None


# -- areas ----------------------------------------------------------------------------------
def clipped_area(code: str) -> BaseGeometry:
    """The bundled area of a country or state, clipped at 180°.

    An area whose parts lie on both sides of the antimeridian (the United States' Aleutians
    west of 180°) keeps only the hemisphere (west or east of 0°) holding most of its area,
    so that it spans less than 180° of longitude and a layer's extent stays on its continent.
    """
    import shapely

    from tda_export import geography

    geometry = geography.area(code)
    west, _, east, _ = geometry.bounds
    if east - west > 180.0:
        halves = shapely.intersection(
            geometry, [shapely.box(-180.0, -90.0, 0.0, 90.0), shapely.box(0.0, -90.0, 180.0, 90.0)]
        )
        geometry = halves[int(shapely.area(halves).argmax())]
    return geometry


def drawn_area(code: str) -> BaseGeometry:
    """The area as the map layers draw it: :func:`clipped_area` without far islands.

    Islands farther than :data:`OUTLYING_M` from the area's main land (its parts of at
    least :data:`MAIN_PART_SHARE` of the largest) are left out: Hawaii and the outer
    Aleutians, Galápagos, Easter Island, so that a layer's extent stays on the Americas'
    land. (The web pages' base map keeps them: it is geography, not a record's area.)
    """
    import shapely

    geometry = clipped_area(code)
    parts = polygon_parts(geometry)
    sizes = shapely.area(parts)
    main = sizes >= MAIN_PART_SHARE * sizes.max()
    if main.all():
        return geometry
    land = shapely.union_all([p for p, m in zip(parts, main, strict=True) if m])
    kept = [p for p, m in zip(parts, main, strict=True) if m or _near(p, land)]
    return shapely.multipolygons(kept) if len(kept) < len(parts) else geometry


def _near(part: BaseGeometry, land: BaseGeometry) -> bool:
    """True when ``part`` lies within :data:`OUTLYING_M` of ``land``."""
    from shapely.ops import nearest_points

    a, b = nearest_points(part, land)
    return distance_m((a.x, a.y), (b.x, b.y)) <= OUTLYING_M


def polygon_parts(geometry: BaseGeometry) -> list[BaseGeometry]:
    """The non-empty polygons of a Polygon, MultiPolygon or collection, in order."""
    import shapely

    parts = shapely.get_parts(geometry)
    while (shapely.get_type_id(parts) >= 4).any():  # multi-parts and collections
        parts = shapely.get_parts(parts)
    keep = (shapely.get_type_id(parts) == 3) & ~shapely.is_empty(parts)
    return list(parts[keep])


def area_polygons(code: str, detail: Detail = "web") -> tuple[Polygon, ...]:
    """The drawn area of a country or state: outer rings CCW, holes CW (RFC 7946).

    Clipped at 180°, far islands left out (:func:`drawn_area`); ``web`` detail is
    simplified with shapely's topology-preserving algorithm at
    :data:`SIMPLIFY_TOLERANCE_DEG`, ``full`` keeps every bundled vertex (Natural Earth
    1:10m, already generalised by 0.008°).
    """
    import shapely

    geometry = drawn_area(code)
    if detail == "web":
        geometry = shapely.simplify(geometry, SIMPLIFY_TOLERANCE_DEG, preserve_topology=True)
    polygons: list[Polygon] = []
    for part in shapely.orient_polygons(polygon_parts(geometry)):  # outer rings CCW
        rings = [part.exterior, *part.interiors]
        polygons.append(
            tuple(tuple((_round(x), _round(y)) for x, y in ring.coords) for ring in rings)
        )
    return tuple(polygons)


def area_point(code: str) -> Position:
    """A point inside the area: ``point_on_surface`` of its largest part (after clipping)."""
    import shapely

    parts = polygon_parts(drawn_area(code))
    point = shapely.point_on_surface(parts[int(shapely.area(parts).argmax())])
    return (_round(point.x), _round(point.y))


def distance_m(a: Position, b: Position) -> float:
    """Great-circle distance in metres between two lon/lat points (haversine)."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def area_radius_m(code: str, centre: Position) -> int:
    """The radius (m, rounded up to a km) around ``centre`` that holds the whole area."""
    import shapely

    coords = shapely.get_coordinates(drawn_area(code)).tolist()
    farthest = max(distance_m(centre, (x, y)) for x, y in coords)
    return math.ceil(farthest / 1000.0) * 1000


# -- one place ------------------------------------------------------------------------------
#: A point's recorded precision as a mapped precision (``region`` is a part of a country).
_POINT_PRECISION: dict[str, GeoPrecision] = {
    "exact": "exact",
    "locality": "locality",
    "admin2": "admin2",
    "admin1": "admin1",
    "region": "admin1",
    "country": "country",
}


class ShapeCache:
    """Each place's :class:`Shape`, worked out once per export at one level of detail.

    An area's point and radius are worked out once for all the places drawn as that area;
    everything is dropped with the object.
    """

    def __init__(self, detail: Detail = "web") -> None:
        """Start empty."""
        self.detail: Detail = detail
        self._shapes: dict[str, Shape] = {}
        self._areas: dict[str, tuple[Position, int]] = {}

    def __call__(self, place: Place) -> Shape:
        """The shape of ``place``: its point and circle, else its state's or country's area."""
        shape = self._shapes.get(place.id)
        if shape is None:
            shape = self._shapes[place.id] = self._place_shape(place)
        return shape

    def _place_shape(self, place: Place) -> Shape:
        if place.point is not None:
            lon, lat = place.point
            radius = max(place.uncertainty_m or 0, MIN_RADIUS_M)
            if circle_fits(lon, lat, radius):
                precision = _POINT_PRECISION[place.precision]
                uncertainty = place.uncertainty_m or 0
                return Shape(
                    place.id,
                    "circle",
                    (lon, lat),
                    uncertainty,
                    precision,
                    None,
                    radius,
                    self.detail,
                )
        return self._area_shape(place)

    def _area_shape(self, place: Place) -> Shape:
        from tda_export import geography

        drawn_as: Literal["admin1", "country"]
        if place.state is not None and geography.has_state(place.state):
            code, drawn_as = place.state, "admin1"
        elif geography.has_country(place.country):
            code, drawn_as = place.country, "country"
        else:
            raise TdaExportError(
                f"place {place.id!r}: no boundary for {place.state or place.country} "
                "in the bundled Natural Earth data"
            )
        if code not in self._areas:
            point = area_point(code)
            self._areas[code] = (point, area_radius_m(code, point))
        point, radius = self._areas[code]
        own = place.kind in ("state", "department", "country")
        return Shape(code, drawn_as, point, radius, drawn_as, code, None, self.detail, own)
