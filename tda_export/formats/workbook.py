"""One .xlsx workbook: an "about" sheet, then every table of :mod:`.columns` as a sheet.

Written with XlsxWriter in ``constant_memory`` mode: each row goes to disk as it is made,
so the workbook of a large base is never held in memory. Every cell keeps its column's
type, so no spreadsheet guesses:

- text (ids, titles, "April 2017", "2018/..", a quote starting with ``=``) is a text
  cell: never a date, a number or a formula, and no apostrophe is added;
- numbers are numbers; ``*_start`` and ``*_end`` (the first and last day of a date) are
  real date cells shown as ``yyyy-mm-dd``; unknown values are empty cells;
- lists are joined with ``"; "``, as in the CSV; line breaks are LF (a CR would be
  stored as the escape ``_x000D_``, which not every reader decodes).

Each table sheet has its header frozen and filtered, column widths by kind of column,
long text wrapped, and prints landscape, one page wide, the header on every page.

The bytes are the same on every build: XlsxWriter dates the zip entries 1 January 1980,
and the document's created date is the latest day named in the data (as the calendar's
DTSTAMP), never the clock.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

from tda_export.formats.chronology import latest_known_day, published_words
from tda_export.formats.columns import TABLES, Column, Table
from tda_export.formats.rows import Values, table_values
from tda_export.models import LIST_SEPARATOR

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
PRINT_WIDTH = 160
"""Characters of column width that still print legibly on one landscape page."""
PRINT_SCALE = 60
"""Print scale (percent) of a wider sheet: about 180 characters of columns a page."""
#: Width (in characters) of each kind of column.
WIDTHS = {"id": 30, "long": 50, "list": 30, "date": 12, "number": 12, "text": 18}

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


def column_width(column: Column) -> int:
    """The width of a column: by its kind, and never narrower than its header."""
    return max(WIDTHS[column_kind(column)], len(column.name) + 3)


def created(base: FactBase) -> datetime:
    """The document's created date: midnight of the latest day named in the data."""
    day = latest_known_day(base)
    return datetime(day.year, day.month, day.day) if day else FALLBACK_CREATED


class _Sheets:
    """The workbook and its cell formats."""

    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self.header = workbook.add_format({"bold": True, "bg_color": "#eeeeee", "border": 1})
        self.date = workbook.add_format({"num_format": DATE_FORMAT, "valign": "top"})
        self.text = workbook.add_format({"valign": "top"})
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.number = workbook.add_format({"valign": "top"})
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.bold = workbook.add_format({"bold": True, "valign": "top"})


def _table_sheet(sheets: _Sheets, table: Table, rows: Iterator[Values]) -> int:
    """Write one table as a sheet; return its number of rows."""
    sheet = sheets.workbook.add_worksheet(table.name)
    formats = {"date": sheets.date, "number": sheets.number, "long": sheets.wrap}
    plan = []
    for col, column in enumerate(table.columns):
        kind = column_kind(column)
        sheet.set_column(col, col, column_width(column), formats.get(kind))
        sheet.write_string(0, col, column.name, sheets.header)
        plan.append((kind, formats.get(kind, sheets.text)))
    long = [(col, column_width(c)) for col, c in enumerate(table.columns) if plan[col][0] == "long"]
    count = 0
    for count, row in enumerate(rows, start=1):
        height = max((row_height(row[col], width) for col, width in long), default=LINE_HEIGHT)
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
                sheet.write_string(count, col, line_breaks(text), fmt)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, count, len(plan) - 1)
    _print_setup(sheet, sum(column_width(c) for c in table.columns))
    sheet.repeat_rows(0)
    sheet.repeat_columns(0)
    return count


def row_height(value: Any, width: int) -> float:
    """Points of height a wrapped cell needs: its lines at about ``width`` characters each.

    Spreadsheets do not size rows of a streamed sheet themselves, so without this a long
    quote would show one line of itself.
    """
    if not isinstance(value, str) or not value:
        return LINE_HEIGHT
    per_line = max(1, int(width * 1.15))
    lines = sum(max(1, math.ceil(len(part) / per_line)) for part in value.split("\n"))
    return min(MAX_HEIGHT, LINE_HEIGHT * lines)


def _print_setup(sheet: Any, width: int) -> None:
    """Landscape A4; one page wide when the columns fit, else at 60 % in pages across."""
    sheet.set_landscape()
    sheet.set_paper(9)
    if width <= PRINT_WIDTH:
        sheet.fit_to_pages(1, 0)
    else:
        sheet.set_print_scale(PRINT_SCALE)


def _about_sheet(sheets: _Sheets, base: FactBase) -> None:
    """The first sheet: what the workbook holds, each table, and the sources."""
    sheet = sheets.workbook.add_worksheet(ABOUT_SHEET)
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 1, 90, sheets.wrap)
    _print_setup(sheet, 24 + 90)
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
            sheet.write_string(row, 1, text, sheets.wrap)


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
    parts = [p for p in (source.publisher, f"\u201c{source.title}\u201d") if p]
    published = published_words(source)
    parts.append(f"published {published}" if published else "publication date unknown")
    if source.url:
        parts.append(source.url)
    if source.derived_from:
        parts.append(f"a summary of {base.source(source.derived_from).title}")
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
