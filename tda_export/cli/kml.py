"""$ tda-export kml"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tda_export.cli.main import cli, write_export
from tda_export.cli.options import facts_opt, filter_options, output_opt

if TYPE_CHECKING:
    from tda_export import RecordFilter

log = logging.getLogger(__name__)

KMZ_TO_TERMINAL = (
    "a KMZ is binary: give -o FILE.kmz, or redirect standard output to a file or a pipe"
)


def stdout_is_terminal() -> bool:
    """True when standard output is a terminal (a KMZ would garble it)."""
    return sys.stdout.isatty()


@cli.command(short_help="Write the KML (or KMZ) map of presence, events and places.")
@facts_opt
@output_opt()
@click.option(
    "--kmz",
    is_flag=True,
    help="Write a zipped KMZ (doc.kml and its icons inside); implied by -o FILE.kmz.",
)
@filter_options
def kml(facts: Path, output: str, kmz: bool, record_filter: RecordFilter) -> None:
    """Write one KML 2.2 document for Google Earth, GDAL and QGIS.

    Folders presence, events and places hold one sub-document per country; a legend is
    in the document's description; each placemark has an icon at its point (hollow when
    it stands for a whole state or country), its own area outline where it has one, a
    TimeSpan for the time slider, typed ExtendedData, and a balloon citing every source
    with its quote. The KMZ carries the icons. See docs/maps.md.

    \b
    Example:
      $ tda-export kml --status reported -o reported.kmz
      $ tda-export kml --country CO | head -2
      <?xml version="1.0" encoding="UTF-8"?>
      <kml xmlns="http://www.opengis.net/kml/2.2">
    """
    kmz = kmz or output.lower().endswith(".kmz")
    if kmz and output == "-" and stdout_is_terminal():
        raise click.UsageError(KMZ_TO_TERMINAL)
    count = write_export("kmz" if kmz else "kml", facts, output, record_filter)
    log.info("%d placemark(s) written to %s", count, output)
