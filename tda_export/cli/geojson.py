"""$ tda-export geojson"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tda_export.cli.main import cli, translate_errors
from tda_export.options import facts_opt, filter_options, output_opt

if TYPE_CHECKING:
    from tda_export.filters import RecordFilter


log = logging.getLogger(__name__)

#: The layers of :mod:`tda_export.formats.maps.geojson` (kept here so --help stays fast).
LAYER_CHOICES = ("presence", "events", "places")


@cli.command(short_help="Write one map layer (presence, events or places) as GeoJSON.")
@facts_opt
@click.option(
    "--layer",
    type=click.Choice(LAYER_CHOICES),
    default="presence",
    show_default=True,
    help="Which layer to write; each is its own file of one geometry type.",
)
@click.option(
    "--geometry",
    type=click.Choice(("point", "area")),
    default=None,
    help="Representative points or uncertainty areas "
    "[default: area for presence, point for events and places].",
)
@click.option(
    "--full-detail",
    is_flag=True,
    help="Write areas with every bundled vertex instead of simplified for the web.",
)
@output_opt()
@click.option(
    "--seq",
    is_flag=True,
    help="Write an RFC 8142 text sequence (RS before each feature) instead of a collection.",
)
@filter_options
def geojson(
    facts: Path,
    layer: str,
    geometry: str | None,
    full_detail: bool,
    output: str,
    seq: bool,
    record_filter: RecordFilter,
) -> None:
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
    import tda_export
    from tda_export.output import atomic_text

    with translate_errors():
        base = tda_export.load(facts, cache=True)
        record_filter.check(base)
        with atomic_text(output) as fobj:
            count = tda_export.write_geojson(
                base,
                fobj,
                layer,
                record_filter,
                geometry=geometry,
                full_detail=full_detail,
                seq=seq,
            )
    log.info("%d %s feature(s) written to %s", count, layer, output)
