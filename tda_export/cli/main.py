"""$ tda-export: the group, -v/-q, --version, error translation at the edge, and the
one way every export command writes its export."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

import tda_export
from tda_export import __version__
from tda_export.cli.options import destination

if TYPE_CHECKING:
    from tda_export import RecordFilter


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output (repeatable).")
@click.option("-q", "--quiet", count=True, help="Less log output (repeatable).")
@click.version_option(__version__, prog_name="tda-export")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: int) -> None:
    """Check and export the Tren de Aragua fact base (maps, chronologies, tables).

    \b
    Example:
      $ tda-export check --archive ../shared/seeds
      $ tda-export build
    """
    level = max(logging.DEBUG, logging.WARNING - 10 * (verbose - quiet))
    logging.basicConfig(level=level, format="tda-export: %(levelname)s: %(message)s")
    # basicConfig does nothing when logging is already set up (embedding, tests).
    logging.getLogger("tda_export").setLevel(level)
    ctx.ensure_object(dict)
    ctx.obj["quiet"] = quiet


def main() -> None:
    """The ``tda-export`` program: :func:`cli`, stopped cleanly by SIGTERM and SIGHUP.

    As with Ctrl-C, a stop unwinds: a build or a file being written is removed and the
    previous one is left as it was (a service manager's stop, a closed terminal). Exit
    status 128 + the signal's number, as a shell reports a killed program.
    """
    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, _stopped)
    cli(prog_name="tda-export")


def _stopped(signum: int, frame: object) -> None:
    click.echo(f"tda-export: stopped by {signal.Signals(signum).name}; nothing written", err=True)
    raise SystemExit(128 + signum)


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn library errors into click errors: bad data exit 1, bad usage exit 2."""
    try:
        yield
    except tda_export.FactBaseError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(
            f"the fact base has {len(exc.problems)} problem(s); nothing was written"
        ) from None
    except tda_export.UsageError as exc:
        raise click.UsageError(str(exc)) from None
    except tda_export.TdaExportError as exc:
        raise click.ClickException(str(exc)) from None
    except BrokenPipeError:  # e.g. `tda-export geojson | head`
        sys.stderr.close()
        raise SystemExit(1) from None


def write_export(
    name: str,
    facts: Path,
    output: str | Path,
    record_filter: RecordFilter | None = None,
    **options: Any,
) -> int:
    """Load the facts (through the cache) and write export ``name`` to ``output``.

    Options are checked before the facts are read; nothing is written on an error.
    """
    export = tda_export.EXPORTS[name]
    with translate_errors():
        export.values(record_filter, options)
        base = tda_export.load(facts, cache=True)
        with destination(str(output), export.binary) as target:
            return tda_export.export(name, base, target, record_filter, **options)
