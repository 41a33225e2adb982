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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
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
_SPECIAL_STARTS = frozenset("0123456789+-.~nNtTfF")
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


class TypedInt(int):
    """An integer written in a form that is not its plain one (``0000``, ``+7``, ``007``).

    It keeps ``text``, the form as typed, so that a date can be read (and reported) as
    written instead of as the number (``0000`` is not the year ``0``).
    """

    text: str

    def __new__(cls, text: str) -> TypedInt:
        """The integer of ``text``, remembering ``text``."""
        number = super().__new__(cls, text)
        number.text = text
        return number

    def __repr__(self) -> str:
        """The number as typed."""
        return self.text


def _scalar(event: yaml.ScalarEvent) -> Any:
    value = event.value
    if not event.implicit[0] or event.tag == "!":  # quoted, block or `! x`: a string
        return value
    if value and value[0] not in _SPECIAL_STARTS:  # most values: plain text, no regex needed
        return value
    if _NULL.match(value):
        return None
    if _TRUE.match(value):
        return True
    if _FALSE.match(value):
        return False
    if _INT.match(value):
        number = int(value)
        return number if str(number) == value else TypedInt(value)
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return float(value.replace(".", "", 1))
    if _NAN.match(value):
        return math.nan
    return value


def parse(text: str) -> YamlDocument:
    """Parse one YAML document into Python data plus a path -> line map."""
    lines: dict[Path_, int] = {}
    loader = _Loader(text)
    try:
        return _build(loader.get_event, lines)
    except yaml.MarkedYAMLError as exc:
        raise _translate(exc, text) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise YamlError(1, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()


#: A loader's own ``get_event`` (a C method with libyaml): calling it directly avoids the
#: Python generator of ``yaml.parse``, which costs as much as the rest of the walk. It
#: returns None after the end of the stream; inside a node the parser raises instead.
Getter = Callable[[], Any]


class EmptyDocumentError(YamlError):
    """The file holds no YAML document, or an empty one."""


class NotAListError(YamlError):
    """The top level of the file is not a list."""


def check_file(path: Path) -> None:
    """Refuse a file over :data:`MAX_FILE_BYTES`, with a byte-order mark, or not UTF-8.

    Reads the file in chunks, so even a huge file costs little memory. What is not a plain
    file (a folder, a named pipe, a device) raises :class:`OSError` before it is opened:
    opening a pipe would wait for a writer, and a device may never end.
    """
    import codecs
    import errno
    import stat

    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "not a plain file (a pipe, device or socket)", str(path))
    size = info.st_size
    if size > MAX_FILE_BYTES:
        raise YamlError(1, f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}")
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with path.open("rb") as handle:
        first = True
        while chunk := handle.read(1 << 20):
            if first and chunk.startswith(b"\xef\xbb\xbf"):
                raise YamlError(
                    1, "file starts with a byte-order mark: save it as UTF-8 without BOM"
                )
            first = False
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                bad = max(exc.start - len(decoder.getstate()[0]), 0)
                line += chunk.count(b"\n", 0, bad)
                raise YamlError(
                    line, f"byte 0x{chunk[bad]:02x} is not UTF-8: save the file as UTF-8"
                ) from None
            line += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise YamlError(line, "the file ends in the middle of a UTF-8 character") from None


def iter_file(path: Path) -> Iterator[tuple[int, int, Any, dict[Path_, int]]]:
    """Stream the items of a file whose top level is a list.

    Yields ``(index, line, item, lines)`` for each item, where ``lines`` maps paths inside
    the item to their lines, so a whole file's data never has to be held at once. Raises
    :class:`YamlError` (:class:`EmptyDocumentError`, :class:`NotAListError`) with a line.
    """
    check_file(path)
    with path.open("rb") as handle:
        loader = _Loader(handle)
        try:
            yield from _items(loader.get_event)
        except yaml.MarkedYAMLError as exc:
            raise _translate(exc, path.read_text(encoding="utf-8")) from None
        except yaml.reader.ReaderError as exc:
            raise _reader_error(exc, path.read_bytes()) from None
        finally:
            loader.dispose()


def _items(get: Getter) -> Iterator[tuple[int, int, Any, dict[Path_, int]]]:
    documents = 0
    found_list = False
    while (event := get()) is not None:
        if type(event) is not yaml.DocumentStartEvent:
            continue
        documents += 1
        if documents > 1:
            raise YamlError(_line(event), "more than one YAML document: keep one per file")
        top = get()
        if type(top) is yaml.DocumentEndEvent or (
            type(top) is yaml.ScalarEvent and _scalar(top) is None
        ):
            continue
        if type(top) is not yaml.SequenceStartEvent:
            _check_node(top)
            raise NotAListError(_line(top), "expected a list of records")
        _check_node(top)
        found_list = True
        index = 0
        while type(item := get()) is not yaml.SequenceEndEvent:
            lines: dict[Path_, int] = {}
            data = _value(item, get, (), lines, 1)
            yield index, lines.get((), 1), data, lines
            index += 1
    if not found_list:
        raise EmptyDocumentError(1, "file is empty")


def _reader_error(exc: yaml.reader.ReaderError, source: str | bytes) -> YamlError:
    """A NUL byte or other character YAML forbids, with its line.

    The character is found again in ``source``: YAML refuses it anywhere, so its first
    occurrence is the one refused. (``exc.position`` counts bytes with libyaml even when
    the parser was given a text.)
    """
    if isinstance(exc.character, int):
        code = exc.character
    else:
        code = ord(exc.character) if exc.character else 0
    char = chr(code)
    at = source.find(char.encode("utf-8")) if isinstance(source, bytes) else source.find(char)
    before = source[: at if at >= 0 else exc.position]
    line = (before.count(b"\n") if isinstance(before, bytes) else before.count("\n")) + 1
    return YamlError(line, f"character U+{code:04X} is not allowed in YAML: remove it")


def _translate(exc: yaml.MarkedYAMLError, text: str) -> YamlError:
    """A readable :class:`YamlError` for one of PyYAML's errors."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    problem = exc.problem or "invalid YAML"
    if "nesting depth" in problem:
        # libyaml 0.2.6+ (PyYAML 6.0.4) has a depth limit of its own, far above ours:
        # a file that reaches it is over ours too, and gets our message.
        return YamlError(line, f"nested more than {MAX_DEPTH} levels deep")
    if "tab character" in problem or "\\t" in problem or _tab_at(text, mark):
        problem = "a tab character: indent with spaces"
    elif exc.context and exc.context_mark and mark and exc.context_mark.line != mark.line:
        problem += f" ({exc.context} started on line {exc.context_mark.line + 1})"
    return YamlError(line, f"invalid YAML: {problem}")


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


def _build(get: Getter, lines: dict[Path_, int]) -> YamlDocument:
    data: Any = None
    documents = 0
    while (event := get()) is not None and type(event) is not yaml.StreamEndEvent:
        if type(event) is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise YamlError(_line(event), "more than one YAML document: keep one per file")
            first = get()
            if type(first) is yaml.DocumentEndEvent:
                continue
            data = _value(first, get, (), lines, 0)
    return YamlDocument(data, lines)


_Scalar = yaml.ScalarEvent
_SeqStart, _SeqEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_MapStart, _MapEnd = yaml.MappingStartEvent, yaml.MappingEndEvent


def _value(event: Any, get: Getter, path: Path_, lines: dict[Path_, int], depth: int) -> Any:
    """Build the value that starts with ``event``, pulling the rest with ``get``."""
    kind = type(event)
    if kind is yaml.AliasEvent:
        raise YamlError(_line(event), f"alias *{event.anchor}: anchors and aliases are not allowed")
    if event.anchor is not None or (event.tag is not None and event.tag not in _CORE_TAGS):
        _check_node(event)
    line = event.start_mark.line + 1
    lines[path] = line
    if depth > MAX_DEPTH:
        raise YamlError(line, f"nested more than {MAX_DEPTH} levels deep")
    if kind is _Scalar:
        return _scalar(event)
    if kind is _SeqStart:
        items: list[Any] = []
        while type(item := get()) is not _SeqEnd:
            items.append(_value(item, get, (*path, len(items)), lines, depth + 1))
        return items
    if kind is _MapStart:
        mapping: dict[str, Any] = {}
        while type(key_event := get()) is not _MapEnd:
            if type(key_event) is not _Scalar:
                raise YamlError(_line(key_event), "a key must be plain text")
            _check_node(key_event)
            key = key_event.value
            if key_event.implicit[0] and not isinstance(_scalar(key_event), str):
                raise YamlError(_line(key_event), f"key {key!r} is not read as text: quote it")
            if key in mapping:
                raise YamlError(_line(key_event), f"duplicate key {key!r}")
            child = (*path, key)
            mapping[key] = _value(get(), get, child, lines, depth + 1)
            lines[child] = _line(key_event)
        return mapping
    raise YamlError(_line(event), f"unexpected YAML event {kind.__name__}")
