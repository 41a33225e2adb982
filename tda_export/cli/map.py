"""$ tda-export map"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from tda_export.cli.main import cli, translate_errors
from tda_export.cli.timeline import NO_EVENTS
from tda_export.options import facts_opt, filter_options, output_opt

if TYPE_CHECKING:
    from tda_export.filters import RecordFilter


NO_FEATURES = "warning: no record matches the filters; the map shows only the base map"


@cli.command(name="map", short_help="Write the interactive map page (or map and timeline).")
@facts_opt
@click.option("--html", is_flag=True, help="Write the map as an HTML page (required).")
@click.option(
    "--story",
    is_flag=True,
    help="With --html: the map and the TimelineJS timeline on one page, linked.",
)
@click.option(
    "--leaflet-url",
    metavar="URL",
    default=None,
    help="Load Leaflet from this dist/ folder (relative to the page, or absolute) instead "
    "of writing the shipped Leaflet 1.9.4 into the page.",
)
@click.option(
    "--timelinejs-url",
    metavar="URL",
    default=None,
    help="With --story: load TimelineJS from this dist/ folder instead of writing the "
    "shipped TimelineJS 3.9.11 into the page.",
)
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
    import tda_export
    from tda_export.output import atomic_text

    if not html:
        raise click.UsageError("the map is an HTML page: pass --html (for map data, see geojson)")
    with translate_errors():
        base = tda_export.load(facts, cache=True)
        record_filter.check(base)
        with atomic_text(output) as text:
            if story:
                count = tda_export.write_story_html(
                    base,
                    text,
                    record_filter,
                    leaflet_path=leaflet_url,
                    timelinejs_path=timelinejs_url,
                )
            else:
                count = tda_export.write_map_html(
                    base, text, record_filter, leaflet_path=leaflet_url
                )
    if count == 0 and not (ctx.obj or {}).get("quiet"):
        click.echo(NO_EVENTS if story else NO_FEATURES, err=True)
