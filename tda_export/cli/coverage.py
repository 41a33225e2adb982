"""$ tda-export coverage"""

from __future__ import annotations

from pathlib import Path

import click

from tda_export.cli.main import cli
from tda_export.options import Folder, facts_opt


@cli.command(short_help="Account for every sentence of every archived source.")
@facts_opt
@click.option(
    "--archive",
    type=Folder(),
    required=True,
    help="Folder of archived source copies whose sentences are counted.",
)
def coverage(facts: Path, archive: Path) -> None:
    """Count each source's sentences: cited by a record, excused in the ledger, or neither.

    Prints one line per source, then every unaccounted sentence as FILE:LINE: SOURCE
    sentence N: text. Exit status 0 when every sentence is accounted for, 1 otherwise
    (or when the fact base or its ledger has errors).

    \b
    Example:
      $ tda-export coverage --archive ../shared/seeds
      insight-crime-profile (000_e48f59403a516825.txt): 121 sentences, 78 cited, ...
      ...
    """
    from tda_export.coverage import measure, unaccounted_problems
    from tda_export.errors import FactBaseError
    from tda_export.validation import validate

    try:
        base, problems = validate(facts, archive)
    except FactBaseError as exc:
        raise click.ClickException(str(exc)) from None
    reports, _ledger = measure(base, archive)  # ledger problems are among ``problems``
    listed = [p for report in reports for p in unaccounted_problems(report)]
    unaccounted = set(listed)
    errors = [p for p in problems if p.severity == "error" and p not in unaccounted]
    if errors:
        for problem in errors:
            click.echo(str(problem), err=True)
        raise click.ClickException(
            f"the fact base has {len(errors)} problem(s) besides coverage; "
            "see tda-export check --archive"
        )
    missing = 0
    for report in reports:
        left = report.unaccounted
        missing += len(left)
        click.echo(
            f"{report.source.id} ({report.source.archive.file}): "
            f"{len(report.sentences)} sentences, {len(report.cited)} cited, "
            f"{len(report.excused)} excused, {len(left)} unaccounted"
        )
    for problem in listed:
        click.echo(str(problem))
    if missing:
        raise SystemExit(1)
