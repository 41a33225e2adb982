"""The interactive map page (``map.html``) and the map-and-timeline page (``story.html``).

Records in, text out: :func:`map_data` turns the kept records into one JSON document (the
base map, presence areas, event points, places, each with its citations in reader's
words); :func:`write_map_page` and :func:`write_story_page` fill the page templates of
``assets/`` (``map.html``, ``story.html``) with it and the scripts that draw it with
Leaflet, written into the page from the package's copy (or linked from a URL, see
:mod:`~tda_export.formats.pages.embed`). Nothing is fetched: no tile server (the base map is
the bundled Natural Earth countries and states, simplified for the web), no web font.

Time uses the span rules of the GeoJSON, KML and QGIS layers (:func:`~tda_export.formats.
mapping.date_properties`): a record is shown on a day when its first day is not after it
and its last day not before it; an open start or end never hides it, and an undated
presence record is always shown. ``start`` and ``end`` are ISO days, ``null`` when open.

All fact text goes into a JSON block escaped with
:func:`~tda_export.formats.pages.embed.script_safe`, and the page's script writes it with
``textContent`` only, so no fact can open markup. Text the page joins to other words
(names, dates, notes, actors, the parts of a citation) is isolated first
(:func:`~tda_export.text.isolate`), so a right-to-left name leaves its neighbours in place.
"""

from __future__ import annotations

import html
from collections.abc import Container, Iterator
from dataclasses import dataclass
from functools import cache
from typing import IO, Any

import msgspec

from tda_export.factbase import FactBase
from tda_export.filters import RecordFilter
from tda_export.formats.maps.context import MapContext
from tda_export.formats.maps.mapping import MapFeature, Quote
from tda_export.formats.maps.palette import GROUP_COLOURS, STATUS_COLOURS
from tda_export.formats.maps.shapes import page_outline
from tda_export.formats.pages.embed import (
    asset,
    js_dir,
    library_css,
    library_script,
    page,
    script_safe,
)
from tda_export.formats.words import (
    PRECISION_WORDS,
    STATUS_WORDS,
    Words,
    capitalised,
    category_words,
    date_span,
    describe_filter,
    group_of,
    precision_words,
    published_words,
)
from tda_export.fuzzydate import FuzzyDate
from tda_export.models import Event
from tda_export.text import isolate

MAP_TITLE = "Tren de Aragua: a sourced map"
STORY_TITLE = "Tren de Aragua: map and chronology"

#: Precisions drawn as a point a reader can trust; coarser ones are drawn hollow.
PRECISE = frozenset({"exact", "locality"})
#: Simplification (degrees) and decimals of the base map: countries at about 5 km, state
#: lines at 11 km, islands of less than about 100 km² left out (but an island country
#: keeps its largest island): enough at the zoom of a continent or a country, and about
#: 540 kB for every bundled country and state (everything at 0.05°: 730 kB).
BASE_TOLERANCE_DEG = 0.05
STATE_TOLERANCE_DEG = 0.1
BASE_DECIMALS = 2
#: Simplification and decimals of the uncertainty areas (states, countries) drawn on demand.
AREA_TOLERANCE_DEG = 0.02
AREA_DECIMALS = 2

Json = dict[str, Any]


# -- geometry for the web -------------------------------------------------------------------
@cache
def web_geometry(code: str, tolerance: float, decimals: int) -> list[Any]:
    """MultiPolygon coordinates of a bundled area, simplified and rounded for a page.

    Parts smaller than a few pixels at the zoom the tolerance suits are left out; an area
    made only of such parts (a small island) keeps its largest, simplified five times less.
    """
    from tda_export.formats.maps.shapes import clipped_area

    whole = clipped_area(code)
    out = [
        _rings(part, decimals)
        for part in _polygons(whole.simplify(tolerance, preserve_topology=True))
        if part.area >= (tolerance * 2) ** 2 and len(part.exterior.coords) >= 4
    ]
    if not out and not whole.is_empty:
        largest = max(_polygons(whole), key=lambda part: part.area)
        out.append(_rings(largest.simplify(tolerance / 5, preserve_topology=True), decimals))
    return out


def _polygons(geometry: Any) -> list[Any]:
    from shapely.geometry import MultiPolygon, Polygon

    if isinstance(geometry, MultiPolygon):
        return list(geometry.geoms)
    return [geometry] if isinstance(geometry, Polygon) and not geometry.is_empty else []


def _rings(polygon: Any, decimals: int) -> list[list[list[float]]]:
    rings = [polygon.exterior, *polygon.interiors]
    return [[[round(x, decimals), round(y, decimals)] for x, y in r.coords] for r in rings]


BASE_MAP = "basemap.json.gz"
"""The base map shipped in ``tda_export/data``, made by ``scripts/make_basemap.py``."""


def base_map() -> Json:
    """Every bundled country and state at a web weight: ``{"countries": [...], "states": [...]}``.

    Shipped ready (``data/basemap.json.gz``): simplifying the 1,466 bundled areas took about
    a second of every page; a test checks the file equals what the script makes.
    """
    import gzip
    from importlib import resources

    shipped = resources.files("tda_export.data").joinpath(BASE_MAP).read_bytes()
    data: Json = msgspec.json.decode(gzip.decompress(shipped))
    return data


# -- records in reader's words --------------------------------------------------------------
def _citation(base: FactBase, quote: Quote) -> Json:
    source = base.source(quote.source)
    published = published_words(source)
    return {
        "publisher": isolate(source.publisher) if source.publisher else None,
        "title": isolate(source.title),
        "published": isolate(published) if published else None,
        "url": source.url,
        "quote": isolate(quote.quote),
        "note": isolate(quote.note) if quote.note else None,
        "attribution": capitalised(quote.attribution),
    }


def _date(date: FuzzyDate | None) -> Json:
    if date is None:
        return {"start": None, "end": None, "date": None, "date_how": None}
    return {
        "start": date.start.isoformat() if date.start else None,
        "end": date.end.isoformat() if date.end else None,
        "date": isolate(date.words()),
        "date_how": precision_words(date),
    }


def _feature(words: Words, feature: MapFeature) -> Json:
    """One drawn feature: what it is, when, where and how precisely, and its citations."""
    base, props, shape = words.base, feature.properties, feature.shape
    place_id = str(props["place_id"] if feature.layer != "places" else props["id"])
    out: Json = {
        "layer": feature.layer,
        "id": props["id"],
        "key": feature.key,
        "name": isolate(str(props["name"])),
        "label": props["label"],
        "place": words.place(place_id),
        "precision": shape.precision,
        "precision_words": PRECISION_WORDS[shape.precision],
        "precise": shape.precision in PRECISE,
        "point": list(shape.point),
        "radius": shape.radius_m,
        "area": shape.area_code,
        "citations": [_citation(base, quote) for quote in feature.quotes],
        "note": isolate(str(props["note"])) if props["note"] else None,
        **_date(feature.date),
    }
    if feature.corrections:
        out["corrections"] = list(feature.corrections)
    if feature.layer == "events":
        event = base.by_id[str(props["id"])]
        assert isinstance(event, Event)
        out.update(
            status=event.status,
            status_words=STATUS_WORDS[event.status],
            category=category_words(event),
            group=group_of(event),
            summary=event.summary,
            actors=[isolate(name) for name in feature.actor_names],
            places=[words.place(p) for p in feature.place_ids],
        )
    elif feature.layer == "presence":
        out.update(
            status=props["status"],
            status_words=STATUS_WORDS[str(props["status"])],
            activities=props["activities"],
        )
    return out


@dataclass(frozen=True)
class Story:
    """What the story page's map draws: the events of its slides, no places."""

    events: Container[str] | None = None  # ids, when the slides are fewer than the events


def _layers(base: FactBase, selection: RecordFilter, story: Story | None) -> Iterator[MapFeature]:
    """The features of the kept records, layer by layer (presence, events, places)."""
    context = MapContext(base, selection)
    shown = story.events if story is not None else None
    for layer in ("presence", "events") if story else ("presence", "events", "places"):
        for feature in context.features(layer):
            if shown is None or layer != "events" or feature.properties["id"] in shown:
                yield feature


def map_data(
    base: FactBase, record_filter: RecordFilter | None = None, story: Story | None = None
) -> Json:
    """The page's data: base map, features of the kept records, the areas they name, time
    span, legend."""
    selection = record_filter or RecordFilter()
    words = Words(base)
    areas: dict[str, list[Any]] = {}
    dates: list[FuzzyDate] = []
    features = []
    for feature in _layers(base, selection, story):
        code = feature.shape.area_code
        if code is not None and code not in areas:
            areas[code] = page_outline(code)
        if feature.date is not None:
            dates.append(feature.date)
        features.append(_feature(words, feature))
    span = date_span(dates)
    unplaced = [] if story else [e for e in selection.events(base) if not e.places]
    return {
        "title": MAP_TITLE,
        "selection": describe_filter(selection),
        # kept events the map cannot draw: the page names them under its list
        "unplaced": [{"title": isolate(e.title), **_date(e.date)} for e in unplaced],
        "span": [span[0].isoformat(), span[1].isoformat()] if span else None,
        "status_colours": STATUS_COLOURS,
        "group_colours": GROUP_COLOURS,
        "base": base_map(),
        "areas": areas,
        "features": features,
    }


_ENCODER = msgspec.json.Encoder(order="sorted")


def map_json(
    base: FactBase, record_filter: RecordFilter | None = None, story: Story | None = None
) -> tuple[str, int]:
    """:func:`map_data` as compact JSON (one encode, sorted keys) made safe inside
    ``<script>``, and the number of features."""
    data = map_data(base, record_filter, story)
    return script_safe(_ENCODER.encode(data).decode()), len(data["features"])


# -- pages ----------------------------------------------------------------------------------
def write_map_page(
    base: FactBase,
    fobj: IO[str],
    record_filter: RecordFilter | None = None,
    leaflet_url: str | None = None,
) -> int:
    """Write ``map.html`` to ``fobj``; return the number of features drawn.

    ``leaflet_url``: URL of a Leaflet ``dist/`` folder to link, relative to the page or
    absolute; ``None`` (the default) writes the shipped Leaflet into the page.
    """
    data, count = map_json(base, record_filter)
    fobj.write(
        page(
            "map.html",
            title=html.escape(MAP_TITLE, quote=False),
            leaflet_css=library_css("leaflet", leaflet_url),
            webmap_css=asset("webmap.css"),
            map_body=page("map-body.html", app='class="tda-app"'),
            map_data=data,
            leaflet=library_script("leaflet", leaflet_url),
            webmap=asset("webmap.js"),
        )
    )
    return count


def write_story_page(
    base: FactBase,
    fobj: IO[str],
    record_filter: RecordFilter | None = None,
    leaflet_url: str | None = None,
    timelinejs_url: str | None = None,
) -> int:
    """Write ``story.html`` (TimelineJS and the map, linked) to ``fobj``; return the slides.

    The timeline holds the latest
    :data:`~tda_export.formats.chronologies.timeline.PAGE_SLIDES` events at most, and the
    map their places and the presence records (no places: the story page has no box to
    show them). ``leaflet_url`` and ``timelinejs_url``: URLs of the
    libraries' ``dist/`` folders to link; ``None`` (the default) writes the shipped
    copies into the page.
    """
    from tda_export.formats.chronologies.timeline import PAGE_SLIDES, latest, timeline_json

    selection = record_filter or RecordFilter()
    shown, total = latest(base, selection, PAGE_SLIDES)
    story = Story({event.id for event in shown} if total > len(shown) else None)
    timeline, count = timeline_json(base, selection, PAGE_SLIDES)
    fobj.write(
        page(
            "story.html",
            title=html.escape(STORY_TITLE, quote=False),
            timelinejs_css=library_css("timelinejs", timelinejs_url),
            leaflet_css=library_css("leaflet", leaflet_url),
            timeline_css=asset("timeline.css"),
            webmap_css=asset("webmap.css"),
            story_css=asset("story.css"),
            js_dir=js_dir(timelinejs_url),
            map_body=page("map-body.html", app='class="tda-app tda-story-map" data-mode="story"'),
            timeline_data=script_safe(timeline),
            map_data=map_json(base, selection, story)[0],
            timelinejs=library_script("timelinejs", timelinejs_url),
            leaflet=library_script("leaflet", leaflet_url),
            webmap=asset("webmap.js"),
            timeline_start=asset("timeline-start.js"),
            story=asset("story.js"),
        )
    )
    return count
