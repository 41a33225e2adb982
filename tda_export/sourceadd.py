"""``tda-export source add``: a saved article into the archive and ``facts/sources.yaml``.

1. The article is read (:mod:`tda_export.pagetext`: an HTML page's main text and
   metadata, or plain text) and normalised as the archive's copies are
   (:func:`tda_export.archive.normalise_copy`).
2. It is refused when the base already has it: a source with the same sha256 or URL.
3. The copy is written into the archive as ``NNN_<16 hex>.txt``, unless the archive
   holds it already (then its name is kept: a copy re-registered keeps its entry).
4. The entry (page metadata; an option given replaces the page's value) is appended to
   ``sources.yaml``, which keeps its comments and layout, after it has been read back.

Nothing is invented: a field neither the page nor an option gives stays empty, and
:class:`Added` lists it. Bad option values raise :class:`~tda_export.errors.UsageError`
(exit 2); bad data (the page's, the base's) :class:`~tda_export.errors.TdaExportError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from tda_export.archive import copy_name, find_copy, normalise_copy, sha256
from tda_export.errors import TdaExportError, UsageError
from tda_export.models import Source

SOURCES_FILE = "sources.yaml"
HEADER = "# yaml-language-server: $schema=schema/sources.schema.json\n"
#: The entry's fields the page may give, and the option that gives each.
FROM_PAGE = {
    "publisher": "--publisher",
    "title": "--title",
    "authors": "--author",
    "published": "--published",
    "url": "--url",
    "language": "--language",
}
OPTIONS = {**FROM_PAGE, "id": "--id", "kind": "--kind", "derived_from": "--derived-from"}


@dataclass
class Added:
    """What ``source add`` did: the entry, where the copy is, what came from where.

    The paths are named as problems name files: relative to the current folder when below it.
    """

    source: Source
    copy: Path
    written: bool
    sources_file: Path
    from_page: list[str] = field(default_factory=list)
    replaced: list[tuple[str, Any]] = field(default_factory=list)
    """Fields an option set where the page said otherwise, with the page's value."""
    empty: list[str] = field(default_factory=list)


def add_source(facts: Path, archive: Path, article: Path, options: dict[str, Any]) -> Added:
    """Archive ``article`` and append its entry to the base's ``sources.yaml``.

    ``options`` holds the command's values by field name (``id``, ``kind``, ``title``,
    ``authors`` ...; ``None`` or an empty list when not given).
    """
    from tda_export.pagetext import read_page

    base = _sources_of(facts)
    source_id = options["id"]
    taken = base.by_id.get(source_id)
    if taken is not None or source_id in base.invalid_ids:
        where = f" at {taken.origin.file}:{taken.origin.line}" if taken is not None else ""
        raise UsageError(f"--id: {source_id!r} is already the id of a record{where}")
    parent = options.get("derived_from")
    if parent is not None and not isinstance(base.by_id.get(parent), Source):
        raise UsageError(f"--derived-from: no source with id {parent!r}")
    page = read_page(article)
    text = normalise_copy(page.text)
    if not text:
        raise TdaExportError(f"{article}: no article text found")
    data = text.encode()
    digest = sha256(data)
    for src in base.sources:
        if src.archive.sha256 == digest:
            raise TdaExportError(
                f"{article}: already in the base as source {src.id!r} (same text, sha256 "
                f"{digest[:16]}\u2026, {src.archive.file})"
            )
    entry, from_page, replaced = _entry(page, options)
    for src in base.sources:
        if entry["url"] is not None and src.url == entry["url"]:
            raise TdaExportError(
                f"{article}: already in the base as source {src.id!r} (same URL {src.url})"
            )
    existing = find_copy(archive, data)
    copy = existing if existing is not None else archive / copy_name(archive, data)
    entry["archive"] = {"file": copy.name, "sha256": digest}
    source = _validated(entry, from_page, article)
    target = facts / SOURCES_FILE
    if existing is None:
        _write_copy(copy, data)
    try:
        _append(target, entry, source)
    except BaseException:
        if existing is None:
            copy.unlink()
        raise
    empty = [name for name in FROM_PAGE if entry[name] in (None, [])]
    from tda_export.loader import display_path

    shown = Path(display_path(copy)), Path(display_path(target))
    return Added(source, shown[0], existing is None, shown[1], from_page, replaced, empty)


def _sources_of(facts: Path) -> Any:
    """The base's records (to know its ids, copies and URLs); its sources must be sound."""
    from tda_export.loader import kind_of, load_factbase

    base, problems = load_factbase(facts)
    for problem in problems:
        if problem.severity == "error" and kind_of(Path(problem.file)) == "sources":
            raise TdaExportError(f"{problem} (fix the sources file first)")
    return base


def _entry(page: Any, options: dict[str, Any]) -> tuple[dict[str, Any], list[str], list[Any]]:
    """The entry's fields in ``sources.yaml`` order, what the page gave, what an option
    replaced."""
    entry: dict[str, Any] = {"id": options["id"]}
    from_page, replaced = [], []
    for name in ("publisher", "title", "authors", "kind", "published", "url", "language"):
        given = options.get(name)
        said = getattr(page, name, None)
        if given in (None, [], ()):
            entry[name] = said if said not in (None, []) else ([] if name == "authors" else None)
            if said not in (None, []):
                from_page.append(name)
        else:
            entry[name] = list(given) if name == "authors" else given
            if said not in (None, []) and said != entry[name]:
                replaced.append((name, said))
    entry["archive"] = None
    for name in ("derived_from", "note"):
        if options.get(name) is not None:
            entry[name] = options[name]
    return entry, from_page, replaced


def _validated(entry: dict[str, Any], from_page: list[str], article: Path) -> Source:
    """The entry as a :class:`Source`; a bad value names its option or the page."""
    from tda_export.loader import _field_name, _message

    for name in ("title", "language"):
        if entry[name] is None:
            option = OPTIONS[name]
            raise UsageError(f"{option}: the page gives no {name}: give it with {option}")
    try:
        return TypeAdapter(Source).validate_python(entry)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        name = str(loc[0]) if loc else "id"
        message = _message(error, Source, entry)
        if name in from_page:
            raise TdaExportError(
                f"{article}: {_field_name(loc)}: the page's value {message} "
                f"(give it with {OPTIONS[name]})"
            ) from None
        raise UsageError(f"{OPTIONS.get(name, name)}: {message}") from None


def _append(target: Path, entry: dict[str, Any], source: Source) -> None:
    """Append ``entry`` to ``sources.yaml`` (made with its header if missing), read back."""
    from tda_export.loader import load_file
    from tda_export.yamledit import Flow, append_records, replace_checked

    text = target.read_text(encoding="utf-8") if target.exists() else HEADER
    record = {k: v for k, v in entry.items() if v is not None or k in FROM_PAGE}
    record["authors"] = Flow(record["authors"])

    def check(candidate: Path) -> None:
        items = list(load_file(candidate, str(target)))
        if not items or items[-1] != source:
            raise TdaExportError(f"{target}: the new entry did not read back as written")

    replace_checked(target, append_records(text, [record]), check)


def _write_copy(path: Path, data: bytes) -> None:
    """Write a new archived copy; never over an existing file."""
    try:
        with path.open("xb") as fobj:
            fobj.write(data)
    except OSError as exc:
        raise TdaExportError(f"cannot write {path}: {exc.strerror}") from None
