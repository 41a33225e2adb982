"""Records as the cache keeps them: a lossless MessagePack round trip, and the fact base."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import ROOT, SMALL
from pydantic import TypeAdapter

from tda_export import cache, validation
from tda_export.factbase import FactBase
from tda_export.filters import RecordFilter
from tda_export.models import Event, Figure, Place, Presence

CITATIONS = [{"source": "profile", "quote": "Its headquarters are in the Tocorón prison"}]


def event(id: str, date: object = "2013", **fields: object) -> Event:
    return TypeAdapter(Event).validate_python(
        {
            "id": id,
            "title": "A raid",
            "date": date,
            "category": "security-operation",
            "summary": "Security forces entered the prison.",
            "status": "reported",
            "citations": CITATIONS,
            **fields,
        }
    )


def cached_again(facts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple:
    """The base as checked, and as read back from a cache entry (no checking the second time)."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    base, problems = validation.validate(facts, None, cache="refresh")

    def no_full_check(*args: object) -> None:
        raise AssertionError("expected the entry to be read")

    monkeypatch.setattr(validation, "_validate", no_full_check)
    again, again_problems = validation.validate(facts, None, cache="use")
    assert again_problems == problems
    return base, again


@pytest.mark.parametrize("facts", [ROOT / "facts", SMALL / "facts"], ids=["real", "small"])
def test_every_record_survives_the_cache(
    facts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, again = cached_again(facts, tmp_path, monkeypatch)
    assert {type(r) for r in again.all()} >= {Event, Place, Presence, Figure}
    assert again.invalid_ids == base.invalid_ids
    for kind, items in base.records.items():
        copies = again.records[kind]
        assert copies == items, kind
        for record, copy in zip(items, copies, strict=True):
            adapter = TypeAdapter(type(record))
            assert type(copy) is type(record)
            assert adapter.dump_python(copy, mode="json") == adapter.dump_python(
                record, mode="json"
            )
            assert copy.origin == record.origin
            assert copy.origin.line_of("citations", 0) == record.origin.line_of("citations", 0)


def test_dates_read_back_keep_their_kind_and_days(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, again = cached_again(ROOT / "facts", tmp_path, monkeypatch)
    for before, after in zip(base.events, again.events, strict=True):
        assert after.date == before.date
        assert (after.date.kind, after.date.precision) == (before.date.kind, before.date.precision)
        assert after.date.sort_key == before.date.sort_key
    assert {e.date.kind for e in again.events} >= {"single", "range"}


def test_a_record_read_back_is_still_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, again = cached_again(SMALL / "facts", tmp_path, monkeypatch)
    with pytest.raises(dataclasses.FrozenInstanceError):
        again.events[0].id = "other"  # type: ignore[misc]


def test_record_built_in_code_has_the_memory_origin() -> None:
    assert (event("raid").origin.file, event("raid").origin.line) == ("<memory>", 0)


def test_events_export_by_date_then_id_ties_in_file_order() -> None:
    events = [event("c", "2015"), event("b", "2014/2016"), event("a", "2015"), event("d", "2014")]
    base = FactBase({"events": events})
    assert [e.id for e in base.events] == ["c", "b", "a", "d"]  # file order
    assert [e.id for e in RecordFilter().events(base)] == ["d", "b", "a", "c"]


def test_fact_base_finds_the_first_of_each_id_and_names_duplicates() -> None:
    base = FactBase({"events": [event("raid", "2013"), event("raid", "2014"), event("escape")]})
    assert base.duplicates == {"raid"}
    assert base.by_id["raid"].date.text == "2013"  # type: ignore[attr-defined]
    assert list(base.by_id) == ["raid", "escape"]
    with pytest.raises(KeyError):
        base.by_id["nothing"]


def test_fact_base_refuses_an_unknown_kind() -> None:
    with pytest.raises(KeyError, match="rumours"):
        FactBase({"rumours": []})
