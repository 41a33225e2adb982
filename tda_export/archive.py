"""The archive of source copies: how a copy is read, normalised and named, and the form
quotes are compared with it in (:func:`normalise`).

The four copies of ``../shared/seeds`` are UTF-8 text, Unicode NFC, with ``\\n`` line
ends, no white space at the end of a line, no blank line at the start or the end and no
final line break; blank lines between paragraphs are kept as they were captured, and so
are non-breaking spaces and curly quotes. :func:`normalise_copy` makes any text so, and
leaves each of the four copies byte for byte as it is.

Their names are ``NNN_<16 hex digits>.txt``: a running number from ``000``, then 16 hex
digits that are not derived from the text (not the start of its sha256, sha1, md5,
blake2, sha3 or xxhash digest, of the bytes or of the text stripped). A new copy is
named with the next number and the first 16 hex digits of its sha256
(:func:`copy_name`), so the name says which text it holds; a copy already in the
archive keeps its name.
"""

from __future__ import annotations

import hashlib
import re
import stat
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tda_export.models import Source

COPY_NAME = re.compile(r"^([0-9]{3,})_([0-9a-f]{16})\.txt$")
"""``NNN_<16 hex>.txt``: the name of an archived copy."""


def normalise_copy(text: str) -> str:
    """The archived form of a text (see the module doc); the same text when it is one.

    A byte-order mark is dropped; every line break Python knows (``\\r\\n``, ``\\r``,
    U+2028 ...) becomes ``\\n``, as the coverage count splits lines on all of them.
    """
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")


_QUOTES = str.maketrans(dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"))
_QUOTES.update(str.maketrans(dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"')))
_CURLY = re.compile("[\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033]")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The form quotes and copies are compared in: NFC, curly quotes folded to straight
    ones, runs of whitespace (incl. NBSP) to one space, stripped."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        if _CURLY.search(text):
            text = text.translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


def excerpt(text: str, width: int = 60) -> str:
    """``text`` normalised, in quotes, cut to ``width`` characters on whole characters."""
    from tda_export.text import shorten

    return repr(shorten(normalise(text), width))


def read_archived(archive: Path, src: Source) -> bytes:
    """The bytes of ``src``'s archived copy in ``archive``.

    Raises :class:`OSError` whose message says what is wrong: missing, or not a plain file
    (a pipe or device could block forever).
    """
    copy = archive / src.archive.file
    try:
        plain = stat.S_ISREG(copy.stat().st_mode)
        raw = copy.read_bytes() if plain else None
    except OSError as exc:
        raise OSError(f"archived copy {copy} not found") from exc
    if raw is None:
        raise OSError(f"archived copy {copy} is not a file")
    return raw


def sha256(data: bytes) -> str:
    """The sha256 of a copy's bytes, in hex (as ``sources.yaml`` records it)."""
    return hashlib.sha256(data).hexdigest()


def copies(archive: Path) -> list[Path]:
    """The plain files of the archive named as copies, in name order."""
    return sorted(
        p
        for p in archive.iterdir()
        if COPY_NAME.match(p.name) and stat.S_ISREG(p.stat(follow_symlinks=False).st_mode)
    )


def copy_name(archive: Path, data: bytes) -> str:
    """The name of a new copy: the next running number, then 16 hex digits of its sha256."""
    numbers = [int(COPY_NAME.match(p.name)[1]) for p in copies(archive)]  # type: ignore[index]
    return f"{max(numbers, default=-1) + 1:03d}_{sha256(data)[:16]}.txt"


def find_copy(archive: Path, data: bytes) -> Path | None:
    """The copy in the archive that holds exactly ``data``, if there is one."""
    for path in copies(archive):
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return path
    return None
