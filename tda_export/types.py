"""Shared constrained types: ids, ISO codes, coordinates, fuzzy dates and vocabularies."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, PlainSerializer, PlainValidator, StringConstraints, WithJsonSchema

from tda_export.fuzzydate import FuzzyDate, FuzzyDateError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="Stable lowercase id: letters, digits and single hyphens."),
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
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Longitude = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]
Latitude = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]

_PART_PATTERN = r"(\.\.|\d{4}(-\d{2}(-\d{2})?)?[~?%]?)"
_DATE_PATTERN = f"^{_PART_PATTERN}(/{_PART_PATTERN})?$"
_DATE_JSON_SCHEMA: dict[str, Any] = {
    "description": (
        "Fuzzy date (EDTF subset): 2013, 2024-03, 2023-09-20, 2024-01~ (approximate), "
        "2015/2017, 2018/.. (since), ../2025-03 (until); or a mapping with value, "
        "display (human wording) and note (how it was worked out)."
    ),
    "anyOf": [
        {
            "type": "string",
            "pattern": _DATE_PATTERN,
        },
        {"type": "integer", "minimum": 1, "maximum": 9999},
        {
            "type": "object",
            "properties": {
                "value": {"type": ["string", "integer"]},
                "display": {"type": "string"},
                "note": {"type": "string"},
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
        value = value["value"]
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"{value!r} is not a date string")
    try:
        return FuzzyDate.parse(str(value), display=display, note=note)
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
