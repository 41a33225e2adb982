"""CSV tables: pure rows, spreadsheet-safe cells, the writer, filters, golden files, docs.

``tables`` facts are the small fixture base plus ``tests/fixtures/tables/*.yaml``: text a
spreadsheet would run as a formula, commas, quotes, line breaks, a negative number, a
range and open dates.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rows import table_rows

from tda_export import vocab
from tda_export.citations import citations_of
from tda_export.cli.csv import TABLE_NAMES
from tda_export.errors import UsageError
from tda_export.factbase import FactBase
from tda_export.filters import RecordFilter
from tda_export.formats.tables import cells
from tda_export.formats.tables import table as tb
from tda_export.formats.tables.columns import TABLES, Column, Table
from tda_export.formats.tables.rows import ROWS, Values, source_rows
from tda_export.validation import load_checked

HERE = Path(__file__).parent
SMALL = HERE / "fixtures" / "small" / "facts"
EXTRA = HERE / "fixtures" / "tables"
EXPECTED = HERE / "expected" / "csv"
DOCS = HERE.parent / "docs" / "tables.md"


@pytest.fixture(scope="module")
def small() -> FactBase:
    return load_checked(SMALL)


@pytest.fixture(scope="module")
def tables_base(tmp_path_factory: pytest.TempPathFactory) -> FactBase:
    facts = tmp_path_factory.mktemp("tables") / "facts"
    shutil.copytree(SMALL, facts)
    for extra in EXTRA.glob("*.yaml"):
        shutil.copy(extra, facts)
    return load_checked(facts)


def write(base: FactBase, name: str, **kwargs: Any) -> str:
    out = io.StringIO(newline="")
    tb.write_csv(base, out, name, **kwargs)
    return out.getvalue()


# -- reading a table back, as docs/tables.md says ------------------------------------------
def parse(column: Column, text: str) -> cells.Value:
    """The value of one cell: the inverse of :func:`tda_export.formats.tables.cells.cell`."""
    if text == "":
        return [] if column.is_list else None
    if column.type == "number":
        return float(text)
    if column.type == "integer":
        return int(text)
    if column.type == "date":
        return date.fromisoformat(text)
    original = cells.restore(text)
    return original.split("; ") if column.is_list else original


def read_back(text: str, name: str) -> Iterator[dict[str, cells.Value]]:
    table = TABLES[name]
    reader = csv.reader(io.StringIO(text, newline=""))
    assert next(reader) == table.header
    for line in reader:
        assert len(line) == len(table.columns)
        yield {c.name: parse(c, value) for c, value in zip(table.columns, line, strict=True)}


# -- cells -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+58 people", "'+58 people"),
        ("-El Malo", "'-El Malo"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("'=quoted", "''=quoted"),
        ("''-twice", "'''-twice"),
        ("'quoted' but harmless", "'quoted' but harmless"),
        ("a = b", "a = b"),
        ("Héctor", "Héctor"),
        ("", ""),
    ],
)
def test_neutralise_and_restore(text: str, cell: str) -> None:
    assert cells.neutralise(text) == cell
    assert cells.restore(cell) == text


@given(st.text())
def test_neutralise_is_safe_and_reversible(text: str) -> None:
    cell = cells.neutralise(text)
    assert cell[:1] not in cells.FORMULA_TRIGGERS
    assert cells.restore(cell) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(11000.0, "11000"), (-12.5, "-12.5"), (5000.5, "5000.5"), (-67.59475, "-67.59475"),
     (0.0, "0"), (1e20, "1e+20"), (1.5e-07, "1.5e-07")],
)  # fmt: skip
def test_format_number(value: float, text: str) -> None:
    assert cells.format_number(value) == text
    assert float(text) == value


def test_cell_neutralises_text_only() -> None:
    assert cells.cell("-5 dead") == "'-5 dead"
    assert cells.cell(-5.25) == "-5.25"
    assert cells.cell(35000) == "35000"
    assert cells.cell(date(2023, 9, 20)) == "2023-09-20"
    assert cells.cell(None) == ""
    assert cells.cell(["=a", "b"]) == "'=a; b"
    assert cells.cell([]) == ""


VALUES = st.one_of(
    st.none(),
    st.text(),
    st.lists(st.text()),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
)


@given(st.lists(VALUES, max_size=12))
def test_csv_cells_write_what_cell_gives(values: list[cells.Value]) -> None:
    """csv_cells leaves some values to csv.writer: the line is the same as with cell()."""

    def line(row: list[Any]) -> str:
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\r\n").writerow(row)
        return out.getvalue()

    assert line(cells.csv_cells(values)) == line([cells.cell(v) for v in values])


# -- the tables ------------------------------------------------------------------------------
def test_table_names_and_columns_are_fixed() -> None:
    assert TABLE_NAMES == tuple(TABLES) == (
        "sources", "places", "actors", "relations", "events", "presence", "figures", "citations",
        "corrections",
    )  # fmt: skip
    for table in TABLES.values():
        assert table.header[0] == "id"
        assert len(set(table.header)) == len(table.header), table.name
        for key in table.foreign_keys:
            assert key.column in table.header and key.table in TABLES


def test_each_date_has_its_six_columns() -> None:
    assert TABLES["events"].header[2:8] == [
        "date", "date_display", "date_start", "date_end", "date_precision", "date_note"
    ]  # fmt: skip
    for name, prefix in [("sources", "published"), ("presence", "period"), ("figures", "as_of")]:
        header = TABLES[name].header
        start = header.index(prefix)
        assert header[start : start + 6] == [prefix] + [
            f"{prefix}_{s}" for s in ("display", "start", "end", "precision", "note")
        ]


def test_enumerations_come_from_the_vocabularies() -> None:
    def column(table: str, name: str) -> Column:
        return next(c for c in TABLES[table].columns if c.name == name)

    assert column("events", "category").enum == get_args(vocab.EventCategory)
    assert column("places", "precision").enum == get_args(vocab.GeoPrecision)
    assert column("relations", "relation").enum == get_args(vocab.Relation)
    assert column("figures", "qualifier").enum == get_args(vocab.FigureQualifier)
    for table in ("events", "presence", "figures", "relations"):
        assert column(table, "status").enum == get_args(vocab.ClaimStatus)


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_rows_have_exactly_the_columns(tables_base: FactBase, name: str) -> None:
    rows = list(table_rows(tables_base, name))
    assert rows
    for row in rows:
        assert list(row) == TABLES[name].header


def test_row_counts_match_the_records(tables_base: FactBase) -> None:
    base = tables_base
    counts = {name: sum(1 for _ in table_rows(base, name)) for name in TABLE_NAMES}
    assert counts == {
        "sources": len(base.sources),
        "places": len(base.places),
        "actors": len(base.actors),
        "relations": sum(len(a.relations) for a in base.actors),
        "events": len(base.events),
        "presence": len(base.presence),
        "figures": len(base.figures),
        "citations": sum(1 for rec in base.all() for _ in citations_of(rec)),
        "corrections": sum(len(rec.revisions) for rec in base.all()),
    }
    assert counts["citations"] == 29
    assert counts["corrections"] == 2


def test_rows_are_sorted_by_their_stated_key(tables_base: FactBase) -> None:
    ids = {name: [r["id"] for r in table_rows(tables_base, name)] for name in TABLE_NAMES}
    for name in ("sources", "places", "actors", "presence", "figures"):
        assert ids[name] == sorted(ids[name]), name
    assert ids["events"] == [
        "union-becomes-gang", "guerrero-imprisoned-2013", "olp-raids", "wilmito-killing",
        "sucre-expansion", "tocoron-raid", "formula-title", "until-2025",
    ]  # fmt: skip
    assert ids["relations"][:2] == ["formula-actor#relation-1", "formula-actor#relation-2"]
    records = [r["record_id"] for r in table_rows(tables_base, "citations")]
    assert records == sorted(records)


def test_dates_keep_start_end_and_precision(small: FactBase) -> None:
    presence = {r["id"]: r for r in table_rows(small, "presence")}
    sucre = presence["presence-sucre"]
    assert (sucre["period"], sucre["period_display"]) == ("2018/..", "since 2018")
    assert (sucre["period_start"], sucre["period_end"]) == (date(2018, 1, 1), None)
    assert sucre["period_precision"] == "year"
    maracay = presence["presence-maracay"]
    assert (maracay["period_start"], maracay["period_end"]) == (None, date(2023, 9, 30))
    undated = presence["presence-guiria"]
    assert all(undated[f"period{s}"] is None for s in ("", "_start", "_end", "_precision"))


def test_places_keep_coordinates_and_their_precision(small: FactBase) -> None:
    places = {r["id"]: r for r in table_rows(small, "places")}
    assert places["guiria"] == {
        "id": "guiria", "name": "Güiria", "alternate_names": [], "kind": "town",
        "country": "VE", "state": "VE-R", "parent": "sucre", "lon": -62.29841,
        "lat": 10.57721, "precision": "locality", "uncertainty_m": 5000,
        "geonames_id": 3639725, "note": None,
    }  # fmt: skip
    assert (places["aragua"]["lon"], places["aragua"]["lat"]) == (None, None)


def test_citations_name_record_source_quote_and_relation(tables_base: FactBase) -> None:
    rows = {r["id"]: r for r in table_rows(tables_base, "citations")}
    assert rows["tren-del-llano#2"] == {
        "id": "tren-del-llano#2",
        "record_table": "actors",
        "record_id": "tren-del-llano",
        "relation": "tren-del-llano#relation-2",
        "source": "profile",
        "quote": "Although it was later displaced by the Tren del Llano",
        "claimant_kind": None,
        "claimant": None,
        "hedge": "asserted",
        "attribution": None,
        "cue_note": None,
        "note": None,
    }
    assert {k: rows["presence-sucre#1"][k] for k in ("claimant_kind", "hedge", "attribution")} == {
        "claimant_kind": "anonymous",
        "hedge": "asserted",
        "attribution": "according to sources interviewed by InSight Crime on condition of "
        "anonymity, cited by InSight Crime",
    }
    assert rows["presence-tocoron-prison#2"]["source"] == "summary"
    assert rows["formula-title#1"]["note"] == "\r=CR-led note"
    relation_ids = {r["id"] for r in table_rows(tables_base, "relations")}
    assert {r["relation"] for r in rows.values()} - {None} <= relation_ids


# -- the writer ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", TABLE_NAMES)
def test_golden_files(small: FactBase, name: str) -> None:
    expected = (EXPECTED / f"{name}.csv").read_bytes()
    assert write(small, name).encode("utf-8") == expected


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_read_back_gives_the_same_rows(tables_base: FactBase, name: str) -> None:
    text = write(tables_base, name)
    assert text.endswith("\n") and "\r\n" not in text
    assert list(read_back(text, name)) == list(table_rows(tables_base, name))


def test_read_back_matches_the_fact_files(tables_base: FactBase) -> None:
    events = {r["id"]: r for r in read_back(write(tables_base, "events"), "events")}
    hostile = tables_base.by_id["formula-title"]
    assert events["formula-title"]["title"] == hostile.title  # type: ignore[attr-defined]
    assert events["formula-title"]["summary"] == (
        '+58 people, with commas, "quotes", a\rcarriage return and a\nnew line'
    )
    assert events["formula-title"]["places"] == ["guiria", "maracay"]
    figures = {r["id"]: r for r in read_back(write(tables_base, "figures"), "figures")}
    assert figures["negative-figure"]["value"] == -12.5
    assert (figures["range-figure"]["low"], figures["range-figure"]["high"]) == (1000, 5000.5)


def test_formula_text_is_neutralised_but_numbers_are_not(tables_base: FactBase) -> None:
    lines = write(tables_base, "figures").splitlines()
    negative = next(line for line in lines if line.startswith("negative-figure,"))
    assert negative.startswith("negative-figure,other,'-12.5 net change,-12.5,,,exact,'=units,")
    text = write(tables_base, "events")
    assert "'=HYPERLINK(" in text and ",'-minus-led summary," in text
    assert ",''=apostrophe then equals," in text
    for line in csv.reader(io.StringIO(text, newline="")):
        assert all(cell[:1] not in cells.FORMULA_TRIGGERS for cell in line)


def test_bare_carriage_return_is_quoted(tables_base: FactBase) -> None:
    """CPython < 3.11.9 leaves a bare CR unquoted with lineterminator="\\n" (gh-67044)."""
    text = write(tables_base, "citations")
    assert '"\'\r=CR-led note"' in text
    assert sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) == 1 + 29


def test_excel_adds_a_bom_and_crlf(small: FactBase) -> None:
    plain = write(small, "events")
    excel = write(small, "events", excel=True)
    assert excel.startswith("\ufeffid,title,")
    assert excel == "\ufeff" + plain.replace("\n", "\r\n")


def test_write_returns_the_row_count_and_is_deterministic(small: FactBase) -> None:
    out = io.StringIO()
    assert tb.write_csv(small, out, "citations") == 22
    assert write(small, "citations") == out.getvalue()


def test_empty_fact_base_gives_a_header_only() -> None:
    assert write(FactBase(), "events") == ",".join(TABLES["events"].header) + "\n"


def test_writer_streams_batch_by_batch(small: FactBase, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    out = io.StringIO()

    def counted(base: FactBase, record_filter: RecordFilter) -> Iterator[Values]:
        for row in source_rows(base, record_filter):
            seen.append(out.getvalue().count("\n"))
            yield row

    monkeypatch.setitem(ROWS, "sources", counted)
    monkeypatch.setattr(tb, "BATCH_ROWS", 1)
    tb.write_csv(small, out, "sources")
    assert seen == [1, 2]


def test_a_carriage_return_is_quoted_in_any_batch(
    tables_base: FactBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch holding a CR is written again row by row: the same text, whatever the batch."""
    whole = write(tables_base, "events")
    assert '"\'+58 people, with commas, ""quotes"", a\rcarriage' in whole
    for size in (1, 2, 3):
        monkeypatch.setattr(tb, "BATCH_ROWS", size)
        assert write(tables_base, "events") == whole


# -- filters ---------------------------------------------------------------------------------
def ids(base: FactBase, name: str, **options: Any) -> list[Any]:
    rows = table_rows(base, name, RecordFilter.from_options(**options))
    return [row["id"] for row in rows]


def test_filters_apply_to_events_presence_figures_and_places(tables_base: FactBase) -> None:
    assert ids(tables_base, "events", categories=["clash"]) == ["formula-title"]
    assert ids(tables_base, "events", since="2024") == ["formula-title", "until-2025"]
    assert ids(tables_base, "presence", statuses=["outdated"]) == ["presence-tocoron-prison"]
    assert ids(tables_base, "figures", since="2020", until="2024") == [
        "negative-figure", "range-figure", "troops-tocoron-raid"
    ]  # fmt: skip
    assert ids(tables_base, "places", countries=["co"]) == []
    assert len(ids(tables_base, "places", countries=["VE"])) == 6


def test_citations_follow_the_filters_of_their_records(tables_base: FactBase) -> None:
    dated = ids(tables_base, "citations", since="2023")
    assert {i.split("#")[0] for i in dated} == {
        "tocoron-raid", "formula-title", "until-2025", "negative-figure", "troops-tocoron-raid",
        "presence-tocoron-prison", "presence-sucre", "presence-maracay",
    }  # fmt: skip
    by_country = ids(tables_base, "citations", countries=["VE"])
    assert "guiria#1" in by_country and "hector-guerrero#1" not in by_country
    assert "until-2025#1" not in by_country  # an event with no place is in no country
    assert ids(tables_base, "citations", categories=["report"]) == ["until-2025#1"]


NOT_TAKEN = [
    ("sources", {"countries": ["VE"]}, "--country does not apply to the sources table"
     " (it takes: none)"),
    ("presence", {"categories": ["clash"]}, "--category does not apply to the presence table"
     " (it takes: --country, --since, --status, --until)"),
    ("places", {"since": "2020", "statuses": ["reported"]}, "--since, --status do not apply"
     " to the places table (it takes: --country)"),
    ("relations", {"statuses": ["disputed"]}, "--status does not apply to the relations table"
     " (it takes: none)"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "options", "message"), NOT_TAKEN)
def test_a_filter_a_table_does_not_take_is_a_usage_error(
    small: FactBase, name: str, options: dict[str, Any], message: str
) -> None:
    out = io.StringIO()
    with pytest.raises(UsageError) as caught:
        tb.write_csv(small, out, name, RecordFilter.from_options(**options))
    assert str(caught.value) == message
    assert out.getvalue() == ""


def test_unknown_table(small: FactBase) -> None:
    with pytest.raises(UsageError) as caught:
        table_rows(small, "people")
    assert str(caught.value) == (
        "no table 'people': choose one of sources, places, actors, relations, events, "
        "presence, figures, citations, corrections"
    )


# -- docs/tables.md --------------------------------------------------------------------------
def doc_lines(table: Table) -> list[str]:
    """The column table of ``table`` as docs/tables.md shows it."""
    lines = ["| # | column | type | empty? | meaning |", "| --- | --- | --- | --- | --- |"]
    for number, col in enumerate(table.columns, start=1):
        kind = "list" if col.is_list else col.type
        meaning = col.description
        if col.enum:
            meaning += ": " + ", ".join(f"`{value}`" for value in col.enum)
        empty = "never" if col.required else "may be"
        lines.append(f"| {number} | `{col.name}` | {kind} | {empty} | {meaning} |")
    return lines


def test_docs_list_every_column_in_order() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for name, table in TABLES.items():
        section = re.search(rf"^## `{name}`\n(.*?)(?=^## |\Z)", text, re.M | re.S)
        assert section, f"docs/tables.md has no section ## `{name}`"
        lines = [ln for ln in section[1].splitlines() if ln.startswith("| ")]
        assert lines == doc_lines(table), f"docs/tables.md: columns of {name} differ"
        assert f"Rows are sorted by {table.order}." in section[1]
