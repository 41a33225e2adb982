"""KML 2.2 (and KMZ) presence map for Google Earth, GDAL and QGIS, written as a stream.

The Document holds a legend (its description), a LookAt framing the data, one StyleMap
(normal and highlight Styles, with an icon and a BalloonStyle) per presence status, event
category and places, each also in a "wide" form for points that stand for a whole state or
country, and Folders ``presence``, ``events`` and ``places``, each with one sub-Document per
country holding its Schema and placemarks. Every placemark has a Point (icon and label) and,
where it has one of its own, its area outline. simplekml builds the Schemas; everything
else is streamed and escaped by this module (simplekml 1.3.6 leaves SimpleData unescaped,
writes elements in an order the KML schema rejects, and holds the whole document in
memory; see ``docs/maps.md``).
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
    Detail,
    Layer,
    MapFeature,
    Polygon,
    Position,
    Shape,
    ShapeCache,
    distance_m,
    layer_features,
)
from tda_export.vocab import ClaimStatus, EventCategory

if TYPE_CHECKING:
    from tda_export.factbase import FactBase
    from tda_export.filters import RecordFilter

__all__ = ["icon_files", "placemarks", "write_kml", "write_kmz"]

TITLE = "Tren de Aragua: presence, events and places"
LAYER_TITLES: dict[Layer, str] = {"presence": "Presence", "events": "Events", "places": "Places"}
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
#: Smallest LookAt range (m), so that a single place is not looked at from a metre away.
MIN_LOOKAT_RANGE_M = 50_000

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
_PRECISION_WORDS = {
    "exact": "exact point",
    "locality": "the town or city, within about {km} km of the point",
    "admin2": "within about {km} km of the point",
    "admin1": "somewhere in {area}, not located further",
    "country": "somewhere in {area}, not located further",
}


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


def _style_kml(sid: str, colour: str) -> str:
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


# -- placemarks -----------------------------------------------------------------------------
def _number(value: float) -> str:
    """The shortest text of a rounded coordinate, in fixed point (never ``5e-05``)."""
    text = repr(value)
    return f"{value:.6f}".rstrip("0") if "e" in text else text


def _coordinates(ring: tuple[tuple[float, float], ...]) -> str:
    return " ".join(f"{_number(lon)},{_number(lat)}" for lon, lat in ring)


def point_kml(point: Position) -> str:
    """A KML Point."""
    lon, lat = point
    return f"<Point><coordinates>{_number(lon)},{_number(lat)}</coordinates></Point>"


def geometry_kml(polygons: tuple[Polygon, ...], point: Position | None = None) -> str:
    """A MultiGeometry of the point (if given), then Polygons (outer ring, then holes)."""
    parts = [point_kml(point)] if point is not None else []
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
    begin = f"<begin>{date.start.isoformat()}T00:00:00</begin>" if date.start else ""
    end = f"<end>{date.end.isoformat()}T23:59:59</end>" if date.end else ""
    return f"\n  <TimeSpan>{begin}{end}</TimeSpan>"


def _where_words(feature: MapFeature) -> str:
    """Where the record is and how precisely, for a reader."""
    shape = feature.shape
    area = _h(_area_name(shape.area_code)) if shape.area_code else ""
    if shape.own_area:
        how = "the whole area, outlined"
    else:
        how = _PRECISION_WORDS[shape.precision].format(
            km=max(1, round(shape.uncertainty_m / 1000)), area=area
        )
    name = _h(feature.properties.get("place_name") or feature.properties["name"])
    return f"{name} ({how})"


def balloon_html(feature: MapFeature) -> str:
    """The readable description of a placemark: facts in words, place, each citation.

    Names, not ids; the date as a reader writes it ("20 September 2023", "since 2018"),
    the recorded EDTF form only in the data fields; every citation with its publisher,
    title and quote.
    """
    props = feature.properties
    rows = []
    if feature.date is not None:
        rows.append(("Date", _h(feature.date.words())))
    elif feature.layer == "presence":
        rows.append(("Date", "not dated by the sources"))
    for key, label in (("status", "Status"), ("category", "Category"), ("kind", "Kind")):
        if props.get(key) is not None:
            rows.append((label, _h(str(props[key]).replace("-", " "))))
    if props.get("activities") is not None:
        rows.append(("Activities", _h(props["activities"])))
    if feature.actor_names:
        rows.append(("Who", _h(", ".join(feature.actor_names))))
    rows.append(("Where", _where_words(feature)))
    if len(feature.place_names) > 1:
        rows.append(("All places", _h(", ".join(feature.place_names))))
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
        item = f"{label}<br/>\u201c{_h(quote.quote)}\u201d"
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
def shape_kml(shape: Shape, with_area: bool) -> str:
    """The KML geometry of a shape: its Point, and its area when ``with_area``.

    Recent ones are kept (areas recur in many features).
    """
    if not with_area:
        return point_kml(shape.point)
    return geometry_kml(shape.polygons, shape.point)


def has_own_area(feature: MapFeature) -> bool:
    """True when a placemark carries an area outline besides its point.

    A circle around the place's own point always; a state's or country's area only on the
    presence or place placemark of that very state or country. An event there, or a place
    merely known to lie in it, gets its point alone (a hollow icon): the outline is on the
    area's own placemark, not repeated, and the record is not drawn as if it were the area.
    """
    shape = feature.shape
    if shape.drawn_as == "circle":
        return True
    return shape.own_area and feature.layer != "events"


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
        geometry = shape_kml(feature.shape, has_own_area(feature))
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


def _area_name(code: str) -> str:
    from tda_export import geography

    return geography.area_name(code)


def look_at(points: list[Position]) -> str:
    """A LookAt from straight above the middle of the points, far enough to see them all."""
    if not points:
        return ""
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    lon, lat = (west + east) / 2, (south + north) / 2
    span = max(distance_m((west, lat), (east, lat)), distance_m((lon, south), (lon, north)))
    distance = max(MIN_LOOKAT_RANGE_M, round(span * 1.2, -3))
    return (
        f"<LookAt><longitude>{round(lon, 4)}</longitude><latitude>{round(lat, 4)}</latitude>"
        f"<altitude>0</altitude><heading>0</heading><tilt>0</tilt>"
        f"<range>{distance:.0f}</range></LookAt>\n"
    )


def _header(points: list[Position]) -> str:
    styles = "".join(
        f"{_style_kml(f'{sid}{form}', c)}\n"
        for sid, (c, _) in style_table().items()
        for form in ("", "-wide")
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<kml xmlns="http://www.opengis.net/kml/2.2">\n'
        '<Document id="tda-export">\n'
        f"<name>{xml_text(TITLE)}</name>\n"
        "<open>1</open>\n"
        f"<description>{cdata(legend_html())}</description>\n"
        f"{look_at(points)}"
        f"{styles}"
    )


def write_kml(
    base: FactBase,
    fobj: IO[str],
    record_filter: RecordFilter | None = None,
    detail: Detail = "web",
) -> int:
    """Write the KML document to the open text file ``fobj``; return the number of placemarks.

    Folders come in layer order (presence, events, places); in each, one sub-Document per
    country, in code order, holds its Schema and placemarks (a Document, not a Folder, so
    that GDAL finds the Schema in a KMZ too). Placemarks are written as they are produced.
    The document's LookAt frames the points of the places in the kept countries.
    """
    from tda_export.filters import RecordFilter

    shapes = ShapeCache(detail)
    kept = record_filter or RecordFilter()
    fobj.write(_header([shapes(place).point for place in kept.places(base)]))
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


def _doc_info(name: str = "doc.kml") -> zipfile.ZipInfo:
    """A zip entry (``doc.kml`` first): fixed timestamp and attributes, deflate level 1."""
    info = zipfile.ZipInfo(name, date_time=KMZ_DATE_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever the platform
    info.external_attr = 0o644 << 16
    # Deflate level 1: 13% larger than the default level, five times faster to write.
    # (ZipFile.open takes the level from the ZipInfo; Python 3.13 renames the attribute.)
    info._compresslevel = 1  # type: ignore[attr-defined]
    return info


def _add_icons(archive: zipfile.ZipFile) -> None:
    for name, data in icon_files().items():
        archive.writestr(_doc_info(name), data)


def _write_zip(
    base: FactBase, raw: IO[bytes], record_filter: RecordFilter | None, detail: Detail
) -> int:
    with zipfile.ZipFile(raw, "w") as archive:
        with archive.open(_doc_info(), "w") as member:
            buffered = io.BufferedWriter(member, buffer_size=1 << 20)
            text = io.TextIOWrapper(buffered, encoding="utf-8", newline="\n")
            count = write_kml(base, text, record_filter, detail)
            text.flush()
            text.detach()
            buffered.flush()
            buffered.detach()
        _add_icons(archive)
    return count


def zip_kml(kml: IO[bytes], raw: IO[bytes]) -> None:
    """Zip an already written KML file into a KMZ, byte for byte what :func:`write_kmz` makes.

    The build uses it so the KML is generated once for both files.
    """
    with zipfile.ZipFile(raw, "w") as archive:
        with archive.open(_doc_info(), "w") as member:
            shutil.copyfileobj(kml, member, 1 << 20)
        _add_icons(archive)


def write_kmz(
    base: FactBase,
    target: str | Path | IO[bytes],
    record_filter: RecordFilter | None = None,
    detail: Detail = "web",
) -> int:
    """Write a KMZ (a zip holding ``doc.kml`` and ``icons/``) to a path or an open binary file.

    The zip is deterministic (fixed timestamp and attributes). A path is replaced
    atomically; an open file receives the finished zip. Returns the number of placemarks.
    """
    if isinstance(target, (str, Path)):
        from tda_export.output import atomic_binary

        with atomic_binary(target) as raw:
            return _write_zip(base, raw, record_filter, detail)
    with tempfile.TemporaryFile() as spool:
        count = _write_zip(base, spool, record_filter, detail)
        spool.seek(0)
        shutil.copyfileobj(spool, target)
    target.flush()
    return count
