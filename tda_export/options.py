"""Shared click options.

=============  ==========================================================
option         used by
=============  ==========================================================
--facts DIR    check, build, geojson, kml, timeline, csv
--archive DIR  check, build
-o/--output    geojson, kml, timeline, csv  (``-`` is standard output)
filters        geojson, kml, timeline, csv: --since --until --country
               --category --status (see :mod:`tda_export.filters`)
=============  ==========================================================
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from tda_export.vocab import ClaimStatus, EventCategory

F = TypeVar("F", bound=Callable[..., Any])


def default_facts_dir() -> Path:
    """``facts/`` in the current folder, else in the nearest parent holding a pyproject.toml."""
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "facts").is_dir() and (folder == here or (folder / "pyproject.toml").exists()):
            return folder / "facts"
    return here / "facts"


def _facts_callback(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    if value is not None:
        return value
    found = default_facts_dir()
    if not found.is_dir():
        raise click.BadParameter(
            f"no facts/ folder in {Path.cwd()} or its project; pass --facts DIR", ctx, param
        )
    return found


facts_opt = click.option(
    "--facts",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    callback=_facts_callback,
    help="Fact folder (default: facts/ of the project).",
)
archive_opt = click.option(
    "--archive",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder of archived source copies; verifies every quote and checksum.",
)


def output_opt(default: str = "-") -> Callable[[F], F]:
    """``-o/--output FILE``; ``-`` (the default here) writes to standard output."""
    return click.option(
        "-o",
        "--output",
        default=default,
        show_default=True,
        help="Output file, or - for standard output.",
    )


def _choices(values: Any) -> list[str]:
    return list(values.__args__)


def filter_options(func: F) -> F:
    """Apply --since, --until, --country, --category and --status."""
    options = [
        click.option("--since", metavar="DATE", help="Keep records dated DATE or later."),
        click.option("--until", metavar="DATE", help="Keep records whose dates start by DATE."),
        click.option(
            "--country",
            "countries",
            multiple=True,
            metavar="CC",
            help="ISO country code; repeat for several.",
        ),
        click.option(
            "--category",
            "categories",
            multiple=True,
            type=click.Choice(_choices(EventCategory)),
            help="Event category; repeat for several (events only).",
        ),
        click.option(
            "--status",
            "statuses",
            multiple=True,
            type=click.Choice(_choices(ClaimStatus)),
            help="Claim status; repeat for several.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func
