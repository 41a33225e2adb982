"""The citations of a record, with their field paths (checks and the tables share them)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tda_export.models import Actor

if TYPE_CHECKING:
    from tda_export.models import Citation, Record

Path = tuple[str | int, ...]


def citations_of(rec: Record) -> Iterator[tuple[Path, Citation]]:
    """Each citation of a record in file order, with its field path (``citations``, 0).

    An actor's citations are those of its relation claims: ``relations``, i, ``citations``, j.
    """
    if isinstance(rec, Actor):
        for i, claim in enumerate(rec.relations):
            for j, cit in enumerate(claim.citations):
                yield ("relations", i, "citations", j), cit
    else:
        for j, cit in enumerate(getattr(rec, "citations", None) or ()):
            yield ("citations", j), cit
