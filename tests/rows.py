"""Table rows as dicts keyed by column name, for the tests that read them."""

from __future__ import annotations

from collections.abc import Iterator

from tda_export.factbase import FactBase
from tda_export.filters import RecordFilter
from tda_export.formats.tables.cells import Value
from tda_export.formats.tables.columns import TABLES
from tda_export.formats.tables.rows import table_values


def table_rows(
    base: FactBase, name: str, record_filter: RecordFilter | None = None
) -> Iterator[dict[str, Value]]:
    """The rows of :func:`~tda_export.formats.tables.rows.table_values` as dicts."""
    header = TABLES[name].header if name in TABLES else []
    return (dict(zip(header, row, strict=True)) for row in table_values(base, name, record_filter))
