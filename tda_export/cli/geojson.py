"""$ tda-export geojson"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

import tda_export
from tda_export.cli.main import cli, write_export
from tda_export.cli.options import export_options, facts_opt, filter_options, output_opt

if TYPE_CHECKING:
    from tda_export import RecordFilter

log = logging.getLogger(__name__)

#: The layers of the geojson export (a test keeps them those of the writer).
LAYER_CHOICES = tda_export.EXPORTS["geojson"].option("layer").choices


@cli.command(short_help="Write one map layer (presence, events or places) as GeoJSON.")
@facts_opt
@export_options("geojson", "layer", "geometry")
@click.option(
    "--full-detail",
    "detail",
    flag_value="full",
    default="web",
    help="Write areas with every bundled vertex instead of simplified for the web.",
)
@output_opt()
@export_options("geojson", "seq")
@filter_options
def geojson(facts: Path, output: str, record_filter: RecordFilter, **options: Any) -> None:
    """Write one map layer as RFC 7946 GeoJSON (lon/lat, 6 decimals).

    Every feature has a representative point and an uncertainty area: the place's own
    point and the circle of its uncertainty radius, or a point inside its state's or
    country's Natural Earth area and that area. --geometry picks which one the file
    holds; geo_precision and uncertainty_m say how precise the point is. See docs/maps.md.

    \b
    Example:
      $ tda-export geojson --layer events --country VE --since 2020 -o events.geojson
      $ tda-export geojson --layer places | head -c 69
      {"type":"FeatureCollection","features":[
      {"geometry":{"coordinates":[
    """
    count = write_export("geojson", facts, output, record_filter, **options)
    log.info("%d %s feature(s) written to %s", count, options["layer"], output)
