"""The map core (tda_export.formats.maps.mapping) and the GeoJSON writer."""

from __future__ import annotations

import io
import itertools
import json
import math
import os
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import shape

from tda_export.errors import UsageError
from tda_export.factbase import FactBase
from tda_export.filters import RecordFilter
from tda_export.formats.maps import mapping, shapes
from tda_export.formats.maps.context import MapContext, layer_features
from tda_export.formats.maps.geojson import LAYERS, geojson_lines, write_geojson
from tda_export.formats.maps.mapping import FIELDS, MapFeature, date_properties
from tda_export.formats.maps.shapes import (
    MIN_RADIUS_M,
    circle,
    circle_fits,
    drawn_area,
    place_shape,
)
from tda_export.fuzzydate import FuzzyDate
from tda_export.geography import EARTH_RADIUS_M
from tda_export.models import Place
from tda_export.validation import load_checked

HERE = Path(__file__).parent
EXPECTED = HERE / "expected" / "geojson"
MAPS = HERE / "fixtures" / "maps" / "facts"


def assert_golden(path: Path, text: str) -> None:
    """Compare with a golden file; TDA_UPDATE_GOLDEN=1 rewrites it (deliberately)."""
    if os.environ.get("TDA_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    assert path.read_text(encoding="utf-8") == text, f"{path} differs"


@pytest.fixture(scope="module")
def small_base() -> FactBase:
    return load_checked(HERE / "fixtures" / "small" / "facts")


@pytest.fixture(scope="module")
def maps_base() -> FactBase:
    return load_checked(MAPS)


def render(base: FactBase, layer: str, record_filter: RecordFilter | None = None, **kw: Any) -> str:
    buf = io.StringIO()
    write_geojson(base, buf, layer, record_filter, **kw)
    return buf.getvalue()


def features(base: FactBase, layer: str, **filters: Any) -> list[dict[str, Any]]:
    record_filter = RecordFilter.from_options(**filters) if filters else None
    return json.loads(render(base, layer, record_filter))["features"]  # type: ignore[no-any-return]


def haversine_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def signed_area(ring: list[list[float]] | tuple[tuple[float, float], ...]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring)) / 2


def place(**kw: Any) -> Place:
    data: dict[str, Any] = {
        "id": "p",
        "name": "P",
        "kind": "city",
        "country": "VE",
        "precision": "locality",
        "citations": [{"source": "s", "quote": "abc"}],
    }
    data.update(kw)
    return Place(**data)


# -- geometry ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lon", "lat", "radius"), [(-67.59475, 10.24972, 35_000), (-70.0, -50.0, 100), (0, 0, 1e6)]
)
def test_circle_is_a_closed_ccw_ring_at_the_radius(lon: float, lat: float, radius: float) -> None:
    ring = circle(lon, lat, radius)
    assert ring is not None
    assert len(ring) == shapes.CIRCLE_VERTICES + 1
    assert ring[0] == ring[-1]
    assert signed_area(ring) > 0  # counter-clockwise
    for point in ring:
        assert haversine_m((lon, lat), point) == pytest.approx(radius, rel=1e-4, abs=0.2)
        assert all(round(c, 6) == c for c in point)
    assert shape({"type": "Polygon", "coordinates": [ring]}).is_valid


def test_circle_starts_north_then_turns_west() -> None:
    ring = circle(-66.0, 10.0, 10_000)
    assert ring is not None
    assert ring[0][0] == -66.0 and ring[0][1] > 10.0
    assert ring[1][0] < -66.0  # the next vertex is west of north: counter-clockwise


@pytest.mark.parametrize(
    ("lon", "lat", "radius"),
    [(179.99, 60.0, 5_000), (-179.99, 52.0, 20_000), (0.0, 89.99, 5_000), (10.0, -90.0, 1)],
)
def test_circle_refuses_antimeridian_and_poles(lon: float, lat: float, radius: float) -> None:
    assert circle(lon, lat, radius) is None
    assert not circle_fits(lon, lat, radius)


@pytest.mark.parametrize("lon", [-180.0, -179.95, -179.9, 0.0, 179.9, 179.95, 179.99, 180.0])
@pytest.mark.parametrize("lat", [-89.9, -60.0, 0.0, 51.9, 89.0])
@pytest.mark.parametrize("radius", [100, 5_000, 30_000, 1_000_000])
def test_circle_fits_exactly_when_a_circle_is_drawn(lon: float, lat: float, radius: int) -> None:
    """The quick test agrees with drawing the circle, near the antimeridian and poles too."""
    assert circle_fits(lon, lat, radius) is (circle(lon, lat, radius) is not None)


def test_place_shape_circle_for_a_point() -> None:
    drawn = place_shape(place(point=(-67.59475, 10.24972), uncertainty_m=10_000, state="VE-D"))
    assert (drawn.drawn_as, drawn.area_code, drawn.radius_m) == ("circle", None, 10_000)


def test_place_shape_exact_point_gets_the_minimum_radius() -> None:
    drawn = place_shape(place(point=(-67.6, 10.25), precision="exact"))
    assert (drawn.drawn_as, drawn.radius_m) == ("circle", MIN_RADIUS_M)
    ring = json.loads(drawn.outline())[0][0]
    assert haversine_m((-67.6, 10.25), ring[5]) == pytest.approx(MIN_RADIUS_M, abs=0.2)


def test_place_shape_small_uncertainty_is_drawn_at_least_the_minimum() -> None:
    drawn = place_shape(place(point=(-67.6, 10.25), uncertainty_m=5))
    assert drawn.radius_m == MIN_RADIUS_M


def test_place_shape_falls_back_to_state_then_country() -> None:
    state = place_shape(place(kind="prison", state="VE-D", precision="admin1"))
    assert (state.drawn_as, state.area_code, state.precision) == ("admin1", "VE-D", "admin1")
    area = drawn_area("VE-D")
    assert area is not None and state.outline() == bytes(area.outline)
    assert state.point == area.point and state.uncertainty_m == area.radius_m
    assert not state.own_area  # a prison in Aragua is not Aragua
    country = place_shape(place(kind="military-base", precision="country"))
    assert (country.drawn_as, country.area_code, country.precision) == ("country", "VE", "country")
    assert place_shape(place(kind="country", precision="country")).own_area


def test_point_precision_and_uncertainty_are_the_places_own() -> None:
    drawn = place_shape(
        place(point=(-67.59475, 10.24972), uncertainty_m=35_000, precision="admin2")
    )
    assert (drawn.point, drawn.precision, drawn.uncertainty_m) == (
        (-67.59475, 10.24972),
        "admin2",
        35_000,
    )
    exact = place_shape(place(point=(-67.6, 10.25), precision="exact"))
    assert (exact.precision, exact.uncertainty_m) == ("exact", 0)
    assert mapping.GEO_PRECISIONS == {
        "exact": 1,
        "locality": 1,
        "admin2": 2,
        "admin1": 3,
        "country": 3,
    }


def test_place_shape_circle_across_the_antimeridian_falls_back_to_the_area() -> None:
    drawn = place_shape(
        place(country="US", state="US-AK", point=(179.9, 51.9), uncertainty_m=30_000)
    )
    assert (drawn.drawn_as, drawn.area_code) == ("admin1", "US-AK")


# -- properties ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2013", ("2013", "year", "single", "2013-01-01T00:00:00", "2013-12-31T23:59:59")),
        (
            "2024-02",
            ("February 2024", "month", "single", "2024-02-01T00:00:00", "2024-02-29T23:59:59"),
        ),
        (
            "2023-09-20",
            ("20 September 2023", "day", "single", "2023-09-20T00:00:00", "2023-09-20T23:59:59"),
        ),
        (
            "2015/2017-03",
            ("2015–March 2017", "year", "range", "2015-01-01T00:00:00", "2017-03-31T23:59:59"),
        ),
        ("2018/..", ("since 2018", "year", "open-end", "2018-01-01T00:00:00", mapping.OPEN_END)),
        (
            "../2023-09",
            (
                "until September 2023",
                "month",
                "open-start",
                mapping.OPEN_START,
                "2023-09-30T23:59:59",
            ),
        ),
    ],
)
def test_date_properties(text: str, expected: tuple[str | None, ...]) -> None:
    props = date_properties(FuzzyDate.parse(text))
    assert props["date"] == text
    got = tuple(props[k] for k in ("date_display", "date_precision", "date_kind"))
    assert (*got, props["date_start"], props["date_end"]) == expected


def test_date_properties_undated() -> None:
    props = date_properties(None)
    assert (props.pop("date_start"), props.pop("date_end")) == (
        "0001-01-01T00:00:00",
        "9999-12-31T23:59:59",
    )
    assert set(props.values()) == {None}


@pytest.mark.parametrize("layer", LAYERS)
def test_every_feature_has_the_layer_keys_in_order(maps_base: FactBase, layer: str) -> None:
    names = [name for name, _ in FIELDS[layer]]
    found = list(layer_features(maps_base, layer))
    assert found
    for feature in found:
        assert list(feature.properties) == names
        for name, kind in FIELDS[layer]:
            value = feature.properties[name]
            expected = {"string": str, "int": int, "double": float}[kind]
            assert value is None or type(value) is expected, (name, value)


def test_layer_features_rejects_an_unknown_layer(small_base: FactBase) -> None:
    with pytest.raises(UsageError, match="unknown layer 'people': choose one of presence, events"):
        layer_features(small_base, "people")


def test_write_geojson_rejects_an_unknown_layer(small_base: FactBase) -> None:
    buf = io.StringIO()
    with pytest.raises(UsageError):
        write_geojson(small_base, buf, "people")
    assert buf.getvalue() == ""


# -- layers -----------------------------------------------------------------------------------
def test_presence_layer(maps_base: FactBase) -> None:
    found = features(maps_base, "presence")
    assert [f["id"] for f in found] == [
        "presence-cucuta",
        "presence-trinidad",
        "presence-aragua",
        "presence-base",
    ]
    by_id = {f["id"]: f["properties"] for f in found}
    aragua = by_id["presence-aragua"]
    assert aragua["activities"] == "headquarters, extortion"
    assert (aragua["date_start"], aragua["date_end"]) == ("2013-01-01T00:00:00", mapping.OPEN_END)
    assert (aragua["geo_precision_acled"], aragua["label"]) == (3, "Aragua")
    assert (aragua["drawn_as"], aragua["area_code"], aragua["geo_precision"]) == (
        "admin1",
        "VE-D",
        "admin1",
    )
    base = by_id["presence-base"]
    assert base["date"] is None and base["activities"] is None
    assert (base["drawn_as"], base["area_code"]) == ("country", "VE")
    assert base["note"] == "Undated & unconfirmed."
    cucuta = by_id["presence-cucuta"]
    assert (cucuta["drawn_as"], cucuta["uncertainty_m"], cucuta["area_code"]) == (
        "circle",
        8000,
        None,
    )


def test_events_layer_has_one_feature_per_event_and_place(maps_base: FactBase) -> None:
    found = features(maps_base, "events")
    assert [f["id"] for f in found] == [
        "border-clash.cucuta",  # CO
        "trinidad-arrests.trinidad-and-tobago",  # TT
        "prison-expansion.unnamed-prison",  # VE, by date
        "prison-expansion.secret-base",
        "office-raid.1st-street-office",
        "border-clash.maracay",
    ]
    clash = [f["properties"] for f in found if f["properties"]["id"] == "border-clash"]
    assert [p["place_id"] for p in clash] == ["cucuta", "maracay"]
    assert all(p["places"] == "maracay, cucuta" for p in clash)
    assert clash[0]["sources"] == "report, 2nd-source"
    assert clash[0]["citations"].splitlines()[0] == (
        "report: fighting spread ]]> across the border <script>alert(1)</script>"
    )


def test_events_without_a_place_are_left_out(
    maps_base: FactBase, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("INFO", logger="tda_export.formats.maps.context"):
        found = features(maps_base, "events")
    assert "policy-statement" not in {f["properties"]["id"] for f in found}
    assert "1 event(s) without a place are not drawn on the map" in caplog.text


def test_country_filter_draws_only_the_places_in_that_country(maps_base: FactBase) -> None:
    found = features(maps_base, "events", countries=["co"])
    assert [f["id"] for f in found] == ["border-clash.cucuta"]
    assert [f["id"] for f in features(maps_base, "places", countries=["TT"])] == [
        "trinidad-and-tobago"
    ]


def test_time_status_and_category_filters(maps_base: FactBase) -> None:
    assert [f["id"] for f in features(maps_base, "events", since="2024")] == [
        "border-clash.cucuta",
        "border-clash.maracay",
    ]
    assert [f["id"] for f in features(maps_base, "events", until="2022")] == [
        "trinidad-arrests.trinidad-and-tobago",
        "prison-expansion.unnamed-prison",
        "prison-expansion.secret-base",
    ]
    assert [f["id"] for f in features(maps_base, "events", categories=["arrest"])] == [
        "trinidad-arrests.trinidad-and-tobago"
    ]
    assert [f["id"] for f in features(maps_base, "presence", statuses=["outdated"])] == [
        "presence-cucuta"
    ]
    # an undated presence is kept only without a time window
    assert "presence-base" not in {f["id"] for f in features(maps_base, "presence", since="2000")}


def test_places_layer(maps_base: FactBase) -> None:
    found = {f["id"]: f["properties"] for f in features(maps_base, "places")}
    assert list(found) == [
        "cucuta",
        "trinidad-and-tobago",
        "1st-street-office",
        "aragua",
        "maracay",
        "secret-base",
        "unnamed-prison",
        "venezuela",
    ]
    office = found["1st-street-office"]
    assert (office["lon"], office["lat"], office["uncertainty_m"]) == (-67.6, 10.25, 0)
    assert (office["geo_precision"], office["drawn_as"]) == ("exact", "circle")
    assert found["venezuela"]["lon"] is None
    assert found["maracay"]["parent"] == "aragua"
    assert "date" not in office and "status" not in office


# -- GeoJSON text -------------------------------------------------------------------------------
@pytest.mark.parametrize("layer", LAYERS)
def test_small_golden(small_base: FactBase, layer: str) -> None:
    assert_golden(EXPECTED / f"small-{layer}.geojson", render(small_base, layer))


@pytest.mark.parametrize("layer", LAYERS)
def test_maps_golden(maps_base: FactBase, layer: str) -> None:
    assert_golden(EXPECTED / f"maps-{layer}.geojson", render(maps_base, layer))


def test_small_seq_golden(small_base: FactBase) -> None:
    assert_golden(EXPECTED / "small-events.geojsons", render(small_base, "events", seq=True))


def test_collection_layout(small_base: FactBase) -> None:
    text = render(small_base, "presence")
    lines = text.split("\n")
    assert lines[0] == '{"type":"FeatureCollection","features":['
    assert lines[-2:] == ["]}", ""]
    assert all(line.endswith(",") for line in lines[1:-3])
    assert len(lines) == 4 + 3  # 4 features, header, footer, final newline


def test_empty_collection_is_valid_json(small_base: FactBase) -> None:
    text = render(small_base, "events", RecordFilter.from_options(countries=["CO"]))
    assert text == '{"type":"FeatureCollection","features":[\n]}\n'
    assert json.loads(text) == {"type": "FeatureCollection", "features": []}
    assert render(small_base, "events", RecordFilter.from_options(countries=["CO"]), seq=True) == ""


def test_sequence_records(small_base: FactBase) -> None:
    text = render(small_base, "places", seq=True)
    records = text.split("\x1e")
    assert records[0] == ""
    assert len(records) == 1 + 6
    assert all(r.endswith("}\n") and r.count("\n") == 1 for r in records[1:])
    assert [json.loads(r)["id"] for r in records[1:]] == [
        f["id"] for f in features(small_base, "places")
    ]


def test_feature_text_is_compact_json_with_sorted_keys(maps_base: FactBase) -> None:
    found = list(layer_features(maps_base, "events"))
    lines = list(geojson_lines(iter(found)))
    for feature, line in zip(found, lines, strict=True):
        parsed = json.loads(line)
        assert parsed["type"] == "Feature"
        assert parsed["id"] == feature.key
        assert parsed["properties"] == feature.properties
        assert parsed["geometry"] == {
            "coordinates": json.loads(feature.shape.outline()),
            "type": "MultiPolygon",
        }
        assert line == json.dumps(parsed, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def test_floats_are_written_as_msgspec_writes_them() -> None:
    """Fixed point for small numbers (``0.00005``), not Python's ``5e-05``."""
    shape = place_shape(place(point=(0.00005, -0.00001), precision="exact"))
    props = {name: None for name, _ in FIELDS["places"]} | {"lon": 0.00005, "lat": -0.00001}
    feature = MapFeature("places", "p", "VE", shape, None, props, ())
    line = next(geojson_lines(iter([feature]), "point"))
    assert '"coordinates":[0.00005,-0.00001]' in line
    assert '"lat":-0.00001' in line and '"lon":0.00005' in line


def test_write_returns_the_count(maps_base: FactBase) -> None:
    counts = {layer: write_geojson(maps_base, io.StringIO(), layer) for layer in LAYERS}
    assert counts == {"presence": 4, "events": 6, "places": 8}
    assert write_geojson(maps_base, io.StringIO(), "events", seq=True) == 6


def test_each_feature_keeps_its_own_date_wording() -> None:
    """Equal dates are worked out once per export, but a date's wording is part of it."""
    base = load_checked(HERE.parent / "facts")
    periods = {rec.id: rec.period for rec in base.presence}
    wordings = {(p.text, p.words()) for p in periods.values() if p is not None}
    assert len(wordings) > len({text for text, _ in wordings})  # same text, other words
    for feature in layer_features(base, "presence"):
        period = periods[feature.key]
        assert feature.properties["date_display"] == (period.words() if period else None)


def test_output_is_deterministic(maps_base: FactBase) -> None:
    first = render(load_checked(MAPS), "events")
    assert render(maps_base, "events") == first


def test_default_geometries(maps_base: FactBase) -> None:
    kinds = {layer: {f["geometry"]["type"] for f in features(maps_base, layer)} for layer in LAYERS}
    assert kinds == {"presence": {"MultiPolygon"}, "events": {"Point"}, "places": {"Point"}}


def test_point_and_area_forms_of_a_feature_agree(maps_base: FactBase) -> None:
    points = json.loads(render(maps_base, "events", geometry="point"))["features"]
    areas = json.loads(render(maps_base, "events", geometry="area"))["features"]
    assert [f["properties"] for f in points] == [f["properties"] for f in areas]
    for point, area in zip(points, areas, strict=True):
        assert shape(area["geometry"]).buffer(1e-6).contains(shape(point["geometry"]))


@pytest.mark.parametrize("form", ["point", "area"])
@pytest.mark.parametrize("layer", LAYERS)
def test_rfc7946_rules(maps_base: FactBase, layer: str, form: str) -> None:
    """What the JSON Schema cannot check: no crs, 6 decimals, ranges, closure, winding."""
    text = render(maps_base, layer, geometry=form)
    data = json.loads(text)
    assert set(data) == {"type", "features"}
    for feature in data["features"]:
        assert set(feature) == {"type", "id", "geometry", "properties"}
        geometry = feature["geometry"]
        if form == "point":
            assert geometry["type"] == "Point"
            lon, lat = geometry["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
            assert round(lon, 6) == lon and round(lat, 6) == lat
            continue
        assert geometry["type"] == "MultiPolygon"
        assert shape(geometry).is_valid
        for polygon in geometry["coordinates"]:
            for i, ring in enumerate(polygon):
                assert ring[0] == ring[-1] and len(ring) >= 4
                assert (signed_area(ring) > 0) == (i == 0)
                for lon, lat in ring:
                    assert -180 <= lon <= 180 and -90 <= lat <= 90
                    assert round(lon, 6) == lon and round(lat, 6) == lat
        for key in ("date_start", "date_end"):
            value = feature["properties"].get(key)
            if value is not None:
                datetime.fromisoformat(value)
    assert "crs" not in text


def test_writer_streams(small_base: FactBase, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each feature is written before the next one is produced."""
    events: list[str] = []
    real = MapContext.features

    def spy(*args: Any, **kwargs: Any) -> Any:
        for feature in real(*args, **kwargs):
            events.append(f"produced {feature.key}")
            yield feature

    class Recorder(io.StringIO):
        def write(self, text: str) -> int:
            if '"type":"Feature"' in text:
                events.append("written " + json.loads(text.lstrip(",\n\x1e"))["id"])
            return super().write(text)

    monkeypatch.setattr(MapContext, "features", spy)
    write_geojson(small_base, Recorder(), "places")
    assert events[:4] == [
        "produced aragua",
        "written aragua",
        "produced guiria",
        "written guiria",
    ]


@pytest.mark.parametrize("status", ["reported", "alleged", "disputed", "outdated"])
def test_a_label_with_its_place_and_status_stays_within_40_characters(status: str) -> None:
    """The place gives way so that the status and 12 characters of the title fit."""
    from tda_export.formats.maps.mapping import LABEL_MAX, place_label

    label = place_label(
        "Venezuelans sent there as alleged members", "Maximum-security prison in El Salvador",
        status,
    )  # fmt: skip
    assert len(label) <= LABEL_MAX
    where, rest = label.split(" \u2014 ")
    assert where.startswith("Maximum") and rest.startswith("Venezuelans")
    assert rest.endswith("" if status == "reported" else f" ({status})")
    assert len(rest.removesuffix(f" ({status})")) >= 12
