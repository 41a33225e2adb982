"""tda-export: a sourced fact base on Tren de Aragua, checked and exported to maps,
chronologies and tables.

Library use (the command line does the same through its commands)::

    import tda_export

    base = tda_export.load("facts", archive="../shared/seeds")  # raises FactBaseError
    tda_export.export("geojson", base, "events.geojson", layer="events")
    with open("events.ics", "wb") as f:
        since = tda_export.RecordFilter.from_options(since="2023")
        tda_export.export("ics", base, f, since)

:func:`export` writes one export (:data:`EXPORTS` declares each: options, files, what it
counts) to an open file object or a path, returns how many features, events or rows it
wrote, prints nothing and never exits; bad data raises :class:`FactBaseError`, a bad option
:class:`UsageError`. Modules are imported when a function is first called, so
``import tda_export`` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tda_export.exports import EXPORTS, Export, Option, describe, get
from tda_export.version import __version__

if TYPE_CHECKING:
    from pathlib import Path
    from typing import IO, Any

    from tda_export.build import BuildResult
    from tda_export.coverage import Coverage
    from tda_export.errors import FactBaseError, Problem, TdaExportError, UsageError
    from tda_export.factbase import FactBase
    from tda_export.filters import RecordFilter
    from tda_export.sourceadd import Added
    from tda_export.validation import CheckResult
    from tda_export.vocab import ClaimStatus, EventCategory, SourceKind
    from tda_export.worklist import Applied

__all__ = [
    "EXPORTS",
    "CheckResult",
    "ClaimStatus",
    "Coverage",
    "EventCategory",
    "Export",
    "FactBase",
    "FactBaseError",
    "Option",
    "Problem",
    "RecordFilter",
    "SourceKind",
    "TdaExportError",
    "UsageError",
    "__version__",
    "add_source",
    "apply_worksheet",
    "build_outputs",
    "check",
    "export",
    "load",
    "measure_coverage",
    "write_schemas",
    "write_worksheet",
]

_LAZY = {
    "CheckResult": "tda_export.validation",
    "Coverage": "tda_export.coverage",
    "ClaimStatus": "tda_export.vocab",
    "EventCategory": "tda_export.vocab",
    "SourceKind": "tda_export.vocab",
    "FactBase": "tda_export.factbase",
    "RecordFilter": "tda_export.filters",
    "FactBaseError": "tda_export.errors",
    "Problem": "tda_export.errors",
    "TdaExportError": "tda_export.errors",
    "UsageError": "tda_export.errors",
}


def __getattr__(name: str) -> Any:
    """Import the classes of :data:`_LAZY` on first use."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """The module's names, the lazy ones included (for ``help`` and completion)."""
    return sorted({*globals(), *_LAZY})


def load(facts: str | Path, archive: str | Path | None = None, *, cache: bool = False) -> FactBase:
    """Load and check the fact base in folder ``facts``; return it (warnings allowed).

    With ``archive`` (the folder of archived source texts), quotes are checked against
    the sources too. Raises :class:`FactBaseError` whose ``problems`` lists every error
    (each prints as ``FILE:LINE: FIELD: message``). Nothing is printed. With ``cache``,
    the checked base is kept in (and, for unchanged inputs, read from) the cache of
    checked bases, as the command line does (see :mod:`tda_export.cache`).
    """
    from tda_export.validation import load_checked

    return load_checked(facts, archive, "use" if cache else "off")


def check(
    facts: str | Path,
    archive: str | Path | None = None,
    *,
    last_build: str | Path | None = None,
    cache: bool = False,
) -> CheckResult:
    """Check the fact base in ``facts`` in full: the base and every problem, sorted by place.

    With ``last_build`` (a folder a build wrote), also each record changed since that build
    without a correction (``revisions``), as ``tda-export check`` does. With ``cache``, the
    result is kept for :func:`load`. Raises :class:`FactBaseError` only when ``facts`` is
    not a readable folder.
    """
    from tda_export.validation import check_base

    return check_base(facts, archive, last_build, "refresh" if cache else "off")


def build_outputs(
    facts: str | Path, out: str | Path, archive: str | Path | None = None
) -> BuildResult:
    """Check the fact base, then replace folder ``out`` with every output (``tda-export build``).

    A record changed since the build in ``out`` needs a correction (``revisions``).
    All or nothing: raises :class:`FactBaseError` before writing anything, or
    :class:`~tda_export.errors.OutputError` when ``out`` cannot be replaced.
    """
    from tda_export.build import build

    return build(facts, out, archive)


def export(
    name: str,
    base: FactBase,
    target: IO[Any] | str | Path,
    record_filter: RecordFilter | None = None,
    **options: Any,
) -> int:
    """Write export ``name`` of ``base`` to ``target``; return how many items it wrote.

    ``target`` is an open file object, text or binary as the export says (text opened with
    ``newline=""``), or a path, replaced atomically. ``record_filter`` keeps the records an
    export shows; ``options`` are the export's own. An unknown export or option, or a value
    not among an option's choices, raises :class:`UsageError`.

    The exports (:data:`EXPORTS`):

    """
    return get(name).write(base, target, record_filter, **options)


export.__doc__ = (export.__doc__ or "") + describe().replace("\n", "\n    ") + "\n"


def measure_coverage(facts: str | Path, archive: str | Path) -> Coverage:
    """How every word of every archived source is accounted for (``tda-export coverage``).

    The result holds a report per source (sentences cited, excused, partly covered,
    unaccounted), the base's problems, and :attr:`Coverage.errors`: those other than
    sentences left open. Raises :class:`FactBaseError` only when ``facts`` is no folder.
    """
    from tda_export.validation import measure_coverage as measure

    return measure(facts, archive)


def write_worksheet(coverage: Coverage, source: str, target: str | Path) -> int:
    """Write the worksheet of ``source``'s open sentences (a YAML file to fill in) to
    ``target``, replaced atomically; return its items (``coverage --todo``)."""
    from tda_export.worklist import write_worksheet as write

    return write(coverage, source, target)


def apply_worksheet(facts: str | Path, archive: str | Path, worksheet: str | Path) -> Applied:
    """Add a filled worksheet's citations to their records and its excuses to the ledger.

    All or nothing: raises :class:`FactBaseError` with every problem of the worksheet, or
    of the base its answers would make (``coverage --apply``).
    """
    from pathlib import Path

    from tda_export.worklist import apply_worksheet as apply

    return apply(Path(facts), Path(archive), Path(worksheet))


def add_source(facts: str | Path, archive: str | Path, article: str | Path, **fields: Any) -> Added:
    """Archive a saved article (HTML or text) and append its entry to ``sources.yaml``.

    ``fields`` are the entry's (``id`` and ``kind`` needed; ``title``, ``authors`` ...
    replace what the page says). Nothing is invented: the result lists what stayed
    empty. Raises :class:`UsageError` for a bad field, :class:`TdaExportError` for a page
    or base that cannot take it (``source add``).
    """
    from pathlib import Path

    from tda_export.sourceadd import add_source as add

    return add(Path(facts), Path(archive), Path(article), fields)


def write_schemas(folder: str | Path) -> list[Path]:
    """Write the JSON Schema of each fact file into ``folder``; return the paths written."""
    from pathlib import Path

    from tda_export.schema import write_schemas as write

    return write(Path(folder))
