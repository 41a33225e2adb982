"""The sentences of the archived copies, and where a quote or clause lies among them.

The rule (also in docs/coverage.md):

1. The archived copy is decoded as UTF-8 and read line by line; each line is normalised
   as quotes are (:func:`tda_export.archive.normalise`: NFC, curly quotes folded, runs of
   whitespace to one space). Blank lines are dropped; the normalised lines joined by one
   space give exactly the normalised text that quotes are looked up in.
2. A sentence never spans two lines: a line break always ends one (headings, menus and
   captions have no full stop).
3. Within a line, a sentence ends after ``.``, ``!``, ``?`` or ``…`` (with any closing
   quotes or brackets right after it) when a space and then a capital letter, a digit or an
   opening quote or bracket followed by one come next. It does not end after initials
   (``U.S.``, ``D.C.``) or after the abbreviations in :data:`ABBREVIATIONS`.

The coverage ledger (:mod:`tda_export.coverage`) and the attribution cues
(:mod:`tda_export.cues`) both read the copies through :func:`read_texts`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tda_export.archive import normalise, read_archived
from tda_export.factbase import FactBase
from tda_export.models import Source

ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "mt", "jr", "sr", "gen", "gov", "sen", "rep", "no", "vs"}
    | {"mass", "calif", "col", "lt", "sgt", "capt", "prof", "inc", "corp", "co", "ltd"}
)
"""Words (lowercase, without their full stop) after which a full stop ends no sentence."""

_END = re.compile(r"[.!?\u2026]+[\"')\]]*(?= )")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+")
_OPENERS = "\"'([\u00bf\u00a1"


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an archived copy: its number, line and span in the normalised text."""

    number: int
    line: int
    start: int
    end: int
    text: str


def _ends(line: str) -> Iterator[int]:
    """Offsets in a normalised line where a sentence ends (exclusive)."""
    for match in _END.finditer(line):
        after = line[match.end() + 1 : match.end() + 3]
        first = after[1:2] if after[:1] in _OPENERS else after[:1]
        if not (first.isupper() or first.isdigit()):
            continue
        punct = match.group()
        if punct.startswith(".") and len(punct.rstrip("\"')]")) == 1:
            word = line[: match.start() + 1].rsplit(" ", 1)[-1].lstrip(_OPENERS)
            if _INITIALS.fullmatch(word) or word[:-1].lower() in ABBREVIATIONS:
                continue
        yield match.end()


def split_sentences(raw: str) -> tuple[str, list[Sentence]]:
    """The normalised text of an archived copy and its sentences (see the module doc)."""
    parts: list[str] = []
    sentences: list[Sentence] = []
    offset = 0
    for number, raw_line in enumerate(raw.splitlines(), start=1):
        line = normalise(raw_line)
        if not line:
            continue
        if parts:
            offset += 1
        begin = 0
        for end in (*_ends(line), len(line)):
            text = line[begin:end].strip()
            if text:
                at = offset + begin + (len(line[begin:end]) - len(line[begin:end].lstrip()))
                sentences.append(Sentence(len(sentences) + 1, number, at, at + len(text), text))
            begin = end
        parts.append(line)
        offset += len(line)
    return " ".join(parts), sentences


@dataclass(slots=True)
class ArchivedText:
    """One source's archived copy: normalised text and sentences (see the module doc)."""

    source: Source
    path: str
    text: str
    sentences: list[Sentence]
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        """Sentence starts, for finding the sentences of a span."""
        self.starts = [s.start for s in self.sentences]

    def occurrences(self, fragment: str) -> Iterator[int]:
        """Each offset where the normalised ``fragment`` occurs in the text."""
        needle = normalise(fragment)
        start = self.text.find(needle) if needle else -1
        while start >= 0:
            yield start
            start = self.text.find(needle, start + 1)

    def spanning(self, start: int, end: int) -> list[Sentence]:
        """The sentences that the span ``start:end`` of the text overlaps, in order."""
        first = max(bisect.bisect_right(self.starts, start) - 1, 0)
        found = []
        for sentence in self.sentences[first:]:
            if sentence.start >= end:
                break
            if sentence.end > start:
                found.append(sentence)
        return found


def read_texts(base: FactBase, archive: Path) -> dict[str, ArchivedText]:
    """The archived text of each source whose copy can be read, by source id.

    A copy that cannot be read is left out: :func:`tda_export.checks.check_citations`
    reports it.
    """
    texts = {}
    for src in base.sources:
        try:
            raw = read_archived(archive, src).decode("utf-8", errors="replace")
        except OSError:
            continue
        text, sentences = split_sentences(raw)
        texts[src.id] = ArchivedText(src, str(archive / src.archive.file), text, sentences)
    return texts
