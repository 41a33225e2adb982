"""The filters every export shares: time window, country, category and status."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import TypeAdapter

from tda_export.errors import UsageError
from tda_export.factbase import FactBase
from tda_export.filters import RecordFilter
from tda_export.fuzzydate import FuzzyDate
from tda_export.loader import load_factbase
from tda_export.models import Figure, Place, Presence

SMALL_FACTS = Path(__file__).parent / "fixtures" / "small" / "facts"

# The small base, by date:
#   events    union-becomes-gang 2005/2011, guerrero-imprisoned-2013 2013,
#             olp-raids 2015/2017, wilmito-killing 2017-04, sucre-expansion 2018~,
#             tocoron-raid 2023-09-20
#   presence  presence-tocoron-prison 2013/.., presence-sucre 2018/..,
#             presence-maracay ../2023-09, presence-guiria (no period)
#   figures   troops-tocoron-raid 2023-09-20, inmate-fee (no date)
ALL_EVENTS = [
    "union-becomes-gang",
    "guerrero-imprisoned-2013",
    "olp-raids",
    "wilmito-killing",
    "sucre-expansion",
    "tocoron-raid",
]


@pytest.fixture(scope="module")
def base() -> FactBase:
    found, problems = load_factbase(SMALL_FACTS)
    assert problems == []
    return found


def kept(base: FactBase, **options: object) -> dict[str, list[str]]:
    chosen = RecordFilter.from_options(**options)  # type: ignore[arg-type]
    return {
        "events": [e.id for e in chosen.events(base)],
        "presence": [p.id for p in chosen.presence(base)],
        "figures": [f.id for f in chosen.figures(base)],
    }


def test_empty_filter_keeps_everything_in_order(base: FactBase) -> None:
    assert kept(base) == {
        "events": ALL_EVENTS,
        "presence": [
            "presence-guiria",
            "presence-maracay",
            "presence-sucre",
            "presence-tocoron-prison",
        ],
        "figures": ["inmate-fee", "troops-tocoron-raid"],
    }
    assert [p.id for p in RecordFilter().places(base)] == [
        "aragua",
        "guiria",
        "maracay",
        "sucre",
        "tocoron-prison",
        "venezuela",
    ]


def test_since_keeps_overlapping_spans_and_open_ends(base: FactBase) -> None:
    assert kept(base, since="2020") == {
        "events": ["tocoron-raid"],
        "presence": ["presence-maracay", "presence-sucre", "presence-tocoron-prison"],
        "figures": ["troops-tocoron-raid"],
    }


def test_until_keeps_open_starts(base: FactBase) -> None:
    assert kept(base, until="2013") == {
        "events": ["union-becomes-gang", "guerrero-imprisoned-2013"],
        "presence": ["presence-maracay", "presence-tocoron-prison"],
        "figures": [],
    }


def test_until_is_inclusive_at_its_precision(base: FactBase) -> None:
    assert "wilmito-killing" in kept(base, until="2017-04")["events"]
    assert "wilmito-killing" not in kept(base, until="2017-03")["events"]
    assert "wilmito-killing" in kept(base, until="2017-04-01")["events"]


def test_since_is_inclusive_at_its_precision(base: FactBase) -> None:
    assert "wilmito-killing" in kept(base, since="2017-04-30")["events"]
    assert "wilmito-killing" not in kept(base, since="2017-05")["events"]


def test_window_inside_a_range(base: FactBase) -> None:
    assert kept(base, since="2016", until="2016")["events"] == ["olp-raids"]


def test_window_after_an_open_start_ends(base: FactBase) -> None:
    assert "presence-maracay" not in kept(base, since="2023-10")["presence"]
    assert "presence-maracay" in kept(base, since="2023-09")["presence"]


def test_undated_records_only_without_a_window(base: FactBase) -> None:
    assert "presence-guiria" in kept(base)["presence"]
    assert "presence-guiria" not in kept(base, since="1900")["presence"]
    assert "presence-guiria" not in kept(base, until="2100")["presence"]
    assert "inmate-fee" not in kept(base, until="2100")["figures"]


def test_category(base: FactBase) -> None:
    assert kept(base, categories=["killing"])["events"] == ["wilmito-killing"]
    assert kept(base, categories=["founding", "expansion"])["events"] == [
        "union-becomes-gang",
        "sucre-expansion",
    ]


def test_category_applies_to_events_only(base: FactBase) -> None:
    found = kept(base, categories=["killing"])
    assert len(found["presence"]) == 4
    assert len(found["figures"]) == 2


def test_status(base: FactBase) -> None:
    assert kept(base, statuses=["alleged"]) == {
        "events": ["wilmito-killing", "sucre-expansion"],
        "presence": ["presence-sucre"],
        "figures": [],
    }
    assert kept(base, statuses=["outdated", "disputed"]) == {
        "events": [],
        "presence": ["presence-tocoron-prison"],
        "figures": ["inmate-fee", "troops-tocoron-raid"],
    }


def test_filters_combine(base: FactBase) -> None:
    found = kept(base, since="2015", categories=["security-operation"], statuses=["reported"])
    assert found["events"] == ["olp-raids", "tocoron-raid"]


CITATIONS = [{"source": "profile", "quote": "presumed members of the group"}]


@pytest.fixture(scope="module")
def two_countries(base: FactBase) -> FactBase:
    bogota = TypeAdapter(Place).validate_python(
        {
            "id": "bogota",
            "name": "Bogotá",
            "kind": "city",
            "country": "CO",
            "point": [-74.08175, 4.60971],
            "precision": "locality",
            "uncertainty_m": 20000,
            "citations": CITATIONS,
        }
    )
    presence = TypeAdapter(Presence).validate_python(
        {"id": "presence-bogota", "place": "bogota", "status": "alleged", "citations": CITATIONS}
    )
    figure = TypeAdapter(Figure).validate_python(
        {
            "id": "countries",
            "measure": "countries",
            "label": "Countries",
            "value": 8,
            "unit": "countries",
            "status": "reported",
            "citations": CITATIONS,
        }
    )
    records = {kind: list(items) for kind, items in base.records.items()}
    records["places"].append(bogota)
    records["presence"].append(presence)
    records["figures"].append(figure)
    return FactBase(records)


def test_country(two_countries: FactBase) -> None:
    assert kept(two_countries, countries=["co"]) == {
        "events": [],
        "presence": ["presence-bogota"],
        "figures": [],
    }
    venezuela = kept(two_countries, countries=["VE"])
    assert venezuela["events"] == ALL_EVENTS
    assert "presence-bogota" not in venezuela["presence"]
    assert venezuela["figures"] == ["inmate-fee", "troops-tocoron-raid"]
    both = kept(two_countries, countries=["VE", "CO"])
    assert len(both["presence"]) == 5
    assert [p.id for p in RecordFilter.from_options(countries=["CO"]).places(two_countries)] == [
        "bogota"
    ]


def test_figure_without_place_is_kept_without_country(two_countries: FactBase) -> None:
    assert "countries" in kept(two_countries)["figures"]
    assert "countries" not in kept(two_countries, countries=["VE", "CO"])["figures"]


def test_from_options() -> None:
    chosen = RecordFilter.from_options(
        since="2020", until="2023-09", countries=["ve", "Co"], statuses=["reported"]
    )
    assert chosen == RecordFilter(
        since=FuzzyDate.parse("2020"),
        until=FuzzyDate.parse("2023-09"),
        countries=frozenset({"VE", "CO"}),
        statuses=frozenset({"reported"}),
    )
    assert chosen.has_window
    assert not RecordFilter().has_window


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"since": "2020-13"},
            "--since: '2020-13' is not a date: month 13 does not exist; give YYYY, YYYY-MM or "
            "YYYY-MM-DD (2023, 2023-03 or 2023-03-13)",
        ),
        (
            {"until": "last year"},
            "--until: 'last year' is not a date this option takes; give YYYY, YYYY-MM or "
            "YYYY-MM-DD (2023, 2023-03 or 2023-03-13)",
        ),
        (
            {"since": "13/03/2023"},
            "--since: '13/03/2023' is not a date this option takes; give YYYY, YYYY-MM or "
            "YYYY-MM-DD (2023, 2023-03 or 2023-03-13)",
        ),
        (
            {"since": "2018/.."},
            "--since: '2018/..' is not a date this option takes; give YYYY, YYYY-MM or "
            "YYYY-MM-DD (2023, 2023-03 or 2023-03-13)",
        ),
        (
            {"since": "2025", "until": "2023"},
            "--since 2025 comes after --until 2023, so no date can match; did you mean "
            "--since 2023 --until 2025?",
        ),
        (
            {"since": "2023-07", "until": "2023-06-30"},
            "--since 2023-07 comes after --until 2023-06-30, so no date can match; did you mean "
            "--since 2023-06-30 --until 2023-07?",
        ),
    ],
)
def test_bad_dates_are_usage_errors(options: dict[str, str], message: str) -> None:
    with pytest.raises(UsageError) as excinfo:
        RecordFilter.from_options(**options)  # type: ignore[arg-type]
    assert str(excinfo.value) == message


def test_a_window_of_one_period_is_not_reversed() -> None:
    chosen = RecordFilter.from_options(since="2023-06", until="2023")
    assert chosen.has_window


@pytest.mark.parametrize("given", ["us", "US", "Us", "usa", "USA", " usa "])
def test_country_codes_alpha_2_and_alpha_3_in_any_case(given: str) -> None:
    assert RecordFilter.from_options(countries=[given]).countries == frozenset({"US"})


@pytest.mark.parametrize("given", ["uk", "XYZ", "Venezuela", ""])
def test_unknown_country_code_lists_the_base_countries(two_countries: FactBase, given: str) -> None:
    chosen = RecordFilter.from_options(countries=["ve", given])
    with pytest.raises(UsageError) as excinfo:
        chosen.check(two_countries)
    assert str(excinfo.value) == (
        f"--country: {given.strip().upper()!r} is not an ISO 3166-1 country code (two or "
        "three letters, e.g. VE or VEN); the fact base has places in CO, VE"
    )


def test_known_country_without_places_is_not_an_error(two_countries: FactBase) -> None:
    chosen = RecordFilter.from_options(countries=["MEX"])
    chosen.check(two_countries)
    assert list(chosen.events(two_countries)) == []
