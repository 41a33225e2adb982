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

#: The layers of :mod:`tda_export.formats.geojson` (kept here so --help stays fast).
LAYER_CHOICES = ("presence", "events", "places")


@cli.command(short_help="Write one map layer (presence, events or places) as GeoJSON.")
@facts_opt
@click.option(
    "--layer",
    type=click.Choice(LAYER_CHOICES),
    default="presence",
    show_default=True,
    help="Which layer to write; each is its own file of (Multi)Polygons.",
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
    output: str,
    seq: bool,
    record_filter: RecordFilter,
) -> None:
    """Write one layer of the presence map as RFC 7946 GeoJSON (lon/lat, 6 decimals).

    Presence and events are drawn as areas: a place with a point as a circle of its
    uncertainty radius, a state or country (or a place without a point) as its Natural
    Earth area; never as an exact pin. The places layer lists every place the same way,
    with its point and radius as properties. See docs/maps.md.

    \b
    Example:
      $ tda-export geojson --layer events --country VE --since 2020 -o events.geojson
      $ tda-export geojson --layer places | head -c 70
      {"type":"FeatureCollection","features":[
      {"geometry":{"coordinates":[[
    """
    from tda_export.checks import load_checked
    from tda_export.formats.geojson import write_geojson
    from tda_export.output import atomic_text

    with translate_errors():
        base = load_checked(facts, cache="use")
        with atomic_text(output) as fobj:
            count = write_geojson(base, fobj, layer, record_filter, seq=seq)
    log.info("%d %s feature(s) written to %s", count, layer, output)
