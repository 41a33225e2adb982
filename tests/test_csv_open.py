"""The build's CSVs opened in LibreOffice Calc as its Text Import dialog opens them.

``build`` starts every CSV with a UTF-8 byte-order mark. On a double-click LibreOffice
shows its Text Import dialog, which reads a UTF-8 byte-order mark at the start of the file
and preselects *Unicode (UTF-8)* (``ScImportAsciiDlg``: ``StartReadingUnicodeText``; the
dialog itself cannot run in the headless build the tests use, see docs/tables.md). Here
Calc converts the real base's tables with that choice, and the accents and dashes come
out right with no stray mark before the first column's name.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import require_tool
from test_spreadsheet_clients import read_sheet

from tda_export.formats.tables.table import write_csv
from tda_export.validation import load_checked

pytestmark = pytest.mark.client

FACTS = Path(__file__).parent.parent / "facts"
#: What the Text Import dialog preselects for a file that starts with a UTF-8 byte-order
#: mark: comma separated, double quotes, Unicode (UTF-8) (76), from line 1.
DIALOG_FOR_BOM = "CSV:44,34,76,1"


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> list[list[str]]:
    """The real base's events table as the build writes it, as Calc reads it: text rows."""
    soffice = require_tool("soffice")
    folder = tmp_path_factory.mktemp("open")
    with open(folder / "events.csv", "w", encoding="utf-8", newline="") as fobj:
        write_csv(load_checked(FACTS), fobj, "events", bom=True)
    assert (folder / "events.csv").read_bytes().startswith(b"\xef\xbb\xbfid,title,")
    profile = (folder / "profile").as_uri()  # its own profile: runs beside other soffice
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless",
         f"--infilter={DIALOG_FOR_BOM}", "--convert-to", "xlsx", "--outdir", str(folder),
         str(folder / "events.csv")],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    rows = read_sheet(folder / "events.xlsx")
    width = max(max(row, default=0) for row in rows) + 1
    return [[str(row[i].value) if i in row else "" for i in range(width)] for row in rows]


def test_header_has_no_stray_mark(events: list[list[str]]) -> None:
    assert events[0][:3] == ["id", "title", "date"]


def test_accents_and_dashes_read_right(events: list[list[str]]) -> None:
    header = events[0]
    titles = [row[header.index("title")] for row in events[1:]]
    assert "Guerrero murders police officer Oswaldo González, court records say" in titles
    shown = {row[header.index("date_display")] for row in events[1:]}
    assert "2005\u20132011" in shown
    text = "".join("".join(row) for row in events)
    assert "\u00c3" not in text and "\u00e2\u20ac" not in text  # no "GonzÃ¡lez", no "â€“"
