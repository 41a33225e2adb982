"""Build every output into one folder, all or nothing: ``tda-export build``.

1. Load the facts and run every check, and compare them with the last build's manifest
   (a changed record needs a correction, :mod:`tda_export.corrections`); on any error
   raise :class:`~tda_export.errors.FactBaseError` before anything is written.
2. Under an exclusive lock on the target's parent folder (two builds never interleave),
   write each file of :func:`outputs` (the files of :data:`~tda_export.exports.EXPORTS`)
   into a fresh temporary folder beside the target (``.outputs.tmp-XXXXXXXX``), then
   ``manifest.json`` (each file's sha256, size and record count, the fact base's counts,
   and a digest of each record's published fields; no timestamps).
3. Swap the temporary folder with the target in one step (Linux ``renameat2`` with
   ``RENAME_EXCHANGE``; elsewhere the old folder is renamed aside first), then delete the
   old folder. A build that fails or is interrupted leaves the previous outputs as they
   were; the next build removes what it left behind, and puts the old folder back should
   the process have died between the two renames of the fallback.

The target folder is replaced whole: it must be absent, empty, or a previous build (a
``manifest.json`` naming tda-export and listing every file the folder holds, and nothing
else), so that ``--out ~`` or a web folder holding an app's ``manifest.json`` is refused
(:class:`~tda_export.errors.UsageError`) instead of wiped. The target and its parent must
be writable before anything is written, so a read-only folder fails with nothing changed;
once the new folder is in place, a failure to delete the old one is only a warning, and
its leftover never makes a later build fail.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tda_export.errors import FactBaseError, Problem
from tda_export.exports import EXPORTS, load
from tda_export.outfolder import MANIFEST, replacing_folder
from tda_export.version import __version__

if TYPE_CHECKING:
    from tda_export.factbase import FactBase

Writer = Callable[["FactBase", IO[Any]], int]


@dataclass(frozen=True)
class Output:
    """One file of the build: its name, the function that writes it and what it counts."""

    name: str
    write: Writer
    binary: bool = False
    unit: str = "records"
    #: Made from an earlier file of the build instead of from the facts (``zip(src, dst)``).
    derived_from: str | None = None
    derive: Callable[[IO[bytes], IO[bytes]], None] | None = None


@dataclass(frozen=True)
class BuiltFile:
    """A file the build wrote."""

    name: str
    sha256: str
    bytes: int
    count: int
    unit: str = "records"


@dataclass
class BuildResult:
    """What a build wrote, from how many records, and the warnings of the checks."""

    folder: Path
    files: list[BuiltFile]
    counts: dict[str, int]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def manifest(self) -> Path:
        """The build's ``manifest.json``."""
        return self.folder / MANIFEST


def outputs() -> tuple[Output, ...]:
    """Every file the build writes, in this order: the files of each export, each followed
    by the QGIS style beside it where the export has one (the manifest comes last)."""
    items: list[Output] = []
    for export in EXPORTS.values():
        write = load(export.writer)
        source = EXPORTS[export.derived_from].files[0].name if export.derived_from else None
        derive = load(export.derive) if export.derive else None
        for file in export.files:
            items.append(
                Output(
                    file.name,
                    partial(write, **file.options),
                    export.binary,
                    export.unit,
                    source,
                    derive,
                )
            )
            if export.style is not None:
                style = load(export.style)(**file.options)
                name = f"{file.name.rpartition('.')[0]}.qml"
                items.append(Output(name, partial(_text, style), unit="styles"))
    return tuple(items)


def _text(text: str, base: FactBase, fobj: IO[str]) -> int:
    """Write a fixed text (a style); counts 1."""
    fobj.write(text)
    return 1


def build(
    facts_dir: Path | str, out_dir: Path | str, archive: Path | str | None = None
) -> BuildResult:
    """Check the fact base, then replace ``out_dir`` with every output and a manifest.

    Raises :class:`FactBaseError` (nothing written) when a check finds an error, and
    :class:`OutputError` when the folder cannot be written (the old one is left as it was).
    """
    from tda_export.validation import check_base

    target = Path(out_dir)
    checked = check_base(facts_dir, archive, target, cache="use")
    if checked.errors:
        raise FactBaseError(checked.errors)
    with replacing_folder(target) as folder:
        files = write_outputs(checked.base, folder)
    return BuildResult(target, files, checked.base.counts(), checked.warnings)


def write_outputs(
    base: FactBase, folder: Path, items: tuple[Output, ...] | None = None
) -> list[BuiltFile]:
    """Write each output (all of :func:`outputs` by default) and the manifest into ``folder``."""
    files: list[BuiltFile] = []
    for item in items if items is not None else outputs():
        path = folder / item.name
        earlier = next((f for f in files if f.name == item.derived_from), None)
        with _naming(path), _create(path, item.binary) as fobj:
            if earlier is not None and item.derive is not None:
                with (folder / earlier.name).open("rb") as source:
                    item.derive(source, fobj)
                count = earlier.count
            else:
                count = item.write(base, fobj)
        with path.open("rb") as written:  # in chunks: a layer can be larger than memory
            digest = hashlib.file_digest(written, "sha256").hexdigest()
        files.append(BuiltFile(item.name, digest, path.stat().st_size, count, item.unit))
    from tda_export.corrections import manifest_section

    manifest = {
        "files": {f.name: {"bytes": f.bytes, f.unit: f.count, "sha256": f.sha256} for f in files},
        "generator": f"tda-export {__version__}",
        "published": manifest_section(base),
        "records": base.counts(),
    }
    with _naming(folder / MANIFEST), _create(folder / MANIFEST, binary=False) as fobj:
        json.dump(manifest, fobj, indent=2, sort_keys=True)
        fobj.write("\n")
    return files


@contextlib.contextmanager
def _naming(path: Path) -> Iterator[None]:
    """Let an ``OSError`` that names no file (``ENOSPC`` from a write) name ``path``."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None:
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


@contextlib.contextmanager
def _create(path: Path, binary: bool) -> Iterator[IO[Any]]:
    """A new file, UTF-8 without newline translation when text; fsynced when closed."""
    fobj: IO[Any] = (
        open(path, "xb") if binary else open(path, "x", encoding="utf-8", newline="")  # noqa: SIM115
    )
    with fobj:
        yield fobj
        fobj.flush()
        os.fsync(fobj.fileno())
    os.chmod(path, 0o644)
