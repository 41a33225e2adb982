"""Records kept compact: a checked record as plain values, and a list of them as bytes.

A validated pydantic record costs about 4.7 KB of memory (its ``__dict__``, the set of
fields it was given, each citation a model of its own). A large fact base held that way
does not fit the memory an export should take, so the two bulk kinds (events and
presence, :data:`BULK_KINDS`) are kept as :mod:`marshal` bytes (about 0.9 KB an event)
in a :class:`RecordList`, and each record is rebuilt, without validating it again, when
it is read. The other kinds are few, and are looked up by id all the time: they stay
models.

The plain form of a record is a tuple of its field values in field order, then where it
was read (:class:`~tda_export.models.Origin`): strings, numbers, ``None``, tuples and
dicts only, so it is what the checked-base cache stores too. Nested models become
tuples; a fuzzy date is kept as its text, display and note (parsed once per distinct
date); lists become tuples and come back as lists.
"""

from __future__ import annotations

import marshal
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from pydantic import BaseModel

from tda_export.fuzzydate import FuzzyDate
from tda_export.models import Event, Origin, Presence, Record, chronological_key

BULK_KINDS = ("events", "presence")
M = TypeVar("M", bound=BaseModel)
R = TypeVar("R", bound=Record)
Plain = Any  # what marshal can write: str, int, float, bool, None, bytes, tuple, dict
Field = tuple[str, Callable[[Any], Plain], Callable[[Plain], Any]]

_new = object.__new__
_set = object.__setattr__


# -- one field at a time -----------------------------------------------------------------
def _same(value: Any) -> Any:
    return value


def _to_tuple(value: Any) -> Any:
    return None if value is None else tuple(value)


def _to_list(value: Any) -> Any:
    return None if value is None else list(value)


def _date_plain(value: FuzzyDate | None) -> Plain:
    return None if value is None else (value.text, value.display, value.note)


def _plain_date(value: Plain) -> FuzzyDate | None:
    return None if value is None else _date(*value)


@lru_cache(maxsize=4096)
def _date(text: str, display: str | None, note: str | None) -> FuzzyDate:
    """The fuzzy date of ``text`` (frozen, so one object serves every record using it)."""
    return FuzzyDate.parse(text, display, note)


def _unwrap(annotation: Any) -> Any:
    """``annotation`` without ``Optional`` and ``Annotated`` layers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            inner = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(inner) != 1:
                return annotation
            annotation = inner[0]
        else:
            return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _field(name: str, annotation: Any) -> Field:
    """How one field is turned into plain values and back."""
    kind = _unwrap(annotation)
    origin = typing.get_origin(kind)
    if kind is FuzzyDate:
        return name, _date_plain, _plain_date
    if _is_model(kind):
        return name, lambda v: None if v is None else to_plain(v), _rebuilder(kind)
    if origin is list:
        item = _unwrap(typing.get_args(kind)[0])
        if _is_model(item):
            rebuild = _rebuilder(item)
            return (
                name,
                lambda v: tuple(to_plain(x) for x in v),
                lambda v: [rebuild(x) for x in v],
            )
        return name, _to_tuple, _to_list
    if origin is tuple:
        return name, _to_tuple, _same
    return name, _same, _same


@cache
def _fields(model: type[BaseModel]) -> tuple[Field, ...]:
    return tuple(_field(name, info.annotation) for name, info in model.model_fields.items())


# -- one record at a time ----------------------------------------------------------------
def to_plain(record: BaseModel) -> Plain:
    """A model (record or nested part) as a tuple of plain values; see the module doc."""
    values = record.__dict__
    plain = tuple(encode(values[name]) for name, encode, _ in _fields(type(record)))
    if isinstance(record, Record):
        plain += (_origin_plain(record._origin),)
    return plain


def from_plain(model: type[M], plain: Plain) -> M:
    """The model ``to_plain`` was given, rebuilt without validating it again."""
    return _rebuilder(model)(plain)  # type: ignore[no-any-return]


@cache
def _rebuilder(model: type[BaseModel]) -> Callable[[Plain], Any]:
    fields = _fields(model)
    names = [name for name, _, _ in fields]
    # Fields kept as they are need no call: only the others are decoded one by one.
    decoded = [
        (i, name, decode) for i, (name, _, decode) in enumerate(fields) if decode is not _same
    ]
    all_set = frozenset(names)  # every field counts as given; nothing here reads it
    is_record = issubclass(model, Record)
    count = len(fields)

    def rebuild(plain: Plain) -> Any:
        obj = _new(model)
        values = dict(zip(names, plain, strict=False))  # a record's plain form ends in its origin
        for i, name, decode in decoded:
            values[name] = decode(plain[i])
        _set(obj, "__dict__", values)
        _set(obj, "__pydantic_fields_set__", all_set)
        _set(obj, "__pydantic_extra__", None)
        _set(
            obj,
            "__pydantic_private__",
            {"_origin": _plain_origin(plain[count])} if is_record else None,
        )
        return obj

    return rebuild


def _origin_plain(origin: Origin | None) -> Plain:
    if origin is None:
        return None
    source: str | bool | None = None if origin.source is None else str(origin.source)
    if source == origin.file:
        source = True  # the usual case: written once, not twice per record
    return (origin.file, origin.line, origin.index, source, origin.field_lines)


def _plain_origin(plain: Plain) -> Origin | None:
    if plain is None:
        return None
    file, line, index, source, field_lines = plain
    if source is True:
        source = file
    return Origin(file, line, field_lines, index, None if source is None else _path(source))


@lru_cache(maxsize=256)
def _path(text: str) -> Path:
    return Path(text)


# -- a list of them ----------------------------------------------------------------------
def _id_order(record: Record) -> Plain:
    return (record.id,)


ORDER_KEYS: dict[type[Record], Callable[[Any], Plain]] = {
    Event: chronological_key,
    Presence: _id_order,
}
"""How each bulk kind is ordered for export: events by date (first day, last day), then
id (as :func:`~tda_export.models.chronological_key`); presence by id."""


class RecordList(Sequence[R], Generic[R]):
    """Records of one kind in file order, each kept as marshal bytes and rebuilt on reading.

    Besides the bytes, the list keeps each record's id and its export order key
    (:data:`ORDER_KEYS`), so records can be found and sorted without rebuilding them.
    """

    def __init__(self, model: type[R], records: Iterable[R] = ()) -> None:
        """An empty list of ``model`` records, then ``records`` appended."""
        self.model = model
        self.blobs: list[bytes] = []
        self.ids: list[str] = []
        self.keys: list[Plain] = []
        self._order = ORDER_KEYS.get(model, _id_order)
        self._rebuild = _rebuilder(model)
        for record in records:
            self.append(record)

    @classmethod
    def from_parts(
        cls, model: type[R], blobs: list[bytes], ids: list[str], keys: list[Plain]
    ) -> RecordList[R]:
        """A list from the parts another one kept (:meth:`parts`), as read from the cache."""
        if not len(blobs) == len(ids) == len(keys):
            raise ValueError("blobs, ids and keys differ in length")
        made = cls(model)
        made.blobs, made.ids, made.keys = blobs, ids, keys
        return made

    def parts(self) -> tuple[list[bytes], list[str], list[Plain]]:
        """What :meth:`from_parts` needs to make this list again (all plain values)."""
        return self.blobs, self.ids, self.keys

    def append(self, record: R) -> None:
        """Keep ``record`` (it must be a ``model``) at the end."""
        if not isinstance(record, self.model):
            raise TypeError(f"expected a {self.model.__name__}, got {type(record).__name__}")
        self.blobs.append(marshal.dumps(to_plain(record)))
        self.ids.append(record.id)
        self.keys.append(self._order(record))

    def __len__(self) -> int:
        """Number of records."""
        return len(self.blobs)

    @overload
    def __getitem__(self, index: int) -> R: ...
    @overload
    def __getitem__(self, index: slice) -> list[R]: ...
    def __getitem__(self, index: int | slice) -> R | list[R]:
        """The record at ``index`` (a new copy at each call), or a list for a slice."""
        if isinstance(index, slice):
            return [self._rebuild(marshal.loads(b)) for b in self.blobs[index]]
        return self._rebuild(marshal.loads(self.blobs[index]))  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[R]:
        """Each record in file order, rebuilt one at a time."""
        rebuild, loads = self._rebuild, marshal.loads
        for blob in self.blobs:
            yield rebuild(loads(blob))

    def __repr__(self) -> str:
        """``RecordList(Event, 3 records)``."""
        return f"RecordList({self.model.__name__}, {len(self)} records)"

    def __eq__(self, other: object) -> bool:
        """Equal to another list (or a plain list) holding equal records in the same order."""
        if isinstance(other, RecordList):
            return self.model is other.model and self.blobs == other.blobs
        if isinstance(other, list):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def positions(self) -> list[int]:
        """Positions of the records in export order (:data:`ORDER_KEYS`; ties in file order)."""
        return sorted(range(len(self.keys)), key=self.keys.__getitem__)

    def ordered(self) -> Iterator[tuple[int, R]]:
        """``(position, record)`` in export order, each record rebuilt in turn."""
        for position in self.positions():
            yield position, self[position]
