"""Where a record was read: its file and line, and the line of any of its fields on request.

Keeping every field's line for every record would cost more memory than the records
themselves, so a record keeps only its own line; the line of a field (asked for only when
a check reports a problem there) is found by reading the file again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Origin:
    """File and line of a record, and where to find its fields.

    ``file`` is the path as messages show it (relative to the working folder, or as
    given); with ``index`` (the record's position in its file's list) it lets
    :meth:`line_of` read the file again. ``field_lines`` may be given instead.
    """

    file: str
    line: int
    index: int = -1
    field_lines: dict[FieldPath, int] | None = field(default=None, compare=False)

    def line_of(self, *path: str | int) -> int:
        """Line of the deepest known prefix of ``path`` (the record's line at worst)."""
        lines = self.field_lines
        if lines is None:
            lines = _field_lines(self.file, self.index) if self.index >= 0 else {}
        for end in range(len(path), 0, -1):
            found = lines.get(path[:end])
            if found is not None:
                return found
        return self.line


MEMORY = Origin("<memory>", 0)
"""The origin of a record made in code rather than read from a file."""


# Bounded: problems are usually few and in one file; a large file's line map is big.
@lru_cache(maxsize=2)
def _file_lines(source: Path, _mtime_ns: int, _size: int) -> dict[int, dict[FieldPath, int]]:
    from tda_export.yamlfile import YamlError, iter_file

    out: dict[int, dict[FieldPath, int]] = {}
    try:
        for index, _line, _item, lines in iter_file(source):
            out[index] = lines
    except (OSError, YamlError):
        pass
    return out


def _field_lines(source: str, index: int) -> dict[FieldPath, int]:
    """The field lines of item ``index`` of a fact file, read again from the file."""
    try:
        path = Path(source).resolve()
        stat = path.stat()
    except OSError:
        return {}
    return _file_lines(path, stat.st_mtime_ns, stat.st_size).get(index, {})
