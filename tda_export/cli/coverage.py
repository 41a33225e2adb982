"""$ tda-export coverage"""

from __future__ import annotations

from pathlib import Path

import click

import tda_export
from tda_export.cli.main import cli, translate_errors
from tda_export.cli.options import Folder, facts_opt


@cli.command(short_help="Account for every word of every archived source.")
@facts_opt
@click.option(
    "--archive",
    type=Folder(),
    required=True,
    help="Folder of archived source copies whose sentences are counted.",
)
@click.option("--source", "sources", multiple=True, metavar="ID", help="Only this source.")
@click.option(
    "--todo",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the open sentences of --source as a YAML worksheet to fill in.",
)
@click.option(
    "--apply",
    "worksheet",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Write the answers of a filled worksheet into the fact files.",
)
def coverage(
    facts: Path,
    archive: Path,
    sources: tuple[str, ...],
    todo: Path | None,
    worksheet: Path | None,
) -> None:
    """Count each source's sentences: cited, excused, partly covered, or neither.

    A sentence counts as cited or excused only when every word of it lies in a quote or
    in the ledger. Prints one line per source, then every partly covered sentence with the
    words left uncovered and every unaccounted sentence, as FILE:LINE: SOURCE sentence N:
    .... Exit status 0 when every sentence is accounted for, 1 otherwise (or when the fact
    base or its ledger has errors). With --todo, writes the open sentences of one --source
    as a worksheet; with --apply, adds the filled worksheet's citations to their records
    and its excuses to the ledger (docs/adding-a-source.md).

    \b
    Example:
      $ tda-export coverage --archive ../shared/seeds
      insight-crime-profile (000_e48f59403a516825.txt): 121 sentences, 78 cited, ...
      ...
    """
    if todo is not None and worksheet is not None:
        raise click.UsageError("give --todo or --apply, not both")
    if todo is not None and len(sources) != 1:
        raise click.UsageError("--todo writes the worksheet of one source: give one --source")
    if worksheet is not None:
        with translate_errors():
            try:
                applied = tda_export.apply_worksheet(facts, archive, worksheet)
            except tda_export.FactBaseError as exc:  # in the worksheet, or what it would make
                for problem in exc.problems:
                    click.echo(str(problem), err=True)
                raise click.ClickException(
                    f"{len(exc.problems)} problem(s) (each named above); nothing was written"
                ) from None
        for path in applied.files:
            click.echo(f"{path}: changed")
        records = len(applied.citations)
        click.echo(
            f"{worksheet}: {sum(applied.citations.values())} citation(s) added to {records} "
            f"record(s), {applied.excused} sentence(s) or clause(s) excused, "
            f"{applied.open_items} item(s) left open"
        )
        if not applied.sources:
            return
        sources = applied.sources
    _report(facts, archive, sources, todo)


def _report(facts: Path, archive: Path, sources: tuple[str, ...], todo: Path | None) -> None:
    """Count the sources (or the named ones), list what is open; write the worksheet."""
    try:
        coverage = tda_export.measure_coverage(facts, archive)
    except tda_export.FactBaseError as exc:
        raise click.ClickException(str(exc)) from None
    unknown = sorted(s for s in sources if coverage.report(s) is None)
    if unknown:
        raise click.UsageError(f"--source: no source {unknown[0]!r} with an archived copy")
    if coverage.errors:
        for problem in coverage.errors:
            click.echo(str(problem), err=True)
        raise click.ClickException(
            f"the fact base has {len(coverage.errors)} problem(s) besides coverage; "
            "see tda-export check --archive"
        )
    if todo is not None:
        with translate_errors():
            count = tda_export.write_worksheet(coverage, sources[0], todo)
        click.echo(f"{todo}: {count} open sentence(s) of {sources[0]}")
        return
    reports = [r for r in coverage.reports if not sources or r.source.id in sources]
    listed = [p for report in reports for p in report.left_problems()]
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
