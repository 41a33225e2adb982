"""$ tda-export: the group, -v/-q, --version, and error translation at the edge."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from tda_export import __version__


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


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn library errors into click errors: bad data exit 1, bad usage exit 2."""
    from tda_export.errors import FactBaseError, TdaExportError, UsageError

    try:
        yield
    except FactBaseError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(
            f"the fact base has {len(exc.problems)} problem(s); nothing was written"
        ) from None
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    except TdaExportError as exc:
        raise click.ClickException(str(exc)) from None
    except BrokenPipeError:  # e.g. `tda-export geojson | head`
        sys.stderr.close()
        raise SystemExit(1) from None
