"""The coverage ledger: every sentence of every archived source is cited or excused.

Sentences (the rule, also in docs/coverage.md):

1. The archived copy is decoded as UTF-8 and read line by line; each line is normalised
   as quotes are (:func:`tda_export.checks.normalise`: NFC, curly quotes folded, runs of
   whitespace to one space). Blank lines are dropped; the normalised lines joined by one
   space give exactly the normalised text that quotes are looked up in.
2. A sentence never spans two lines: a line break always ends one (headings, menus and
   captions have no full stop).
3. Within a line, a sentence ends after ``.``, ``!``, ``?`` or ``…`` (with any closing
   quotes or brackets right after it) when a space and then a capital letter, a digit or an
   opening quote or bracket followed by one come next. It does not end after initials
   (``U.S.``, ``D.C.``) or after the abbreviations in :data:`ABBREVIATIONS`.

A sentence is **cited** when a citation quote of that source (any record, any kind)
overlaps it in the normalised text; **excused** when a ledger entry
(:class:`~tda_export.models.CoverageEntry`, ``facts/coverage.yaml``) names it, by its whole
normalised text; **unaccounted** otherwise. For a derived source (a summary) the reason
``restates-original`` marks a sentence that only restates its original.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tda_export.checks import _problem, excerpt, normalise, read_archived
from tda_export.citations import citations_of
from tda_export.errors import Problem
from tda_export.factbase import FactBase
from tda_export.models import CoverageEntry, Source

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


@dataclass(slots=True)
class SourceCoverage:
    """How the sentences of one source are accounted for."""

    source: Source
    path: str
    sentences: list[Sentence]
    cited: set[int] = field(default_factory=set)
    excused: set[int] = field(default_factory=set)

    @property
    def unaccounted(self) -> list[Sentence]:
        """Sentences neither cited nor excused, in order."""
        done = self.cited | self.excused
        return [s for s in self.sentences if s.number not in done]


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


def _occurrences(text: str, needle: str) -> Iterator[int]:
    start = text.find(needle)
    while start >= 0 and needle:
        yield start
        start = text.find(needle, start + 1)


def measure(base: FactBase, archive: Path) -> tuple[list[SourceCoverage], list[Problem]]:
    """Coverage of each source whose copy can be read, and every problem of the ledger."""
    problems: list[Problem] = []
    found: dict[str, tuple[SourceCoverage, str, dict[str, list[int]]]] = {}
    sentence_starts: dict[str, list[int]] = {}
    for src in base.sources:
        try:
            raw = read_archived(archive, src).decode("utf-8", errors="replace")
        except OSError:
            continue  # check_citations reports it
        text, sentences = split_sentences(raw)
        by_text: dict[str, list[int]] = {}
        for sentence in sentences:
            by_text.setdefault(sentence.text, []).append(sentence.number)
        report = SourceCoverage(src, str(archive / src.archive.file), sentences)
        found[src.id] = (report, text, by_text)
        sentence_starts[src.id] = [s.start for s in sentences]
    for rec in base.all():
        for _path, cit in citations_of(rec):
            if cit.source not in found:
                continue
            report, text, _ = found[cit.source]
            starts = sentence_starts[cit.source]
            quote = normalise(cit.quote)
            for at in _occurrences(text, quote):
                first = max(bisect.bisect_right(starts, at) - 1, 0)
                for sentence in report.sentences[first:]:
                    if sentence.start >= at + len(quote):
                        break
                    if sentence.end > at:
                        report.cited.add(sentence.number)
    problems.extend(_ledger_problems(base, found))
    return [report for report, _, _ in found.values()], problems


def _ledger_problems(
    base: FactBase, found: dict[str, tuple[SourceCoverage, str, dict[str, list[int]]]]
) -> Iterator[Problem]:
    """Keys that name no whole sentence, and sentences both cited and excused."""
    for entry in base.coverage:
        if entry.source not in found:
            continue
        report, text, by_text = found[entry.source]
        for i, key in enumerate(entry.sentences):
            path = ("sentences", i)
            wanted = normalise(key)
            numbers = by_text.get(wanted)
            if numbers is None:
                part = "part of a sentence" if wanted in text else "not found verbatim"
                yield _problem(
                    entry,
                    path,
                    f"{part} in {entry.source!r} ({report.source.archive.file}): give one "
                    f"whole sentence, word for word: {excerpt(key, 70)}",
                )
                continue
            for number in numbers:
                if number in report.cited:
                    yield _problem(
                        entry,
                        path,
                        f"sentence {number} of {entry.source!r} is cited by a record: "
                        "remove it from the ledger",
                    )
                    break
                report.excused.add(number)


def already_excused(
    seen: dict[Hashable, str], key: Hashable, entry: CoverageEntry, path: tuple[str | int, ...]
) -> str | None:
    """Where ``key`` (a source and a sentence's normalised text, or anything a ledger
    excuses once) was excused before, as ``FILE:LINE (FIELD)``; ``None`` the first time,
    which is noted in ``seen``.

    Two excuses differ by their field, so a sentence given twice in one flow list (on one
    line) is caught like one given on two lines or in two entries.
    """
    field = entry.id + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
    here = f"{entry.origin.file}:{entry.origin.line_of(*path)} ({field})"
    first = seen.setdefault(key, here)
    return None if first == here else first


def check_ledger(base: FactBase) -> Iterator[Problem]:
    """Ledger entries name a known source; ``restates-original`` only for a summary; no
    sentence is excused twice (found without the archive, like a duplicate id)."""
    seen: dict[Hashable, str] = {}
    for entry in base.coverage:
        for i, key in enumerate(entry.sentences):
            first = already_excused(seen, (entry.source, normalise(key)), entry, ("sentences", i))
            if first is not None:
                yield _problem(
                    entry,
                    ("sentences", i),
                    f"the same sentence is already excused at {first}: give it once",
                )
        src = base.by_id.get(entry.source)
        if not isinstance(src, Source):
            if entry.source not in base.invalid_ids:
                yield _problem(entry, ("source",), f"no source with id {entry.source!r}")
            continue
        if entry.reason == "restates-original" and src.derived_from is None:
            yield _problem(
                entry,
                ("reason",),
                f"'restates-original' is for a derived summary; {entry.source!r} is an original",
            )


def check_coverage(base: FactBase, archive: Path) -> Iterator[Problem]:
    """Ledger problems; and, once the base keeps a ledger, every unaccounted sentence."""
    reports, problems = measure(base, archive)
    yield from problems
    if not base.coverage:
        return
    for report in reports:
        yield from unaccounted_problems(report)


def unaccounted_problems(report: SourceCoverage) -> Iterator[Problem]:
    """One problem per sentence of ``report`` that is neither cited nor excused."""
    for sentence in report.unaccounted:
        yield Problem(
            report.path,
            sentence.line,
            f"{report.source.id} sentence {sentence.number}",
            f"not accounted for: cite it in a record or excuse it in the coverage ledger: "
            f"{excerpt(sentence.text, 70)}",
        )
