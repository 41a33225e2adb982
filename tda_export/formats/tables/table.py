"""CSV tables, one per record kind plus actors' relation claims and every citation.

:func:`write_csv` streams the rows of :mod:`.rows`, encoded by :func:`.cells.csv_cells`,
through :func:`csv.writer` in batches of :data:`BATCH_ROWS` rows. The tables, their columns
and filters are in :mod:`.columns`; ``docs/tables.md`` documents them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from itertools import islice
from typing import IO, TYPE_CHECKING

from tda_export.formats.tables.cells import Value, csv_cells
from tda_export.formats.tables.columns import TABLES as TABLES
from tda_export.formats.tables.rows import table_values

if TYPE_CHECKING:
    from tda_export.factbase import FactBase
    from tda_export.filters import RecordFilter

BATCH_ROWS = 1000
"""Rows formatted at a time: one ``writerows`` and one write to the file per batch."""


def write_csv(
    base: FactBase,
    fobj: IO[str],
    table: str,
    record_filter: RecordFilter | None = None,
    excel: bool = False,
    bom: bool = False,
) -> int:
    """Write a header and one line per row of ``table`` to ``fobj``; return the row count.

    UTF-8 text with ``\\n`` line ends. ``bom`` starts it with a byte-order mark, which
    Excel and LibreOffice's import dialog take as "this is UTF-8" (``docs/tables.md``);
    ``excel`` adds the mark and ``\\r\\n`` line ends. ``fobj`` should be opened with
    ``newline=""``.
    """
    rows = map(csv_cells, table_values(base, table, record_filter))
    if bom or excel:
        fobj.write("\ufeff")
    writer = _Writer(fobj, "\r\n" if excel else "\n")
    writer.write([TABLES[table].header])
    count = 0
    while batch := list(islice(rows, BATCH_ROWS)):
        writer.write(batch)
        count += len(batch)
    return count


class _Writer:
    """csv.writer quoting every cell that holds ``\\r`` or ``\\n``, whatever the line end.

    Before CPython 3.11.9 (gh-67044) csv.writer quoted only the characters of its own
    ``lineterminator``: with ``"\\n"`` a bare ``\\r`` went out unquoted and split the row.
    So a batch whose text holds a ``\\r`` (rare) is formatted again row by row with
    ``"\\r\\n"``, and each row's end swapped for ``"\\n"``. With ``"\\r\\n"`` (``excel``)
    csv.writer quotes both characters itself.
    """

    def __init__(self, fobj: IO[str], newline: str) -> None:
        self._fobj = fobj
        self._crlf = newline == "\r\n"
        self._buffer = io.StringIO()
        self._csv = csv.writer(self._buffer, lineterminator=newline)
        self._safe = csv.writer(self._buffer, lineterminator="\r\n")

    def write(self, rows: Sequence[Sequence[Value]]) -> None:
        """Write rows of cells."""
        self._csv.writerows(rows)
        text = self._take()
        if not self._crlf and "\r" in text:
            lines = []
            for cells in rows:
                self._safe.writerow(cells)
                lines.append(self._take()[:-2] + "\n")
            text = "".join(lines)
        self._fobj.write(text)

    def _take(self) -> str:
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return text
