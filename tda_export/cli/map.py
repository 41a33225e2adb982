"""$ tda-export map"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from tda_export.cli.main import cli, write_export
from tda_export.cli.options import export_options, facts_opt, filter_options, output_opt
from tda_export.cli.timeline import NO_EVENTS

if TYPE_CHECKING:
    from tda_export import RecordFilter


NO_FEATURES = "warning: no record matches the filters; the map shows only the base map"


@cli.command(name="map", short_help="Write the interactive map page (or map and timeline).")
@facts_opt
@click.option("--html", is_flag=True, help="Write the map as an HTML page (required).")
@click.option(
    "--story",
    is_flag=True,
    help="With --html: the map and the TimelineJS timeline on one page, linked.",
)
@export_options("story_page", "leaflet_url")
@export_options("story_page", "timelinejs_url", when="--story")
@output_opt()
@filter_options
@click.pass_context
def map_command(
    ctx: click.Context,
    facts: Path,
    html: bool,
    story: bool,
    leaflet_url: str | None,
    timelinejs_url: str | None,
    output: str,
    record_filter: RecordFilter,
) -> None:
    """Write an HTML page that maps the records with Leaflet, with a time slider and sources.

    The page is one file that opens from a folder (double-click) or any web server: it
    carries Leaflet and its data and fetches nothing (no tiles, no fonts); the base map is
    drawn from the bundled Natural Earth boundaries. With --story, TimelineJS and the map
    are on one page. See docs/webmap.md.

    \b
    Example:
      $ tda-export map --html -o map.html
      $ tda-export map --html --story --country VE -o story.html
    """
    if not html:
        raise click.UsageError("the map is an HTML page: pass --html (for map data, see geojson)")
    if story:
        urls = {"leaflet_url": leaflet_url, "timelinejs_url": timelinejs_url}
        count = write_export("story_page", facts, output, record_filter, **urls)
    else:
        count = write_export("map_page", facts, output, record_filter, leaflet_url=leaflet_url)
    if count == 0 and not (ctx.obj or {}).get("quiet"):
        click.echo(NO_EVENTS if story else NO_FEATURES, err=True)
