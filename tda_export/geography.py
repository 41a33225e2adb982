"""Country and state boundaries of the Americas (Natural Earth, public domain).

The package ships its own trimmed copy in ``tda_export/data/`` (see the README there), so
nothing outside the package is needed at run time. Geometries are built lazily, one code at
a time, because only a handful are ever used.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

#: Distance (degrees, about 2 km) within which a coastal point counts as inside its area:
#: the 1:10m coastline is generalised (downtown Miami lies 0.4 km offshore in it).
COAST_TOLERANCE_DEG = 0.02


@cache
def _features(name: str) -> dict[str, dict[str, Any]]:
    raw = resources.files("tda_export.data").joinpath(name).read_bytes()
    data = json.loads(gzip.decompress(raw))
    key = "iso_a2" if name.startswith("countries") else "iso_3166_2"
    out: dict[str, dict[str, Any]] = {}
    for feature in data["features"]:
        code = feature["properties"][key]
        if code and code not in out:
            out[code] = feature
    return out


def _countries() -> dict[str, dict[str, Any]]:
    return _features("countries-americas.geojson.gz")


def _states() -> dict[str, dict[str, Any]]:
    return _features("admin1-americas.geojson.gz")


def has_country(code: str) -> bool:
    """True when the bundled boundaries hold this ISO 3166-1 alpha-2 country."""
    return code in _countries()


def has_state(code: str) -> bool:
    """True when the bundled boundaries hold this ISO 3166-2 subdivision."""
    return code in _states()


def area_name(code: str) -> str:
    """Natural Earth's name of a country or subdivision code."""
    feature = (_states() if "-" in code else _countries())[code]
    return str(feature["properties"]["name"])


def area_geojson(code: str) -> dict[str, Any]:
    """The GeoJSON geometry (MultiPolygon, CCW outer rings) of a country or subdivision."""
    feature = (_states() if "-" in code else _countries())[code]
    return feature["geometry"]  # type: ignore[no-any-return]


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


def contains(code: str, lon: float, lat: float) -> bool:
    """True when the point lies in the area or within :data:`COAST_TOLERANCE_DEG` of it."""
    import shapely

    if shapely.intersects_xy(area(code), lon, lat):
        return True
    return distance_deg(code, lon, lat) <= COAST_TOLERANCE_DEG


def country_at(lon: float, lat: float) -> str | None:
    """The country whose area holds the point (within the coast tolerance), if any."""
    for code in sorted(_countries()):
        if contains(code, lon, lat):
            return code
    return None
