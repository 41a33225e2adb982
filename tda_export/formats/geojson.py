"""GeoJSON (RFC 7946) map layers, as a FeatureCollection or an RFC 8142 text sequence.

Each layer (``presence``, ``events``, ``places``) is its own file of one geometry type, so
QGIS opens it as one layer: the representative Points (``geometry="point"``, the default
for events and places) or the uncertainty areas as MultiPolygons (``"area"``, the default
for presence). Lon/lat, no ``crs`` member, 6 decimals, right-hand-rule winding. Features
are written one per line as they are produced; keys are sorted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from typing import IO, TYPE_CHECKING, Any

from tda_export.formats.mapping import (
    GEOMETRY_CACHE_SIZE,
    LAYERS,
    Detail,
    Geometry,
    Layer,
    MapFeature,
    Polygon,
    Shape,
    ShapeCache,
    layer_features,
)

if TYPE_CHECKING:
    from tda_export.factbase import FactBase
    from tda_export.filters import RecordFilter

__all__ = ["DEFAULT_GEOMETRY", "LAYERS", "geojson_lines", "write_geojson"]

#: The geometry each layer gets unless asked: a presence map is a map of areas; events and
#: places are points (with their precision), as analysts expect (ACLED).
DEFAULT_GEOMETRY: dict[str, Geometry] = {"presence": "area", "events": "point", "places": "point"}

RS = "\x1e"
_HEADER = '{"type":"FeatureCollection","features":[\n'
_FOOTER = "]}\n"


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def layer_files() -> list[tuple[Layer, Geometry, str]]:
    """(layer, geometry, file base name) of each file ``build`` writes: both forms per layer.

    The default form has the plain name (``events``), the other a suffix
    (``events-areas``, ``presence-points``).
    """
    out: list[tuple[Layer, Geometry, str]] = []
    for layer in LAYERS:
        default = DEFAULT_GEOMETRY[layer]
        other: Geometry = "area" if default == "point" else "point"
        out.append((layer, default, layer))
        out.append((layer, other, f"{layer}-{other}s"))
    return out


def _geometry(polygons: tuple[Polygon, ...]) -> dict[str, Any]:
    return {"type": "MultiPolygon", "coordinates": polygons}


@lru_cache(maxsize=GEOMETRY_CACHE_SIZE)
def shape_json(shape: Shape) -> str:
    """The GeoJSON area of a shape; recent ones are kept (areas recur in many features)."""
    return _dumps(_geometry(shape.polygons))


def point_json(shape: Shape) -> str:
    """The GeoJSON Point of a shape (its representative point)."""
    lon, lat = shape.point
    return f'{{"coordinates":[{lon!r},{lat!r}],"type":"Point"}}'


def geojson_lines(features: Iterator[MapFeature], geometry: Geometry = "area") -> Iterator[str]:
    """Serialize features one by one; a recurring geometry is serialized once.

    Yields
    ------
    str
        Each feature as compact JSON with sorted keys (the same text as ``json.dumps`` of
        the Feature with ``sort_keys=True``), without a line end.
    """
    serialize = point_json if geometry == "point" else shape_json
    for feature in features:
        text = serialize(feature.shape)
        yield (
            f'{{"geometry":{text},"id":{_dumps(feature.key)},'
            f'"properties":{_dumps(feature.properties)},"type":"Feature"}}'
        )


def write_geojson(
    base: FactBase,
    fobj: IO[str],
    layer: str,
    record_filter: RecordFilter | None = None,
    seq: bool = False,
    geometry: Geometry | None = None,
    detail: Detail = "web",
) -> int:
    """Write one layer to the open text file ``fobj``; return the number of features.

    ``geometry`` is ``point`` or ``area`` (default: :data:`DEFAULT_GEOMETRY` of the layer);
    ``detail`` ``full`` writes areas unsimplified. ``seq`` writes an RFC 8142 sequence (each
    feature preceded by RS, ended by LF) instead of a FeatureCollection. Raises
    :class:`~tda_export.errors.UsageError` for an unknown layer.
    """
    features = layer_features(base, layer, record_filter, ShapeCache(detail))
    lines = geojson_lines(features, geometry or DEFAULT_GEOMETRY.get(layer, "area"))
    count = 0
    if seq:
        for line in lines:
            fobj.write(f"{RS}{line}\n")
            count += 1
        return count
    fobj.write(_HEADER)
    for line in lines:
        fobj.write(f",\n{line}" if count else line)
        count += 1
    fobj.write("\n" + _FOOTER if count else _FOOTER)
    return count
