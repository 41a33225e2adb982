"""The .ics files checked by real calendar software: icalendar, vobject and Radicale.

Plus the project's own checks for what none of them catches: repeated UIDs, DTEND not
after DTSTART, DATE mixed with DATE-TIME. Each check is also shown to reject a broken file.
"""

from __future__ import annotations

import io
import re
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import vobject
from radicale.app.put import prepare
from radicale.item import Item, check_and_sanitize_items

from tda_export.filters import RecordFilter
from tda_export.formats.chronologies.ical import stamp, write_ics
from tda_export.validation import load_checked

HERE = Path(__file__).parent
CASES = {
    "small": (HERE / "fixtures" / "small" / "facts", {}),
    "chronology": (HERE / "fixtures" / "chronology" / "facts", {}),
    "chronology-cl": (HERE / "fixtures" / "chronology" / "facts", {"countries": ["CL"]}),
    "empty": (HERE / "fixtures" / "chronology" / "facts", {"countries": ["US"]}),
}
EVENT_COUNTS = {"small": 6, "chronology": 9, "chronology-cl": 1, "empty": 0}


def icalendar_errors(data: bytes) -> list[tuple[str, object]]:
    """Parse problems icalendar records in each component."""
    cal = icalendar.Calendar.from_ical(data)
    return [(c.name, error) for c in cal.walk() for error in c.errors]


def vobject_check(text: str) -> vobject.base.Component:
    """``vobject.readOne(validate=True)``; raises on a missing UID/DTSTAMP/PRODID, bad dates."""
    return vobject.readOne(text, validate=True)


def radicale_check(text: str) -> list[Item]:
    """What Radicale does with the file: a PUT of the whole calendar, then each event alone.

    Raises what Radicale would turn into a rejected upload.
    """
    items, tag, whole, props, exc_info = prepare(
        list(vobject.readComponents(text)),  # Radicale's own parsing of a PUT body
        path="/user/chronology/",
        content_type="text/calendar",
        permission=True,
        parent_permission=False,
        max_resource_size=10_000_000,
        max_vevent_rrule_occurrence=100,
    )
    if exc_info is not None:
        raise exc_info[1]
    assert (tag, whole) == ("VCALENDAR", True)
    assert props is not None
    assert props["D:displayname"] == "Tren de Aragua: a sourced chronology"
    assert props["C:calendar-description"].startswith("Events from the tda-export fact base")
    stored = list(items)
    for vevent in vobject.readOne(text).contents.get("vevent", []):
        single = vobject.iCalendar()
        single.add(vevent)
        single.add("prodid").value = "-//tda-export//test//EN"
        check_and_sanitize_items([single], max_vevent_rrule_occurrence=100, tag="VCALENDAR")
    return stored


def own_checks(data: bytes) -> None:
    """What no validator checks; raises AssertionError."""
    cal = icalendar.Calendar.from_ical(data)
    for key in ("PRODID", "VERSION", "UID", "NAME", "X-WR-CALNAME"):
        assert key in cal, f"no {key}"
    events = list(cal.walk("VEVENT"))
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids), "repeated UID"
    assert all(uid.endswith("@tda-export") for uid in uids)
    assert len({e.decoded("DTSTAMP") for e in events}) <= 1, "DTSTAMP differs between events"
    for e in events:
        start, end = e.decoded("DTSTART"), e.decoded("DTEND")
        assert type(start) is date and type(end) is date, "not an all-day event"
        assert e["DTSTART"].params.get("VALUE") == "DATE"
        assert e["DTEND"].params.get("VALUE") == "DATE"
        assert end > start, "DTEND is not after DTSTART"
        assert "DURATION" not in e and "RRULE" not in e
        stamp_value = e.decoded("DTSTAMP")
        assert isinstance(stamp_value, datetime), "DTSTAMP is not a date-time"
        assert stamp_value.utcoffset() is not None and not stamp_value.utcoffset()


@pytest.fixture(scope="module", params=sorted(CASES))
def ics(request: pytest.FixtureRequest) -> tuple[str, bytes]:
    facts, options = CASES[request.param]
    out = io.BytesIO()
    count = write_ics(load_checked(facts), out, RecordFilter.from_options(**options))
    assert count == EVENT_COUNTS[request.param]
    return request.param, out.getvalue()


def test_icalendar_parses_without_component_errors(ics: tuple[str, bytes]) -> None:
    name, data = ics
    assert icalendar_errors(data) == []
    cal = icalendar.Calendar.from_ical(data)
    assert [c.name for c in cal.walk()] == ["VCALENDAR"] + ["VEVENT"] * EVENT_COUNTS[name]
    assert cal.to_ical() == data  # and it round-trips byte for byte


def test_vobject_validates(ics: tuple[str, bytes]) -> None:
    name, data = ics
    cal = vobject_check(data.decode("utf-8"))
    events = cal.contents.get("vevent", [])
    assert len(events) == EVENT_COUNTS[name]
    for vevent in events:
        assert type(vevent.dtstart.value) is date
        assert type(vevent.dtend.value) is date


def test_radicale_accepts_the_calendar(ics: tuple[str, bytes]) -> None:
    name, data = ics
    stored = radicale_check(data.decode("utf-8"))
    assert len(stored) == EVENT_COUNTS[name]
    for item in stored:
        assert item.component_name == "VEVENT"
        start, end = item.time_range  # Radicale's own reading of the dates
        assert start < end


def test_own_checks_pass(ics: tuple[str, bytes]) -> None:
    own_checks(ics[1])


def test_dtstamp_comes_from_the_data() -> None:
    base = load_checked(CASES["chronology"][0])
    out = io.BytesIO()
    write_ics(base, out)
    assert out.getvalue().count(b"DTSTAMP:20250310T000000Z\r\n") == 9
    assert stamp(base).date() == date(2025, 3, 10)


# -- the checks bite ----------------------------------------------------------------------
def _small_ics() -> str:
    out = io.BytesIO()
    write_ics(load_checked(CASES["small"][0]), out)
    return out.getvalue().decode("utf-8")


RAID = "DTSTART;VALUE=DATE:20230920\r\nDTEND;VALUE=DATE:20230921\r\n"
BROKEN = {
    "impossible date": ("DTSTART;VALUE=DATE:20230920", "DTSTART;VALUE=DATE:20230230"),
    "no UID": ("UID:tocoron-raid@tda-export\r\n", ""),
    "no DTSTAMP": (re.compile(r"DTSTAMP:\d{8}T\d{6}Z\r\n"), ""),
    "no PRODID": (re.compile(r"PRODID:[^\r]*\r\n"), ""),
    "mixed DATE and DATE-TIME": ("DTEND;VALUE=DATE:20230921", "DTEND:20230921T000000Z"),
    "DTEND before DTSTART": (RAID, RAID.replace("0921", "0919")),
    "DTEND equals DTSTART": (RAID, RAID.replace("0921", "0920")),
    "repeated UID": ("UID:olp-raids@tda-export", "UID:tocoron-raid@tda-export"),
}
# which checks reject each broken file (those not listed accept it: see formats.md)
REJECTED_BY = {
    "impossible date": {"icalendar", "vobject", "radicale", "own"},
    "no UID": {"vobject", "radicale", "own"},
    "no DTSTAMP": {"vobject", "own"},
    "no PRODID": {"vobject", "own"},
    "mixed DATE and DATE-TIME": {"radicale", "own"},
    "DTEND before DTSTART": {"own"},
    "DTEND equals DTSTART": {"own"},
    # Radicale refuses two main VEVENTs with one UID when the whole calendar is uploaded
    # ("Multiple main components"), though not event by event.
    "repeated UID": {"radicale", "own"},
}


def _rejects(check: str, text: str) -> bool:
    data = text.encode("utf-8")
    try:
        if check == "icalendar":
            return icalendar_errors(data) != []
        if check == "vobject":
            vobject_check(text)
        elif check == "radicale":
            radicale_check(text)
        else:
            own_checks(data)
    except (ValueError, TypeError, KeyError, AssertionError, vobject.base.VObjectError):
        return True
    return False


@pytest.mark.parametrize("broken", sorted(BROKEN))
def test_checks_reject_broken_files(broken: str) -> None:
    old, new = BROKEN[broken]
    good = _small_ics()
    bad = old.sub(new, good) if isinstance(old, re.Pattern) else good.replace(old, new)
    assert bad != good
    rejected = {c for c in ("icalendar", "vobject", "radicale", "own") if _rejects(c, bad)}
    assert rejected == REJECTED_BY[broken]


# -- entries and revisions, as calendar software reads them -------------------------------
REAL = HERE.parent / "facts"


def _ics(facts: Path) -> bytes:
    out = io.BytesIO()
    write_ics(load_checked(facts), out)
    return out.getvalue()


def _read_both(data: bytes) -> dict[str, tuple[date, date, str, int]]:
    """UID -> (DTSTART, DTEND, SUMMARY, SEQUENCE) as icalendar reads it; vobject must agree."""
    by_icalendar = {
        str(c["UID"]): (
            c.decoded("DTSTART"),
            c.decoded("DTEND"),
            str(c["SUMMARY"]),
            int(c.decoded("SEQUENCE")),
        )
        for c in icalendar.Calendar.from_ical(data).walk("VEVENT")
    }
    parsed = vobject_check(data.decode("utf-8"))
    by_vobject = {
        e.uid.value: (e.dtstart.value, e.dtend.value, e.summary.value, int(e.sequence.value))
        for e in parsed.vevent_list
    }
    assert by_vobject == by_icalendar
    return by_icalendar


def test_the_real_feed_in_a_month_view() -> None:
    """What a month view draws, from the feed as icalendar and vobject read it.

    Every event is in exactly one entry (its full title opens that entry's description or
    one of its numbered parts), over the span its date gives: all of it when shorter than
    a year, else its first known part (the end of an open start). Only a date the sources
    give to the day is drawn on one day. No day carries more than two entries (a month
    view's cell shows about three before "+ more"), and every chip starts with at most
    32 characters before its date words.
    """
    data = _ics(REAL)
    read = _read_both(data)
    texts = {
        str(c["UID"]): str(c["DESCRIPTION"])
        for c in icalendar.Calendar.from_ical(data).walk("VEVENT")
    }
    base = load_checked(REAL)
    for event in base.events:
        fuzzy = event.date
        part = fuzzy.lower or fuzzy.upper
        assert part is not None
        whole = fuzzy.start and fuzzy.end and (fuzzy.end - fuzzy.start).days < 366
        span = (fuzzy.start, fuzzy.end) if whole else (part.first_day, part.last_day)
        holders = [
            uid
            for uid, text in texts.items()
            if text.startswith(event.title + "\n") or f". {event.title}\n" in text
        ]
        assert len(holders) == 1, event.id
        first, end, _, _ = read[holders[0]]
        assert (first, end - timedelta(days=1)) == span, event.id
        if end - first == timedelta(days=1):
            assert part.precision == "day", event.id
    covered: dict[date, list[str]] = {}
    for first, end, summary, _ in read.values():
        for offset in range((end - first).days):
            covered.setdefault(first + timedelta(days=offset), []).append(summary)
    assert max(len(chips) for chips in covered.values()) <= 2
    # six chips on 1 January 2013 before: two entries, as their descriptions fill two
    # (with the corrections of two of them, the first holds four)
    assert covered[date(2013, 1, 1)] == ["2013: events 1\u20134 of 6", "2013: events 5\u20136 of 6"]
    # four chips on 1 January 2018 before; their descriptions, with the corrections of
    # three of them (one corrected twice), now fill two entries
    assert covered[date(2018, 1, 1)] == ["2018: events 1\u20133 of 4", "2018: event 4 of 4"]
    assert covered[date(2025, 3, 15)] == ["early 2025: 2 events", "Alien Enemies"]
    assert covered[date(2023, 9, 20)] == ["Guerrero flees", "Tocorón retaken"]
    assert all(len(summary.split(" (")[0]) <= 32 for _, _, summary, _ in read.values())


def test_a_changed_event_gets_a_higher_sequence(tmp_path: Path) -> None:
    """A correction (a ``revisions`` entry) raises that event's SEQUENCE and no other, and
    its DESCRIPTION says what was corrected and why."""
    facts = tmp_path / "facts"
    shutil.copytree(HERE / "fixtures" / "small" / "facts", facts)
    before = _read_both(_ics(facts))
    events = facts / "events.yaml"
    text = events.read_text(encoding="utf-8")
    old = "  summary: Guerrero allegedly murdered Wilmer Brizuela in Tocorón.\n"
    assert text.count(old) == 1
    events.write_text(
        text.replace(
            old,
            "  summary: Guerrero allegedly murdered Wilmer Brizuela, alias Wilmito.\n"
            "  revisions:\n"
            "    - date: 2025-06-02\n"
            "      change: the victim's alias added to the summary\n"
            "      reason: the profile gives it\n",
        ),
        encoding="utf-8",
    )
    after = _read_both(_ics(facts))
    changed = "wilmito-killing@tda-export"
    assert after[changed][3] > before[changed][3]
    assert {uid: v[3] for uid, v in after.items() if uid != changed} == {
        uid: v[3] for uid, v in before.items() if uid != changed
    }
    modified = icalendar.Calendar.from_ical(_ics(facts)).walk("VEVENT")
    [wilmito] = [c for c in modified if str(c["UID"]) == changed]
    assert wilmito.decoded("LAST-MODIFIED") == datetime(2025, 6, 2, tzinfo=UTC)
    assert wilmito.decoded("SEQUENCE") == date(2025, 6, 2).toordinal() + 1
    assert str(wilmito["DESCRIPTION"]).startswith(
        'Guerrero allegedly murders "Wilmito"\n\n'
        "Guerrero allegedly murdered Wilmer Brizuela, alias Wilmito.\n\n"
        "Corrected 2 June 2025: the victim's alias added to the summary \u2014 the profile "
        "gives it\n\nWhen: April 2017"
    )
