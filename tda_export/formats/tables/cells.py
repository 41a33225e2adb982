"""Cell encoding of the CSV tables: spreadsheet-safe text, plain numbers.

- unknown or empty values are empty cells; lists are joined with ``"; "``;
- numbers are plain (``11000``, ``-67.59475``), dates ``YYYY-MM-DD``;
- a text cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``,
  ``@``, tab or carriage return) gets one leading apostrophe, see :func:`neutralise`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from tda_export.models import LIST_SEPARATOR

Value = str | int | float | date | list[str] | None
"""A plain value of a row: what :mod:`.rows` yields and :func:`cell` encodes."""

FORMULA_TRIGGERS = frozenset("=+-@\t\r")
_PREFIX_STARTS = FORMULA_TRIGGERS | {"'"}


def neutralise(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet would run as a formula (OWASP "CSV injection").

    Text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return is prefixed, and so
    is text that already starts with apostrophes followed by one of those, which keeps the
    mapping reversible by :func:`restore`.
    """
    return "'" + text if _needs_prefix(text) else text


def restore(cell: str) -> str:
    """Undo :func:`neutralise`: the original text of a text cell."""
    return cell[1:] if cell.startswith("'") and _needs_prefix(cell[1:]) else cell


def _needs_prefix(text: str) -> bool:
    return text[:1] in _PREFIX_STARTS and text.lstrip("'")[:1] in FORMULA_TRIGGERS


def format_number(value: float) -> str:
    """A number as a spreadsheet reads it: ``11000`` rather than ``11000.0``."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _joined(items: list[str]) -> str:
    return neutralise(LIST_SEPARATOR.join(items))


#: How each type of value but ``None`` is written, in the order :func:`cell` tries them.
_ENCODE: dict[type, Callable[[Any], str]] = {
    str: neutralise,
    list: _joined,
    float: format_number,
    int: str,
    date: date.isoformat,
}


def cell(value: Value) -> str:
    """The CSV text of one value (text, and only text, is neutralised)."""
    if value is None:
        return ""
    return next(encode for kind, encode in _ENCODE.items() if isinstance(value, kind))(value)


_AS_IS = frozenset({type(None), int, date})
"""Types csv.writer writes as :func:`cell` does: ``None`` as an empty cell, ``str()``."""


def csv_cells(values: Sequence[Value]) -> list[Value]:
    """One row's cells for :func:`csv.writer`, which writes them as :func:`cell` would.

    Text needing no apostrophe (most cells) and the types of :data:`_AS_IS` go to it as
    they are: a test or two per cell and no call; other values are encoded by type.
    """
    return [
        value
        if (type(value) is str and value[:1] not in _PREFIX_STARTS) or type(value) in _AS_IS
        else _ENCODE.get(type(value), cell)(value)
        for value in values
    ]
