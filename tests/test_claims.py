"""Attribution and hedging on citations; a claim's status follows from its citations."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import TypeAdapter

from tda_export.claims import strength
from tda_export.formats.words import attribution_words
from tda_export.models import Citation, Source
from tda_export.validation import validate

HEAD = "# yaml-language-server: $schema=../../../../facts/schema/presence.schema.json\n"
QUOTE = "Its headquarters are in the Tocorón prison in Aragua state"


def citation(**fields: object) -> Citation:
    return TypeAdapter(Citation).validate_python({"source": "profile", "quote": QUOTE, **fields})


@pytest.mark.parametrize(
    ("hedge", "claimant", "expected"),
    [
        ("asserted", None, "reported"),
        ("estimated", None, "reported"),
        ("asserted", "official", "reported"),
        ("asserted", "person", "reported"),
        ("asserted", "organization", "reported"),
        ("asserted", "media", "reported"),
        ("estimated", "person", "reported"),
        ("asserted", "anonymous", "alleged"),
        ("asserted", "unspecified", "alleged"),
        ("estimated", "unspecified", "alleged"),
        ("alleged", None, "alleged"),
        ("suspected", "official", "alleged"),
        ("attempted", None, "alleged"),
        ("reportedly", "media", "alleged"),
        ("possible", None, "alleged"),
    ],
)
def test_strength(hedge: str, claimant: str | None, expected: str) -> None:
    who = {"claimant": {"kind": claimant, "name": "someone"}} if claimant else {}
    assert strength(citation(hedge=hedge, **who)) == expected


def test_citation_defaults_to_the_source_asserting_it() -> None:
    cit = citation()
    assert (cit.claimant, cit.hedge, cit.cue_note) == (None, "asserted", None)


def errors(facts: Path) -> list[str]:
    """The errors ``check`` finds in ``facts``, named from the folder above it."""
    _, problems = validate(facts.relative_to(Path.cwd()))
    return [str(p) for p in problems if p.severity == "error"]


def presence(facts: Path, body: str) -> list[str]:
    """Replace presence.yaml of a copy of the small base; the errors of ``check``."""
    (facts / "presence.yaml").write_text(HEAD + body, encoding="utf-8")
    return errors(facts)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def record(status: str, *citations: str) -> str:
    head = f"- id: presence-x\n  place: aragua\n  status: {status}\n  citations:\n"
    return head + "".join(citations)


def cite(source: str = "profile", **extra: str) -> str:
    text = f"    - source: {source}\n      quote: {QUOTE}\n"
    return text + "".join(f"      {key}: {value}\n" for key, value in extra.items())


ANON = "{kind: anonymous, name: police sources speaking on condition of anonymity}"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            record("reported", cite(hedge="alleged")),
            "facts/presence.yaml:4: presence-x.status: 'reported' is stronger than its "
            "citations allow: every citation is hedged or attributed to anonymous or "
            "unspecified sources (alleged); use alleged",
        ),
        (
            record("reported", cite(claimant=ANON), cite(hedge="suspected", claimant=ANON)),
            "facts/presence.yaml:4: presence-x.status: 'reported' is stronger than its "
            "citations allow: every citation is hedged or attributed to anonymous or "
            "unspecified sources (anonymous, suspected); use alleged",
        ),
        (
            record("reported", cite(hedge="attempted"), cite("summary")),
            "facts/presence.yaml:4: presence-x.status: 'reported' is stronger than its "
            "citations allow: every citation is hedged or attributed to anonymous or "
            "unspecified sources (attempted, summaries do not count); use alleged",
        ),
    ],
)
def test_reported_needs_a_firm_citation(facts_copy: Path, body: str, message: str) -> None:
    assert presence(facts_copy, body) == [message]


@pytest.mark.parametrize(
    "body",
    [
        record("reported", cite(hedge="alleged"), cite(hedge="estimated")),
        record("reported", cite(claimant="{kind: official, name: the US State Department}")),
        record("alleged", cite(hedge="alleged")),
        record("disputed", cite(claimant=ANON)),
        record("outdated", cite(hedge="possible")),
        record("alleged", cite()),
    ],
)
def test_statuses_the_citations_allow(facts_copy: Path, body: str) -> None:
    assert presence(facts_copy, body) == []


def test_relation_claim_status_defaults_to_reported(facts_copy: Path) -> None:
    actors = facts_copy / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    hedged = (
        "quote: Although it was later displaced by the Tren del Llano\n          hedge: alleged\n"
    )
    actors.write_text(
        text.replace("      status: disputed\n", "", 2).replace(
            "quote: Although it was later displaced by the Tren del Llano\n", hedged
        ),
        encoding="utf-8",
    )
    assert errors(facts_copy) == [
        "facts/actors.yaml:23: tren-del-llano.relations[1].status: 'reported' is stronger "
        "than its citations allow: every citation is hedged or attributed to anonymous or "
        "unspecified sources (alleged); use alleged"
    ]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {"hedge": "rumoured"},
            "facts/presence.yaml:8: presence-x.citations[0].hedge: 'rumoured' is not one of: "
            "asserted, alleged, suspected, attempted, reportedly, possible or estimated",
        ),
        (
            {"claimant": "{kind: police, name: the police}"},
            "facts/presence.yaml:8: presence-x.citations[0].claimant.kind: 'police' is not one "
            "of: official, person, organization, media, anonymous or unspecified",
        ),
        (
            {"claimant": "{kind: official}"},
            "facts/presence.yaml:8: presence-x.citations[0].claimant.name: missing (required)",
        ),
    ],
)
def test_bad_attribution_fields(facts_copy: Path, extra: dict[str, str], message: str) -> None:
    assert presence(facts_copy, record("alleged", cite(**extra))) == [message]


# -- the attribution in words -----------------------------------------------------------------
BBC = TypeAdapter(Source).validate_python(
    {
        "id": "bbc",
        "publisher": "BBC News",
        "title": "What is Tren de Aragua?",
        "kind": "news-report",
        "language": "en",
        "archive": {"file": "bbc.txt", "sha256": "0" * 64},
    }
)
UNTITLED = TypeAdapter(Source).validate_python(
    {
        "id": "summary",
        "title": "[Untitled summary]",
        "kind": "derived-summary",
        "language": "en",
        "archive": {"file": "summary.txt", "sha256": "0" * 64},
    }
)
STATE = {"kind": "official", "name": "the US State Department"}
TRUMP = {"kind": "official", "name": "President Trump"}
POLICE = {"kind": "anonymous", "name": "police sources speaking on condition of anonymity"}
SOME = {"kind": "unspecified", "name": "some"}
RISQUEZ = {"kind": "person", "name": "Ronna Rísquez"}
NBC = {"kind": "media", "name": "NBC News"}


@pytest.mark.parametrize(
    ("hedge", "claimant", "words"),
    [
        ("asserted", None, None),
        ("alleged", None, "alleged, according to BBC News"),
        ("suspected", None, "suspected, according to BBC News"),
        ("attempted", None, "an attempt, according to BBC News"),
        ("reportedly", None, "reportedly, according to BBC News"),
        ("possible", None, "possibly, according to BBC News"),
        ("estimated", None, "an estimate, according to BBC News"),
        ("asserted", STATE, "according to the US State Department, cited by BBC News"),
        ("alleged", TRUMP, "alleged by President Trump, cited by BBC News"),
        (
            "alleged",
            POLICE,
            "alleged, according to police sources speaking on condition of anonymity, "
            "cited by BBC News",
        ),
        ("alleged", SOME, "alleged, according to some, cited by BBC News"),
        ("suspected", STATE, "suspected, according to the US State Department, cited by BBC News"),
        (
            "attempted",
            POLICE,
            "an attempt, according to police sources speaking on condition of "
            "anonymity, cited by BBC News",
        ),
        ("reportedly", NBC, "reportedly, according to NBC News, cited by BBC News"),
        ("possible", RISQUEZ, "possibly, according to Ronna Rísquez, cited by BBC News"),
        ("estimated", RISQUEZ, "an estimate by Ronna Rísquez, cited by BBC News"),
        ("estimated", SOME, "an estimate by some, cited by BBC News"),
    ],
)
def test_attribution_words(hedge: str, claimant: dict[str, str] | None, words: str | None) -> None:
    who = {"claimant": claimant} if claimant else {}
    assert attribution_words(citation(hedge=hedge, **who), BBC) == words


def test_attribution_names_an_untitled_source_by_its_title() -> None:
    cit = citation(claimant=STATE)
    assert attribution_words(cit, UNTITLED) == (
        "according to the US State Department, cited by \u201c[Untitled summary]\u201d"
    )
