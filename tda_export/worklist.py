"""The coverage worksheet: a source's open sentences out as YAML, filled answers back in.

:func:`write_todo` lists every sentence of a source that no record cites and the ledger
does not excuse (and, with clause coverage, each sentence whose citations leave words
out, with those words as ``uncovered``), each with empty slots: ``cite`` (a record id
and the quote it rests on) or ``excuse`` (a ledger reason and a note).
:func:`apply_worksheet` checks the filled worksheet against the base and the archive,
then appends each citation to its record's ``citations`` and each excuse to
``facts/coverage.yaml`` (to the source's entry of that reason when the item has no note
of its own, else a new entry), writing nothing unless the whole base then checks clean
but for sentences still open.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, get_args

from pydantic import Field, TypeAdapter, ValidationError
from pydantic.dataclasses import dataclass as pydantic_dataclass

from tda_export.coverage import SourceCoverage
from tda_export.errors import FactBaseError, Problem
from tda_export.factbase import FactBase
from tda_export.fieldtypes import Slug, Text
from tda_export.models import (
    STRICT_KEYS,
    Actor,
    Citation,
    Claimant,
    CoverageEntry,
    Quote,
    Source,
)
from tda_export.sentences import Sentence
from tda_export.vocab import CoverageReason, Hedge

HEADER = """\
# Worksheet: {count} open sentence(s) of source {source!r} ({file}).
# For each item fill ONE of:
#   cite:   record: the id of a record that states it; quote: the words it rests on,
#           verbatim (left empty: the whole sentence); note: a caveat (optional);
#           claimant {{kind, name}} and hedge when the source does not say it in its
#           own voice, or cue_note: needed when the item lists cues, the sentence's
#           words of attribution or hedging (docs/attribution.md)
#   excuse: reason: why it is no fact of the base, one of
#     {reasons}
#           note: why, in words (optional)
# Leave both empty to come back to it later. Then:
#   tda-export coverage --apply {worksheet} --archive {archive}
"""
#: Excused sentences (or clauses) by source, reason, note and whether they are clauses.
Excuses = dict[tuple[str, str, str | None, bool], list[str]]
LEDGER = "coverage.yaml"
LEDGER_HEADER = "# yaml-language-server: $schema=schema/coverage.schema.json\n"


@pydantic_dataclass(config=STRICT_KEYS)
class Cite:
    """Slot of a worksheet item: the record that cites the sentence."""

    record: Slug | None = None
    quote: Quote | None = None
    note: Text | None = None
    claimant: Claimant | None = None
    hedge: Hedge = "asserted"
    cue_note: Text | None = None


@pydantic_dataclass(config=STRICT_KEYS)
class Excuse:
    """Slot of a worksheet item: why the sentence is not a fact of the base."""

    reason: CoverageReason | None = None
    note: Text | None = None


@pydantic_dataclass(config=STRICT_KEYS)
class Item:
    """One open sentence of a worksheet."""

    source: Slug
    sentence: int
    line: int
    text: Text
    uncovered: list[Quote] = Field(default_factory=list)
    cues: list[str] = Field(default_factory=list)
    cite: Cite = Field(default_factory=Cite)
    excuse: Excuse = Field(default_factory=Excuse)


def open_sentences(report: SourceCoverage) -> list[tuple[Sentence, list[str]]]:
    """The sentences of a worksheet, in order, each with the runs of words no citation or
    ledger clause covers (none for a sentence that nothing touches)."""
    left = {s.number for s in report.unaccounted} | report.partly.keys()
    return [
        (s, list(report.partly.get(s.number, []))) for s in report.sentences if s.number in left
    ]


def write_todo(report: SourceCoverage, raw: str, fobj: IO[str], name: str, archive: str) -> int:
    """Write the worksheet of ``report``'s source to ``fobj``; return its items.

    ``raw`` is the archived copy's text: each sentence is given as written there. ``name``
    and ``archive`` are the worksheet and the archive as the command to apply it names them.
    """
    from tda_export.cues import find_cues
    from tda_export.yamledit import Flow, dump

    lines = raw.splitlines()
    items = []
    for sentence, words in open_sentences(report):
        item: dict[str, Any] = {
            "source": report.source.id,
            "sentence": sentence.number,
            "line": sentence.line,
            "text": as_written(lines[sentence.line - 1], sentence.text),
        }
        if words:
            item["uncovered"] = words
        if cues := list(dict.fromkeys(m.group() for m in find_cues(sentence.text))):
            item["cues"] = Flow(cues)
        item["cite"] = {"record": None, "quote": None, "note": None}
        item["excuse"] = {"reason": None, "note": None}
        items.append(item)
    reasons = "\n#     ".join(get_args(CoverageReason))
    fobj.write(
        HEADER.format(
            count=len(items),
            source=report.source.id,
            file=report.source.archive.file,
            reasons=reasons,
            worksheet=name,
            archive=archive,
        )
    )
    fobj.write("\n".join(dump([item], slots=True) for item in items) if items else "[]\n")
    return len(items)


def as_written(raw_line: str, normalised: str) -> str:
    """The words of a normalised sentence as the archived line writes them.

    Normalising folds curly quotes and runs of white space; this finds the stretch of the
    line that normalises to the sentence (the sentence itself when there is none).
    """
    wanted = "".join(_PATTERNS.get(char, re.escape(char)) for char in normalised)
    found = re.search(wanted, unicodedata.normalize("NFC", raw_line))
    return found.group() if found else normalised


_PATTERNS = {
    " ": r"\s+",
    "'": "['\u2018\u2019\u201a\u201b\u2032]",
    '"': '["\u201c\u201d\u201e\u201f\u2033]',
}


@dataclass
class Applied:
    """What a worksheet added: citations by record, excused sentences, items left open."""

    citations: dict[str, int]
    excused: int
    open_items: int
    files: list[Path]
    sources: tuple[str, ...]
    """The sources the worksheet's items are from."""


Items = list[tuple["Item", int, dict[Any, int]]]
"""A worksheet's items, each with its line and the lines of its fields."""


def read_worksheet(path: Path) -> tuple[Items, list[Problem]]:
    """The items of a filled worksheet with their lines, or the problems of its form."""
    from tda_export.loader import _field_name, _message
    from tda_export.yamlfile import YamlError, iter_file

    items, problems = [], []
    adapter = TypeAdapter(Item)
    try:
        for index, line, data, lines in iter_file(path):
            try:
                items.append((adapter.validate_python(data), line, lines))
            except ValidationError as exc:
                for error in exc.errors():
                    loc = tuple(error["loc"])
                    at = next(
                        (lines[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in lines), line
                    )
                    field = f"[{index}]" + (f".{_field_name(loc)}" if loc else "")
                    problems.append(Problem(str(path), at, field, _message(error, Item, data)))  # type: ignore[arg-type]
    except YamlError as exc:
        problems.append(Problem(str(path), exc.line, "(yaml)", exc.message))
    except OSError as exc:
        problems.append(Problem(str(path), 1, "(file)", f"cannot read: {exc.strerror}"))
    return items, problems


def plan(
    base: FactBase, reports: dict[str, tuple[SourceCoverage, str]], path: Path,
    items: Items,
) -> tuple[dict[str, list[Citation]], Excuses, int, list[Problem]]:  # fmt: skip
    """The citations (by record id) and excuses (by source, reason, note, clauses) the
    worksheet asks for, the items left open, and each problem of its answers."""
    from tda_export.checks import normalise
    from tda_export.cues import cue_problem

    cites: dict[str, list[Citation]] = {}
    excuses: Excuses = {}
    open_items, problems = 0, []
    for index, (item, line, lines) in enumerate(items):

        def problem(field: tuple[str, ...], message: str, at: int = line, n: int = index,
                    where: dict[Any, int] = lines) -> None:  # fmt: skip
            found_at = where.get(field, at)
            problems.append(Problem(str(path), found_at, f"[{n}].{'.'.join(field)}", message))

        found = reports.get(item.source)
        if found is None:
            problem(("source",), f"no source with id {item.source!r} in the base and archive")
            continue
        report, raw = found
        wanted = normalise(item.text)
        sentence = next((s for s in report.sentences if s.text == wanted), None)
        if sentence is None:
            problem(("text",), f"no longer a sentence of {item.source!r}: make a new worksheet")
            continue
        cite, excuse = item.cite, item.excuse
        if cite.record is not None and excuse.reason is not None:
            problem(("cite",), "fill cite or excuse, not both")
        elif cite.record is not None:
            record = base.by_id.get(cite.record)
            quote = cite.quote or as_written(raw.splitlines()[sentence.line - 1], sentence.text)
            if record is None:
                problem(("cite", "record"), f"no record with id {cite.record!r}")
            elif isinstance(record, (Actor, Source, CoverageEntry)):
                problem(("cite", "record"),
                        f"{cite.record!r} is a {record.record_kind}: only places, events, "
                        "presence and figures take citations here (an actor's go in its "
                        "relations: add them by hand)")  # fmt: skip
            elif normalise(quote) not in wanted:
                problem(("cite", "quote"), "not part of the sentence, word for word")
            else:
                cit = Citation(source=item.source, quote=quote, note=cite.note,
                               claimant=cite.claimant, hedge=cite.hedge,
                               cue_note=cite.cue_note)  # fmt: skip
                cue = cue_problem(sentence.text, cit)
                if cue is not None:
                    problem(("cite", *cue[0]), cue[1])
                cites.setdefault(cite.record, []).append(cit)
        elif stray := [w for w in item.uncovered if normalise(w) not in wanted]:
            problem(("uncovered",), f"{stray[0]!r}: not part of the sentence, word for word")
        elif excuse.reason is not None:
            key = (item.source, excuse.reason, excuse.note, bool(item.uncovered))
            parts = item.uncovered or [as_written(raw.splitlines()[sentence.line - 1], wanted)]
            excuses.setdefault(key, []).extend(parts)
        elif cite.quote is not None or cite.note is not None or excuse.note is not None:
            problem(("cite" if excuse.note is None else "excuse",),
                    "a quote or note needs a record (cite) or a reason (excuse)")  # fmt: skip
        else:
            open_items += 1
    return cites, excuses, open_items, problems


def edited_files(
    base: FactBase, facts: Path, cites: dict[str, list[Citation]], excuses: Excuses
) -> dict[Path, str]:
    """The new text of each fact file the answers change."""
    from tda_export.yamledit import append_records, insert_items, list_end
    from tda_export.yamlfile import iter_file

    inserts: dict[Path, list[tuple[int, int, list[Any]]]] = {}
    texts: dict[Path, str] = {}

    def insert(rec: Any, key: str, items: list[Any]) -> bool:
        path = Path(rec.origin.file)
        text = texts.setdefault(path, path.read_text(encoding="utf-8"))
        lines = next(lines for i, _, _, lines in iter_file(path) if i == rec.origin.index)
        end = list_end(text.splitlines(), lines, key)
        if end is not None:
            inserts.setdefault(path, []).append((end[0], end[1], items))
        return end is not None

    for record_id, citations in cites.items():
        rec = base.by_id[record_id]
        items = [{k: v for k, v in vars_of(c).items() if v is not None} for c in citations]
        if not insert(rec, "citations", items):
            message = "its citations are not a block list (one '- source:' per line): add by hand"
            raise FactBaseError([Problem(rec.origin.file, rec.origin.line, record_id, message)])
    new_entries = []
    ids = set(base.by_id)
    for (source, reason, note, clauses), parts in excuses.items():
        key = "clauses" if clauses else "sentences"
        entry = next((e for e in base.coverage if e.source == source and e.reason == reason), None)
        if note is None and entry is not None and insert(entry, key, parts):
            continue
        entry_id, n = f"{source}-{reason}", 2
        while entry_id in ids:
            entry_id, n = f"{source}-{reason}-{n}", n + 1
        ids.add(entry_id)
        new = {"id": entry_id, "source": source, "reason": reason}
        new_entries.append({**new, **({"note": note} if note else {}), key: parts})
    out = {path: insert_items(texts[path], found) for path, found in inserts.items()}
    if new_entries:
        ledger = next((Path(e.origin.file) for e in base.coverage), facts / LEDGER)
        text = out.get(ledger) or texts.get(ledger)
        if text is None:
            text = ledger.read_text(encoding="utf-8") if ledger.exists() else LEDGER_HEADER
        out[ledger] = append_records(text, new_entries)
    return out


def vars_of(citation: Citation) -> dict[str, Any]:
    """A citation's fields as a fact file writes them, in order."""
    claimant = citation.claimant
    return {
        "source": citation.source,
        "quote": citation.quote,
        "claimant": {"kind": claimant.kind, "name": claimant.name} if claimant else None,
        "hedge": None if citation.hedge == "asserted" else citation.hedge,
        "cue_note": citation.cue_note,
        "note": citation.note,
    }


def check_edits(facts: Path, archive: Path, edits: dict[Path, str]) -> None:
    """Raise :class:`FactBaseError` when the base with ``edits`` has a problem other than
    a sentence still open (checked on a copy of the fact folder)."""
    from tda_export.coverage import left_problems, measure
    from tda_export.loader import display_path
    from tda_export.sentences import read_texts
    from tda_export.validation import validate

    with tempfile.TemporaryDirectory(prefix="tda-worksheet-") as tmp:
        copy = Path(tmp) / facts.name
        shutil.copytree(facts, copy)
        for path, text in edits.items():
            (copy / path.name).write_text(text, encoding="utf-8")
        base, problems = validate(copy, archive)
        reports, _ = measure(base, read_texts(base, archive))
        still_open = {p for report in reports for p in left_problems(report)}
        shown, real = display_path(copy / "-")[:-1], display_path(facts / "-")[:-1]
    errors = [
        Problem(p.file.replace(shown, real, 1), p.line, p.field, p.message)
        for p in problems
        if p.severity == "error" and p not in still_open
    ]
    if errors:
        raise FactBaseError(errors)


def apply_worksheet(facts: Path, archive: Path, path: Path) -> Applied:
    """Check a filled worksheet and write its answers into the fact files (all or none).

    Raises :class:`FactBaseError` with every problem of the worksheet, or of the base
    the answers would make (nothing is written then).
    """
    from tda_export.checks import read_archived
    from tda_export.coverage import measure
    from tda_export.output import atomic_text
    from tda_export.sentences import read_texts
    from tda_export.validation import validate

    base, _problems = validate(facts, archive)
    measured, _ = measure(base, read_texts(base, archive))
    reports = {
        r.source.id: (r, read_archived(archive, r.source).decode("utf-8", errors="replace"))
        for r in measured
    }
    items, problems = read_worksheet(path)
    if problems:
        raise FactBaseError(problems)
    cites, excuses, open_items, problems = plan(base, reports, path, items)
    if problems:
        raise FactBaseError(problems)
    edits = edited_files(base, facts, cites, excuses)
    check_edits(facts, archive, edits)
    for target, text in edits.items():
        with atomic_text(target) as fobj:
            fobj.write(text)
    counts = {record: len(found) for record, found in cites.items()}
    sources = tuple(dict.fromkeys(item.source for item, _, _ in items))
    return Applied(counts, sum(map(len, excuses.values())), open_items, sorted(edits), sources)
