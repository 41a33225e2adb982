"""Cross-record checks as a library: integrity, geography, citations, time."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from tda_export.archive import normalise
from tda_export.checks import (
    check_citations,
    check_geography,
    check_integrity,
    check_time,
    citations_of,
    run_checks,
)
from tda_export.errors import FactBaseError, Problem
from tda_export.factbase import FactBase
from tda_export.loader import load_factbase
from tda_export.models import Actor, Event, Place, Source
from tda_export.validation import load_checked, validate

SMALL = Path(__file__).parent / "fixtures" / "small"
QUOTE = "Its headquarters are in the Tocorón prison in Aragua state"
CITATIONS = [{"source": "profile", "quote": QUOTE}]


@pytest.fixture(scope="module")
def small_base() -> FactBase:
    base, problems = load_factbase(SMALL / "facts")
    assert problems == []
    return base


def source(id: str = "profile", **fields: Any) -> Source:
    data: dict[str, Any] = {
        "id": id,
        "title": "Profile",
        "kind": "profile",
        "language": "en",
        "archive": {"file": f"{id}.txt", "sha256": "0" * 64},
    }
    return TypeAdapter(Source).validate_python({**data, **fields})


def place(id: str, parent: str | None = None, country: str = "VE", **fields: Any) -> Place:
    data: dict[str, Any] = {
        "id": id,
        "name": id.title(),
        "kind": "region",
        "country": country,
        "parent": parent,
        "precision": "region",
        "citations": CITATIONS,
    }
    return TypeAdapter(Place).validate_python({**data, **fields})


def event(date: str = "2013", citations: list[dict[str, str]] = CITATIONS) -> Event:
    return TypeAdapter(Event).validate_python(
        {
            "id": "imprisoned",
            "title": "Imprisoned",
            "date": date,
            "category": "imprisonment",
            "summary": "Imprisoned in Tocorón.",
            "status": "reported",
            "citations": citations,
        }
    )


def lines(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]


def test_small_base_is_clean(small_base: FactBase) -> None:
    assert run_checks(small_base, SMALL / "archive") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Venezuela\u2019s \u201cNiño Guerrero,\u201d", 'Venezuela\'s "Niño Guerrero,"'),
        ("  two\n\tlines\u00a0here  ", "two lines here"),
        ("Tocoro\u0301n", "Tocorón"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_citations_of_actor_and_event(small_base: FactBase) -> None:
    paths = [path for path, _ in citations_of(small_base.actor("tren-del-llano"))]
    assert paths == [("relations", 0, "citations", 0), ("relations", 1, "citations", 0)]
    killing = small_base.by_id["wilmito-killing"]
    assert [path for path, _ in citations_of(killing)] == [("citations", 0)]
    assert list(citations_of(small_base.source("profile"))) == []


def test_parent_cycle() -> None:
    base = FactBase(
        {
            "sources": [source()],
            "places": [place("north", parent="south"), place("south", parent="north")],
        }
    )
    assert lines(list(check_integrity(base))) == [
        "<memory>:0: north.parent: parent chain loops back to 'north'",
        "<memory>:0: south.parent: parent chain loops back to 'south'",
    ]


def test_parent_in_another_country() -> None:
    base = FactBase(
        {
            "sources": [source()],
            "places": [place("colombia-region", country="CO"), place("x", "colombia-region")],
        }
    )
    assert lines(list(check_integrity(base))) == [
        "<memory>:0: x.parent: parent 'colombia-region' is in CO, not VE",
        "<memory>:0: x.id: warning: place is not used by any event, presence, figure "
        "or child place",
    ]


def test_reference_to_a_record_of_another_kind() -> None:
    base = FactBase({"sources": [source()], "places": [place("aragua", parent="profile")]})
    assert lines(list(check_integrity(base))) == [
        "<memory>:0: aragua.parent: no place with id 'profile'",
        "<memory>:0: aragua.id: warning: place is not used by any event, presence, figure "
        "or child place",
    ]


def test_reference_to_an_invalid_record_is_not_reported_twice() -> None:
    base = FactBase({"places": [place("aragua")]}, invalid_ids={"profile"})
    assert lines(list(check_integrity(base))) == [
        "<memory>:0: aragua.id: warning: place is not used by any event, presence, figure "
        "or child place"
    ]


def test_derived_source_needs_its_original_only_when_that_exists() -> None:
    summary = source("summary", kind="derived-summary", derived_from="gone")
    base = FactBase(
        {"sources": [summary], "events": [event(citations=[{"source": "summary", "quote": QUOTE}])]}
    )
    assert lines(list(check_integrity(base))) == [
        "<memory>:0: summary.derived_from: no source with id 'gone'"
    ]


def test_actor_citing_derived_source_in_one_relation_and_original_in_another() -> None:
    actor = TypeAdapter(Actor).validate_python(
        {
            "id": "guerrero",
            "name": "Guerrero",
            "kind": "person",
            "relations": [
                {"relation": "leader", "citations": [{"source": "summary", "quote": QUOTE}]},
                {"relation": "member", "citations": CITATIONS},
            ],
        }
    )
    summary = source("summary", kind="derived-summary", derived_from="profile")
    base = FactBase({"sources": [source(), summary], "actors": [actor]})
    assert lines(list(check_integrity(base))) == []


def test_geography_area_without_point_is_fine(small_base: FactBase) -> None:
    assert list(check_geography(small_base)) == []


def test_geography_unknown_country() -> None:
    base = FactBase({"places": [place("atlantis", country="ZZ")]})
    assert lines(list(check_geography(base))) == [
        "<memory>:0: atlantis.country: no boundary for country ZZ in the bundled Natural Earth data"
    ]


def test_citations_checked_against_an_archive(tmp_path: Path) -> None:
    text = "Its headquarters are in the\nTocorón  prison in Aragua state.".encode()
    (tmp_path / "profile.txt").write_bytes(text)
    digest = hashlib.sha256(text).hexdigest()
    good = source(archive={"file": "profile.txt", "sha256": digest})
    bad_quote = event(citations=[{"source": "profile", "quote": "in Carabobo state"}])
    base = FactBase({"sources": [good], "events": [event(), bad_quote]})
    assert lines(list(check_citations(base, tmp_path))) == [
        "<memory>:0: imprisoned.citations[0].quote: quote not found verbatim in 'profile' "
        "(profile.txt): 'in Carabobo state'"
    ]


def test_citations_missing_copy_and_wrong_sha(tmp_path: Path) -> None:
    (tmp_path / "profile.txt").write_text(QUOTE)
    wrong = source()
    missing = source("missing")
    base = FactBase({"sources": [wrong, missing], "events": [event()]})
    digest = hashlib.sha256(QUOTE.encode()).hexdigest()
    assert lines(list(check_citations(base, tmp_path))) == [
        f"<memory>:0: profile.archive.sha256: sha256 of {tmp_path / 'profile.txt'} is "
        f"{digest}, not the recorded one",
        f"<memory>:0: missing.archive.file: archived copy {tmp_path / 'missing.txt'} not found",
    ]


def test_long_quote_excerpt_is_cut(tmp_path: Path) -> None:
    (tmp_path / "profile.txt").write_text("nothing")
    long = "word " * 30
    base = FactBase(
        {"sources": [source()], "events": [event(citations=[{"source": "profile", "quote": long}])]}
    )
    [problem] = [p for p in check_citations(base, tmp_path) if p.field.endswith("quote")]
    assert problem.message.endswith(
        ": 'word word word word word word word word word word word word\u2026'"
    )


@pytest.mark.parametrize(
    ("published", "date", "problems"),
    [
        (None, "2030", []),
        ("2020-05", "2020-05-31", []),
        ("2020-05", "2020", []),
        ("2020-05", "../2021", []),
        (
            "2020-05",
            "2020-06",
            ["<memory>:0: imprisoned.date: 2020-06 is after 'profile' was published (2020-05)"],
        ),
        (
            "2020-05",
            "2021/..",
            ["<memory>:0: imprisoned.date: 2021/.. is after 'profile' was published (2020-05)"],
        ),
    ],
)
def test_time(published: str | None, date: str, problems: list[str]) -> None:
    base = FactBase({"sources": [source(published=published)], "events": [event(date)]})
    assert lines(list(check_time(base))) == problems


def test_validate_sorts_problems(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(SMALL / "facts", facts)
    events = facts / "events.yaml"
    events.write_text(
        events.read_text()
        .replace("places: [sucre]", "places: [nowhere]")
        .replace("date: 2013\n", "date: 2013-02-30\n")
    )
    _, problems = validate(facts)
    assert [(p.line, p.field) for p in problems] == [
        (17, "guerrero-imprisoned-2013.date"),
        (59, "sucre-expansion.places[0]"),
    ]


def test_load_checked(tmp_path: Path) -> None:
    assert load_checked(SMALL / "facts", SMALL / "archive").counts()["events"] == 6
    facts = tmp_path / "facts"
    shutil.copytree(SMALL / "facts", facts)
    presence = facts / "presence.yaml"
    presence.write_text(presence.read_text().replace("place: sucre\n", "place: sucree\n"))
    with pytest.raises(FactBaseError) as excinfo:
        load_checked(facts)
    assert [p.message for p in excinfo.value.problems] == ["no place with id 'sucree'"]
    assert str(excinfo.value).endswith("presence-sucre.place: no place with id 'sucree'")


def test_load_checked_allows_warnings(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(SMALL / "facts", facts)
    places = facts / "places.yaml"
    places.write_text(
        places.read_text()
        + "\n- id: caracas\n  name: Caracas\n  kind: city\n  country: VE\n  state: VE-A\n"
        "  precision: locality\n  citations:\n    - source: profile\n"
        "      quote: Venezuela’s most powerful\n"
    )
    _, problems = validate(facts)
    assert [(p.severity, p.field) for p in problems] == [("warning", "caracas.id")]
    assert load_checked(facts).place("caracas").name == "Caracas"
