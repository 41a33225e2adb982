"""$ tda-export csv"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from tda_export.cli.main import cli, translate_errors
from tda_export.options import facts_opt, filter_options, output_opt

if TYPE_CHECKING:
    from tda_export.filters import RecordFilter

TABLE_NAMES = (
    "sources", "places", "actors", "relations", "events", "presence", "figures", "citations",
    "corrections",
)  # fmt: skip
"""The tables of :data:`tda_export.formats.tables.columns.TABLES` (which loads the models)."""


@cli.command("csv", short_help="Write one table of the fact base as CSV.")
@facts_opt
@click.option(
    "--table",
    "table",
    required=True,
    type=click.Choice(TABLE_NAMES),
    help="The table to write (columns: docs/tables.md).",
)
@output_opt()
@click.option(
    "--bom/--no-bom",
    default=None,
    help="Start with a UTF-8 byte-order mark, so that spreadsheets read accents on a "
    "double-click [default: on for a file, off for standard output].",
)
@click.option("--excel", is_flag=True, help="A byte-order mark and CRLF line ends, for Excel.")
@filter_options
def csv_command(
    facts: Path,
    table: str,
    output: str,
    bom: bool | None,
    excel: bool,
    record_filter: RecordFilter,
) -> None:
    """Write one table as UTF-8 CSV with a fixed column order; ids join across tables.

    A file starts with a byte-order mark (Excel and LibreOffice then read it as UTF-8;
    pandas, R's readr, csvkit and Frictionless skip it); standard output does not.

    Text cells that a spreadsheet would run as a formula get a leading apostrophe.
    Events take every filter; presence and figures all but --category; places only
    --country; citations keep those of the records their own table would keep; sources,
    actors and relations take none (a filter a table does not take is an error, exit 2).

    \b
    Example:
      $ tda-export csv --table presence --country VE
      id,place,country,period,period_display,period_start,period_end,...
      presence-aragua,aragua,VE,,,,,,,operations-centre,reported,The takeover of ...
      ...
    """
    import tda_export
    from tda_export.formats.tables.columns import check_filters
    from tda_export.output import atomic_text

    with translate_errors():
        check_filters(table, record_filter)  # before the facts are read
        base = tda_export.load(facts, cache=True)
        record_filter.check(base)
        with atomic_text(output, newline="") as fobj:
            tda_export.write_csv(
                base,
                fobj,
                table,
                record_filter,
                excel=excel,
                bom=output != "-" if bom is None else bom,
            )
