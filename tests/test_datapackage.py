"""datapackage.json: the descriptor, and frictionless validating the tables against it."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any, get_args

import frictionless
import pytest

from tda_export import vocab
from tda_export.factbase import FactBase
from tda_export.formats.tables import datapackage as dp
from tda_export.formats.tables.table import TABLES, write_csv
from tda_export.validation import load_checked

HERE = Path(__file__).parent
SMALL = HERE / "fixtures" / "small" / "facts"
EXTRA = HERE / "fixtures" / "tables"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> FactBase:
    facts = tmp_path_factory.mktemp("tables") / "facts"
    shutil.copytree(SMALL, facts)
    for extra in EXTRA.glob("*.yaml"):
        shutil.copy(extra, facts)
    return load_checked(facts)


@pytest.fixture
def package_dir(tmp_path: Path, base: FactBase) -> Path:
    """Every table and datapackage.json, written as the build writes them (a byte-order mark
    first: frictionless reads the tables as the descriptor's "utf-8" and skips it)."""
    for name in TABLES:
        with open(tmp_path / f"{name}.csv", "w", encoding="utf-8", newline="") as fobj:
            write_csv(base, fobj, name, bom=True)
    with open(tmp_path / "datapackage.json", "w", encoding="utf-8", newline="") as fobj:
        assert dp.write_datapackage(base, fobj) == len(TABLES)
    return tmp_path


def errors(folder: Path) -> list[list[Any]]:
    report = frictionless.validate(str(folder / "datapackage.json"))
    return report.flatten(["taskName", "rowNumber", "fieldName", "type"])


def test_frictionless_validates_the_package(package_dir: Path, base: FactBase) -> None:
    report = frictionless.validate(str(package_dir / "datapackage.json"))
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert rows == {
        "sources": 2, "places": 6, "actors": 3, "relations": 5,
        "events": 8, "presence": 4, "figures": 4, "citations": 29, "corrections": 2,
    }  # fmt: skip


def test_frictionless_reads_typed_values(package_dir: Path) -> None:
    package = frictionless.Package(str(package_dir / "datapackage.json"))
    places = {row["id"]: row for row in package.get_resource("places").read_rows()}
    assert float(places["guiria"]["lon"]) == -62.29841
    assert places["guiria"]["uncertainty_m"] == 5000
    assert places["aragua"]["lon"] is None
    figures = {row["id"]: row for row in package.get_resource("figures").read_rows()}
    assert float(figures["negative-figure"]["value"]) == -12.5
    assert str(figures["negative-figure"]["as_of_start"]) == "2024-03-01"
    assert figures["negative-figure"]["unit"] == "'=units"


@pytest.mark.parametrize(
    ("table", "old", "new", "error"),
    [
        ("citations", ",profile,'=quote", ",nosuch,'=quote", [None, 3, None, "foreign-key"]),
        ("places", ",VE-D,venezuela,", ",VE-D,nowhere,", [None, 2, None, "foreign-key"]),
        ("relations", ",leader,", ",boss,", [None, 4, "relation", "constraint-error"]),
        ("places", "-62.29841", "-262.29841", [None, 3, "lon", "constraint-error"]),
        ("events", ",2013-12-31,", ",2013-13-31,", [None, 3, "date_end", "type-error"]),
    ],
)
def test_frictionless_catches_broken_tables(
    package_dir: Path, table: str, old: str, new: str, error: list[Any]
) -> None:
    """The schema is not decorative: a bad reference, enum, bound or date fails."""
    path = package_dir / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert errors(package_dir) == [error]


def test_fields_follow_the_table_columns() -> None:
    descriptor = dp.package(FactBase())
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert list(resources) == list(TABLES)
    for name, table in TABLES.items():
        resource = resources[name]
        assert resource["path"] == f"{name}.csv"
        assert [f["name"] for f in resource["schema"]["fields"]] == table.header
        assert resource["schema"]["primaryKey"] == ["id"]
    fields = {f["name"]: f for f in resources["events"]["schema"]["fields"]}
    assert fields["category"]["constraints"] == {
        "enum": list(get_args(vocab.EventCategory)),
        "required": True,
    }
    assert fields["date_start"] == {
        "name": "date_start",
        "type": "date",
        "format": "default",
        "description": "First day of the date; empty when open at the start",
    }
    lon = {f["name"]: f for f in resources["places"]["schema"]["fields"]}["lon"]
    assert (lon["type"], lon["constraints"]) == ("number", {"minimum": -180, "maximum": 180})
    assert resources["citations"]["schema"]["foreignKeys"] == [
        {"fields": "source", "reference": {"resource": "sources", "fields": "id"}},
        {"fields": "relation", "reference": {"resource": "relations", "fields": "id"}},
    ]
    assert resources["places"]["schema"]["foreignKeys"] == [
        {"fields": "parent", "reference": {"resource": "", "fields": "id"}}
    ]


def test_sources_name_the_documents(base: FactBase) -> None:
    assert dp.package(base)["sources"] == [
        {"title": "InSight Crime: Tren de Aragua"},
        {"title": "Short summary of the profile"},
    ]


def test_descriptor_is_deterministic_json(base: FactBase) -> None:
    first, second = io.StringIO(), io.StringIO()
    dp.write_datapackage(base, first)
    dp.write_datapackage(base, second)
    assert first.getvalue() == second.getvalue()
    assert first.getvalue().endswith("}\n")
    assert json.loads(first.getvalue()) == dp.package(base)
