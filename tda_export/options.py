"""Shared click options.

=============  ==========================================================
option         used by
=============  ==========================================================
--facts DIR    check, build, geojson, kml, timeline, map, csv
--archive DIR  check, build
-o/--output    geojson, kml, timeline, map, csv  (``-`` is standard output)
filters        geojson, kml, timeline, map, csv: --since --until --country
               --category --status (see :mod:`tda_export.filters`)
=============  ==========================================================
"""

from __future__ import annotations

import functools
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


class Folder(click.Path):
    """An existing folder, as ``click.Path`` takes it, with the true reason when the path
    is a link that loops or leads nowhere, goes through a file, is too long, or is not a
    folder (a file, a named pipe ...)."""

    def __init__(self) -> None:
        super().__init__(exists=True, file_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The folder ``value``; a one-line usage error for anything else."""
        import errno
        import os
        import stat

        shown = str(value)
        try:
            info = os.stat(value)
        except OSError as exc:
            if exc.errno == errno.ENOENT and os.path.islink(value):
                self.fail(
                    f"{shown!r} is a link to {os.readlink(value)!r}, which does not exist",
                    param,
                    ctx,
                )
            if exc.errno != errno.ENOENT:  # click says "does not exist" for that one
                self.fail(f"{shown!r}: {exc.strerror}", param, ctx)
        else:
            if not stat.S_ISDIR(info.st_mode):
                self.fail(f"{shown!r} is not a folder", param, ctx)
        return super().convert(value, param, ctx)


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
    type=Folder(),
    default=None,
    callback=_facts_callback,
    help="Fact folder (default: facts/ of the project).",
)
archive_opt = click.option(
    "--archive",
    type=Folder(),
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


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Apply --since, --until, --country, --category and --status.

    The command receives them as one ``record_filter``
    (:class:`tda_export.filters.RecordFilter`); a bad date is a usage error (exit 2).
    """

    @functools.wraps(func)
    def with_filter(
        *args: Any,
        since: str | None,
        until: str | None,
        countries: tuple[str, ...],
        categories: tuple[str, ...],
        statuses: tuple[str, ...],
        **kwargs: Any,
    ) -> Any:
        from tda_export.errors import UsageError
        from tda_export.filters import RecordFilter

        try:
            record_filter = RecordFilter.from_options(since, until, countries, categories, statuses)
        except UsageError as exc:
            raise click.UsageError(str(exc)) from None
        return func(*args, record_filter=record_filter, **kwargs)

    options = [
        click.option("--since", metavar="DATE", help="Keep records dated DATE or later."),
        click.option("--until", metavar="DATE", help="Keep records whose dates start by DATE."),
        click.option("--country", "countries", multiple=True, metavar="CC",
                     help="ISO 3166-1 country code, two or three letters in any case (VE, ven); "
                          "repeat for several."),
        click.option("--category", "categories", multiple=True,
                     type=click.Choice(_choices(EventCategory)),
                     help="Event category; repeat for several (events only)."),
        click.option("--status", "statuses", multiple=True,
                     type=click.Choice(_choices(ClaimStatus)),
                     help="Claim status; repeat for several."),
    ]  # fmt: skip
    decorated: Callable[..., Any] = with_filter
    for option in reversed(options):
        decorated = option(decorated)
    return decorated
