"""Read ``facts/*.yaml`` into a :class:`~tda_export.models.FactBase`.

Each file holds a YAML list of records of one kind, named after the kind
(``events.yaml``) or starting with it (``events-2025.yaml``). Files are read in sorted
path order. Every problem found is collected, never just the first.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError
from pydantic.dataclasses import is_pydantic_dataclass

from tda_export.errors import FactBaseError, Problem
from tda_export.factbase import FactBase
from tda_export.fieldtypes import SLUG_PATTERN
from tda_export.models import RECORD_TYPES, Place, Record, fields_of, located
from tda_export.origin import Origin
from tda_export.yamlfile import EmptyDocumentError, NotAListError, YamlError, iter_file

SCHEMA_DIR = "schema"

POINT_HELP = "a point is [lon, lat]: two numbers, longitude first"


def kind_of(path: Path) -> str | None:
    """The record kind a fact file holds, from its name; ``None`` if it is not one."""
    stem = path.stem
    for kind in RECORD_TYPES:
        if stem == kind or stem.startswith(kind + "-"):
            return kind
    return None


FACT_SUFFIXES = (".yaml", ".yml")


def unread_entries(facts_dir: Path) -> Iterator[Problem]:
    """A problem naming each entry of the fact folder that is not read as a fact file.

    A name ending in ``.YAML`` or another case of a fact file's suffix is an error (it was
    meant as a fact file, and its facts would be missing from every export); any other
    file or folder (a README, a backup ``events.yaml~``, a subfolder) is a warning, as it
    may well belong there. The ``schema`` folder and hidden entries (``.git``, an editor's
    swap file or lock link) are left alone: they are never facts.
    """
    for path in sorted(facts_dir.iterdir()):
        name = path.name
        if path.suffix in FACT_SUFFIXES or name.startswith("."):
            continue
        if name == SCHEMA_DIR and path.is_dir():
            continue
        display = display_path(path)
        if path.suffix.lower() in FACT_SUFFIXES:
            lower = path.stem + path.suffix.lower()
            yield Problem(
                display, 1, "(file)",
                f"not read: a fact file's name ends in {path.suffix.lower()} in lower case: "
                f"rename it {lower}",
            )  # fmt: skip
        elif path.is_dir():
            yield Problem(
                display, 1, "(folder)",
                "not read: fact files are read from the fact folder itself, not from "
                "its subfolders", "warning",
            )  # fmt: skip
        else:
            yield Problem(
                display, 1, "(file)",
                "not read: only files ending in .yaml or .yml hold facts", "warning",
            )  # fmt: skip


def fact_files(facts_dir: Path) -> list[Path]:
    """The YAML files of a fact base, in sorted path order.

    An entry named like a fact file that is no plain file (a folder, a named pipe, a link
    that loops or leads nowhere) is listed too, so that reading it reports the problem
    instead of its facts going missing unnoticed. Hidden ones (``.#events.yaml``, an
    editor's lock link) are left out.
    """
    return sorted(
        p
        for p in facts_dir.iterdir()
        if p.suffix in FACT_SUFFIXES and (p.is_file() or not p.name.startswith("."))
    )


def _field_name(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _message(error: Any, model: type[Record], record: dict[str, Any]) -> str:
    kind = error["type"]
    loc = error["loc"]
    ctx = error.get("ctx") or {}
    if loc and loc[0] == "point" and model is Place:
        if kind in ("missing", "too_short", "too_long", "tuple_type"):
            return POINT_HELP
        if kind in ("less_than_equal", "greater_than_equal") and len(loc) == 2:
            axis, limit = ("longitude", 180) if loc[1] == 0 else ("latitude", 90)
            return f"{axis} {error['input']!r} is not between -{limit} and {limit}; {POINT_HELP}"
    if kind == "missing":
        return "missing (required)"
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        allowed = _allowed_keys(model, loc[:-1])
        hint = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        tip = f"; did you mean {hint[0]!r}?" if hint else f"; allowed: {', '.join(allowed)}"
        return f"unknown field{tip}"
    if kind == "literal_error":
        expected = error["ctx"]["expected"].replace("'", "")
        return f"{error['input']!r} is not one of: {expected}"
    if kind == "string_pattern_mismatch":
        key = "id" if ctx.get("pattern") == SLUG_PATTERN else str(loc[-1])
        return f"{error['input']!r} {_PATTERN_HELP.get(key, 'has the wrong form')}"
    if kind == "too_short" and loc and loc[-1] in ("citations", "relations"):
        return f"needs at least one {str(loc[-1])[:-1]}"
    if kind == "string_type":
        return _not_text(error["input"])
    if kind in ("float_parsing", "float_type"):
        return _not_a_number(error["input"])
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{error['input']!r} is not a whole number"
    if kind in ("value_error", "assertion_error"):
        return str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    msg = str(error["msg"])
    return msg[0].lower() + msg[1:]


def _not_a_number(value: Any) -> str:
    """Why a YAML value is not a number."""
    if isinstance(value, bool):
        return f"{str(value).lower()} is read as yes/no, not a number"
    if isinstance(value, int):  # too large to be a float
        return f"a number of {len(str(abs(value)))} digits is too large"
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            pass
        else:
            return f"{value!r} is text, not a number: remove the quotes"
    return f"{value!r} is not a number"


def _not_text(value: Any) -> str:
    """Why a YAML value is not text, in the words of someone writing YAML."""
    if isinstance(value, bool):
        return f"{str(value).lower()} is read as yes/no: put it in quotes to keep it as text"
    if isinstance(value, (int, float)):
        return f"{value!r} is read as a number: put it in quotes to keep it as text"
    if isinstance(value, list):
        return "should be text, not a list"
    if isinstance(value, dict):
        return "should be text, not a mapping"
    return "should be text"


_PATTERN_HELP = {
    "id": "is not a valid id: use lowercase letters, digits and single hyphens",
    "source": "is not a valid id: use lowercase letters, digits and single hyphens",
    "country": "is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. VE)",
    "state": "is not an ISO 3166-2 code (e.g. VE-D)",
    "sha256": "is not a sha256 (64 lowercase hex digits)",
    "file": "is not a plain file name (no folder, no slash)",
    "url": "is not an http(s) URL",
    "language": "is not a language code (e.g. en, es)",
}


def _allowed_keys(model: type[Any], path: tuple[str | int, ...]) -> list[str]:
    """Field names of the (sub)model at ``path``, for 'did you mean' hints."""
    current: Any = model
    for part in path:
        if isinstance(part, int) or not is_pydantic_dataclass(current):
            continue
        info = fields_of(current).get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    if not is_pydantic_dataclass(current):
        return []
    return sorted(fields_of(current))


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if is_pydantic_dataclass(found):
            return found
    return annotation


def load_file(
    path: Path, display: str, invalid_ids: set[str] | None = None
) -> Iterator[Record | Problem]:
    """Yield each valid record of one fact file, or a :class:`Problem` for each fault.

    The id of each record that fails validation is added to ``invalid_ids`` (when given),
    so that later checks do not also report references to it as dangling.
    """
    kind = kind_of(path)
    if kind is None:
        known = ", ".join(RECORD_TYPES)
        yield Problem(display, 1, "(file)", f"unknown fact file: name it after a kind ({known})")
        return
    model = RECORD_TYPES[kind]
    try:
        for index, line, item, field_lines in iter_file(path):
            yield from _validate(model, kind, display, index, line, item, field_lines,
                                 invalid_ids)  # fmt: skip
    except EmptyDocumentError:
        yield Problem(display, 1, "(file)", f"file is empty: expected a list of {kind}")
    except NotAListError as exc:
        yield Problem(display, exc.line, "(file)", f"expected a list of {kind}")
    except YamlError as exc:
        yield Problem(display, exc.line, "(yaml)", exc.message)
    except OSError as exc:
        yield Problem(display, 1, "(file)", f"cannot read: {exc.strerror}")


def _validate(
    model: type[Record],
    kind: str,
    display: str,
    index: int,
    line: int,
    item: Any,
    field_lines: dict[tuple[str | int, ...], int],
    invalid_ids: set[str] | None,
) -> Iterator[Record | Problem]:
    """Validate one item of a fact file into a record, or yield its problems."""
    if not isinstance(item, dict):
        yield Problem(display, line, f"{kind}[{index}]", "expected a mapping (key: value)")
        return
    record_id = item.get("id")
    label = record_id if isinstance(record_id, str) and record_id else f"{kind}[{index}]"
    try:
        record = _adapter(kind).validate_python(item)
    except ValidationError as exc:
        if invalid_ids is not None and isinstance(record_id, str):
            invalid_ids.add(record_id)
        for error in exc.errors():
            loc = tuple(error["loc"])
            at = Origin(display, line, field_lines=field_lines).line_of(*loc)
            name = f"{label}.{_field_name(loc)}" if loc else label
            yield Problem(display, at, name, _message(error, model, item))
        return
    # Field lines are found again from the file when a later check needs them: keeping
    # them for every record would cost more memory than the records themselves.
    yield located(record, Origin(display, line, index))


@cache  # one per kind of record: seven in all
def _adapter(kind: str) -> TypeAdapter[Record]:
    return TypeAdapter(RECORD_TYPES[kind])


def display_path(path: Path) -> str:
    """``path`` relative to the current folder when it lies below it, else as given.

    Only the folder is resolved: a fact file that is a symbolic link keeps its own name
    (and a link that loops cannot make resolving it fail).
    """
    try:
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_factbase(facts_dir: Path | str) -> tuple[FactBase, list[Problem]]:
    """Read every fact file; return the valid records and every problem found.

    Raises :class:`FactBaseError` only when ``facts_dir`` is not a readable folder.
    """
    root = Path(facts_dir)
    if not root.is_dir():
        raise FactBaseError([Problem(str(root), 0, "(folder)", "no such fact folder")])
    records: dict[str, list[Record]] = {kind: [] for kind in RECORD_TYPES}
    problems: list[Problem] = list(unread_entries(root))
    invalid_ids: set[str] = set()
    files = fact_files(root)
    if not files:
        problems.append(Problem(
            display_path(root), 0, "(folder)",
            "no fact files here (sources.yaml, events.yaml … ending in .yaml or .yml): "
            "is this the fact folder?",
        ))  # fmt: skip
    for path in files:
        held = records.get(kind_of(path) or "", [])
        for item in load_file(path, display_path(path), invalid_ids):
            if isinstance(item, Problem):
                problems.append(item)
            else:
                held.append(item)
    return FactBase(records, invalid_ids), problems
