"""KML 2.2 (and KMZ) map for Google Earth, GDAL and QGIS, written as a stream.

The Document holds a legend (its description), a LookAt framing the data, the shared
styles (:mod:`.kmlstyle`), and six sub-Documents, the points and the areas of presence,
events and places, each with its Schema and placemarks (:mod:`.placemarks`): GDAL and
QGIS read each as one layer of one geometry type. The plain KML names no icon files; the
KMZ holds the icons and its ``doc.kml`` names them. The document is streamed and escaped
here rather than built with simplekml, which holds the whole document in memory, leaves
SimpleData unescaped and writes elements in an order the KML schema rejects (see
``docs/maps.md``); simplekml writes the LookAt and Schema fields.
"""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import IO, TYPE_CHECKING

from tda_export.formats.maps.context import MapContext
from tda_export.formats.maps.kmlstyle import (
    TITLE,
    cdata,
    icon_files,
    legend_html,
    schema_kml,
    styles_kml,
    xml_text,
)
from tda_export.formats.maps.mapping import LAYERS, Layer
from tda_export.formats.maps.placemarks import placemarks
from tda_export.formats.maps.shapes import Detail, Position
from tda_export.geography import distance_m

if TYPE_CHECKING:
    from tda_export.factbase import FactBase
    from tda_export.filters import RecordFilter

__all__ = ["write_kml", "write_kmz", "zip_kml"]

LAYER_TITLES: dict[Layer, str] = {"presence": "Presence", "events": "Events", "places": "Places"}
#: The sub-Documents: (id suffix, title suffix, areas?) per layer, points first.
FORMS = (("points", "points", False), ("areas", "areas", True))
#: Smallest LookAt range (m), so that a single place is not looked at from a metre away.
MIN_LOOKAT_RANGE_M = 50_000
KMZ_DATE_TIME = (1980, 1, 1, 0, 0, 0)


def look_at(points: list[Position]) -> str:
    """A LookAt from straight above the middle of the points, far enough to see them all."""
    if not points:
        return ""
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    lon, lat = (west + east) / 2, (south + north) / 2
    span = max(distance_m((west, lat), (east, lat)), distance_m((lon, south), (lon, north)))
    distance = max(MIN_LOOKAT_RANGE_M, round(span * 1.2, -3))
    import simplekml

    view = simplekml.LookAt(
        longitude=round(lon, 4),
        latitude=round(lat, 4),
        altitude=0,
        heading=0,
        tilt=0,
        range=f"{distance:.0f}",
    )
    return f"<LookAt>{view}</LookAt>\n"


def _header(points: list[Position], icons: bool) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<kml xmlns="http://www.opengis.net/kml/2.2">\n'
        '<Document id="tda-export">\n'
        f"<name>{xml_text(TITLE)}</name>\n"
        "<open>1</open>\n"
        f"<description>{cdata(legend_html(icons))}</description>\n"
        f"{look_at(points)}"
        f"{styles_kml(icons)}"
    )


def write_kml(
    base: FactBase,
    fobj: IO[str],
    record_filter: RecordFilter | None = None,
    detail: Detail = "web",
    icons: bool = False,
) -> int:
    """Write the KML document to the open text file ``fobj``; return the number of placemarks.

    Six sub-Documents in layer order (presence, events, places), each layer's points then
    its areas, hold their Schema and placemarks (a Document, not a Folder, so that GDAL
    finds the Schema in a KMZ too); a sub-Document with no placemark is left out.
    Placemarks are written as they are produced. The document's LookAt frames the points
    of the places in the kept countries. ``icons``: the styles name ``icons/*.png`` (as
    inside the KMZ); without, no icon file is named.
    """
    context = MapContext(base, record_filter, detail)
    points = [context.shape(place).point for place in context.filter.places(base)]
    fobj.write(_header(points, icons))
    count = 0
    for layer in LAYERS:
        for suffix, words, areas in FORMS:
            sub_id = f"{layer}-{suffix}"
            features = context.features(layer)
            started = False
            for text in placemarks(features, sub_id + "-schema", areas):
                if not started:
                    title = f"{LAYER_TITLES[layer]} ({words})"
                    fobj.write(
                        f'<Document id="{sub_id}">\n<name>{xml_text(title)}</name>\n'
                        f"{schema_kml(layer, sub_id + '-schema')}\n"
                    )
                    started = True
                fobj.write(text)
                count += 1
            if started:
                fobj.write("</Document>\n")
    fobj.write("</Document>\n</kml>\n")
    return count


class _Kmz:
    """A deterministic KMZ being written: ``doc.kml`` first, then the icons.

    Fixed timestamp (zip's own 1980 default) and attributes; deflate level 1, 13% larger
    than the default level and five times faster to write.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        self.archive = zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, compresslevel=1)

    def __enter__(self) -> IO[bytes]:
        return self.archive.open("doc.kml", "w")

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            _unix(self.archive.getinfo("doc.kml"))
            for name, data in icon_files().items():
                info = _unix(zipfile.ZipInfo(name, KMZ_DATE_TIME))
                self.archive.writestr(info, data, zipfile.ZIP_DEFLATED, compresslevel=1)
        self.archive.close()


def _unix(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """``info`` made by Unix, whatever the platform, read-write for its owner."""
    info.create_system = 3
    info.external_attr = 0o644 << 16
    return info


def _write_zip(
    base: FactBase, raw: IO[bytes], record_filter: RecordFilter | None, detail: Detail
) -> int:
    with _Kmz(raw) as member, member:
        buffered = io.BufferedWriter(member, buffer_size=1 << 20)
        text = io.TextIOWrapper(buffered, encoding="utf-8", newline="\n")
        count = write_kml(base, text, record_filter, detail, icons=True)
        text.flush()
        text.detach()
        buffered.flush()
        buffered.detach()
    return count


def zip_kml(kml: IO[bytes], raw: IO[bytes]) -> None:
    """Zip an already written plain KML into a KMZ, byte for byte what :func:`write_kmz` makes.

    The header's legend and styles are exchanged for their forms that name the icons; the
    rest is copied. The build uses it so the KML is generated once for both files.
    """
    plain = [legend_html(False), *styles_kml(False).splitlines()]
    with_icons = [legend_html(True), *styles_kml(True).splitlines()]
    swap = {old.encode(): new.encode() for old, new in zip(plain, with_icons, strict=True)}
    with _Kmz(raw) as member, member:
        for line in kml:
            body = line.rstrip(b"\n")
            if body.startswith(b"<description>"):
                body = body.replace(cdata(plain[0]).encode(), cdata(with_icons[0]).encode(), 1)
            member.write(swap.get(body, body) + b"\n")
            if body.startswith(b'<Document id="') and body != b'<Document id="tda-export">':
                break
        shutil.copyfileobj(kml, member, 1 << 20)


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
