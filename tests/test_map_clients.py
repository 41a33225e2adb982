"""The map exports opened by real clients: GDAL (ogrinfo), QGIS, jsonschema and xmllint.

Each client is required in CI (scripts/install-test-deps.sh installs it) and skipped
elsewhere when missing. Both test fact bases are exported once per module.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import IN_CI, SCHEMAS, require_tool

from tda_export.formats.maps.geojson import DEFAULT_GEOMETRY, LAYERS, write_geojson
from tda_export.formats.maps.kml import icon_files, write_kml, write_kmz
from tda_export.formats.maps.mapping import FIELDS
from tda_export.validation import load_checked

pytestmark = pytest.mark.client
"""Every test here drives a real client (the quick test path leaves them out)."""

HERE = Path(__file__).parent
BASES = {
    "small": HERE / "fixtures" / "small" / "facts",
    "maps": HERE / "fixtures" / "maps" / "facts",
}

#: Features per GeoJSON layer, and placemarks per KML layer (one sub-document per country).
COUNTS: dict[str, dict[str, int]] = {
    "small": {"presence": 4, "events": 6, "places": 6},
    "maps": {"presence": 4, "events": 6, "places": 8},
}
#: Placemarks per KML layer: each kind's points (one per feature) and areas (the features
#: with their own area: a circle, or the outline of the state or country they are).
KML_LAYERS: dict[str, dict[str, int]] = {
    "small": {
        "Presence (points)": 4,
        "Presence (areas)": 4,
        "Events (points)": 6,
        "Events (areas)": 3,
        "Places (points)": 6,
        "Places (areas)": 6,
    },
    "maps": {
        "Presence (points)": 4,
        "Presence (areas)": 3,
        "Events (points)": 6,
        "Events (areas)": 3,
        "Places (points)": 8,
        "Places (areas)": 6,
    },
}
SYSTEM_PYTHON = "/usr/bin/python3"


@pytest.fixture(scope="module", params=sorted(BASES))
def exported(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """Every map output of one fixture base, written to files."""
    name = request.param
    base = load_checked(BASES[name])
    folder = tmp_path_factory.mktemp(f"maps-{name}")
    for layer in LAYERS:
        with open(folder / f"{layer}.geojson", "w", encoding="utf-8", newline="") as fobj:
            write_geojson(base, fobj, layer)
        for form in ("point", "area"):
            with open(folder / f"{layer}-{form}.geojson", "w", encoding="utf-8", newline="") as f:
                write_geojson(base, f, layer, geometry=form)  # type: ignore[arg-type]
        with open(folder / f"{layer}.geojsons", "w", encoding="utf-8", newline="") as fobj:
            write_geojson(base, fobj, layer, seq=True)
    with open(folder / "map.kml", "w", encoding="utf-8", newline="") as fobj:
        write_kml(base, fobj)
    write_kmz(base, folder / "map.kmz")
    return {"name": name, "folder": folder}


# -- GDAL -----------------------------------------------------------------------------------------
@dataclass
class OgrLayer:
    """What ``ogrinfo -so`` says about one layer."""

    name: str
    geometry: str = ""
    count: int = -1
    fields: dict[str, str] = field(default_factory=dict)


def ogrinfo(path: Path, *layers: str) -> tuple[str, dict[str, OgrLayer]]:
    """The driver and the summary of each layer (all layers when none is named)."""
    tool = require_tool("ogrinfo")
    args = (
        [tool, "-ro", "-so", str(path), *layers]
        if layers
        else [tool, "-ro", "-so", "-al", str(path)]
    )
    proc = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "ERROR" not in proc.stderr, proc.stderr
    driver = re.search(r"using driver `([^']+)' successful", proc.stdout)
    assert driver is not None, proc.stdout
    found: dict[str, OgrLayer] = {}
    current: OgrLayer | None = None
    for line in proc.stdout.splitlines():
        if line.startswith("Layer name: "):
            current = found.setdefault(line[12:], OgrLayer(line[12:]))
        elif current is None:
            continue
        elif line.startswith("Geometry: "):
            current.geometry = line[10:]
        elif line.startswith("Feature Count: "):
            current.count = int(line[15:])
        elif m := re.match(r"^(\w+): (\w+(?:\(\w+\))?) \(\d+\.\d+\)$", line):
            current.fields[m.group(1)] = m.group(2)
    return driver.group(1), found


def ogr_geometries(path: Path, layer: str) -> str:
    """``ogrinfo -geom=SUMMARY`` of a layer: one line per feature's geometry."""
    tool = require_tool("ogrinfo")
    proc = subprocess.run(
        [tool, "-ro", "-q", "-geom=SUMMARY", str(path), layer],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def expected_geojson_fields(layer: str) -> dict[str, str]:
    types = {"string": "String", "int": "Integer", "double": "Real"}
    dates = {"date_start", "date_end"}
    return {name: "DateTime" if name in dates else types[kind] for name, kind in FIELDS[layer]}


OGR_GEOMETRY = {"point": "Point", "area": "Multi Polygon"}


@pytest.mark.parametrize("form", ["", "-point", "-area"])
@pytest.mark.parametrize("layer", LAYERS)
def test_gdal_reads_each_geojson_layer(exported: dict[str, Any], layer: str, form: str) -> None:
    driver, layers = ogrinfo(exported["folder"] / f"{layer}{form}.geojson")
    assert driver == "GeoJSON"
    (info,) = layers.values()
    assert info.geometry == OGR_GEOMETRY[form[1:] or DEFAULT_GEOMETRY[layer]]
    assert info.count == COUNTS[exported["name"]][layer]
    assert info.fields == expected_geojson_fields(layer)


@pytest.mark.parametrize("layer", LAYERS)
def test_gdal_reads_each_geojson_sequence(exported: dict[str, Any], layer: str) -> None:
    driver, layers = ogrinfo(exported["folder"] / f"{layer}.geojsons")
    assert driver == "GeoJSONSeq"
    (info,) = layers.values()
    assert info.geometry == OGR_GEOMETRY[DEFAULT_GEOMETRY[layer]]
    assert info.count == COUNTS[exported["name"]][layer]
    assert info.fields == expected_geojson_fields(layer)


KML_BUILTIN = {
    "Name": "String",
    "description": "String",
    "timestamp": "DateTime",
    "begin": "DateTime",
    "end": "DateTime",
    "altitudeMode": "String",
    "tessellate": "Integer",
    "extrude": "Integer",
    "visibility": "Integer",
    "drawOrder": "Integer",
    "icon": "String",
}


def expected_kml_fields(layer: str) -> dict[str, str]:
    types = {"string": "String", "int": "Integer", "double": "Real"}
    out = dict(KML_BUILTIN)
    for name, kind in FIELDS[layer]:
        if name != "label":  # the placemark's name; the record's name is the field title
            out["title" if name == "name" else name] = types[kind]
    return out


@pytest.mark.parametrize("suffix", ["kml", "kmz"])
def test_gdal_reads_each_kml_layer(exported: dict[str, Any], suffix: str) -> None:
    path = exported["folder"] / f"map.{suffix}"
    driver, layers = ogrinfo(path)
    assert driver == "LIBKML"
    expected = KML_LAYERS[exported["name"]]
    assert {name: info.count for name, info in layers.items()} == expected  # no empty layer
    for name in expected:
        layer = {"Pre": "presence", "Eve": "events", "Pla": "places"}[name[:3]]
        assert layers[name].fields == expected_kml_fields(layer), name
        summary = ogr_geometries(path, name)
        # one geometry type per layer: points, or areas as MultiPolygons (never a collection)
        kind = "POINT" if name.endswith("(points)") else "MULTIPOLYGON"
        geometries = re.findall(
            r"^  (POINT|MULTIPOLYGON|POLYGON|GEOMETRYCOLLECTION)\b", summary, re.M
        )
        assert geometries == [kind] * expected[name], summary


def test_gdal_reads_kml_dates_as_datetimes(tmp_path: Path) -> None:
    target = tmp_path / "map.kml"
    with open(target, "w", encoding="utf-8", newline="") as fobj:
        write_kml(load_checked(BASES["maps"]), fobj)
    tool = require_tool("ogrinfo")
    layers = ["Presence (points)", "Events (points)"]
    out = subprocess.run(
        [tool, "-ro", "-q", str(target), *layers],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert "begin (DateTime) = 2013/01/01 00:00:00" in out  # since 2013
    assert "end (DateTime) = 2024/06/30 23:59:59" in out  # until June 2024
    assert "begin (DateTime) = 2022/01/01 00:00:00" in out  # c. 2022
    assert "end (DateTime) = 2022/12/31 23:59:59" in out
    assert "uncertainty_m (Integer) = 8000" in out
    assert "date (String) = ../2024-06" in out


# -- JSON Schema ----------------------------------------------------------------------------------
def validator(name: str) -> Any:
    import jsonschema  # a test dependency (pyproject [test])

    schema = json.loads((SCHEMAS / "geojson" / name).read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


@pytest.mark.parametrize("layer", LAYERS)
def test_geojson_validates_against_the_schema(exported: dict[str, Any], layer: str) -> None:
    data = json.loads((exported["folder"] / f"{layer}.geojson").read_text(encoding="utf-8"))
    errors = [
        f"{list(e.path)}: {e.message[:200]}"
        for e in validator("FeatureCollection.json").iter_errors(data)
    ]
    assert errors == []
    assert len(data["features"]) == COUNTS[exported["name"]][layer]


@pytest.mark.parametrize("layer", LAYERS)
def test_geojson_sequence_records_validate(exported: dict[str, Any], layer: str) -> None:
    text = (exported["folder"] / f"{layer}.geojsons").read_text(encoding="utf-8")
    records = text.split("\x1e")[1:]
    assert len(records) == COUNTS[exported["name"]][layer]
    check = validator("Feature.json")
    for record in records:
        assert record.endswith("\n")
        assert [e.message for e in check.iter_errors(json.loads(record))] == []


def test_schema_validator_is_not_toothless() -> None:
    bad = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": None}]}
    assert list(validator("FeatureCollection.json").iter_errors(bad))


# -- xmllint --------------------------------------------------------------------------------------
def xmllint(source: Path | bytes) -> subprocess.CompletedProcess[str]:
    tool = require_tool("xmllint")
    xsd = SCHEMAS / "kml" / "ogckml22.xsd"
    args = [tool, "--noout", "--nonet", "--schema", str(xsd)]
    if isinstance(source, Path):
        return subprocess.run(
            [*args, str(source)], capture_output=True, text=True, timeout=120, check=False
        )
    return subprocess.run(
        [*args, "-"],
        input=source.decode("utf-8"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_kml_validates_against_the_ogc_schema(exported: dict[str, Any]) -> None:
    proc = xmllint(exported["folder"] / "map.kml")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().endswith("validates")


def test_kmz_doc_validates_against_the_ogc_schema(exported: dict[str, Any]) -> None:
    with zipfile.ZipFile(exported["folder"] / "map.kmz") as archive:
        assert archive.namelist() == ["doc.kml", *icon_files()]
        doc = archive.read("doc.kml")
    proc = xmllint(doc)
    assert proc.returncode == 0, proc.stderr


def test_xmllint_rejects_what_simplekml_writes(tmp_path: Path) -> None:
    """The check has teeth: simplekml's own output (numeric ids, Style before name) fails."""
    import simplekml

    doc = simplekml.Kml(name="A & B")
    folder = doc.newfolder(name="folder")
    folder.newpolygon(name="p", outerboundaryis=[(0, 0), (1, 0), (1, 1), (0, 0)])
    target = tmp_path / "simplekml.kml"
    doc.save(str(target))
    proc = xmllint(target)
    assert proc.returncode == 3, proc.stderr
    assert "is not a valid value of the atomic type 'xs:ID'" in proc.stderr


# -- QGIS -----------------------------------------------------------------------------------------
QGIS_PROBE = """
import json, sys
from qgis.core import QgsApplication, QgsVectorLayer, QgsWkbTypes
from qgis.PyQt.QtCore import QVariant



def probe(uri):
    # a function, so that the layer is gone before exitQgis (else python crashes on exit)
    layer = QgsVectorLayer(uri, "probe", "ogr")
    if not layer.isValid():
        return {"uri": uri, "valid": False}
    temporal = layer.temporalProperties()
    temporal.guessDefaultsFromFields(layer.fields())
    return {
        "uri": uri,
        "valid": True,
        "count": layer.featureCount(),
        "geometry": QgsWkbTypes.displayString(layer.wkbType()),
        "fields": {f.name(): QVariant.typeToName(f.type()) for f in layer.fields()},
        "start": temporal.startField(),
        "end": temporal.endField(),
    }


app = QgsApplication([], False)
app.initQgis()
print(json.dumps([probe(uri) for uri in sys.argv[1:]]), flush=True)
app.exitQgis()
"""


def require_qgis() -> str:
    """The system python with QGIS's bindings; outside CI a missing one skips, in CI it fails."""
    if Path(SYSTEM_PYTHON).exists():
        probe = subprocess.run(
            [SYSTEM_PYTHON, "-c", "import qgis.core"],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            check=False,
        )
        if probe.returncode == 0:
            return SYSTEM_PYTHON
        reason = probe.stderr.strip().splitlines()[-1:] or ["import failed"]
    else:
        reason = [f"{SYSTEM_PYTHON} not found"]
    message = f"QGIS (python3-qgis for {SYSTEM_PYTHON}) is not usable: {reason[0]}"
    if IN_CI:
        pytest.fail(f"{message}; it is required in CI (see scripts/install-test-deps.sh)")
    pytest.skip(f"{message} (allowed outside CI only)")


def qgis_load(uris: list[str]) -> list[dict[str, Any]]:
    python = require_qgis()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    proc = subprocess.run(
        [python, "-c", QGIS_PROBE, *uris],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_qgis_loads_every_layer(exported: dict[str, Any]) -> None:
    folder = exported["folder"]
    name = exported["name"]
    geojson = [str(folder / f"{layer}.geojson") for layer in LAYERS]
    kml = [
        f"{folder / f'map.{suffix}'}|layername={layer}"
        for suffix in ("kml", "kmz")
        for layer in KML_LAYERS[name]
    ]
    results = qgis_load(geojson + kml)
    assert len(results) == len(geojson) + len(kml)
    for layer, item in zip(LAYERS, results, strict=False):
        assert item["valid"], item
        assert item["count"] == COUNTS[name][layer]
        assert (
            item["geometry"] == {"point": "Point", "area": "MultiPolygon"}[DEFAULT_GEOMETRY[layer]]
        )
        assert item["fields"]["uncertainty_m"] in ("int", "qlonglong")
        if layer == "places":
            assert item["fields"]["lon"] == item["fields"]["lat"] == "double"
            assert "date_start" not in item["fields"]
        else:
            assert item["fields"]["date_start"] == item["fields"]["date_end"] == "QDateTime"
            assert (item["start"], item["end"]) == ("date_start", "date_end")
    for item in results[len(geojson) :]:
        assert item["valid"], item
        layer_name = item["uri"].split("|layername=")[1]
        assert item["count"] == KML_LAYERS[name][layer_name], item
        kind = "Point" if layer_name.endswith("(points)") else "MultiPolygon"
        assert item["geometry"] == kind, item  # QGIS draws it (a collection it does not)
        assert item["fields"]["begin"] == "QDateTime" and item["fields"]["end"] == "QDateTime"
        assert item["fields"]["country"] == "QString"
        assert (item["start"], item["end"]) == ("begin", "end")
