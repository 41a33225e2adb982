"""$ tda-export check"""

from __future__ import annotations

from pathlib import Path

import click

from tda_export.cli.main import cli
from tda_export.options import archive_opt, facts_opt


@cli.command(short_help="Validate the whole fact base and list every problem.")
@facts_opt
@archive_opt
def check(facts: Path, archive: Path | None) -> None:
    """Validate schema, references, geography, citations and dates; list every problem.

    Each problem is one line, FILE:LINE: FIELD: what is wrong, followed by a summary.
    Exit status 0 when there is no error (warnings allowed), 1 otherwise.

    \b
    Example:
      $ tda-export check --archive ../shared/seeds
      4 sources, 41 places, ...: 0 problem(s), 0 warning(s); quotes verified against ../shared/seeds
    """
    from tda_export.checks import quotes_verdict
    from tda_export.errors import FactBaseError
    from tda_export.validation import validate

    try:
        base, problems = validate(facts, archive, cache="refresh")
    except FactBaseError as exc:
        raise click.ClickException(str(exc)) from None
    for problem in problems:
        click.echo(str(problem))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    counts = ", ".join(f"{n} {kind}" for kind, n in base.counts().items())
    tail = quotes_verdict(base, archive, problems)
    click.echo(f"{counts}: {errors} problem(s), {warnings} warning(s); {tail}")
    if errors:
        raise SystemExit(1)
