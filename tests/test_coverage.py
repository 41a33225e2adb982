"""The coverage ledger: sentence rule, ledger problems, `check` and `tda-export coverage`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SMALL, shared_dir

from tda_export.archive import normalise
from tda_export.cli import cli
from tda_export.coverage import check_ledger, measure
from tda_export.loader import load_factbase
from tda_export.sentences import read_texts, split_sentences


def texts(raw: str) -> list[str]:
    return [s.text for s in split_sentences(raw)[1]]


# -- the sentence rule ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("One. Two! Three? four.", ["One.", "Two!", "Three? four."]),
        ("Heading\nBody text. More", ["Heading", "Body text.", "More"]),
        ("after U.S. President Trump spoke. Then", ["after U.S. President Trump spoke.", "Then"]),
        ("in Somerville, Mass., on March 26. Next", ["in Somerville, Mass., on March 26.", "Next"]),
        ("Dr. Smith and St. Louis. Next", ["Dr. Smith and St. Louis.", "Next"]),
        ("Warner Bros. amusement parks.", ["Warner Bros. amusement parks."]),
        ("In 2013. 11,000 troops.", ["In 2013.", "11,000 troops."]),
        (
            "\u201cI couldn\u2019t. We weren\u2019t.\u201d He said.",
            ["\"I couldn't.", "We weren't.\"", "He said."],
        ),
        ("state\u2026 Next", ["state\u2026", "Next"]),
        ("a\u00a0b  c.\n\n   \nD", ["a b c.", "D"]),
    ],
)
def test_split_sentences(raw: str, expected: list[str]) -> None:
    assert texts(raw) == expected


def test_sentences_know_their_line_and_span() -> None:
    text, sentences = split_sentences("Title\n\nOne. Two.\n")
    assert text == "Title One. Two."
    assert [(s.number, s.line, s.start, s.end) for s in sentences] == [
        (1, 1, 0, 5),
        (2, 3, 6, 10),
        (3, 3, 11, 15),
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_text_is_what_quotes_are_checked_against() -> None:
    for copy in sorted(shared_dir("seeds").glob("*.txt")):
        raw = copy.read_bytes().decode("utf-8")
        text, sentences = split_sentences(raw)
        assert text == normalise(raw), copy.name
        assert all(text[s.start : s.end] == s.text for s in sentences)


# -- the ledger ----------------------------------------------------------------------------
LEDGER_HEAD = "# yaml-language-server: $schema=../../../facts/schema/coverage.schema.json\n"


def ledger(facts: Path, body: str) -> None:
    (facts / "coverage.yaml").write_text(LEDGER_HEAD + body, encoding="utf-8")


def entry(id: str, source: str, reason: str, *sentences: str, clauses: tuple[str, ...] = ()) -> str:
    lines = [f"- id: {id}", f"  source: {source}", f"  reason: {reason}"]
    if sentences:
        lines += ["  sentences:", *(f"    - {s!r}" for s in sentences)]
    if clauses:
        lines += ["  clauses:", *(f"    - {c!r}" for c in clauses)]
    return "\n".join(lines) + "\n"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SMALL / "facts", tmp_path / "facts")
    shutil.copytree(SMALL / "archive", tmp_path / "archive")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def problems_of(work: Path) -> list[str]:
    base, _ = load_factbase(work / "facts")
    return [str(p) for p in measure(base, read_texts(base, work / "archive"))[1]]


def test_small_fixture_counts(work: Path) -> None:
    base, _ = load_factbase(work / "facts")
    reports, problems = measure(base, read_texts(base, work / "archive"))
    assert problems == []
    assert [(r.source.id, len(r.sentences), len(r.cited), len(r.excused)) for r in reports] == [
        ("profile", 41, 5, 0),
        ("summary", 4, 1, 0),
    ]
    assert [len(r.partly) for r in reports] == [8, 0]
    assert reports[0].partly[9] == [
        "backed up by armored vehicles to seemingly take control of the prison"
    ]
    assert reports[0].partly[22] == ["Guerrero recruited leaders of criminal gangs from", "and"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            entry("a", "summary", "restates-original", "Short summary of the profil."),
            "facts/coverage.yaml:6: a.sentences[0]: not found verbatim in 'summary' "
            "(summary.txt): give one whole sentence, word for word: "
            "'Short summary of the profil.'",
        ),
        (
            entry("a", "summary", "restates-original", "The gang is present"),
            "facts/coverage.yaml:6: a.sentences[0]: part of a sentence in 'summary' "
            "(summary.txt): give one whole sentence, word for word: 'The gang is present'",
        ),
        (
            entry(
                "a",
                "summary",
                "restates-original",
                "Its headquarters are in the Tocorón prison in Aragua state.",
            ),
            "facts/coverage.yaml:6: a.sentences[0]: sentence 3 of 'summary' is cited by a "
            "record: remove it from the ledger",
        ),
        (
            entry(
                "a",
                "profile",
                "general-background",
                "Up to 11,000 police and military personnel entered the prison backed up by "
                "armored vehicles to seemingly take control of the prison.",
            ),
            "facts/coverage.yaml:6: a.sentences[0]: sentence 9 of 'profile' is partly cited by "
            "a record: list the words its quotes leave out under clauses instead",
        ),
        (
            entry("a", "profile", "general-background", clauses=("armoured vehicles",)),
            "facts/coverage.yaml:6: a.clauses[0]: not found verbatim in 'profile' "
            "(profile.txt): give words of one sentence, word for word: 'armoured vehicles'",
        ),
        (
            entry("a", "profile", "general-background", clauses=("However",)),
            "facts/coverage.yaml:6: a.clauses[0]: occurs more than once in 'profile': add "
            "neighbouring words until it occurs once: 'However'",
        ),
        (
            entry("a", "profile", "general-background", clauses=("Tocorón prison. Up to",)),
            "facts/coverage.yaml:6: a.clauses[0]: runs over sentences 8 to 9 of 'profile': "
            "a clause lies within one sentence",
        ),
        (
            entry("a", "profile", "general-background", clauses=("police and military",)),
            "facts/coverage.yaml:6: a.clauses[0]: every word of it is cited by a record "
            "(sentence 9 of 'profile'): remove it from the ledger",
        ),
    ],
)
def test_ledger_problems(work: Path, body: str, message: str) -> None:
    ledger(work / "facts", body)
    assert problems_of(work) == [message]


ONE_LINE = (
    "- id: a\n  source: summary\n  reason: page-furniture\n"
    "  sentences: ['Original Source: profile', 'Original  Source:\tprofile']\n"
)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            entry("a", "summary", "page-furniture", "Original Source: profile")
            + entry("b", "summary", "page-furniture", "Original Source: profile"),
            "facts/coverage.yaml:11: b.sentences[0]: the same sentence is already excused at "
            "facts/coverage.yaml:6 (a.sentences[0]): give it once",
        ),
        (  # two sentences, each once
            entry("a", "summary", "page-furniture", "Original Source: profile")
            + entry("b", "summary", "lead-in", "Short summary of the profile."),
            "",
        ),
        (  # a clause, like a sentence
            entry("a", "profile", "general-background", clauses=("seemingly take control",))
            + entry("b", "profile", "general-background", clauses=("seemingly take control",)),
            "facts/coverage.yaml:11: b.clauses[0]: the same words are already excused at "
            "facts/coverage.yaml:6 (a.clauses[0]): give them once",
        ),
        (  # on one line: the same text once normalised, as quotes are
            ONE_LINE,
            "facts/coverage.yaml:5: a.sentences[1]: the same sentence is already excused at "
            "facts/coverage.yaml:5 (a.sentences[0]): give it once",
        ),
    ],
)
def test_a_sentence_excused_twice(work: Path, body: str, message: str) -> None:
    """Found without the archive, like a duplicate id."""
    ledger(work / "facts", body)
    base, _ = load_factbase(work / "facts")
    assert [str(p) for p in check_ledger(base)] == ([message] if message else [])
    assert problems_of(work) == []  # excused once, as far as the archive is concerned


@pytest.mark.parametrize(
    ("body", "line"),
    [
        (
            entry("a", "profile", "restates-original", "Tren de Aragua"),
            "facts/coverage.yaml:4: a.reason: 'restates-original' is for a derived summary; "
            "'profile' is an original",
        ),
        (
            entry("a", "nowhere", "heading", "Tren de Aragua"),
            "facts/coverage.yaml:3: a.source: no source with id 'nowhere'",
        ),
        (
            entry("a", "profile", "heading"),
            "facts/coverage.yaml:2: a: give sentences, clauses or both",
        ),
        (
            entry("a", "profile", "boring", "Tren de Aragua"),
            "facts/coverage.yaml:4: a.reason: 'boring' is not one of: heading, page-furniture, "
            "lead-in, teaser-of-other-article, comparison-with-other-group, "
            "restates-cited-sentence, restates-original, opinion-without-checkable-claim or "
            "general-background",
        ),
    ],
)
def test_check_reports_bad_ledger_entries(
    runner: CliRunner, work: Path, body: str, line: str
) -> None:
    ledger(work / "facts", body)
    result = runner.invoke(cli, ["check", "--facts", "facts"])
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == [line]


def test_check_holds_a_base_with_a_ledger_to_every_sentence(runner: CliRunner, work: Path) -> None:
    ledger(work / "facts", entry("a", "summary", "page-furniture", "Original Source: profile"))
    result = runner.invoke(cli, ["check", "--facts", "facts", "--archive", "archive"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 28 + 8 + 2 + 1  # profile and summary sentences left, then the summary
    assert lines[0] == (
        "archive/profile.txt:1: profile sentence 2: partly covered: cite or excuse (as "
        "clauses) the words its quotes leave out: 'but the gang is involved in virtually every "
        "facet of organized crime in Venezuela, ranging from extorsion to kidnappings, "
        "homicide, vehicle theft, drug trafficking, arms trafficking, human trafficking and "
        "contraband'"
    )
    assert lines[1] == (
        "archive/profile.txt:3: profile sentence 3: not accounted for: cite it in a record "
        "or excuse it in the coverage ledger: 'The group, helped by a large number of "
        "members, has managed to surviv\u2026'"
    )
    assert lines[-2] == (
        "archive/summary.txt:1: summary sentence 2: not accounted for: cite it in a record "
        "or excuse it in the coverage ledger: 'The gang is present in Aragua state.'"
    )
    assert lines[-1].endswith(": 38 problem(s), 0 warning(s); quotes verified against archive")


def test_check_without_ledger_is_not_held_to_coverage(runner: CliRunner, work: Path) -> None:
    result = runner.invoke(cli, ["check", "--facts", "facts", "--archive", "archive"])
    assert result.exit_code == 0, result.output


# -- tda-export coverage -------------------------------------------------------------------
def test_coverage_lists_partly_covered_and_unaccounted_sentences(
    runner: CliRunner, work: Path
) -> None:
    result = runner.invoke(cli, ["coverage", "--facts", "facts", "--archive", "archive"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[:2] == [
        "profile (profile.txt): 41 sentences, 5 cited, 0 excused, 8 partly covered, 28 unaccounted",
        "summary (summary.txt): 4 sentences, 1 cited, 0 excused, 0 partly covered, 3 unaccounted",
    ]
    assert len(lines) == 2 + 8 + 28 + 3
    assert lines[2 + 1 + 5] == (  # sentences 2 and 3-7 come first
        "archive/profile.txt:7: profile sentence 9: partly covered: cite or excuse (as "
        "clauses) the words its quotes leave out: 'backed up by armored vehicles to seemingly "
        "take control of the prison'"
    )
    assert (
        "archive/profile.txt:16: profile sentence 22: partly covered: cite or excuse (as "
        "clauses) the words its quotes leave out: 'Guerrero recruited leaders of criminal "
        "gangs from', 'and'"
    ) in lines
    assert lines[-1] == (
        "archive/summary.txt:2: summary sentence 4: not accounted for: cite it in a record "
        "or excuse it in the coverage ledger: 'Original Source: profile'"
    )


def unique_clause(text: str, sentence: str, run: str) -> str:
    """``run`` of ``sentence`` with neighbouring words added until it occurs once in ``text``."""
    words = sentence.split(" ")
    first = len(sentence[: sentence.index(run)].split(" ")) - 1
    last = first + len(run.split(" "))
    while text.count(" ".join(words[first:last])) > 1:
        first, last = max(first - 1, 0), min(last + 1, len(words))
    return " ".join(words[first:last])


def test_coverage_exits_0_when_every_word_is_accounted_for(runner: CliRunner, work: Path) -> None:
    base, _ = load_factbase(work / "facts")
    reports, _ = measure(base, read_texts(base, work / "archive"))
    body = "".join(
        entry(
            f"left-{report.source.id}",
            report.source.id,
            "restates-original" if report.source.derived_from else "general-background",
            *dict.fromkeys(s.text for s in report.unaccounted),
            clauses=tuple(
                unique_clause(report.archived.text, sentence.text, run)
                for sentence in report.sentences
                for run in report.partly.get(sentence.number, ())
            ),
        )
        for report in reports
    )
    ledger(work / "facts", body)
    result = runner.invoke(
        cli, ["coverage", "--facts", "facts", "--archive", "archive"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "profile (profile.txt): 41 sentences, 13 cited, 28 excused, 0 partly covered, "
        "0 unaccounted",
        "summary (summary.txt): 4 sentences, 1 cited, 3 excused, 0 partly covered, 0 unaccounted",
    ]
    checked = runner.invoke(cli, ["check", "--facts", "facts", "--archive", "archive"])
    assert checked.exit_code == 0, checked.output


def test_coverage_refuses_a_base_with_errors(runner: CliRunner, work: Path) -> None:
    ledger(work / "facts", entry("a", "summary", "heading", "Not there at all."))
    result = runner.invoke(cli, ["coverage", "--facts", "facts", "--archive", "archive"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "facts/coverage.yaml:6: a.sentences[0]: not found verbatim in 'summary' (summary.txt): "
        "give one whole sentence, word for word: 'Not there at all.'",
        "Error: the fact base has 1 problem(s) besides coverage; see tda-export check --archive",
    ]


def test_coverage_needs_an_archive(runner: CliRunner, work: Path) -> None:
    result = runner.invoke(cli, ["coverage", "--facts", "facts"])
    assert result.exit_code == 2
    assert "Missing option '--archive'" in result.output


def test_real_base_accounts_for_every_sentence(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared_dir("seeds")
    monkeypatch.chdir(ROOT)
    result = runner.invoke(
        cli, ["coverage", "--archive", "../shared/seeds"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 4
    assert all(line.endswith(" excused, 0 partly covered, 0 unaccounted") for line in lines)
