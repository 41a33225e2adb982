"""A claim's status follows from its citations (the rule, also in docs/attribution.md).

A citation's **strength** is ``reported`` when its source asserts the claim (``hedge`` is
``asserted``, or ``estimated`` for a quantity) and does not put it in the mouth of
anonymous or unspecified sources (``claimant.kind`` ``anonymous`` or ``unspecified``);
otherwise it is ``alleged``. Citations of a derived summary (a source with
``derived_from``) never count: summaries drop their original's hedges.

A record's status (an event's, a presence record's, a figure's, an actor's relation
claim's) may be ``reported`` only when at least one of its citations is of strength
``reported``; ``alleged``, ``disputed`` and ``outdated`` are always allowed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Literal

from tda_export.errors import Problem
from tda_export.factbase import FactBase
from tda_export.models import Actor, Citation, Event, Figure, Presence, Record, Source

Strength = Literal["reported", "alleged"]
FIRM_HEDGES = frozenset({"asserted", "estimated"})
"""Hedges that leave a claim as strong as the source's own word."""
WEAK_CLAIMANTS = frozenset({"anonymous", "unspecified"})
"""Claimants whose word makes a claim an allegation however it is phrased."""


def weaknesses(citation: Citation) -> list[str]:
    """What makes a citation an allegation: its hedge, its claimant's kind (or nothing)."""
    found: list[str] = [] if citation.hedge in FIRM_HEDGES else [citation.hedge]
    if citation.claimant is not None and citation.claimant.kind in WEAK_CLAIMANTS:
        found.append(citation.claimant.kind)
    return found


def strength(citation: Citation) -> Strength:
    """``reported`` for a firm claim by the source or a named claimant; else ``alleged``."""
    return "alleged" if weaknesses(citation) else "reported"


def claims_of(rec: Record) -> Iterator[tuple[tuple[str | int, ...], str, Sequence[Citation]]]:
    """Each claim of a record with a status: its field path, status and citations."""
    if isinstance(rec, (Event, Presence, Figure)):
        yield (), rec.status, rec.citations
    elif isinstance(rec, Actor):
        for i, claim in enumerate(rec.relations):
            yield ("relations", i), claim.status, claim.citations


def check_status(base: FactBase) -> Iterator[Problem]:
    """A ``reported`` status needs a citation of strength ``reported`` (see module doc)."""
    for rec in base.all():
        for path, status, citations in claims_of(rec):
            if status != "reported":
                continue
            counted = [c for c in citations if not _is_summary(base, c.source)]
            if not counted or any(strength(c) == "reported" for c in counted):
                continue  # a record citing only a summary is an integrity problem
            why = dict.fromkeys(w for c in counted for w in weaknesses(c))
            if len(counted) < len(citations):
                why["summaries do not count"] = None
            yield Problem.at(
                rec,
                (*path, "status"),
                "'reported' is stronger than its citations allow: every citation is hedged "
                f"or attributed to anonymous or unspecified sources ({', '.join(why)}); "
                "use alleged",
            )


def _is_summary(base: FactBase, source_id: str) -> bool:
    source = base.by_id.get(source_id)
    return isinstance(source, Source) and source.derived_from is not None
