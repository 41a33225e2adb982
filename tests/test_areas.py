"""The shipped drawn areas (tda_export/data/areas, scripts/make_areas.py)."""

from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path
from types import ModuleType

import pytest
import shapely
from shapely.geometry import Point, shape

from tda_export import geography
from tda_export.formats.maps.shapes import DrawnArea, Polygon, drawn_area

ROOT = Path(__file__).parent.parent
AREAS = ROOT / "tda_export" / "data" / "areas"


def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_areas", ROOT / "scripts/make_areas.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def area(code: str) -> DrawnArea:
    found = drawn_area(code)
    assert found is not None
    return found


def geometry(polygons: tuple[Polygon, ...]) -> shapely.Geometry:
    return shape({"type": "MultiPolygon", "coordinates": polygons})


def signed_area(ring: tuple[tuple[float, float], ...]) -> float:
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
    assert len(shipped) == len(geography.country_codes())


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
        for x, y in shapely.get_coordinates(geometry(drawn.polygons("full"))).tolist()
    )
    assert far <= drawn.radius_m < far + 1000


@pytest.mark.parametrize("code", ["VE", "CO", "CL", "TT", "VE-D", "VE-R", "CO-NSA"])
def test_full_detail_areas_are_the_bundled_areas_ccw(code: str) -> None:
    polygons = area(code).polygons("full")
    geom = geometry(polygons)
    assert geom.is_valid
    for polygon in polygons:
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
    for detail in ("web", "full"):
        assert geometry(area(code).polygons(detail)).intersects(near) == kept  # type: ignore[arg-type]


def test_zoom_to_presence_in_the_united_states_stays_on_the_americas() -> None:
    west, south, east, _ = geometry(area("US").polygons("full")).bounds
    assert west > -175 and east < -60 and south > 24  # Key West, not Hawaii


@pytest.mark.parametrize(
    ("code", "max_change"), [("VE-D", 0.006), ("TT", 0.01), ("US", 0.001), ("VE", 0.01)]
)
def test_web_areas_are_lighter_and_close_to_the_full_ones(code: str, max_change: float) -> None:
    full = geometry(area(code).polygons("full"))
    web = geometry(area(code).polygons("web"))
    assert web.is_valid
    assert shapely.get_num_coordinates(web) < shapely.get_num_coordinates(full)
    assert full.symmetric_difference(web).area / full.area < max_change
    for polygon in area(code).polygons("web"):
        outer, *holes = polygon
        assert signed_area(outer) > 0 and all(signed_area(h) < 0 for h in holes)


def test_areas_across_180_degrees_are_clipped_to_the_americas() -> None:
    from tda_export.formats.maps.shapes import clipped_area

    bundled = geography.area("US")
    assert bundled.bounds[2] > 170  # the Aleutians west of 180° (east longitudes)
    for detail in ("web", "full"):
        west, _, east, _ = geometry(area("US").polygons(detail)).bounds  # type: ignore[arg-type]
        assert west >= -180 and east < -60
    # only the far islands go: less than a thousandth of the area
    assert clipped_area("US").area > bundled.area * 0.999
    assert geometry(area("US").polygons("full")).area > bundled.area * 0.99  # Hawaii: < 1%


def test_the_quick_near_test_agrees_with_the_nearest_points() -> None:
    """A part within the planar bound is within 500 km by the haversine of nearest points."""
    from shapely.ops import nearest_points

    make = script()
    land = geometry(area("CA").polygons("full"))
    for lon, lat in [(-60.0, 47.0), (-70.0, 80.0), (-140.0, 70.0), (-50.0, 40.0)]:
        part = shapely.Point(lon, lat).buffer(0.05)
        a, b = nearest_points(part, land)
        exact = geography.distance_m((a.x, a.y), (b.x, b.y)) <= make.OUTLYING_M
        if shapely.dwithin(part, land, make._SURELY_NEAR_DEG):
            assert exact
        assert make._near(part, land) == exact
