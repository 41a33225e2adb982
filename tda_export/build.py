"""Build every output into one folder, all or nothing: ``tda-export build``.

1. Load the facts and run every check; on any error raise
   :class:`~tda_export.errors.FactBaseError` before anything is written.
2. Under an exclusive lock on the target's parent folder (two builds never interleave),
   write each file of :func:`outputs` into a fresh temporary folder beside the target
   (``.outputs.tmp-XXXXXXXX``), then ``manifest.json`` (each file's sha256, size and
   record count, and the fact base's counts; no timestamps).
3. Swap the temporary folder with the target in one step (Linux ``renameat2`` with
   ``RENAME_EXCHANGE``; elsewhere the old folder is renamed aside first), then delete the
   old folder. A build that fails or is interrupted leaves the previous outputs as they
   were; the next build removes what it left behind, and puts the old folder back should
   the process have died between the two renames of the fallback.

The target folder is replaced whole: it must be absent, empty, or a previous build (a
``manifest.json`` naming tda-export and listing every file the folder holds, and nothing
else), so that ``--out ~`` or a web folder holding an app's ``manifest.json`` is refused
(:class:`~tda_export.errors.UsageError`) instead of wiped. The target and its parent must
be writable before anything is written, so a read-only folder fails with nothing changed;
once the new folder is in place, a failure to delete the old one is only a warning, and
its leftover never makes a later build fail.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tda_export import __version__
from tda_export.errors import FactBaseError, OutputError, Problem, UsageError

if TYPE_CHECKING:
    from tda_export.factbase import FactBase

MANIFEST = "manifest.json"
Writer = Callable[["FactBase", IO[Any]], int]


@dataclass(frozen=True)
class Output:
    """One file of the build: its name, the function that writes it and what it counts."""

    name: str
    write: Writer
    binary: bool = False
    unit: str = "records"
    #: Made from an earlier file of the build instead of from the facts (``zip(src, dst)``).
    derived_from: str | None = None
    derive: Callable[[IO[bytes], IO[bytes]], None] | None = None


@dataclass(frozen=True)
class BuiltFile:
    """A file the build wrote."""

    name: str
    sha256: str
    bytes: int
    count: int
    unit: str = "records"


@dataclass
class BuildResult:
    """What a build wrote, from how many records, and the warnings of the checks."""

    folder: Path
    files: list[BuiltFile]
    counts: dict[str, int]
    warnings: list[Problem] = field(default_factory=list)


def outputs() -> tuple[Output, ...]:
    """Every file the build writes, in this order (the manifest comes last)."""
    from tda_export.formats import (
        datapackage,
        geojson,
        ical,
        kml,
        qml,
        table,
        timeline,
        webmap,
        workbook,
    )

    return (
        *(
            item
            for layer, form, name in geojson.layer_files()
            for item in (
                Output(
                    f"{name}.geojson", partial(geojson.write_geojson, layer=layer, geometry=form)
                ),
                Output(f"{name}.qml", partial(_text, qml.layer_qml(layer, form)), unit="styles"),
            )
        ),
        Output("tren-de-aragua.kml", kml.write_kml),
        Output("tren-de-aragua.qml", partial(_text, qml.kml_qml()), unit="styles"),
        Output(
            "tren-de-aragua.kmz",
            kml.write_kmz,
            binary=True,
            derived_from="tren-de-aragua.kml",
            derive=kml.zip_kml,
        ),
        Output("timeline.json", timeline.write_timeline),
        Output("timeline.html", timeline.write_embed_page),
        Output("map.html", webmap.write_map_page, unit="features"),
        Output("story.html", webmap.write_story_page),
        Output("tren-de-aragua.ics", ical.write_ics, binary=True),
        *(Output(f"{name}.csv", partial(table.write_csv, table=name)) for name in table.TABLES),
        Output("datapackage.json", datapackage.write_datapackage, unit="tables"),
        Output("tren-de-aragua.xlsx", workbook.write_xlsx, binary=True, unit="tables"),
    )


def _text(text: str, base: FactBase, fobj: IO[str]) -> int:
    """Write a fixed text (a style); counts 1."""
    fobj.write(text)
    return 1


def build(
    facts_dir: Path | str, out_dir: Path | str, archive: Path | str | None = None
) -> BuildResult:
    """Check the fact base, then replace ``out_dir`` with every output and a manifest.

    Raises :class:`FactBaseError` (nothing written) when a check finds an error, and
    :class:`OutputError` when the folder cannot be written (the old one is left as it was).
    """
    from tda_export.validation import validate

    base, problems = validate(facts_dir, archive, cache="use")
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise FactBaseError(errors)
    target = Path(out_dir)
    with replacing_folder(target) as folder:
        files = write_outputs(base, folder)
    warnings = [p for p in problems if p.severity == "warning"]
    return BuildResult(target, files, base.counts(), warnings)


def write_outputs(
    base: FactBase, folder: Path, items: tuple[Output, ...] | None = None
) -> list[BuiltFile]:
    """Write each output (all of :func:`outputs` by default) and the manifest into ``folder``."""
    files: list[BuiltFile] = []
    for item in items if items is not None else outputs():
        path = folder / item.name
        earlier = next((f for f in files if f.name == item.derived_from), None)
        with _naming(path), _create(path, item.binary) as fobj:
            if earlier is not None and item.derive is not None:
                with (folder / earlier.name).open("rb") as source:
                    item.derive(source, fobj)
                count = earlier.count
            else:
                count = item.write(base, fobj)
        with path.open("rb") as written:  # in chunks: a layer can be larger than memory
            digest = hashlib.file_digest(written, "sha256").hexdigest()
        files.append(BuiltFile(item.name, digest, path.stat().st_size, count, item.unit))
    manifest = {
        "files": {f.name: {"bytes": f.bytes, f.unit: f.count, "sha256": f.sha256} for f in files},
        "generator": f"tda-export {__version__}",
        "records": base.counts(),
    }
    with _naming(folder / MANIFEST), _create(folder / MANIFEST, binary=False) as fobj:
        json.dump(manifest, fobj, indent=2, sort_keys=True)
        fobj.write("\n")
    return files


@contextlib.contextmanager
def _naming(path: Path) -> Iterator[None]:
    """Let an ``OSError`` that names no file (``ENOSPC`` from a write) name ``path``."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None:
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


@contextlib.contextmanager
def _create(path: Path, binary: bool) -> Iterator[IO[Any]]:
    """A new file, UTF-8 without newline translation when text; fsynced when closed."""
    fobj: IO[Any] = (
        open(path, "xb") if binary else open(path, "x", encoding="utf-8", newline="")  # noqa: SIM115
    )
    with fobj:
        yield fobj
        fobj.flush()
        os.fsync(fobj.fileno())
    os.chmod(path, 0o644)


# -- replacing a folder atomically ---------------------------------------------------------
OS_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
"""Files a file manager puts into any folder it shows; a build's folder may hold them."""
MANIFEST_LIMIT = 1024 * 1024
"""Largest ``manifest.json`` read when deciding whether a folder is a build's (bytes)."""
_GENERATOR = re.compile(r"^tda-export [0-9A-Za-z.+!-]+$")
log = logging.getLogger(__name__)


@contextlib.contextmanager
def replacing_folder(target: Path) -> Iterator[Path]:
    """Yield an empty folder beside ``target`` that replaces it when the block succeeds.

    On any exception the temporary folder is removed and ``target`` is left as it was.
    ``target`` must be absent, empty or a build's own folder (:func:`_check_replaceable`),
    and both it and its parent writable, before anything is written.
    """
    shown = Path(target)  # as given, for messages
    target = Path(os.path.abspath(target))
    if target.is_symlink():
        target = target.resolve()
    parent = target.parent
    temp: Path | None = None
    try:
        parent.mkdir(parents=True, exist_ok=True)
        with _locked(parent):
            _recover(target)
            _check_replaceable(target, shown)
            _check_writable(parent)
            if target.is_dir():
                _check_writable(target)  # its files are deleted once the new folder is in
            temp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=parent))
            try:
                yield temp
                os.chmod(temp, 0o755)
                _fsync(temp)
                _check_replaceable(target, shown)  # nobody put a folder of theirs there meanwhile
                _swap(temp, target)
            except BaseException:
                shutil.rmtree(temp, ignore_errors=True)
                raise
    except OSError as exc:
        where = Path(exc.filename) if exc.filename else target
        if temp is not None and _inside(where, temp):  # named as it would be published
            where = target / where.relative_to(temp)
        if _inside(where, target):
            where = shown / where.relative_to(target)
        raise OutputError(f"cannot write {where}: {exc.strerror}") from None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _check_writable(folder: Path) -> None:
    """Raise ``OSError`` (EROFS or EACCES) unless files can be made and removed in ``folder``.

    Checked with the effective user and capabilities, so root without its override
    capability is refused like anyone else.
    """
    import errno

    effective = os.access in os.supports_effective_ids
    if os.access(folder, os.W_OK | os.X_OK, effective_ids=effective):
        return
    read_only = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    code = errno.EROFS if read_only else errno.EACCES
    raise OSError(code, os.strerror(code), str(folder))


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``folder`` (waits while another build holds it)."""
    import fcntl

    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _leftovers(target: Path, kind: str) -> list[Path]:
    prefix = f".{target.name}.{kind}-"
    return sorted(p for p in target.parent.iterdir() if p.name.startswith(prefix))


def _recover(target: Path) -> None:
    """Undo what an interrupted build left: restore a renamed-aside target, drop temporaries.

    A leftover that cannot be removed (a folder made read-only since) is left where it is
    with a warning: it must not make this build, or any later one, fail.
    """
    old = _leftovers(target, "old")
    if old and not os.path.lexists(target):
        os.rename(old.pop(), target)
    for path in old + _leftovers(target, "tmp"):
        _remove(path)


def _remove(path: Path) -> None:
    """Delete a folder of ours beside the target; warn (never fail) when that is refused."""
    try:
        shutil.rmtree(path)
    except OSError as exc:
        log.warning("could not remove %s: %s; remove it by hand", path, exc.strerror)


def _check_replaceable(target: Path, shown: Path) -> None:
    """Refuse (:class:`UsageError`) a target that is not absent, empty or a build's folder.

    A build's folder holds a ``manifest.json`` naming tda-export as its generator and
    listing the files it wrote, and nothing else: no folder, no file it does not list
    (except what a file manager adds, :data:`OS_FILES`).
    A web folder with an app's ``manifest.json`` beside the article page is not one.
    """
    if not os.path.lexists(target):
        return
    if not target.is_dir():
        raise UsageError(f"refusing to replace {shown}: it is not a folder")
    entries = sorted(p.name for p in target.iterdir())
    if not entries:
        return
    listed = _listed_files(target / MANIFEST)
    if listed is None:
        why = (
            f"its {MANIFEST} was not written by tda-export build"
            if os.path.lexists(target / MANIFEST)
            else f"it is not empty and has no {MANIFEST}"
        )
        raise UsageError(
            f"refusing to replace {shown}: {why}, so it is not the output of a build; "
            "choose an empty or new folder with --out"
        )
    for name in entries:
        if name == MANIFEST or (name in OS_FILES and (target / name).is_file()):
            continue
        if name not in listed or not (target / name).is_file():
            raise UsageError(
                f"refusing to replace {shown}: it holds {name!r}, which tda-export build "
                f"did not write (it is not in {MANIFEST}); move it away or choose another "
                "folder with --out"
            )


def _listed_files(path: Path) -> set[str] | None:
    """The files a build's manifest lists, or ``None`` when ``path`` is no such manifest."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MANIFEST_LIMIT:
            return None
        manifest = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(manifest, dict):
        return None
    generator, files = manifest.get("generator"), manifest.get("files")
    if not isinstance(generator, str) or not _GENERATOR.match(generator):
        return None
    if not isinstance(files, dict) or not all(isinstance(v, dict) for v in files.values()):
        return None
    return {name for name in files if "/" not in name and name not in ("", ".", "..")}


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` in place of ``target`` and delete what was there."""
    if not os.path.lexists(target):
        os.rename(new, target)
        _fsync(target.parent)
        return
    if _exchange(new, target):
        old = new
    else:
        old = new.with_name(new.name.replace(".tmp-", ".old-", 1))
        os.rename(target, old)
        os.rename(new, target)
    _fsync(target.parent)
    _remove(old)  # the new folder is published whole: deleting the old one is housekeeping


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); False where that is unsupported."""
    import ctypes
    import errno

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _fsync(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
