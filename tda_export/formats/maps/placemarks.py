"""KML Placemarks of map features: a point placemark, and an area placemark where it has one.

Each record gives a placemark with its Point (icon and label) and, where it has its own
area (:func:`has_own_area`), a second placemark with that area as a MultiGeometry of
Polygons, each written into its own sub-Document so that GDAL and QGIS read one points
layer and one polygons layer (a point and an area in one MultiGeometry is a geometry
collection, which QGIS does not draw). Elements follow the order the KML 2.2 schema
requires: name, description, TimeSpan, styleUrl, ExtendedData (typed by the
sub-Document's Schema), geometry. The balloon (the description) says in words what the
record is, where, how precisely, and quotes every citation with its source.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from functools import partial

import msgspec

from tda_export import geography
from tda_export.formats.maps.context import with_geometry
from tda_export.formats.maps.kmlstyle import (
    KML_FIELD_NAMES,
    KML_SKIPPED_FIELDS,
    SPECIAL_TEXT,
    clean,
    html_text,
    style_id,
    xml_text,
)
from tda_export.formats.maps.mapping import MapFeature
from tda_export.formats.maps.shapes import Position, Ring, Shape
from tda_export.formats.words import capitalised
from tda_export.text import isolate

_PRECISION_WORDS = {
    "exact": "exact point",
    "locality": "the town or city, within about {km} km of the point",
    "admin2": "within about {km} km of the point",
    "admin1": "somewhere in {area}, not located further",
    "country": "somewhere in {area}, not located further",
}


def _number(value: float) -> str:
    """The shortest text of a rounded coordinate, in fixed point (never ``5e-05``)."""
    text = repr(value)
    return f"{value:.6f}".rstrip("0") if "e" in text else text


def point_kml(point: Position) -> str:
    """A KML Point."""
    lon, lat = point
    return f"<Point><coordinates>{_number(lon)},{_number(lat)}</coordinates></Point>"


def _ring(ring: bytes) -> str:
    """KML coordinates (``lon,lat lon,lat``) of a ring in GeoJSON (``[[lon,lat],...]``).

    The numbers are msgspec's text; msgspec writes the few below 1e-5 with an exponent,
    which KML's coordinates do not take: those are written in fixed point.
    """
    if b"e" in ring:
        points = msgspec.json.decode(ring, type=Ring)
        return " ".join(f"{_number(lon)},{_number(lat)}" for lon, lat in points)
    return ring[2:-2].replace(b"],[", b" ").decode()


def area_kml(outline: bytes) -> str:
    """A MultiGeometry of Polygons (outer ring, then holes) from GeoJSON MultiPolygon
    coordinates, even for one polygon, so that every area of a layer reads as a
    MultiPolygon."""
    parts = []
    for polygon in msgspec.json.decode(outline, type=list[list[msgspec.Raw]]):
        outer, *holes = (_ring(bytes(ring)) for ring in polygon)
        text = (
            "<Polygon><outerBoundaryIs><LinearRing><coordinates>"
            f"{outer}</coordinates></LinearRing></outerBoundaryIs>"
        )
        for hole in holes:
            text += (
                "<innerBoundaryIs><LinearRing><coordinates>"
                f"{hole}</coordinates></LinearRing></innerBoundaryIs>"
            )
        parts.append(text + "</Polygon>")
    return f"<MultiGeometry>{''.join(parts)}</MultiGeometry>"


def shape_kml(shape: Shape, area: bool) -> str:
    """A shape's area (:func:`area_kml`) or its point (:func:`point_kml`)."""
    return area_kml(shape.outline()) if area else point_kml(shape.point)


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
    area = html_text(geography.area_name(shape.area_code)) if shape.area_code else ""
    if shape.own_area:
        how = "the whole area, outlined"
    else:
        how = _PRECISION_WORDS[shape.precision].format(
            km=max(1, round(shape.uncertainty_m / 1000)), area=area
        )
    name = html_text(isolate(str(feature.properties.get("place_name") or feature.name)))
    return f"{name} ({how})"


def balloon_html(feature: MapFeature) -> str:
    """The readable description of a placemark: facts in words, place, each citation.

    Names, not ids; the date as a reader writes it ("20 September 2023", "since 2018"),
    the recorded EDTF form only in the data fields; every citation with its publisher,
    title, who makes the claim and how surely (when the source does not assert it in its
    own voice) and quote.
    """
    props = feature.properties
    rows = []
    if feature.date is not None:
        rows.append(("Date", html_text(isolate(feature.date.words()))))
    elif feature.layer == "presence":
        rows.append(("Date", "not dated by the sources"))
    for key, label in (("status", "Status"), ("category", "Category"), ("kind", "Kind")):
        if props.get(key) is not None:
            rows.append((label, html_text(str(props[key]).replace("-", " "))))
    if props.get("activities") is not None:
        rows.append(("Activities", html_text(props["activities"])))
    if feature.actor_names:
        rows.append(("Who", html_text(", ".join(map(isolate, feature.actor_names)))))
    rows.append(("Where", _where_words(feature)))
    if len(feature.place_names) > 1:
        rows.append(("All places", html_text(", ".join(map(isolate, feature.place_names)))))
    table = "".join(f'<tr><th align="left">{k}</th><td>{v}</td></tr>' for k, v in rows)
    parts = [f"<h3>{html_text(feature.name)}</h3>"]
    if props.get("summary") is not None:
        parts.append(f"<p>{html_text(props['summary'])}</p>")
    parts += [f"<p><b>{html_text(words)}</b></p>" for words in feature.corrections]
    parts.append(f"<table>{table}</table>")
    if props.get("note") is not None:
        parts.append(f"<p><i>Note: {html_text(isolate(str(props['note'])))}</i></p>")
    items = []
    for quote in feature.quotes:
        label = html_text(quote.label)
        if quote.url:
            label = f'<a href="{html_text(quote.url)}">{label}</a>'
        said = capitalised(quote.attribution)
        said = f"<b>{html_text(said)}:</b><br/>" if said else ""
        item = f"{label}<br/>{said}\u201c{html_text(isolate(quote.quote))}\u201d"
        if quote.note:
            item += f"<br/><i>{html_text(quote.note)}</i>"
        items.append(f"<li>{item}</li>")
    parts.append(f"<p><b>Sources</b></p><ol>{''.join(items)}</ol>")
    return "".join(parts)


def _extended_data(feature: MapFeature, schema_id: str) -> str:
    search, escape = SPECIAL_TEXT.search, html.escape  # one placemark has some 20 values
    parts = []
    for key, value in feature.properties.items():
        if value is None or key in KML_SKIPPED_FIELDS:
            continue
        name = KML_FIELD_NAMES.get(key, key)
        text = value if type(value) is str else str(value)
        if search(text) is not None:
            text = escape(clean(text), False)
        parts.append(f'<SimpleData name="{name}">{text}</SimpleData>')
    data = "".join(parts)
    return f'<ExtendedData><SchemaData schemaUrl="#{schema_id}">{data}</SchemaData></ExtendedData>'


def _cdata(balloon: str) -> str:
    """A balloon in a CDATA section (its texts are escaped and cleaned already)."""
    return "<![CDATA[" + balloon.replace("]]>", "]]]]><![CDATA[>") + "]]>"


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


def placemarks(
    features: Iterator[MapFeature], schema_id: str, areas: bool = False
) -> Iterator[str]:
    """Serialize features as KML Placemarks: each one's point, or (``areas``) its own area.

    With ``areas`` only the features that have their own area (:func:`has_own_area`) give a
    placemark. Elements follow the order the KML 2.2 schema requires: name (the short
    label), description, TimeSpan, styleUrl, ExtendedData (typed by the Schema
    ``schema_id``), geometry. Ids are ``LAYER.KEY`` for points and ``LAYER-area.KEY`` for
    areas (valid XML ids). A recurring geometry is serialized once per country (the
    features come grouped by country, and no shape is shared across countries).

    Yields
    ------
    str
        One ``<Placemark>`` element per feature, ending with a newline.
    """
    drawn = (f for f in features if has_own_area(f)) if areas else features
    for feature, geometry in with_geometry(drawn, partial(shape_kml, area=areas)):
        kind = f"{feature.layer}-area" if areas else feature.layer
        yield (
            f'<Placemark id="{kind}.{feature.key}">\n'
            f"  <name>{xml_text(feature.properties['label'])}</name>\n"
            f"  <description>{_cdata(balloon_html(feature))}</description>"
            f"{_time_span(feature)}\n"
            f"  <styleUrl>#{style_id(feature)}</styleUrl>\n"
            f"  {_extended_data(feature, schema_id)}\n"
            f"  {geometry}\n"
            "</Placemark>\n"
        )
