"""$ tda-export coverage"""

from __future__ import annotations

from pathlib import Path

import click

from tda_export.cli.main import cli
from tda_export.options import Folder, facts_opt


@cli.command(short_help="Account for every word of every archived source.")
@facts_opt
@click.option(
    "--archive",
    type=Folder(),
    required=True,
    help="Folder of archived source copies whose sentences are counted.",
)
def coverage(facts: Path, archive: Path) -> None:
    """Count each source's sentences: cited, excused, partly covered, or neither.

    A sentence counts as cited or excused only when every word of it lies in a quote or
    in the ledger. Prints one line per source, then every partly covered sentence with the
    words left uncovered and every unaccounted sentence, as FILE:LINE: SOURCE sentence N:
    .... Exit status 0 when every sentence is accounted for, 1 otherwise (or when the fact
    base or its ledger has errors).

    \b
    Example:
      $ tda-export coverage --archive ../shared/seeds
      insight-crime-profile (000_e48f59403a516825.txt): 121 sentences, 78 cited, ...
      ...
    """
    from tda_export.coverage import left_problems, measure
    from tda_export.errors import FactBaseError
    from tda_export.sentences import read_texts
    from tda_export.validation import validate

    try:
        base, problems = validate(facts, archive)
    except FactBaseError as exc:
        raise click.ClickException(str(exc)) from None
    reports, _ledger = measure(base, read_texts(base, archive))  # ledger problems: in problems
    listed = [p for report in reports for p in left_problems(report)]
    left = set(listed)
    errors = [p for p in problems if p.severity == "error" and p not in left]
    if errors:
        for problem in errors:
            click.echo(str(problem), err=True)
        raise click.ClickException(
            f"the fact base has {len(errors)} problem(s) besides coverage; "
            "see tda-export check --archive"
        )
    for report in reports:
        click.echo(
            f"{report.source.id} ({report.source.archive.file}): "
            f"{len(report.sentences)} sentences, {len(report.cited)} cited, "
            f"{len(report.excused)} excused, {len(report.partly)} partly covered, "
            f"{len(report.unaccounted)} unaccounted"
        )
    for problem in listed:
        click.echo(str(problem))
    if listed:
        raise SystemExit(1)
