"""Writing outputs atomically: a file is replaced whole or not at all."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from tda_export.errors import OutputError

_SUFFIX = ".tmp"
_RANDOM = 8  # characters tempfile puts between prefix and suffix


@contextlib.contextmanager
def atomic_binary(path: Path | str) -> Iterator[IO[bytes]]:
    """Open a temporary file beside ``path``; on success fsync and rename it over ``path``.

    A link at ``path`` is followed: the file it names is replaced. A link that loops, a
    folder, a pipe, a device or a socket is refused (:class:`OutputError`) at once.

    On any exception the temporary file is removed and ``path`` is left as it was. The
    temporary file (``.NAME.XXXXXXXX.tmp``) is locked while it is written; the ones a
    killed export left beside ``path`` (no longer locked) are removed first.
    """
    target = Path(path)
    try:
        real = _replaceable(target)
        _remove_stale(real)
        fd, tmp = _locked_temporary(real)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, real)  # before closing: the lock is held until it is in place
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write {target}: {exc.strerror}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _replaceable(target: Path) -> Path:
    """The file to replace: ``target``, or the file a link there names (the link stays).

    Raises ``OSError`` before anything is written for a link that loops, a folder, and
    what a file must not replace: a named pipe, a device or a socket (``/dev/null``).
    """
    try:
        info = os.stat(target)
    except FileNotFoundError:  # absent, or a link to nowhere: made where the link points
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "not a plain file (a pipe, device or socket)", str(target))
    return Path(os.path.realpath(target)) if os.path.islink(target) else target


def _locked_temporary(target: Path) -> tuple[int, str]:
    """A new temporary file beside ``target``, exclusively locked (``flock``)."""
    import fcntl

    while True:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=_SUFFIX, dir=target.parent)
        fcntl.flock(fd, fcntl.LOCK_EX)
        if os.fstat(fd).st_nlink:  # not taken for stale by another export meanwhile
            return fd, tmp
        os.close(fd)


def _remove_stale(target: Path) -> None:
    """Remove ``.NAME.XXXXXXXX.tmp`` files beside ``target`` that no export holds locked."""
    import fcntl

    prefix = f".{target.name}."
    folder = target.parent if str(target.parent) else Path(".")
    for entry in os.scandir(folder):
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(_SUFFIX)):
            continue
        if len(name) != len(prefix) + _RANDOM + len(_SUFFIX) or not entry.is_file(
            follow_symlinks=False
        ):
            continue
        try:
            fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # an export is writing it
            os.close(fd)
            continue
        try:
            if os.path.samestat(os.fstat(fd), os.stat(entry.path, follow_symlinks=False)):
                os.unlink(entry.path)
        except OSError:
            pass
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_text(path: Path | str, newline: str = "\n") -> Iterator[IO[str]]:
    """Text (UTF-8) version of :func:`atomic_binary`."""
    with atomic_binary(path) as raw:
        import io

        text = io.TextIOWrapper(raw, encoding="utf-8", newline=newline)
        yield text
        text.flush()
        text.detach()
