"""$ tda-export schema"""

from __future__ import annotations

from pathlib import Path

import click

import tda_export
from tda_export.cli.main import cli, translate_errors
from tda_export.cli.options import default_facts_dir


@cli.command(short_help="Write the JSON Schema of each fact file.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write into (default: facts/schema of the project).",
)
def schema(out: Path | None) -> None:
    """Write the JSON Schema of each fact file, generated from the models.

    Editors that read the `# yaml-language-server: $schema=...` line at the top of each
    fact file then validate while you type.

    \b
    Example:
      $ tda-export schema
      .../facts/schema/sources.schema.json
      ...
    """
    with translate_errors():
        for path in tda_export.write_schemas(out or default_facts_dir() / "schema"):
            click.echo(str(path))
