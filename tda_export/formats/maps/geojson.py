"""GeoJSON (RFC 7946) map layers, as a FeatureCollection or an RFC 8142 text sequence.

Each layer (``presence``, ``events``, ``places``) is its own file of one geometry type, so
QGIS opens it as one layer: the representative Points (``geometry="point"``, the default
for events and places) or the uncertainty areas as MultiPolygons (``"area"``, the default
for presence). Lon/lat, no ``crs`` member, 6 decimals, right-hand-rule winding. Features
are written one per line as they are produced; keys are sorted.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import IO, TYPE_CHECKING

from tda_export.formats.maps.mapping import (
    FIELDS,
    LAYERS,
    Geometry,
    Layer,
    MapFeature,
    layer_features,
)
from tda_export.formats.maps.shapes import Detail, Polygon, ShapeCache

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
#: Property keys holding floats, per layer: written as Python's ``repr`` (``1e-05``, as
#: ``json.dumps`` does), which msgspec would write ``0.00001``.
_FLOAT_KEYS = {
    layer: [k for k, kind in fields if kind == "double"] for layer, fields in FIELDS.items()
}


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


def _coordinates(ring: tuple[tuple[float, float], ...]) -> str:
    return ",".join(f"[{lon!r},{lat!r}]" for lon, lat in ring)


def area_json(polygons: tuple[Polygon, ...]) -> str:
    """A GeoJSON MultiPolygon (floats as ``repr``, as ``json.dumps`` writes them)."""
    parts = ",".join("[" + ",".join(f"[{_coordinates(r)}]" for r in p) + "]" for p in polygons)
    return f'{{"coordinates":[{parts}],"type":"MultiPolygon"}}'


def point_json(point: tuple[float, float]) -> str:
    """A GeoJSON Point."""
    return f'{{"coordinates":[{point[0]!r},{point[1]!r}],"type":"Point"}}'


def geojson_lines(features: Iterator[MapFeature], geometry: Geometry = "area") -> Iterator[str]:
    """Serialize features one by one; a geometry recurring within a country is done once.

    The features come grouped by country (every layer's order), and no shape is shared
    across countries, so the geometries kept are those of one country at most.

    Yields
    ------
    str
        Each feature as compact JSON with sorted keys (the same text as ``json.dumps`` of
        the Feature with ``sort_keys=True`` and ``ensure_ascii=False``), without a line end.
    """
    import msgspec

    encode = msgspec.json.Encoder(order="sorted").encode
    raw = msgspec.Raw
    done: dict[str, msgspec.Raw] = {}
    country = None
    for feature in features:
        shape = feature.shape
        if feature.country != country:
            done.clear()
            country = feature.country
        text = done.get(shape.key)
        if text is None:
            json = point_json(shape.point) if geometry == "point" else area_json(shape.polygons)
            text = done[shape.key] = raw(json.encode())
        props: Mapping[str, object] = feature.properties
        for key in _FLOAT_KEYS[feature.layer]:
            if props[key] is not None:
                props = {**props, key: raw(repr(props[key]).encode())}
        line = {"geometry": text, "id": feature.key, "properties": props, "type": "Feature"}
        yield encode(line).decode()


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
