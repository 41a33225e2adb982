"""Rebuild tda_export/data/areas/*.json.gz: how the maps draw each bundled area.

For every bundled country and state (``scripts/make_boundaries.py``), the values the map
layers use for a place drawn as that area:

- ``point``: the point that stands for it, shapely's ``point_on_surface`` of its largest
  part as drawn, 6 decimals;
- ``radius_m``: the radius around that point that holds the whole drawn area, rounded up
  to a km (haversine to every vertex);
- ``outline``: the area as drawn, clipped at 180° and without far islands, simplified for
  the web (``CC.web.json.gz``) or as bundled (``CC.full.json.gz``), as GeoJSON
  MultiPolygon coordinates: outer rings counter-clockwise, holes clockwise, 6 decimals
  (RFC 7946), written by msgspec as the GeoJSON export writes them; and as the web pages
  draw it (``CC.page.json.gz``: :func:`~tda_export.formats.pages.webmap.web_geometry`).

These took most of a build (a haversine to every vertex, a nearest-point search per
island) and only change with the bundled boundaries or the choices below, so they are
shipped, three files per country (a run reads the countries it draws, at the detail it
draws); ``tests/test_areas.py`` checks they are what this script makes. Run from the
project root: ``python scripts/make_areas.py``.
"""

from __future__ import annotations

import gzip
import math
from pathlib import Path
from typing import Any

import msgspec
import shapely
from shapely.geometry.base import BaseGeometry

from tda_export import geography
from tda_export.formats.maps.shapes import clipped_area, rounded
from tda_export.formats.pages.webmap import AREA_DECIMALS, AREA_TOLERANCE_DEG, web_geometry

TARGET = Path("tda_export/data/areas")
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
#: Planar distance (degrees) within which a part is surely within :data:`OUTLYING_M`: a
#: great circle is never longer than a walk along a meridian and a parallel, at most
#: ``R * (|dlon| + |dlat|) <= R * sqrt(2) * d``.
_SURELY_NEAR_DEG = math.degrees(OUTLYING_M / (geography.EARTH_RADIUS_M * math.sqrt(2)))


def polygon_parts(geometry: BaseGeometry) -> list[BaseGeometry]:
    """The non-empty polygons of a Polygon, MultiPolygon or collection, in order."""
    parts = shapely.get_parts(geometry)
    while (shapely.get_type_id(parts) >= 4).any():  # multi-parts and collections
        parts = shapely.get_parts(parts)
    keep = (shapely.get_type_id(parts) == 3) & ~shapely.is_empty(parts)
    return list(parts[keep])


def _near(part: BaseGeometry, land: BaseGeometry) -> bool:
    """True when ``part`` lies within :data:`OUTLYING_M` of ``land`` (nearest points)."""
    from shapely.ops import nearest_points

    if shapely.dwithin(part, land, _SURELY_NEAR_DEG):
        return True
    a, b = nearest_points(part, land)
    return geography.distance_m((a.x, a.y), (b.x, b.y)) <= OUTLYING_M


def drawn_area(code: str) -> BaseGeometry:
    """The area as the map layers draw it: clipped at 180°, without far islands.

    Islands farther than :data:`OUTLYING_M` from the area's main land (its parts of at
    least :data:`MAIN_PART_SHARE` of the largest) are left out: Hawaii and the outer
    Aleutians, Galápagos, Easter Island, so that a layer's extent stays on the Americas'
    land. (The web pages' base map keeps them: it is geography, not a record's area.)
    """
    geometry = clipped_area(code)
    parts = polygon_parts(geometry)
    sizes = shapely.area(parts)
    main = sizes >= MAIN_PART_SHARE * sizes.max()
    if main.all():
        return geometry
    land = shapely.union_all([p for p, m in zip(parts, main, strict=True) if m])
    shapely.prepare(land)
    kept = [p for p, m in zip(parts, main, strict=True) if m or _near(p, land)]
    return shapely.multipolygons(kept) if len(kept) < len(parts) else geometry


def outline(geometry: BaseGeometry) -> list[Any]:
    """MultiPolygon coordinates: outer rings counter-clockwise, holes clockwise, 6 decimals."""
    return [
        [[[rounded(x), rounded(y)] for x, y in ring.coords] for ring in (p.exterior, *p.interiors)]
        for p in shapely.orient_polygons(polygon_parts(geometry))
    ]


def area_values(code: str) -> dict[str, dict[str, Any]]:
    """The point, radius and outline of one bundled area, for each file kind, as shipped."""
    geometry = drawn_area(code)
    parts = polygon_parts(geometry)
    inside = shapely.point_on_surface(parts[int(shapely.area(parts).argmax())])
    point = [rounded(inside.x), rounded(inside.y)]
    farthest = max(
        geography.distance_m(point, (x, y)) for x, y in shapely.get_coordinates(geometry).tolist()
    )
    radius_m = math.ceil(farthest / 1000.0) * 1000
    simple = shapely.simplify(geometry, SIMPLIFY_TOLERANCE_DEG, preserve_topology=True)
    page = web_geometry(code, AREA_TOLERANCE_DEG, AREA_DECIMALS)
    outlines = {"web": outline(simple), "full": outline(geometry), "page": page}
    return {
        kind: {"outline": drawn, "point": point, "radius_m": radius_m}
        for kind, drawn in outlines.items()
    }


def compute() -> dict[str, bytes]:
    """File name -> gzipped JSON of each bundled country and kind: its areas by code."""
    out = {}
    for country in geography.country_codes():
        values = {code: area_values(code) for code in [country, *geography.state_codes(country)]}
        for kind in ("web", "full", "page"):
            out[f"{country}.{kind}.json.gz"] = encode(
                {code: value[kind] for code, value in values.items()}
            )
    return out


def encode(data: dict[str, Any]) -> bytes:
    """Deterministic gzipped JSON, keys sorted, floats as msgspec writes them (no file name
    or time in the gzip header)."""
    text = msgspec.json.encode(data, order="sorted")
    return gzip.compress(text, compresslevel=9, mtime=0)


def main() -> None:
    """Write one file per bundled country, replacing what was there."""
    TARGET.mkdir(parents=True, exist_ok=True)
    for old in TARGET.glob("*.json.gz"):
        old.unlink()
    files = compute()
    for name, data in files.items():
        (TARGET / name).write_bytes(data)
    size = sum(len(data) for data in files.values())
    print(f"wrote {len(files)} files ({size:,} bytes) in {TARGET}")


if __name__ == "__main__":
    main()
