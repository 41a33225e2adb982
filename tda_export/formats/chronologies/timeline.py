"""TimelineJS3 JSON: a title slide, one slide per event, eras, groups; every string escaped.

Records in, dicts out: :class:`Slides`, :func:`eras_within` and :func:`title_slide` build
the parts of the document; :func:`write_timeline` writes it as it goes, one msgspec encode
(compact, keys sorted) per slide, a slide a line, then each other top-level key on its line.
The pages take the same text whole (:func:`timeline_json`; at most :data:`PAGE_SLIDES`).

Dates keep their precision: ``2013`` becomes ``{"year": 2013}``, ``2017-04``
``{"year": 2017, "month": 4}``. Every slide has a ``display_date`` with the date in words
("20 September 2023", "since 2018", "c. January 2024", "2015–2017"), so an exact day
reads day-month-year as the text does; open dates are placed on their known part and
never get an empty ``end_date``. Reader text names no record id and no date notation: a
related record (``see_also``) is shown by its title, linked to its slide (``#event-<id>``)
when the timeline has it.

Escaping: ``text.headline`` and ``text.text`` are HTML in TimelineJS, so every fact string
is escaped with :func:`html.escape` inside our own small markup. ``display_date`` is plain
text in TimelineJS 3.9.11, which decodes it once (DOMParser ``textContent``) and then
assigns it with ``innerHTML``: it is escaped twice, so a decoded value is still inert.
``label`` (the marker's text) is ours, not TimelineJS's: plain text, which the embed page
sets with ``textContent``. Fact text joined to other text in a line is isolated first
(:func:`~tda_export.text.isolate`), so a right-to-left name leaves its neighbours in place.
"""

from __future__ import annotations

import html
import io
from collections import deque
from collections.abc import Container
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import IO, Any

import msgspec

from tda_export.factbase import FactBase
from tda_export.filters import RecordFilter
from tda_export.formats.pages.embed import timeline_page
from tda_export.formats.words import (
    STATUS_WORDS,
    TITLE,
    Words,
    category_words,
    date_span,
    describe_filter,
    group_of,
    marker_label,
    needs_words,
    precision_words,
    published_words,
)
from tda_export.fuzzydate import DatePart
from tda_export.models import Citation, Event, Source
from tda_export.text import isolate

Slide = dict[str, Any]

TITLE_ID = "chronology_title"
"""``unique_id`` of the title slide; the underscore keeps it apart from every fact id."""
PAGE_SLIDES = 300
"""Most event slides a page (``timeline.html``, ``story.html``) holds: TimelineJS draws
about 200 slides a second, so more would keep readers waiting (the JSON holds them all)."""


@dataclass(frozen=True)
class Era:
    """A main period of the gang's history; an open bound means the edge of the data."""

    headline: str
    start: date | None
    end: date | None


#: The main periods: before Tocorón (founding of the railway union gang, to 2012); the
#: Tocorón years (Guerrero imprisoned there in 2013, the prison as headquarters); after
#: the security operation that retook Tocorón on 20 September 2023.
ERAS: tuple[Era, ...] = (
    Era("Origins", None, date(2013, 1, 1)),
    Era("The Tocorón years", date(2013, 1, 1), date(2023, 9, 20)),
    Era("After the Tocorón raid", date(2023, 9, 20), None),
)


def esc(text: str) -> str:
    """Escape fact text for HTML element content (``&``, ``<``, ``>``)."""
    return html.escape(text, quote=False)


def esc_plain(text: str) -> str:
    """Escape a TimelineJS plain-text field, which TimelineJS decodes once: escape twice."""
    return html.escape(html.escape(text, quote=False), quote=False)


def date_object(part: DatePart) -> dict[str, int]:
    """A TimelineJS date object at the part's own precision (a year stays a year)."""
    obj = {"year": part.year}
    if part.month is not None:
        obj["month"] = part.month
    if part.day is not None:
        obj["day"] = part.day
    return obj


def _day_object(day: date) -> dict[str, int]:
    return {"year": day.year, "month": day.month, "day": day.day}


def _end_object(lower: DatePart, upper: DatePart) -> dict[str, int]:
    """The end at its precision, unless TimelineJS would then place it before the start.

    TimelineJS puts a year on 1 January and a month on its first day, so in
    ``2024-06/2024`` the end must be the last day of 2024.
    """
    if upper.first_day < lower.first_day:
        return _day_object(upper.last_day)
    return date_object(upper)


def _source_html(source: Source) -> str:
    """The source in HTML; its title links to its URL when the source gives one."""
    title = esc(isolate(source.title))
    if source.url:
        href = html.escape(source.url, quote=True)
        title = f'<a href="{href}" target="_blank" rel="noopener noreferrer">{title}</a>'
    label = f"<cite>{title}</cite>"
    if source.publisher:
        label = f"{esc(isolate(source.publisher))}, {label}"
    published = published_words(source)
    return f"{label} ({esc(isolate(published))})" if published else label


class Slides:
    """The slides of one timeline; ``linked``: ids of the events that have a slide.

    Names come from :class:`~tda_export.formats.words.Words`; each source is written as
    HTML once per timeline (its date in words is the costly part).
    """

    def __init__(self, base: FactBase, linked: Container[str] = frozenset()) -> None:
        self.base, self.words, self.linked = base, Words(base), linked
        self.source = cache(lambda source_id: _source_html(base.source(source_id)))

    def see(self, record_id: str) -> str:
        """A related record by its title, linked to its slide when the timeline has one."""
        text = esc(self.words.reference(record_id))
        if record_id in self.linked:  # TimelineJS opens it at #event-<id> (hash_bookmark)
            return f'<a href="#event-{html.escape(record_id, quote=True)}">{text}</a>'
        return text

    def citation(self, citation: Citation) -> str:
        """A citation as a figure: who claims it and how surely, the quote, its source, then
        any note on it."""
        said = self.words.attribution(citation)
        said = f'<p class="tda-attribution">{esc(said)}:</p>' if said else ""
        out = (
            f'<figure class="tda-citation">{said}<blockquote><p>{esc(citation.quote)}</p>'
            f"</blockquote><figcaption>\u2014 {self.source(citation.source)}</figcaption>"
            "</figure>"
        )
        if citation.note:
            out += f'<p class="tda-note">Note on this citation: {esc(isolate(citation.note))}</p>'
        return out

    def text(self, event: Event) -> str:
        """The HTML body of an event's slide, what matters first.

        Status and group, the summary, any correction and the first citation come first
        (they fit a 650 px embed); then places, actors and how the date is known; then the
        other citations, notes and related records (a link to the slide of each linked one).
        """
        status = STATUS_WORDS[event.status]
        parts = [
            f'<p class="tda-status tda-status-{event.status}">'
            f"{esc(status[0].upper() + status[1:])} \u00b7 {category_words(event)}</p>",
            f'<p class="tda-summary">{esc(event.summary)}</p>',
        ]
        if event.revisions:
            from tda_export.corrections import correction_words

            parts += [
                f'<p class="tda-correction">{esc(words)}</p>'
                for words in correction_words(self.base, event)
            ]
        parts.append(self.citation(event.citations[0]))
        meta = []
        if event.places:
            meta.append("Places: " + "; ".join([esc(self.words.place(p)) for p in event.places]))
        if event.actors:
            meta.append("Actors: " + "; ".join([esc(self.words.actor(a)) for a in event.actors]))
        fuzzy = event.date
        if needs_words(fuzzy) or fuzzy.precision != "day" or fuzzy.note:
            line = f"Date: {esc(isolate(fuzzy.words()))} ({esc(precision_words(fuzzy))})."
            if fuzzy.note:
                line += f" {esc(isolate(fuzzy.note))}"
            meta.append(line)
        if meta:
            parts.append('<p class="tda-meta">' + "<br>".join(meta) + "</p>")
        parts.extend([self.citation(citation) for citation in event.citations[1:]])
        if event.note:
            parts.append(f'<p class="tda-note">Note: {esc(isolate(event.note))}</p>')
        if event.see_also:
            see = "; ".join([self.see(other) for other in event.see_also])
            parts.append(f'<p class="tda-see">See also: {see}.</p>')
        return "".join(parts)

    def slide(self, event: Event) -> Slide:
        """The TimelineJS slide of one event; ``unique_id`` is the fact id.

        ``display_date`` is always set, so every date reads as the text does (day,
        month, year); ``label`` is the marker's text, set by the embed page.
        """
        fuzzy = event.date
        out: Slide = {
            "unique_id": event.id,
            "group": group_of(event),
            "label": marker_label(event),
            "text": {"headline": esc(event.title), "text": self.text(event)},
        }
        if fuzzy.kind == "open-start":
            assert fuzzy.upper is not None
            out["start_date"] = date_object(fuzzy.upper)
        else:
            assert fuzzy.lower is not None
            out["start_date"] = date_object(fuzzy.lower)
            if fuzzy.kind == "range":
                assert fuzzy.upper is not None
                out["end_date"] = _end_object(fuzzy.lower, fuzzy.upper)
        out["display_date"] = esc_plain(fuzzy.words())
        return out


def eras_within(span: tuple[date, date] | None) -> list[dict[str, Any]]:
    """The :data:`ERAS` clipped to ``span`` (first and last day); none without a span."""
    if span is None:
        return []
    first, last = span
    out = []
    for era in ERAS:
        start = max(era.start or first, first)
        end = min(era.end or last, last)
        if start < end:
            out.append(
                {
                    "start_date": _day_object(start),
                    "end_date": _day_object(end),
                    "text": {"headline": esc(era.headline)},
                }
            )
    return out


def title_slide(
    base: FactBase,
    count: int,
    cited: set[str],
    record_filter: RecordFilter | None = None,
    of: int | None = None,
) -> Slide:
    """The title slide of ``count`` events: what the timeline shows, the selection, and
    the sources cited (ids ``cited``); ``of``: the events kept, when a page shows fewer."""
    count_words = f"{count} event{'' if count == 1 else 's'}"
    parts = [
        f"<p>{count_words} from the tda-export fact base on Venezuela\u2019s Tren de Aragua gang, "
        "each citing its source with a verbatim quote. Dates are as precise as the sources "
        "allow; claims that are alleged or disputed say so.</p>"
    ]
    if of is not None and of > count:
        parts.append(
            f"<p>This page shows the latest {count:,} of the {of:,} events that match: a page "
            f"holds at most {PAGE_SLIDES:,} slides. All of them are on the map page "
            '(<a href="map.html">map.html</a>) and in timeline.json; tda-export\u2019s '
            "--since and --until options make a page of other dates.</p>"
        )
    selection = describe_filter(record_filter or RecordFilter())
    if selection:
        parts.append(f"<p>Selection: {esc(selection)}.</p>")
    if cited:
        items = "".join(f"<li>{_source_html(base.source(i))}</li>" for i in sorted(cited))
        parts.append(f"<p>Sources:</p><ul>{items}</ul>")
    return {"unique_id": TITLE_ID, "text": {"headline": esc(TITLE), "text": "".join(parts)}}


_ENCODER = msgspec.json.Encoder(order="sorted")


def _json(value: object) -> str:
    """``value`` as compact JSON text, keys sorted (msgspec)."""
    return _ENCODER.encode(value).decode()


def _member(key: str, value: object) -> str:
    """One ``"key":value`` member of a JSON object."""
    return f"{_json(key)}:{_json(value)}"


def latest(base: FactBase, selection: RecordFilter, limit: int) -> tuple[list[Event], int]:
    """The last ``limit`` kept events in timeline order, and how many are kept."""
    total, kept = 0, deque[Event](maxlen=limit)
    for event in selection.events(base):
        total += 1
        kept.append(event)
    return list(kept), total


def _write(base: FactBase, fobj: IO[str], selection: RecordFilter, limit: int | None) -> int:
    """Write the document (no final newline) to ``fobj``, each slide as it is made.

    The top-level keys in sorted order (``eras``, ``events``, ``scale``, ``title``), one a
    line; ``events`` holds one compact slide a line. Every value is one msgspec encode.
    ``limit``: only the latest events, at most that many.
    """
    if limit is None:
        events, total = list(selection.events(base)), None
    else:
        events, total = latest(base, selection, limit)
    cited = {citation.source for event in events for citation in event.citations}
    slides = Slides(base, {event.id for event in events})
    eras = eras_within(date_span(event.date for event in events))
    fobj.write("{" + _member("eras", eras) + ",\n" + _json("events") + ":[")
    separator = "\n"
    for event in events:
        fobj.write(separator + _json(slides.slide(event)))
        separator = ",\n"
    title = title_slide(base, len(events), cited, selection, total)
    fobj.write("\n],\n" + _member("scale", "human") + ",\n" + _member("title", title) + "}")
    return len(events)


def timeline_json(
    base: FactBase, record_filter: RecordFilter | None = None, limit: int | None = None
) -> tuple[str, int]:
    """The TimelineJS document as JSON text (no final newline), and the number of slides.

    For the pages: ``limit``, the latest events at most (:data:`PAGE_SLIDES`). The text is
    what :func:`write_timeline` writes.
    """
    out = io.StringIO()
    count = _write(base, out, record_filter or RecordFilter(), limit)
    return out.getvalue(), count


def write_timeline(base: FactBase, fobj: IO[str], record_filter: RecordFilter | None = None) -> int:
    """Write TimelineJS3 JSON to the text file ``fobj``; return the number of event slides.

    Each slide is written as it is made. The title slide is not counted. Events are sorted
    by date, then id.
    """
    count = _write(base, fobj, record_filter or RecordFilter(), None)
    fobj.write("\n")
    return count


def write_embed_page(
    base: FactBase,
    fobj: IO[str],
    record_filter: RecordFilter | None = None,
    timelinejs_url: str | None = None,
) -> int:
    """Write the embeddable HTML page to the text file ``fobj``; return the event slides.

    The page holds the latest :data:`PAGE_SLIDES` events at most. By default it carries the
    shipped TimelineJS. ``timelinejs_url``, the URL
    (relative to the page, or absolute) of a folder holding TimelineJS's ``dist/`` files,
    makes it load ``css/timeline.css`` and ``js/timeline.js`` from there instead. The
    JSON is embedded with :func:`~tda_export.formats.pages.embed.script_safe` escapes.
    """
    text, count = timeline_json(base, record_filter, PAGE_SLIDES)
    fobj.write(timeline_page(text, timelinejs_url))
    return count
