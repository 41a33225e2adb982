"""Where each mapped place is drawn: a representative point and an uncertainty area.

- the **point** is the place's own point, or for a place drawn as an area the point that
  stands for that area (inside it);
- the **area** is a geodesic circle of the place's ``uncertainty_m`` around its point (at
  least :data:`MIN_RADIUS_M`; ``drawn_as`` ``circle``), else the Natural Earth area of its
  state or country (``drawn_as`` ``admin1`` or ``country``), as shipped in
  ``tda_export/data/areas/`` by ``scripts/make_areas.py``: clipped at 180°, far islands
  left out, simplified for the web or at full detail, with its point and the radius that
  holds it.
"""

from __future__ import annotations

import gzip
import math
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

import msgspec

from tda_export.errors import TdaExportError
from tda_export.geography import EARTH_RADIUS_M
from tda_export.vocab import GeoPrecision

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from tda_export.models import Place

#: Smallest radius (m) drawn: an exact point (no ``uncertainty_m``) becomes a disc this
#: wide, which stays visible and a valid ring at 6 decimals.
MIN_RADIUS_M = 100
#: Vertices of a drawn circle (the ring has one more: it is closed).
CIRCLE_VERTICES = 64
#: Decimals kept in coordinates (about 10 cm).
COORD_DECIMALS = 6

Position = tuple[float, float]
Ring = tuple[Position, ...]
DrawnAs = Literal["circle", "admin1", "country"]
#: Which geometry of a shape a layer carries: the representative point or the uncertainty area.
Geometry = Literal["point", "area"]
#: How detailed drawn areas are: simplified for the web, or the bundled boundaries as they are.
Detail = Literal["web", "full"]
#: The shipped outlines: the map exports' two details, and the web pages' lighter one.
Outline = Literal["web", "full", "page"]


class DrawnArea(msgspec.Struct, frozen=True):
    """A bundled area as the maps draw it (``scripts/make_areas.py``): the point that stands
    for it, the radius around that point that holds it, and one :data:`Outline` of it as
    MultiPolygon coordinates in JSON, as msgspec writes them."""

    point: Position
    radius_m: int
    outline: msgspec.Raw


@cache
def _country_areas(country: str, kind: Outline) -> dict[str, DrawnArea]:
    """The drawn areas of a bundled country and its states with one outline, by code.

    Keyed by the bundled countries only (checked by the caller) and the three outlines,
    so at most every shipped file is kept (9.4 MB of JSON, outlines kept as text; a build
    of the real base reads 20 of them, 2.2 MB). A smaller bound read the same files again
    as the build's writers took turns (43 reads instead of 20).
    """
    from importlib import resources

    folder = resources.files("tda_export.data.areas")
    raw = gzip.decompress(folder.joinpath(f"{country}.{kind}.json.gz").read_bytes())
    return msgspec.json.decode(raw, type=dict[str, DrawnArea])


def drawn_area(code: str, kind: Outline = "web") -> DrawnArea | None:
    """The shipped :class:`DrawnArea` of a country or state code (``None``: not bundled)."""
    from tda_export import geography

    country = code.split("-", 1)[0]
    if not geography.has_country(country):
        return None
    return _country_areas(country, kind).get(code)


def page_outline(code: str) -> list[Any]:
    """The MultiPolygon coordinates of a bundled area as the web pages draw it (lighter
    than the maps'; :func:`~tda_export.formats.pages.webmap.web_geometry`)."""
    area = drawn_area(code, "page")
    assert area is not None, "pages draw only the areas of their features"
    result: list[Any] = msgspec.json.decode(area.outline)
    return result


@dataclass(frozen=True)
class Shape:
    """Where one place is drawn: its representative point and its uncertainty area.

    ``key`` names the area: the area code (``VE-D``) for areas, which many places share,
    else the place id. A circle's ring is computed when asked, not kept (it would weigh
    7 kB as Python tuples); writers serialize each shape once.
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

    def outline(self) -> bytes:
        """The area as GeoJSON MultiPolygon coordinates, as msgspec writes them: outer
        rings counter-clockwise, holes clockwise, 6 decimals."""
        if self.area_code is not None:
            area = drawn_area(self.area_code, self.detail)
            assert area is not None, "place_shape draws only bundled areas"
            return bytes(area.outline)
        assert self.radius_m is not None
        ring = circle(*self.point, self.radius_m)
        assert ring is not None, "place_shape draws only circles that can be drawn"
        return msgspec.json.encode(((ring,),))

    def geojson(self, geometry: Geometry) -> bytes:
        """The GeoJSON Point or MultiPolygon (:meth:`outline`) of the shape, as msgspec
        writes it (keys sorted)."""
        if geometry == "point":
            return msgspec.json.encode({"coordinates": self.point, "type": "Point"})
        area = {"coordinates": msgspec.Raw(self.outline()), "type": "MultiPolygon"}
        return msgspec.json.encode(area)


def rounded(value: float) -> float:
    """A coordinate to :data:`COORD_DECIMALS` decimals (never ``-0.0``)."""
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
        ring.append((rounded(lon2), rounded(math.degrees(phi2))))
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


# -- one place ------------------------------------------------------------------------------
#: A point's recorded precision as mapped (``region``, a part of a country, as ``admin1``).
_POINT_PRECISION: dict[GeoPrecision, GeoPrecision] = {
    "exact": "exact",
    "locality": "locality",
    "admin2": "admin2",
    "admin1": "admin1",
    "region": "admin1",
    "country": "country",
}


def place_shape(place: Place, detail: Detail = "web") -> Shape:
    """The shape of ``place``: its point and circle, else its state's or country's area."""
    if place.point is not None:
        lon, lat = place.point
        radius = max(place.uncertainty_m or 0, MIN_RADIUS_M)
        if circle_fits(lon, lat, radius):
            precision = _POINT_PRECISION[place.precision]
            uncertainty = place.uncertainty_m or 0
            return Shape(
                place.id, "circle", (lon, lat), uncertainty, precision, None, radius, detail
            )
    drawn_as: Literal["admin1", "country"]
    if place.state is not None and (area := drawn_area(place.state)) is not None:
        code, drawn_as = place.state, "admin1"
    elif (area := drawn_area(place.country)) is not None:
        code, drawn_as = place.country, "country"
    else:
        raise TdaExportError(
            f"place {place.id!r}: no boundary for {place.state or place.country} "
            "in the bundled Natural Earth data"
        )
    own = place.kind in ("state", "department", "country")
    return Shape(code, drawn_as, area.point, area.radius_m, drawn_as, code, None, detail, own)
