"""The coverage ledger: every word of every source sentence is cited or excused.

Sentences are split as :mod:`tda_export.sentences` says. A **word** is a run of letters and
digits (``\\w+``); spaces and punctuation do not count. A sentence is

- **cited** when every word of it lies inside a citation quote of its source (any record,
  any kind) or a ledger clause, and a quote overlaps it;
- **excused** when a ledger entry (:class:`~tda_export.models.CoverageEntry`,
  ``facts/coverage.yaml``) names it whole, or ledger clauses alone hold every word of it;
- **partly covered** when quotes or clauses hold some of its words and not others;
- **unaccounted** when no quote and no ledger entry touches it.

A quote found at several places covers each, and so does a whole sentence of the ledger;
a clause must occur once in its source (neighbouring words make a short one unique, and
may be words a quote cites). For a derived source (a summary) the reason
``restates-original`` marks what only restates its original.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from tda_export.archive import excerpt, normalise
from tda_export.citations import citations_of
from tda_export.errors import Problem, field_name
from tda_export.factbase import FactBase
from tda_export.models import CoverageEntry, Source
from tda_export.sentences import ArchivedText, Sentence

_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class SourceCoverage:
    """How the sentences of one source are accounted for."""

    archived: ArchivedText
    cited: set[int] = field(default_factory=set)
    excused: set[int] = field(default_factory=set)
    partly: dict[int, list[str]] = field(default_factory=dict)
    """Each partly covered sentence's number and the runs of its words left uncovered."""

    @property
    def source(self) -> Source:
        """The source whose copy this is."""
        return self.archived.source

    @property
    def sentences(self) -> list[Sentence]:
        """Every sentence of the copy, in order."""
        return self.archived.sentences

    @property
    def unaccounted(self) -> list[Sentence]:
        """Sentences that no quote and no ledger entry touches, in order."""
        done = self.cited | self.excused | self.partly.keys()
        return [s for s in self.sentences if s.number not in done]

    def left_problems(self) -> Iterator[Problem]:
        """One problem per sentence partly covered or unaccounted, in order."""
        unaccounted = {s.number for s in self.unaccounted}
        for sentence in self.sentences:
            runs = self.partly.get(sentence.number)
            if runs is not None:
                message = (
                    "partly covered: cite or excuse (as clauses) the words its quotes leave "
                    "out: " + ", ".join(repr(run) for run in runs)
                )
            elif sentence.number in unaccounted:
                message = (
                    "not accounted for: cite it in a record or excuse it in the coverage "
                    "ledger: " + excerpt(sentence.text, 70)
                )
            else:
                continue
            field = f"{self.source.id} sentence {sentence.number}"
            yield Problem(self.archived.path, sentence.line, field, message)


@dataclass(frozen=True)
class Coverage:
    """How every source of a base with an archive is accounted for, and the base's
    problems (those of the whole check, with the archive)."""

    base: FactBase
    archive: Path
    reports: list[SourceCoverage]
    problems: list[Problem]

    def report(self, source: str) -> SourceCoverage | None:
        """The report of source ``source``, if it has an archived copy."""
        return next((r for r in self.reports if r.source.id == source), None)

    @property
    def errors(self) -> list[Problem]:
        """The base's errors other than sentences not accounted for."""
        left = {p for report in self.reports for p in report.left_problems()}
        return [p for p in self.problems if p.severity == "error" and p not in left]


def uncovered_runs(sentence: Sentence, mask: bytes | bytearray) -> list[str]:
    """The runs of a sentence's words that ``mask`` (non-zero per covered char) leaves out."""
    runs: list[tuple[int, int]] = []
    extend = False
    for match in _WORD.finditer(sentence.text):
        if 0 not in mask[sentence.start + match.start() : sentence.start + match.end()]:
            extend = False
        elif extend:
            runs[-1] = (runs[-1][0], match.end())
        else:
            runs.append((match.start(), match.end()))
            extend = True
    return [sentence.text[a:b] for a, b in runs]


def _mark(mask: bytearray, start: int, length: int) -> None:
    mask[start : start + length] = b"\x01" * length


def measure(
    base: FactBase, texts: dict[str, ArchivedText]
) -> tuple[list[SourceCoverage], list[Problem]]:
    """Coverage of each source in ``texts`` (:func:`~tda_export.sentences.read_texts`), and
    every problem of the ledger."""
    quoted = {sid: bytearray(len(t.text)) for sid, t in texts.items()}
    for rec in base.all():
        for _path, cit in citations_of(rec):
            archived = texts.get(cit.source)
            if archived is not None:
                length = len(normalise(cit.quote))
                for at in archived.occurrences(cit.quote):
                    _mark(quoted[cit.source], at, length)
    reports = {sid: SourceCoverage(t) for sid, t in texts.items()}
    clauses = {sid: bytearray(len(t.text)) for sid, t in texts.items()}
    problems = list(_ledger_problems(base, reports, quoted, clauses))
    for sid, report in reports.items():
        either = bytes(map(max, quoted[sid], clauses[sid]))
        for sentence in report.sentences:
            span = slice(sentence.start, sentence.end)
            in_quote, in_clause = 1 in quoted[sid][span], 1 in clauses[sid][span]
            if sentence.number in report.excused or not (in_quote or in_clause):
                continue
            left = uncovered_runs(sentence, either)
            if left:
                report.partly[sentence.number] = left
            elif in_quote:
                report.cited.add(sentence.number)
            else:
                report.excused.add(sentence.number)
    return list(reports.values()), problems


def _ledger_problems(
    base: FactBase,
    reports: dict[str, SourceCoverage],
    quoted: dict[str, bytearray],
    clauses: dict[str, bytearray],
) -> Iterator[Problem]:
    """Keys that name no sentence or clause, and keys already cited (a key excused twice is
    found without the archive, by :func:`check_ledger`)."""
    by_text: dict[str, dict[str, list[Sentence]]] = {}
    for entry in base.coverage:
        report = reports.get(entry.source)
        if report is None:
            continue
        archived = report.archived
        if entry.source not in by_text:
            sentences: dict[str, list[Sentence]] = {}
            for sentence in archived.sentences:
                sentences.setdefault(sentence.text, []).append(sentence)
            by_text[entry.source] = sentences
        for i, key in enumerate(entry.sentences):
            path = ("sentences", i)
            found = by_text[entry.source].get(normalise(key))
            if found is None:
                part = "part of a sentence" if normalise(key) in archived.text else None
                found_as = part or "not found verbatim"
                yield Problem.at(
                    entry, path, _not_found(archived, key, found_as, "one whole sentence")
                )
                continue
            for sentence in found:
                problem = _excuse(entry, path, sentence, quoted[entry.source])
                if problem is not None:
                    yield problem
                    break
                report.excused.add(sentence.number)
        for i, key in enumerate(entry.clauses):
            path = ("clauses", i)
            found_at = list(islice(archived.occurrences(key), 2))
            if len(found_at) != 1:
                yield Problem.at(
                    entry,
                    path,
                    _not_found(archived, key, "not found verbatim", "words of one sentence")
                    if not found_at
                    else f"occurs more than once in {entry.source!r}: add neighbouring words "
                    f"until it occurs once: {excerpt(key, 70)}",
                )
                continue
            length = len(normalise(key))
            problem = _clause_problem(entry, path, archived, found_at[0], length, quoted)
            if problem is not None:
                yield problem
            else:
                _mark(clauses[entry.source], found_at[0], length)


def _not_found(archived: ArchivedText, key: str, found: str, give: str) -> str:
    return (
        f"{found} in {archived.source.id!r} ({archived.source.archive.file}): "
        f"give {give}, word for word: {excerpt(key, 70)}"
    )


def _excuse(
    entry: CoverageEntry,
    path: tuple[str | int, ...],
    sentence: Sentence,
    quoted: bytearray,
) -> Problem | None:
    """The problem of excusing a whole sentence, if any (it is cited)."""
    if 1 in quoted[sentence.start : sentence.end]:
        if uncovered_runs(sentence, quoted):
            return Problem.at(
                entry,
                path,
                f"sentence {sentence.number} of {entry.source!r} is partly cited by a record: "
                "list the words its quotes leave out under clauses instead",
            )
        return Problem.at(
            entry,
            path,
            f"sentence {sentence.number} of {entry.source!r} is cited by a record: "
            "remove it from the ledger",
        )
    return None


def _clause_problem(
    entry: CoverageEntry,
    path: tuple[str | int, ...],
    archived: ArchivedText,
    at: int,
    length: int,
    quoted: dict[str, bytearray],
) -> Problem | None:
    """The problem of excusing a clause at ``at``, if any."""
    spanned = archived.spanning(at, at + length)
    if len(spanned) > 1:
        return Problem.at(
            entry,
            path,
            f"runs over sentences {spanned[0].number} to {spanned[-1].number} of "
            f"{entry.source!r}: a clause lies within one sentence",
        )
    clause = Sentence(
        spanned[0].number, spanned[0].line, at, at + length, archived.text[at : at + length]
    )
    if not uncovered_runs(clause, quoted[entry.source]):
        return Problem.at(
            entry,
            path,
            f"every word of it is cited by a record (sentence {clause.number} of "
            f"{entry.source!r}): remove it from the ledger",
        )
    return None


def already_excused(
    seen: dict[Hashable, str], key: Hashable, entry: CoverageEntry, path: tuple[str | int, ...]
) -> str | None:
    """Where ``key`` (a source and a sentence's or clause's normalised text) was excused
    before, as ``FILE:LINE (FIELD)``; ``None`` the first time, which is noted in ``seen``.

    Two excuses differ by their field, so a sentence given twice in one flow list (on one
    line) is caught like one given on two lines or in two entries.
    """
    here = f"{entry.origin.file}:{entry.origin.line_of(*path)} ({field_name(entry.id, path)})"
    first = seen.setdefault(key, here)
    return None if first == here else first


def check_ledger(base: FactBase) -> Iterator[Problem]:
    """Ledger entries name a known source; ``restates-original`` only for a summary; no
    sentence or clause is excused twice (found without the archive, like a duplicate id)."""
    seen: dict[Hashable, str] = {}
    for entry in base.coverage:
        for kind, keys, what in (
            (
                "sentences",
                entry.sentences,
                "the same sentence is already excused at {}: give it once",
            ),
            ("clauses", entry.clauses, "the same words are already excused at {}: give them once"),
        ):
            for i, key in enumerate(keys):
                first = already_excused(
                    seen, (entry.source, kind, normalise(key)), entry, (kind, i)
                )
                if first is not None:
                    yield Problem.at(entry, (kind, i), what.format(first))
        src = base.by_id.get(entry.source)
        if not isinstance(src, Source):
            if entry.source not in base.invalid_ids:
                yield Problem.at(entry, ("source",), f"no source with id {entry.source!r}")
            continue
        if entry.reason == "restates-original" and src.derived_from is None:
            yield Problem.at(
                entry,
                ("reason",),
                f"'restates-original' is for a derived summary; {entry.source!r} is an original",
            )


def check_coverage(base: FactBase, texts: dict[str, ArchivedText]) -> Iterator[Problem]:
    """Ledger problems, and every sentence not wholly accounted for (once there is a
    ledger: a base without one, such as a new base, is not held to coverage)."""
    if not base.coverage:
        return
    reports, problems = measure(base, texts)
    yield from problems
    for report in reports:
        yield from report.left_problems()
