"""The archive of source copies: how a copy's text is normalised, and how it is named.

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

COPY_NAME = re.compile(r"^([0-9]{3,})_([0-9a-f]{16})\.txt$")
"""``NNN_<16 hex>.txt``: the name of an archived copy."""


def normalise_copy(text: str) -> str:
    """The archived form of a text (see the module doc); the same text when it is one.

    A byte-order mark is dropped; every line break Python knows (``\\r\\n``, ``\\r``,
    U+2028 ...) becomes ``\\n``, as the coverage count splits lines on all of them.
    """
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")


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
