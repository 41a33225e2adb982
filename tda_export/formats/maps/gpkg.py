"""One GeoPackage (OGC GeoPackage 1.2) with every map layer and its QGIS style as default.

The six layers of the GeoJSON files (each layer's points and areas) are feature tables of
one geometry type each, with the same fields (``date_start``/``date_end`` as DATETIME);
each layer's ``.qml`` (:mod:`.qml`) is stored in QGIS's ``layer_styles`` table as its
default style, with the columns and values QGIS writes when it saves a style there, so
that QGIS opens every layer styled, labelled and time-enabled.

Written with the standard library's :mod:`sqlite3` following the specification (tables of
its Annex C; shapely gives each geometry's WKB, the GeoPackage header is added here), into
a temporary file that is then copied to the output: no clock (``last_change`` is the
latest day named in the data), no spatial index (an optional extension), so the same
facts give the same bytes with the same SQLite. See docs/maps.md.
"""

from __future__ import annotations

import shutil
import sqlite3
import struct
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from tda_export.formats.maps.context import MapContext, with_geometry
from tda_export.formats.maps.mapping import FIELDS, Layer, MapFeature
from tda_export.formats.maps.shapes import Detail, Geometry, Shape

if TYPE_CHECKING:
    from tda_export.factbase import FactBase
    from tda_export.filters import RecordFilter

__all__ = ["GPKG_LAYERS", "write_gpkg"]

#: (table, layer, geometry) of every layer, points first.
GPKG_LAYERS: tuple[tuple[str, Layer, Geometry], ...] = tuple(
    (f"{layer}_{geometry}s", layer, geometry)
    for layer in ("presence", "events", "places")
    for geometry in ("point", "area")
)
#: GeoPackage 1.2 (GDAL 3.6's default), ``GPKG`` as the SQLite application id.
USER_VERSION = 10200
APPLICATION_ID = 0x47504B47
SRS_ID = 4326
GEOMETRY_COLUMN = "geom"
_WGS84 = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
    'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]'
)
_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')"
#: The tables every GeoPackage has (Annex C), its three required reference systems, and
#: QGIS's style table as QGIS creates it.
_SCHEMA = f"""
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
  identifier TEXT UNIQUE, description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT ({_NOW}),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL,
  m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE "layer_styles" ("id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "f_table_catalog" TEXT(256), "f_table_schema" TEXT(256), "f_table_name" TEXT(256),
  "f_geometry_column" TEXT(256), "styleName" TEXT(30), "styleQML" TEXT, "styleSLD" TEXT,
  "useAsDefault" BOOLEAN, "description" TEXT, "owner" TEXT(30), "ui" TEXT(30),
  "update_time" DATETIME DEFAULT ({_NOW}));
"""
_SRS = (
    (
        "Undefined cartesian SRS",
        -1,
        "NONE",
        -1,
        "undefined",
        "undefined cartesian coordinate reference system",
    ),
    (
        "Undefined geographic SRS",
        0,
        "NONE",
        0,
        "undefined",
        "undefined geographic coordinate reference system",
    ),
    (
        "WGS 84 geodetic",
        SRS_ID,
        "EPSG",
        SRS_ID,
        _WGS84,
        "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid",
    ),
)
_SQL_TYPES = {"string": "TEXT", "int": "INTEGER", "double": "REAL"}
_DATETIMES = frozenset({"date_start", "date_end"})
_TITLES = {"point": "points", "area": "areas"}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


#: A GeoPackage geometry and its bounds (west, south, east, north).
Blob = tuple[bytes, tuple[float, ...]]


def _blob(shape: Shape, geometry: Geometry) -> Blob:
    """A GeoPackage geometry (header, envelope for areas, little-endian WKB) and its bounds."""
    import shapely

    if geometry == "point":
        geom = shapely.Point(shape.point)
        header = b"GP\x00\x01" + struct.pack("<i", SRS_ID)  # little-endian, no envelope
    else:
        geom = shapely.from_geojson(shape.geojson("area"))
        x0, y0, x1, y1 = geom.bounds
        header = b"GP\x00\x03" + struct.pack("<i4d", SRS_ID, x0, x1, y0, y1)  # [x, x, y, y]
    return header + shapely.to_wkb(geom, byte_order=1), geom.bounds


def _rows(
    features: Iterator[MapFeature],
    geometry: Geometry,
    names: list[str],
    box: list[float],
    areas: dict[str, Blob],
) -> Iterator[tuple[object, ...]]:
    """One row per feature (geometry first, fields in ``names`` order); grows ``box``.

    ``areas`` holds the blobs of the bundled areas drawn so far, which the three area
    layers share (at most every bundled area, as big as the shipped outlines).
    """

    def blob(shape: Shape) -> Blob:
        if geometry == "point" or shape.area_code is None:
            return _blob(shape, geometry)
        found = areas.get(shape.key)
        if found is None:
            found = areas[shape.key] = _blob(shape, geometry)
        return found

    for feature, (blob_bytes, (x0, y0, x1, y1)) in with_geometry(features, blob):
        box[:] = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]
        props = feature.properties
        yield (
            blob_bytes,
            *(
                f"{props[n]}.000" if n in _DATETIMES else props[n]  # as GDAL writes them
                for n in names
            ),
        )


def _write(
    db: sqlite3.Connection,
    base: FactBase,
    record_filter: RecordFilter | None,
    detail: Detail,
) -> int:
    from tda_export.formats.maps.qml import layer_qml
    from tda_export.formats.words import latest_known_day

    day = latest_known_day(base)
    changed = f"{day.isoformat() if day else '1970-01-01'}T00:00:00.000Z"
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {USER_VERSION}")
    db.executescript("BEGIN;\n" + _SCHEMA)  # one transaction, committed by the caller
    db.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", _SRS)
    context = MapContext(base, record_filter, detail)
    areas: dict[str, Blob] = {}
    count = 0
    for table, layer, geometry in GPKG_LAYERS:
        names = [name for name, _ in FIELDS[layer]]
        columns = ", ".join(
            f"{_q(n)} {'DATETIME' if n in _DATETIMES else _SQL_TYPES[kind]}"
            for n, kind in FIELDS[layer]
        )
        kind = "POINT" if geometry == "point" else "MULTIPOLYGON"
        db.execute(
            f"CREATE TABLE {_q(table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
            f"{GEOMETRY_COLUMN} {kind}, {columns})"
        )
        title = f"{layer.capitalize()} ({_TITLES[geometry]})"
        db.execute(
            "INSERT INTO gpkg_contents VALUES (?, 'features', ?, '', ?, NULL, NULL, NULL, NULL, ?)",
            (table, title, changed, SRS_ID),
        )
        db.execute(
            "INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)",
            (table, GEOMETRY_COLUMN, kind, SRS_ID),
        )
        box = [180.0, 90.0, -180.0, -90.0]
        marks = ", ".join("?" * (len(names) + 1))
        cursor = db.executemany(
            f"INSERT INTO {_q(table)} ({GEOMETRY_COLUMN}, {', '.join(map(_q, names))}) "
            f"VALUES ({marks})",
            _rows(context.features(layer), geometry, names, box, areas),
        )
        count += cursor.rowcount
        if cursor.rowcount > 0:
            db.execute(
                "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? "
                "WHERE table_name = ?",
                (*box, table),
            )
        db.execute(
            'INSERT INTO layer_styles ("f_table_catalog", "f_table_schema", "f_table_name", '
            '"f_geometry_column", "styleName", "styleQML", "styleSLD", "useAsDefault", '
            '"description", "owner", "ui", "update_time") '
            "VALUES ('', '', ?, ?, ?, ?, '', 1, ?, '', NULL, ?)",
            (table, GEOMETRY_COLUMN, table, layer_qml(layer, geometry), title, changed),
        )
    db.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
        "last_change, srs_id) VALUES ('layer_styles', 'attributes', 'layer_styles', '', ?, 0)",
        (changed,),
    )
    return count


def write_gpkg(
    base: FactBase,
    target: str | Path | IO[bytes],
    record_filter: RecordFilter | None = None,
    detail: Detail = "web",
) -> int:
    """Write the GeoPackage to a path (replaced atomically) or an open binary file.

    Returns the number of features over all layers.
    """
    with tempfile.TemporaryDirectory(prefix="tda-gpkg-") as folder:
        path = Path(folder) / "map.gpkg"
        db = sqlite3.connect(path, isolation_level=None)
        # A scratch file, copied out whole once committed: no journal, no flush to disk.
        db.execute("PRAGMA journal_mode = MEMORY")
        db.execute("PRAGMA synchronous = OFF")
        try:
            count = _write(db, base, record_filter, detail)
            db.execute("COMMIT")
        finally:
            db.close()
        with path.open("rb") as written:
            if isinstance(target, (str, Path)):
                from tda_export.output import atomic_binary

                with atomic_binary(target) as raw:
                    shutil.copyfileobj(written, raw, 1 << 20)
            else:
                shutil.copyfileobj(written, target, 1 << 20)
                target.flush()
    return count
