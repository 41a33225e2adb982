"""What every KML document shares: escaping, colours, styles, Schemas and the legend.

Styles are one StyleMap (normal and highlight Styles: icon, label, outline, fill and
balloon) per presence status, event category and places, each also in a "wide" form with a
hollow icon for points that stand for a whole state or country. Schema fields are
simplekml ``SimpleField`` elements; the Schema element around them is written here, as it
needs a fixed id (simplekml numbers its objects from a process-wide counter).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, get_args

from tda_export.formats.mapping import FIELDS, Layer
from tda_export.vocab import ClaimStatus, EventCategory

if TYPE_CHECKING:
    from tda_export.formats.mapping import MapFeature

TITLE = "Tren de Aragua: presence, events and places"
#: Properties not repeated in ExtendedData: the placemark's name, and the first and last
#: days, which the TimeSpan carries (GDAL reads it as the ``begin``/``end`` fields).
KML_SKIPPED_FIELDS = frozenset({"name", "date_start", "date_end"})
#: Fill opacity of every area and circle (``aa`` of KML's ``aabbggrr``): light, so that
#: overlapping areas and the map below stay readable.
FILL_ALPHA = "40"
#: Mapped precisions whose point stands for a whole state or country: drawn with a hollow icon.
WIDE_PRECISIONS = frozenset({"admin1", "country"})
#: Where the icons are, relative to the KML (inside the KMZ, and beside the KML in a build).
ICON_FOLDER = "icons"

STATUS_COLOURS: dict[str, str] = {
    "reported": "#d7301f",
    "alleged": "#fc8d59",
    "disputed": "#8856a7",
    "outdated": "#969696",
}
CATEGORY_COLOURS: dict[str, str] = {
    "founding": "#1f77b4",
    "imprisonment": "#8c564b",
    "escape": "#ff7f0e",
    "expansion": "#2ca02c",
    "alliance": "#17becf",
    "clash": "#d62728",
    "killing": "#7f0000",
    "kidnapping": "#e377c2",
    "extortion": "#bcbd22",
    "security-operation": "#393b79",
    "sanction": "#9467bd",
    "designation": "#637939",
    "arrest": "#843c39",
    "deportation": "#7b4173",
    "policy": "#3182bd",
    "report": "#7f7f7f",
}
PLACE_COLOUR = "#08519c"
OTHER_COLOUR = "#000000"

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: What XML character data must not hold as it is (quotes are fine there).
SPECIAL_TEXT = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: What HTML text and attribute values must not hold as it is.
_SPECIAL = re.compile("[&<>\"'\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# -- escaping -------------------------------------------------------------------------------
def clean(text: str) -> str:
    """Replace characters XML 1.0 cannot hold (control characters) by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def xml_text(value: object) -> str:
    """``value`` as XML character data: ``& < >`` escaped, invalid characters replaced."""
    text = str(value)
    if SPECIAL_TEXT.search(text) is None:  # the common case: nothing to change
        return text
    return html.escape(clean(text), quote=False)


def cdata(text: str) -> str:
    """``text`` in a CDATA section; a ``]]>`` inside is split across two sections."""
    return "<![CDATA[" + clean(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def html_text(value: object) -> str:
    """``value`` escaped for HTML text and attributes (quotes too), invalid characters replaced."""
    text = str(value)
    if _SPECIAL.search(text) is None:  # the common case: nothing to change
        return text
    return html.escape(clean(text), quote=True)


# -- styles, schemas and legend -------------------------------------------------------------
def kml_colour(rgb: str, alpha: str = "ff") -> str:
    """``#rrggbb`` as KML's ``aabbggrr``."""
    return f"{alpha}{rgb[5:7]}{rgb[3:5]}{rgb[1:3]}"


def style_table() -> dict[str, tuple[str, str]]:
    """Style id -> (colour, legend label), for every status, category and places."""
    table: dict[str, tuple[str, str]] = {}
    for status in get_args(ClaimStatus):
        table[f"presence-{status}"] = (STATUS_COLOURS.get(status, OTHER_COLOUR), status)
    for category in get_args(EventCategory):
        table[f"event-{category}"] = (CATEGORY_COLOURS.get(category, OTHER_COLOUR), category)
    table["place"] = (PLACE_COLOUR, "place")
    return table


def style_id(feature: MapFeature) -> str:
    """The shared style of a feature: by status (presence), category (events), or places.

    A point that stands for a whole state or country gets the ``-wide`` form (hollow icon).
    """
    if feature.layer == "presence":
        sid = f"presence-{feature.properties['status']}"
    elif feature.layer == "events":
        sid = f"event-{feature.properties['category']}"
    else:
        sid = "place"
    return f"{sid}-wide" if feature.shape.precision in WIDE_PRECISIONS else sid


def icon_files() -> dict[str, bytes]:
    """Every icon the styles use: ``icons/STYLE.png`` -> PNG bytes (plain and wide forms)."""
    from tda_export.formats.icons import icon_png

    files = {}
    for sid, (colour, _) in style_table().items():
        files[f"{ICON_FOLDER}/{sid}.png"] = icon_png(colour)
        files[f"{ICON_FOLDER}/{sid}-wide.png"] = icon_png(colour, hollow=True)
    return files


def style_kml(sid: str, colour: str) -> str:
    """A StyleMap ``sid`` and its normal and highlight Styles (icon, label, area, balloon)."""
    parts = []
    for key, icon_scale, label_scale in (("normal", 0.9, 0.75), ("highlight", 1.3, 1.0)):
        parts.append(
            f'<Style id="{sid}-{key}">'
            f"<IconStyle><scale>{icon_scale}</scale>"
            f"<Icon><href>{ICON_FOLDER}/{sid}.png</href></Icon>"
            '<hotSpot x="0.5" y="0.5" xunits="fraction" yunits="fraction"/></IconStyle>'
            f"<LabelStyle><scale>{label_scale}</scale></LabelStyle>"
            f"<LineStyle><color>{kml_colour(colour)}</color><width>1.5</width></LineStyle>"
            f"<PolyStyle><color>{kml_colour(colour, FILL_ALPHA)}</color></PolyStyle>"
            "<BalloonStyle><text>$[description]</text></BalloonStyle>"
            "</Style>\n"
        )
    pairs = "".join(
        f"<Pair><key>{key}</key><styleUrl>#{sid}-{key}</styleUrl></Pair>"
        for key in ("normal", "highlight")
    )
    return "".join(parts) + f'<StyleMap id="{sid}">{pairs}</StyleMap>'


def schema_kml(layer: Layer, schema_id: str) -> str:
    """The Schema (typed fields) of a layer's ExtendedData, with the XML id ``schema_id``."""
    import simplekml

    fields = "".join(
        str(simplekml.SimpleField(name, kind))
        for name, kind in FIELDS[layer]
        if name not in KML_SKIPPED_FIELDS
    )
    return f'<Schema name="{layer}" id="{schema_id}">{fields}</Schema>'


def legend_html() -> str:
    """The document description: colour key and how places are drawn."""
    rows = []
    groups = (
        ("Presence, by claim status", "presence-"),
        ("Events, by category", "event-"),
        ("Places", "place"),
    )
    table = style_table()
    for heading, prefix in groups:
        rows.append(f'<tr><th colspan="2" align="left">{html_text(heading)}</th></tr>')
        for sid, (colour, label) in table.items():
            if sid.startswith(prefix):
                swatch = f'<td style="background-color:{colour}" width="24">&#160;</td>'
                rows.append(f"<tr>{swatch}<td>{html_text(label)}</td></tr>")
    return (
        f"<h3>{html_text(TITLE)}</h3>"
        "<p>Every record is an icon at a point, with the area it may lie in. A place with "
        "its own point has a circle of its uncertainty radius around it; a state, "
        "department or country is outlined (Natural Earth). A hollow icon stands for a "
        "whole state or country: the record is known no more precisely than that. "
        "Each balloon gives the date as the sources give it, the claim status, and every "
        "citation with its publisher, title and quote. Use the time slider: a "
        "year-precision date spans its year, and presence with an open end runs to no "
        "end.</p>"
        f"<table>{''.join(rows)}</table>"
    )
