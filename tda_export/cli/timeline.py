"""$ tda-export timeline"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from tda_export.cli.main import cli, translate_errors
from tda_export.options import facts_opt, filter_options, output_opt

if TYPE_CHECKING:
    from tda_export.filters import RecordFilter


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
@click.option(
    "--timelinejs-url",
    metavar="URL",
    default=None,
    help="With --html: load TimelineJS from this dist/ folder (relative to the page, or "
    "absolute) instead of writing the shipped TimelineJS 3.9.11 into the page.",
)
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
    import tda_export
    from tda_export.output import atomic_binary, atomic_text

    _check_usage(fmt, html, timelinejs_url)
    with translate_errors():
        base = tda_export.load(facts, cache=True)
        record_filter.check(base)
        if fmt == "ics":
            with click.open_file("-", "wb") if output == "-" else atomic_binary(output) as raw:
                tda_export.write_ics(base, raw, record_filter)
                raw.flush()  # standard output is not closed
            return
        with atomic_text(output) as text:
            if html:
                count = tda_export.write_timeline_html(
                    base, text, record_filter, timelinejs_path=timelinejs_url
                )
            else:
                count = tda_export.write_timeline(base, text, record_filter)
        if count == 0 and not (ctx.obj or {}).get("quiet"):
            click.echo(NO_EVENTS, err=True)
