"""Attribution and hedging cues: the whole sentence of each quote is read (with --archive)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SMALL

from tda_export.cues import LEXICON, find_cues
from tda_export.validation import validate

HEAD = "# yaml-language-server: $schema=../../../../facts/schema/presence.schema.json\n"


@pytest.mark.parametrize("cue", sorted(LEXICON))
def test_every_cue_is_found_as_a_whole_word(cue: str) -> None:
    assert [m.group() for m in find_cues(f"The paper {cue} it.")] == [cue]
    assert [m.group() for m in find_cues(f"{cue[0].upper()}{cue[1:]} it.")] == [cue]
    assert find_cues(f"The paper x{cue}x it.") == []


@pytest.mark.parametrize(
    ("sentence", "cues"),
    [
        ("The union charged for job assignments.", []),
        ("Two suspects were arrested and charged with murder.", ["suspects", "charged with"]),
        ("Its largest source of revenue.", []),
        ("Vance spoke on Wednesday, May 7, 2025.", []),
        ("May have come from a union.", ["may have"]),
        ("It is unlikely that it ends.", ["unlikely"]),
        ("There are credible reports about it.", ["credible reports"]),
        ("Guárico state, according the US state department.", ["according the"]),
        (
            "Police sources who spoke on condition of anonymity.",
            ["sources", "condition of anonymity"],
        ),
    ],
)
def test_find_cues(sentence: str, cues: list[str]) -> None:
    assert [m.group() for m in find_cues(sentence)] == cues


def test_docs_list_the_lexicon() -> None:
    text = (ROOT / "docs" / "attribution.md").read_text(encoding="utf-8")
    section = text.split("## The cue lexicon", 1)[1].split("\n## ", 1)[0]
    listed: dict[str, str] = {}
    for row in re.findall(r"^\| `([\w-]+)` \| (.+) \|$", section, re.M):
        for cue in re.findall(r"`([^`]+)`", row[1]):
            listed[cue] = row[0]
    assert listed == LEXICON


# -- the check -----------------------------------------------------------------------------
@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SMALL / "facts", tmp_path / "facts")
    shutil.copytree(SMALL / "archive", tmp_path / "archive")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def errors(body: str) -> list[str]:
    """The errors of ``check --archive`` with this presence.yaml in a copy of the small base."""
    Path("facts/presence.yaml").write_text(HEAD + body, encoding="utf-8")
    _, problems = validate(Path("facts"), Path("archive"))
    return [str(p) for p in problems if p.severity == "error"]


def record(quote: str, status: str = "alleged", **extra: str) -> str:
    lines = [
        "- id: presence-x",
        "  place: aragua",
        f"  status: {status}",
        "  citations:",
        "    - source: profile",
        f"      quote: {quote}",
        *(f"      {key}: {value}" for key, value in extra.items()),
    ]
    return "\n".join(lines) + "\n"


LLANO = "the Tren de Aragua took control of its areas of influence in Aragua"
WILMITO = "he consolidated his power"
PLAIN = "Its headquarters are in the Tocorón prison in Aragua state"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            record(LLANO),
            "facts/presence.yaml:6: presence-x.citations[0]: the quote's sentence carries "
            "'according to' (\"\u2026part of Guárico state, according to police sources who "
            "spoke\u2026\"), also 'sources', 'condition of anonymity': record who makes the "
            "claim (claimant), how the source hedges it (hedge) or why the cue does not apply "
            "(cue_note)",
        ),
        (
            record(WILMITO),
            "facts/presence.yaml:6: presence-x.citations[0]: the quote's sentence carries "
            "'allegedly' (\"\u2026consolidated his power after allegedly murdering Venezuela's "
            'first pran,\u2026"): record who makes the claim (claimant), how the '
            "source hedges it (hedge) or why the cue does not apply (cue_note)",
        ),
        (
            record(PLAIN, cue_note="Nothing here is hedged."),
            "facts/presence.yaml:8: presence-x.citations[0].cue_note: no attribution or hedging "
            "cue in the quote's sentence: remove the cue_note",
        ),
        (
            record(PLAIN, hedge="alleged", cue_note="Nothing here is hedged."),
            "facts/presence.yaml:9: presence-x.citations[0].cue_note: no attribution or "
            "hedging cue in the quote's sentence: remove the cue_note",
        ),
    ],
)
def test_cue_problems(work: Path, body: str, message: str) -> None:
    assert errors(body) == [message]


ANON = "{kind: anonymous, name: police sources speaking on condition of anonymity}"


@pytest.mark.parametrize(
    "body",
    [
        record(LLANO, claimant=ANON),
        record(WILMITO, hedge="alleged"),
        record(WILMITO, cue_note="The killing is alleged; that he gained power is not."),
        record(WILMITO, hedge="alleged", cue_note="Only the killing is alleged."),
        record(PLAIN, status="reported"),
    ],
)
def test_recorded_cues_pass(work: Path, body: str) -> None:
    assert errors(body) == []


def test_a_quote_over_two_sentences_reads_both(work: Path) -> None:
    quote = "among them Tren del Llano. However, after the death of Tren del Llano's leader"
    assert [e.split(": record")[0] for e in errors(record(f'"{quote}"'))] == [
        "facts/presence.yaml:6: presence-x.citations[0]: the quote's sentence carries "
        "'according to' (\"\u2026part of Guárico state, according to police sources who "
        "spoke\u2026\"), also 'sources', 'condition of anonymity'"
    ]


def test_without_archive_cues_are_not_read(work: Path) -> None:
    Path("facts/presence.yaml").write_text(HEAD + record(LLANO), encoding="utf-8")
    _, problems = validate(Path("facts"))
    assert [p for p in problems if p.severity == "error"] == []
