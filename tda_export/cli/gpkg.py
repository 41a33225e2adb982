"""$ tda-export gpkg"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from tda_export.cli.main import cli, write_export
from tda_export.cli.options import facts_opt, file_output_opt, filter_options

if TYPE_CHECKING:
    from tda_export import RecordFilter

log = logging.getLogger(__name__)

TO_STANDARD_OUTPUT = "a GeoPackage is a file: give -o FILE.gpkg (not -)"


@cli.command(short_help="Write every map layer, styled for QGIS, into one GeoPackage.")
@facts_opt
@file_output_opt("The GeoPackage file to write (replaced whole).", TO_STANDARD_OUTPUT)
@filter_options
def gpkg(facts: Path, output: Path, record_filter: RecordFilter) -> None:
    """Write one GeoPackage for QGIS: the points and areas of presence, events and places.

    Each layer carries its QGIS style as its default (the layer_styles table): drag the
    file into QGIS and every layer is coloured, labelled and time-enabled. See
    docs/maps.md.

    \b
    Example:
      $ tda-export gpkg -o tren-de-aragua.gpkg
      $ ogrinfo -ro -q tren-de-aragua.gpkg
      1: presence_points (Point)
      2: presence_areas (Multi Polygon)
      ...
    """
    count = write_export("gpkg", facts, output, record_filter)
    log.info("%d feature(s) written to %s", count, output)
