"""The pydantic fact schema: geometry and figure rules, dates, lookups and ordering."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from tda_export.factbase import FactBase
from tda_export.fuzzydate import FuzzyDate
from tda_export.models import (
    RECORD_TYPES,
    Actor,
    Event,
    Figure,
    Place,
    Source,
    chronological_key,
)
from tda_export.origin import Origin

CITATIONS = [{"source": "profile", "quote": "Its headquarters are in the Tocorón prison"}]


def place(**fields: Any) -> Place:
    data: dict[str, Any] = {
        "id": "maracay",
        "name": "Maracay",
        "kind": "city",
        "country": "VE",
        "state": "VE-D",
        "precision": "exact",
        "citations": CITATIONS,
    }
    return TypeAdapter(Place).validate_python({**data, **fields})


def event(id: str = "raid", date: Any = "2023-09-20", **fields: Any) -> Event:
    data: dict[str, Any] = {
        "id": id,
        "title": "Raid",
        "date": date,
        "category": "security-operation",
        "summary": "Security forces entered the prison.",
        "status": "reported",
        "citations": CITATIONS,
    }
    return TypeAdapter(Event).validate_python({**data, **fields})


def figure(**fields: Any) -> Figure:
    data: dict[str, Any] = {
        "id": "troops",
        "measure": "troops",
        "label": "Personnel",
        "unit": "personnel",
        "status": "reported",
        "citations": CITATIONS,
    }
    return TypeAdapter(Figure).validate_python({**data, **fields})


def source(id: str = "profile", **fields: Any) -> Source:
    data: dict[str, Any] = {
        "id": id,
        "title": "Tren de Aragua",
        "kind": "profile",
        "language": "en",
        "archive": {"file": "profile.txt", "sha256": "0" * 64},
    }
    return TypeAdapter(Source).validate_python({**data, **fields})


def actor(id: str = "hector-guerrero") -> Actor:
    return TypeAdapter(Actor).validate_python(
        {
            "id": id,
            "name": "Héctor Guerrero Flores",
            "kind": "person",
            "relations": [
                {"relation": "leader", "citations": CITATIONS},
                {"relation": "member", "status": "disputed", "citations": CITATIONS * 2},
            ],
        }
    )


def errors(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[tuple[Any, ...], str]]:
    return [(tuple(e["loc"]), e["msg"]) for e in exc.value.errors()]


# -- places ---------------------------------------------------------------------------------
def test_exact_point_needs_no_uncertainty() -> None:
    assert place(point=[-67.59475, 10.24972]).point == (-67.59475, 10.24972)


def test_approximate_point_with_uncertainty() -> None:
    found = place(point=[-67.6, 10.2], precision="locality", uncertainty_m=10_000)
    assert found.uncertainty_m == 10_000


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"kind": "state", "precision": "admin1", "point": [-67.6, 10.2]},
            "Value error, a state is drawn as its area: remove the point",
        ),
        (
            {"kind": "country", "state": None, "precision": "country", "point": [-66, 7]},
            "Value error, a country is drawn as its area: remove the point",
        ),
        (
            {"point": [-67.6, 10.2], "precision": "locality"},
            "Value error, a point of precision 'locality' needs uncertainty_m",
        ),
        ({"uncertainty_m": 500}, "Value error, uncertainty_m needs a point"),
        ({"state": "CO-DC"}, "Value error, state CO-DC is not in country VE"),
    ],
)
def test_place_rules(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        place(**fields)
    assert errors(excinfo) == [((), message)]


def test_point_ranges() -> None:
    with pytest.raises(ValidationError) as excinfo:
        place(point=[-200, 100])
    assert errors(excinfo) == [
        (("point", 0), "Input should be greater than or equal to -180"),
        (("point", 1), "Input should be less than or equal to 90"),
    ]


def test_unknown_field_is_refused() -> None:
    with pytest.raises(ValidationError) as excinfo:
        place(lat=10)
    assert errors(excinfo) == [(("lat",), "Unexpected keyword argument")]


def test_where_a_record_was_read_is_not_a_field_of_the_file() -> None:
    with pytest.raises(ValidationError) as excinfo:
        place(origin="facts/places.yaml")
    assert errors(excinfo) == [(("origin",), "Unexpected keyword argument")]
    assert "origin" not in json.dumps(TypeAdapter(Place).json_schema())


def test_records_are_frozen() -> None:
    found = place()
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.name = "Caracas"  # type: ignore[misc]
    assert not hasattr(found, "__dict__")  # slotted: no per-record dict


def test_a_record_needs_a_citation() -> None:
    with pytest.raises(ValidationError) as excinfo:
        place(citations=[])
    assert [e["type"] for e in excinfo.value.errors()] == ["too_short"]


def test_slug_ids() -> None:
    with pytest.raises(ValidationError) as excinfo:
        place(id="Maracay City")
    assert [e["type"] for e in excinfo.value.errors()] == ["string_pattern_mismatch"]
    with pytest.raises(ValidationError):
        place(id="double--hyphen")


# -- figures --------------------------------------------------------------------------------
def test_figure_value_or_range() -> None:
    assert figure(value=11000).value == 11000
    assert (figure(low=10).low, figure(low=10).high) == (10, None)
    assert figure(low=5, high=10).high == 10


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Value error, give a value, or low and/or high"),
        ({"value": 3, "low": 1}, "Value error, give either a value or low/high, not both"),
        ({"low": 10, "high": 5}, "Value error, low (10) is greater than high (5)"),
    ],
)
def test_figure_rules(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        figure(**fields)
    assert errors(excinfo) == [((), message)]


# -- dates ----------------------------------------------------------------------------------
def test_year_as_integer() -> None:
    found = event(date=2013)
    assert found.date == FuzzyDate.parse("2013")
    assert TypeAdapter(Event).dump_python(found, mode="json")["date"] == "2013"


def test_date_mapping_round_trips() -> None:
    written = {"value": "2024-06/2024-08", "display": "summer 2024", "note": "last summer"}
    found = event(date=written)
    assert (found.date.text, found.date.display, found.date.note) == (
        "2024-06/2024-08",
        "summer 2024",
        "last summer",
    )
    assert TypeAdapter(Event).dump_python(found, mode="json")["date"] == written
    assert (
        TypeAdapter(Event).dump_python(event(date={"value": 2018}), mode="json")["date"] == "2018"
    )


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2023-02-30", "Value error, '2023-02-30' is not a date: February 2023 has 28 days"),
        (True, "Value error, True is not a date string"),
        (20.5, "Value error, 20.5 is not a date string"),
        ({"display": "2013"}, "Value error, a date mapping needs a 'value'"),
        (
            {"value": "2013", "when": "x"},
            "Value error, unknown key 'when' in a date (use value, display, note)",
        ),
        ({"value": "2013", "note": 5}, "Value error, a date's note must be text"),
    ],
)
def test_bad_dates(date: Any, message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        event(date=date)
    assert errors(excinfo) == [(("date",), message)]


def test_optional_dates() -> None:
    assert source().published is None
    assert source(published="2023-10").published == FuzzyDate.parse("2023-10")


# -- origins, actors, the fact base -----------------------------------------------------------
def test_origin_line_of_deepest_known_prefix() -> None:
    origin = Origin("facts/events.yaml", 10, field_lines={("citations",): 14, ("citations", 0): 15})
    assert origin.line_of("citations", 0, "quote") == 15
    assert origin.line_of("citations", 1) == 14
    assert origin.line_of("title") == 10


def test_record_built_in_code_has_a_memory_origin() -> None:
    assert (event().origin.file, event().origin.line) == ("<memory>", 0)


def test_actor_citations_flatten_every_relation() -> None:
    assert len(actor().citations) == 3


def test_factbase_lookup_and_counts() -> None:
    base = FactBase(
        {"sources": [source()], "places": [place()], "actors": [actor()], "events": [event()]},
        invalid_ids={"broken"},
    )
    assert base.source("profile").title == "Tren de Aragua"
    assert base.place("maracay").name == "Maracay"
    assert base.actor("hector-guerrero").kind == "person"
    assert [r.id for r in base.all()] == ["profile", "maracay", "hector-guerrero", "raid"]
    assert base.counts() == {
        "sources": 1,
        "places": 1,
        "actors": 1,
        "events": 1,
        "presence": 0,
        "figures": 0,
    }
    assert base.invalid_ids == frozenset({"broken"})
    with pytest.raises(KeyError):
        base.place("profile")
    with pytest.raises(KeyError):
        base.source("nowhere")


def test_factbase_keeps_the_first_of_duplicate_ids() -> None:
    first, second = event("raid", "2013"), event("raid", "2014")
    found = FactBase({"events": [first, second]}).by_id["raid"]
    assert found == first
    assert found != second


def test_record_types_cover_every_file_kind() -> None:
    assert list(RECORD_TYPES) == [
        "sources",
        "places",
        "actors",
        "events",
        "presence",
        "figures",
        "coverage",
    ]


def test_chronological() -> None:
    events = [
        event("b", "2018/.."),
        event("c", "2013"),
        event("a", "2013"),
        event("d", "2012-05-01"),
        event("e", "2013-02"),
    ]
    assert [e.id for e in sorted(events, key=chronological_key)] == ["d", "a", "c", "e", "b"]
