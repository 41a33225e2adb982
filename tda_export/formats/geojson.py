"""GeoJSON (RFC 7946) map layers, as a FeatureCollection or an RFC 8142 text sequence.

Each layer (``presence``, ``events``, ``places``) is its own file of MultiPolygons, so QGIS
opens it as one layer: lon/lat, no ``crs`` member, 6 decimals, right-hand-rule winding.
Features are written one per line as they are produced; keys are sorted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from typing import IO, TYPE_CHECKING, Any

from tda_export.formats.mapping import (
    GEOMETRY_CACHE_SIZE,
    LAYERS,
    MapFeature,
    Polygon,
    Shape,
    ShapeCache,
    layer_features,
)

if TYPE_CHECKING:
    from tda_export.filters import RecordFilter
    from tda_export.models import FactBase

__all__ = ["LAYERS", "feature_dict", "geojson_lines", "write_geojson"]

RS = "\x1e"
_HEADER = '{"type":"FeatureCollection","features":[\n'
_FOOTER = "]}\n"


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _geometry(polygons: tuple[Polygon, ...]) -> dict[str, Any]:
    return {"type": "MultiPolygon", "coordinates": polygons}


@lru_cache(maxsize=GEOMETRY_CACHE_SIZE)
def shape_json(shape: Shape) -> str:
    """The GeoJSON geometry of a shape; recent ones are kept (areas recur in many features)."""
    return _dumps(_geometry(shape.polygons))


def feature_dict(feature: MapFeature) -> dict[str, Any]:
    """The GeoJSON Feature of a map feature, as a plain dict."""
    return {
        "type": "Feature",
        "id": feature.key,
        "geometry": _geometry(feature.shape.polygons),
        "properties": feature.properties,
    }


def geojson_lines(features: Iterator[MapFeature]) -> Iterator[str]:
    """Serialize features one by one; a recurring geometry is serialized once.

    Yields
    ------
    str
        Each feature as compact JSON with sorted keys (the same text as ``json.dumps`` of
        :func:`feature_dict` with ``sort_keys=True``), without a line end.
    """
    for feature in features:
        geometry = shape_json(feature.shape)
        yield (
            f'{{"geometry":{geometry},"id":{_dumps(feature.key)},'
            f'"properties":{_dumps(feature.properties)},"type":"Feature"}}'
        )


def write_geojson(
    base: FactBase,
    fobj: IO[str],
    layer: str,
    record_filter: RecordFilter | None = None,
    seq: bool = False,
) -> int:
    """Write one layer to the open text file ``fobj``; return the number of features.

    ``seq`` writes an RFC 8142 sequence (each feature preceded by RS, ended by LF) instead of
    a FeatureCollection. Raises :class:`~tda_export.errors.UsageError` for an unknown layer.
    """
    lines = geojson_lines(layer_features(base, layer, record_filter, ShapeCache()))
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
