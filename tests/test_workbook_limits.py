"""Text longer than a workbook cell holds: cut on whole characters, and the cell says so.

Excel holds 32,767 UTF-16 code units a cell; XlsxWriter cuts anything longer without a
word. The fact base takes 20,000 characters a field, which is 40,000 units when every one
is an emoji, and a list cell joins any number of items. Such a cell ends with a note that
it was cut and where the whole text is (its CSV table and column), which holds it whole.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import require_tool

from tda_export.cli import cli
from tda_export.factbase import FactBase
from tda_export.formats.tables import workbook
from tda_export.formats.tables.columns import TABLES
from tda_export.validation import load_checked

HERE = Path(__file__).parent
SMALL = HERE / "fixtures" / "small" / "facts"
FLAG = "\U0001f1fb\U0001f1ea"  # 🇻🇪: two code points, four UTF-16 units, one character
TITLE = FLAG * 10_000  # 20,000 characters (the most a field takes), 40,000 units
ALIASES = ["a" * 17_000, "b" * 17_000]  # each fits; joined with "; " they do not
TITLE_NOTE = " [cut: a cell holds 32,767 characters; the whole text is in events.csv, column title]"
ALIAS_NOTE = (
    " [cut: a cell holds 32,767 characters; the whole text is in actors.csv, column aliases]"
)


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("limits") / "facts"
    shutil.copytree(SMALL, folder)
    events = folder / "events.yaml"
    text = events.read_text(encoding="utf-8")
    events.write_text(
        text.replace("  title: Guerrero imprisoned in Tocorón\n", f'  title: "{TITLE}"\n', 1),
        encoding="utf-8",
    )
    actors = folder / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    actors.write_text(
        text.replace("  aliases: [Niño Guerrero]\n", f"  aliases: [{', '.join(ALIASES)}]\n", 1),
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def base(facts: Path) -> FactBase:
    return load_checked(facts)


@pytest.fixture(scope="module")
def book_bytes(base: FactBase) -> bytes:
    out = io.BytesIO()
    workbook.write_xlsx(base, out)
    return out.getvalue()


def cell(book: Any, sheet: str, record_id: str, column: str) -> str:
    rows = list(book[sheet].iter_rows(values_only=True))
    header = list(rows[0])
    row = next(r for r in rows[1:] if r[0] == record_id)
    return str(row[header.index(column)])


def test_check_accepts_the_base(base: FactBase) -> None:
    assert base.by_id["guerrero-imprisoned-2013"].title == TITLE  # type: ignore[attr-defined]


def test_a_cut_cell_says_so_and_where_the_whole_text_is(book_bytes: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(book_bytes))
    title = cell(book, "events", "guerrero-imprisoned-2013", "title")
    flags = (32_767 - len(TITLE_NOTE) - 1) // 4  # whole flags before the ellipsis
    assert title == FLAG * flags + "\u2026" + TITLE_NOTE
    aliases = cell(book, "actors", "hector-guerrero", "aliases")
    kept = 32_767 - len(ALIAS_NOTE) - 1 - 17_002
    assert aliases == ALIASES[0] + "; " + "b" * kept + "\u2026" + ALIAS_NOTE
    assert units(title) <= 32_767 and units(aliases) == 32_767


def test_no_cell_is_cut_silently(book_bytes: bytes) -> None:
    """Every text cell of every sheet fits, and only the two long ones carry the note."""
    book = openpyxl.load_workbook(io.BytesIO(book_bytes))
    noted = []
    for name in ["about", *TABLES]:
        for row in book[name].iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str):
                    assert units(value) <= 32_767
                    if value.endswith("]") and "[cut: a cell holds" in value:
                        noted.append(value[-40:])
    assert noted == [ALIAS_NOTE[-40:], TITLE_NOTE[-40:]]


def test_the_csv_holds_the_whole_text(facts: Path, tmp_path: Path) -> None:
    for table, record_id, column, whole in (
        ("events", "guerrero-imprisoned-2013", "title", TITLE),
        ("actors", "hector-guerrero", "aliases", "; ".join(ALIASES)),
    ):
        result = CliRunner().invoke(cli, ["csv", "--facts", str(facts), "--table", table])
        assert result.exit_code == 0
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert next(r for r in rows if r["id"] == record_id)[column] == whole


@pytest.mark.client
def test_libreoffice_reads_the_note(book_bytes: bytes, tmp_path: Path) -> None:
    """LibreOffice Calc opens the workbook and saves it again: the cut cell and its note
    are what it holds (a spreadsheet user reads the note in the cell)."""
    soffice = require_tool("soffice")
    (tmp_path / "book.xlsx").write_bytes(book_bytes)
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "xlsx", "--outdir", str(tmp_path / "calc"), str(tmp_path / "book.xlsx")],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    resaved = openpyxl.load_workbook(tmp_path / "calc" / "book.xlsx")
    title = cell(resaved, "events", "guerrero-imprisoned-2013", "title")
    assert title.endswith("\u2026" + TITLE_NOTE) and title.startswith(FLAG * 100)
    aliases = cell(resaved, "actors", "hector-guerrero", "aliases")
    assert aliases.endswith("\u2026" + ALIAS_NOTE)
