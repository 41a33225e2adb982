"""KML 2.2 (and KMZ) presence map for Google Earth, GDAL and QGIS, written as a stream.

The Document holds a legend (its description), one shared Style per presence status and
event category (and one for places), and Folders ``presence``, ``events`` and ``places``,
each with one sub-Document per country holding its Schema and placemarks. simplekml builds
the Styles and Schemas; placemarks are streamed and escaped by this module (simplekml 1.3.6
leaves SimpleData unescaped, writes elements in an order the KML schema rejects, and holds
the whole document in memory; see ``docs/maps.md``).
"""

from __future__ import annotations

import html
import io
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import IO, TYPE_CHECKING, get_args

from tda_export.formats.mapping import (
    FIELDS,
    GEOMETRY_CACHE_SIZE,
    LAYERS,
    Layer,
    MapFeature,
    Polygon,
    Shape,
    ShapeCache,
    layer_features,
)
from tda_export.vocab import ClaimStatus, EventCategory

if TYPE_CHECKING:
    from tda_export.filters import RecordFilter
    from tda_export.models import FactBase

__all__ = ["placemarks", "write_kml", "write_kmz"]

TITLE = "Tren de Aragua: presence, events and places"
LAYER_TITLES: dict[Layer, str] = {"presence": "Presence", "events": "Events", "places": "Places"}
#: Properties not repeated in ExtendedData: the placemark's name, and the first and last
#: days, which the TimeSpan carries (GDAL reads it as the ``begin``/``end`` fields).
KML_SKIPPED_FIELDS = frozenset({"name", "date_start", "date_end"})
#: Fill opacity of every area and circle (``aa`` of KML's ``aabbggrr``).
FILL_ALPHA = "66"

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

KMZ_DATE_TIME = (1980, 1, 1, 0, 0, 0)

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SPECIAL = re.compile("[&<>\"'\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DRAWN = {"admin1": "the area of its state or department", "country": "the area of its country"}


# -- escaping -------------------------------------------------------------------------------
def _clean(text: str) -> str:
    """Replace characters XML 1.0 cannot hold (control characters) by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def xml_text(value: object) -> str:
    """``value`` as XML character data: ``& < >`` escaped, invalid characters replaced."""
    text = str(value)
    if _SPECIAL.search(text) is None:  # the common case: nothing to change
        return text
    return html.escape(_clean(text), quote=False)


def cdata(text: str) -> str:
    """``text`` in a CDATA section; a ``]]>`` inside is split across two sections."""
    return "<![CDATA[" + _clean(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _h(value: object) -> str:
    """``value`` escaped for HTML text and attribute values (quotes included)."""
    text = str(value)
    if _SPECIAL.search(text) is None:
        return text
    return html.escape(text, quote=True)


# -- styles, schemas and legend (built with simplekml) --------------------------------------
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
    """The shared style of a feature: by status (presence), category (events), or places."""
    if feature.layer == "presence":
        return f"presence-{feature.properties['status']}"
    if feature.layer == "events":
        return f"event-{feature.properties['category']}"
    return "place"


def _style_kml(sid: str, colour: str) -> str:
    import simplekml

    style = simplekml.Style()
    style._id = sid  # simplekml's own ids are numbers, which are not valid XML ids
    style.linestyle._id = f"{sid}-line"
    style.linestyle.color = kml_colour(colour)
    style.linestyle.width = 1.5
    style.polystyle._id = f"{sid}-poly"
    style.polystyle.color = kml_colour(colour, FILL_ALPHA)
    return str(style)


def schema_kml(layer: Layer, schema_id: str) -> str:
    """The Schema (typed fields) of a layer's ExtendedData, with the XML id ``schema_id``."""
    import simplekml

    schema = simplekml.Schema(name=layer)
    schema._id = schema_id
    for name, kind in FIELDS[layer]:
        if name not in KML_SKIPPED_FIELDS:
            schema.newsimplefield(name=name, type=kind)
    return str(schema)


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
        rows.append(f'<tr><th colspan="2" align="left">{_h(heading)}</th></tr>')
        for sid, (colour, label) in table.items():
            if sid.startswith(prefix):
                swatch = f'<td style="background-color:{colour}" width="24">&#160;</td>'
                rows.append(f"<tr>{swatch}<td>{_h(label)}</td></tr>")
    return (
        f"<h3>{_h(TITLE)}</h3>"
        "<p>Imprecise places are never drawn as pins. A place with a point is drawn as a "
        "circle of its uncertainty radius; a state, department or country, or a place "
        "without a point, is drawn as its state's or country's area (Natural Earth). "
        "Each placemark's balloon gives its date as the sources give it, its claim status, "
        "and every citation with its source and quote. Use the time slider: a year-precision "
        "date spans its year, and presence with an open end runs to no end.</p>"
        f"<table>{''.join(rows)}</table>"
    )


# -- placemarks -----------------------------------------------------------------------------
def _number(value: float) -> str:
    """The shortest text of a rounded coordinate, in fixed point (never ``5e-05``)."""
    text = repr(value)
    return f"{value:.6f}".rstrip("0") if "e" in text else text


def _coordinates(ring: tuple[tuple[float, float], ...]) -> str:
    return " ".join(f"{_number(lon)},{_number(lat)}" for lon, lat in ring)


def geometry_kml(polygons: tuple[Polygon, ...]) -> str:
    """A MultiGeometry of Polygons (outer ring, then holes)."""
    parts = []
    for polygon in polygons:
        outer, *holes = polygon
        text = (
            "<Polygon><outerBoundaryIs><LinearRing><coordinates>"
            f"{_coordinates(outer)}</coordinates></LinearRing></outerBoundaryIs>"
        )
        for hole in holes:
            text += (
                "<innerBoundaryIs><LinearRing><coordinates>"
                f"{_coordinates(hole)}</coordinates></LinearRing></innerBoundaryIs>"
            )
        parts.append(text + "</Polygon>")
    return f"<MultiGeometry>{''.join(parts)}</MultiGeometry>"


def _time_span(feature: MapFeature) -> str:
    date = feature.date
    if date is None:
        return ""
    begin = f"<begin>{date.start.isoformat()}</begin>" if date.start else ""
    end = f"<end>{date.end.isoformat()}</end>" if date.end else ""
    return f"\n  <TimeSpan>{begin}{end}</TimeSpan>"


def _place_line(feature: MapFeature) -> str:
    props, shape = feature.properties, feature.shape
    if shape.drawn_as == "circle" and props["uncertainty_m"] is None:
        drawn = f"a circle of {shape.radius_m} m around an exact point"
    elif shape.drawn_as == "circle":
        drawn = f"a circle of {shape.radius_m} m around an approximate point"
    else:
        drawn = f"{_DRAWN[shape.drawn_as]} ({shape.area_code})"
    name = props.get("place_name") or props["name"]
    return f"{_h(name)} (precision {_h(props['geo_precision'])}; drawn as {_h(drawn)})"


def balloon_html(feature: MapFeature) -> str:
    """The readable description of a placemark: facts, place, and each citation."""
    props = feature.properties
    rows = []
    if props.get("date_display") is not None:
        rows.append(("Date", f"{_h(props['date_display'])} ({_h(props['date'])})"))
    elif feature.layer == "presence":
        rows.append(("Date", "not dated by the sources"))
    for key, label in (
        ("status", "Status"),
        ("category", "Category"),
        ("activities", "Activities"),
        ("kind", "Kind"),
        ("actors", "Actors"),
    ):
        if props.get(key) is not None:
            rows.append((label, _h(props[key])))
    rows.append(("Place", _place_line(feature)))
    table = "".join(f'<tr><th align="left">{k}</th><td>{v}</td></tr>' for k, v in rows)
    parts = [f"<h3>{_h(feature.name)}</h3>"]
    if props.get("summary") is not None:
        parts.append(f"<p>{_h(props['summary'])}</p>")
    parts.append(f"<table>{table}</table>")
    if props.get("note") is not None:
        parts.append(f"<p><i>Note: {_h(props['note'])}</i></p>")
    items = []
    for quote in feature.quotes:
        label = _h(quote.label)
        if quote.url:
            label = f'<a href="{_h(quote.url)}">{label}</a>'
        item = f"<b>{label}</b> [{_h(quote.source)}]<br/>\u201c{_h(quote.quote)}\u201d"
        if quote.note:
            item += f"<br/><i>{_h(quote.note)}</i>"
        items.append(f"<li>{item}</li>")
    parts.append(f"<p><b>Sources</b></p><ol>{''.join(items)}</ol>")
    return "".join(parts)


def _extended_data(feature: MapFeature, schema_id: str) -> str:
    data = "".join(
        f'<SimpleData name="{name}">{xml_text(value)}</SimpleData>'
        for name, value in feature.properties.items()
        if value is not None and name not in KML_SKIPPED_FIELDS
    )
    return f'<ExtendedData><SchemaData schemaUrl="#{schema_id}">{data}</SchemaData></ExtendedData>'


@lru_cache(maxsize=GEOMETRY_CACHE_SIZE)
def shape_kml(shape: Shape) -> str:
    """The KML geometry of a shape; recent ones are kept (areas recur in many features)."""
    return geometry_kml(shape.polygons)


def placemarks(features: Iterator[MapFeature], schema_id: str) -> Iterator[str]:
    """Serialize features as KML Placemarks; a recurring geometry is serialized once.

    Elements follow the order the KML 2.2 schema requires: name, description, TimeSpan,
    styleUrl, ExtendedData (typed by the Schema ``schema_id``), geometry. Ids are
    ``LAYER.KEY`` (valid XML ids).

    Yields
    ------
    str
        One ``<Placemark>`` element per feature, ending with a newline.
    """
    for feature in features:
        geometry = shape_kml(feature.shape)
        yield (
            f'<Placemark id="{feature.layer}.{feature.key}">\n'
            f"  <name>{xml_text(feature.name)}</name>\n"
            f"  <description>{cdata(balloon_html(feature))}</description>"
            f"{_time_span(feature)}\n"
            f"  <styleUrl>#{style_id(feature)}</styleUrl>\n"
            f"  {_extended_data(feature, schema_id)}\n"
            f"  {geometry}\n"
            "</Placemark>\n"
        )


def _country_name(code: str) -> str:
    from tda_export import geography

    return geography.area_name(code) if geography.has_country(code) else code


def _header() -> str:
    styles = "".join(f"{_style_kml(sid, c)}\n" for sid, (c, _) in style_table().items())
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<kml xmlns="http://www.opengis.net/kml/2.2">\n'
        '<Document id="tda-export">\n'
        f"<name>{xml_text(TITLE)}</name>\n"
        "<open>1</open>\n"
        f"<description>{cdata(legend_html())}</description>\n"
        f"{styles}"
    )


def write_kml(base: FactBase, fobj: IO[str], record_filter: RecordFilter | None = None) -> int:
    """Write the KML document to the open text file ``fobj``; return the number of placemarks.

    Folders come in layer order (presence, events, places); in each, one sub-Document per
    country, in code order, holds its Schema and placemarks (a Document, not a Folder, so
    that GDAL finds the Schema in a KMZ too). Placemarks are written as they are produced.
    """
    shapes = ShapeCache()
    fobj.write(_header())
    count = 0
    for layer in LAYERS:
        fobj.write(f'<Folder id="{layer}">\n<name>{LAYER_TITLES[layer]}</name>\n')
        features = layer_features(base, layer, record_filter, shapes)
        for country, group in groupby(features, key=lambda f: f.country):
            sub_id = f"{layer}-{country.lower()}"
            title = f"{LAYER_TITLES[layer]} in {_country_name(country)} ({country})"
            fobj.write(
                f'<Document id="{sub_id}">\n<name>{xml_text(title)}</name>\n'
                f"{schema_kml(layer, sub_id + '-schema')}\n"
            )
            for text in placemarks(group, sub_id + "-schema"):
                fobj.write(text)
                count += 1
            fobj.write("</Document>\n")
        fobj.write("</Folder>\n")
    fobj.write("</Document>\n</kml>\n")
    return count


def _doc_info() -> zipfile.ZipInfo:
    """The zip entry of ``doc.kml``: fixed timestamp and attributes, deflate level 1."""
    info = zipfile.ZipInfo("doc.kml", date_time=KMZ_DATE_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever the platform
    info.external_attr = 0o644 << 16
    # Deflate level 1: 13% larger than the default level, five times faster to write.
    # (ZipFile.open takes the level from the ZipInfo; Python 3.13 renames the attribute.)
    info._compresslevel = 1  # type: ignore[attr-defined]
    return info


def _write_zip(base: FactBase, raw: IO[bytes], record_filter: RecordFilter | None) -> int:
    with zipfile.ZipFile(raw, "w") as archive, archive.open(_doc_info(), "w") as member:
        buffered = io.BufferedWriter(member, buffer_size=1 << 20)
        text = io.TextIOWrapper(buffered, encoding="utf-8", newline="\n")
        count = write_kml(base, text, record_filter)
        text.flush()
        text.detach()
        buffered.flush()
        buffered.detach()
    return count


def zip_kml(kml: IO[bytes], raw: IO[bytes]) -> None:
    """Zip an already written KML file into a KMZ, byte for byte what :func:`write_kmz` makes.

    The build uses it so the KML is generated once for both files.
    """
    with zipfile.ZipFile(raw, "w") as archive, archive.open(_doc_info(), "w") as member:
        shutil.copyfileobj(kml, member, 1 << 20)


def write_kmz(
    base: FactBase, target: str | Path | IO[bytes], record_filter: RecordFilter | None = None
) -> int:
    """Write a KMZ (a zip holding ``doc.kml``) to a path or an open binary file.

    The zip is deterministic (fixed timestamp and attributes). A path is replaced
    atomically; an open file receives the finished zip. Returns the number of placemarks.
    """
    if isinstance(target, (str, Path)):
        from tda_export.output import atomic_binary

        with atomic_binary(target) as raw:
            return _write_zip(base, raw, record_filter)
    with tempfile.TemporaryFile() as spool:
        count = _write_zip(base, spool, record_filter)
        spool.seek(0)
        shutil.copyfileobj(spool, target)
    target.flush()
    return count
