"""A Frictionless Data Package (``datapackage.json``) describing the CSV tables.

Each table of :data:`tda_export.formats.tables.columns.TABLES` becomes a tabular data resource whose
Table Schema gives every column's type, the enumerations of the fact schema, the primary
key ``id`` and the foreign keys between tables. The package's ``sources`` name the
documents of the fact base. No timestamps: the same facts give the same bytes.
"""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING, Any

from tda_export.formats.tables.columns import TABLES, Column, Table
from tda_export.text import isolate

if TYPE_CHECKING:
    from tda_export.factbase import FactBase

NAME = "tren-de-aragua"
TITLE = "Tren de Aragua: a sourced fact base"
DESCRIPTION = (
    "Events, places, presence, actors and figures about Venezuela's Tren de Aragua gang; "
    "every claim is tied to a verbatim quote in the citations table. Dates keep the "
    "precision of their sources: each has its text as written (EDTF), its first and last "
    "day and its precision. Lists within a cell are joined with '; '. A text cell that "
    "would start with =, +, -, @, tab or carriage return (after any apostrophes) is "
    "written with one extra leading apostrophe so that spreadsheets do not run it as a "
    "formula: remove that apostrophe to get the original text."
)


def field(column: Column) -> dict[str, Any]:
    """The Table Schema field descriptor of a column."""
    out: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": column.description,
    }
    if column.type == "date":
        out["format"] = "default"
    limits = {
        "required": column.required or None,
        "enum": list(column.enum) or None,
        "minimum": column.minimum,
        "maximum": column.maximum,
    }
    constraints = {name: value for name, value in limits.items() if value is not None}
    if constraints:
        out["constraints"] = constraints
    return out


def resource(table: Table) -> dict[str, Any]:
    """The tabular data resource of a table (``<name>.csv`` beside ``datapackage.json``)."""
    foreign_keys = [
        {
            "fields": key.column,
            "reference": {"resource": "" if key.table == table.name else key.table, "fields": "id"},
        }
        for key in table.foreign_keys
    ]
    schema: dict[str, Any] = {
        "fields": [field(column) for column in table.columns],
        "primaryKey": ["id"],
        "missingValues": [""],
    }
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "description": f"{table.description} Rows sorted by {table.order}.",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "header": True},
        "schema": schema,
    }


def package(base: FactBase) -> dict[str, Any]:
    """The data package descriptor: every table, and the fact base's documents as sources."""
    sources = []
    for src in sorted(base.sources, key=lambda s: s.id):
        title = f"{isolate(src.publisher)}: {isolate(src.title)}" if src.publisher else src.title
        entry = {"title": title}
        if src.url:
            entry["path"] = src.url
        sources.append(entry)
    return {
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "profile": "tabular-data-package",
        "resources": [resource(table) for table in TABLES.values()],
        "sources": sources,
    }


def write_datapackage(base: FactBase, fobj: IO[str]) -> int:
    """Write ``datapackage.json`` (sorted keys, 2-space indent); return the table count."""
    descriptor = package(base)
    json.dump(descriptor, fobj, sort_keys=True, indent=2, ensure_ascii=False)
    fobj.write("\n")
    return len(descriptor["resources"])
