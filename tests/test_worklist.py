"""tda-export coverage --todo / --apply: the worksheet of a source's open sentences.

docs/adding-a-source.md runs the whole flow (tests/test_adding_a_source.py); here each
refusal with its exact message (nothing written), and where answers go.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import HERE
from test_source_add import state

from tda_export.cli import cli

NEWSROOM = HERE / "fixtures" / "newsroom"
RING = (
    "Harbour smuggling ring dismantled, police say\n\n"
    "Police in Example Bay said on Monday that they had dismantled a smuggling ring that moved "
    "goods through the harbour for three years. Officers seized ledgers and 40 mobile phones."
    "\n\nThe northern quay, closed in March for repairs, reopened last week.\n\n"
    "The mayor, Carla Muestra, called the arrests \u201ca first step\u201d.\n\n"
    "Ferry fares rose again this month, the port authority said."
)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--facts", "facts", "--archive", "archive"])


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The newsroom base with the harbour-ring article added as source ``ring``."""
    for name in ("facts", "archive"):
        shutil.copytree(NEWSROOM / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ring.txt").write_text(RING, encoding="utf-8")
    added = invoke("source", "add", "ring.txt", "--id", "ring", "--kind", "news-report",
                   "--title", "Harbour ring", "--language", "en")  # fmt: skip
    assert added.exit_code == 0, added.output
    return tmp_path


def item(number: int, line: int, text: str, **slots: dict[str, str]) -> str:
    out = f"- source: ring\n  sentence: {number}\n  line: {line}\n  text: '{text}'\n"
    for slot, values in slots.items():
        out += f"  {slot}:\n" + "".join(f"    {k}: '{v}'\n" for k, v in values.items())
    return out


HEADING = (1, 1, "Harbour smuggling ring dismantled, police say")
QUAY = (4, 5, "The northern quay, closed in March for repairs, reopened last week.")
MAYOR = (5, 7, "The mayor, Carla Muestra, called the arrests \u201ca first step\u201d.")
FARES = (6, 9, "Ferry fares rose again this month, the port authority said.")


def apply(base: Path, *items: str) -> Result:
    (base / "worksheet.yaml").write_text("".join(items), encoding="utf-8")
    return invoke("coverage", "--apply", "worksheet.yaml")


def test_a_sentence_cited_whole_keeps_its_curly_quotes(base: Path) -> None:
    result = apply(base, item(*MAYOR, cite={"record": "quay-closure"}))
    assert result.exit_code == 1  # five sentences are still open
    assert result.output.splitlines()[:3] == [
        "facts/events.yaml: changed",
        "worksheet.yaml: 1 citation(s) added to 1 record(s), 0 sentence(s) or clause(s) "
        "excused, 0 item(s) left open",
        "ring (001_fc217d5ff831b73c.txt): 6 sentences, 1 cited, 0 excused, 0 partly covered, "
        "5 unaccounted",
    ]
    events = (base / "facts" / "events.yaml").read_text(encoding="utf-8")
    assert events.endswith(
        "      quote: Boats will use the southern quay until the work is done.\n"
        "    - source: ring\n"
        "      quote: The mayor, Carla Muestra, called the arrests \u201ca first step\u201d.\n"
    )


def test_an_excuse_without_a_note_joins_the_entry_of_its_reason(base: Path) -> None:
    ledger = base / "facts" / "coverage.yaml"
    ledger.write_text(
        ledger.read_text(encoding="utf-8")
        + "\n- id: ring-furniture\n  source: ring\n  reason: page-furniture\n  sentences:\n"
        "    - >-\n      Ferry fares rose again this month, the port authority said.\n"
        "  note: A teaser.\n",
        encoding="utf-8",
    )
    result = apply(base, item(*HEADING, excuse={"reason": "page-furniture"}),
                   item(*QUAY), item(*MAYOR, excuse={"reason": "page-furniture",
                                                     "note": "Its own note."}))  # fmt: skip
    assert result.exit_code == 1
    assert result.output.splitlines()[1] == (
        "worksheet.yaml: 0 citation(s) added to 0 record(s), 2 sentence(s) or clause(s) "
        "excused, 1 item(s) left open"
    )
    assert ledger.read_text(encoding="utf-8").endswith(
        "- id: ring-furniture\n  source: ring\n  reason: page-furniture\n  sentences:\n"
        "    - >-\n      Ferry fares rose again this month, the port authority said.\n"
        "    - Harbour smuggling ring dismantled, police say\n"
        "  note: A teaser.\n\n"
        "- id: ring-page-furniture\n  source: ring\n  reason: page-furniture\n"
        "  note: Its own note.\n  sentences:\n"
        "    - The mayor, Carla Muestra, called the arrests \u201ca first step\u201d.\n"
    )


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([item(*QUAY, cite={"record": "nosuch"})],
         "worksheet.yaml:6: [0].cite.record: no record with id 'nosuch'"),
        ([item(*QUAY, cite={"record": "ring"})],
         "worksheet.yaml:6: [0].cite.record: 'ring' is a source: only places, events, presence "
         "and figures take citations here (an actor's go in its relations: add them by hand)"),
        ([item(*QUAY, cite={"record": "quay-closure", "quote": "closed in April"})],
         "worksheet.yaml:7: [0].cite.quote: not part of the sentence, word for word"),
        ([item(*QUAY, cite={"record": "quay-closure"}, excuse={"reason": "heading"})],
         "worksheet.yaml:5: [0].cite: fill cite or excuse, not both"),
        ([item(*QUAY, excuse={"note": "why"})],
         "worksheet.yaml:5: [0].excuse: a quote or note needs a record (cite) or a reason "
         "(excuse)"),
        ([item(*QUAY, excuse={"reason": "boring"})],
         "worksheet.yaml:6: [0].excuse.reason: 'boring' is not one of: heading, page-furniture, "
         "lead-in, teaser-of-other-article, comparison-with-other-group, "
         "restates-cited-sentence, restates-original, opinion-without-checkable-claim or "
         "general-background"),
        ([item(4, 5, "The northern quay reopened.", excuse={"reason": "heading"})],
         "worksheet.yaml:4: [0].text: no longer a sentence of 'ring': make a new worksheet"),
        ([item(*QUAY).replace("source: ring", "source: nosuch")],
         "worksheet.yaml:1: [0].source: no source with id 'nosuch' in the base and archive"),
        ([item(*QUAY, excuse={"reason": "heading"}).replace(
            "  excuse:", "  uncovered: [reopened last year]\n  excuse:")],
         "worksheet.yaml:5: [0].uncovered: 'reopened last year': not part of the sentence, "
         "word for word"),
        ([item(*FARES, cite={"record": "quay-closure"})],
         "worksheet.yaml:5: [0].cite: the quote's sentence carries 'said' (\"\u2026month, the "
         "port authority said.\"): record who makes the claim (claimant), how the source hedges "
         "it (hedge) or why the cue does not apply (cue_note)"),
        ([item(*QUAY, cite={"record": "quay-closure", "cue_note": "no cue"})],
         "worksheet.yaml:7: [0].cite.cue_note: no attribution or hedging cue in the quote's "
         "sentence: remove the cue_note"),
        ([item(*QUAY, excuse={"reason": "heading"}) + "  colour: red\n"],
         "worksheet.yaml:7: [0].colour: unknown field; allowed: cite, cues, excuse, line, "
         "sentence, source, text, uncovered"),
        (["- source: ring\n  sentence: [\n"],
         "worksheet.yaml:3: (yaml): invalid YAML: did not find expected node content"),
    ],
    ids=["unknown-record", "not-a-citing-record", "quote-not-in-sentence", "both",
         "note-alone", "unknown-reason", "sentence-gone", "unknown-source",
         "uncovered-not-in-sentence", "cue-not-recorded", "stale-cue-note", "unknown-field",
         "bad-yaml"],
)  # fmt: skip
def test_a_bad_answer_is_refused_and_nothing_is_written(
    base: Path, items: list[str], message: str
) -> None:
    before = state(base)
    result = apply(base, *items)
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        message,
        "Error: 1 problem(s) (each named above); nothing was written",
    ]
    assert state(base) == before


def cite_by_hand(base: Path, quote: str) -> None:
    """Append a citation of ``ring`` (the port authority's words) to the quay's record."""
    events = base / "facts" / "events.yaml"
    events.write_text(
        events.read_text(encoding="utf-8") + f"    - source: ring\n      quote: {quote}\n"
        "      claimant: {kind: official, name: the port authority}\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    ("quote", "message"),
    [
        (FARES[2], "cited by a record: remove it from the ledger"),
        ("Ferry fares rose", "partly cited by a record: list the words its quotes leave out "
         "under clauses instead"),
    ],
    ids=["whole", "part"],
)  # fmt: skip
def test_answers_that_would_break_the_base_are_refused(
    base: Path, quote: str, message: str
) -> None:
    """Excusing a sentence a record cites: the ledger check's message, nothing written."""
    cite_by_hand(base, quote)
    before = state(base)
    result = apply(base, item(*FARES, excuse={"reason": "general-background"}))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "facts/coverage.yaml:19: ring-general-background.sentences[0]: sentence 6 of 'ring' is "
        + message,
        "Error: 1 problem(s) (each named above); nothing was written",
    ]
    assert state(base) == before


def test_a_partly_covered_sentence_and_its_cues(base: Path) -> None:
    """The worksheet lists the words a quote leaves out and the sentence's cues; excusing
    the words writes them as clauses; a cite records who makes the claim."""
    cite_by_hand(base, "Ferry fares rose again this month")
    result = invoke("coverage", "--todo", "w.yaml", "--source", "ring")
    assert (result.exit_code, result.output) == (0, "w.yaml: 6 open sentence(s) of ring\n")
    sheet = (base / "w.yaml").read_text(encoding="utf-8")
    assert (
        "- source: ring\n  sentence: 1\n  line: 1\n"
        "  text: Harbour smuggling ring dismantled, police say\n  cues: [say]\n  cite:\n"
    ) in sheet
    assert sheet.endswith(
        "- source: ring\n  sentence: 6\n  line: 9\n  text: " + FARES[2] + "\n"
        "  uncovered:\n    - the port authority said\n  cues: [said]\n"
        "  cite:\n    record:\n    quote:\n    note:\n  excuse:\n    reason:\n    note:\n"
    )
    police = (2, 3, "Police in Example Bay said on Monday that they had dismantled a smuggling "
              "ring that moved goods through the harbour for three years.")  # fmt: skip
    answers = item(*FARES, excuse={"reason": "general-background"}).replace(
        "  excuse:", "  uncovered: [the port authority said]\n  excuse:"
    ) + item(*police, cite={"record": "quay-closure"}).replace(
        "  cite:\n", "  cite:\n    claimant: {kind: official, name: police in Example Bay}\n"
    )
    result = apply(base, answers)
    assert result.exit_code == 1  # four sentences are still open
    assert result.output.splitlines()[:4] == [
        "facts/coverage.yaml: changed",
        "facts/events.yaml: changed",
        "worksheet.yaml: 1 citation(s) added to 1 record(s), 1 sentence(s) or clause(s) "
        "excused, 0 item(s) left open",
        "ring (001_fc217d5ff831b73c.txt): 6 sentences, 2 cited, 0 excused, 0 partly covered, "
        "4 unaccounted",
    ]
    ledger = (base / "facts" / "coverage.yaml").read_text(encoding="utf-8")
    assert ledger.endswith(
        "- id: ring-general-background\n  source: ring\n  reason: general-background\n"
        "  clauses:\n    - the port authority said\n"
    )
    events = (base / "facts" / "events.yaml").read_text(encoding="utf-8")
    assert events.endswith(
        "      claimant:\n        kind: official\n        name: police in Example Bay\n"
    )


def test_todo_wants_one_source(base: Path) -> None:
    result = invoke("coverage", "--todo", "worksheet.yaml")
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        2, "Error: --todo writes the worksheet of one source: give one --source",
    )  # fmt: skip
    result = invoke("coverage", "--todo", "w.yaml", "--source", "nosuch")
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        2, "Error: --source: no source 'nosuch' with an archived copy",
    )  # fmt: skip
    (base / "w.yaml").write_text("[]\n", encoding="utf-8")
    result = invoke("coverage", "--todo", "x.yaml", "--source", "ring", "--apply", "w.yaml")
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        2, "Error: give --todo or --apply, not both",
    )  # fmt: skip
    assert not (base / "worksheet.yaml").exists() and not (base / "x.yaml").exists()


def test_an_empty_worksheet_of_a_source_with_nothing_open(base: Path) -> None:
    result = invoke("coverage", "--todo", "w.yaml", "--source", "courier-quay-closure")
    assert (result.exit_code, result.output) == (
        0, "w.yaml: 0 open sentence(s) of courier-quay-closure\n",
    )  # fmt: skip
    assert (base / "w.yaml").read_text(encoding="utf-8").endswith("\n[]\n")
    result = invoke("coverage", "--apply", "w.yaml")
    assert result.exit_code == 0, result.output
