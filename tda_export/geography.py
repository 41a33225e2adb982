"""Country and state boundaries of the Americas (Natural Earth, public domain).

The package ships its own trimmed copy in ``tda_export/data/`` (see the README there), so
nothing outside the package is needed at run time. Geometries are built lazily, one code at
a time, because only a handful are ever used.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

#: Distance (degrees, about 2 km) within which a coastal point counts as inside its area:
#: the 1:10m coastline is generalised (downtown Miami lies 0.4 km offshore in it).
COAST_TOLERANCE_DEG = 0.02


@cache
def _country_codes() -> frozenset[str]:
    folder = resources.files("tda_export.data.boundaries")
    return frozenset(
        entry.name.split(".")[0] for entry in folder.iterdir() if entry.name.endswith(".gz")
    )


#: The code at the start of a feature line: a subdivision's, else the country's.
_LINE_CODE = re.compile(r'\{"type":"Feature","properties":\{"(?:iso_3166_2|iso_a2)":"([^"]*)"')


@cache
def _country_file(country: str) -> dict[str, str]:
    """The feature lines of one country file keyed by code (the country, its subdivisions).

    Lines are parsed only when their area is used (:func:`_feature`).
    """
    raw = resources.files("tda_export.data.boundaries").joinpath(f"{country}.geojson.gz")
    out: dict[str, str] = {}
    for line in gzip.decompress(raw.read_bytes()).decode("utf-8").splitlines():
        found = _LINE_CODE.match(line)
        if found is None:
            raise ValueError(f"{country}.geojson.gz: a line without a code: {line[:80]!r}")
        out.setdefault(found[1], line)
    return out


@cache
def _feature(code: str) -> dict[str, Any]:
    country = code.split("-", 1)[0]
    if country not in _country_codes():
        raise KeyError(code)
    return json.loads(_country_file(country)[code])  # type: ignore[no-any-return]


def country_codes() -> list[str]:
    """Every bundled country code, sorted."""
    return sorted(_country_codes())


def state_codes(country: str) -> list[str]:
    """The bundled subdivision codes of a country, sorted."""
    return sorted(code for code in _country_file(country) if code.startswith(country + "-"))


def has_country(code: str) -> bool:
    """True when the bundled boundaries hold this ISO 3166-1 alpha-2 country."""
    return code in _country_codes()


def has_state(code: str) -> bool:
    """True when the bundled boundaries hold this ISO 3166-2 subdivision."""
    country = code.split("-", 1)[0]
    return country in _country_codes() and code in _country_file(country)


def area_name(code: str) -> str:
    """Natural Earth's name of a country or subdivision code."""
    return str(_feature(code)["properties"]["name"])


def area_geojson(code: str) -> dict[str, Any]:
    """The GeoJSON geometry (MultiPolygon, CCW outer rings) of a country or subdivision."""
    return _feature(code)["geometry"]  # type: ignore[no-any-return]


@cache
def area(code: str) -> BaseGeometry:
    """The shapely geometry of a country (``VE``) or subdivision (``VE-D``), prepared."""
    import shapely
    from shapely.geometry import shape

    geometry = shape(area_geojson(code))
    shapely.prepare(geometry)
    return geometry


def distance_deg(code: str, lon: float, lat: float) -> float:
    """Distance in degrees from ``(lon, lat)`` to the area (0 inside)."""
    from shapely.geometry import Point

    return float(area(code).distance(Point(lon, lat)))


Ring = list[tuple[float, float]]


@cache
def _polygons(code: str) -> list[tuple[tuple[float, float, float, float], Ring, list[Ring]]]:
    """(bbox of the outer ring, outer ring, holes) for each polygon of an area."""
    geometry = area_geojson(code)
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    out = []
    for rings in polygons:
        outer = [(float(x), float(y)) for x, y in rings[0]]
        xs, ys = [x for x, _ in outer], [y for _, y in outer]
        holes = [[(float(x), float(y)) for x, y in ring] for ring in rings[1:]]
        out.append(((min(xs), min(ys), max(xs), max(ys)), outer, holes))
    return out


def _in_ring(ring: Ring, x: float, y: float) -> bool:
    """Even-odd ray casting: True when (x, y) lies inside the closed ring."""
    inside = False
    x1, y1 = ring[-1]
    for x2, y2 in ring:
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
        x1, y1 = x2, y2
    return inside


def _inside(code: str, lon: float, lat: float) -> bool:
    """Exact point-in-area test in plain Python (no shapely needed for the common case)."""
    for (west, south, east, north), outer, holes in _polygons(code):
        if (
            west <= lon <= east
            and south <= lat <= north
            and _in_ring(outer, lon, lat)
            and not any(_in_ring(hole, lon, lat) for hole in holes)
        ):
            return True
    return False


def contains(code: str, lon: float, lat: float) -> bool:
    """True when the point lies in the area or within :data:`COAST_TOLERANCE_DEG` of it.

    The inside test runs in plain Python; shapely is imported only for the distance of a
    point that falls outside (the coastal tolerance).
    """
    if _inside(code, lon, lat):
        return True
    return distance_deg(code, lon, lat) <= COAST_TOLERANCE_DEG
