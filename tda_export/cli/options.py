"""Shared click options, the options of each export from its declaration, and where
an export goes (``-`` is standard output).

=============  ==========================================================
option         used by
=============  ==========================================================
--facts DIR    every command but schema
--archive DIR  check, build (optional); coverage, source add (required)
-o/--output    every export (``-`` is standard output; not for gpkg, xlsx)
filters        every export but xlsx: --since --until --country --category
               --status (see :class:`tda_export.RecordFilter`)
export's own   from :data:`tda_export.EXPORTS` (:func:`export_options`)
=============  ==========================================================
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, TypeVar, get_args

import click

import tda_export

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


def file_output_opt(help: str, refusal: str) -> Callable[[F], F]:
    """``-o/--output FILE``, required, for an export that is only a file: ``-`` is a usage
    error saying ``refusal``."""

    def refuse_dash(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
        if str(value) == "-":
            raise click.UsageError(refusal, ctx)
        return value

    return click.option(
        "-o",
        "--output",
        required=True,
        type=click.Path(dir_okay=False, writable=True, allow_dash=False, path_type=Path),
        callback=refuse_dash,
        help=help,
    )


def export_options(name: str, *only: str, when: str = "") -> Callable[[F], F]:
    """The options of export ``name`` (or those named ``only``), declared in
    :data:`tda_export.EXPORTS`: ``--layer`` for ``layer``, a flag for a yes/no option.
    ``when`` names the flag they need (``--html``), said at the start of their help."""
    declared = [o for o in tda_export.EXPORTS[name].options if not only or o.name in only]

    def decorate(func: F) -> F:
        for option in reversed(declared):
            flag = "--" + option.name.replace("_", "-")
            text = option.help
            if when:
                text = f"With {when}: {text[0].lower()}{text[1:]}"
            if option.required:  # click has no default to pass then
                func = click.option(
                    flag, type=click.Choice(option.choices), required=True, help=text
                )(func)
            elif option.choices:
                func = click.option(
                    flag,
                    type=click.Choice(option.choices),
                    default=option.default,
                    show_default=option.default is not None,
                    help=text,
                )(func)
            elif option.default is False:
                func = click.option(flag, is_flag=True, help=text)(func)
            else:
                func = click.option(flag, metavar="URL", help=text)(func)
        return func

    return decorate


@contextlib.contextmanager
def destination(output: str, binary: bool) -> Iterator[IO[Any] | str]:
    """Where an export goes: the path ``output`` (replaced atomically by the library), or
    standard output for ``-``, flushed at the end (it stays open)."""
    if output != "-":
        yield output
        return
    stream: IO[Any] = sys.stdout.buffer if binary else sys.stdout
    yield stream
    stream.flush()


def beside(facts: Path) -> Path:
    """``outputs/`` beside the fact folder, relative to the current folder when inside it."""
    target = facts.parent / "outputs"
    try:
        return target.relative_to(Path.cwd())
    except ValueError:
        return target


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
        try:
            record_filter = tda_export.RecordFilter.from_options(
                since, until, countries, categories, statuses
            )
        except tda_export.UsageError as exc:
            raise click.UsageError(str(exc)) from None
        return func(*args, record_filter=record_filter, **kwargs)

    options = [
        click.option("--since", metavar="DATE", help="Keep records dated DATE or later."),
        click.option("--until", metavar="DATE", help="Keep records whose dates start by DATE."),
        click.option("--country", "countries", multiple=True, metavar="CC",
                     help="ISO 3166-1 country code, two or three letters in any case (VE, ven); "
                          "repeat for several."),
        click.option("--category", "categories", multiple=True,
                     type=click.Choice(get_args(tda_export.EventCategory)),
                     help="Event category; repeat for several (events only)."),
        click.option("--status", "statuses", multiple=True,
                     type=click.Choice(get_args(tda_export.ClaimStatus)),
                     help="Claim status; repeat for several."),
    ]  # fmt: skip
    decorated: Callable[..., Any] = with_filter
    for option in reversed(options):
        decorated = option(decorated)
    return decorated
