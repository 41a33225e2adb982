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
from tda_export.sentences import ArchivedText

LEXICON: dict[str, str] = {
    # who says it: give a claimant
    "according to": "claimant",
    "according the": "claimant",  # the BBC's slip
    "said": "claimant",
    "says": "claimant",
    "say": "claimant",
    "saying": "claimant",
    "told": "claimant",
    "stated": "claimant",
    "explained": "claimant",
    "pointed out": "claimant",
    "has called": "claimant",
    "claim": "claimant",
    "claims": "claimant",
    "claimed": "claimant",
    "blamed": "claimant",
    "suggest": "claimant",
    "suggests": "claimant",
    "sources": "claimant",
    "condition of anonymity": "claimant",
    "asked not to be named": "claimant",
    "anonymous": "claimant",
    "by most accounts": "claimant",
    "report": "claimant",
    "reports": "claimant",
    "credible reports": "claimant",
    "reported": "reportedly",
    "reportedly": "reportedly",
    # how sure: give a hedge
    "alleged": "alleged",
    "allegedly": "alleged",
    "alleging": "alleged",
    "allegation": "alleged",
    "allegations": "alleged",
    "accused": "alleged",
    "accusation": "alleged",
    "accusations": "alleged",
    "charged with": "alleged",
    "evidence": "alleged",
    "not been independently corroborated": "alleged",
    "difficult to prove": "alleged",
    "suspected": "suspected",
    "suspect": "suspected",
    "suspects": "suspected",
    "believed": "suspected",
    "believe": "suspected",
    "presumed": "suspected",
    "linked": "suspected",
    "indications": "suspected",
    "seemingly": "suspected",
    "appears": "suspected",
    "apparently": "suspected",
    "reputed": "suspected",
    "sought to": "attempted",
    "seeking to": "attempted",
    "seek": "attempted",
    "seeks": "attempted",
    "attempt": "attempted",
    "attempts": "attempted",
    "attempting": "attempted",
    "attempted": "attempted",
    "tried": "attempted",
    "trying to": "attempted",
    "may": "possible",
    "may have": "possible",
    "might": "possible",
    "possibly": "possible",
    "perhaps": "possible",
    "likely": "possible",
    "unlikely": "possible",
    "estimated": "estimated",
    "estimate": "estimated",
    "estimates": "estimated",
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
            text = archived.text[spanned[0].start : spanned[-1].end]
            found = find_cues(text)
            if not found and cit.cue_note is not None:
                yield _problem(
                    rec,
                    (*path, "cue_note"),
                    "no attribution or hedging cue in the quote's sentence: remove the cue_note",
                )
            elif found and not recorded and cit.cue_note is None:
                cue = found[0].group()
                others = list(dict.fromkeys(m.group() for m in found[1:] if m.group() != cue))
                also = f", also {', '.join(map(repr, others))}" if others else ""
                yield _problem(
                    rec,
                    path,
                    f'the quote\'s sentence carries {cue!r} ("{_context(text, found[0])}")'
                    f"{also}: record who makes the claim (claimant), how the source hedges "
                    "it (hedge) or why the cue does not apply (cue_note)",
                )
