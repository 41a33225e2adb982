"""$ tda-export build"""

from __future__ import annotations

from pathlib import Path

import click

import tda_export
from tda_export.cli.check import NOT_VERIFIED
from tda_export.cli.main import cli, translate_errors
from tda_export.cli.options import archive_opt, beside, facts_opt


@cli.command(short_help="Check the facts, then write every output into outputs/.")
@facts_opt
@archive_opt
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder, replaced whole: absent, empty, or written by an earlier build "
    "(default: outputs/ beside the fact folder).",
)
@click.pass_context
def build(ctx: click.Context, facts: Path, archive: Path | None, out: Path | None) -> None:
    """Run every check, then write every output and a manifest into one folder.

    Nothing is written when a check finds an error (exit 1). The folder is replaced in
    one step: a build that fails or is interrupted leaves the previous outputs as they
    were. A folder that holds anything an earlier build did not write (one not listed in
    its manifest.json) is never replaced (exit 2). Same facts, byte-identical files;
    manifest.json lists each file's sha256.

    \b
    Example:
      $ tda-export build --archive ../shared/seeds
      outputs/presence.geojson: 46 records
      ...
      outputs/citations.csv: 368 records
      ...
      outputs: 32 files and manifest.json; quotes verified against ../shared/seeds
    """
    target = out if out is not None else beside(facts)
    with translate_errors():
        result = tda_export.build_outputs(facts, target, archive)
    for problem in result.warnings:
        click.echo(str(problem), err=True)
    if not ctx.obj.get("quiet"):
        for item in result.files:
            click.echo(f"{target / item.name}: {item.count} {item.unit}")
    tail = f"quotes verified against {archive}" if archive is not None else NOT_VERIFIED
    click.echo(f"{target}: {len(result.files)} files and {result.manifest.name}; {tail}")
