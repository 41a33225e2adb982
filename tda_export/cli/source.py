"""$ tda-export source add"""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import click

from tda_export.cli.main import cli, translate_errors
from tda_export.options import facts_opt
from tda_export.vocab import SourceKind


@cli.group(short_help="Add a source to the fact base.")
def source() -> None:
    """Sources of the fact base: add a saved article (docs/adding-a-source.md).

    \b
    Example:
      $ tda-export source add --help
      Usage: tda-export source add [OPTIONS] FILE
      ...
    """


@source.command(short_help="Archive a saved article and add its entry to sources.yaml.")
@click.argument(
    "article", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="FILE"
)
@facts_opt
@click.option(
    "--archive",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    required=True,
    help="Folder of archived source copies, where the text copy is written.",
)
@click.option("--id", "source_id", required=True, help="Id of the new source (unique).")
@click.option(
    "--kind", required=True, type=click.Choice(get_args(SourceKind)), help="Kind of document."
)
@click.option("--publisher", help="Publisher, when the page does not say (or says it wrongly).")
@click.option("--title", help="Title, when the page does not say.")
@click.option("--author", "authors", multiple=True, help="An author; repeat for several.")
@click.option("--published", metavar="DATE", help="Publication date: 2025-03-31, 2025-03, 2025.")
@click.option("--url", help="The article's URL, when the page does not give it.")
@click.option("--language", help="Language code: en, es, en-GB.")
@click.option("--derived-from", metavar="ID", help="For a summary: the id of its original.")
@click.option("--note", help="An editor's note on the source.")
def add(article: Path, facts: Path, archive: Path, source_id: str, **options: object) -> None:
    """Archive FILE (an HTML page saved from a browser, or plain text) and add its entry.

    The page's main text becomes the archived copy NNN_<16 hex>.txt (normalised as the
    archive's copies are); its title, site name, authors, declared publication date, URL
    and language fill the entry, an option replacing what the page says. Nothing is
    invented: what neither gives stays empty and is listed. Refused: a text or URL
    already in the base, an id in use, a field that cannot be read.

    \b
    Example:
      $ tda-export source add page.html --id courier-harbour-ring --kind news-report \\
          --archive archive
    """
    from tda_export.loader import display_path
    from tda_export.sourceadd import OPTIONS, add_source

    with translate_errors():
        added = add_source(facts, archive, article, {"id": source_id, **options})
    src = added.source
    how = "written" if added.written else "already in the archive, kept"
    click.echo(f"{display_path(added.copy)}: {how} (sha256 {src.archive.sha256})")
    page = ", ".join(added.from_page) or "nothing"
    shown = display_path(added.sources_file)
    click.echo(f"{shown}: source {src.id!r} added; from the page: {page}")
    for name, said in added.replaced:
        click.echo(f"{name}: {OPTIONS[name]} used; the page says {said!r}")
    if added.empty:
        flags = ", ".join(OPTIONS[name] for name in added.empty)
        click.echo(f"empty: {', '.join(added.empty)} (not on the page; {flags} to give them)")
    click.echo(
        f"next: tda-export coverage --source {src.id} --todo worksheet.yaml --archive {archive}"
    )
