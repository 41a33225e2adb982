"""GeoJSON (RFC 7946) map layers, as a FeatureCollection or an RFC 8142 text sequence.

Each layer (``presence``, ``events``, ``places``) is its own file of one geometry type, so
QGIS opens it as one layer: the representative Points (``geometry="point"``, the default
for events and places) or the uncertainty areas as MultiPolygons (``"area"``, the default
for presence). Lon/lat, no ``crs`` member, 6 decimals, right-hand-rule winding. Features
are written one per line as they are produced; keys are sorted.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, TYPE_CHECKING

from tda_export.formats.maps.context import MapContext, with_geometry
from tda_export.formats.maps.mapping import LAYERS, Layer, MapFeature
from tda_export.formats.maps.shapes import Detail, Geometry

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


def geojson_lines(features: Iterator[MapFeature], geometry: Geometry = "area") -> Iterator[str]:
    """Serialize features one by one through msgspec (keys sorted, floats as msgspec
    writes them); a geometry recurring within a country is encoded once.

    Yields
    ------
    str
        Each feature as compact JSON, without a line end.
    """
    import msgspec

    encode = msgspec.json.Encoder(order="sorted").encode
    for feature, raw in with_geometry(features, lambda shape: msgspec.Raw(shape.geojson(geometry))):
        props = feature.properties
        line = {"geometry": raw, "id": feature.key, "properties": props, "type": "Feature"}
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
    features = MapContext(base, record_filter, detail).features(layer)
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
