"""Record text next to other text: cut on whole characters, and kept in its own direction.

- :func:`shorten` and :func:`around` cut text only between grapheme clusters (UAX #29,
  the characters a reader sees: a flag, a family emoji joined by ZWJ, a letter with its
  accents), through the ``regex`` library's ``\\X``; a cut never leaves half a flag, a
  dangling joiner or a lone accent, and closes any direction control left open.
- :func:`isolate` puts text that could turn its neighbours around (right-to-left letters,
  Arabic digits, direction controls) between FSI and PDI, the Unicode bidi isolates, so
  an Arabic or Hebrew name reads right and what follows it keeps its place.
- :func:`bidi_problem` is the schema's rule for direction controls: every embedding or
  override is closed on its line, every isolate too (``check`` refuses the rest).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

ELLIPSIS = "\u2026"
FSI, PDI, PDF = "\u2068", "\u2069", "\u202c"
#: Explicit direction controls that open something, with the name a problem gives them.
OPENERS = {
    "\u202a": "left-to-right embedding (U+202A)",
    "\u202b": "right-to-left embedding (U+202B)",
    "\u202d": "left-to-right override (U+202D)",
    "\u202e": "right-to-left override (U+202E)",
    "\u2066": "left-to-right isolate (U+2066)",
    "\u2067": "right-to-left isolate (U+2067)",
    "\u2068": "first-strong isolate (U+2068)",
}
_CLOSERS = {PDF: "pop directional formatting (U+202C)", PDI: "pop directional isolate (U+2069)"}
_TRAILING = frozenset(" ,;:.\u2013-")
"""What a shortened label does not end with (before its ellipsis)."""
_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: A line: text up to a paragraph separator (bidi class B), which ends every embedding,
#: override and isolate.
_LINE = re.compile("[^\n\r\x1c-\x1e\x85\u2029]+")
_WALK = re.compile("[\u202a-\u202e\u2066-\u2069\n\r\x1c-\x1e\x85\u2029]")


@cache  # one compiled pattern each: bounded
def _pattern(name: str) -> Any:
    import regex

    if name == "cluster":
        return regex.compile(r"\X")
    # Right-to-left letters, Arabic digits and explicit controls: what can move the text
    # around them. Other text keeps its place beside ours in a left-to-right line.
    classes = r"\p{Bidi_Class=R}\p{Bidi_Class=AL}\p{Bidi_Class=AN}"
    return regex.compile(f"[{classes}\u202a-\u202e\u2066-\u2069]")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, as Excel counts a cell (an emoji counts two)."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def _closed(text: str) -> str:
    """``text`` with the embeddings, overrides and isolates it leaves open closed."""
    if _CONTROLS.search(text) is None:
        return text
    opened: list[str] = []
    for char in _WALK.findall(text):
        if char in OPENERS:
            opened.append(char)
        elif char not in _CLOSERS:
            opened.clear()  # a paragraph separator closes everything
        elif opened:
            opened.pop()
    return text + "".join(_closer(c) for c in reversed(opened))


def _closer(opener: str) -> str:
    """PDI for an isolate, PDF for an embedding or override."""
    return PDI if opener >= "\u2066" else PDF


def clusters_within(text: str, limit: int, size: Callable[[str], int] = len) -> list[str]:
    """The first grapheme clusters of ``text`` whose sizes add up to at most ``limit``.

    Only ``limit + 1`` characters are split (no size is under one per character): UAX #29
    decides each boundary from the text before it and one character after, so those
    boundaries are the whole text's, but for the end of the piece, which is dropped.
    """
    piece = text[: limit + 1]
    if _latin1(piece) and "\r\n" not in piece:  # no joiner, mark or flag: a cluster a character
        clusters = list(piece)
    else:
        clusters = _pattern("cluster").findall(piece)
    if len(text) > limit:
        clusters.pop()  # it ends past the limit
    if size is len:
        return clusters
    kept: list[str] = []
    for cluster in clusters:
        limit -= size(cluster)
        if limit < 0:
            break
        kept.append(cluster)
    return kept


def shorten(text: str, limit: int, *, words: bool = False, size: Callable[[str], int] = len) -> str:
    """``text`` if its ``size`` is at most ``limit``; else its start and ``…``, within it.

    The cut falls between grapheme clusters; with ``words``, after the last whole word
    (when one fits) and before any ``, ; : . – -`` left at the end. A direction control
    left open by the cut is closed before the ``…``.
    """
    if size(text) <= limit:
        return text
    kept = clusters_within(text, limit - size(ELLIPSIS), size)
    if words:
        space = next((i for i in range(len(kept) - 1, -1, -1) if kept[i].isspace()), None)
        if space is not None:
            del kept[space:]
        while kept and kept[-1] in _TRAILING:
            kept.pop()
    cut = _closed("".join(kept))
    while kept and size(cut) + size(ELLIPSIS) > limit:  # room for the closing controls
        kept.pop()
        cut = _closed("".join(kept))
    return cut + ELLIPSIS


def around(text: str, at: int, before: int, after: int) -> str:
    """The whole clusters of ``text`` from about ``before`` characters before index ``at``
    to ``after`` characters after it, with ``…`` where text is left out."""
    bounds = [m.start() for m in _pattern("cluster").finditer(text)] + [len(text)]
    start = next(b for b in bounds if b >= at - before)
    end = max(b for b in bounds if b <= max(at + after, start))
    head = ELLIPSIS if start > 0 else ""
    return head + _closed(text[start:end]) + (ELLIPSIS if end < len(text) else "")


def isolate(text: str) -> str:
    """``text`` between FSI and PDI (each line of it) when it could turn its neighbours around.

    Text with right-to-left letters, Arabic digits or direction controls is isolated, so
    it shows in its own direction and the text joined to it keeps its order; other text
    (ASCII, Spanish, emoji ...) is returned as it is.
    """
    if text.isascii() or _latin1(text) or _pattern("moves").search(text) is None:
        return text
    return _LINE.sub(lambda m: FSI + m.group() + PDI, text)


def _latin1(text: str) -> bool:
    """True for text within Latin-1 (Spanish, most of the base), which holds no
    right-to-left letter and no direction control: a copy, not a search of every character."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def bidi_problem(text: str) -> str | None:
    """Why the direction controls of ``text`` are not balanced, or ``None`` when they are.

    On each line, every embedding or override (U+202A, U+202B, U+202D, U+202E) must be
    closed by U+202C and every isolate (U+2066 to U+2068) by U+2069, innermost first: an
    unclosed control would turn around the text that exports put after it.
    """
    if _CONTROLS.search(text) is None:
        return None
    opened: list[str] = []
    for char in _WALK.findall(text):
        if char in OPENERS:
            opened.append(char)
            continue
        if char not in _CLOSERS:
            if opened:
                break  # the line ends with a control open
        elif not opened:
            return f"a {_CLOSERS[char]} closes nothing on its line: remove it"
        elif char != _closer(opened[-1]):
            break  # it would close an outer one, leaving this one open
        else:
            opened.pop()
    if not opened:
        return None
    close = "U+2069" if _closer(opened[-1]) == PDI else "U+202C"
    return (
        f"a {OPENERS[opened[-1]]} is not closed on its line: close it with {close} or remove "
        "it, or it turns around the text the exports put after it"
    )
