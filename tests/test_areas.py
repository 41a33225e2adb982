"""The shipped drawn areas (tda_export/data/areas, scripts/make_areas.py)."""

from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path
from types import ModuleType
from typing import Any

import msgspec
import pytest
import shapely
from shapely.geometry import Point, shape

from tda_export import geography
from tda_export.formats.maps.shapes import DrawnArea, Outline, drawn_area

ROOT = Path(__file__).parent.parent
AREAS = ROOT / "tda_export" / "data" / "areas"


def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_areas", ROOT / "scripts/make_areas.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def area(code: str, kind: Outline = "web") -> DrawnArea:
    found = drawn_area(code, kind)
    assert found is not None
    return found


def polygons(code: str, kind: Outline) -> Any:
    """The shipped outline of an area, decoded."""
    return msgspec.json.decode(area(code, kind).outline)


def geometry(coordinates: Any) -> shapely.Geometry:
    return shape({"type": "MultiPolygon", "coordinates": coordinates})


def signed_area(ring: list[list[float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring)) / 2


def every_code() -> list[str]:
    return [
        c
        for country in geography.country_codes()
        for c in (country, *geography.state_codes(country))
    ]


def test_shipped_areas_are_what_the_script_makes_from_the_boundaries() -> None:
    made = script().compute()
    shipped = {path.name: path.read_bytes() for path in AREAS.glob("*.json.gz")}
    assert made == shipped, "run python scripts/make_areas.py"
    assert len(shipped) == 3 * len(geography.country_codes())


@pytest.mark.parametrize("kind", ["web", "full", "page"])
def test_outlines_are_json_as_msgspec_writes_it(kind: Outline) -> None:
    """So that the GeoJSON writer can put an outline in as it is."""
    for code in ("VE", "US", "CA-NU", "EC", "VE-D"):
        text = bytes(area(code, kind).outline)
        assert msgspec.json.encode(msgspec.json.decode(text)) == text


def test_every_kind_has_the_same_point_and_radius() -> None:
    for code in ("VE", "US-AK", "CL-VS"):
        web, full, page = (area(code, kind) for kind in ("web", "full", "page"))
        assert (
            (web.point, web.radius_m) == (full.point, full.radius_m) == (page.point, page.radius_m)
        )


def test_every_bundled_area_is_shipped_and_nothing_else() -> None:
    assert drawn_area("VE-ZZ") is None and drawn_area("XX") is None
    for code in every_code():
        found = area(code)
        assert found.radius_m % 1000 == 0 and found.radius_m > 0
        assert all(round(c, 6) == c for c in found.point)


def test_area_points_lie_inside_their_areas() -> None:
    outside = [c for c in every_code() if not geography.area(c).contains(Point(area(c).point))]
    assert outside == []


@pytest.mark.parametrize("code", ["SV", "VE", "US", "VE-D", "CL-VS"])
def test_the_radius_holds_the_whole_drawn_area_around_its_point(code: str) -> None:
    drawn = area(code)
    far = max(
        geography.distance_m(drawn.point, (x, y))
        for x, y in shapely.get_coordinates(geometry(polygons(code, "full"))).tolist()
    )
    assert far <= drawn.radius_m < far + 1000


@pytest.mark.parametrize("code", ["VE", "CO", "CL", "TT", "VE-D", "VE-R", "CO-NSA"])
def test_full_detail_areas_are_the_bundled_areas_ccw(code: str) -> None:
    full = polygons(code, "full")
    geom = geometry(full)
    assert geom.is_valid
    for polygon in full:
        outer, *holes = polygon
        assert signed_area(outer) > 0
        assert all(signed_area(hole) < 0 for hole in holes)
        assert all(ring[0] == ring[-1] for ring in polygon)
    bundled = geography.area(code)
    assert bundled.covers(geom)
    if code in ("TT", "VE-D", "VE-R", "CO-NSA"):  # no island 500 km out
        assert geom.equals(bundled)


@pytest.mark.parametrize(
    ("code", "lon", "lat", "kept"),
    [
        ("US", -157.8, 21.3, False),  # Honolulu: Hawaii is not drawn for "the United States"
        ("US", -176.6, 51.9, False),  # Adak, in the outer Aleutians
        ("US", -149.9, 61.2, True),  # Anchorage: Alaska stays
        ("EC", -90.3, -0.7, False),  # Galápagos
        ("CL", -109.35, -27.1, False),  # Easter Island
        ("VE", -63.62, 15.67, False),  # Isla de Aves
        ("BR", -32.42, -3.85, True),  # Fernando de Noronha, 358 km out
    ],
)
def test_far_islands_are_left_out_of_drawn_areas(
    code: str, lon: float, lat: float, kept: bool
) -> None:
    near = shapely.Point(lon, lat).buffer(0.2)
    assert geography.area(code).intersects(near)  # the checks keep the whole boundary
    for kind in ("web", "full"):  # the pages draw the clipped areas whole
        assert geometry(polygons(code, kind)).intersects(near) == kept  # type: ignore[arg-type]


def test_zoom_to_presence_in_the_united_states_stays_on_the_americas() -> None:
    west, south, east, _ = geometry(polygons("US", "full")).bounds
    assert west > -175 and east < -60 and south > 24  # Key West, not Hawaii


@pytest.mark.parametrize(
    ("code", "max_change"), [("VE-D", 0.006), ("TT", 0.01), ("US", 0.001), ("VE", 0.01)]
)
def test_web_areas_are_lighter_and_close_to_the_full_ones(code: str, max_change: float) -> None:
    full = geometry(polygons(code, "full"))
    web = geometry(polygons(code, "web"))
    assert web.is_valid
    assert shapely.get_num_coordinates(web) < shapely.get_num_coordinates(full)
    assert full.symmetric_difference(web).area / full.area < max_change
    for polygon in polygons(code, "web"):
        outer, *holes = polygon
        assert signed_area(outer) > 0 and all(signed_area(h) < 0 for h in holes)


def test_areas_across_180_degrees_are_clipped_to_the_americas() -> None:
    from tda_export.formats.maps.shapes import clipped_area

    bundled = geography.area("US")
    assert bundled.bounds[2] > 170  # the Aleutians west of 180° (east longitudes)
    for detail in ("web", "full"):
        west, _, east, _ = geometry(polygons("US", detail)).bounds  # type: ignore[arg-type]
        assert west >= -180 and east < -60
    # only the far islands go: less than a thousandth of the area
    assert clipped_area("US").area > bundled.area * 0.999
    assert geometry(polygons("US", "full")).area > bundled.area * 0.99  # Hawaii: < 1%


def test_the_quick_near_test_agrees_with_the_nearest_points() -> None:
    """A part within the planar bound is within 500 km by the haversine of nearest points."""
    from shapely.ops import nearest_points

    make = script()
    land = geometry(polygons("CA", "full"))
    for lon, lat in [(-60.0, 47.0), (-70.0, 80.0), (-140.0, 70.0), (-50.0, 40.0)]:
        part = shapely.Point(lon, lat).buffer(0.05)
        a, b = nearest_points(part, land)
        exact = geography.distance_m((a.x, a.y), (b.x, b.y)) <= make.OUTLYING_M
        if shapely.dwithin(part, land, make._SURELY_NEAR_DEG):
            assert exact
        assert make._near(part, land) == exact
