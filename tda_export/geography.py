"""Country and state boundaries of the Americas (Natural Earth, public domain), and distances.

The package ships its own trimmed copy in ``tda_export/data/`` (see the README there), so
nothing outside the package is needed at run time. Country files (the country and its
subdivisions) are read when first needed, and each area made a shapely geometry when
first asked for.
"""

from __future__ import annotations

import gzip
import json
import math
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

#: Mean Earth radius (IUGG), metres: of every distance and circle the package works out.
EARTH_RADIUS_M = 6_371_008.8
#: Distance (degrees, about 2 km) within which a coastal point counts as inside its area:
#: the 1:10m coastline is generalised (downtown Miami lies 0.4 km offshore in it).
COAST_TOLERANCE_DEG = 0.02
#: Country files kept read, least recently used out. The keys are the bundled countries
#: only (53, checked before reading), never user input, so this holds every bundled area
#: at most (about 5 MB of text).
COUNTRY_CACHE_SIZE = 64


@cache
def _country_codes() -> frozenset[str]:
    """The bundled country codes (one entry: the package's own file list)."""
    folder = resources.files("tda_export.data.boundaries")
    return frozenset(
        entry.name.split(".")[0] for entry in folder.iterdir() if entry.name.endswith(".gz")
    )


@lru_cache(maxsize=COUNTRY_CACHE_SIZE)
def _country(country: str) -> dict[str, tuple[str, str]]:
    """Code -> (name, GeoJSON Feature) of a bundled country and its subdivisions.

    Each line of the file is one Feature, properties first (``scripts/make_boundaries.py``):
    only the properties are parsed here, a geometry when it is asked for (:func:`area`).
    """
    raw = resources.files("tda_export.data.boundaries").joinpath(f"{country}.geojson.gz")
    out: dict[str, tuple[str, str]] = {}
    for line in gzip.decompress(raw.read_bytes()).decode("utf-8").splitlines():
        head = line[: line.index(',"geometry":')]
        props = json.loads(head[head.index('"properties":') + 13 :])
        out.setdefault(props.get("iso_3166_2") or props["iso_a2"], (str(props["name"]), line))
    return out


def _entry(code: str) -> tuple[str, str]:
    country = code.split("-", 1)[0]
    if country not in _country_codes():
        raise KeyError(code)
    return _country(country)[code]


def country_codes() -> list[str]:
    """Every bundled country code, sorted."""
    return sorted(_country_codes())


def state_codes(country: str) -> list[str]:
    """The bundled subdivision codes of a country, sorted."""
    return sorted(code for code in _country(country) if code.startswith(country + "-"))


def has_country(code: str) -> bool:
    """True when the bundled boundaries hold this ISO 3166-1 alpha-2 country."""
    return code in _country_codes()


def has_state(code: str) -> bool:
    """True when the bundled boundaries hold this ISO 3166-2 subdivision."""
    country = code.split("-", 1)[0]
    return country in _country_codes() and code in _country(country)


def area_name(code: str) -> str:
    """Natural Earth's name of a country or subdivision code."""
    return _entry(code)[0]


def country_name(code: str) -> str:
    """The country's name from the bundled boundaries (the code when they lack it)."""
    return area_name(code) if has_country(code) else code


@cache  # bundled codes only (an unknown code raises first): 736 geometries, 7 MB, at most
def area(code: str) -> BaseGeometry:
    """The prepared shapely MultiPolygon (CCW outer rings) of a country or subdivision."""
    import shapely

    geometry = shapely.from_geojson(_entry(code)[1])
    shapely.prepare(geometry)
    return geometry


def distance_deg(code: str, lon: float, lat: float) -> float:
    """Distance in degrees from ``(lon, lat)`` to the area (0 inside)."""
    import shapely

    return float(shapely.distance(area(code), shapely.Point(lon, lat)))


def contains(code: str, lon: float, lat: float) -> bool:
    """True when the point lies in the area or within :data:`COAST_TOLERANCE_DEG` of it."""
    import shapely

    if shapely.intersects_xy(area(code), lon, lat):
        return True
    return distance_deg(code, lon, lat) <= COAST_TOLERANCE_DEG


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in metres between two lon/lat points (haversine)."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))
