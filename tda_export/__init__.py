"""tda-export: a sourced fact base on Tren de Aragua, checked and exported to maps,
chronologies and tables.

Library use (the CLI does the same through its commands)::

    import tda_export

    base = tda_export.load("facts", archive="../shared/seeds")  # raises FactBaseError
    with open("events.geojson", "w", encoding="utf-8") as f:
        tda_export.write_geojson(base, f, "events")
    with open("events.ics", "wb") as f:
        tda_export.write_ics(base, f, tda_export.RecordFilter.from_options(since="2023"))

Every ``write_*`` function writes one export to an open file object (text or binary, as
its docstring says), returns how many features, events or rows it wrote, prints nothing
and never exits; bad data raises :class:`FactBaseError`, a bad option :class:`UsageError`.
Modules are imported when a function is first called, so ``import tda_export`` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path
    from typing import IO, Any

    from tda_export.build import BuildResult
    from tda_export.errors import FactBaseError, Problem, TdaExportError, UsageError
    from tda_export.factbase import FactBase
    from tda_export.filters import RecordFilter

__version__ = "0.1.0"

__all__ = [
    "FactBase",
    "FactBaseError",
    "Problem",
    "RecordFilter",
    "TdaExportError",
    "UsageError",
    "__version__",
    "build_outputs",
    "check",
    "load",
    "write_csv",
    "write_geojson",
    "write_gpkg",
    "write_ics",
    "write_kml",
    "write_kmz",
    "write_map_html",
    "write_story_html",
    "write_timeline",
    "write_timeline_html",
    "write_xlsx",
]

_LAZY = {
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
    facts: str | Path, archive: str | Path | None = None, *, last_build: str | Path | None = None
) -> list[Problem]:
    """Every problem of the fact base in ``facts``, errors and warnings, sorted by place.

    With ``last_build`` (a folder a build wrote), also each record changed since that build
    without a correction (``revisions``), as ``tda-export check`` does.
    """
    from pathlib import Path

    from tda_export.corrections import check_against
    from tda_export.outfolder import MANIFEST
    from tda_export.validation import validate

    base, problems = validate(facts, archive)
    if last_build is not None:
        problems = sorted(problems + check_against(base, Path(last_build) / MANIFEST))
    return problems


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


def write_geojson(
    base: FactBase,
    fobj: IO[str],
    layer: str = "events",
    record_filter: RecordFilter | None = None,
    *,
    geometry: str | None = None,
    full_detail: bool = False,
    seq: bool = False,
) -> int:
    """Write one map layer (``presence``, ``events``, ``places``) as GeoJSON to text ``fobj``.

    ``geometry`` is ``point`` or ``area`` (default: the layer's own); ``seq`` writes an
    RFC 8142 sequence. Returns the number of features.
    """
    from tda_export.formats.maps.geojson import write_geojson as write

    if geometry not in (None, "point", "area"):
        from tda_export.errors import UsageError

        raise UsageError(f"geometry must be 'point' or 'area', not {geometry!r}")
    return write(
        base,
        fobj,
        layer,
        record_filter,
        seq=seq,
        geometry="point" if geometry == "point" else "area" if geometry else None,
        detail="full" if full_detail else "web",
    )


def write_kml(
    base: FactBase,
    fobj: IO[str],
    record_filter: RecordFilter | None = None,
    *,
    full_detail: bool = False,
) -> int:
    """Write presence, events and places as one KML 2.2 document to text ``fobj``.

    Returns the number of placemarks.
    """
    from tda_export.formats.maps.kml import write_kml as write

    return write(base, fobj, record_filter, "full" if full_detail else "web")


def write_kmz(
    base: FactBase,
    fobj: IO[bytes] | str | Path,
    record_filter: RecordFilter | None = None,
    *,
    full_detail: bool = False,
) -> int:
    """Write the KML document and its icons as a KMZ (zip) to binary ``fobj`` or a path.

    A path is replaced atomically; an open file receives the finished zip.

    Returns the number of placemarks.
    """
    from tda_export.formats.maps.kml import write_kmz as write

    return write(base, fobj, record_filter, "full" if full_detail else "web")


def write_gpkg(
    base: FactBase,
    fobj: IO[bytes] | str | Path,
    record_filter: RecordFilter | None = None,
    *,
    full_detail: bool = False,
) -> int:
    """Write every map layer, each with its QGIS style as default, as one GeoPackage.

    To binary ``fobj`` or a path (replaced atomically). Returns the number of features.
    """
    from tda_export.formats.maps.gpkg import write_gpkg as write

    return write(base, fobj, record_filter, "full" if full_detail else "web")


def write_timeline(base: FactBase, fobj: IO[str], record_filter: RecordFilter | None = None) -> int:
    """Write the events as TimelineJS3 JSON to text ``fobj``; return the event slides."""
    from tda_export.formats.chronologies.timeline import write_timeline as write

    return write(base, fobj, record_filter)


def write_timeline_html(
    base: FactBase,
    fobj: IO[str],
    record_filter: RecordFilter | None = None,
    *,
    timelinejs_path: str | None = None,
) -> int:
    """Write an embeddable TimelineJS page to text ``fobj``; return the event slides.

    The page carries TimelineJS 3.9.11 (shipped in the package) and works from a folder or
    any server; ``timelinejs_path``, the URL of a TimelineJS ``dist/`` folder, links that
    copy instead.
    """
    from tda_export.formats.chronologies.timeline import write_embed_page

    return write_embed_page(base, fobj, record_filter, timelinejs_path)


def write_ics(base: FactBase, fobj: IO[bytes], record_filter: RecordFilter | None = None) -> int:
    """Write the events as an iCalendar feed to binary ``fobj``; return the events."""
    from tda_export.formats.chronologies.ical import write_ics as write

    return write(base, fobj, record_filter)


def write_csv(
    base: FactBase,
    fobj: IO[str],
    table: str,
    record_filter: RecordFilter | None = None,
    *,
    excel: bool = False,
    bom: bool = False,
) -> int:
    """Write one table (``events``, ``places``, ``presence``, ``actors``, ``relations``,
    ``figures``, ``sources``, ``citations``) as CSV to text ``fobj``; return the rows.

    Raises :class:`UsageError` for an unknown table. Open ``fobj`` with ``newline=""``;
    ``bom`` starts the file with a UTF-8 byte-order mark (for spreadsheets), ``excel``
    adds the mark and CRLF line ends.
    """
    from tda_export.formats.tables.table import write_csv as write

    return write(base, fobj, table, record_filter, excel, bom)


def write_xlsx(base: FactBase, fobj: IO[bytes]) -> int:
    """Write every table as one ``.xlsx`` workbook to binary ``fobj``; return the rows."""
    from tda_export.formats.tables.workbook import write_xlsx as write

    return write(base, fobj)


def write_map_html(
    base: FactBase,
    fobj: IO[str],
    record_filter: RecordFilter | None = None,
    *,
    leaflet_path: str | None = None,
) -> int:
    """Write the interactive map page to text ``fobj``; return the features drawn.

    The page carries Leaflet 1.9.4 (shipped in the package); ``leaflet_path``, the URL of
    a Leaflet ``dist/`` folder, links that copy instead.
    """
    from tda_export.formats.pages.webmap import write_map_page

    return write_map_page(base, fobj, record_filter, leaflet_path)


def write_story_html(
    base: FactBase,
    fobj: IO[str],
    record_filter: RecordFilter | None = None,
    *,
    leaflet_path: str | None = None,
    timelinejs_path: str | None = None,
) -> int:
    """Write the map and the TimelineJS timeline, linked, on one page to text ``fobj``.

    Returns the event slides. The libraries' paths are as for :func:`write_map_html` and
    :func:`write_timeline_html`.
    """
    from tda_export.formats.pages.webmap import write_story_page

    return write_story_page(base, fobj, record_filter, leaflet_path, timelinejs_path)
