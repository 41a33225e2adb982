"""One .xlsx workbook: an "about" sheet, then every table of :mod:`.columns` as a sheet.

Written with XlsxWriter in ``constant_memory`` mode: each row goes to disk as it is made,
so the workbook of a large base is never held in memory. Every cell keeps its column's
type, so no spreadsheet guesses:

- text (ids, titles, "April 2017", "2018/..", a quote starting with ``=``) is a text
  cell: never a date, a number or a formula, and no apostrophe is added;
- numbers are numbers; ``*_start`` and ``*_end`` (the first and last day of a date) are
  real date cells shown as ``yyyy-mm-dd``; unknown values are empty cells;
- lists are joined with ``"; "``, as in the CSV; line breaks are LF (a CR would be
  stored as the escape ``_x000D_``, which not every reader decodes);
- a text longer than a cell holds (32,767 UTF-16 code units) is cut on whole characters
  and says so, and where the whole text is (:func:`fit`): never a silent cut.

Each table sheet has its header frozen and filtered, column widths by kind of column,
every text cell wrapped in a row tall enough for it, and prints landscape on A4, one page
wide, with grid lines, the header row on every page and the sheet and page in the footer.

The bytes are the same on every build: XlsxWriter dates the zip entries 1 January 1980,
and the document's created date is the latest day named in the data (as the calendar's
DTSTAMP), never the clock.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

from tda_export.formats.tables.columns import TABLES, Column, Table
from tda_export.formats.tables.rows import Values, table_values
from tda_export.formats.words import latest_known_day, published_words
from tda_export.models import LIST_SEPARATOR
from tda_export.text import isolate, shorten, utf16_len

if TYPE_CHECKING:
    from tda_export.factbase import FactBase
    from tda_export.models import Source

TITLE = "Tren de Aragua: the fact base as tables"
ABOUT_SHEET = "about"
FALLBACK_CREATED = datetime(2000, 1, 1)
"""Created date of a workbook whose data names no day at all."""
DATE_FORMAT = "yyyy-mm-dd"
ABOUT = (
    "A validated, sourced fact base on Venezuela\u2019s Tren de Aragua gang, from the "
    "tda-export project. Every record cites its source with a verbatim quote (sheet "
    "citations). Dates are as precise as the sources allow: each date is given as recorded "
    "(2013, 2024-03, 2018/.. for \u201csince 2018\u201d), in words (the *_display column), "
    "and as its first and last day (*_start and *_end: real dates, empty when open). Ids "
    "join the sheets: events.places holds places.id, citations.source holds sources.id."
)

#: Columns of long text: wide and wrapped.
LONG_TEXT = frozenset(
    {"title", "summary", "note", "quote", "label", "role", "attributed_to", "change", "reason"}
)
LINE_HEIGHT = 15.0
"""Points of one line of text (the default row height)."""
MAX_HEIGHT = 409.0
"""The tallest row a spreadsheet allows, in points."""
#: Width (in characters) of each kind of column: narrow enough that the widest sheet
#: (figures, 19 columns) prints one A4 page wide at about half size; text wraps.
WIDTHS = {"id": 20, "long": 30, "list": 16, "date": 11, "number": 9, "text": 11}
PRINT_WIDTH = 150
"""Characters of columns that one landscape A4 page holds at full size."""
FOOTER = "&C&A, page &P of &N"
"""Printed footer: the sheet's name and the page number."""
CELL_LIMIT = 32_767
"""Most characters a cell holds, in UTF-16 code units as Excel counts them (an emoji is 2)."""

__all__ = ["TITLE", "write_xlsx"]


def column_kind(column: Column) -> str:
    """``date``, ``number``, ``long`` (wrapped text), ``list``, ``id`` or ``text``."""
    if column.type == "date":
        return "date"
    if column.type in ("integer", "number"):
        return "number"
    if column.name in LONG_TEXT or column.name.endswith("_note"):
        return "long"
    if column.is_list:
        return "list"
    if column.name in ("id", "record_id") or column.name.endswith("_sha256"):
        return "id"
    return "text"


def line_breaks(text: str) -> str:
    """Text with every line break as LF, the one a cell holds (CR would be ``_x000D_``)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def column_widths(table: Table) -> list[int]:
    """Each column's width: by its kind, never narrower than its header; the long text
    columns of a narrow table share what is left of :data:`PRINT_WIDTH`."""
    widths = [max(WIDTHS[column_kind(c)], len(c.name) + 1) for c in table.columns]
    long = [i for i, c in enumerate(table.columns) if column_kind(c) == "long"]
    spare = (PRINT_WIDTH - sum(widths)) // len(long) if long else 0
    return [w + spare if i in long and spare > 0 else w for i, w in enumerate(widths)]


def fit(text: str, where: str) -> str:
    """``text``, or when a cell cannot hold it, its start (cut between characters a reader
    sees) and a note that it was cut and that the whole text is in ``where``.

    XlsxWriter would cut it silently; the fact base holds any text up to 20,000
    characters, and list cells any number of items.
    """
    if len(text) <= CELL_LIMIT // 2 or utf16_len(text) <= CELL_LIMIT:
        return text
    note = f" [cut: a cell holds {CELL_LIMIT:,} characters; the whole text is in {where}]"
    return shorten(text, CELL_LIMIT - len(note), size=utf16_len) + note


def created(base: FactBase) -> datetime:
    """The document's created date: midnight of the latest day named in the data."""
    day = latest_known_day(base)
    return datetime(day.year, day.month, day.day) if day else FALLBACK_CREATED


class _Sheets:
    """The workbook and its cell formats."""

    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self.header = workbook.add_format(
            {"bold": True, "bg_color": "#eeeeee", "border": 1, "valign": "top"}
        )
        self.date = workbook.add_format({"num_format": DATE_FORMAT, "valign": "top"})
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.number = workbook.add_format({"valign": "top"})
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.bold = workbook.add_format({"bold": True, "valign": "top"})


def _table_sheet(sheets: _Sheets, table: Table, rows: Iterator[Values]) -> int:
    """Write one table as a sheet; return its number of rows."""
    sheet = sheets.workbook.add_worksheet(table.name)
    formats = {"date": sheets.date, "number": sheets.number}
    plan = []
    widths = column_widths(table)
    for col, column in enumerate(table.columns):
        kind = column_kind(column)
        sheet.set_column(col, col, widths[col], formats.get(kind, sheets.wrap))
        sheet.write_string(0, col, column.name, sheets.header)
        plan.append((kind, formats.get(kind, sheets.wrap)))
    wrapped = [(col, widths[col]) for col in range(len(plan)) if plan[col][1] is sheets.wrap]
    where = [f"{table.name}.csv, column {column.name}" for column in table.columns]
    count = 0
    for count, row in enumerate(rows, start=1):
        height = max((row_height(row[col], width) for col, width in wrapped), default=LINE_HEIGHT)
        if height > LINE_HEIGHT:
            sheet.set_row(count, height)
        for col, ((kind, fmt), value) in enumerate(zip(plan, row, strict=True)):
            if value is None or value == []:
                continue
            if kind == "date":
                sheet.write_datetime(count, col, value, fmt)
            elif kind == "number":
                sheet.write_number(count, col, value, fmt)
            else:
                text = LIST_SEPARATOR.join(value) if isinstance(value, list) else str(value)
                sheet.write_string(count, col, fit(line_breaks(text), where[col]), fmt)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, count, len(plan) - 1)
    _print_setup(sheet)
    sheet.repeat_rows(0)
    return count


def row_height(value: Any, width: int) -> float:
    """Points of height a wrapped cell needs: its words wrapped at about ``width`` characters.

    Spreadsheets do not size rows of a streamed sheet themselves, so without this a long
    quote would show one line of itself. A list counts as its text joined with ``"; "``.
    """
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    if not isinstance(value, str) or not value:
        return LINE_HEIGHT
    per_line = max(1, int(width * 1.2))
    lines = 0
    for part in value.split("\n"):
        used = 0
        lines += 1
        for word in part.split():
            if used and used + 1 + len(word) > per_line:
                lines += 1
                used = 0
            lines += max(0, math.ceil(len(word) / per_line) - 1)
            used = (used + 1 if used else 0) + (len(word) % per_line or per_line)
    return min(MAX_HEIGHT, LINE_HEIGHT * lines)


def _print_setup(sheet: Any) -> None:
    """Landscape A4, one page wide, narrow margins, grid lines, the sheet and page below."""
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.set_margins(left=0.3, right=0.3, top=0.5, bottom=0.6)
    sheet.fit_to_pages(1, 0)
    sheet.hide_gridlines(0)
    sheet.set_footer(FOOTER)


def _about_sheet(sheets: _Sheets, base: FactBase) -> None:
    """The first sheet: what the workbook holds, each table, and the sources."""
    sheet = sheets.workbook.add_worksheet(ABOUT_SHEET)
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 1, 90, sheets.wrap)
    _print_setup(sheet)
    sheet.write_string(0, 0, TITLE, sheets.title)
    sheet.set_row(1, row_height(ABOUT, 90))
    sheet.write_string(1, 1, ABOUT, sheets.wrap)
    lines = [("sheet", "what it holds (rows in order of)", sheets.header)]
    lines += [(name, f"{t.description} (order: {t.order})", None) for name, t in TABLES.items()]
    lines += [("", "", None), ("source", "publisher, title, publication date, URL", sheets.header)]
    lines += [
        (s.id, _about_source(base, s), None) for s in sorted(base.sources, key=lambda s: s.id)
    ]
    corrections = _about_corrections(base) or [("", "none: no record has been corrected")]
    lines += [("", "", None), ("corrected", "corrections since publication", sheets.header)]
    lines += [(record, words, None) for record, words in corrections]
    for row, (key, text, header) in enumerate(lines, start=3):
        if header is not None:
            sheet.write_string(row, 0, key, header)
            sheet.write_string(row, 1, text, header)
        elif text:
            sheet.set_row(row, row_height(text, 90))
            sheet.write_string(row, 0, key, sheets.bold)
            sheet.write_string(row, 1, fit(text, "sources.csv"), sheets.wrap)


def _about_corrections(base: FactBase) -> list[tuple[str, str]]:
    """Each correction in a reader's words with its record's id, by date, then record id."""
    from tda_export.corrections import correction_words, published

    items = [
        (rev.date, rec.id, words)
        for _, rec in published(base)
        for rev, words in zip(rec.revisions, correction_words(base, rec), strict=True)
    ]
    return [(record, words) for _, record, words in sorted(items)]


def _about_source(base: FactBase, source: Source) -> str:
    """A source in words: publisher, title, publication date, URL, what it summarises."""
    title = f"\u201c{isolate(source.title)}\u201d"
    parts = [isolate(source.publisher), title] if source.publisher else [title]
    published = published_words(source)
    parts.append(f"published {isolate(published)}" if published else "publication date unknown")
    if source.url:
        parts.append(source.url)
    if source.derived_from:
        parts.append(f"a summary of {isolate(base.source(source.derived_from).title)}")
    return ", ".join(parts)


def write_xlsx(base: FactBase, fobj: IO[bytes]) -> int:
    """Write the workbook of the whole base to the binary file ``fobj``; return the tables.

    The about sheet comes first, then one sheet per table in :data:`~.columns.TABLES`
    order with every row of :func:`~.rows.table_values`.
    """
    import xlsxwriter

    workbook = xlsxwriter.Workbook(
        fobj, {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False}
    )
    workbook.set_properties(
        {"title": TITLE, "author": "tda-export", "created": created(base), "comments": ""}
    )
    sheets = _Sheets(workbook)
    _about_sheet(sheets, base)
    for name, table in TABLES.items():
        _table_sheet(sheets, table, table_values(base, name))
    workbook.close()
    return len(TABLES)
