"""Safe YAML reading that keeps the line of every value.

One walker builds plain Python data from libyaml's *event* stream, one record of the
top-level list at a time, so nothing is ever constructed from a tag and a whole file's data
is never held at once. (Of the readers measured, the fastest that gives lines: see
docs/architecture.md and benchmarks/yaml_parsers.py.) Scalars follow the YAML 1.2 core
schema (``NO`` stays a string, dates stay strings). Refused, each with its line: anchors
and aliases (alias bombs), explicit tags (``!!python/object``), duplicate keys, non-string
keys, more than one document, nesting deeper than :data:`MAX_DEPTH`, files over
:data:`MAX_FILE_BYTES`, a byte-order mark, and bytes that are not UTF-8.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

MAX_FILE_BYTES = 128 * 1024 * 1024
MAX_DEPTH = 32

Path_ = tuple[str | int, ...]
Lines = dict[Path_, int]
#: What :func:`iter_file` yields for each record: index, line, data, lines of its paths.
Item = tuple[int, int, Any, Lines]

#: Plain scalars that are not text in the YAML 1.2 core schema (besides numbers).
_WORDS: dict[str, bool | None] = {
    **dict.fromkeys(("", "~", "null", "Null", "NULL")),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}
_NUMBER = re.compile(
    r"(?P<int>[-+]?[0-9]+)"
    r"|(?P<float>[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)"
    r"|(?P<inf>[-+]?\.(?:inf|Inf|INF))"
    r"|(?P<nan>\.(?:nan|NaN|NAN))"
)
_SPECIAL_STARTS = frozenset("0123456789+-.~nNtTfF")  # what a word or a number starts with
_CORE_TAGS = frozenset(
    {"tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "!"}
)

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


class EmptyDocumentError(YamlError):
    """The file holds no YAML document, or an empty one."""


class NotAListError(YamlError):
    """The top level of the file is not a list."""


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


def iter_file(path: Path) -> Iterator[Item]:
    """Stream the items of a file whose top level is a list.

    Yields ``(index, line, item, lines)`` for each item, where ``lines`` maps paths inside
    the item to their lines (a key's path to the key's line). Raises :class:`YamlError`
    (:class:`EmptyDocumentError`, :class:`NotAListError`) with a line.
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


#: A loader's own ``get_event`` (a C method with libyaml): calling it directly avoids the
#: Python generator of ``yaml.parse``. It returns None after the end of the stream.
Getter = Callable[[], Any]

_Scalar, _Alias, _MapEnd = yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingEndEvent
_SeqStart, _SeqEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent


def _items(get: Getter) -> Iterator[Item]:
    """Each item of the top-level list, read from the events that ``get`` returns."""
    documents = 0
    found_list = False
    while (event := get()) is not None:
        if type(event) is not yaml.DocumentStartEvent:
            continue
        documents += 1
        if documents > 1:
            raise YamlError(_line(event), "more than one YAML document: keep one per file")
        top = get()
        if type(top) is yaml.DocumentEndEvent or (type(top) is _Scalar and _scalar(top) is None):
            continue
        _refuse_anchor_or_tag(top)
        if type(top) is not _SeqStart:
            raise NotAListError(_line(top), "expected a list of records")
        found_list = True
        index = 0
        while type(item := get()) is not _SeqEnd:
            lines: Lines = {}
            data = _value(item, get, (), lines, 1)
            yield index, lines[()], data, lines
            index += 1
    if not found_list:
        raise EmptyDocumentError(1, "file is empty")


def _value(event: Any, get: Getter, path: Path_, lines: Lines, depth: int) -> Any:
    """Build the value that starts with ``event``, pulling the rest with ``get``."""
    if event.anchor is not None or event.tag is not None:  # an alias has an anchor too
        _refuse_anchor_or_tag(event)
    line = lines[path] = event.start_mark.line + 1
    if depth > MAX_DEPTH:
        raise YamlError(line, f"nested more than {MAX_DEPTH} levels deep")
    kind = type(event)
    if kind is _Scalar:
        return _scalar(event)
    if kind is _SeqStart:
        items: list[Any] = []
        while type(item := get()) is not _SeqEnd:
            items.append(_value(item, get, (*path, len(items)), lines, depth + 1))
        return items
    mapping: dict[str, Any] = {}
    plain = depth < MAX_DEPTH  # a scalar value one level down is within the limit
    while type(key_event := get()) is not _MapEnd:
        key = _key(key_event, mapping)
        child = (*path, key)
        value = get()
        if type(value) is _Scalar and value.anchor is None and value.tag is None and plain:
            mapping[key] = _scalar(value)  # the most common value: no call of _value
        else:
            mapping[key] = _value(value, get, child, lines, depth + 1)
        lines[child] = key_event.start_mark.line + 1
    return mapping


def _key(event: Any, mapping: dict[str, Any]) -> str:
    """The text of a mapping key; refuses one that is not plain text or is already there."""
    if type(event) is not _Scalar:
        raise YamlError(_line(event), "a key must be plain text")
    key: str = event.value
    if event.anchor is not None or event.tag is not None:
        _refuse_anchor_or_tag(event)
    elif event.implicit[0] and not isinstance(_scalar(event), str):
        raise YamlError(_line(event), f"key {key!r} is not read as text: quote it")
    if key in mapping:
        raise YamlError(_line(event), f"duplicate key {key!r}")
    return key


def _refuse_anchor_or_tag(event: Any) -> None:
    """Refuse an alias, an anchor, or a tag other than the core ones (``!``, ``!!str``...)."""
    if type(event) is _Alias:
        raise YamlError(_line(event), f"alias *{event.anchor}: anchors and aliases are not allowed")
    if event.anchor is not None:
        raise YamlError(
            _line(event), f"anchor &{event.anchor}: anchors and aliases are not allowed"
        )
    tag = event.tag
    if tag is not None and tag not in _CORE_TAGS:
        short = tag.replace("tag:yaml.org,2002:", "!!", 1)
        raise YamlError(_line(event), f"tag {short}: explicit tags are not allowed")


def _scalar(event: yaml.ScalarEvent) -> Any:
    """The value of a scalar in the YAML 1.2 core schema; quoted, block or tagged: text."""
    value: str = event.value
    if not event.implicit[0] or event.tag == "!":
        return value
    if value and value[0] not in _SPECIAL_STARTS:  # most values: plain text, no lookup
        return value
    if value in _WORDS:
        return _WORDS[value]
    number = _NUMBER.fullmatch(value)
    if number is None:
        return value
    if number.lastgroup == "int":
        try:
            whole = int(value)
        except ValueError:  # over Python's limit on digits (4,300)
            raise YamlError(
                _line(event), f"a number of {len(value):,} characters is too long to read"
            ) from None
        return whole if str(whole) == value else TypedInt(value)
    if number.lastgroup == "float":
        return float(value)
    return float(value.replace(".", "", 1)) if number.lastgroup == "inf" else math.nan


def _line(event: yaml.Event) -> int:
    return event.start_mark.line + 1 if event.start_mark else 1


def _reader_error(exc: yaml.reader.ReaderError, source: bytes) -> YamlError:
    """A NUL byte or other character YAML forbids, with its line.

    The character is found again in ``source``: YAML refuses it anywhere, so its first
    occurrence is the one refused (``exc.position`` counts bytes with libyaml, characters
    without it).
    """
    code = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
    at = source.find(chr(code).encode("utf-8"))
    line = source.count(b"\n", 0, at if at >= 0 else exc.position) + 1
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
