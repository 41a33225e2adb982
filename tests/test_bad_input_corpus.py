"""The bad-input corpus: every bad fact base gives one clear line, exit 1, and writes nothing.

Each case is a copy of the small fixture base (``tests/fixtures/small``) with one defect:

- a folder of ``tests/fixtures/bad/`` (expected lines in ``test_cli_check.BAD_CASES``) or of
  ``tests/fixtures/corpus/`` laid over the copy (byte- and YAML-level defects);
- one or a few text edits of the copy (schema, integrity, geography and time defects);
- something made at run time that git cannot hold: a folder, a named pipe or a device
  named like a fact file, symbolic links that loop or lead nowhere, a deep nesting bomb,
  a file over the size limit.

Every case runs through ``check``, ``build --out out`` (over an earlier build, which must
stay byte-identical) and ``csv --table events -o exports/events.csv`` (which must not
appear), each under a deadline: exit 1, exactly the expected ``FILE:LINE: FIELD: message``
line, no traceback, nothing written. Then a few runs in real processes: the unreadable
file, large files (time and memory measured), and CRLF files (which are fine).
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from test_cli_check import BAD_CASES, WILMITO_STATUS

from tda_export import yamlfile
from tda_export.cli import cli
from tda_export.cli.check import NOT_VERIFIED

HERE = Path(__file__).parent
SMALL = HERE / "fixtures" / "small"
BAD = HERE / "fixtures" / "bad"
CORPUS = HERE / "fixtures" / "corpus"

#: Seconds any one command may take on a bad fact base (they take well under one).
DEADLINE = 30
SUMMARY_TAIL = f": 1 problem(s), 0 warning(s); {NOT_VERIFIED}"
NOTHING_WRITTEN = "Error: the fact base has 1 problem(s); nothing was written"
GUIRIA_POINT = "  point: [-62.29841, 10.57721]\n"
GUIRIA_STATE = "  state: VE-R\n  parent: sucre\n"
GUIRIA_GEONAMES = "  geonames_id: 3639725\n"


# -- the cases ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    """A bad fact base: how to make it from a copy of the small base, and the one line."""

    id: str
    make: Callable[[Path, pytest.MonkeyPatch], None]
    line: str
    folder: Path | None = None  # the fixture folder laid over the copy, if any


def laid(folder: Path) -> Callable[[Path, pytest.MonkeyPatch], None]:
    """Copy every file of ``folder`` into ``facts/``."""

    def make(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        for path in folder.iterdir():
            shutil.copy(path, root / "facts" / path.name)

    return make


def laid_case(id: str, folder: Path, line: str) -> Case:
    """A case made by laying ``folder`` over the copy."""
    return Case(id, laid(folder), line, folder)


def edited(*edits: tuple[str, str, str]) -> Callable[[Path, pytest.MonkeyPatch], None]:
    """Replace the one occurrence of ``old`` by ``new`` in each ``facts/NAME``."""

    def make(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        for name, old, new in edits:
            path = root / "facts" / name
            text = path.read_text(encoding="utf-8")
            assert text.count(old) == 1, f"{old!r} is not once in {name}"
            path.write_text(text.replace(old, new), encoding="utf-8")

    return make


def made(func: Callable[[Path], None]) -> Callable[[Path, pytest.MonkeyPatch], None]:
    """Run ``func`` on the ``facts/`` folder."""

    def make(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        func(root / "facts")

    return make


def _folder(facts: Path) -> None:
    (facts / "events-2025.yaml").mkdir()
    shutil.copy(SMALL / "facts" / "events.yaml", facts / "events-2025.yaml" / "events.yaml")


def _fifo(facts: Path) -> None:
    os.mkfifo(facts / "events-2025.yaml")  # opening it for reading would wait for a writer


def _device(facts: Path) -> None:
    (facts / "events-2025.yaml").symlink_to("/dev/zero")  # endless bytes


def _loop(facts: Path) -> None:
    (facts / "events-2025.yaml").symlink_to("events-2025.yaml")


def _dangling(facts: Path) -> None:
    (facts / "events-2025.yaml").symlink_to("events-moved.yaml")


def _deep(facts: Path) -> None:
    depth = 100_000
    (facts / "events-2025.yaml").write_text(
        "- id: deep\n  title: " + "[" * depth + "]" * depth + "\n", encoding="utf-8"
    )


def _escaped_name(facts: Path) -> None:
    shutil.copy(BAD / "duplicate-key" / "events-bad.yaml", facts / "events-\x1b[2J\x07.yaml")


def _oversize(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlfile, "MAX_FILE_BYTES", 2_000)  # the events file is 2,639 bytes


def _sparse(facts: Path) -> None:
    """A file of 200 GB of zeros that takes no disk space (a sparse file)."""
    with open(facts / "events-2025.yaml", "wb") as handle:
        handle.truncate(200 * 1024**3)


EXCUSED_TWICE = (
    "- id: furniture\n  source: summary\n  reason: page-furniture\n"
    "  sentences: ['Original Source: profile', 'Original Source: profile']\n"
)


def _excused_twice(facts: Path) -> None:
    (facts / "coverage.yaml").write_text(EXCUSED_TWICE, encoding="utf-8")


def long_title(n: int) -> str:
    return "x" * n


CASES = [
    # -- bytes and YAML: tests/fixtures/bad (shared with test_cli_check.py) ----------------
    *(laid_case(f"bad/{name}", BAD / name, line) for name, line in sorted(BAD_CASES.items())),
    # -- bytes and YAML: tests/fixtures/corpus ----------------------------------------------
    laid_case(
        "billion-laughs",
        CORPUS / "billion-laughs",
        "facts/events-bad.yaml:2: (yaml): anchor &a: anchors and aliases are not allowed",
    ),
    laid_case(
        "undefined-alias",
        CORPUS / "undefined-alias",
        "facts/events-bad.yaml:6: (yaml): alias *prison: anchors and aliases are not allowed",
    ),
    laid_case(
        "nul-byte",
        CORPUS / "nul-byte",
        "facts/events-bad.yaml:3: (yaml): character U+0000 is not allowed in YAML: remove it",
    ),
    laid_case(
        "terminal-escape-sequence",
        CORPUS / "escape-sequence",
        "facts/events-bad.yaml:8: (yaml): character U+001B is not allowed in YAML: remove it",
    ),
    laid_case(
        "multiple-documents",
        CORPUS / "multiple-documents",
        "facts/events-bad.yaml:13: (yaml): more than one YAML document: keep one per file",
    ),
    laid_case(
        "number-as-key",
        CORPUS / "number-key",
        "facts/events-bad.yaml:10: (yaml): key '2023' is not read as text: quote it",
    ),
    laid_case(
        "complex-key",
        CORPUS / "complex-key",
        "facts/events-bad.yaml:10: (yaml): a key must be plain text",
    ),
    laid_case(
        "custom-tag",
        CORPUS / "custom-tag",
        "facts/events-bad.yaml:8: (yaml): tag !include: explicit tags are not allowed",
    ),
    laid_case(
        "python-object-new-tag",
        CORPUS / "python-object-new",
        "facts/events-bad.yaml:7: (yaml): tag !!python/object/new:subprocess.Popen: "
        "explicit tags are not allowed",
    ),
    laid_case(
        "python-name-tag",
        CORPUS / "python-name",
        "facts/events-bad.yaml:5: (yaml): tag !!python/name:os.system: explicit tags are "
        "not allowed",
    ),
    laid_case(
        "unclosed-quote",
        CORPUS / "unclosed-quote",
        "facts/events-bad.yaml:13: (yaml): invalid YAML: found unexpected end of stream "
        "(while scanning a quoted scalar started on line 3)",
    ),
    laid_case(
        "wrong-indentation",
        CORPUS / "wrong-indentation",
        "facts/events-bad.yaml:5: (yaml): invalid YAML: mapping values are not allowed in this "
        "context",
    ),
    laid_case(
        "item-not-a-mapping",
        CORPUS / "item-not-a-mapping",
        "facts/events-bad.yaml:13: events[1]: expected a mapping (key: value)",
    ),
    laid_case(
        "comments-only",
        CORPUS / "comments-only",
        "facts/events-bad.yaml:1: (file): file is empty: expected a list of events",
    ),
    laid_case(
        "top-level-text",
        CORPUS / "top-level-text",
        "facts/events-bad.yaml:2: (file): expected a list of events",
    ),
    laid_case(
        "upper-case-extension",
        CORPUS / "upper-case-extension",
        "facts/events-bad.YAML:1: (file): not read: a fact file's name ends in .yaml in lower "
        "case: rename it events-bad.yaml",
    ),
    laid_case(
        "arabic-indic-digits",
        CORPUS / "arabic-indic-digits",
        "facts/events-bad.yaml:4: guerrero-escape.date: '٢٠٢٣-٠٩' is not a date: "
        "write its digits as 0-9 (ASCII)",
    ),
    # -- made at run time ---------------------------------------------------------------------
    Case(
        "deep-nesting-bomb",
        made(_deep),
        "facts/events-2025.yaml:2: (yaml): nested more than 32 levels deep",
    ),
    Case(
        "over-the-size-limit",
        _oversize,
        "facts/events.yaml:1: (yaml): file is 2,639 bytes, over the limit of 2,000",
    ),
    Case(
        "sparse-200-gb-file",
        made(_sparse),
        "facts/events-2025.yaml:1: (yaml): file is 214,748,364,800 bytes, over the limit of "
        "134,217,728",
    ),
    Case(
        "folder-named-like-a-fact-file",
        made(_folder),
        "facts/events-2025.yaml:1: (file): cannot read: Is a directory",
    ),
    Case(
        "named-pipe",
        made(_fifo),
        "facts/events-2025.yaml:1: (file): cannot read: not a plain file "
        "(a pipe, device or socket)",
    ),
    Case(
        "link-to-dev-zero",
        made(_device),
        "facts/events-2025.yaml:1: (file): cannot read: not a plain file "
        "(a pipe, device or socket)",
    ),
    Case(
        "symlink-loop",
        made(_loop),
        "facts/events-2025.yaml:1: (file): cannot read: Too many levels of symbolic links",
    ),
    Case(
        "dangling-symlink",
        made(_dangling),
        "facts/events-2025.yaml:1: (file): cannot read: No such file or directory",
    ),
    # -- schema: fields and types -------------------------------------------------------------
    Case(
        "unknown-field",
        edited(("places.yaml", "  kind: country\n", "  kind: country\n  population: 28000000\n")),
        "facts/places.yaml:5: venezuela.population: unknown field; allowed: alternate_names, "
        "citations, country, geonames_id, id, kind, name, note, parent, point, precision, "
        "revisions, see_also, state, uncertainty_m",
    ),
    Case(
        "unknown-field-in-citation",
        edited(
            (
                "events.yaml",
                "      quote: Since 2018, the gang began its expansion to Sucre\n",
                "      quote: Since 2018, the gang began its expansion to Sucre\n      page: 12\n",
            )
        ),
        "facts/events.yaml:65: sucre-expansion.citations[0].page: unknown field; "
        "allowed: claimant, cue_note, hedge, note, quote, source",
    ),
    Case(
        "text-for-a-number",
        edited(("figures.yaml", "  value: 11000\n", "  value: eleven thousand\n")),
        "facts/figures.yaml:5: troops-tocoron-raid.value: 'eleven thousand' is not a number",
    ),
    Case(
        "number-too-large-for-a-float",
        edited(("figures.yaml", "  value: 11000\n", f"  value: {'9' * 400}\n")),
        "facts/figures.yaml:5: troops-tocoron-raid.value: a number of 400 digits is too large",
    ),
    Case(
        "number-over-4300-digits",  # past Python's limit on converting digits to an int
        edited(("figures.yaml", "  value: 11000\n", f"  value: -{'9' * 5000}\n")),
        "facts/figures.yaml:5: (yaml): a number of 5,001 characters is too long to read",
    ),
    Case(
        "decimal-for-a-whole-number",
        edited(("places.yaml", "  uncertainty_m: 5000\n", "  uncertainty_m: 5000.5\n")),
        "facts/places.yaml:74: guiria.uncertainty_m: 5000.5 is not a whole number",
    ),
    Case(
        "yes-no-for-text",
        edited(
            ("events.yaml", "  title: Security operation at Tocorón prison\n", "  title: true\n")
        ),
        "facts/events.yaml:68: tocoron-raid.title: true is read as yes/no: put it in quotes "
        "to keep it as text",
    ),
    Case(
        "list-for-text",
        edited(
            (
                "events.yaml",
                "  summary: Up to 11,000 police and military personnel entered the prison.\n",
                "  summary: [Up to 11,000 police, military personnel]\n",
            )
        ),
        "facts/events.yaml:72: tocoron-raid.summary: should be text, not a list",
    ),
    Case(
        "mapping-for-text",
        edited(("actors.yaml", "  role: Leader of Tren de Aragua\n", "  role: {rank: leader}\n")),
        "facts/actors.yaml:6: hector-guerrero.role: should be text, not a mapping",
    ),
    Case(
        "empty-required-text",
        edited(("events.yaml", "  title: Guerrero imprisoned in Tocorón\n", '  title: ""\n')),
        "facts/events.yaml:16: guerrero-imprisoned-2013.title: string should have at least "
        "1 character",
    ),
    Case(
        "text-over-20000-characters",
        edited(
            (
                "events.yaml",
                "  title: Guerrero imprisoned in Tocorón\n",
                f"  title: {long_title(20_001)}\n",
            )
        ),
        "facts/events.yaml:16: guerrero-imprisoned-2013.title: string should have at most "
        "20000 characters",
    ),
    Case(
        "quote-too-short",
        edited(
            (
                "figures.yaml",
                "      quote: which starts at US$10 a month per prisoner\n",
                "      quote: US\n",
            )
        ),
        "facts/figures.yaml:26: inmate-fee.citations[0].quote: string should have at least "
        "3 characters",
    ),
    Case(
        "text-for-a-list",
        edited(("actors.yaml", "  aliases: [Niño Guerrero]\n", "  aliases: Niño Guerrero\n")),
        "facts/actors.yaml:4: hector-guerrero.aliases: input should be a valid list",
    ),
    Case(
        "unknown-status",
        edited(
            (
                "events.yaml",
                WILMITO_STATUS,
                WILMITO_STATUS.replace("alleged", "rumoured"),
            )
        ),
        "facts/events.yaml:34: wilmito-killing.status: 'rumoured' is not one of: reported, "
        "alleged, disputed or outdated",
    ),
    Case(
        "country-name-for-code",
        edited(
            (
                "places.yaml",
                "  kind: country\n  country: VE\n",
                "  kind: country\n  country: Venezuela\n",
            )
        ),
        "facts/places.yaml:5: venezuela.country: 'Venezuela' is not an ISO 3166-1 alpha-2 "
        "code (two capital letters, e.g. VE)",
    ),
    Case(
        "javascript-url",
        edited(("sources.yaml", "  url: null\n", "  url: javascript:alert(1)\n")),
        "facts/sources.yaml:8: profile.url: 'javascript:alert(1)' is not an http(s) URL",
    ),
    Case(
        "archive-path-traversal",
        edited(("sources.yaml", "    file: profile.txt\n", "    file: ../../etc/passwd\n")),
        "facts/sources.yaml:11: profile.archive.file: '../../etc/passwd' is not a plain file "
        "name (no folder, no slash)",
    ),
    Case(
        "id-with-a-line-break",
        edited(("events.yaml", "- id: tocoron-raid\n", '- id: "tocoron\\nraid"\n')),
        "facts/events.yaml:67: tocoron\\nraid.id: 'tocoron\\nraid' is not a valid id: use "
        "lowercase letters, digits and single hyphens",
    ),
    Case(
        "id-with-a-terminal-escape",
        edited(("events.yaml", "- id: tocoron-raid\n", '- id: "\\e[2J\\e]0;pwned\\a"\n')),
        "facts/events.yaml:67: \\x1b[2J\\x1b]0;pwned\\x07.id: '\\x1b[2J\\x1b]0;pwned\\x07' is "
        "not a valid id: use lowercase letters, digits and single hyphens",
    ),
    Case(
        "key-with-a-terminal-escape",
        edited(("places.yaml", "  kind: country\n", '  kind: country\n  "\\e[2Jcolour": red\n')),
        "facts/places.yaml:5: venezuela.\\x1b[2Jcolour: unknown field; allowed: alternate_names, "
        "citations, country, geonames_id, id, kind, name, note, parent, point, precision, "
        "revisions, see_also, state, uncertainty_m",
    ),
    Case(
        "file-name-with-a-terminal-escape",
        made(_escaped_name),
        "facts/events-\\x1b[2J\\x07.yaml:10: (yaml): duplicate key 'date'",
    ),
    # -- schema: dates ------------------------------------------------------------------------
    Case(
        "impossible-day",
        edited(("figures.yaml", "  as_of: 2023-09-20\n", "  as_of: 2023-02-30\n")),
        "facts/figures.yaml:8: troops-tocoron-raid.as_of: '2023-02-30' is not a date: "
        "February 2023 has 28 days",
    ),
    Case(
        "not-a-leap-year",
        edited(("events.yaml", "  date: 2023-09-20\n", "  date: 2023-02-29\n")),
        "facts/events.yaml:69: tocoron-raid.date: '2023-02-29' is not a date: February 2023 "
        "has 28 days",
    ),
    Case(
        "month-13",
        edited(("events.yaml", "  date: 2023-09-20\n", "  date: 2023-13\n")),
        "facts/events.yaml:69: tocoron-raid.date: '2023-13' is not a date: month 13 does not exist",
    ),
    Case(
        "month-00",
        edited(("events.yaml", "  date: 2017-04\n", "  date: 2017-00\n")),
        "facts/events.yaml:29: wilmito-killing.date: '2017-00' is not a date: month 00 does "
        "not exist",
    ),
    Case(
        "year-0000",
        edited(("events.yaml", "  date: 2013\n", '  date: "0000"\n')),
        "facts/events.yaml:17: guerrero-imprisoned-2013.date: '0000' is not a date: year 0000 "
        "does not exist",
    ),
    Case(
        "date-and-time",
        edited(("events.yaml", "  date: 2023-09-20\n", "  date: 2023-09-20T06:00\n")),
        "facts/events.yaml:69: tocoron-raid.date: '2023-09-20T06:00' is not a date: use YYYY, "
        "YYYY-MM or YYYY-MM-DD, optionally ending in ~ or ?, or an interval A/B, A/.. or ../B",
    ),
    Case(
        "reversed-range",
        edited(("presence.yaml", "    value: 2018/..\n", "    value: 2018-05/2018-04\n")),
        "facts/presence.yaml:16: presence-sucre.period: '2018-05/2018-04' is not a date: "
        "the interval ends (2018-04) before it starts (2018-05)",
    ),
    Case(
        "open-at-both-ends",
        edited(("events.yaml", "  date: 2017-04\n", "  date: ../..\n")),
        "facts/events.yaml:29: wilmito-killing.date: '../..' is not a date: an interval needs "
        "at least one end",
    ),
    Case(
        "year-0000-unquoted",
        edited(("events.yaml", "  date: 2013\n", "  date: 0000\n")),
        "facts/events.yaml:17: guerrero-imprisoned-2013.date: '0000' is not a date: year 0000 "
        "does not exist",
    ),
    Case(
        "year-with-a-leading-zero",
        edited(("events.yaml", "  date: 2013\n", "  date: 02013\n")),
        "facts/events.yaml:17: guerrero-imprisoned-2013.date: '02013' is not a date: use YYYY, "
        "YYYY-MM or YYYY-MM-DD, optionally ending in ~ or ?, or an interval A/B, A/.. or ../B",
    ),
    Case(
        "event-in-year-9999",
        edited(("events.yaml", "  date: 2013\n", "  date: 9999\n")),
        "facts/events.yaml:17: guerrero-imprisoned-2013.date: '9999' runs to 9999-12-31, the "
        "last day a calendar can hold: an event must end before it",
    ),
    Case(
        "event-since-9999",
        edited(("events.yaml", "  date: 2023-09-20\n", "  date: 9999-12/..\n")),
        "facts/events.yaml:69: tocoron-raid.date: '9999-12/..' runs to 9999-12-31, the last "
        "day a calendar can hold: an event must end before it",
    ),
    Case(
        "fullwidth-digits",
        edited(("events.yaml", "  date: 2023-09-20\n", '  date: "\uff12\uff10\uff12\uff13"\n')),
        "facts/events.yaml:69: tocoron-raid.date: '\uff12\uff10\uff12\uff13' is not a date: "
        "write its digits as 0-9 (ASCII)",
    ),
    Case(
        "date-with-a-space",
        edited(("events.yaml", "  date: 2023-09-20\n", '  date: " 2023-09-20"\n')),
        "facts/events.yaml:69: tocoron-raid.date: ' 2023-09-20' is not a date: remove the "
        "spaces around it",
    ),
    Case(
        "date-display-over-20000-characters",
        edited(
            (
                "events.yaml",
                "  date: 2023-09-20\n",
                f"  date: {{value: 2023-09-20, display: {long_title(20_001)}}}\n",
            )
        ),
        "facts/events.yaml:69: tocoron-raid.date: a date's display should have at most 20000 "
        "characters",
    ),
    Case(
        "date-note-empty",
        edited(("events.yaml", "  date: 2023-09-20\n", '  date: {value: 2023-09-20, note: ""}\n')),
        "facts/events.yaml:69: tocoron-raid.date: a date's note should have at least 1 character",
    ),
    Case(
        "figure-not-a-number",
        edited(("figures.yaml", "  value: 11000\n", "  value: .nan\n")),
        "facts/figures.yaml:5: troops-tocoron-raid.value: input should be a finite number",
    ),
    Case(
        "figure-infinite",
        edited(("figures.yaml", "  value: 11000\n", "  value: -.inf\n")),
        "facts/figures.yaml:5: troops-tocoron-raid.value: input should be a finite number",
    ),
    Case(
        "figure-too-large-for-a-float",
        edited(("figures.yaml", "  value: 11000\n", "  value: 1e400\n")),
        "facts/figures.yaml:5: troops-tocoron-raid.value: input should be a finite number",
    ),
    Case(
        "figure-range-from-not-a-number",
        edited(("figures.yaml", "  low: 10\n", "  low: .nan\n  high: 10\n")),
        "facts/figures.yaml:19: inmate-fee.low: input should be a finite number",
    ),
    Case(
        "list-separator-in-an-alias",
        edited(
            (
                "actors.yaml",
                "  aliases: [Niño Guerrero]\n",
                '  aliases: ["El Niño; Niño Guerrero"]\n',
            )
        ),
        "facts/actors.yaml:4: hector-guerrero.aliases[0]: 'El Niño; Niño Guerrero' holds '; ', "
        "which separates the items of a list in tables and maps: make each name its own item",
    ),
    # -- schema: direction controls left open (they would turn around what follows) ------------
    Case(
        "unclosed-right-to-left-override-in-a-title",
        edited(
            (
                "events.yaml",
                "  title: Guerrero imprisoned in Tocorón\n",
                '  title: "Guerrero imprisoned in \\u202eTocorón"\n',
            )
        ),
        "facts/events.yaml:16: guerrero-imprisoned-2013.title: a right-to-left override "
        "(U+202E) is not closed on its line: close it with U+202C or remove it, or it turns "
        "around the text the exports put after it",
    ),
    Case(
        "stray-pop-directional-isolate-in-a-name",
        edited(("places.yaml", "  name: Güiria\n", '  name: "Güiria\\u2069"\n')),
        "facts/places.yaml:67: guiria.name: a pop directional isolate (U+2069) closes nothing "
        "on its line: remove it",
    ),
    Case(
        "override-closed-only-on-the-next-line",
        edited(
            (
                "actors.yaml",
                "  aliases: [Niño Guerrero]\n",
                '  aliases: ["\\u202bNiño\\nGuerrero\\u202c"]\n',
            )
        ),
        "facts/actors.yaml:4: hector-guerrero.aliases[0]: a right-to-left embedding (U+202B) is "
        "not closed on its line: close it with U+202C or remove it, or it turns around the text "
        "the exports put after it",
    ),
    Case(
        "unclosed-isolate-in-a-date-wording",
        edited(
            ("events.yaml", "    display: around 2018\n", '    display: "around \\u20672018"\n')
        ),
        "facts/events.yaml:55: sucre-expansion.date: in a date's display, a right-to-left "
        "isolate (U+2067) is not closed on its line: close it with U+2069 or remove it, or it "
        "turns around the text the exports put after it",
    ),
    Case(
        "override-closing-an-isolate-in-a-quote",
        edited(
            (
                "events.yaml",
                "      quote: >-\n        After the project began in 2005,",
                '      quote: "\\u2066After \\u202ethe\\u2069 project began in 2005,"\n'
                "      note: >-\n        After the project began in 2005,",
            )
        ),
        "facts/events.yaml:11: union-becomes-gang.citations[0].quote: a right-to-left override "
        "(U+202E) is not closed on its line: close it with U+202C or remove it, or it turns "
        "around the text the exports put after it",
    ),
    # -- the coverage ledger ------------------------------------------------------------------
    Case(
        "sentence-excused-twice-on-one-line",
        made(_excused_twice),
        "facts/coverage.yaml:4: furniture.sentences[1]: the same sentence is already excused at "
        "facts/coverage.yaml:4 (furniture.sentences[0]): give it once",
    ),
    Case(
        "reversed-figure-range",
        edited(("figures.yaml", "  low: 10\n", "  low: 10\n  high: 5\n")),
        "facts/figures.yaml:16: inmate-fee: low (10) is greater than high (5)",
    ),
    # -- schema and geography: points ---------------------------------------------------------
    Case(
        "latitude-95",
        edited(("places.yaml", GUIRIA_POINT, "  point: [-62.29841, 95]\n")),
        "facts/places.yaml:72: guiria.point[1]: latitude 95 is not between -90 and 90; "
        "a point is [lon, lat]: two numbers, longitude first",
    ),
    Case(
        "longitude-200",
        edited(("places.yaml", GUIRIA_POINT, "  point: [200, 10.57721]\n")),
        "facts/places.yaml:72: guiria.point[0]: longitude 200 is not between -180 and 180; "
        "a point is [lon, lat]: two numbers, longitude first",
    ),
    Case(
        "not-a-number-coordinate",
        edited(("places.yaml", GUIRIA_POINT, "  point: [-62.29841, .nan]\n")),
        "facts/places.yaml:72: guiria.point[1]: input should be a finite number",
    ),
    Case(
        "point-with-three-numbers",
        edited(("places.yaml", GUIRIA_POINT, "  point: [-62.29841, 10.57721, 12]\n")),
        "facts/places.yaml:72: guiria.point: a point is [lon, lat]: two numbers, longitude first",
    ),
    Case(
        "point-as-text",
        edited(("places.yaml", GUIRIA_POINT, '  point: "10.57721, -62.29841"\n')),
        "facts/places.yaml:72: guiria.point: a point is [lon, lat]: two numbers, longitude first",
    ),
    Case(
        "lon-lat-swapped",
        edited(
            ("places.yaml", GUIRIA_STATE, "  parent: sucre\n"),
            ("places.yaml", GUIRIA_POINT, "  point: [10.57721, -62.29841]\n"),
            ("places.yaml", GUIRIA_GEONAMES, ""),
        ),
        "facts/places.yaml:71: guiria.point: point [10.57721, -62.29841] is outside country VE "
        "(Venezuela), 10897 km away; lon and lat look swapped (write [lon, lat])",
    ),
    Case(
        "point-in-another-country",
        edited(
            ("places.yaml", GUIRIA_STATE, "  parent: sucre\n"),
            ("places.yaml", GUIRIA_POINT, "  point: [-77.02824, -12.04318]\n"),
            ("places.yaml", GUIRIA_GEONAMES, ""),
        ),
        "facts/places.yaml:71: guiria.point: point [-77.02824, -12.04318] is outside country VE "
        "(Venezuela), 1855 km away",
    ),
    Case(
        "point-in-another-state",
        edited(
            ("places.yaml", GUIRIA_POINT, "  point: [-67.59475, 10.24972]\n"),
            ("places.yaml", GUIRIA_GEONAMES, ""),
        ),
        "facts/places.yaml:72: guiria.point: point [-67.59475, 10.24972] is outside state VE-R "
        "(Sucre), 340 km away",
    ),
    Case(
        "country-with-a-point",
        edited(
            ("places.yaml", "  precision: country\n", "  precision: country\n  point: [-66, 7]\n")
        ),
        "facts/places.yaml:2: venezuela: a country is drawn as its area: remove the point",
    ),
    # -- integrity ----------------------------------------------------------------------------
    Case(
        "dangling-place",
        edited(("events.yaml", "  places: [sucre]\n", "  places: [sucre-state]\n")),
        "facts/events.yaml:59: sucre-expansion.places[0]: no place with id 'sucre-state'",
    ),
    Case(
        "dangling-source",
        edited(
            (
                "figures.yaml",
                "    - source: profile\n      quote: which",
                "    - source: insight-crime\n      quote: which",
            )
        ),
        "facts/figures.yaml:25: inmate-fee.citations[0].source: no source with id 'insight-crime'",
    ),
    Case(
        "dangling-parent",
        edited(("places.yaml", "  parent: sucre\n", "  parent: estado-sucre\n")),
        "facts/places.yaml:71: guiria.parent: no place with id 'estado-sucre'",
    ),
    Case(
        "own-parent",
        edited(("places.yaml", "  parent: sucre\n", "  parent: guiria\n")),
        "facts/places.yaml:71: guiria.parent: parent chain loops back to 'guiria'",
    ),
    Case(
        "duplicate-id-in-one-file",
        edited(("events.yaml", "- id: olp-raids\n", "- id: wilmito-killing\n")),
        "facts/events.yaml:40: wilmito-killing.id: duplicate id 'wilmito-killing' "
        "(first used at facts/events.yaml:27)",
    ),
    Case(
        "duplicate-id-across-kinds",
        edited(("actors.yaml", "- id: tren-del-llano\n", "- id: sucre\n")),
        "facts/actors.yaml:14: sucre.id: duplicate id 'sucre' (first used at facts/places.yaml:54)",
    ),
    # -- time ---------------------------------------------------------------------------------
    Case(
        "event-after-publication",
        edited(("sources.yaml", "  published: null\n", "  published: 2019\n")),
        "facts/events.yaml:69: tocoron-raid.date: 2023-09-20 is after 'profile' was "
        "published (2019)",
    ),
]


def test_the_corpus_is_large_and_distinct() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids)) >= 40
    assert len({case.line for case in CASES}) >= 40  # a pipe and a device may share one
    for corpus in (BAD, CORPUS):
        used = sorted(c.folder.name for c in CASES if c.folder and c.folder.parent == corpus)
        assert used == sorted(p.name for p in corpus.iterdir() if p.is_dir())


# -- running a case ----------------------------------------------------------------------------
class DeadlineExceeded(BaseException):
    """A command ran too long. Not an ``Exception``: no ``except OSError`` (TimeoutError
    is one) or ``except Exception`` in the code under test can swallow it."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail (:class:`DeadlineExceeded` in the main thread) if the block outlasts ``seconds``."""

    def expire(signum: int, frame: Any) -> None:
        raise DeadlineExceeded(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def snapshot(folder: Path) -> dict[str, Any]:
    """Every entry's name, type, bytes, inode and mtime: equal only if untouched."""
    entries = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        data = path.read_bytes() if stat.S_ISREG(info.st_mode) else None
        entries[str(path.relative_to(folder))] = (info.st_mode, data, info.st_ino, info.st_mtime_ns)
    return {"root": folder.stat().st_ino, "entries": entries}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The current folder: a copy of the small ``facts/``, a previous build ``out/`` (a
    manifest of tda-export listing a sentinel, and the sentinel) and an empty ``exports/``
    folder."""
    shutil.copytree(SMALL / "facts", tmp_path / "facts")
    (tmp_path / "out").mkdir()
    manifest = {"files": {"sentinel.csv": {"bytes": 23}}, "generator": "tda-export 0.1.0"}
    (tmp_path / "out" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (tmp_path / "out" / "sentinel.csv").write_text("id\nprevious-build\n", encoding="utf-8")
    (tmp_path / "exports").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def assert_clean_failure(result: Result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code == 1


def run_case(runner: CliRunner, root: Path, line: str) -> None:
    """``check``, ``build`` and ``csv`` on the bad base in ``root``: one line, nothing written."""
    previous = snapshot(root / "out")
    siblings = sorted(p.name for p in root.iterdir())
    with deadline(DEADLINE):
        checked = runner.invoke(cli, ["check", "--facts", "facts"])
    assert_clean_failure(checked)
    assert checked.stderr == ""
    lines = checked.stdout.splitlines()
    assert lines[:-1] == [line]
    assert lines[-1].endswith(SUMMARY_TAIL)

    with deadline(DEADLINE):
        built = runner.invoke(cli, ["build", "--facts", "facts", "--out", "out"])
    assert_clean_failure(built)
    assert (built.stdout, built.stderr.splitlines()) == ("", [line, NOTHING_WRITTEN])
    assert snapshot(root / "out") == previous
    assert sorted(p.name for p in root.iterdir()) == siblings  # no .out.tmp-* left

    with deadline(DEADLINE):
        exported = runner.invoke(
            cli, ["csv", "--facts", "facts", "--table", "events", "-o", "exports/events.csv"]
        )
    assert_clean_failure(exported)
    assert (exported.stdout, exported.stderr.splitlines()) == ("", [line, NOTHING_WRITTEN])
    assert list((root / "exports").iterdir()) == []

    with deadline(DEADLINE):
        to_stdout = runner.invoke(cli, ["csv", "--facts", "facts", "--table", "sources"])
    assert_clean_failure(to_stdout)
    assert to_stdout.stdout == ""


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_fact_base(
    runner: CliRunner, workdir: Path, monkeypatch: pytest.MonkeyPatch, case: Case
) -> None:
    case.make(workdir, monkeypatch)
    run_case(runner, workdir, case.line)


# -- bounded time and memory -------------------------------------------------------------------
def test_a_sentence_excused_twice_with_the_archive(runner: CliRunner, workdir: Path) -> None:
    """``check``, ``coverage`` and ``build --archive`` all refuse it (exit 1), at its line."""
    shutil.copytree(SMALL / "archive", workdir / "archive")
    _excused_twice(workdir / "facts")
    line = next(case.line for case in CASES if case.id == "sentence-excused-twice-on-one-line")
    previous = snapshot(workdir / "out")
    for command in ("check", "coverage", "build"):
        args = [command, "--facts", "facts", "--archive", "archive"]
        with deadline(DEADLINE):
            result = runner.invoke(cli, args + (["--out", "out"] if command == "build" else []))
        assert_clean_failure(result)
        assert line in (result.stdout + result.stderr).splitlines(), command
    assert snapshot(workdir / "out") == previous


def test_billion_laughs_is_refused_at_once(tmp_path: Path) -> None:
    path = CORPUS / "billion-laughs" / "events-bad.yaml"
    started = time.perf_counter()
    with pytest.raises(yamlfile.YamlError) as caught:
        list(yamlfile.iter_file(path))
    assert time.perf_counter() - started < 0.5
    assert (caught.value.line, caught.value.message) == (
        2,
        "anchor &a: anchors and aliases are not allowed",
    )


def test_a_huge_sparse_file_is_never_read(workdir: Path, runner: CliRunner) -> None:
    """200 GB (apparent size) is refused from its size alone: no time, no memory."""
    _sparse(workdir / "facts")
    tracemalloc.start()
    try:
        started = time.perf_counter()
        with deadline(DEADLINE):
            result = runner.invoke(cli, ["check", "--facts", "facts"])
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("facts/events-2025.yaml:1: (yaml): file is ")
    assert elapsed < 10
    assert peak < 64 * 1024**2, f"{peak:,} bytes allocated"


#: Runs the command line in a child process and prints its own peak memory (KiB) last.
MEASURE = """
import resource, sys
from tda_export.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="tda-export")
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print(f"peak-rss-kib {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
sys.exit(code)
"""
#: Address-space cap for the child: a blow-up fails there instead of taking the machine.
ADDRESS_SPACE = 4 * 1024**3


def measured(args: list[str], cwd: Path, timeout: float) -> tuple[int, str, str, float, int]:
    """Exit code, stdout, stderr (without the memory line), seconds, peak RSS in bytes."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit,
        check=False,
    )
    elapsed = time.perf_counter() - started
    *errors, last = done.stderr.splitlines()
    assert last.startswith("peak-rss-kib "), done.stderr[-2000:]
    return done.returncode, done.stdout, "\n".join(errors), elapsed, int(last.split()[1]) * 1024


EVENT = """- id: event-{i}
  title: Event number {i}, one of very many in a file far larger than any real one
  date: 2013
  category: report
  places: [aragua]
  summary: A summary long enough to take some room in the file, again and again and again.
  status: reported
  citations:
    - source: profile
      quote: Its headquarters are in the Tocorón prison in Aragua state
"""


@pytest.mark.slow
def test_a_25_mb_file_of_records(workdir: Path) -> None:
    """Some 67,000 records and one bad date at the very end: found in bounded time and memory."""
    size = 0
    with open(workdir / "facts" / "events-bulk.yaml", "w", encoding="utf-8") as handle:
        i = 0
        while size < 25_000_000:
            text = EVENT.format(i=i)
            handle.write(text)
            size += len(text.encode("utf-8"))
            i += 1
        handle.write(EVENT.format(i="last").replace("date: 2013", "date: 2023-02-30"))
    line = (
        f"facts/events-bulk.yaml:{i * 10 + 3}: event-last.date: '2023-02-30' is not a date: "
        "February 2023 has 28 days"
    )
    code, stdout, stderr, seconds, peak = measured(["check", "--facts", "facts"], workdir, 240)
    assert (code, stderr) == (1, "")
    assert stdout.splitlines()[:-1] == [line]
    # Measured: 4.6 s and 278 MB (the small base alone: 56 MB), about 10x the file.
    assert seconds < 90, f"{seconds:.1f} s"
    assert peak < 640 * 1024**2, f"{peak:,} bytes"


@pytest.mark.slow
def test_a_25_mb_string(workdir: Path) -> None:
    """One 25 MB title: refused by the length limit, in bounded time and memory."""
    events = workdir / "facts" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    huge = "Guerrero imprisoned in Tocorón " * 800_000
    events.write_text(
        text.replace("  title: Guerrero imprisoned in Tocorón\n", f"  title: {huge.strip()}\n"),
        encoding="utf-8",
    )
    assert events.stat().st_size > 25_000_000
    code, stdout, stderr, seconds, peak = measured(["check", "--facts", "facts"], workdir, 120)
    assert (code, stderr) == (1, "")
    assert stdout.splitlines()[:-1] == [
        "facts/events.yaml:16: guerrero-imprisoned-2013.title: string should have at most "
        "20000 characters"
    ]
    # Measured: 0.5 s and 114 MB.
    assert seconds < 30, f"{seconds:.1f} s"
    assert peak < 320 * 1024**2, f"{peak:,} bytes"


# -- in real processes -------------------------------------------------------------------------
def test_an_unreadable_file(tmp_path: Path) -> None:
    """A file nobody may read (mode 000). Root reads anything, so as root (CI) the command
    runs with the capabilities that let root ignore file modes dropped (setpriv)."""
    shutil.copytree(SMALL / "facts", tmp_path / "facts")
    (tmp_path / "facts" / "events.yaml").chmod(0)
    command = [sys.executable, "-m", "tda_export", "check", "--facts", "facts"]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "setpriv (util-linux) is needed to drop root's file capabilities"
        drop = "-dac_override,-dac_read_search"
        command = [setpriv, f"--inh-caps={drop}", f"--bounding-set={drop}", *command]
    done = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 1
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[:-1] == ["facts/events.yaml:1: (file): cannot read: Permission denied"]
    assert lines[-1].endswith(SUMMARY_TAIL)


def test_no_traceback_from_a_real_process(tmp_path: Path) -> None:
    """The NUL-byte case end to end in a child process: stderr holds just the two lines."""
    shutil.copytree(SMALL / "facts", tmp_path / "facts")
    laid(CORPUS / "nul-byte")(tmp_path, pytest.MonkeyPatch())
    done = subprocess.run(
        [sys.executable, "-m", "tda_export", "build", "--facts", "facts", "--out", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines() == [
        "facts/events-bad.yaml:3: (yaml): character U+0000 is not allowed in YAML: remove it",
        NOTHING_WRITTEN,
    ]
    assert not (tmp_path / "out").exists()


def test_an_archived_copy_that_is_a_pipe(runner: CliRunner, workdir: Path) -> None:
    shutil.copytree(SMALL / "archive", workdir / "archive")
    (workdir / "archive" / "summary.txt").unlink()
    os.mkfifo(workdir / "archive" / "summary.txt")
    with deadline(3):
        result = runner.invoke(cli, ["check", "--facts", "facts", "--archive", "archive"])
    assert_clean_failure(result)
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0] == (
        "facts/sources.yaml:20: summary.archive.file: "
        "archived copy archive/summary.txt is not a file"
    )


def test_parse_names_the_line_of_a_forbidden_character(tmp_path: Path) -> None:
    """libyaml counts bytes: text with accents before the character must not shift it."""
    path = tmp_path / "events.yaml"
    path.write_text("- a: " + "é" * 40 + "\n- b: c\n- d: bell\x07\n", encoding="utf-8")
    with pytest.raises(yamlfile.YamlError) as caught:
        list(yamlfile.iter_file(path))
    assert (caught.value.line, caught.value.message) == (
        3,
        "character U+0007 is not allowed in YAML: remove it",
    )


# -- not errors --------------------------------------------------------------------------------
def test_a_linked_fact_file_is_read_and_named_as_the_link(runner: CliRunner, workdir: Path) -> None:
    elsewhere = workdir / "elsewhere"
    elsewhere.mkdir()
    (workdir / "facts" / "events.yaml").rename(elsewhere / "all-events.yaml")
    (workdir / "facts" / "events.yaml").symlink_to(elsewhere / "all-events.yaml")
    result = runner.invoke(cli, ["check", "--facts", "facts"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "6 events" in result.stdout
    linked = elsewhere / "all-events.yaml"
    linked.write_text(linked.read_text(encoding="utf-8").replace("2017-04", "2017-13"), "utf-8")
    result = runner.invoke(cli, ["check", "--facts", "facts"])
    assert result.stdout.splitlines()[:-1] == [
        "facts/events.yaml:29: wilmito-killing.date: '2017-13' is not a date: month 13 does "
        "not exist"
    ]


def test_crlf_files_are_fine(runner: CliRunner, workdir: Path) -> None:
    """Files saved with Windows line ends check clean, and errors keep their lines."""
    for path in (workdir / "facts").iterdir():
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    result = runner.invoke(cli, ["check", "--facts", "facts"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.endswith(f": 0 problem(s), 0 warning(s); {NOT_VERIFIED}\n")
    built = runner.invoke(cli, ["build", "--facts", "facts", "--out", "out"])
    assert built.exit_code == 0, built.output
    manifest = json.loads((workdir / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["records"]["events"] == 6

    events = workdir / "facts" / "events.yaml"
    events.write_bytes(events.read_bytes().replace(b"date: 2017-04", b"date: 2017-13"))
    result = runner.invoke(cli, ["check", "--facts", "facts"])
    assert result.stdout.splitlines()[:-1] == [
        "facts/events.yaml:29: wilmito-killing.date: '2017-13' is not a date: month 13 does "
        "not exist"
    ]
