"""The compact form of records: a lossless round trip, and lists that rebuild on reading."""

from __future__ import annotations

import marshal
from pathlib import Path

import pydantic
import pytest
from conftest import ROOT, SMALL

from tda_export import cache, checks
from tda_export.compact import RecordList, from_plain, to_plain
from tda_export.loader import display_path, fact_files, load_factbase, load_file
from tda_export.models import Event, FactBase, Figure, Origin, Place, Presence, Record

CITATIONS = [{"source": "profile", "quote": "Its headquarters are in the Tocorón prison"}]


def event(id: str, date: object = "2013", **fields: object) -> Event:
    return Event.model_validate(
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


def round_trip(record: Record) -> Record:
    """Through plain values and marshal bytes, as the cache and the bulk lists keep it."""
    return from_plain(type(record), marshal.loads(marshal.dumps(to_plain(record))))


@pytest.mark.parametrize("facts", [ROOT / "facts", SMALL / "facts"], ids=["real", "small"])
def test_every_record_survives_the_round_trip(facts: Path) -> None:
    records = [  # as validated, before any is made compact
        item
        for path in fact_files(facts)
        for item in load_file(path, display_path(path))
        if isinstance(item, Record)
    ]
    assert {type(r) for r in records} >= {Event, Place, Presence, Figure}
    for record in records:
        copy = round_trip(record)
        assert type(copy) is type(record)
        assert copy == record
        assert copy.model_dump(mode="json") == record.model_dump(mode="json")
        assert copy.origin == record.origin
        assert copy.origin.source == record.origin.source


def test_round_trip_keeps_types_dates_and_nested_models() -> None:
    dated = event(
        "raid",
        {"value": "2024-01~", "display": "early 2024", "note": "from the report"},
        places=["tocoron"],
    )
    copy = round_trip(dated)
    assert isinstance(copy, Event)
    assert copy.date == dated.date and copy.date.kind == "single"
    assert copy.date.lower is copy.date.upper  # a single date is one part, as when parsed
    assert (copy.date.display, copy.date.note) == ("early 2024", "from the report")
    assert isinstance(copy.places, list) and copy.places == ["tocoron"]
    assert type(copy.citations[0]) is type(dated.citations[0])
    ranged = round_trip(event("range", "2015/2017"))
    assert isinstance(ranged, Event) and ranged.date.kind == "range"
    base, _ = load_factbase(ROOT / "facts")
    place = next(p for p in base.places if p.point is not None)
    assert isinstance(round_trip(place).point, tuple)  # type: ignore[attr-defined]
    figure = next(f for f in base.figures if f.value is not None)
    assert round_trip(figure).value == figure.value  # type: ignore[attr-defined]
    assert isinstance(round_trip(figure).value, float)  # type: ignore[attr-defined]
    actor = base.actors[0]
    assert round_trip(actor).relations == actor.relations  # type: ignore[attr-defined]


def test_a_rebuilt_record_is_still_frozen() -> None:
    copy = round_trip(event("raid"))
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        copy.id = "other"  # type: ignore[misc]


def test_record_built_in_code_keeps_its_memory_origin() -> None:
    copy = round_trip(event("raid"))
    assert copy.origin == Origin("<memory>", 0)


def test_record_list_orders_events_by_date_then_id_ties_in_file_order() -> None:
    events = [event("c", "2015"), event("b", "2014/2016"), event("a", "2015"), event("d", "2014")]
    held = RecordList(Event, events)
    assert len(held) == 4
    assert [e.id for e in held] == ["c", "b", "a", "d"]  # file order
    assert [e.id for _, e in held.ordered()] == ["d", "b", "a", "c"]
    assert held.positions() == [3, 1, 2, 0]
    assert [e.id for e in held[1:3]] == ["b", "a"]
    assert held[-1] == events[-1]
    assert held == events
    assert held == RecordList(Event, events)
    assert held != RecordList(Event, events[:3])
    assert repr(held) == "RecordList(Event, 4 records)"


def test_record_list_refuses_another_kind() -> None:
    with pytest.raises(TypeError, match=r"^expected a Presence, got Event$"):
        RecordList(Presence).append(event("raid"))  # type: ignore[arg-type]


def test_record_list_parts_must_agree() -> None:
    made = RecordList(Event, [event("a")])
    blobs, ids, keys = made.parts()
    assert RecordList.from_parts(Event, blobs, ids, keys) == made
    with pytest.raises(ValueError, match=r"^blobs, ids and keys differ in length$"):
        RecordList.from_parts(Event, blobs, [], keys)


def test_fact_base_keeps_bulk_kinds_compact_and_finds_them_by_id() -> None:
    base = FactBase({"events": [event("raid", "2013"), event("raid", "2014"), event("escape")]})
    assert isinstance(base.events, RecordList)
    assert isinstance(base.presence, RecordList)
    assert base.by_id.duplicates == {"raid"}
    assert base.by_id["raid"].date.text == "2013"  # type: ignore[attr-defined]
    assert "escape" in base.by_id and "nothing" not in base.by_id
    assert list(base.by_id) == ["raid", "escape"] and len(base.by_id) == 2
    with pytest.raises(KeyError):
        base.by_id["nothing"]


def test_fact_base_refuses_an_unknown_kind() -> None:
    with pytest.raises(KeyError, match="rumours"):
        FactBase({"rumours": []})


def test_cache_entry_in_many_chunks_reads_back_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "CHUNK", 3)
    base, problems = checks.validate(ROOT / "facts", None, cache="refresh")
    assert len(base.events) > 3 * 3

    def no_full_check(*args: object) -> None:
        raise AssertionError("expected the entry to be read")

    monkeypatch.setattr(checks, "_validate", no_full_check)
    again, again_problems = checks.validate(ROOT / "facts", None, cache="use")
    assert again_problems == problems
    for kind, items in base.records.items():
        assert list(again.records[kind]) == list(items), kind
        assert [r.origin for r in again.records[kind]] == [r.origin for r in items]
