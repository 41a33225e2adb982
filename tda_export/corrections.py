"""Corrections in the open: each record's ``revisions``, checked against the last build.

A record's *published fields* are what it claims, as readers see it: every field but its
citations, notes, ``see_also``, marker ``label`` and the revisions themselves (and a
date's note). Adding a source to a record or rewording a note is an update, not a
correction; changing a status, a date, a title, a summary or a number is one.

``build`` writes into ``manifest.json`` a digest of each record's published fields and
its number of revisions (:func:`manifest_section`). ``check`` and ``build`` compare the
facts with the manifest of the last build (:func:`check_against`): a record whose
published fields changed needs a new ``revisions`` entry saying what changed and why, and
a correction readers were shown may not disappear. No manifest (a first build) or one
written before this rule: nothing to compare. The manifest rather than git: a newsroom
that builds from a tarball has no history, and the manifest records what was *published*,
not what was committed (docs/corrections.md).
"""

from __future__ import annotations

import errno
import hashlib
import stat
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from tda_export.errors import Problem
from tda_export.fuzzydate import FuzzyDate
from tda_export.models import Record, Source, fields_of
from tda_export.outfolder import MANIFEST_LIMIT

if TYPE_CHECKING:
    from tda_export.factbase import FactBase

RULE = "published fields 1"
"""Names the digest rule in the manifest; a manifest of another rule is not compared."""
UNPUBLISHED = frozenset({"citations", "note", "see_also", "label", "revisions"})
"""Fields whose change is not a correction (at any depth)."""
KINDS = ("sources", "places", "actors", "events", "presence", "figures")
"""The kinds of record readers are shown (the coverage ledger is not)."""


@cache  # one entry per record type and part type: a dozen in all
def _defaults(model: type[Any]) -> dict[str, Any]:
    """Published field names of a model and their defaults (a required field: a marker)."""
    out: dict[str, Any] = {}
    for name, info in fields_of(model).items():
        if name not in UNPUBLISHED:
            out[name] = (
                info.get_default(call_default_factory=True) if not info.is_required() else ...
            )
    return out


_SCALARS = frozenset({str, int, float, bool, type(None)})
_ENCODE = msgspec.json.Encoder(order="sorted").encode


def _plain(value: Any) -> Any:
    """A published value as JSON data: a date as its text and wording, parts as mappings.

    A field holding its default is left out, so that a field added to the schema later
    changes no record's digest.
    """
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list or kind is tuple:
        return [item if type(item) in _SCALARS else _plain(item) for item in value]
    if kind is FuzzyDate:
        return [value.text, value.display]
    defaults = _defaults(value.__class__)  # a record, or a part of one (pydantic dataclass)
    return {
        name: _plain(field)
        for name, default in defaults.items()
        if (field := getattr(value, name)) != default
    }


def digest(rec: Record) -> str:
    """16 hex digits of the sha256 of a record's published fields."""
    return hashlib.sha256(_ENCODE([rec.record_kind, _plain(rec)])).hexdigest()[:16]


def published(base: FactBase) -> Iterator[tuple[str, Record]]:
    """Each record readers are shown, with the table it is in (``events`` ...)."""
    for kind in KINDS:
        for rec in base.records[kind]:
            yield kind, rec


def manifest_section(base: FactBase) -> dict[str, Any]:
    """The ``published`` part of ``manifest.json``: digests, revision counts, the rule."""
    records = [rec for _, rec in published(base)]
    return {
        "digests": {rec.id: digest(rec) for rec in records},
        "revisions": {rec.id: len(rec.revisions) for rec in records if rec.revisions},
        "rule": RULE,
    }


class _Published(msgspec.Struct):
    """The ``published`` section of a build's manifest, as :func:`manifest_section` writes it."""

    rule: str
    digests: dict[str, str] = {}
    revisions: dict[str, int] = {}


def _last_build(manifest: Path) -> tuple[_Published | None, list[Problem]]:
    """The ``published`` section of a build's manifest; ``None`` when there is none.

    A manifest that is not a plain file (a pipe would wait for a writer, a device may never
    end), over :data:`~tda_export.outfolder.MANIFEST_LIMIT`, not JSON, or whose section is
    not what a build writes: a warning, and nothing is compared.
    """
    try:
        info = manifest.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a plain file (a pipe, device or socket)")
        if info.st_size > MANIFEST_LIMIT:
            raise OSError(errno.EFBIG, f"over {MANIFEST_LIMIT:,} bytes")
        data = msgspec.json.decode(manifest.read_bytes())
        section = data.get("published") if isinstance(data, dict) else None
        if not isinstance(section, dict) or section.get("rule") != RULE:
            return None, []
        return msgspec.convert(section, _Published), []
    except FileNotFoundError:
        return None, []
    except (OSError, ValueError, RecursionError) as exc:
        if isinstance(exc, OSError):
            why = exc.strerror
        elif isinstance(exc, msgspec.ValidationError):
            why = f"not what a build writes: {exc}"
        else:
            why = "not JSON"
        warning = f"cannot read it ({why}): corrections are not checked against the last build"
        return None, [Problem(str(manifest), 1, "(manifest)", warning, "warning")]


def check_against(base: FactBase, manifest: Path) -> list[Problem]:
    """Records whose published fields changed since the build of ``manifest`` without a
    new revision, and corrections removed; a warning for each published record now gone.
    """
    section, problems = _last_build(manifest)
    if section is None:
        return problems
    digests, counts = section.digests, section.revisions
    seen: set[str] = set()
    for _kind, rec in published(base):
        seen.add(rec.id)
        before = digests.get(rec.id)
        if before is None:
            continue
        had, now = counts.get(rec.id, 0), len(rec.revisions)
        where = rec.origin.line_of("revisions") if rec.revisions else rec.origin.line
        if now < had:
            message = (
                f"the last build ({manifest}) showed readers {had} correction(s), now "
                f"{now}: a published correction stays in the record's revisions"
            )
        elif now == had and digest(rec) != before:
            message = (
                f"published fields changed since the last build ({manifest}): add a "
                "revisions entry (date, change, reason) saying what changed and why"
            )
        else:
            continue
        problems.append(Problem(rec.origin.file, where, f"{rec.id}.revisions", message))
    gone = (
        "published in the last build and gone now: its readers are not told why; keep the "
        "record with status outdated and a revisions entry instead"
    )
    problems += [
        Problem(str(manifest), 1, name, gone, "warning") for name in sorted(set(digests) - seen)
    ]
    return problems


def check_revisions(base: FactBase) -> Iterator[Problem]:
    """Each revision names a known source, and revisions come oldest first."""
    for rec in base.all():
        last = None
        for i, revision in enumerate(rec.revisions):
            cited = revision.source
            known = cited is None or isinstance(base.by_id.get(cited), Source)
            if not known and cited not in base.invalid_ids:
                yield Problem.at(rec, ("revisions", i, "source"), f"no source with id {cited!r}")
            if last is not None and revision.date < last:
                message = f"{revision.date} is before the revision above it: list them oldest first"
                yield Problem.at(rec, ("revisions", i, "date"), message)
            last = revision.date


def correction_words(base: FactBase, rec: Record) -> list[str]:
    """Each correction of a record in a reader's words, oldest first.

    ``Corrected 10 December 2026: status changed from reported to alleged — the source
    attributes the claim to police sources speaking anonymously``, then the source that
    prompted it, when one did.
    """
    from tda_export.formats.words import source_label

    out = []
    for revision in rec.revisions:
        day = revision.date
        text = (
            f"Corrected {day.day} {day:%B} {day.year}: {revision.change} \u2014 {revision.reason}"
        )
        if revision.source is not None:
            text += f" (prompted by {source_label(base.source(revision.source))})"
        out.append(text)
    return out
