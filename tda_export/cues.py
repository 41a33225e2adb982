"""Attribution and hedging cues: a quote's whole sentence is read, not only the quote.

For each citation, the sentence or sentences of the archived copy that its quote lies in
(:mod:`tda_export.sentences`) are scanned, inside and outside the quote, for the cues of
:data:`LEXICON` ("according to", "allegedly", "on condition of anonymity", "sought to" ...).
When the sentence carries one, the citation must record who makes the claim
(``claimant``), how the source hedges it (a ``hedge`` other than ``asserted``), or why
the cue does not apply (``cue_note``); a ``cue_note`` where the sentence carries no cue is
stale. The lexicon and the rule are documented in docs/attribution.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tda_export.checks import _problem, normalise
from tda_export.citations import citations_of
from tda_export.errors import Problem
from tda_export.factbase import FactBase
from tda_export.models import Citation
from tda_export.sentences import ArchivedText

_CUES_BY_HINT = {  # the claimant cues; then each hedge's ("according the": the BBC's slip)
    "claimant": "according to|according the|said|says|say|saying|told|stated|"
    "explained|pointed out|has called|claim|claims|claimed|blamed|suggest|"
    "suggests|sources|condition of anonymity|asked not to be named|"
    "anonymous|by most accounts|report|reports|credible reports",
    "reportedly": "reported|reportedly",
    "alleged": "alleged|allegedly|alleging|allegation|allegations|accused|accusation|"
    "accusations|charged with|evidence|"
    "not been independently corroborated|difficult to prove",
    "suspected": "suspected|suspect|suspects|believed|believe|presumed|linked|"
    "indications|seemingly|appears|apparently|reputed",
    "attempted": "sought to|seeking to|seek|seeks|attempt|attempts|attempting|"
    "attempted|tried|trying to",
    "possible": "may|may have|might|possibly|perhaps|likely|unlikely",
    "estimated": "estimated|estimate|estimates",
}
LEXICON: dict[str, str] = {
    cue: hint for hint, cues in _CUES_BY_HINT.items() for cue in cues.split("|")
}
"""Each cue (lower case, whole words) and what it usually asks for: a claimant or a hedge."""

_CUES = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(cue) for cue in sorted(LEXICON, key=len, reverse=True))
    + r")(?!\w)"
)
_AROUND = 4
"""Words shown on each side of a cue in a message."""


def find_cues(text: str) -> list[re.Match[str]]:
    """The cues in a sentence, in order; its first letter is read in lower case."""
    return list(_CUES.finditer(text[:1].lower() + text[1:]))


def _context(text: str, match: re.Match[str]) -> str:
    """The cue with up to :data:`_AROUND` words either side, as ``text`` has them."""
    left, right = text[: match.start()].split(" "), text[match.end() :].split(" ")
    keep = _AROUND + 1  # the piece touching the cue (or an empty one) is not a word
    lead = "\u2026" if len(left) > keep else ""
    tail = "\u2026" if len(right) > keep else ""
    cue = text[match.start() : match.end()]
    return f"{lead}{' '.join(left[-keep:])}{cue}{' '.join(right[:keep])}{tail}"


def cue_problem(text: str, cit: Citation) -> tuple[tuple[str, ...], str] | None:
    """What ``cit``, whose quote lies in the sentence(s) ``text``, fails to record about
    their cues: the field below the citation and the message; None when nothing."""
    found = find_cues(text)
    if not found and cit.cue_note is not None:
        return ("cue_note",), (
            "no attribution or hedging cue in the quote's sentence: remove the cue_note"
        )
    if not found or cit.claimant is not None or cit.hedge != "asserted" or cit.cue_note is not None:
        return None
    cue = found[0].group()
    others = list(dict.fromkeys(m.group() for m in found[1:] if m.group() != cue))
    also = f", also {', '.join(map(repr, others))}" if others else ""
    return (), (
        f'the quote\'s sentence carries {cue!r} ("{_context(text, found[0])}"){also}: record '
        "who makes the claim (claimant), how the source hedges it (hedge) or why the cue does "
        "not apply (cue_note)"
    )


def check_cues(base: FactBase, texts: dict[str, ArchivedText]) -> Iterator[Problem]:
    """Cues in a quote's sentence are recorded on its citation; no stale ``cue_note``."""
    for rec in base.all():
        for path, cit in citations_of(rec):
            recorded = cit.claimant is not None or cit.hedge != "asserted"
            archived = texts.get(cit.source)
            if archived is None or (recorded and cit.cue_note is None):
                continue
            at = next(archived.occurrences(cit.quote), -1)
            if at < 0:
                continue  # check_citations reports it
            spanned = archived.spanning(at, at + len(normalise(cit.quote)))
            found = cue_problem(archived.text[spanned[0].start : spanned[-1].end], cit)
            if found is not None:
                yield _problem(rec, (*path, *found[0]), found[1])
