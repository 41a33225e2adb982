"""QGIS layer styles (``.qml``) written beside the map layers, applied by QGIS on loading.

QGIS looks for a ``.qml`` with the data file's base name (``events.qml`` beside
``events.geojson``, ``tren-de-aragua.qml`` beside the KML and KMZ) and applies it as the
layer's default style when the layer is added. The styles:

- colour presence by claim status and events by category (the KML's colours), places in
  one colour, in a categorized renderer with a legend entry per value;
- draw a point that stands for a whole state or country (``geo_precision`` ``admin1`` or
  ``country``) as a hollow ring, an ``admin2`` point half-filled, and a precise point as a
  filled disc; areas are filled more lightly the less precise they are;
- label each feature with its ``label`` (white halo, QGIS's collision avoidance);
- preset the temporal properties (start ``date_start``, end ``date_end``; for the KML
  ``begin``/``end`` with their open ends treated as open), switched on.

Only the elements set here are written: QGIS gives everything else its defaults.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from tda_export.formats.mapping import Geometry, Layer

if TYPE_CHECKING:
    from collections.abc import Iterable

#: The QGIS version the styles were written for and checked with.
QGIS_VERSION = "3.22.16-Białowieża"
#: ``geo_precision`` values whose point stands for a whole state or country.
_WIDE = "\"geo_precision\" IN ('admin1','country')"


def _a(value: object) -> str:
    return escape(str(value), quote=True)


def _rgba(colour: str, alpha: int = 255) -> str:
    return f"{int(colour[1:3], 16)},{int(colour[3:5], 16)},{int(colour[5:7], 16)},{alpha}"


def _options(values: dict[str, str], indent: str) -> str:
    rows = "".join(
        f'{indent}  <Option name="{_a(k)}" type="QString" value="{_a(v)}"/>\n'
        for k, v in values.items()
    )
    return f'{indent}<Option type="Map">\n{rows}{indent}</Option>\n'


def _data_defined(expressions: dict[str, str], indent: str) -> str:
    """A symbol layer's data-defined properties: property name -> QGIS expression."""
    props = "".join(
        f'{indent}      <Option name="{name}" type="Map">\n'
        f'{indent}        <Option name="active" type="bool" value="true"/>\n'
        f'{indent}        <Option name="expression" type="QString" value="{_a(expr)}"/>\n'
        f'{indent}        <Option name="type" type="int" value="3"/>\n'
        f"{indent}      </Option>\n"
        for name, expr in expressions.items()
    )
    return (
        f"{indent}<data_defined_properties>\n"
        f'{indent}  <Option type="Map">\n'
        f'{indent}    <Option name="name" type="QString" value=""/>\n'
        f'{indent}    <Option name="properties" type="Map">\n{props}{indent}    </Option>\n'
        f'{indent}    <Option name="type" type="QString" value="collection"/>\n'
        f"{indent}  </Option>\n"
        f"{indent}</data_defined_properties>\n"
    )


def _marker(name: str, colour: str) -> str:
    """A disc of ``colour``: hollow ring when wide, half-filled for admin2, else filled."""
    fill = (
        f"CASE WHEN {_WIDE} THEN '{_rgba(colour, 0)}' "
        f"WHEN \"geo_precision\" = 'admin2' THEN '{_rgba(colour, 130)}' "
        f"ELSE '{_rgba(colour)}' END"
    )
    stroke = f"CASE WHEN {_WIDE} THEN '{_rgba(colour)}' ELSE '255,255,255,255' END"
    width = f"CASE WHEN {_WIDE} THEN 0.9 ELSE 0.4 END"
    size = f"CASE WHEN {_WIDE} THEN 4.2 ELSE 3.4 END"
    props = {
        "color": _rgba(colour),
        "name": "circle",
        "outline_color": "255,255,255,255",
        "outline_style": "solid",
        "outline_width": "0.4",
        "outline_width_unit": "MM",
        "size": "3.4",
        "size_unit": "MM",
    }
    expressions = {"fillColor": fill, "outlineColor": stroke, "outlineWidth": width, "size": size}
    return (
        f'      <symbol type="marker" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0">\n'
        '        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">\n'
        f"{_options(props, '          ')}"
        f"{_data_defined(expressions, '          ')}"
        "        </layer>\n"
        "      </symbol>\n"
    )


def _fill(name: str, colour: str) -> str:
    """An area of ``colour``: the less precise, the lighter the fill; outline in colour."""
    fill = (
        f"CASE WHEN \"geo_precision\" = 'country' THEN '{_rgba(colour, 35)}' "
        f"WHEN \"geo_precision\" = 'admin1' THEN '{_rgba(colour, 60)}' "
        f"ELSE '{_rgba(colour, 110)}' END"
    )
    props = {
        "color": _rgba(colour, 110),
        "outline_color": _rgba(colour),
        "outline_style": "solid",
        "outline_width": "0.4",
        "outline_width_unit": "MM",
        "style": "solid",
    }
    return (
        f'      <symbol type="fill" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0">\n'
        '        <layer class="SimpleFill" enabled="1" locked="0" pass="0">\n'
        f"{_options(props, '          ')}"
        f"{_data_defined({'fillColor': fill}, '          ')}"
        "        </layer>\n"
        "      </symbol>\n"
    )


def _categorized(attr: str, values: Iterable[tuple[str, str, str]], kind: Geometry) -> str:
    """A categorized renderer on ``attr``: (value, label, colour) per category."""
    items = list(values)
    cats = "".join(
        f'      <category value="{_a(v)}" label="{_a(label)}" symbol="{i}" render="true"/>\n'
        for i, (v, label, _) in enumerate(items)
    )
    make = _marker if kind == "point" else _fill
    symbols = "".join(make(str(i), colour) for i, (_, _, colour) in enumerate(items))
    return (
        f'  <renderer-v2 type="categorizedSymbol" attr="{_a(attr)}" forceraster="0" '
        'symbollevels="0" enableorderby="0">\n'
        f"    <categories>\n{cats}    </categories>\n"
        f"    <symbols>\n{symbols}    </symbols>\n"
        "  </renderer-v2>\n"
    )


def _labels(field: str, kind: Geometry) -> str:
    """Labels from ``field``: dark text on a white halo, beside points, inside areas."""
    placement = "6" if kind == "point" else "0"  # around the point / horizontal in the area
    return (
        '  <labeling type="simple">\n'
        '    <settings calloutType="simple">\n'
        f'      <text-style fieldName="{_a(field)}" isExpression="0" fontSize="8" '
        'fontSizeUnit="Point" textColor="30,30,30,255" fontWeight="50" namedStyle="Regular">\n'
        '        <text-buffer bufferDraw="1" bufferSize="0.8" bufferSizeUnits="MM" '
        'bufferColor="255,255,255,255" bufferOpacity="0.85" bufferNoFill="0" '
        'bufferJoinStyle="128"/>\n'
        "      </text-style>\n"
        '      <text-format wrapChar="" autoWrapLength="22" multilineAlign="3"/>\n'
        f'      <placement placement="{placement}" dist="1.2" distUnits="MM" '
        'offsetType="1" priority="5"/>\n'
        '      <rendering drawLabels="1" obstacle="1" displayAll="0" '
        'upsidedownLabels="0" labelPerPart="0" mergeLines="0" minFeatureSize="0" '
        'limitNumLabels="0" maxNumLabels="2000" scaleVisibility="0"/>\n'
        "    </settings>\n"
        "  </labeling>\n"
    )


def _temporal_fields(start: str, end: str) -> str:
    """Start and end from two DateTime fields (QGIS's own guess, switched on)."""
    return (
        f'  <temporal enabled="1" mode="2" startField="{_a(start)}" endField="{_a(end)}" '
        'limitMode="0" accumulate="0" durationField="" durationUnit="min" '
        'fixedDuration="0" startExpression="" endExpression="">\n'
        "    <fixedRange><start></start><end></end></fixedRange>\n"
        "  </temporal>\n"
    )


def _temporal_open(start: str, end: str) -> str:
    """Start and end from expressions that read a missing start or end as open.

    GDAL 3.6 fails comparing a null DateTime (the KML's open ends): expressions are
    evaluated by QGIS itself, not translated for GDAL.
    """
    start_expr = f'coalesce("{start}", make_datetime(1,1,1,0,0,0))'
    end_expr = f'coalesce("{end}", make_datetime(9999,12,31,23,59,59))'
    return (
        f'  <temporal enabled="1" mode="4" startField="" endField="" '
        f'startExpression="{_a(start_expr)}" endExpression="{_a(end_expr)}" '
        'limitMode="0" accumulate="0" durationField="" durationUnit="min" fixedDuration="0">\n'
        "    <fixedRange><start></start><end></end></fixedRange>\n"
        "  </temporal>\n"
    )


def _document(body: str, labels: bool) -> str:
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        f'<qgis version="{_a(QGIS_VERSION)}" styleCategories="AllStyleCategories" '
        f'labelsEnabled="{int(labels)}" hasScaleBasedVisibilityFlag="0" '
        'maxScale="0" minScale="100000000">\n'
        f"{body}"
        "</qgis>\n"
    )


def layer_categories(layer: Layer) -> tuple[str, list[tuple[str, str, str]]]:
    """The field a layer is coloured by and its (value, legend label, colour) categories."""
    from typing import get_args

    from tda_export.formats.kmlstyle import (
        CATEGORY_COLOURS,
        OTHER_COLOUR,
        PLACE_COLOUR,
        STATUS_COLOURS,
    )
    from tda_export.vocab import ClaimStatus, EventCategory

    if layer == "presence":
        return "status", [
            (s, s, STATUS_COLOURS.get(s, OTHER_COLOUR)) for s in get_args(ClaimStatus)
        ]
    if layer == "events":
        return "category", [
            (c, c.replace("-", " "), CATEGORY_COLOURS.get(c, OTHER_COLOUR))
            for c in get_args(EventCategory)
        ]
    return "geo_precision", [
        (p, p, PLACE_COLOUR) for p in ("exact", "locality", "admin2", "admin1", "country")
    ]


def layer_qml(layer: Layer, geometry: Geometry) -> str:
    """The default style of one GeoJSON layer (points or areas)."""
    attr, categories = layer_categories(layer)
    body = _categorized(attr, categories, geometry) + _labels("label", geometry)
    if layer != "places":
        body += _temporal_fields("date_start", "date_end")
    return _document(body, labels=True)


def kml_qml() -> str:
    """The default style QGIS applies to every layer of the KML and KMZ: time and labels.

    The KML's own styles (icons, colours) stay Google Earth's; in QGIS this file presets
    the time controller on the TimeSpan's ``begin``/``end`` (open ends stay open) and
    labels the placemarks by their name.
    """
    return _document(_labels("Name", "point") + _temporal_open("begin", "end"), labels=True)
