"""The JSON Schemas in facts/schema: up to date with the models, and true to the data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from tda_export.cli import cli
from tda_export.models import RECORD_TYPES
from tda_export.schema import schema_documents
from tda_export.yamlfile import parse

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


def fixture_data(kind: str) -> Any:
    return parse((SMALL_FACTS / f"{kind}.yaml").read_text(encoding="utf-8")).data


def test_schema_accepts_the_real_coverage_ledger() -> None:
    data = parse((REAL_FACTS / "coverage.yaml").read_text(encoding="utf-8")).data
    assert data
    assert [e.message for e in validator("coverage").iter_errors(data)] == []


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"reason": "boring"}, "'boring' is not one of"),
        ({"sentences": []}, "[] should be non-empty"),
    ],
)
def test_schema_rejects_bad_ledger_entries(change: dict[str, Any], fragment: str) -> None:
    entry = {"id": "x", "source": "profile", "reason": "heading", "sentences": ["Tren de Aragua"]}
    messages = [e.message for e in validator("coverage").iter_errors([{**entry, **change}])]
    assert any(fragment in m for m in messages), messages


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
