"""$ tda-export csv"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

import tda_export
from tda_export.cli.main import cli, write_export
from tda_export.cli.options import export_options, facts_opt, filter_options, output_opt

if TYPE_CHECKING:
    from tda_export import RecordFilter

#: The tables of the csv export (a test keeps them those of the writer).
TABLE_NAMES = tda_export.EXPORTS["csv"].option("table").choices


@cli.command("csv", short_help="Write one table of the fact base as CSV.")
@facts_opt
@export_options("csv", "table")
@output_opt()
@click.option(
    "--bom/--no-bom",
    default=None,
    help="Start with a UTF-8 byte-order mark, so that spreadsheets read accents on a "
    "double-click [default: on for a file, off for standard output].",
)
@export_options("csv", "excel")
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
    bom = output != "-" if bom is None else bom
    write_export("csv", facts, output, record_filter, table=table, excel=excel, bom=bom)
