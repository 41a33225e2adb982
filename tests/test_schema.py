"""The JSON Schemas in facts/schema: up to date with the models, and true to the data."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from pydantic import TypeAdapter, ValidationError

from tda_export.cli import cli
from tda_export.models import RECORD_TYPES
from tda_export.schema import schema_documents
from tda_export.yamlfile import iter_file

HERE = Path(__file__).parent
SCHEMA_DIR = HERE.parent / "facts" / "schema"
SMALL_FACTS = HERE / "fixtures" / "small" / "facts"
REAL_FACTS = HERE.parent / "facts"
# The small fixture keeps no coverage ledger (a base without one is not held to coverage):
# the ledger's schema is tried on the real base's ledger.
FACT_KINDS = [kind for kind in RECORD_TYPES if kind != "coverage"]
DOCUMENTS = dict(schema_documents())
STALE = "facts/schema is stale: run `tda-export schema` and commit the result"


def test_one_schema_per_record_kind() -> None:
    assert list(DOCUMENTS) == [f"{kind}.schema.json" for kind in RECORD_TYPES]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_committed_schema_is_up_to_date(name: str) -> None:
    path = SCHEMA_DIR / name
    assert path.is_file(), STALE
    assert path.read_text(encoding="utf-8") == DOCUMENTS[name], STALE


def test_no_stray_schema_files() -> None:
    assert sorted(p.name for p in SCHEMA_DIR.glob("*.json")) == sorted(DOCUMENTS), STALE


def validator(kind: str) -> Draft202012Validator:
    schema = json.loads(DOCUMENTS[f"{kind}.schema.json"])
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def read_items(path: Path) -> list[Any]:
    return [item for _, _, item, _ in iter_file(path)]


def fixture_data(kind: str) -> Any:
    return read_items(SMALL_FACTS / f"{kind}.yaml")


def test_schema_accepts_the_real_coverage_ledger() -> None:
    data = read_items(REAL_FACTS / "coverage.yaml")
    assert data
    assert [e.message for e in validator("coverage").iter_errors(data)] == []


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"reason": "boring"}, "'boring' is not one of"),
        ({"sentences": []}, "is not valid under any of the given schemas"),
        ({"sentences": [], "clauses": []}, "is not valid under any of the given schemas"),
    ],
)
def test_schema_rejects_bad_ledger_entries(change: dict[str, Any], fragment: str) -> None:
    entry = {"id": "x", "source": "profile", "reason": "heading", "sentences": ["Tren de Aragua"]}
    messages = [e.message for e in validator("coverage").iter_errors([{**entry, **change}])]
    assert any(fragment in m for m in messages), messages


def test_schema_accepts_a_ledger_entry_of_clauses_only() -> None:
    entry = {"id": "x", "source": "profile", "reason": "heading", "clauses": ["de Aragua"]}
    assert [e.message for e in validator("coverage").iter_errors([entry])] == []


@pytest.mark.parametrize("kind", FACT_KINDS)
def test_schema_accepts_the_small_fixture(kind: str) -> None:
    data = fixture_data(kind)
    assert data, f"the small fixture has no {kind}"
    errors = [e.message for e in validator(kind).iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize(
    ("kind", "change", "fragment"),
    [
        ("events", {"sumary": "typo"}, "Additional properties are not allowed ('sumary'"),
        ("events", {"date": "13/05/2017"}, "'13/05/2017' is not valid under any of the given"),
        ("events", {"category": "murder"}, "'murder' is not one of"),
        ("places", {"point": [1.0]}, "[1.0] is not valid under any of the given schemas"),
        ("sources", {"id": "Not A Slug"}, "'Not A Slug' does not match"),
    ],
)
def test_schema_rejects_bad_records(kind: str, change: dict[str, Any], fragment: str) -> None:
    record = {**fixture_data(kind)[0], **change}
    messages = [e.message for e in validator(kind).iter_errors([record])]
    assert any(fragment in m for m in messages), messages


def test_schema_command_writes_the_same_files(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "schema"
    result = runner.invoke(cli, ["schema", "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output.splitlines() == [str(out / name) for name in DOCUMENTS]
    for name, text in DOCUMENTS.items():
        assert (out / name).read_text(encoding="utf-8") == text


def test_fixture_files_point_editors_at_the_schema() -> None:
    first = (REAL_FACTS / "coverage.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema/coverage.schema.json"
    for kind in FACT_KINDS:
        first = (SMALL_FACTS / f"{kind}.yaml").read_text(encoding="utf-8").splitlines()[0]
        target = first.removeprefix("# yaml-language-server: $schema=")
        assert (SMALL_FACTS / target).resolve() == (SCHEMA_DIR / f"{kind}.schema.json").resolve()


# -- the JSON Schema and the models agree ------------------------------------------------------
#: Edge values of the fields the schema can describe, each put into the first record of the
#: small fixture of its kind that has the field. Editors (JSON Schema) and ``check`` (the
#: models) must give the same verdict on every one.
EDGES: list[tuple[str, str, Any]] = [
    *(
        ("events", "date", value)
        for value in [
            "2013", "2024-03", "2023-09-20", "2024-01~", "2024-01?", "2024-01%", "2015/2017",
            "2018/..", "../2025-03", "0001", "0999", "1000", "9998-12-31", "2023-12-31",
            2013, 1000, 999, 0, -2013, 10000, True,
            "0000", "2023-00", "2023-13", "2023-09-00", "2023-09-32", "../..", "2013/2014/2015",
            "\u0662\u0660\u0662\u0663", "\uff12\uff10\uff12\uff13", "2\u0660\u0662\u0663",
            "\u0968\u0966\u0968\u0969-\u0966\u096f", "2023-\u0660\u0669", "2013 ", " 2013",
            "13", "20134", "2023-9", "2023-09-20T06:00", "2023/09/20", "", "since 2018",
            "2013~~", "~2013", "2018/", "/2018", "../", None, [2013], {"value": "2013"},
            {"value": 2013, "display": "2013"}, {"value": "2023-09", "note": "n" * 20_000},
            {"value": "2023-09", "note": "n" * 20_001}, {"value": "2023-09", "display": ""},
            {"value": "\u0662\u0660\u0662\u0663"}, {"value": 999}, {"value": "2013", "extra": 1},
            {"display": "2013"}, {"value": "2013", "display": 2013},
        ]
    ),
    *(
        ("figures", field, value)
        for field in ("value", "low")
        for value in [0, -1, 1.5, 1e308, -1e308, 2**53, "10", "\u0661\u0660", True, None]
    ),
    *(
        ("actors", "aliases", value)
        for value in [
            [], ["Niño Guerrero"], ["El Niño; Niño Guerrero"], ["a;b"], ["a ;b"], ["a;"],
            ["; "], ["x" * 20_000], ["x" * 20_001], [""], ["ok", "bad; one"], "Niño", [1],
        ]
    ),
    *(("sources", "authors", value) for value in [["Lambert, Lisa"], ["Lisa; Lambert"]]),
    *(("places", "alternate_names", value) for value in [["Caracas, D.C."], ["A; B"]]),
]  # fmt: skip

#: Edge values only ``check`` can refuse: what a JSON Schema cannot express. JSON has no
#: NaN or infinity (YAML's ``.nan``, ``.inf`` and ``1e400``); a pattern does not know how
#: many days a month has, nor compare the two ends of an interval; the schema of a date is
#: shared by every kind, while only events may not run to 9999-12-31; a pattern cannot
#: count direction controls left open on a line.
CHECK_ONLY: list[tuple[str, str, Any]] = [
    ("events", "date", "2023-02-29"),
    ("events", "date", "2023-02-30"),
    ("events", "date", "2023-04-31"),
    ("events", "date", "2018-05/2018-04"),
    ("events", "date", "9999"),
    ("events", "date", "9999-12-31"),
    ("events", "date", "2020/9999"),
    ("events", "date", "9999/.."),
    ("events", "date", 9999 + 0),  # as a YAML integer, too
    ("events", "date", 2013.0),  # JSON Schema counts 2013.0 as an integer
    ("figures", "value", math.nan),
    ("figures", "value", math.inf),
    ("figures", "low", -math.inf),
    ("events", "title", "Guerrero \u202eimprisoned"),
    ("places", "name", "Güiria\u2069"),
    ("events", "summary", "\u2067a\nb\u2069"),
    ("actors", "aliases", ["\u202bNiño"]),
    ("events", "date", {"value": "2013", "display": "around \u20662013"}),
]


def verdicts(kind: str, field: str, value: Any) -> tuple[bool, bool]:
    """Whether the JSON Schema, and whether the model, accept the record with ``value``."""
    records = fixture_data(kind)
    record = {**next((r for r in records if field in r), records[0]), field: value}
    if value is None:
        del record[field]
        if kind == "figures":
            record["high"] = 20
    by_schema = validator(kind).is_valid([record])
    try:
        TypeAdapter(RECORD_TYPES[kind]).validate_python(record)
    except ValidationError:
        return by_schema, False
    return by_schema, True


@pytest.mark.parametrize(("kind", "field", "value"), EDGES, ids=lambda v: repr(v)[:40])
def test_schema_and_models_agree(kind: str, field: str, value: Any) -> None:
    by_schema, by_model = verdicts(kind, field, value)
    assert by_schema == by_model, f"schema {'accepts' if by_schema else 'refuses'}, check not"


def test_the_edges_include_both_verdicts() -> None:
    outcomes = [verdicts(*edge)[1] for edge in EDGES]
    assert outcomes.count(True) >= 20 and outcomes.count(False) >= 40


@pytest.mark.parametrize(("kind", "field", "value"), CHECK_ONLY, ids=lambda v: repr(v)[:40])
def test_what_only_check_refuses(kind: str, field: str, value: Any) -> None:
    assert verdicts(kind, field, value) == (True, False)
