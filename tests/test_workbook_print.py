"""The workbook on paper: LibreOffice Calc prints the real base's workbook to PDF.

Every table sheet prints landscape, one page wide (each page shows every column's
header), the header row on every page, the sheet's name and page number in the footer,
and no text cut off at the bottom of its cell (every word of the long text columns is on
the sheet's pages). ``pdftotext -layout`` (poppler) reads the pages back, keeping
neighbouring cells apart.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import require_tool

from tda_export.formats.tables import workbook
from tda_export.formats.tables.columns import TABLES
from tda_export.formats.tables.rows import table_values
from tda_export.models import LIST_SEPARATOR
from tda_export.validation import load_checked

pytestmark = pytest.mark.client

FACTS = Path(__file__).parent.parent / "facts"
FOOTER = re.compile(r"^ *(\w+), page (\d+) of (\d+) *$", re.MULTILINE)
WORD = re.compile(r"\w+")


def words(text: str) -> set[str]:
    """The words of a text (a hyphen splits them: a cell may wrap after one)."""
    return set(WORD.findall(text))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The text of each printed page of the real base's workbook."""
    soffice, pdftotext = require_tool("soffice"), require_tool("pdftotext")
    folder = tmp_path_factory.mktemp("print")
    book = folder / "tren-de-aragua.xlsx"
    with book.open("wb") as fobj:
        workbook.write_xlsx(load_checked(FACTS), fobj)
    profile = (folder / "profile").as_uri()  # its own profile: runs beside other soffice
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(book)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    text = subprocess.run(
        [pdftotext, "-layout", str(folder / "tren-de-aragua.pdf"), "-"],
        check=True, capture_output=True, text=True, timeout=120,
    ).stdout  # fmt: skip
    return text.split("\f")[:-1]


def sheet_pages(pages: list[str]) -> dict[str, list[str]]:
    """Each sheet's pages, by the footer each page prints."""
    found: dict[str, list[str]] = {}
    for number, page in enumerate(pages, start=1):
        footers = FOOTER.findall(page)
        assert len(footers) == 1, f"page {number}: {footers}"
        name, page_number, total = footers[0]
        assert (int(page_number), int(total)) == (number, len(pages))
        found.setdefault(name, []).append(page)
    return found


def test_every_sheet_prints_with_a_footer(pages: list[str]) -> None:
    assert list(sheet_pages(pages)) == [workbook.ABOUT_SHEET, *TABLES]


@pytest.mark.parametrize("name", TABLES)
def test_one_page_wide_with_the_header_on_every_page(pages: list[str], name: str) -> None:
    for page in sheet_pages(pages)[name]:
        words = set(page.split())
        missing = [c.name for c in TABLES[name].columns if c.name not in words]
        assert missing == [], page[:200]


@pytest.mark.parametrize("name", TABLES)
def test_no_long_text_is_cut_off(pages: list[str], name: str) -> None:
    printed = words(" ".join(sheet_pages(pages)[name]))
    table = TABLES[name]
    long = [i for i, c in enumerate(table.columns) if workbook.column_kind(c) in ("long", "list")]
    cut = set()
    for row in table_values(load_checked(FACTS), name):
        for i in long:
            value = row[i]
            text = LIST_SEPARATOR.join(value) if isinstance(value, list) else value or ""
            cut.update(words(str(text)) - printed)
    assert cut == set()
