"""The constrained field types of the records: ids, ISO codes, coordinates, texts, days and
fuzzy dates, labels, numbers and digests (pydantic ``Annotated`` types)."""

from __future__ import annotations

import datetime
import sys
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)

from tda_export.fuzzydate import FuzzyDate, FuzzyDateError
from tda_export.text import bidi_problem

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="Stable lowercase id: letters, digits and single hyphens."),
    AfterValidator(sys.intern),  # one string per id, however many records name it
]
CountryCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{2}$"),
    Field(description="ISO 3166-1 alpha-2 country code, e.g. VE."),
]
StateCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$"),
    Field(description="ISO 3166-2 subdivision code, e.g. VE-D (Aragua)."),
]
MAX_TEXT = 20_000
"""Most characters a text field (and a date's display or note) may hold."""


def _balanced(text: str) -> str:
    """Text whose direction controls are closed on each line (:func:`~.text.bidi_problem`)."""
    problem = bidi_problem(text)
    if problem is not None:
        raise ValueError(problem)
    return text


Balanced = AfterValidator(_balanced)
"""Refuses a direction control left open (it would turn around what exports put after it)."""
Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT), Balanced]
Longitude = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False, strict=True)]
Latitude = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False, strict=True)]

# For editors (ECMA-262 regular expressions; ``check`` parses dates in fuzzydate.py): ASCII
# digits, no year 0000, months 01-12, days 01-31, and not ``../..``. Only what a pattern
# cannot say is left to ``check``: days past a month's end, intervals that end before they
# start, and an event running to 9999-12-31.
_PART_PATTERN = r"(\.\.|(?!0000)[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?[~?%]?)"
_DATE_PATTERN = rf"^(?!\.\./\.\.$){_PART_PATTERN}(/{_PART_PATTERN})?$"
_DATE_TEXT_SCHEMA: dict[str, Any] = {"type": "string", "pattern": _DATE_PATTERN}
_DATE_YEAR_SCHEMA: dict[str, Any] = {"type": "integer", "minimum": 1000, "maximum": 9999}
_DATE_JSON_SCHEMA: dict[str, Any] = {
    "description": (
        "Fuzzy date (EDTF subset): 2013, 2024-03, 2023-09-20, 2024-01~ (approximate), "
        "2015/2017, 2018/.. (since), ../2025-03 (until); or a mapping with value, "
        "display (human wording) and note (how it was worked out)."
    ),
    "anyOf": [
        _DATE_TEXT_SCHEMA,
        _DATE_YEAR_SCHEMA,
        {
            "type": "object",
            "properties": {
                "value": {"anyOf": [_DATE_TEXT_SCHEMA, _DATE_YEAR_SCHEMA]},
                "display": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT},
                "note": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT},
            },
            "required": ["value"],
            "additionalProperties": False,
        },
    ],
}


def _to_fuzzy_date(value: Any) -> FuzzyDate:
    """Accept ``2013``, ``"2018/.."`` or ``{value, display, note}``."""
    if isinstance(value, FuzzyDate):
        return value
    display = note = None
    if isinstance(value, dict):
        unknown = sorted(set(value) - {"value", "display", "note"})
        if unknown:
            raise ValueError(f"unknown key {unknown[0]!r} in a date (use value, display, note)")
        if "value" not in value:
            raise ValueError("a date mapping needs a 'value'")
        display, note = value.get("display"), value.get("note")
        for name, extra in (("display", display), ("note", note)):
            if extra is not None and not isinstance(extra, str):
                raise ValueError(f"a date's {name} must be text")
            if extra is not None and not 1 <= len(extra) <= MAX_TEXT:
                bound = "least 1 character" if not extra else f"most {MAX_TEXT} characters"
                raise ValueError(f"a date's {name} should have at {bound}")
            if extra is not None and (problem := bidi_problem(extra)) is not None:
                raise ValueError(f"in a date's {name}, {problem}")
        value = value["value"]
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"{value!r} is not a date string")
    # An integer keeps the form it was typed in (``0000``), see yamlfile.TypedInt.
    text = value if isinstance(value, str) else getattr(value, "text", str(int(value)))
    if text != text.strip():
        raise ValueError(f"{text!r} is not a date: remove the spaces around it")
    try:
        return FuzzyDate.parse(text, display=display, note=note)
    except FuzzyDateError as exc:
        raise ValueError(str(exc)) from None


def _dump_fuzzy_date(value: FuzzyDate) -> Any:
    if value.display is None and value.note is None:
        return value.text
    out: dict[str, str] = {"value": value.text}
    if value.display is not None:
        out["display"] = value.display
    if value.note is not None:
        out["note"] = value.note
    return out


FuzzyDateField = Annotated[
    FuzzyDate,
    PlainValidator(_to_fuzzy_date),
    PlainSerializer(_dump_fuzzy_date),
    WithJsonSchema(_DATE_JSON_SCHEMA),
]


MARKER_LABEL_MAX = 16
"""Characters of an event's marker label: what a timeline marker shows uncut."""
Label = Annotated[str, StringConstraints(min_length=1, max_length=MARKER_LABEL_MAX), Balanced]
#: A finite number, written as one: ``.nan``, ``.inf``, ``1e400`` (read as infinity) and
#: text such as ``"10"`` are refused, as the JSON Schema does.
Number = Annotated[float, Field(allow_inf_nan=False, strict=True)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
LAST_DAY = datetime.date.max
"""9999-12-31: an event may not run to it, as calendars need the day after an event's end."""


def _one_day(value: Any) -> datetime.date:
    """A day written ``YYYY-MM-DD`` (or a ``date``), with the fuzzy dates' messages."""
    if isinstance(value, datetime.date):
        return value
    text = value if isinstance(value, str) else str(value)
    try:
        day = FuzzyDate.parse(text)
    except FuzzyDateError as exc:
        raise ValueError(str(exc)) from None
    if day.kind != "single" or day.precision != "day" or day.approximate or day.uncertain:
        raise ValueError(f"{text!r} is not one day: use YYYY-MM-DD")
    assert day.lower is not None
    return day.lower.first_day


#: One day of the calendar, written ``YYYY-MM-DD``.
Day = Annotated[
    datetime.date,
    PlainValidator(_one_day),
    PlainSerializer(datetime.date.isoformat),
    WithJsonSchema(
        {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    ),
]
