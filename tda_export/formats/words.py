"""Records in readers' words, shared by every family of exports: event groups, dates,
statuses, places, actors, sources and their attribution, and filters.

Used by the chronologies (TimelineJS, iCalendar), the maps (labels, balloons) and the
pages (panels) and tables (the about sheet). Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache

from tda_export.factbase import FactBase
from tda_export.filters import RecordFilter
from tda_export.fuzzydate import DatePart, FuzzyDate
from tda_export.models import Actor, Citation, Event, Figure, Place, Presence, Source
from tda_export.text import isolate

TITLE = "Tren de Aragua: a sourced chronology"
"""Headline of the TimelineJS title slide and name of the calendar."""

#: Event categories grouped into the few rows TimelineJS can show (about four at most).
GROUPS: dict[str, str] = {
    "founding": "Origins and prison",
    "imprisonment": "Origins and prison",
    "escape": "Origins and prison",
    "expansion": "Expansion and crime",
    "alliance": "Expansion and crime",
    "clash": "Expansion and crime",
    "killing": "Expansion and crime",
    "kidnapping": "Expansion and crime",
    "extortion": "Expansion and crime",
    "security-operation": "State response",
    "arrest": "State response",
    "deportation": "State response",
    "sanction": "State response",
    "designation": "State response",
    "policy": "State response",
    "report": "Reports",
}

#: How each claim status reads in a sentence ("reported" is the plain case).
STATUS_WORDS: dict[str, str] = {
    "reported": "reported",
    "alleged": "alleged",
    "disputed": "disputed: sources disagree",
    "outdated": "outdated: later sources differ",
}


def group_of(event: Event) -> str:
    """The group (TimelineJS row, calendar category) of an event's category."""
    return GROUPS[event.category]


def category_words(event: Event) -> str:
    """The category in words: ``security-operation`` -> ``security operation``."""
    return event.category.replace("-", " ")


def needs_words(fuzzy: FuzzyDate) -> bool:
    """True when a date cannot be shown as one plain calendar date.

    That is: it has human wording, is approximate or uncertain, or is an interval.
    """
    return bool(fuzzy.display) or fuzzy.approximate or fuzzy.uncertain or fuzzy.kind != "single"


def known_parts(fuzzy: FuzzyDate) -> tuple[DatePart, DatePart]:
    """The first and last known part: an open end or start falls back on the other part."""
    first = fuzzy.lower or fuzzy.upper
    last = fuzzy.upper or fuzzy.lower
    assert first is not None and last is not None  # the parser refuses ../..
    return first, last


def precision_words(fuzzy: FuzzyDate) -> str:
    """How the sources pin the date down, in a short clause a reader understands.

    ``"the sources give the year only; approximate"``: no notation, no internal terms.
    """
    if fuzzy.kind == "open-end":
        how = "the sources give no end date"
    elif fuzzy.kind == "open-start":
        how = "the sources give no start date"
    elif fuzzy.kind == "range":
        how = "the sources give a period, not a single day"
    elif fuzzy.precision == "day":
        how = "the exact day"
    else:
        how = f"the sources give the {fuzzy.precision} only"
    if fuzzy.approximate:
        how += "; approximate"
    if fuzzy.uncertain:
        how += "; uncertain"
    return how


def reference_words(base: FactBase, record_id: str) -> str:
    """What a reader calls another record (a ``see_also`` entry): its title, in words.

    An event by its title, an actor or place by its name, a figure by what it counts and
    the number, a presence record by its place, a source by its label; record text is
    isolated (:func:`~tda_export.text.isolate`), as in every wording of this module.
    """
    record = base.by_id[record_id]
    if isinstance(record, Event):
        return f"{isolate(record.title)} ({isolate(record.date.words())})"
    if isinstance(record, (Actor, Place)):
        return isolate(record.name)
    if isinstance(record, Figure):
        return figure_words(record)
    if isinstance(record, Presence):
        place = base.place(record.place)
        words = f"Presence in {isolate(place.name)}"
        if record.period is not None:
            words += f", {isolate(record.period.words())}"
        return words + f" ({STATUS_WORDS[record.status].split(':')[0]})"
    if isinstance(record, Source):
        return source_label(record)
    return record_id  # pragma: no cover - every record kind is named above


_QUALIFIERS = {
    "exact": "",
    "about": "about ",
    "at-least": "at least ",
    "up-to": "up to ",
    "from": "from ",
    "more-than": "more than ",
    "less-than": "less than ",
    "estimate": "an estimated ",
}


def _number_words(value: float) -> str:
    return f"{value:,.0f}" if value.is_integer() else f"{value:,}"


def figure_words(figure: Figure) -> str:
    """``Members of Tren de Aragua: about 2,500 members (Others (unnamed))``."""
    if figure.value is not None:
        amount = _QUALIFIERS.get(figure.qualifier, "") + _number_words(figure.value)
    elif figure.low is not None and figure.high is not None:
        amount = f"{_number_words(figure.low)}–{_number_words(figure.high)}"
    else:
        bound = figure.low if figure.low is not None else figure.high
        assert bound is not None
        amount = _QUALIFIERS.get(figure.qualifier, "") + _number_words(bound)
    words = f"{isolate(figure.label)}: {amount} {isolate(figure.unit)}"
    return f"{words} ({isolate(figure.attributed_to)})" if figure.attributed_to else words


def marker_label(event: Event) -> str:
    """The few words a timeline marker shows: the event's ``label``, else its title."""
    return event.label or event.title


def last_modified_day(base: FactBase, event: Event) -> date:
    """The latest day the facts name for an event's information (never the clock).

    The latest of: the day of each of its corrections (``revisions``), the first day of
    each cited source's publication, and the last day of its own date's known part (what
    is told of 2005\u20132011 was not written before 2011 ended).
    """
    parts = [known_parts(event.date)[1].last_day]
    for citation in event.citations:
        published = base.source(citation.source).published
        if published is not None:
            parts.append(known_parts(published)[0].first_day)
    parts.extend(revision.date for revision in event.revisions)
    return max(parts)


#: How precisely a place's point is known, in words (``admin2`` means nothing to a reader).
PRECISION_WORDS: dict[str, str] = {
    "exact": "exact",
    "locality": "known to the town",
    "admin2": "known to the municipality",
    "admin1": "known to the state",
    "country": "known to the country",
    "region": "known to the region",
}


def published_words(source: Source) -> str | None:
    """When a source was published, in words, or ``None`` when unknown."""
    return source.published.words() if source.published else None


def source_label(source: Source) -> str:
    """``Publisher, "Title" (published)`` in plain text; unknown parts are left out."""
    label = f"\u201c{isolate(source.title)}\u201d"
    if source.publisher:
        label = f"{isolate(source.publisher)}, {label}"
    published = published_words(source)
    return f"{label} ({isolate(published)})" if published else label


#: How each hedge leads a claim's attribution ("asserted" leads with nothing).
_HEDGE_LEADS = {
    "alleged": "alleged",
    "suspected": "suspected",
    "attempted": "an attempt",
    "reportedly": "reportedly",
    "possible": "possibly",
    "estimated": "an estimate",
}


def attribution_words(citation: Citation, source: Source) -> str | None:
    """Who makes a cited claim and how sure the source is, in words; ``None`` when the
    source asserts it in its own voice (docs/attribution.md has every combination).

    ``according to the US State Department, cited by BBC News``; ``alleged, according to
    police sources speaking on condition of anonymity, cited by InSight Crime``;
    ``alleged by President Trump, cited by BBC News``; ``an attempt, according to InSight
    Crime``. Lower case: capitalise it where it starts a line. Record text in it is
    isolated (:func:`~tda_export.text.isolate`).
    """
    outlet = (
        isolate(source.publisher) if source.publisher else f"\u201c{isolate(source.title)}\u201d"
    )
    who, hedge = citation.claimant, citation.hedge
    if who is None:
        return None if hedge == "asserted" else f"{_HEDGE_LEADS[hedge]}, according to {outlet}"
    name = isolate(who.name)
    if hedge == "asserted":
        head = f"according to {name}"
    elif hedge == "estimated":
        head = f"an estimate by {name}"
    elif hedge == "alleged" and who.kind not in ("anonymous", "unspecified"):
        head = f"alleged by {name}"
    else:
        head = f"{_HEDGE_LEADS[hedge]}, according to {name}"
    return f"{head}, cited by {outlet}"


def capitalised(words: str | None) -> str | None:
    """``words`` with a capital first letter, to start a line (``None`` stays ``None``)."""
    return words[0].upper() + words[1:] if words else words


def place_label(place: Place) -> str:
    """A place name with its country's name, unless the place is the country itself."""
    from tda_export import geography

    if place.kind == "country":
        return isolate(place.name)
    return f"{isolate(place.name)}, {geography.country_name(place.country)}"


def describe_filter(record_filter: RecordFilter) -> str | None:
    """The filter in words (``since 2020; countries CO, VE``), or ``None`` when empty."""
    parts = []
    if record_filter.since is not None:
        parts.append(f"since {record_filter.since.words()}")
    if record_filter.until is not None:
        parts.append(f"until {record_filter.until.words()}")
    for name, values in (
        ("countries", record_filter.countries),
        ("categories", record_filter.categories),
        ("statuses", record_filter.statuses),
    ):
        if values:
            parts.append(f"{name} {', '.join(sorted(values))}")
    return "; ".join(parts) or None


def date_span(dates: Iterable[FuzzyDate]) -> tuple[date, date] | None:
    """First and last known day of the dates (open ends count their known part)."""
    parts = (part for fuzzy in dates for part in known_parts(fuzzy))
    days = [day for part in parts for day in (part.first_day, part.last_day)]
    return (min(days), max(days)) if days else None


def latest_known_day(base: FactBase) -> date | None:
    """The latest first day of any date part in the base (events, source publication) or
    day of a correction.

    Taking a part's first day means this day is never later than what the data says:
    a source published in "2025-03" counts as 1 March 2025.
    """
    dates = [e.date for e in base.events] + [s.published for s in base.sources if s.published]
    days = [p.first_day for fuzzy in dates for p in (fuzzy.lower, fuzzy.upper) if p is not None]
    days.extend(revision.date for rec in base.all() for revision in rec.revisions)
    return max(days, default=None)


class Words:
    """What a chronology calls a base's places, actors, sources and related records
    (record text isolated, ready to be joined).

    Thousands of events name the same few places and sources: each name is worked out
    once per export call (the caches live as long as this object, never module-wide).
    """

    def __init__(self, base: FactBase) -> None:
        self.base = base
        self.place = cache(lambda place_id: place_label(base.place(place_id)))
        self.actor = cache(lambda actor_id: isolate(base.actor(actor_id).name))
        self.source = cache(lambda source_id: source_label(base.source(source_id)))
        self.reference = cache(lambda record_id: reference_words(base, record_id))

    def attribution(self, citation: Citation) -> str | None:
        """:func:`attribution_words` of a citation, capitalised to start a line."""
        return capitalised(attribution_words(citation, self.base.source(citation.source)))
