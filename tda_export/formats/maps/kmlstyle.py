"""What every KML document shares: escaping, colours, styles, Schemas and the legend.

Styles are one StyleMap (normal and highlight Styles: icon, label, outline, fill and
balloon) per presence status, event group and places, in the colours of the one palette
(:mod:`.palette`), each also in a "wide" form with a hollow icon for points that stand for
a whole state or country. The icons (shipped PNGs, ``scripts/make_icons.py``) are files
inside the KMZ; a plain KML names none (it must not point at files that are not beside
it): clients draw their own default icon.
Schema fields are simplekml ``SimpleField`` elements; the Schema element around them is
written here, as it needs a fixed id (simplekml numbers its objects from a process-wide
counter).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, get_args

from tda_export.formats.maps.mapping import FIELDS, Layer
from tda_export.vocab import ClaimStatus

if TYPE_CHECKING:
    from tda_export.formats.maps.mapping import MapFeature

TITLE = "Tren de Aragua: presence, events and places"
#: Properties not repeated in ExtendedData: the label, which is the placemark's name.
KML_SKIPPED_FIELDS = frozenset({"label"})
#: Properties named otherwise in ExtendedData: GDAL matches field names regardless of case,
#: so a ``name`` field would be read into its own ``Name`` (the placemark's name).
KML_FIELD_NAMES = {"name": "title"}
#: Fill opacity of every area and circle (``aa`` of KML's ``aabbggrr``): light, so that
#: overlapping areas and the map below stay readable.
FILL_ALPHA = "40"
#: Mapped precisions whose point stands for a whole state or country: drawn with a hollow icon.
WIDE_PRECISIONS = frozenset({"admin1", "country"})
#: Where the icons are, relative to the KMZ's ``doc.kml``.
ICON_FOLDER = "icons"

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
    return f"{alpha}{rgb[5:7]}{rgb[3:5]}{rgb[1:3]}".lower()


def group_key(group: str) -> str:
    """An event group as a style id part: ``State response`` -> ``state-response``."""
    return group.lower().replace(" ", "-")


def style_table() -> dict[str, tuple[str, str]]:
    """Style id -> (colour, legend label), for every status, event group and places."""
    from tda_export.formats.maps import palette

    table: dict[str, tuple[str, str]] = {}
    for status in get_args(ClaimStatus):
        colour = palette.STATUS_COLOURS.get(status, palette.OTHER_COLOUR)
        table[f"presence-{status}"] = (colour, status)
    for group, categories in palette.group_categories().items():
        words = ", ".join(c.replace("-", " ") for c in categories)
        colour = palette.GROUP_COLOURS.get(group, palette.OTHER_COLOUR)
        table[f"event-{group_key(group)}"] = (colour, f"{group}: {words}")
    table["place"] = (palette.PLACE_COLOUR, "place")
    return table


def style_id(feature: MapFeature) -> str:
    """The shared style of a feature: by status (presence), group (events), or places.

    A point that stands for a whole state or country gets the ``-wide`` form (hollow icon).
    """
    from tda_export.formats.maps.palette import group_of

    if feature.layer == "presence":
        sid = f"presence-{feature.properties['status']}"
    elif feature.layer == "events":
        sid = f"event-{group_key(group_of(str(feature.properties['category'])))}"
    else:
        sid = "place"
    return f"{sid}-wide" if feature.shape.precision in WIDE_PRECISIONS else sid


def icon_files() -> dict[str, bytes]:
    """Every icon the styles use: ``icons/STYLE.png`` -> PNG bytes (plain and wide forms),
    as shipped in ``tda_export/data/icons`` (``scripts/make_icons.py``)."""
    from importlib import resources

    folder = resources.files("tda_export.data").joinpath(ICON_FOLDER)
    return {
        f"{ICON_FOLDER}/{sid}{form}.png": folder.joinpath(f"{sid}{form}.png").read_bytes()
        for sid in style_table()
        for form in ("", "-wide")
    }


def style_kml(sid: str, colour: str, icons: bool = False) -> str:
    """A StyleMap ``sid`` and its normal and highlight Styles (icon, label, area, balloon).

    With ``icons`` the IconStyle names ``icons/STYLE.png`` (the KMZ holds it); without, it
    names no file and each client draws its default icon.
    """
    parts = []
    icon = f"<Icon><href>{ICON_FOLDER}/{sid}.png</href></Icon>" if icons else ""
    for key, icon_scale, label_scale in (("normal", 0.9, 0.75), ("highlight", 1.3, 1.0)):
        parts.append(
            f'<Style id="{sid}-{key}">'
            f"<IconStyle><scale>{icon_scale}</scale>{icon}"
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


def styles_kml(icons: bool = False) -> str:
    """Every StyleMap of the document, plain and wide forms, one per line."""
    return "".join(
        f"{style_kml(f'{sid}{form}', colour, icons)}\n"
        for sid, (colour, _) in style_table().items()
        for form in ("", "-wide")
    )


def schema_kml(layer: Layer, schema_id: str) -> str:
    """The Schema (typed fields) of a layer's ExtendedData, with the XML id ``schema_id``."""
    import simplekml

    fields = "".join(
        str(simplekml.SimpleField(KML_FIELD_NAMES.get(name, name), kind))
        for name, kind in FIELDS[layer]
        if name not in KML_SKIPPED_FIELDS
    )
    return f'<Schema name="{layer}" id="{schema_id}">{fields}</Schema>'


def legend_html(icons: bool = False) -> str:
    """The document description: colour key, how places are drawn, the layers."""
    rows = []
    groups = (
        ("Presence, by claim status", "presence-"),
        ("Events, by group of categories", "event-"),
        ("Places", "place"),
    )
    table = style_table()
    for heading, prefix in groups:
        rows.append(f'<tr><th colspan="2" align="left">{html_text(heading)}</th></tr>')
        for sid, (colour, label) in table.items():
            if sid.startswith(prefix):
                swatch = f'<td style="background-color:{colour}" width="24">&#160;</td>'
                rows.append(f"<tr>{swatch}<td>{html_text(label)}</td></tr>")
    icon_words = (
        "A disc icon marks a site or a town; a hollow icon stands for a whole state or "
        "country: the record is known no more precisely than that. "
        if icons
        else "This KML names no icon files (open the KMZ for the drawn icons: a disc for a "
        "site or a town, a hollow ring for a record known only to a state or country). "
    )
    return (
        f"<h3>{html_text(TITLE)}</h3>"
        "<p>Every record is a point placemark (its icon and label) and, where it has one, "
        "an area placemark: the circle of its uncertainty radius around a place's own "
        "point, or the outline of a state, department or country (Natural Earth) on that "
        "area's own record. Each kind has its points and its areas in two folders. "
        f"{icon_words}"
        "Each balloon gives the date as the sources give it, the claim status, and every "
        "citation with its publisher, title and quote. Use the time slider: a "
        "year-precision date spans its year, and presence with an open end runs to no "
        "end.</p>"
        f"<table>{''.join(rows)}</table>"
    )
