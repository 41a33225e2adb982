"""$ tda-export timeline"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from tda_export.cli.main import cli, write_export
from tda_export.cli.options import export_options, facts_opt, filter_options, output_opt

if TYPE_CHECKING:
    from tda_export import RecordFilter


NO_EVENTS = (
    "warning: no event matches the filters; TimelineJS shows an error instead of an empty timeline"
)


def _check_usage(fmt: str, html: bool, timelinejs_url: str | None) -> None:
    """Refuse option combinations that make no sense (exit 2)."""
    if fmt != "timelinejs" and html:
        raise click.UsageError("--html needs --format timelinejs")
    if timelinejs_url is not None and not html:
        raise click.UsageError("--timelinejs-url needs --html")


@cli.command(short_help="Write the chronology for TimelineJS or calendars.")
@facts_opt
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["timelinejs", "ics"]),
    default="timelinejs",
    show_default=True,
    help="TimelineJS3 JSON, or an iCalendar feed of all-day events.",
)
@click.option(
    "--html",
    is_flag=True,
    help="Write an HTML page showing the timeline with TimelineJS instead of the JSON.",
)
@export_options("timeline_page", when="--html")
@output_opt()
@filter_options
@click.pass_context
def timeline(
    ctx: click.Context,
    facts: Path,
    fmt: str,
    html: bool,
    timelinejs_url: str | None,
    output: str,
    record_filter: RecordFilter,
) -> None:
    """Write the events as a TimelineJS3 timeline, an HTML page showing it, or iCalendar.

    Events are sorted by date, then id; the same facts give the same bytes. Fuzzy dates
    keep their precision and wording; see docs/chronologies.md for how each format
    shows them.

    \b
    Example:
      $ tda-export timeline -o timeline.json
      $ tda-export timeline --html -o timeline.html
      $ tda-export timeline --format ics --country VE --since 2023 | head -3
      BEGIN:VCALENDAR
      VERSION:2.0
      PRODID:-//tda-export//Tren de Aragua chronology//EN
    """
    _check_usage(fmt, html, timelinejs_url)
    if fmt == "ics":
        write_export("ics", facts, output, record_filter)
        return
    if html:
        url = {"timelinejs_url": timelinejs_url}
        count = write_export("timeline_page", facts, output, record_filter, **url)
    else:
        count = write_export("timeline", facts, output, record_filter)
    if count == 0 and not (ctx.obj or {}).get("quiet"):
        click.echo(NO_EVENTS, err=True)
