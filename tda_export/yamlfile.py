"""Safe YAML reading that keeps the line of every value.

Builds plain Python data from PyYAML's *event* stream (libyaml when available), so nothing
is ever constructed from a tag. Scalars follow the YAML 1.2 core schema (``NO`` stays a
string, dates stay strings). Refused, each with its line: anchors and aliases (alias bombs),
explicit tags (``!!python/object``), duplicate keys, non-string keys, more than one document,
nesting deeper than :data:`MAX_DEPTH`, files over :data:`MAX_FILE_BYTES`, a byte-order mark,
and bytes that are not UTF-8.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import yaml

MAX_FILE_BYTES = 128 * 1024 * 1024
MAX_DEPTH = 32

Path_ = tuple[str | int, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
_CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "!",
}

try:  # libyaml's parser is ~10x faster; fall back to the pure-Python one.
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


class YamlError(Exception):
    """A file that is not acceptable YAML; ``line`` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        """Record the line and a readable message."""
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}")


@dataclass
class YamlDocument:
    """The data of one file and the line where each value (by path) starts."""

    data: Any
    lines: dict[Path_, int]


def _scalar(event: yaml.ScalarEvent) -> Any:
    value = event.value
    if not event.implicit[0] or event.tag == "!":  # quoted, block or `! x`: a string
        return value
    if _NULL.match(value):
        return None
    if _TRUE.match(value):
        return True
    if _FALSE.match(value):
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return float(value.replace(".", "", 1))
    if _NAN.match(value):
        return math.nan
    return value


def decode(raw: bytes) -> str:
    """UTF-8 text of ``raw``; refuse a byte-order mark and invalid bytes with their line."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(1, f"file is {len(raw):,} bytes, over the limit of {MAX_FILE_BYTES:,}")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise YamlError(1, "file starts with a byte-order mark: save it as UTF-8 without BOM")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise YamlError(
            line, f"byte 0x{raw[exc.start]:02x} is not UTF-8: save the file as UTF-8"
        ) from None


def parse(text: str) -> YamlDocument:
    """Parse one YAML document into Python data plus a path -> line map."""
    lines: dict[Path_, int] = {}
    try:
        events = yaml.parse(text, Loader=_Loader)
        return _build(iter(events), lines)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or "invalid YAML"
        if "tab character" in problem or "\\t" in problem or _tab_at(text, mark):
            problem = "a tab character: indent with spaces"
        elif exc.context and exc.context_mark and mark and exc.context_mark.line != mark.line:
            problem += f" ({exc.context} started on line {exc.context_mark.line + 1})"
        raise YamlError(line, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise YamlError(1, f"invalid YAML: {exc}") from None


def _tab_at(text: str, mark: yaml.Mark | None) -> bool:
    """True when the error mark's line is indented with a tab or the mark sits on one.

    libyaml's messages do not always name the tab ("found character that cannot start
    any token").
    """
    if mark is None:
        return False
    rows = text.splitlines()
    if not 0 <= mark.line < len(rows):
        return False
    row = rows[mark.line]
    indent = row[: len(row) - len(row.lstrip(" \t"))]
    return "\t" in indent or row[mark.column : mark.column + 1] == "\t"


def _line(event: yaml.Event) -> int:
    return int(event.start_mark.line) + 1 if event.start_mark else 1


def _check_node(event: yaml.Event) -> None:
    anchor = getattr(event, "anchor", None)
    if anchor is not None:
        raise YamlError(_line(event), f"anchor &{anchor}: anchors and aliases are not allowed")
    tag = getattr(event, "tag", None)
    if tag is not None and tag not in _CORE_TAGS:
        short = tag.replace("tag:yaml.org,2002:", "!!", 1)
        raise YamlError(_line(event), f"tag {short}: explicit tags are not allowed")


def _build(events: Any, lines: dict[Path_, int]) -> YamlDocument:
    data: Any = None
    documents = 0
    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise YamlError(_line(event), "more than one YAML document: keep one per file")
            first = next(events)
            if isinstance(first, yaml.DocumentEndEvent):
                continue
            data = _value(first, events, (), lines, 0)
    return YamlDocument(data, lines)


def _value(event: Any, events: Any, path: Path_, lines: dict[Path_, int], depth: int) -> Any:
    if isinstance(event, yaml.AliasEvent):
        raise YamlError(_line(event), f"alias *{event.anchor}: anchors and aliases are not allowed")
    _check_node(event)
    lines[path] = _line(event)
    if depth > MAX_DEPTH:
        raise YamlError(_line(event), f"nested more than {MAX_DEPTH} levels deep")
    if isinstance(event, yaml.ScalarEvent):
        return _scalar(event)
    if isinstance(event, yaml.SequenceStartEvent):
        items: list[Any] = []
        for item in events:
            if isinstance(item, yaml.SequenceEndEvent):
                return items
            items.append(_value(item, events, (*path, len(items)), lines, depth + 1))
    if isinstance(event, yaml.MappingStartEvent):
        mapping: dict[str, Any] = {}
        for key_event in events:
            if isinstance(key_event, yaml.MappingEndEvent):
                return mapping
            if not isinstance(key_event, yaml.ScalarEvent):
                raise YamlError(_line(key_event), "a key must be plain text")
            _check_node(key_event)
            key = key_event.value
            if not isinstance(_scalar(key_event), str):
                raise YamlError(_line(key_event), f"key {key!r} is not read as text: quote it")
            if key in mapping:
                raise YamlError(_line(key_event), f"duplicate key {key!r}")
            child = (*path, key)
            mapping[key] = _value(next(events), events, child, lines, depth + 1)
            lines[child] = _line(key_event)
    raise YamlError(_line(event), f"unexpected YAML event {type(event).__name__}")
