"""$ tda-export check"""

from __future__ import annotations

from pathlib import Path

import click

import tda_export
from tda_export.cli.main import cli
from tda_export.cli.options import archive_opt, beside, facts_opt

NOT_VERIFIED = "quotes were not verified against the archive (pass --archive DIR to verify them)"


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
    folder = last_build if last_build is not None else beside(facts)
    try:
        result = tda_export.check(facts, archive, last_build=folder, cache=True)
    except tda_export.FactBaseError as exc:
        raise click.ClickException(str(exc)) from None
    for problem in result.problems:
        click.echo(str(problem))
    counts = ", ".join(f"{n} {kind}" for kind, n in result.base.counts().items())
    errors, warnings = len(result.errors), len(result.warnings)
    click.echo(f"{counts}: {errors} problem(s), {warnings} warning(s); {quotes_verdict(result)}")
    if errors:
        raise SystemExit(1)


def quotes_verdict(result: tda_export.CheckResult) -> str:
    """The last words of a check's summary: whether every quote was verified, against what.

    Never "verified" when an archived copy is missing (a wrong ``--archive`` folder), differs
    from its recorded sha256, or lacks a quote.
    """
    archive = result.archive
    if archive is None:
        return NOT_VERIFIED
    if result.missing_copies:
        return (
            f"quotes not verified: {result.missing_copies} of {len(result.base.sources)} "
            f"archived copies are not in {archive} (--archive takes the folder that holds them)"
        )
    if result.unverified:
        return f"quotes checked against {archive}: {result.unverified} not verified (listed above)"
    return f"quotes verified against {archive}"
