"""Adding to fact files as text, so that their comments and layout stay as they are.

New records are appended at the end of a file; a new item of a record's list (a
citation, a ledger sentence) is inserted after the list's last item, at its indentation.
Values are written by PyYAML (``safe_dump``), which quotes what needs quoting; the caller
reads the result back before it replaces the file (:func:`replace_checked`).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml

from tda_export.errors import TdaExportError
from tda_export.yamlfile import _NUMBER, Lines

_DASH = re.compile(r"^( *)- ")


class Flow(list[str]):
    """A list written in flow style, as fact files write lists of names: ``[a, b]``."""


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper as fact files are written: a list's items indented under its
    key, :class:`Flow` lists in flow style, and dates left unquoted (read back as text:
    YAML 1.2 has no dates)."""

    yaml_implicit_resolvers = {  # noqa: RUF012 (PyYAML's own class attribute)
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
    }

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        """Indent a list under its key (``key:\n  - item``), as the fact files do."""
        super().increase_indent(flow, False)


_Dumper.add_representer(
    Flow, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, True)
)
# What the fact files' reader takes for a number (YAML 1.2: ``0o17``, ``1e3``) is quoted.
_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(f"^(?:{_NUMBER.pattern})$"), list("0123456789+-.")
)


class _SlotDumper(_Dumper):
    """A worksheet's dumper: an empty slot is written empty (``record:``), not ``null``."""


_SlotDumper.add_representer(
    type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", "")
)


def dump(items: list[Any], indent: int = 0, slots: bool = False) -> str:
    """``items`` as a YAML block list, each line indented by ``indent`` spaces.

    With ``slots``, ``None`` is written as an empty value (a slot to fill in).
    """
    dumper = _SlotDumper if slots else _Dumper
    text = yaml.dump(items, Dumper=dumper, allow_unicode=True, sort_keys=False, width=88)
    return "".join(" " * indent + line if line.strip() else line for line in text.splitlines(True))


def append_records(text: str, records: Iterable[dict[str, Any]]) -> str:
    """``text`` (a fact file) with ``records`` appended, a blank line before each."""
    out = text if not text or text.endswith("\n") else text + "\n"
    for record in records:
        out += "\n" + dump([record])
    return out


def list_end(lines: list[str], field_lines: Lines, key: str) -> tuple[int, int] | None:
    """Where a new item of the record's list ``key`` goes: (line index, indentation).

    The line after the list's last item (its continuation lines included, blank lines
    after it left out); ``None`` when the list is empty, written in flow style
    (``[a, b]``) or not there.
    """
    count = sum(1 for path in field_lines if len(path) == 2 and path[0] == key)
    if not count:
        return None
    start = field_lines[(key, count - 1)] - 1
    dash = _DASH.match(lines[start])
    if dash is None or field_lines[(key,)] - 1 == start:
        return None
    column = len(dash.group(1))
    end = start + 1
    while end < len(lines):
        stripped = lines[end].lstrip(" ")
        if stripped.strip() and len(lines[end]) - len(stripped) <= column:
            break
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return end, column


def insert_items(text: str, inserts: list[tuple[int, int, list[Any]]]) -> str:
    """``text`` with each ``(line index, indentation, items)`` inserted, bottom up."""
    lines = text.splitlines(True)
    for at, column, items in sorted(inserts, key=lambda insert: insert[0], reverse=True):
        if at and not lines[at - 1].endswith("\n"):
            lines[at - 1] += "\n"
        lines[at:at] = [dump(items, column)]
    return "".join(lines)


def replace_checked(path: Path, text: str, check: Callable[[Path], None]) -> None:
    """Replace ``path`` with ``text`` once ``check`` accepts a copy of it (else nothing).

    The copy is written beside ``path`` under the same name in a new hidden folder, so a
    loader sees the same kind of fact file; ``check`` raises to refuse it.
    """
    folder = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        candidate = folder / path.name
        candidate.write_text(text, encoding="utf-8")
        check(candidate)
        os.chmod(candidate, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(candidate, path)
    except OSError as exc:
        raise TdaExportError(f"cannot write {path}: {exc.strerror}") from None
    finally:
        for leftover in folder.iterdir():
            leftover.unlink()
        folder.rmdir()
