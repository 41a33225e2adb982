"""The built maps as their users open them: QGIS (headless) with the shipped styles, and GDAL.

The real fact base (``facts/``) is built once into a temporary folder. QGIS loads each
GeoJSON layer, the KML/KMZ layers and the GeoPackage's layers the way the application
does (layer first, default style after), and its temporal filter is run at day, month and
year frames; the features it keeps must be exactly the records whose span, as the fact
base computes it (:meth:`FuzzyDate.overlaps`), meets the frame. QGIS's "Add layer" must
offer the KML as one points and one areas layer per kind, drawing every placemark.
``ogrinfo -where`` date filters must run without an error and return the same records.
"""

from __future__ import annotations

import calendar
import json
import os
import re
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, require_tool
from test_map_clients import require_qgis

from tda_export.build import build
from tda_export.factbase import FactBase
from tda_export.formats.maps.geojson import layer_files
from tda_export.formats.maps.gpkg import GPKG_LAYERS
from tda_export.fuzzydate import FuzzyDate
from tda_export.validation import load_checked

pytestmark = pytest.mark.client
"""Every test here drives a real client (the quick test path leaves them out)."""

HERE = Path(__file__).parent
FACTS = ROOT / "facts"
#: The Americas, loosely: what "zoom to layer" must frame (and not the whole globe).
AMERICAS = (-175.0, -60.0, -25.0, 75.0)  # Alaska, not the outer Aleutians; not Hawaii


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``tda-export build`` of the real fact base."""
    folder = tmp_path_factory.mktemp("built") / "outputs"
    build(FACTS, folder)
    return folder


@pytest.fixture(scope="module")
def base() -> FactBase:
    return load_checked(FACTS)


def day_frame(day: date) -> tuple[date, date]:
    return day, day


def month_frame(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def year_frame(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def frames(base: FactBase) -> list[tuple[str, tuple[date, date]]]:
    """At least ten moments: the raid, open starts and ends, a year-precision record's edges."""
    raid = next(e for e in base.events if e.date.text == "2023-09-20")
    year = next(e for e in base.events if e.date.precision == "year" and e.date.kind == "single")
    open_end = next(p for p in base.presence if p.period and p.period.kind == "open-end")
    open_start = next(p for p in base.presence if p.period and p.period.kind == "open-start")
    assert raid.date.start and year.date.start and year.date.end
    assert open_end.period and open_end.period.start
    assert open_start.period and open_start.period.end
    return [
        ("the raid's day", day_frame(raid.date.start)),
        ("the day before the raid", day_frame(raid.date.start - timedelta(days=1))),
        ("the day after the raid", day_frame(raid.date.start + timedelta(days=1))),
        (f"first day of {year.id}", day_frame(year.date.start)),
        (f"last day of {year.id}", day_frame(year.date.end)),
        (f"the day after {year.id}", day_frame(year.date.end + timedelta(days=1))),
        (f"start of open-ended {open_end.id}", day_frame(open_end.period.start)),
        (f"day before {open_end.id}", day_frame(open_end.period.start - timedelta(days=1))),
        (f"last day of open-start {open_start.id}", day_frame(open_start.period.end)),
        (f"day after {open_start.id}", day_frame(open_start.period.end + timedelta(days=1))),
        ("15 March 2024", day_frame(date(2024, 3, 15))),
        ("the month of March 2024", month_frame(2024, 3)),
        ("the year 2012", year_frame(2012)),
        ("a day before every record", day_frame(date(1990, 6, 1))),
    ]


def covering(base: FactBase, layer: str, first: date, last: date) -> set[str]:
    """Ids of the records of a layer whose span meets [first, last], by the fact base."""
    if layer == "presence":
        dated: list[tuple[str, FuzzyDate | None]] = [(p.id, p.period) for p in base.presence]
    else:
        dated = [(e.id, e.date) for e in base.events if e.places]
    return {i for i, d in dated if d is None or d.overlaps(first, last)}


def iso(day: date, end: bool = False) -> str:
    return f"{(day + timedelta(days=1)).isoformat() if end else day.isoformat()}T00:00:00"


def qgis_probe(
    uris: list[str], time_frames: list[tuple[date, date]], files: list[str] | None = None
) -> Any:
    python = require_qgis()
    request = {
        "uris": uris,
        "frames": [[iso(a), iso(b, end=True)] for a, b in time_frames],
        "sublayers": files or [],
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    proc = subprocess.run(
        [python, str(HERE / "qgis_probe.py"), "-"],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Failed to parse date" not in proc.stderr, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def kml_layers(path: Path) -> list[str]:
    tool = require_tool("ogrinfo")
    out = subprocess.run(
        [tool, "-ro", "-q", "-so", "-al", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    return re.findall(r"^Layer name: ((?:Presence|Events|Places) \(.*\))$", out, re.M)


@pytest.fixture(scope="module")
def probed(built: Path, base: FactBase) -> dict[str, Any]:
    """Every GeoJSON layer, every layer of the KML, KMZ and GeoPackage; the KML's sub-layers."""
    time_frames = [frame for _, frame in frames(base)]
    geojson = [str(built / f"{name}.geojson") for _, _, name in layer_files()]
    kml = [
        f"{built / f'tren-de-aragua.{suffix}'}|layername={name}"
        for suffix in ("kml", "kmz")
        for name in kml_layers(built / "tren-de-aragua.kml")
    ]
    gpkg = [f"{built / 'tren-de-aragua.gpkg'}|layername={table}" for table, _, _ in GPKG_LAYERS]
    files = [str(built / "tren-de-aragua.kml"), str(built / "tren-de-aragua.kmz")]
    answer = qgis_probe(geojson + kml + gpkg, time_frames, files)
    return {
        "results": {r["uri"]: r for r in answer["layers"]},
        "geojson": geojson,
        "kml": kml,
        "gpkg": gpkg,
        "sublayers": answer["sublayers"],
    }


def expected_rules(layer: str, form: str) -> list[list[Any]]:
    """The legend a layer's .qml gives: each rule's key, label, filter and whether it draws."""
    import xml.etree.ElementTree as ET

    from tda_export.formats.maps.qml import layer_qml

    root = ET.fromstring(layer_qml(layer, form))  # type: ignore[arg-type]
    return [
        [r.attrib["key"], r.attrib["label"], r.attrib.get("filter", ""), "symbol" in r.attrib]
        for r in root.iter("rule")
    ]


def test_every_geojson_layer_loads_with_its_style(built: Path, probed: dict[str, Any]) -> None:
    for layer, form, name in layer_files():
        item = probed["results"][str(built / f"{name}.geojson")]
        assert item["valid"] and item["style_loaded"], item
        assert item["geometry"] == {"point": "Point", "area": "MultiPolygon"}[form]
        assert item["renderer"] == "RuleRenderer"
        assert item["rules"] == expected_rules(layer, form)
        assert item["labels"] and item["label_field"] == "label"
        temporal = item["temporal"]
        if layer == "places":
            assert not temporal["active"]
        else:
            assert temporal["active"] and temporal["mode"] == 2
            assert (temporal["start"], temporal["end"]) == ("date_start", "date_end")


def test_undated_presence_is_marked_in_qgis(
    built: Path, base: FactBase, probed: dict[str, Any]
) -> None:
    """Presence the sources give no period is on every date of the time controller; its
    own legend rule draws a dashed outline (or ring) over it, and only over it."""
    undated = sorted(p.id for p in base.presence if p.period is None)
    assert undated
    for name in ("presence", "presence-points"):
        item = probed["results"][str(built / f"{name}.geojson")]
        assert item["rule_ids"]["presence-undated"] == undated
        assert all(set(undated) <= set(shown) for shown in item["shown"])  # every frame
    gpkg = next(v for k, v in probed["results"].items() if k.endswith("presence_areas"))
    assert gpkg["rule_ids"]["presence-undated"] == undated


def test_the_kml_loads_with_its_style(probed: dict[str, Any]) -> None:
    for uri in probed["kml"]:
        item = probed["results"][uri]
        assert item["valid"] and item["style_loaded"], item
        assert item["temporal"]["active"] and item["temporal"]["mode"] == 4
        assert 'coalesce("begin"' in item["temporal"]["start_expression"]


def test_qgis_draws_every_kml_placemark(built: Path, probed: dict[str, Any]) -> None:
    """Add layer offers one points and one areas layer per kind, each of one geometry type
    (a point and an area in one placemark is a collection, which QGIS does not draw)."""
    import xml.etree.ElementTree as ET

    ns = {"k": "http://www.opengis.net/kml/2.2"}
    root = ET.parse(built / "tren-de-aragua.kml").getroot()
    documents = root.findall("k:Document/k:Document", ns)
    placemarks = {
        d.findtext("k:name", namespaces=ns): len(d.findall("k:Placemark", ns)) for d in documents
    }
    assert list(placemarks) == [
        f"{kind} ({form})"
        for kind in ("Presence", "Events", "Places")
        for form in ("points", "areas")
    ]
    assert sum(placemarks.values()) == len(root.findall(".//k:Placemark", ns))
    for path, offered in probed["sublayers"].items():
        kinds = {name: "Point" if name.endswith("(points)") else "Polygon" for name in placemarks}
        assert offered == [[name, kinds[name], n] for name, n in placemarks.items()], path
    for uri in probed["kml"]:
        item = probed["results"][uri]
        name = uri.split("|layername=")[1]
        assert item["count"] == placemarks[name], uri
        assert item["geometry"] == ("Point" if name.endswith("(points)") else "MultiPolygon")


def test_the_geopackage_loads_styled_and_time_enabled(probed: dict[str, Any]) -> None:
    """Each layer's default style comes from the GeoPackage's layer_styles table."""
    for uri, (table, layer, form) in zip(probed["gpkg"], GPKG_LAYERS, strict=True):
        item = probed["results"][uri]
        assert item["valid"] and item["style_loaded"], item
        assert item["style_message"] == "Loaded from Provider"  # not from a .qml file
        assert item["geometry"] == {"point": "Point", "area": "MultiPolygon"}[form], table
        assert item["renderer"] == "RuleRenderer"
        assert item["rules"] == expected_rules(layer, form)
        assert item["labels"] and item["label_field"] == "label"
        temporal = item["temporal"]
        if layer == "places":
            assert not temporal["active"]
        else:
            assert temporal["active"] and temporal["mode"] == 2
            assert (temporal["start"], temporal["end"]) == ("date_start", "date_end")
        geojson = probed["results"][str(Path(probed["geojson"][0]).parent / _geojson(layer, form))]
        assert item["count"] == geojson["count"]
        assert item["extent"] == pytest.approx(geojson["extent"])


def _geojson(layer: str, form: str) -> str:
    return next(f"{n}.geojson" for lay, f, n in layer_files() if (lay, f) == (layer, form))


def test_events_and_places_are_points_presence_areas(built: Path, probed: dict[str, Any]) -> None:
    kinds = {
        name: probed["results"][str(built / f"{name}.geojson")]["geometry"]
        for name in ("presence", "events", "places")
    }
    assert kinds == {"presence": "MultiPolygon", "events": "Point", "places": "Point"}


def test_zoom_to_layer_frames_the_americas(probed: dict[str, Any]) -> None:
    west, south, east, north = AMERICAS
    for uri in probed["geojson"] + probed["gpkg"]:
        x0, y0, x1, y1 = probed["results"][uri]["extent"]
        assert west <= x0 and south <= y0 and x1 <= east and y1 <= north, (uri, x0, y0, x1, y1)
        assert x1 - x0 < 180, uri  # not stretched round the globe by the Aleutians


def test_time_controller_shows_exactly_the_covering_records(
    built: Path, base: FactBase, probed: dict[str, Any]
) -> None:
    named = frames(base)
    assert len(named) >= 10
    for layer in ("presence", "events"):
        uris = [u for u in probed["geojson"] if Path(u).name.startswith(layer)]
        uris += [u for u in probed["gpkg"] if u.split("|layername=")[1].startswith(layer)]
        uris += [u for u in probed["kml"] if u.split("|layername=")[1].lower().startswith(layer)]
        assert len(uris) >= 8
        for number, (label, (first, last)) in enumerate(named):
            expected = covering(base, layer, first, last)
            for uri in uris:
                if "|layername=" in uri:
                    continue
                assert set(probed["results"][uri]["shown"][number]) == expected, (uri, label)
            for suffix in ("kml", "kmz"):
                shown = {
                    i
                    for u in uris
                    if f".{suffix}|" in u
                    for i in probed["results"][u]["shown"][number]
                }
                assert shown == expected, (suffix, layer, label)


def test_the_raid_is_on_its_day(built: Path, base: FactBase, probed: dict[str, Any]) -> None:
    raid = next(e for e in base.events if e.date.text == "2023-09-20")
    events = probed["results"][str(built / "events.geojson")]["shown"]
    assert raid.id in events[0] and raid.id not in events[1] and raid.id not in events[2]


def ogr_layers(built: Path) -> list[tuple[str, str, str]]:
    """(file, layer name, record layer) of every dated layer of every map file."""
    out = [(f"{n}.geojson", n, lay) for lay, _, n in layer_files() if lay != "places"]
    for suffix in ("kml", "kmz"):
        for name in kml_layers(built / "tren-de-aragua.kml"):
            if not name.startswith("Places"):
                out.append((f"tren-de-aragua.{suffix}", name, name.split()[0].lower()))
    out += [("tren-de-aragua.gpkg", t, lay) for t, lay, _ in GPKG_LAYERS if lay != "places"]
    return out


def ogr_ids(built: Path, file: str, layer: str, where: str) -> set[str]:
    """The record ids ``ogrinfo -where`` returns; fails on any error GDAL prints."""
    tool = require_tool("ogrinfo")
    proc = subprocess.run(
        [tool, "-ro", "-q", str(built / file), layer, "-where", where],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0 and "ERROR" not in proc.stderr, (file, layer, proc.stderr)
    return set(re.findall(r"^  id \(String\) = (.*)$", proc.stdout, re.M))


@pytest.mark.parametrize(
    ("where", "first", "last"),
    [  # the form that works in every file: full date-times with T (text in KML and GeoPackage)
        (
            "date_start <= '2024-03-15T23:59:59' AND date_end >= '2024-03-15T00:00:00'",
            date(2024, 3, 15),
            date(2024, 3, 15),
        ),
        (
            "date_start <= '2023-09-20T12:00:00' AND date_end >= '2023-09-20T12:00:00'",
            date(2023, 9, 20),
            date(2023, 9, 20),
        ),
        (
            "date_start <= '2012-12-31T23:59:59' AND date_end >= '2012-01-01T00:00:00'",
            date(2012, 1, 1),
            date(2012, 12, 31),
        ),
    ],
)
def test_ogrinfo_date_filters_never_error_on_any_map_file(
    built: Path, base: FactBase, where: str, first: date, last: date
) -> None:
    """Every date field of every layer (GeoJSON DateTime; the KML Schema's and the
    GeoPackage's date_start and date_end) filters without an error, returning exactly the
    records covering the moment (all of them in a points layer, in a KML areas layer those
    with an area of their own: none of the events at Tocorón, drawn as Aragua state)."""
    from tda_export.formats.maps.context import layer_features
    from tda_export.formats.maps.placemarks import has_own_area

    for file, layer, kind in ogr_layers(built):
        found = ogr_ids(built, file, layer, where)
        expected = covering(base, kind, first, last)
        if layer.endswith("(areas)"):  # the KML draws an area only where it is the own
            expected &= {str(f.properties["id"]) for f in layer_features(base, kind)
                         if has_own_area(f)}  # fmt: skip
        assert found == expected, (file, layer)
        assert not ogr_ids(built, file, layer, "date_start IS NULL OR date_end IS NULL")


@pytest.mark.parametrize(
    ("where", "day"),
    [
        ("date_start <= '2024-03-15' AND date_end >= '2024-03-15'", date(2024, 3, 15)),
        ("date_start <= '2023-09-20 12:00:00' AND date_end >= '2023-09-20 12:00:00'", None),
    ],
)
def test_ogrinfo_date_filters_work_on_every_geojson_layer(
    built: Path, base: FactBase, where: str, day: date | None
) -> None:
    """In the GeoJSON (DateTime fields) dates may also be written without a time."""
    for layer, _, name in layer_files():
        if layer == "places":
            continue
        found = ogr_ids(built, f"{name}.geojson", name, where)
        moment = day or date(2023, 9, 20)
        assert found == covering(base, layer, moment, moment), name


def test_the_geopackage_is_valid_for_gdal(built: Path) -> None:
    """GDAL's own GeoPackage validator (python3-gdal) finds nothing wrong."""
    python = require_qgis()  # Debian's python3, which has python3-gdal beside python3-qgis
    script = Path("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py")
    if not script.is_file():
        pytest.fail(f"{script} missing: install python3-gdal (scripts/install-test-deps.sh)")
    proc = subprocess.run(
        [python, str(script), str(built / "tren-de-aragua.gpkg")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0 and not proc.stdout.strip() and not proc.stderr.strip(), (
        proc.stdout + proc.stderr
    )


def test_the_built_kml_validates_and_every_placemark_has_a_point_icon_and_name(
    built: Path,
) -> None:
    import xml.etree.ElementTree as ET
    import zipfile

    from test_map_clients import xmllint

    ns = {"k": "http://www.opengis.net/kml/2.2"}
    kml = (built / "tren-de-aragua.kml").read_bytes()
    with zipfile.ZipFile(built / "tren-de-aragua.kmz") as archive:
        inside = archive.read("doc.kml")
        shipped = set(archive.namelist())
    for source in (built / "tren-de-aragua.kml", inside):
        proc = xmllint(source)
        assert proc.returncode == 0, proc.stderr
    assert b"<Icon>" not in kml  # the plain KML names no file that is not beside it
    root = ET.fromstring(inside)
    icons = {
        s.attrib["id"]: s.findtext("k:IconStyle/k:Icon/k:href", namespaces=ns)
        for s in root.iterfind("k:Document/k:Style", ns)
    }
    placemarks = list(root.iterfind(".//k:Placemark", ns))
    assert len(placemarks) > 100
    for pm in placemarks:
        assert pm.findtext("k:name", namespaces=ns)
        points = pm.findall("k:Point", ns)
        areas = pm.findall("k:MultiGeometry/k:Polygon", ns)
        assert (len(points), bool(areas)) in ((1, False), (0, True)), pm.attrib["id"]
        sid = (pm.findtext("k:styleUrl", namespaces=ns) or "#")[1:]
        assert icons[f"{sid}-normal"] in shipped and icons[f"{sid}-highlight"] in shipped
    look = root.find("k:Document/k:LookAt", ns)
    assert look is not None
    lon = float(look.findtext("k:longitude", namespaces=ns) or "nan")
    lat = float(look.findtext("k:latitude", namespaces=ns) or "nan")
    assert -100 < lon < -50 and -20 < lat < 20  # between the United States and Chile
