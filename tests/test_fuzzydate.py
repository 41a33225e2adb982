"""Fuzzy dates: every accepted form, what exporters read from them, and the refusals."""

from __future__ import annotations

from datetime import date

import pytest

from tda_export.fuzzydate import DatePart, FuzzyDate, FuzzyDateError


@pytest.mark.parametrize(
    ("text", "kind", "precision", "start", "end"),
    [
        ("2013", "single", "year", date(2013, 1, 1), date(2013, 12, 31)),
        ("2024-03", "single", "month", date(2024, 3, 1), date(2024, 3, 31)),
        ("2024-02", "single", "month", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023-02", "single", "month", date(2023, 2, 1), date(2023, 2, 28)),
        ("2023-09-20", "single", "day", date(2023, 9, 20), date(2023, 9, 20)),
        ("2024-01~", "single", "month", date(2024, 1, 1), date(2024, 1, 31)),
        ("2015/2017", "range", "year", date(2015, 1, 1), date(2017, 12, 31)),
        ("2015/2017-03", "range", "year", date(2015, 1, 1), date(2017, 3, 31)),
        ("2024-06/2024-08", "range", "month", date(2024, 6, 1), date(2024, 8, 31)),
        ("2015-06/2015", "range", "year", date(2015, 6, 1), date(2015, 12, 31)),
        ("2018/..", "open-end", "year", date(2018, 1, 1), None),
        ("../2025-03", "open-start", "month", None, date(2025, 3, 31)),
    ],
)
def test_forms(text: str, kind: str, precision: str, start: date | None, end: date | None) -> None:
    parsed = FuzzyDate.parse(text)
    assert (parsed.kind, parsed.precision, parsed.start, parsed.end) == (
        kind,
        precision,
        start,
        end,
    )
    assert str(parsed) == text


def test_surrounding_spaces_are_dropped() -> None:
    assert FuzzyDate.parse(" 2013 ").text == "2013"


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain"),
    [
        ("2013", False, False),
        ("2024-01~", True, False),
        ("2013?", False, True),
        ("2013%", True, True),
        ("2015~/2017", True, False),
        ("2015/2017?", False, True),
    ],
)
def test_qualifiers(text: str, approximate: bool, uncertain: bool) -> None:
    parsed = FuzzyDate.parse(text)
    assert (parsed.approximate, parsed.uncertain) == (approximate, uncertain)


def test_parts_keep_their_precision() -> None:
    parsed = FuzzyDate.parse("2015/2017-03-02")
    assert parsed.lower == DatePart(2015)
    assert parsed.upper == DatePart(2017, 3, 2)
    assert (parsed.lower.iso, parsed.upper.iso) == ("2015", "2017-03-02")
    assert (parsed.lower.precision, parsed.upper.precision) == ("year", "day")


def test_a_single_date_has_one_part() -> None:
    parsed = FuzzyDate.parse("2013")
    assert parsed.lower is parsed.upper


def test_display_and_note_are_kept() -> None:
    parsed = FuzzyDate.parse("2024-06/2024-08", display="summer 2024", note="says last summer")
    assert (parsed.display, parsed.note) == ("summer 2024", "says last summer")
    assert parsed.words() == "summer 2024"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2013", "2013"),
        ("2024-03", "March 2024"),
        ("2023-09-20", "20 September 2023"),
        ("2024-01~", "c. January 2024"),
        ("2013?", "possibly 2013"),
        ("2013%", "possibly c. 2013"),
        ("2015/2017", "2015\u20132017"),
        ("2018/..", "since 2018"),
        ("../2025-03", "until March 2025"),
    ],
)
def test_words(text: str, words: str) -> None:
    assert FuzzyDate.parse(text).words() == words


@pytest.mark.parametrize(
    ("text", "since", "until", "expected"),
    [
        ("2013", None, None, True),
        ("2013", date(2013, 12, 31), None, True),
        ("2013", date(2014, 1, 1), None, False),
        ("2013", None, date(2013, 1, 1), True),
        ("2013", None, date(2012, 12, 31), False),
        ("2015/2017", date(2016, 1, 1), date(2016, 12, 31), True),
        ("2015/2017", date(2018, 1, 1), None, False),
        ("2018/..", date(2030, 1, 1), None, True),
        ("2018/..", None, date(2017, 12, 31), False),
        ("../2025-03", None, date(1900, 1, 1), True),
        ("../2025-03", date(2025, 3, 31), None, True),
        ("../2025-03", date(2025, 4, 1), None, False),
    ],
)
def test_overlaps(text: str, since: date | None, until: date | None, expected: bool) -> None:
    assert FuzzyDate.parse(text).overlaps(since, until) is expected


def test_sort_key_orders_by_first_then_last_day() -> None:
    texts = ["2018/..", "2013", "2013-05", "2013/2014", "2012-12-31"]
    ordered = sorted((FuzzyDate.parse(t) for t in texts), key=lambda d: d.sort_key)
    assert [d.text for d in ordered] == ["2012-12-31", "2013", "2013/2014", "2013-05", "2018/.."]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-02-30", "'2023-02-30' is not a date: February 2023 has 28 days"),
        ("2023-13", "'2023-13' is not a date: month 13 does not exist"),
        ("2023-00", "'2023-00' is not a date: month 00 does not exist"),
        ("0000", "'0000' is not a date: year 0000 does not exist"),
        (
            "2017/2015",
            "'2017/2015' is not a date: the interval ends (2015) before it starts (2017)",
        ),
        (
            "2015-03/2015-02",
            "'2015-03/2015-02' is not a date: "
            "the interval ends (2015-02) before it starts (2015-03)",
        ),
        ("../..", "'../..' is not a date: an interval needs at least one end"),
        ("2013/2014/2015", "'2013/2014/2015' is not a date: an interval has exactly one '/'"),
        (
            "May 2017",
            "'May 2017' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in "
            "~ or ?, or an interval A/B, A/.. or ../B",
        ),
        (
            "13",
            "'13' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in "
            "~ or ?, or an interval A/B, A/.. or ../B",
        ),
        (
            "2013-5",
            "'2013-5' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in "
            "~ or ?, or an interval A/B, A/.. or ../B",
        ),
        (
            "",
            "'' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in "
            "~ or ?, or an interval A/B, A/.. or ../B",
        ),
    ],
)
def test_invalid(text: str, message: str) -> None:
    with pytest.raises(FuzzyDateError) as excinfo:
        FuzzyDate.parse(text)
    assert str(excinfo.value) == message


def test_not_a_string() -> None:
    with pytest.raises(FuzzyDateError) as excinfo:
        FuzzyDate.parse(2013)  # type: ignore[arg-type]
    assert str(excinfo.value) == "2013 is not a date string"


def test_leap_day() -> None:
    assert FuzzyDate.parse("2024-02-29").end == date(2024, 2, 29)
    with pytest.raises(FuzzyDateError, match="February 2023 has 28 days"):
        FuzzyDate.parse("2023-02-29")
