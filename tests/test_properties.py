"""Property-based tests (hypothesis): any fact base the schema accepts exports cleanly.

:func:`fact_bases` draws whole fact bases: ids from the slug alphabet, fuzzy dates of every
form (year, month, day, ``~ ? %``, ranges, open ends and starts, a bare integer year, a
mapping with wording and a note), places at known-good points inside their states (or
areas without a point), and any Unicode text (mixed with hostile pieces) in every text
field. They are written as YAML (every string double-quoted, so no text turns into a
number) in one or two files per kind. Then:

- the files read back to exactly the data drawn, and ``tda-export check`` is clean;
- every output of ``build`` is accepted by its validator: GeoJSON by the GeoJSON schema
  (and rings closed, counter-clockwise, in range), iCalendar by icalendar and vobject,
  TimelineJS JSON and the embed page by ``json``, KML by an XML parser (and, for a few
  examples, by xmllint against the KML 2.2 schema);
- GeoJSON and CSV read back to the same records as the facts (CSV after undoing the
  formula neutralisation with :func:`~tda_export.formats.tables.cells.restore`).

Settings are pinned (``derandomize=True``, no example database), so CI runs the same
examples every time and stays within about half a minute.
"""

from __future__ import annotations

import csv
import html
import itertools
import json
import math
import re
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, get_args
from xml.etree import ElementTree as ET

import icalendar
import jsonschema
import pytest
import vobject
import yaml
from click.testing import CliRunner
from conftest import SCHEMAS, require_tool
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tda_export import build as bd
from tda_export import vocab
from tda_export.cli import cli
from tda_export.cli.check import NOT_VERIFIED
from tda_export.errors import FactBaseError
from tda_export.formats.chronologies.ical import clean
from tda_export.formats.tables.cells import FORMULA_TRIGGERS, restore
from tda_export.formats.tables.columns import TABLES
from tda_export.validation import validate
from tda_export.yamlfile import iter_file

PINNED = {
    "derandomize": True,
    "database": None,
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
Data = dict[str, list[dict[str, Any]]]

# -- strategies --------------------------------------------------------------------------------
SLUG = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
#: Pieces that every export has to escape, neutralise or keep.
HOSTILE = st.sampled_from(
    ["<script>", "</script>", "]]>", "&amp;", "&", '"', "'", "“", "=", "+", "-", "@", "\t",
     "\r", "\n", "\r\n", "\x00", "\x07", "\x1b", "\x85", "\u2028", "\u202eevil\u202c",
     "\u2067\u0645\u062d\u0645\u062f\u2069", "\u05e9\u05dc\u05d5\u05dd", "\ufeff",
     "\ufffe", "🚂", "🇻🇪", "\u200d", " ", "; ", ",", "\\"]
)  # fmt: skip
#: Any text but direction controls, which ``check`` takes only closed on their line (HOSTILE).
PLAIN = st.text(
    st.characters(
        codec="utf-8", exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    ),
    min_size=1,
    max_size=12,
)
TEXT = st.lists(st.one_of(PLAIN, HOSTILE), min_size=1, max_size=4).map("".join)
#: A list item (alias, alternate name, author): any text but the list separator "; ".
NAME = TEXT.map(lambda text: text.replace("; ", ";\u00a0"))
QUOTE = st.tuples(TEXT, TEXT, TEXT).map("".join).filter(lambda q: len(q) >= 3)


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


@st.composite
def date_parts(draw: st.DrawFn, years: tuple[int, int] = (1990, 2030)) -> tuple[str, date, date]:
    """One part (``2013``, ``2024-03``, ``2023-09-20``, maybe ``~ ? %``) and the days it covers."""
    year = draw(st.integers(*years))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        text, first, last = f"{year}", date(year, 1, 1), date(year, 12, 31)
    else:
        month = draw(st.integers(1, 12))
        following = date(year + month // 12, month % 12 + 1, 1)
        if precision == "month":
            text, first, last = f"{year}-{month:02d}", date(year, month, 1), following
            last -= timedelta(days=1)
        else:
            day = draw(st.integers(1, (following - timedelta(days=1)).day))
            text, first = f"{year}-{month:02d}-{day:02d}", date(year, month, day)
            last = first
    return text + draw(st.sampled_from(["", "", "~", "?", "%"])), first, last


@st.composite
def fuzzy_dates(draw: st.DrawFn) -> Any:
    """A date in every form the schema takes: text, a bare year, or a mapping."""
    form = draw(st.sampled_from(["single", "range", "open-end", "open-start", "integer"]))
    if form == "integer":
        value: Any = draw(st.integers(1990, 2030))
    elif form == "single":
        value = draw(date_parts())[0]
    elif form == "open-end":
        value = draw(date_parts())[0] + "/.."
    elif form == "open-start":
        value = "../" + draw(date_parts())[0]
    else:
        a, b = sorted([draw(date_parts()), draw(date_parts())], key=lambda p: p[1])
        value = f"{a[0]}/{b[0]}"
    if draw(st.booleans()):
        return value
    mapping = {"value": value}
    for key in ("display", "note"):
        if draw(st.booleans()):
            mapping[key] = draw(TEXT)
    return mapping


#: Known-good geometry: (kind, country, state, point) with every point inside its state.
PLACES = [
    ("country", "VE", None, None),
    ("country", "PE", None, None),
    ("state", "VE", "VE-D", None),
    ("department", "CO", "CO-ANT", None),
    ("prison", "VE", "VE-D", None),
    ("region", "CL", None, None),
    ("city", "VE", "VE-D", (-67.59475, 10.24972)),  # Maracay
    ("city", "PE", "PE-LMA", (-77.02824, -12.04318)),  # Lima
    ("city", "CO", "CO-DC", (-74.08175, 4.60971)),  # Bogotá
    ("city", "CL", "CL-RM", (-70.64827, -33.45694)),  # Santiago
    ("town", "VE", "VE-R", (-62.29841, 10.57721)),  # Güiria
    ("site", "US", "US-TX", (-95.36327, 29.76328)),  # Houston
]


@st.composite
def fact_bases(draw: st.DrawFn) -> Data:
    """A whole valid fact base as the data of its files (kind -> list of records)."""
    numbers = iter(range(1, 1000))

    def new_id(tag: str) -> str:
        return f"{draw(SLUG)}-{tag}{next(numbers)}"

    def maybe(record: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
        value = draw(optional(strategy))
        if value is not None:
            record[key] = value

    sources = []
    for _ in range(draw(st.integers(1, 2))):
        sha256 = draw(st.from_regex(r"[0-9a-f]{64}", fullmatch=True))
        source = {
            "id": new_id("s"),
            "title": draw(TEXT),
            "kind": draw(st.sampled_from(["news-report", "profile", "report", "book", "other"])),
            "language": draw(st.sampled_from(["en", "es", "pt-BR"])),
            "archive": {"file": draw(SLUG) + ".txt", "sha256": sha256},
            "authors": draw(st.lists(NAME, max_size=2)),
        }
        maybe(source, "publisher", TEXT)
        maybe(source, "published", date_parts((2090, 2099)).map(lambda p: p[0]))  # after events
        maybe(source, "url", SLUG.map(lambda s: f"https://example.org/{s}?a=1&b=<x>"))
        maybe(source, "note", TEXT)
        sources.append(source)
    source_ids = [s["id"] for s in sources]

    def citations(every_source: bool = False) -> list[dict[str, Any]]:
        chosen = source_ids if every_source else [draw(st.sampled_from(source_ids))]
        out = []
        for source in chosen:
            citation = {"source": source, "quote": draw(QUOTE)}
            maybe(citation, "note", TEXT)
            out.append(citation)
        return out

    places = []
    for kind, country, state, point in draw(
        st.lists(st.sampled_from(PLACES), min_size=1, max_size=4)
    ):
        place: dict[str, Any] = {"id": new_id("p"), "name": draw(TEXT), "kind": kind}
        place["country"] = country
        if state:
            place["state"] = state
        place["alternate_names"] = draw(st.lists(NAME, max_size=2))
        if point is None:
            place["precision"] = {"country": "country", "region": "region"}.get(kind, "admin1")
        else:
            place["point"] = list(point)
            place["precision"] = draw(st.sampled_from(["exact", "locality", "admin2"]))
            if place["precision"] != "exact":
                place["uncertainty_m"] = draw(st.integers(1, 50_000))
        maybe(place, "note", TEXT)
        place["citations"] = citations()
        places.append(place)
    place_ids = [p["id"] for p in places]

    actors = []
    for _ in range(draw(st.integers(0, 2))):
        actor: dict[str, Any] = {
            "id": new_id("a"),
            "name": draw(TEXT),
            "aliases": draw(st.lists(NAME, max_size=2)),
            "kind": draw(st.sampled_from(get_args(vocab.ActorKind))),
        }
        maybe(actor, "role", TEXT)
        maybe(actor, "country", st.sampled_from(["VE", "CO", "PE"]))
        maybe(actor, "note", TEXT)
        actor["relations"] = []
        for _ in range(draw(st.integers(1, 2))):
            claim = {
                "relation": draw(st.sampled_from(get_args(vocab.Relation))),
                "status": draw(st.sampled_from(get_args(vocab.ClaimStatus))),
                "citations": citations(),
            }
            maybe(claim, "note", TEXT)
            actor["relations"].append(claim)
        actors.append(actor)
    actor_ids = [a["id"] for a in actors]

    events = []
    for _ in range(draw(st.integers(0, 4))):
        event: dict[str, Any] = {
            "id": new_id("e"),
            "title": draw(TEXT),
            "date": draw(fuzzy_dates()),
            "category": draw(st.sampled_from(get_args(vocab.EventCategory))),
            "places": draw(st.lists(st.sampled_from(place_ids), max_size=2, unique=True)),
            "actors": draw(st.lists(st.sampled_from(actor_ids), max_size=2, unique=True))
            if actor_ids
            else [],
            "summary": draw(TEXT),
            "status": draw(st.sampled_from(get_args(vocab.ClaimStatus))),
        }
        maybe(event, "note", TEXT)
        event["citations"] = citations()
        events.append(event)

    presence = []
    for index, place_id in enumerate(place_ids):  # every place is used, every source cited
        record: dict[str, Any] = {"id": new_id("r"), "place": place_id}
        maybe(record, "period", fuzzy_dates())
        record["activities"] = draw(
            st.lists(st.sampled_from(get_args(vocab.Activity)), max_size=2, unique=True)
        )
        record["status"] = draw(st.sampled_from(get_args(vocab.ClaimStatus)))
        maybe(record, "note", TEXT)
        record["citations"] = citations(every_source=index == 0)
        presence.append(record)

    figures = []
    for _ in range(draw(st.integers(0, 2))):
        figure: dict[str, Any] = {
            "id": new_id("f"),
            "measure": draw(st.sampled_from(get_args(vocab.FigureMeasure))),
            "label": draw(TEXT),
        }
        number = st.floats(-1e9, 1e9, allow_nan=False).map(lambda x: round(x, 3))
        if draw(st.booleans()):
            figure["value"] = draw(number)
        else:
            low, high = sorted([draw(number), draw(number)])
            figure.update({"low": low, "high": high})
        figure["qualifier"] = draw(st.sampled_from(get_args(vocab.FigureQualifier)))
        figure["unit"] = draw(TEXT)
        maybe(figure, "as_of", fuzzy_dates())
        maybe(figure, "attributed_to", TEXT)
        maybe(figure, "place", st.sampled_from(place_ids))
        figure["status"] = draw(st.sampled_from(get_args(vocab.ClaimStatus)))
        maybe(figure, "note", TEXT)
        figure["citations"] = citations()
        figures.append(figure)

    return {
        "sources": sources,
        "places": places,
        "actors": actors,
        "events": events,
        "presence": presence,
        "figures": figures,
    }


# -- writing YAML --------------------------------------------------------------------------------
class QuotingDumper(yaml.SafeDumper):
    """Every string double-quoted (escapes for what YAML cannot hold raw)."""


QuotingDumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'),
)


def to_yaml(records: list[dict[str, Any]]) -> str:
    return yaml.dump(records, Dumper=QuotingDumper, allow_unicode=True, sort_keys=False, width=60)


def write_facts(data: Data, folder: Path) -> dict[Path, list[dict[str, Any]]]:
    """One file per kind (events split in two files when there are several)."""
    folder.mkdir()
    written = {}
    for kind, records in data.items():
        parts = [records]
        if kind == "events" and len(records) > 1:
            parts = [records[:1], records[1:]]
        for number, part in enumerate(parts):
            path = folder / (f"{kind}.yaml" if number == 0 else f"{kind}-{number + 1}.yaml")
            path.write_text("# written by test_properties\n" + to_yaml(part), encoding="utf-8")
            written[path] = part
    return written


# -- expectations ------------------------------------------------------------------------------
def date_text(value: Any) -> str | None:
    if value is None:
        return None
    return str(value["value"] if isinstance(value, dict) else value)


def joined(values: list[str], separator: str) -> str | None:
    return separator.join(values) if values else None


def claimed(claim: dict[str, Any]) -> str:
    """A relation as the actors table gives it: its status follows unless reported."""
    status = claim["status"]
    return claim["relation"] if status == "reported" else f"{claim['relation']} ({status})"


def csv_expected(data: Data) -> dict[str, dict[str, dict[str, Any]]]:
    """What each CSV table must hold, by row id and column, straight from the facts."""
    places = {p["id"]: p for p in data["places"]}
    tables: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in TABLES}
    for s in data["sources"]:
        tables["sources"][s["id"]] = {
            "title": s["title"], "publisher": s.get("publisher"), "kind": s["kind"],
            "authors": joined(s["authors"], "; "), "published": date_text(s.get("published")),
            "url": s.get("url"), "language": s["language"], "archive_file": s["archive"]["file"],
            "archive_sha256": s["archive"]["sha256"], "note": s.get("note"),
        }  # fmt: skip
    for p in data["places"]:
        lon, lat = p.get("point") or (None, None)
        tables["places"][p["id"]] = {
            "name": p["name"], "alternate_names": joined(p["alternate_names"], "; "),
            "kind": p["kind"], "country": p["country"], "state": p.get("state"), "lon": lon,
            "lat": lat, "precision": p["precision"], "uncertainty_m": p.get("uncertainty_m"),
            "note": p.get("note"),
        }  # fmt: skip
    for a in data["actors"]:
        tables["actors"][a["id"]] = {
            "name": a["name"], "aliases": joined(a["aliases"], "; "), "kind": a["kind"],
            "role": a.get("role"), "country": a.get("country"), "note": a.get("note"),
            "relations": joined(list(dict.fromkeys(claimed(c) for c in a["relations"])), "; "),
        }  # fmt: skip
        for n, claim in enumerate(a["relations"], start=1):
            tables["relations"][f"{a['id']}#relation-{n}"] = {
                "actor": a["id"], "relation": claim["relation"], "status": claim["status"],
                "note": claim.get("note"),
            }  # fmt: skip
    for e in data["events"]:
        countries = list(dict.fromkeys(places[p]["country"] for p in e["places"]))
        date_value = e["date"]
        tables["events"][e["id"]] = {
            "title": e["title"], "date": date_text(date_value), "category": e["category"],
            "status": e["status"], "places": joined(e["places"], "; "),
            "countries": joined(countries, "; "), "actors": joined(e["actors"], "; "),
            "summary": e["summary"], "note": e.get("note"),
            "date_note": date_value.get("note") if isinstance(date_value, dict) else None,
        }  # fmt: skip
    for r in data["presence"]:
        tables["presence"][r["id"]] = {
            "place": r["place"], "country": places[r["place"]]["country"],
            "period": date_text(r.get("period")), "activities": joined(r["activities"], "; "),
            "status": r["status"], "note": r.get("note"),
        }  # fmt: skip
    for f in data["figures"]:
        tables["figures"][f["id"]] = {
            "measure": f["measure"], "label": f["label"], "value": f.get("value"),
            "low": f.get("low"), "high": f.get("high"), "qualifier": f["qualifier"],
            "unit": f["unit"], "as_of": date_text(f.get("as_of")),
            "attributed_to": f.get("attributed_to"), "place": f.get("place"),
            "status": f["status"], "note": f.get("note"),
        }  # fmt: skip
    for kind in ("places", "actors", "events", "presence", "figures"):
        for rec in data[kind]:
            claims = rec["relations"] if kind == "actors" else [rec]
            cits = [(n, c) for n, claim in enumerate(claims, start=1) for c in claim["citations"]]
            for number, (claim_no, cit) in enumerate(cits, start=1):
                tables["citations"][f"{rec['id']}#{number}"] = {
                    "record_table": kind, "record_id": rec["id"], "source": cit["source"],
                    "quote": cit["quote"], "note": cit.get("note"),
                    "relation": f"{rec['id']}#relation-{claim_no}" if kind == "actors" else None,
                }  # fmt: skip
    return tables


def read_csv(path: Path) -> dict[str, dict[str, Any]]:
    """A table read back: row id -> column -> value (numbers as floats, text restored)."""
    table = TABLES[path.stem]
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the build's CSVs carry a BOM
    with open(path, encoding="utf-8-sig", newline="") as fobj:
        rows = list(csv.reader(fobj))
    assert rows[0] == table.header
    out = {}
    for row in rows[1:]:
        values: dict[str, Any] = {}
        for column, cell in zip(table.columns, row, strict=True):
            if cell == "":
                values[column.name] = None
            elif column.type in ("number", "integer"):
                values[column.name] = float(cell)
            elif column.type == "string":
                assert cell[:1] not in FORMULA_TRIGGERS, (path.name, column.name, cell[:20])
                values[column.name] = restore(cell)
            else:
                values[column.name] = cell
        out[str(values["id"])] = values
    return out


# -- checks of the outputs ---------------------------------------------------------------------
def ring_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def check_geojson(out: Path, data: Data, schema: dict[str, Any]) -> None:
    places = {p["id"]: p for p in data["places"]}
    expected: dict[str, dict[str, dict[str, Any]]] = {
        "places": {
            p["id"]: {"name": p["name"], "kind": p["kind"], "country": p["country"],
                      "state": p.get("state"), "note": p.get("note"),
                      "alternate_names": joined(p["alternate_names"], "; "),
                      "lon": (p.get("point") or [None, None])[0],
                      "lat": (p.get("point") or [None, None])[1]}
            for p in data["places"]
        },
        "events": {
            f"{e['id']}.{place}": {"name": e["title"], "summary": e["summary"],
                                   "status": e["status"], "category": e["category"],
                                   "date": date_text(e["date"]), "place_id": place,
                                   "place_name": places[place]["name"], "note": e.get("note"),
                                   "actors": joined(e["actors"], ", "),
                                   "places": joined(e["places"], ", ")}
            for e in data["events"]
            for place in e["places"]
        },
        "presence": {
            r["id"]: {"name": places[r["place"]]["name"], "place_id": r["place"],
                      "status": r["status"], "date": date_text(r.get("period")),
                      "activities": joined(r["activities"], ", "), "note": r.get("note")}
            for r in data["presence"]
        },
    }  # fmt: skip
    validator = jsonschema.Draft7Validator(schema)
    for layer, records in expected.items():
        collection = json.loads((out / f"{layer}.geojson").read_text(encoding="utf-8"))
        validator.validate(collection)
        got = {f["id"]: f for f in collection["features"]}
        assert sorted(got) == sorted(records)
        for key, props in records.items():
            feature = got[key]
            assert {k: feature["properties"][k] for k in props} == props, (layer, key)
            geometry = feature["geometry"]
            if layer != "presence":  # events and places are points by default
                assert geometry["type"] == "Point"
                lon, lat = geometry["coordinates"]
                assert -180 <= lon <= 180 and -90 <= lat <= 90
                continue
            assert geometry["type"] == "MultiPolygon"
            for polygon in geometry["coordinates"]:
                outer = polygon[0]
                assert outer[0] == outer[-1] and len(outer) >= 4
                assert ring_area(outer) > 0  # counter-clockwise (RFC 7946)
                for lon, lat in outer:
                    assert -180 <= lon <= 180 and -90 <= lat <= 90


def check_csv(out: Path, data: Data) -> None:
    for name, rows in csv_expected(data).items():
        got = read_csv(out / f"{name}.csv")
        assert sorted(got) == sorted(rows), name
        for row_id, values in rows.items():
            for column, value in values.items():
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    value = float(value)
                assert got[row_id][column] == value, (name, row_id, column)


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def check_ics(out: Path, data: Data) -> None:
    raw = (out / "tren-de-aragua.ics").read_bytes()
    cal = icalendar.Calendar.from_ical(raw)
    assert [(c.name, c.errors) for c in cal.walk() if c.errors] == []
    vevents = cal.walk("VEVENT")
    assert len({str(v["UID"]) for v in vevents}) == len(vevents) <= len(data["events"])
    for vevent in vevents:
        assert vevent.decoded("DTEND") > vevent.decoded("DTSTART")
        assert not CONTROL.search(str(vevent["SUMMARY"]) + str(vevent["DESCRIPTION"]))
    ids = {str(v["UID"]).removesuffix("@tda-export") for v in vevents}
    for event in data["events"]:  # alone under its id, or its title opens a part of a shared entry
        title = clean(event["title"])
        texts = [str(v["DESCRIPTION"]) for v in vevents]
        holders = [
            v for v, text in zip(vevents, texts, strict=True)
            if text.startswith(title + "\n") or f". {title}\n" in text
        ]  # fmt: skip
        assert holders, event["id"]
        assert event["id"] in ids or any("_" in str(v["UID"]) for v in holders)
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75 and b"\n" not in line and b"\r" not in line
    calendar = vobject.readOne(raw.decode("utf-8"), validate=True)
    assert len(calendar.contents.get("vevent", [])) == len(vevents)


def check_timeline(out: Path, data: Data) -> None:
    timeline = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    slides = {s["unique_id"]: s for s in timeline["events"]}
    assert sorted(slides) == sorted(e["id"] for e in data["events"])
    for event in data["events"]:
        headline = slides[event["id"]]["text"]["headline"]
        assert "<" not in headline and html.unescape(headline) == event["title"]
    page = (out / "timeline.html").read_text(encoding="utf-8")
    start = page.index('<script type="application/json" id="timeline-data">\n') + 52
    block = page[start : page.index("</script>", start)]
    assert "<" not in block and json.loads(block) == timeline


def check_kml(out: Path, data: Data) -> int:
    kml = "{http://www.opengis.net/kml/2.2}"
    root = ET.parse(out / "tren-de-aragua.kml").getroot()
    with zipfile.ZipFile(out / "tren-de-aragua.kmz") as kmz:
        inside = ET.fromstring(kmz.read("doc.kml"))  # the same placemarks, with icons
    marks = root.findall(f".//{kml}Placemark")
    ids = [m.get("id") for m in marks]
    assert ids == [m.get("id") for m in inside.findall(f".//{kml}Placemark")]
    points = sum(m.find(f"{kml}Point") is not None for m in marks)
    events = sum(len(e["places"]) for e in data["events"])
    assert points == len(data["places"]) + len(data["presence"]) + events  # a point each
    return len(marks)


@pytest.mark.slow
# -- the properties ------------------------------------------------------------------------------
@settings(max_examples=60, **PINNED)  # type: ignore[arg-type]
@given(fact_bases())
def test_the_yaml_reads_back_to_the_data(data: Data) -> None:
    with tempfile.TemporaryDirectory(prefix="tda-properties-") as tmp:
        for kind, records in data.items():
            path = Path(tmp) / f"{kind}.yaml"
            path.write_text(to_yaml(records), encoding="utf-8")
            assert [item for _, _, item, _ in iter_file(path)] == records, kind


def run_on(data: Data, check: Callable[[Path, Data], None]) -> None:
    """Write ``data``, check it is clean, build it, then ``check`` the outputs."""
    with tempfile.TemporaryDirectory(prefix="tda-properties-") as tmp:
        facts = Path(tmp) / "facts"
        write_facts(data, facts)
        result = CliRunner().invoke(cli, ["check", "--facts", str(facts)])
        assert result.exit_code == 0, result.output
        assert result.stdout.endswith(f": 0 problem(s), 0 warning(s); {NOT_VERIFIED}\n")
        bd.build(facts, Path(tmp) / "outputs")
        check(Path(tmp) / "outputs", data)


@pytest.fixture(scope="module")
def geojson_schema() -> dict[str, Any]:
    path = SCHEMAS / "geojson" / "FeatureCollection.json"
    return dict(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.slow
def test_every_accepted_base_exports_cleanly(geojson_schema: dict[str, Any]) -> None:
    def every_check(out: Path, data: Data) -> None:
        check_geojson(out, data, geojson_schema)
        check_csv(out, data)
        check_ics(out, data)
        check_timeline(out, data)
        check_kml(out, data)
        assert json.loads((out / "datapackage.json").read_text(encoding="utf-8"))

    @settings(max_examples=40, **PINNED)  # type: ignore[arg-type]
    @given(fact_bases())
    def exports(data: Data) -> None:
        run_on(data, every_check)

    exports()


@pytest.mark.client
def test_kml_validates_against_the_schema() -> None:
    """xmllint is slow-ish: a few examples only."""
    xmllint = require_tool("xmllint")
    xsd = SCHEMAS / "kml" / "ogckml22.xsd"

    def validate(out: Path, data: Data) -> None:
        assert check_kml(out, data) > 0
        done = subprocess.run(
            [xmllint, "--noout", "--nonet", "--schema", str(xsd), str(out / "tren-de-aragua.kml")],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]

    @settings(max_examples=6, **PINNED)  # type: ignore[arg-type]
    @given(fact_bases())
    def schema_valid(data: Data) -> None:
        run_on(data, validate)

    schema_valid()


# -- what check accepts, every export accepts --------------------------------------------------
#: Values at and past the edges of what the schema takes, for the fields an exporter could
#: stumble on: the first and last years (an all-day event needs the day after its end),
#: digits that are not ASCII, text around a date, non-finite and extreme numbers, list
#: separators inside names, a direction control left open, empty and missing wording of a date.
EDGE_YEARS = st.sampled_from([1, 2, 999, 1000, 1582, 1900, 9998, 9999])
EDGE_DATE_TEXT = st.sampled_from(
    ["9999", "9999-12", "9999-12-31", "9999-12-30", "9998/9999", "9999/..", "../9999",
     "../9999-12-30", "0001", "0001-01-01", "../0001", "0001/..", "0000",
     "\u0662\u0660\u0662\u0663", "\uff12\uff10\uff12\uff13", "2013 ", "2023-02-29",
     "2024-02-29", "1900-02-29", "2000-02-29", "2018/2017"]
)  # fmt: skip
EDGE_NUMBERS = st.sampled_from(
    [math.nan, math.inf, -math.inf, 1e308, -1e308, 5e-324, 0.0, -0.0, 2.0**53 + 1]
)
EDGE_NAMES = st.lists(
    st.one_of(
        NAME,
        TEXT,
        st.sampled_from(
            ["El Niño; Niño Guerrero", "a;b", "a;", "Lambert, Lisa", "Niño \u202eGuerrero"]
        ),
    ),
    max_size=2,
)


@st.composite
def edge_dates(draw: st.DrawFn) -> Any:
    """A date near or past an edge, in any of the forms a fact file can hold."""
    year = draw(EDGE_YEARS)
    value: Any = draw(
        st.one_of(
            EDGE_DATE_TEXT,
            st.just(year),
            st.just(f"{year:04d}"),
            st.builds(lambda m: f"{year:04d}-{m:02d}", st.integers(1, 12)),
            st.just(f"{year:04d}/.."),
            st.just(f"../{year:04d}"),
        )
    )
    if draw(st.booleans()):
        return value
    mapping = {"value": value}
    for key in ("display", "note"):
        if draw(st.booleans()):
            mapping[key] = draw(st.one_of(st.just(""), TEXT))
    return mapping


@st.composite
def edgy_fact_bases(draw: st.DrawFn) -> Data:
    """A base drawn by :func:`fact_bases` with edge values put into some of its fields."""
    data = draw(fact_bases())
    for source in data["sources"]:
        if draw(st.booleans()):
            source.pop("published", None)  # so that late years are not all refused as such
        if draw(st.booleans()):
            source["authors"] = draw(EDGE_NAMES)
    for place in data["places"]:
        if draw(st.booleans()):
            place["alternate_names"] = draw(EDGE_NAMES)
    for actor in data["actors"]:
        if draw(st.booleans()):
            actor["aliases"] = draw(EDGE_NAMES)
    for record in data["events"] + data["presence"] + data["figures"]:
        key = {"events": "date"}.get("events" if "title" in record else "", "period")
        if "measure" in record:
            key = "as_of"
        if draw(st.booleans()):
            record[key] = draw(edge_dates())
        if "measure" in record and draw(st.booleans()):
            field = "value" if "value" in record else draw(st.sampled_from(["low", "high"]))
            record[field] = draw(EDGE_NUMBERS)
    return data


#: Every export command (besides ``build``), with its output file name.
EXPORTS: list[tuple[list[str], str]] = [
    *((["geojson", "--layer", layer], f"{layer}.geojson") for layer in ("presence", "events",
                                                                          "places")),
    (["kml"], "map.kml"),
    (["kml", "--kmz"], "map.kmz"),
    (["timeline"], "timeline.json"),
    (["timeline", "--html"], "timeline.html"),
    (["timeline", "--format", "ics"], "calendar.ics"),
    *((["csv", "--table", name], f"{name}.csv") for name in TABLES),
]  # fmt: skip


@pytest.mark.slow
def test_what_check_accepts_every_export_accepts() -> None:
    """One validation for ``check`` and the exports: on any base, either ``check`` refuses
    it (and ``build`` writes nothing), or ``build`` and every export command succeed.
    Both outcomes must occur often, or the property says little."""
    outcomes = {"accepted": 0, "refused": 0}

    @settings(max_examples=40, phases=[Phase.generate], **PINNED)  # type: ignore[arg-type]
    @given(edgy_fact_bases())
    def one_validation(data: Data) -> None:
        with tempfile.TemporaryDirectory(prefix="tda-edges-") as tmp:
            facts, out = Path(tmp) / "facts", Path(tmp) / "outputs"
            write_facts(data, facts)
            _, problems = validate(facts)
            if any(p.severity == "error" for p in problems):
                outcomes["refused"] += 1
                with pytest.raises(FactBaseError):
                    bd.build(facts, out)
                assert not out.exists()
                return
            outcomes["accepted"] += 1
            bd.build(facts, out)
            icalendar.Calendar.from_ical((out / "tren-de-aragua.ics").read_bytes())
            runner = CliRunner()
            for args, name in EXPORTS:
                target = Path(tmp) / name
                result = runner.invoke(cli, [*args, "--facts", str(facts), "-o", str(target)])
                assert result.exit_code == 0, (args, result.output)
                assert target.stat().st_size > 0

    one_validation()
    assert outcomes["accepted"] >= 8 and outcomes["refused"] >= 8, outcomes
