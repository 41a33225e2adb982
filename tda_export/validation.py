"""A checked fact base: load the fact files and run every check, through the cache.

This is what every command starts with. :func:`validate` gives the base and every
problem; :func:`check_base` the same as a :class:`CheckResult`, compared with the last
build too; :func:`load_checked` the base, or :class:`~tda_export.errors.FactBaseError`
when there is an error. With ``cache="use"`` the result of unchanged inputs is read from
the cache of checked bases (:mod:`tda_export.cache`) instead of checking again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from tda_export.errors import Problem
from tda_export.factbase import FactBase

if TYPE_CHECKING:
    from tda_export.coverage import Coverage

CacheMode = Literal["use", "refresh", "off"]


@dataclass(frozen=True)
class CheckResult:
    """A fact base and every problem of it, errors and warnings, sorted by place."""

    base: FactBase
    problems: list[Problem]
    archive: Path | None = None
    """The folder of archived copies the quotes were checked against, if any."""

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop an export."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems that do not."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def missing_copies(self) -> int:
        """Sources whose archived copy is not in :attr:`archive` (0 without an archive)."""
        if self.archive is None:
            return 0
        return sum(not (self.archive / s.archive.file).is_file() for s in self.base.sources)

    @property
    def unverified(self) -> int:
        """Quotes not found in their copy, and copies that differ from their sha256."""
        from tda_export.checks import QUOTE_NOT_FOUND

        return sum(
            p.field.endswith(".archive.sha256") or p.message.startswith(QUOTE_NOT_FOUND)
            for p in self.problems
        )


def check_base(
    facts_dir: Path | str,
    archive: Path | str | None = None,
    last_build: Path | str | None = None,
    cache: CacheMode = "off",
) -> CheckResult:
    """Every problem of a fact base; with ``last_build`` (a build's folder), also each
    record changed since without a correction (:mod:`tda_export.corrections`)."""
    from tda_export.corrections import check_against
    from tda_export.outfolder import MANIFEST

    base, problems = validate(facts_dir, archive, cache)
    if last_build is not None:
        problems = sorted(problems + check_against(base, Path(last_build) / MANIFEST))
    return CheckResult(base, problems, Path(archive) if archive is not None else None)


def measure_coverage(facts: Path | str, archive: Path | str) -> Coverage:
    """Check the base in ``facts`` against the copies in ``archive``; measure how every
    source is accounted for (:mod:`tda_export.coverage`).

    Raises :class:`~tda_export.errors.FactBaseError` only when ``facts`` is not a readable
    folder.
    """
    from tda_export.coverage import Coverage, measure
    from tda_export.sentences import read_texts

    base, problems = validate(facts, archive)
    reports, _ledger = measure(base, read_texts(base, Path(archive)))  # its problems: above
    return Coverage(base, Path(archive), reports, problems)


def validate(
    facts_dir: Path | str, archive: Path | str | None = None, cache: CacheMode = "off"
) -> tuple[FactBase, list[Problem]]:
    """Load and check a fact base; return it with every problem (errors and warnings).

    ``cache`` (see :mod:`tda_export.cache`): ``"use"`` returns the kept result of
    identical inputs when there is one and keeps a new one; ``"refresh"`` always checks in
    full and keeps the result; ``"off"`` neither reads nor writes the cache.
    """
    facts = Path(facts_dir)
    folder = Path(archive) if archive is not None else None
    if cache == "off":
        return _validate(facts, folder)
    from tda_export import cache as checked_cache

    key = _cache_key(facts, folder)
    if key is not None and cache == "use":
        hit = checked_cache.read(facts, folder, key)
        if hit is not None:
            return hit
    base, problems = _validate(facts, folder)
    if key is not None and _cache_key(facts, folder) == key:  # unchanged while read
        checked_cache.write(facts, folder, key, base, problems)
    return base, problems


def _cache_key(facts: Path, archive: Path | None) -> bytes | None:
    """The cache key of these inputs, or ``None`` when there is no cache to use."""
    from tda_export import cache as checked_cache

    if checked_cache.cache_folder() is None or not facts.is_dir():
        return None
    try:
        return checked_cache.input_key(facts, archive)
    except OSError:
        return None


def _validate(facts_dir: Path, archive: Path | None) -> tuple[FactBase, list[Problem]]:
    from tda_export.checks import run_checks
    from tda_export.loader import load_factbase

    base, problems = load_factbase(facts_dir)
    problems.extend(run_checks(base, archive))
    return base, sorted(problems, key=lambda p: (p.file, p.line, p.field, p.message))


def load_checked(
    facts_dir: Path | str, archive: Path | str | None = None, cache: CacheMode = "off"
) -> FactBase:
    """A fact base with no errors (warnings allowed); else raise :class:`FactBaseError`."""
    from tda_export.errors import FactBaseError

    base, problems = validate(facts_dir, archive, cache)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise FactBaseError(errors)
    return base
