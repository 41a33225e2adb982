"""$ tda-export xlsx"""

from __future__ import annotations

import logging
from pathlib import Path

from tda_export.cli.main import cli, write_export
from tda_export.cli.options import facts_opt, file_output_opt

log = logging.getLogger(__name__)

TO_STANDARD_OUTPUT = "a workbook is a file: give -o FILE.xlsx (not -)"


@cli.command(short_help="Write every table into one .xlsx workbook.")
@facts_opt
@file_output_opt("The workbook file to write (replaced whole).", TO_STANDARD_OUTPUT)
def xlsx(facts: Path, output: Path) -> None:
    """Write one workbook for spreadsheet users: an about sheet, then a sheet per table.

    Text stays text (no spreadsheet turns "April 2017" into a date), *_start and *_end are
    real dates, each header is frozen and filtered. The CSVs stay as they are for
    scripts. See docs/tables.md.

    \b
    Example:
      $ tda-export xlsx -o tren-de-aragua.xlsx
    """
    count = write_export("xlsx", facts, output)
    log.info("%d table(s) written to %s", count, output)
