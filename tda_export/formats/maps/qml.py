"""QGIS layer styles (``.qml``) written beside the map layers, applied by QGIS on loading.

QGIS looks for a ``.qml`` with the data file's base name (``events.qml`` beside
``events.geojson``, ``tren-de-aragua.qml`` beside the KML and KMZ) and applies it as the
layer's default style when the layer is added. The styles:

- colour presence by claim status, events by group and places in one colour (the one
  palette, :mod:`.palette`), in a rule-based renderer whose legend says what each shape
  means: under each colour, a filled disc for a site or town, a half-filled disc near a
  point, a hollow ring for a point known only to a state or country; areas lighter the
  larger they are (circle, state, country);
- label each feature with its ``label`` (white halo, QGIS's collision avoidance);
- preset the temporal properties (start ``date_start``, end ``date_end``; for the KML
  ``begin``/``end`` with their open ends treated as open), switched on.

Only the elements set here are written: QGIS gives everything else its defaults.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from tda_export.formats.maps.mapping import Layer
from tda_export.formats.maps.palette import HALO_COLOUR, LABEL_COLOUR, OUTLINE_COLOUR
from tda_export.formats.maps.shapes import Geometry

if TYPE_CHECKING:
    from collections.abc import Iterable

#: The QGIS version the styles were written for and checked with.
QGIS_VERSION = "3.22.16-Białowieża"
#: Fill opacity (of 255) of each kind of area: the larger, the lighter.
_AREA_ALPHA = {"circle": 110, "admin1": 60, "country": 35}
#: The places legend: (geo_precision, words, shape, size in mm), finest first.
_PLACE_POINTS = (
    ("exact", "a site (exact point)", "precise", 2.6),
    ("locality", "a town or city", "precise", 3.4),
    ("admin2", "near a point (within its radius)", "near", 3.4),
    ("admin1", "hollow: known only to its state or department", "wide", 3.4),
    ("country", "hollow, large: known only to its country", "wide", 4.6),
)


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


def _layer(kind: str, props: dict[str, str]) -> str:
    return (
        f'        <layer class="{kind}" enabled="1" locked="0" pass="0">\n'
        f"{_options(props, '          ')}"
        "        </layer>\n"
    )


def _symbol(name: str, kind: str, layers: list[str]) -> str:
    return (
        f'      <symbol type="{kind}" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0">\n'
        f"{''.join(layers)}"
        "      </symbol>\n"
    )


def _circle(fill: str, outline: str, width: float, size: float) -> str:
    return _layer(
        "SimpleMarker",
        {
            "color": fill,
            "name": "circle",
            "outline_color": outline,
            "outline_style": "solid",
            "outline_width": str(width),
            "outline_width_unit": "MM",
            "size": str(size),
            "size_unit": "MM",
        },
    )


def _marker(name: str, colour: str, shape: str, size: float = 3.4) -> str:
    """A point of ``colour``: a filled disc (``precise``), a half-filled disc (``near``), or
    a hollow ring on a dark halo (``wide``: it stands for a whole state or country)."""
    if shape == "wide":
        layers = [
            _circle(_rgba(colour, 0), _rgba(OUTLINE_COLOUR, 220), 1.2, size + 0.8),
            _circle(_rgba(colour, 0), _rgba(colour), 0.7, size + 0.8),
        ]
    elif shape == "near":
        layers = [_circle(_rgba(colour, 120), _rgba(colour), 0.6, size)]
    else:
        layers = [_circle(_rgba(colour), _rgba(OUTLINE_COLOUR, 220), 0.3, size)]
    return _symbol(name, "marker", layers)


def _fill(name: str, colour: str, alpha: int) -> str:
    """An area of ``colour``, filled with ``alpha`` (lighter the less precise), outlined."""
    props = {
        "color": _rgba(colour, alpha),
        "outline_color": _rgba(colour),
        "outline_style": "solid",
        "outline_width": "0.4",
        "outline_width_unit": "MM",
        "style": "solid",
    }
    return _symbol(name, "fill", [_layer("SimpleFill", props)])


Rule = tuple[str, str, str, str | None]
"""(key, legend label, filter expression, symbol) of one rule; ``None``: a heading rule."""


def _quoted(values: Iterable[str]) -> str:
    return ",".join(f"'{v}'" for v in values)


def _rules(layer: Layer, geometry: Geometry) -> list[tuple[Rule, list[Rule]]]:
    """The legend of a layer: a heading per colour, a rule per precision under it.

    Presence by claim status, events by group, places in one colour; points by how
    precisely they are known (:data:`~.palette.PRECISION_CLASSES`: filled, half-filled,
    hollow), areas by what they are (:data:`~.palette.AREA_CLASSES`, lighter the larger).
    """
    from typing import get_args

    from tda_export.formats.maps import palette
    from tda_export.vocab import ClaimStatus

    colours: list[tuple[str, str, str, str]]  # key, label, filter, colour
    if layer == "presence":
        colours = [
            (s, s, f"\"status\" = '{s}'", palette.STATUS_COLOURS.get(s, palette.OTHER_COLOUR))
            for s in get_args(ClaimStatus)
        ]
    elif layer == "events":
        colours = [
            (
                group.lower().replace(" ", "-"),
                group,
                f'"category" IN ({_quoted(cats)})',
                palette.GROUP_COLOURS.get(group, palette.OTHER_COLOUR),
            )
            for group, cats in palette.group_categories().items()
        ]
    else:
        return [(("places", "places", "", None), _place_rules(geometry))]
    out = []
    for key, label, where, colour in colours:
        children: list[Rule]
        if geometry == "point":
            children = [
                (
                    f"{key}-{cls}",
                    words,
                    f'"geo_precision" IN ({_quoted(values)})',
                    _marker("@", colour, cls),
                )
                for cls, words, values in palette.PRECISION_CLASSES
            ]
        else:
            children = [
                (
                    f"{key}-{drawn}",
                    words,
                    f"\"drawn_as\" = '{drawn}'",
                    _fill("@", colour, _AREA_ALPHA[drawn]),
                )
                for drawn, words in palette.AREA_CLASSES
            ]
        head: Rule = (key, label, where, None)
        out.append((head, children))
    if layer == "presence":  # drawn over the status: a dashed outline or ring, in the legend
        out.append(((UNDATED_KEY, UNDATED_LABEL, '"date" IS NULL', _undated(geometry)), []))
    return out


UNDATED_KEY = "presence-undated"
UNDATED_LABEL = "dashed: undated by the sources, so shown on every date"


def _undated(geometry: Geometry) -> str:
    """The mark of a presence record without a period: a dark dashed outline (areas) or
    ring (points) over its status colour, so that on a chosen date of QGIS's time
    controller it does not read as a presence of that day."""
    dashed = {"outline_color": _rgba(OUTLINE_COLOUR, 210), "outline_style": "dash",
              "outline_width": "0.4", "outline_width_unit": "MM"}  # fmt: skip
    if geometry == "point":
        ring = {"color": _rgba(OUTLINE_COLOUR, 0), "name": "circle", "size": "5.6",
                "size_unit": "MM", **dashed}  # fmt: skip
        return _symbol("@", "marker", [_layer("SimpleMarker", ring)])
    return _symbol(
        "@",
        "fill",
        [_layer("SimpleFill", {"color": _rgba(OUTLINE_COLOUR, 0), "style": "no", **dashed})],
    )


def _place_rules(geometry: Geometry) -> list[Rule]:
    """Places: one colour; five precisions drawn apart (points), three kinds of area."""
    from tda_export.formats.maps.palette import AREA_CLASSES, PLACE_COLOUR

    if geometry == "area":
        return [
            (
                f"places-{drawn}",
                words,
                f"\"drawn_as\" = '{drawn}'",
                _fill("@", PLACE_COLOUR, _AREA_ALPHA[drawn]),
            )
            for drawn, words in AREA_CLASSES
        ]
    return [
        (
            f"places-{value}",
            words,
            f"\"geo_precision\" = '{value}'",
            _marker("@", PLACE_COLOUR, shape, size),
        )
        for value, words, shape, size in _PLACE_POINTS
    ]


def _rule_renderer(rules: list[tuple[Rule, list[Rule]]]) -> str:
    """A rule-based renderer: headings with their rules, each rule with its own symbol."""
    symbols: list[str] = []

    def rule(item: Rule, inner: str = "") -> str:
        key, label, where, symbol = item
        attrs = f'key="{_a(key)}" label="{_a(label)}"'
        if where:
            attrs += f' filter="{_a(where)}"'
        if symbol is not None:
            attrs += f' symbol="{len(symbols)}"'
            symbols.append(symbol.replace('name="@"', f'name="{len(symbols)}"', 1))
        if not inner:
            return f"      <rule {attrs}/>\n"
        return f"      <rule {attrs}>\n{inner}      </rule>\n"

    body = "".join(
        rule(head, "".join(rule(child) for child in children)) for head, children in rules
    )
    return (
        '  <renderer-v2 type="RuleRenderer" forceraster="0" symbollevels="0" '
        'enableorderby="0">\n'
        f'    <rules key="root">\n{body}    </rules>\n'
        f"    <symbols>\n{''.join(symbols)}    </symbols>\n"
        "  </renderer-v2>\n"
    )


def _labels(field: str, kind: Geometry) -> str:
    """Labels from ``field``: dark text on a white halo, beside points, inside areas."""
    placement = "6" if kind == "point" else "0"  # around the point / horizontal in the area
    return (
        '  <labeling type="simple">\n'
        '    <settings calloutType="simple">\n'
        f'      <text-style fieldName="{_a(field)}" isExpression="0" fontSize="8" '
        f'fontSizeUnit="Point" textColor="{_rgba(LABEL_COLOUR)}" fontWeight="50" '
        'namedStyle="Regular">\n'
        '        <text-buffer bufferDraw="1" bufferSize="0.8" bufferSizeUnits="MM" '
        f'bufferColor="{_rgba(HALO_COLOUR)}" bufferOpacity="0.85" bufferNoFill="0" '
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


def layer_qml(layer: Layer, geometry: Geometry) -> str:
    """The default style of one GeoJSON layer (points or areas)."""
    body = _rule_renderer(_rules(layer, geometry)) + _labels("label", geometry)
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
