"""The rows of each table: records in, one tuple of plain values per row out.

A row holds ``None``, ``str``, ``int``, ``float``, ``datetime.date`` and ``list[str]``
values, in the order of its table's columns (:data:`~.columns.TABLES`); the writers encode
them (:mod:`.cells` for CSV, :mod:`.workbook` for .xlsx).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from tda_export.citations import citations_of
from tda_export.formats.tables.cells import Value
from tda_export.formats.tables.columns import CITING, TABLES, check_filters, given_filters
from tda_export.formats.words import attribution_words

if TYPE_CHECKING:
    from tda_export.factbase import FactBase
    from tda_export.filters import RecordFilter
    from tda_export.fuzzydate import FuzzyDate
    from tda_export.models import Record, RelationClaim

Values = tuple[Value, ...]
Rows = Callable[["FactBase", "RecordFilter"], Iterator[Values]]
_by_id = attrgetter("id")
_NO_DATE: Values = (None,) * 6


def date_cells() -> Callable[[FuzzyDate | None], Values]:
    """The six cells of a fuzzy date, worked out once per date for this call."""
    known: dict[tuple[str, str | None, str | None], Values] = {}

    def cells(value: FuzzyDate | None) -> Values:
        if value is None:
            return _NO_DATE
        key = (value.text, value.display, value.note)
        found = known.get(key)
        if found is None:
            words = value.words()
            found = known[key] = (value.text, words, value.start, value.end, value.precision,
                                  value.note)  # fmt: skip
        return found

    return cells


def place_countries(base: FactBase) -> dict[str, str]:
    """The country of each place id (the first place of an id, as ``base.by_id``)."""
    return {place.id: place.country for place in reversed(base.places)}


def source_rows(base: FactBase, record_filter: RecordFilter) -> Iterator[Values]:
    """Yields one row per source, sorted by id."""
    dates = date_cells()
    for src in sorted(base.sources, key=_by_id):
        yield (src.id, src.title, src.publisher, list(src.authors), src.kind,
               *dates(src.published), src.url, src.language, src.archive.file,
               src.archive.sha256, src.derived_from, src.note)  # fmt: skip


def place_rows(base: FactBase, record_filter: RecordFilter) -> Iterator[Values]:
    """Yields one row per place kept by ``--country``, sorted by id."""
    for place in record_filter.places(base):
        lon, lat = place.point if place.point is not None else (None, None)
        yield (place.id, place.name, list(place.alternate_names), place.kind, place.country,
               place.state, place.parent, lon, lat, place.precision, place.uncertainty_m,
               place.geonames_id, place.note)  # fmt: skip


def actor_rows(base: FactBase, record_filter: RecordFilter) -> Iterator[Values]:
    """Yields one row per actor, sorted by id."""
    for actor in sorted(base.actors, key=_by_id):
        relations: list[str] = list(dict.fromkeys(_claimed(claim) for claim in actor.relations))
        yield (actor.id, actor.name, list(actor.aliases), actor.kind, actor.role,
               actor.country, relations, actor.note)  # fmt: skip


def _claimed(claim: RelationClaim) -> str:
    """A relation as the actors table shows it: with its status unless reported, so that a
    cell never reads an allegation as fact (``ally (alleged)``)."""
    return claim.relation if claim.status == "reported" else f"{claim.relation} ({claim.status})"


def relation_id(actor_id: str, number: int) -> str:
    """Id of an actor's ``number``-th relation claim (from 1): ``<actor>#relation-<n>``."""
    return f"{actor_id}#relation-{number}"


def relation_rows(base: FactBase, record_filter: RecordFilter) -> Iterator[Values]:
    """Yields one row per relation claim, sorted by actor id, then claim order."""
    for actor in sorted(base.actors, key=_by_id):
        for number, claim in enumerate(actor.relations, start=1):
            yield (relation_id(actor.id, number), actor.id, claim.relation, claim.status,
                   claim.note)  # fmt: skip


def event_rows(base: FactBase, record_filter: RecordFilter) -> Iterator[Values]:
    """Yields one row per kept event, sorted by date (first day, then last day), then id."""
    dates = date_cells()
    country = place_countries(base).get
    for event in record_filter.events(base):
        places = list(event.places)
        countries = list(dict.fromkeys(filter(None, map(country, places))))
        yield (event.id, event.title, *dates(event.date), event.category, event.status,
               places, countries, list(event.actors), event.summary, event.note)  # fmt: skip


def presence_rows(base: FactBase, record_filter: RecordFilter) -> Iterator[Values]:
    """Yields one row per kept presence record, sorted by id."""
    dates = date_cells()
    country = place_countries(base).get
    for rec in record_filter.presence(base):
        yield (rec.id, rec.place, country(rec.place), *dates(rec.period),
               list(rec.activities), rec.status, rec.note)  # fmt: skip


def figure_rows(base: FactBase, record_filter: RecordFilter) -> Iterator[Values]:
    """Yields one row per kept figure, sorted by id."""
    dates = date_cells()
    countries = place_countries(base)
    for fig in record_filter.figures(base):
        yield (fig.id, fig.measure, fig.label, fig.value, fig.low, fig.high, fig.qualifier,
               fig.unit, *dates(fig.as_of), fig.attributed_to, fig.place,
               countries.get(fig.place or ""), fig.status, fig.note)  # fmt: skip


def citation_rows(base: FactBase, record_filter: RecordFilter) -> Iterator[Values]:
    """Yields one row per citation of every kept record, sorted by record id, then order.

    A record is kept when its own table would keep it; when a filter is given that its
    table does not take (``--since`` for a place), its citations are left out.
    """
    given = given_filters(record_filter)
    keeps: dict[str, Callable[[Any], bool]] = {
        "places": record_filter.keeps_place,
        "actors": lambda rec: True,
        "events": lambda rec: record_filter.keeps_event(base, rec),
        "presence": lambda rec: record_filter.keeps_presence(base, rec),
        "figures": lambda rec: record_filter.keeps_figure(base, rec),
    }
    kept: list[tuple[str, Record]] = [
        (table, rec)
        for table in CITING
        if given <= TABLES[table].filters
        for rec in base.records[table]
        if keeps[table](rec)
    ]
    kept.sort(key=lambda item: item[1].id)
    for table, rec in kept:
        for number, (path, cit) in enumerate(citations_of(rec), start=1):
            claim = path[1] if path[0] == "relations" else None
            relation = relation_id(rec.id, int(claim) + 1) if claim is not None else None
            kind, who = (cit.claimant.kind, cit.claimant.name) if cit.claimant else (None, None)
            said = attribution_words(cit, base.source(cit.source))
            yield (f"{rec.id}#{number}", table, rec.id, relation, cit.source, cit.quote, kind,
                   who, cit.hedge, said, cit.cue_note, cit.note)  # fmt: skip


def correction_rows(base: FactBase, record_filter: RecordFilter) -> Iterator[Values]:
    """Yields one row per correction of a record, sorted by date, then record id, then order."""
    from tda_export.corrections import published

    rows = [
        (f"{rec.id}#revision-{number}", table, rec.id, rev.date, rev.change, rev.reason,
         rev.source)
        for table, rec in published(base)
        for number, rev in enumerate(rec.revisions, start=1)
    ]  # fmt: skip
    rows.sort(key=lambda row: (row[3], row[2], row[0]))
    yield from rows


ROWS: dict[str, Rows] = {
    "sources": source_rows,
    "places": place_rows,
    "actors": actor_rows,
    "relations": relation_rows,
    "events": event_rows,
    "presence": presence_rows,
    "figures": figure_rows,
    "citations": citation_rows,
    "corrections": correction_rows,
}


def table_values(
    base: FactBase, name: str, record_filter: RecordFilter | None = None
) -> Iterator[Values]:
    """The rows of table ``name`` kept by ``record_filter`` (all rows without one).

    Raises :class:`UsageError` at once (not on the first row) for an unknown table or a
    filter the table does not take.
    """
    from tda_export.filters import RecordFilter

    record_filter = record_filter or RecordFilter()
    check_filters(name, record_filter)
    return ROWS[name](base, record_filter)
