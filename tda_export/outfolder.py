"""Replace an output folder whole, all or nothing, and only a folder a build wrote.

:func:`replacing_folder` gives a fresh temporary folder beside the target, under an
exclusive lock on the target's parent (two builds never interleave); when the block
ends without error, the temporary folder is swapped with the target in one step (Linux
``renameat2`` with ``RENAME_EXCHANGE``; elsewhere the old folder is renamed aside first)
and the old folder deleted. A failure or an interruption leaves the previous folder as
it was; the next call removes what it left behind, and puts the old folder back should
the process have died between the two renames of the fallback.

The target must be absent, empty, or a previous build (a ``manifest.json`` naming
tda-export and listing every file the folder holds, and nothing else); otherwise
:class:`~tda_export.errors.UsageError`. Target and parent must be writable before
anything is written (:class:`~tda_export.errors.OutputError`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tda_export.errors import OutputError, UsageError

MANIFEST = "manifest.json"
OS_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
"""Files a file manager puts into any folder it shows; a build's folder may hold them."""
MANIFEST_LIMIT = 64 * 1024 * 1024
"""Largest ``manifest.json`` read when deciding whether a folder is a build's (bytes): it
holds a digest of every published record, some 50 bytes each (:mod:`tda_export.corrections`)."""
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
    temp: Path | None = None
    try:
        if os.path.islink(target):  # the folder it names is replaced; the link stays
            with contextlib.suppress(FileNotFoundError):  # a link to nowhere: made there
                os.stat(target)  # a loop: ELOOP
            target = Path(os.path.realpath(target))
        parent = target.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            os.stat(parent)  # a link that loops says so; a file in the way stays EEXIST
            raise
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
