"""A loaded fact base: every record of each kind in file order, and records by id."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TypeVar

from tda_export.models import (
    RECORD_TYPES,
    Actor,
    CoverageEntry,
    Event,
    Figure,
    Place,
    Presence,
    Record,
    Source,
)

R = TypeVar("R", bound=Record)


class FactBase:
    """All records of a fact base, in file order, with lookup by id."""

    def __init__(
        self, records: Mapping[str, Iterable[Record]] | None = None, invalid_ids: Iterable[str] = ()
    ) -> None:
        """Hold ``records`` keyed by file kind (``sources``, ``events`` ...).

        ``invalid_ids`` are ids of records that failed validation (already reported), so
        references to them are not reported again as dangling.
        """
        given = records or {}
        unknown = sorted(set(given) - set(RECORD_TYPES))
        if unknown:
            raise KeyError(unknown[0])
        self.invalid_ids: frozenset[str] = frozenset(invalid_ids)
        self.records: dict[str, list[Record]] = {
            kind: list(given.get(kind, ())) for kind in RECORD_TYPES
        }
        self.by_id: dict[str, Record] = {}
        """The first record of each id, in schema order of kinds, then file order."""
        self.duplicates: set[str] = set()
        """Ids used by more than one record."""
        for items in self.records.values():
            for rec in items:
                if self.by_id.setdefault(rec.id, rec) is not rec:
                    self.duplicates.add(rec.id)

    def all(self) -> Iterator[Record]:
        """Every record, kind by kind in schema order."""
        for items in self.records.values():
            yield from items

    @property
    def sources(self) -> list[Source]:
        """Sources in file order."""
        return self.records["sources"]  # type: ignore[return-value]

    @property
    def places(self) -> list[Place]:
        """Places in file order."""
        return self.records["places"]  # type: ignore[return-value]

    @property
    def actors(self) -> list[Actor]:
        """Actors in file order."""
        return self.records["actors"]  # type: ignore[return-value]

    @property
    def events(self) -> list[Event]:
        """Events in file order (exports take them by date, then id: ``RecordFilter``)."""
        return self.records["events"]  # type: ignore[return-value]

    @property
    def presence(self) -> list[Presence]:
        """Presence records in file order."""
        return self.records["presence"]  # type: ignore[return-value]

    @property
    def figures(self) -> list[Figure]:
        """Figures in file order."""
        return self.records["figures"]  # type: ignore[return-value]

    @property
    def coverage(self) -> list[CoverageEntry]:
        """Entries of the coverage ledger in file order."""
        return self.records["coverage"]  # type: ignore[return-value]

    def _of_kind(self, id: str, model: type[R]) -> R:
        rec = self.by_id[id]
        if not isinstance(rec, model):
            raise KeyError(id)
        return rec

    def source(self, id: str) -> Source:
        """The source with this id (KeyError if none)."""
        return self._of_kind(id, Source)

    def place(self, id: str) -> Place:
        """The place with this id (KeyError if none)."""
        return self._of_kind(id, Place)

    def actor(self, id: str) -> Actor:
        """The actor with this id (KeyError if none)."""
        return self._of_kind(id, Actor)

    def counts(self) -> dict[str, int]:
        """Number of records per kind of fact (the coverage ledger holds none: not counted)."""
        return {k: len(v) for k, v in self.records.items() if k != "coverage"}
