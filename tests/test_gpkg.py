"""The GeoPackage writer (tda_export.formats.maps.gpkg) and ``tda-export gpkg``.

Read back with the standard library's sqlite3 and shapely; GDAL and QGIS open it in
tests/test_map_qgis.py (every layer styled from layer_styles, time-enabled, validated by
GDAL's validate_gpkg.py).
"""

from __future__ import annotations

import io
import sqlite3
import struct
from pathlib import Path

import pytest
import shapely
from click.testing import CliRunner

from tda_export.cli import cli
from tda_export.cli.gpkg import TO_STANDARD_OUTPUT
from tda_export.factbase import FactBase
from tda_export.filters import RecordFilter
from tda_export.formats.maps.context import layer_features
from tda_export.formats.maps.gpkg import GPKG_LAYERS, write_gpkg
from tda_export.formats.maps.mapping import FIELDS
from tda_export.formats.maps.qml import layer_qml
from tda_export.validation import load_checked

HERE = Path(__file__).parent
MAPS = HERE / "fixtures" / "maps" / "facts"


@pytest.fixture(scope="module")
def maps_base() -> FactBase:
    return load_checked(MAPS)


@pytest.fixture(scope="module")
def written(maps_base: FactBase, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("gpkg") / "map.gpkg"
    write_gpkg(maps_base, target)
    return target


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return db.execute(sql).fetchall()


def test_a_geopackage_by_its_header(written: Path) -> None:
    header = written.read_bytes()[:100]
    assert header[:16] == b"SQLite format 3\0"
    assert struct.unpack(">I", header[68:72])[0] == 0x47504B47  # application_id "GPKG"
    assert struct.unpack(">I", header[60:64])[0] == 10200  # user_version: 1.2
    srs = rows(written, "SELECT srs_id, organization FROM gpkg_spatial_ref_sys ORDER BY srs_id")
    assert srs == [(-1, "NONE"), (0, "NONE"), (4326, "EPSG")]


def test_every_layer_of_one_geometry_type(written: Path, maps_base: FactBase) -> None:
    contents = rows(
        written,
        "SELECT c.table_name, c.data_type, g.geometry_type_name, g.srs_id FROM gpkg_contents c "
        "LEFT JOIN gpkg_geometry_columns g USING (table_name) ORDER BY c.rowid",
    )
    assert contents == [
        *(
            (table, "features", "POINT" if form == "point" else "MULTIPOLYGON", 4326)
            for table, _, form in GPKG_LAYERS
        ),
        ("layer_styles", "attributes", None, None),
    ]
    for table, layer, form in GPKG_LAYERS:
        features = list(layer_features(maps_base, layer))
        names = [name for name, _ in FIELDS[layer]]
        found = rows(written, f'SELECT geom, {", ".join(names)} FROM "{table}" ORDER BY fid')
        assert len(found) == len(features) > 0
        for (blob, *values), feature in zip(found, features, strict=True):
            assert isinstance(blob, bytes) and blob[:2] == b"GP"
            flags = blob[3]
            envelope = 32 if flags & 0b1110 else 0
            geometry = shapely.from_wkb(blob[8 + envelope :])
            shape = feature.shape
            if form == "point":
                assert (envelope, geometry.geom_type) == (0, "Point")
                assert (geometry.x, geometry.y) == shape.point
            else:
                assert geometry.geom_type == "MultiPolygon"
                x0, x1, y0, y1 = struct.unpack("<4d", blob[8:40])
                assert (x0, y0, x1, y1) == geometry.bounds  # the envelope of the area
            expected = [
                f"{v}.000" if n in ("date_start", "date_end") else v
                for n, v in feature.properties.items()
            ]
            assert values == expected


def test_dates_are_datetime_columns_never_empty(written: Path) -> None:
    for table, layer, _ in GPKG_LAYERS:
        types = {r[1]: r[2] for r in rows(written, f'PRAGMA table_info("{table}")')}
        if layer == "places":
            assert "date_start" not in types
            continue
        assert types["date_start"] == types["date_end"] == "DATETIME"
        empty = rows(
            written, f'SELECT count(*) FROM "{table}" WHERE date_start IS NULL OR date_end IS NULL'
        )
        assert empty == [(0,)]


def test_each_layer_has_its_style_as_qgis_writes_it(written: Path) -> None:
    styles = rows(
        written,
        'SELECT "f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", '
        '"styleName", "styleQML", "styleSLD", "useAsDefault", "owner", "ui" '
        "FROM layer_styles ORDER BY id",
    )
    assert styles == [
        ("", "", table, "geom", table, layer_qml(layer, form), "", 1, "", None)
        for table, layer, form in GPKG_LAYERS
    ]
    columns = [r[1:3] for r in rows(written, "PRAGMA table_info(layer_styles)")]
    assert columns == [  # the table QGIS creates when it saves a style in a GeoPackage
        ("id", "INTEGER"),
        ("f_table_catalog", "TEXT(256)"),
        ("f_table_schema", "TEXT(256)"),
        ("f_table_name", "TEXT(256)"),
        ("f_geometry_column", "TEXT(256)"),
        ("styleName", "TEXT(30)"),
        ("styleQML", "TEXT"),
        ("styleSLD", "TEXT"),
        ("useAsDefault", "BOOLEAN"),
        ("description", "TEXT"),
        ("owner", "TEXT(30)"),
        ("ui", "TEXT(30)"),
        ("update_time", "DATETIME"),
    ]


def test_no_clock_byte_identical_to_a_path_and_to_a_stream(
    written: Path, maps_base: FactBase, tmp_path: Path
) -> None:
    again = tmp_path / "again.gpkg"
    write_gpkg(load_checked(MAPS), again)
    stream = io.BytesIO()
    assert write_gpkg(maps_base, stream) == 4 + 4 + 6 + 6 + 8 + 8
    assert again.read_bytes() == written.read_bytes() == stream.getvalue()
    from tda_export.formats.words import latest_known_day

    day = latest_known_day(maps_base)  # the latest day named in the data, not the clock
    changed = rows(written, "SELECT DISTINCT last_change FROM gpkg_contents")
    assert day is not None and changed == [(f"{day.isoformat()}T00:00:00.000Z",)]


def test_filters_apply(maps_base: FactBase) -> None:
    stream = io.BytesIO()
    count = write_gpkg(maps_base, stream, RecordFilter.from_options(countries=["CO"]))
    assert count == 6  # Cúcuta: its presence, event and place, points and areas


def test_cli_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.gpkg"
    result = CliRunner().invoke(
        cli, ["gpkg", "--facts", str(MAPS), "-o", str(target)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    stream = io.BytesIO()
    write_gpkg(load_checked(MAPS), stream)
    assert target.read_bytes() == stream.getvalue()


def test_cli_refuses_standard_output() -> None:
    result = CliRunner().invoke(cli, ["gpkg", "--facts", str(MAPS), "-o", "-"])
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Error: {TO_STANDARD_OUTPUT}\n")
