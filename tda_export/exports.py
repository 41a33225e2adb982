"""Every export, declared once: :func:`tda_export.export`, ``tda-export build`` and the
command line all read :data:`EXPORTS`.

An :class:`Export` names its writer (``module:function``, imported when first used), says
whether it writes text or bytes, which options it takes (each a keyword of the writer and
of :func:`tda_export.export`, and with dashes an option of the command line), whether it
takes the record filter, what its count is called in ``manifest.json`` and which files
``build`` writes with it. A new export is one declaration here and one writer
(CONTRIBUTING.md). This module imports nothing heavy: ``import tda_export`` reads it.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from tda_export.factbase import FactBase
    from tda_export.filters import RecordFilter


class Option(NamedTuple):
    """An option of an export: a keyword of its writer (``--name`` on the command line)."""

    name: str
    help: str
    choices: tuple[str, ...] = ()
    default: Any = None
    required: bool = False


class File(NamedTuple):
    """A file ``build`` writes with an export, and the option values it is written with."""

    name: str
    options: dict[str, Any] = {}  # noqa: RUF012  (never changed)


class Export(NamedTuple):
    """One export: what it writes, with which writer and options, into which files."""

    name: str
    summary: str
    """What it writes and what its count counts, in one sentence."""
    writer: str
    """``module:function``, called ``writer(base, fobj, record_filter=..., **options)``."""
    files: tuple[File, ...]
    binary: bool = False
    filters: bool = True
    """Whether it takes a :class:`~tda_export.filters.RecordFilter` (``record_filter``)."""
    options: tuple[Option, ...] = ()
    unit: str = "records"
    """What its count is called in ``manifest.json``."""
    style: str | None = None
    """``module:function`` giving the QGIS style that ``build`` writes beside each file
    (``NAME.qml``), called with the file's options."""
    derived_from: str | None = None
    """An export whose file ``build`` turns into this one's with :attr:`derive` (the KMZ is
    the KML zipped) instead of writing it again."""
    derive: str | None = None
    check: str | None = None
    """``module:function`` called with the writer's keywords before anything is written;
    raises :class:`~tda_export.errors.UsageError` for a combination it does not take."""

    def option(self, name: str) -> Option:
        """The option called ``name`` (:class:`KeyError` if the export has none)."""
        for option in self.options:
            if option.name == name:
                return option
        raise KeyError(name)

    def names(self) -> list[str]:
        """The names of the export's options, in order."""
        return [option.name for option in self.options]

    def values(self, record_filter: RecordFilter | None, options: dict[str, Any]) -> dict[str, Any]:
        """The writer's keywords: ``options`` checked against the declaration, defaults filled."""
        from tda_export.errors import UsageError

        names = self.names()
        unknown = sorted(set(options) - set(names))
        if unknown:
            takes = ", ".join(names) or "none"
            raise UsageError(f"{self.name} takes no option {unknown[0]!r} (options: {takes})")
        if record_filter is not None and not self.filters:
            raise UsageError(f"{self.name} takes no record filter")
        values: dict[str, Any] = {"record_filter": record_filter} if self.filters else {}
        for option in self.options:
            value = options.get(option.name, option.default)
            if option.required and value is None:
                raise UsageError(f"{self.name} needs {option.name}: {_either(option.choices)}")
            if option.choices and value is not None and value not in option.choices:
                raise UsageError(f"{option.name} must be {_either(option.choices)}, not {value!r}")
            values[option.name] = value
        if self.check is not None:
            load(self.check)(**values)
        return values

    def write(
        self,
        base: FactBase,
        target: IO[Any] | str | Path,
        record_filter: RecordFilter | None = None,
        **options: Any,
    ) -> int:
        """Write this export of ``base`` to an open file or a path (replaced atomically)."""
        values = self.values(record_filter, options)
        if record_filter is not None:
            record_filter.check(base)
        writer = load(self.writer)
        if not isinstance(target, (str, Path)):
            count: int = writer(base, target, **values)
            return count
        from tda_export.output import atomic_binary, atomic_text

        with atomic_binary(target) if self.binary else atomic_text(target, "") as fobj:
            count = writer(base, fobj, **values)
        return count


def load(reference: str) -> Any:
    """The function a ``module:function`` reference names (its module imported now)."""
    import importlib

    module, _, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)


def get(name: str) -> Export:
    """The export called ``name``; :class:`~tda_export.errors.UsageError` if there is none."""
    found = EXPORTS.get(name)
    if found is None:
        from tda_export.errors import UsageError

        raise UsageError(f"no export {name!r}: choose one of {', '.join(EXPORTS)}")
    return found


def _either(choices: tuple[str, ...]) -> str:
    quoted = [repr(choice) for choice in choices]
    return " or ".join(quoted) if len(quoted) < 3 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


MAPS = "tda_export.formats.maps"
CHRONOLOGIES = "tda_export.formats.chronologies"
TABLES = "tda_export.formats.tables"
PAGES = "tda_export.formats.pages"
LAYERS = ("presence", "events", "places")
TABLE_NAMES = (
    "sources", "places", "actors", "relations", "events", "presence", "figures", "citations",
    "corrections",
)  # fmt: skip
"""The tables of :data:`tda_export.formats.tables.columns.TABLES`, in order (that module
loads the models; a test keeps the two the same)."""

DETAIL = Option(
    "detail",
    "Areas simplified for the web (0.01\u00b0), or full: every bundled vertex.",
    ("web", "full"),
    "web",
)
LEAFLET_URL = Option(
    "leaflet_url",
    "Load Leaflet from this dist/ folder (relative to the page, or absolute) instead of "
    "writing the shipped Leaflet 1.9.4 into the page.",
)
TIMELINEJS_URL = Option(
    "timelinejs_url",
    "Load TimelineJS from this dist/ folder (relative to the page, or absolute) instead of "
    "writing the shipped TimelineJS 3.9.11 into the page.",
)

EXPORTS: dict[str, Export] = {e.name: e for e in (
    Export(
        "geojson",
        "One map layer as RFC 7946 GeoJSON, of points or of areas; counts features.",
        f"{MAPS}.geojson:write_geojson",
        (  # the plain name for the layer's own geometry (the writer's default)
            File("presence.geojson", {"layer": "presence", "geometry": "area"}),
            File("presence-points.geojson", {"layer": "presence", "geometry": "point"}),
            File("events.geojson", {"layer": "events", "geometry": "point"}),
            File("events-areas.geojson", {"layer": "events", "geometry": "area"}),
            File("places.geojson", {"layer": "places", "geometry": "point"}),
            File("places-areas.geojson", {"layer": "places", "geometry": "area"}),
        ),
        options=(
            Option("layer", "Which layer to write; each is its own file of one geometry type.",
                   LAYERS, "presence"),
            Option("geometry", "Representative points or uncertainty areas [default: area for "
                   "presence, point for events and places].", ("point", "area")),
            DETAIL,
            Option("seq", "Write an RFC 8142 text sequence (RS before each feature) instead "
                   "of a collection.", default=False),
        ),
        style=f"{MAPS}.qml:layer_qml",
    ),
    Export(
        "kml",
        "Presence, events and places as one KML 2.2 document; counts placemarks.",
        f"{MAPS}.kml:write_kml",
        (File("tren-de-aragua.kml"),),
        options=(DETAIL,),
        style=f"{MAPS}.qml:kml_qml",
    ),
    Export(
        "kmz",
        "The KML document zipped with its icons (KMZ); counts placemarks.",
        f"{MAPS}.kml:write_kmz",
        (File("tren-de-aragua.kmz"),),
        binary=True,
        options=(DETAIL,),
        derived_from="kml",
        derive=f"{MAPS}.kml:zip_kml",
    ),
    Export(
        "gpkg",
        "Every map layer, each with its QGIS style as default, in one GeoPackage; counts "
        "features.",
        f"{MAPS}.gpkg:write_gpkg",
        (File("tren-de-aragua.gpkg"),),
        binary=True,
        options=(DETAIL,),
        unit="features",
    ),
    Export(
        "timeline",
        "The events as TimelineJS3 JSON; counts event slides.",
        f"{CHRONOLOGIES}.timeline:write_timeline",
        (File("timeline.json"),),
    ),
    Export(
        "timeline_page",
        "An HTML page showing the timeline with TimelineJS; counts event slides.",
        f"{CHRONOLOGIES}.timeline:write_embed_page",
        (File("timeline.html"),),
        options=(TIMELINEJS_URL,),
    ),
    Export(
        "map_page",
        "The interactive map page (Leaflet); counts features.",
        f"{PAGES}.webmap:write_map_page",
        (File("map.html"),),
        options=(LEAFLET_URL,),
        unit="features",
    ),
    Export(
        "story_page",
        "The map and the TimelineJS timeline, linked, on one page; counts event slides.",
        f"{PAGES}.webmap:write_story_page",
        (File("story.html"),),
        options=(LEAFLET_URL, TIMELINEJS_URL),
    ),
    Export(
        "ics",
        "The events as an iCalendar feed of all-day events; counts events.",
        f"{CHRONOLOGIES}.ical:write_ics",
        (File("tren-de-aragua.ics"),),
        binary=True,
    ),
    Export(
        "csv",
        "One table as UTF-8 CSV with a fixed column order; counts rows.",
        f"{TABLES}.table:write_csv",
        tuple(File(f"{name}.csv", {"table": name, "bom": True}) for name in TABLE_NAMES),
        options=(
            Option("table", "The table to write (columns: docs/tables.md).", TABLE_NAMES,
                   required=True),
            Option("excel", "A byte-order mark and CRLF line ends, for Excel.", default=False),
            Option("bom", "Start with a UTF-8 byte-order mark, so that spreadsheets read "
                   "accents on a double-click.", default=False),
        ),
        check="tda_export.exports:table_takes",
    ),
    Export(
        "datapackage",
        "The Frictionless datapackage.json describing the CSV tables; counts tables.",
        f"{TABLES}.datapackage:write_datapackage",
        (File("datapackage.json"),),
        filters=False,
        unit="tables",
    ),
    Export(
        "xlsx",
        "Every table in one .xlsx workbook, after an about sheet; counts tables.",
        f"{TABLES}.workbook:write_xlsx",
        (File("tren-de-aragua.xlsx"),),
        binary=True,
        filters=False,
        unit="tables",
    ),
)}  # fmt: skip
"""Every export, in the order ``build`` writes them."""


def table_takes(record_filter: RecordFilter | None, table: str, **_: Any) -> None:
    """Refuse a filter that ``table`` does not take (:mod:`tda_export.formats.tables.columns`)."""
    if record_filter is not None:
        from tda_export.formats.tables.columns import check_filters

        check_filters(table, record_filter)


def describe() -> str:
    """The exports in words: name, text or bytes, options with their choices and defaults."""
    lines = []
    for e in EXPORTS.values():
        kind = "bytes" if e.binary else "text"
        takes = "" if e.filters else ", no record filter"
        lines.append(f"{e.name} ({kind}{takes}): {e.summary}")
        for option in e.options:
            if option.choices:
                values = " | ".join(option.choices)
            else:
                values = "True | False" if option.default is False else "URL"
            default = (
                "required"
                if option.required
                else "optional"
                if option.default is None
                else f"default {option.default!r}"
            )
            lines.append(f"    {option.name}: {values} ({default})")
    return "\n".join(lines)
