"""The real fact base in facts/: clean against the archive, and its promises kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, shared_dir

from tda_export.archive import normalise
from tda_export.citations import citations_of
from tda_export.cli import cli
from tda_export.factbase import FactBase
from tda_export.models import Place
from tda_export.validation import load_checked

FACTS = ROOT / "facts"


@pytest.fixture(scope="module")
def base() -> FactBase:
    return load_checked(FACTS)


def test_check_with_archive_is_clean(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """`tda-export check --archive ../shared/seeds` passes with zero problems."""
    seeds = shared_dir("seeds")
    monkeypatch.chdir(ROOT)
    result = runner.invoke(cli, ["check", "--archive", str(Path("..") / "shared" / "seeds")])
    assert seeds.is_dir()
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.endswith(": 0 problem(s), 0 warning(s); quotes verified against ../shared/seeds")
    assert len(result.output.strip().splitlines()) == 1


def test_summary_cited_beside_its_original(base: FactBase) -> None:
    summary = base.source("bbc-summary")
    assert summary.derived_from == "bbc-explainer"
    for rec in base.all():
        cited = {c.source for _, c in citations_of(rec)}
        if "bbc-summary" in cited:
            assert "bbc-explainer" in cited, rec.id


def test_no_invented_source_metadata(base: FactBase) -> None:
    assert all(src.url is None for src in base.sources)
    assert base.source("ap-tocoron").published is not None
    assert base.source("ap-tocoron").published.text == "2025-03-31"
    for sid in ("insight-crime-profile", "bbc-explainer", "bbc-summary"):
        assert base.source(sid).published is None
    assert base.source("bbc-explainer").authors == ["Lisa Lambert"]
    assert base.source("bbc-summary").publisher is None


@pytest.mark.parametrize(
    ("measure", "ids"),
    [
        ("members", {"members-risquez-5000", "members-others-half", "members-ovv-4000"}),
    ],
)
def test_conflicting_figures_kept_apart(base: FactBase, measure: str, ids: set[str]) -> None:
    found = {f.id for f in base.figures if f.measure == measure and f.status == "disputed"}
    assert ids <= found


@pytest.mark.parametrize(
    ("ids", "status"),
    [
        # "at least" seven states and 11 of 23; "up to 11,000" personnel and 11,000 soldiers
        (("states-insight", "states-ovv"), "reported"),
        (("troops-tocoron-insight", "troops-tocoron-bbc"), "reported"),
        # six countries of "suspected members" and eight "believed", the US among them
        (("countries-insight", "countries-bbc"), "alleged"),
    ],
)
def test_figures_that_can_both_be_true_are_kept_apart_without_a_dispute(
    base: FactBase, ids: tuple[str, str], status: str
) -> None:
    figures = {f.id: f for f in base.figures}
    first, second = (figures[i] for i in ids)
    assert first.status == second.status == status
    assert second.id in first.see_also and first.id in second.see_also
    assert first.value != second.value or first.unit != second.unit


@pytest.mark.parametrize(
    "pair",
    [
        ("origin-railway-union", "origin-tocoron-prison"),
        ("guerrero-escape-2012-insight", "gang-takes-shape-in-tocoron"),
        ("expansion-abroad-2014", "expansion-abroad-2018"),
    ],
)
def test_disputed_event_pairs(base: FactBase, pair: tuple[str, str]) -> None:
    events = {e.id: e for e in base.events}
    for event_id in pair:
        assert events[event_id].status == "disputed"
    first, second = (events[i] for i in pair)
    assert {c.source for c in first.citations} != {c.source for c in second.citations} or (
        first.summary != second.summary
    )


@pytest.mark.parametrize(
    "pair",
    [
        ("guerrero-escape-2012-insight", "guerrero-escape-2012-bbc"),
        ("venezuela-crisis-2013", "venezuela-emergency-2014"),
    ],
)
def test_accounts_that_can_both_be_true_are_not_a_dispute(
    base: FactBase, pair: tuple[str, str]
) -> None:
    # Bribing a guard and news outlets' link to an actress; a crisis taking hold in 2013
    # and an emergency from 2014: each pair tells different things, neither contradicts.
    events = {e.id: e for e in base.events}
    first, second = (events[i] for i in pair)
    assert second.id in first.see_also and first.id in second.see_also
    assert second.status == "reported"
    assert "can both be true" in second.summary


def test_fighting_and_alleged_dealings_are_two_claims(base: FactBase) -> None:
    # InSight Crime: the gang fought the ELN; the BBC: some allege it worked with members
    relations = {(r.relation, r.status) for r in base.actor("eln").relations}
    assert {("ally", "alleged"), ("rival", "reported")} <= relations


def test_a_non_aggression_pact_is_not_an_alliance(base: FactBase) -> None:
    relations = [(r.relation, r.status) for r in base.actor("tren-del-llano").relations]
    # the pact; the takeover of its areas (anonymous police sources); displacing the gang
    assert relations == [("other", "reported"), ("rival", "alleged"), ("rival", "reported")]


def test_fees_weekly_and_monthly_both_kept(base: FactBase) -> None:
    figures = {f.id: f for f in base.figures}
    assert "month" in figures["inmate-fee-monthly-insight"].unit
    assert "weekly" in figures["inmate-fees-revenue-risquez"].label


def test_slips_stay_in_quotes_only(base: FactBase) -> None:
    """Slips of the sources appear in quotes (and notes naming them), never as facts."""
    slips = ("Tren de Gang", "two years leader", "Department of Homeland estimated", "\\$")
    for rec in base.all():
        own = [getattr(rec, name, None) for name in ("title", "summary", "label", "unit", "name")]
        own += list(getattr(rec, "aliases", []) or [])
        for slip in slips:
            assert not any(slip in text for text in own if text), (rec.id, slip)
        quoted = " ".join(c.quote for _, c in citations_of(rec))
        for slip in slips:
            if slip in quoted and slip != "\\$":
                notes = [c.note or "" for _, c in citations_of(rec)] + [rec.note or ""]
                assert any(notes), f"{rec.id}: quote with slip {slip!r} has no note"


def test_areas_are_not_pins_and_imprecise_points_say_so(base: FactBase) -> None:
    for place in base.places:
        if place.kind in ("country", "state", "department"):
            assert place.point is None
        if place.point is not None:
            assert place.precision != "exact"
            assert place.uncertainty_m and place.uncertainty_m > 0
            # a point not taken from the place's own gazetteer entry says where it comes from
            assert place.geonames_id is not None or "gazetteer" in (place.note or ""), place.id


def test_guantanamo_base_is_not_the_city(base: FactBase) -> None:
    naval_base: Place = base.place("guantanamo-bay-naval-base")
    assert naval_base.point is None
    assert naval_base.geonames_id != 3557689


def test_fuzzy_dates_keep_their_precision(base: FactBase) -> None:
    events = {e.id: e for e in base.events}
    assert events["gang-takes-shape-in-tocoron"].date.precision == "year"
    assert events["wilmito-killing"].date.precision == "month"
    assert events["tocoron-operation"].date.precision == "day"
    assert events["expansion-abroad-2018"].date.kind == "open-end"
    florida = events["florida-resident-killing"].date
    assert (florida.precision, florida.display) == ("year", "early 2024")
    recent = events["us-arrests"].date  # "in recent months": not from the beginning of time
    assert (recent.kind, recent.display) == ("range", "in the months before March 2025")
    assert recent.lower is not None and recent.lower.approximate


# -- kinds of error a review found, where a test can catch them ---------------------------
def test_places_are_named_by_their_citations(base: FactBase) -> None:
    """A place is recorded because a source names it: one of its quotes gives its name."""
    import re

    from tda_export.gazetteer import fold_name

    for place in base.places:
        names = [re.sub(r"\s*\(.*?\)", "", n) for n in (place.name, *place.alternate_names)]
        quotes = [fold_name(normalise(c.quote)) for _, c in citations_of(place)]
        assert any(fold_name(n) in q for n in names for q in quotes), place.id


#: Words by which a source qualifies a number, for each qualifier of a figure.
QUALIFIER_WORDS = {
    "about": ("about", "roughly", "around", "approximately", "some"),
    "up-to": ("up to",),
    "at-least": ("at least",),
    "more-than": ("more than",),
    "less-than": ("less than",),
    "from": ("starts at", "from"),
    "estimate": ("estimated", "estimate"),
}


def test_figure_qualifiers_are_an_originals_wording(base: FactBase) -> None:
    """A qualifier ("about" ...) comes from an original source's words, never a summary's."""
    for figure in base.figures:
        if figure.qualifier == "exact":
            continue
        originals = [
            c.quote.lower() for c in figure.citations if base.source(c.source).derived_from is None
        ]
        words = QUALIFIER_WORDS[figure.qualifier]
        assert any(w in q for w in words for q in originals), (figure.id, figure.qualifier)


#: Slips of the archived sources (the README lists them); each quote holding one says so.
SLIPS = (
    "two years leader",
    "Tren de Gang",
    "Department of Homeland estimated",
    "according the",
    "extorsion",
    "Sevilla Arteaga, complete control",
    "an invading force, invoking",
    "Center is used to bustle",
)


def test_each_quoted_slip_has_a_note_on_its_citation(base: FactBase) -> None:
    for rec in base.all():
        for path, cit in citations_of(rec):
            for slip in SLIPS:
                if slip in normalise(cit.quote):
                    assert cit.note, f"{rec.id} {path}: quote with slip {slip!r} has no note"


def test_dates_finer_than_their_wording_say_how(base: FactBase) -> None:
    """A month or day worked out from wording ("early 2024", "summer 2024") carries a note."""
    records = [*base.events, *base.presence, *base.figures]
    for rec in records:
        for name in ("date", "period", "as_of"):
            date = getattr(rec, name, None)
            if date is None or not date.display or date.precision == "year":
                continue
            assert date.note, f"{rec.id}.{name}: {date.text} shown as {date.display!r}"


def test_groups_have_a_country(base: FactBase) -> None:
    """Every group, gang or state body is placed in a country (the sources place each)."""
    for actor in base.actors:
        if actor.kind != "person":
            assert actor.country is not None, actor.id


def test_the_readme_counts_the_published_corrections(base: FactBase) -> None:
    """README, "What it holds": how many corrections the base shows readers."""
    records = [rec for rec in base.all() if rec.revisions]
    kinds = {kind: sum(rec.record_kind == kind for rec in records)
             for kind in ("place", "actor", "event", "presence", "figure")}  # fmt: skip
    row = (
        f"| corrections | {sum(len(rec.revisions) for rec in records)} published on "
        f"{len(records)} records ({kinds['place']} places, {kinds['actor']} actors, "
        f"{kinds['event']} events, {kinds['presence']} presence, {kinds['figure']} figures)"
    )
    assert row in (ROOT / "README.md").read_text(encoding="utf-8")
