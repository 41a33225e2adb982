"""Exceptions and problem reports of tda-export; no click import here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from tda_export.models import Record

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the fact base, located as ``FILE:LINE: FIELD``."""

    file: str
    line: int
    field: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        """``FILE:LINE: FIELD: message`` (warnings say so after the field), on one line.

        Characters that are not printable (a line break or a terminal escape sequence in
        an invalid id, a key or a file name) are shown as Python escapes (``\\n``,
        ``\\x1b``), so no fact can split the line or drive the terminal.
        """
        prefix = "warning: " if self.severity == "warning" else ""
        text = f"{self.file}:{self.line}: {self.field}: {prefix}{self.message}"
        if text.isprintable():
            return text
        return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)

    @classmethod
    def at(
        cls, rec: Record, path: tuple[str | int, ...], message: str, warn: bool = False
    ) -> Problem:
        """The problem of field ``path`` of record ``rec`` (``id.citations[0].quote``), at
        the line of that field."""
        line = rec.origin.line_of(*path) if path else rec.origin.line
        severity: Severity = "warning" if warn else "error"
        return cls(rec.origin.file, line, field_name(rec.id, path), message, severity)


def field_name(record_id: str, path: tuple[str | int, ...]) -> str:
    """How a problem names a field of a record: ``id.citations[0].quote``."""
    return record_id + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


class TdaExportError(Exception):
    """Base of every error this package raises on purpose."""


class FactBaseError(TdaExportError):
    """The fact base has problems; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep every problem; the message is the first one."""
        self.problems = problems
        super().__init__(str(problems[0]) if problems else "invalid fact base")


class UsageError(TdaExportError):
    """A bad option value detected by the library (the CLI exits 2)."""


class OutputError(TdaExportError):
    """An output could not be written; nothing was replaced."""
