"""$ tda-export check"""

from __future__ import annotations

from pathlib import Path

import click

from tda_export.cli.main import cli
from tda_export.options import archive_opt, facts_opt


@cli.command(short_help="Validate the whole fact base and list every problem.")
@facts_opt
@archive_opt
@click.option(
    "--last-build",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the last build, whose manifest.json records what readers were shown "
    "(default: outputs/ beside the fact folder): a record changed since needs a revision.",
)
def check(facts: Path, archive: Path | None, last_build: Path | None) -> None:
    """Validate schema, references, geography, citations and dates; list every problem.

    Each problem is one line, FILE:LINE: FIELD: what is wrong, followed by a summary.
    Exit status 0 when there is no error (warnings allowed), 1 otherwise. A record whose
    published fields changed since the last build needs a revisions entry.

    \b
    Example:
      $ tda-export check --archive ../shared/seeds
      4 sources, 41 places, ...: 0 problem(s), 0 warning(s); quotes verified against ../shared/seeds
    """
    from tda_export.checks import quotes_verdict
    from tda_export.cli.build import _beside
    from tda_export.corrections import check_against
    from tda_export.errors import FactBaseError
    from tda_export.outfolder import MANIFEST
    from tda_export.validation import validate

    try:
        base, problems = validate(facts, archive, cache="refresh")
    except FactBaseError as exc:
        raise click.ClickException(str(exc)) from None
    folder = last_build if last_build is not None else _beside(facts)
    problems = sorted(problems + check_against(base, folder / MANIFEST))
    for problem in problems:
        click.echo(str(problem))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    counts = ", ".join(f"{n} {kind}" for kind, n in base.counts().items())
    tail = quotes_verdict(base, archive, problems)
    click.echo(f"{counts}: {errors} problem(s), {warnings} warning(s); {tail}")
    if errors:
        raise SystemExit(1)
