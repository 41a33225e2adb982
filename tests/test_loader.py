"""Loading fact files: kinds, order, origins, and the message of each schema fault."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tda_export.errors import FactBaseError, Problem
from tda_export.loader import display_path, fact_files, kind_of, load_factbase, load_file
from tda_export.models import Event, Place

SOURCE = """\
- id: profile
  title: Tren de Aragua
  kind: profile
  language: en
  archive:
    file: profile.txt
    sha256: d196f5dde32cfa419537522c50aee6b79798855265d233f139c8b931c7efee52
"""

SHA = "d196f5dde32cfa419537522c50aee6b79798855265d233f139c8b931c7efee52"

PLACE = """\
- id: guiria
  name: Güiria
  kind: town
  country: VE
  state: VE-R
  point: [-62.29841, 10.57721]
  precision: locality
  uncertainty_m: 5000
  citations:
    - source: profile
      quote: the group maintains control of Güiria
"""


def problems(tmp_path: Path, name: str, text: str) -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [str(p) for p in load_file(path, name) if isinstance(p, Problem)]


def edited(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1
    return text.replace(old, new)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("events.yaml", "events"),
        ("events-2025.yaml", "events"),
        ("presence.yml", "presence"),
        ("sources.yaml", "sources"),
        ("eventsx.yaml", None),
        ("notes.yaml", None),
        ("event.yaml", None),
    ],
)
def test_kind_of(name: str, kind: str | None) -> None:
    assert kind_of(Path(name)) == kind


def test_fact_files_sorted_yaml_only(tmp_path: Path) -> None:
    for name in ("places.yaml", "events-b.yml", "events-a.yaml", "README.md"):
        (tmp_path / name).write_text("[]\n")
    (tmp_path / "schema").mkdir()
    assert [p.name for p in fact_files(tmp_path)] == [
        "events-a.yaml",
        "events-b.yml",
        "places.yaml",
    ]


def test_load_small_fixture(small_facts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(small_facts.parent)
    base, found = load_factbase(Path("facts"))
    assert found == []
    assert base.counts() == {
        "sources": 2,
        "places": 6,
        "actors": 2,
        "events": 6,
        "presence": 4,
        "figures": 2,
    }
    killing = base.by_id["wilmito-killing"]
    assert isinstance(killing, Event)
    assert (killing.origin.file, killing.origin.line) == ("facts/events.yaml", 27)
    assert killing.origin.line_of("date") == 29
    assert killing.origin.line_of("citations", 0, "quote") == 37
    assert killing.date.text == "2017-04"
    guiria = base.place("guiria")
    assert isinstance(guiria, Place)
    assert guiria.point == (-62.29841, 10.57721)
    assert base.invalid_ids == frozenset()


def test_multiline_quote_is_folded(small_facts: Path) -> None:
    base, _ = load_factbase(small_facts)
    union = base.by_id["union-becomes-gang"]
    assert isinstance(union, Event)
    assert union.citations[0].quote == (
        "After the project began in 2005, the union charged for job assignments and "
        "extorted money from contractors."
    )


def test_split_files_of_one_kind(tmp_path: Path, small_facts: Path) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(small_facts, facts)
    (facts / "events.yaml").rename(facts / "events-2013.yaml")
    base, found = load_factbase(facts)
    assert (found, base.counts()["events"]) == ([], 6)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(FactBaseError) as excinfo:
        load_factbase(tmp_path / "nowhere")
    assert [str(p) for p in excinfo.value.problems] == [
        f"{tmp_path / 'nowhere'}:0: (folder): no such fact folder"
    ]


def test_a_folder_without_fact_files(tmp_path: Path) -> None:
    """The wrong --facts folder (one above the facts, say) is an error, not an empty base."""
    (tmp_path / "facts").mkdir()
    (tmp_path / "README.md").write_text("notes\n")
    base, found = load_factbase(tmp_path)
    assert base.counts()["events"] == 0
    assert [str(p) for p in found] == [
        f"{tmp_path}/README.md:1: (file): warning: not read: only files ending in .yaml "
        "or .yml hold facts",
        f"{tmp_path}/facts:1: (folder): warning: not read: fact files are read from the "
        "fact folder itself, not from its subfolders",
        f"{tmp_path}:0: (folder): no fact files here (sources.yaml, events.yaml … ending "
        "in .yaml or .yml): is this the fact folder?",
    ]


def test_invalid_records_are_remembered(tmp_path: Path) -> None:
    (tmp_path / "places.yaml").write_text(edited(PLACE, "country: VE", "country: ve"))
    base, found = load_factbase(tmp_path)
    assert len(found) == 1
    assert base.places == []
    assert base.invalid_ids == frozenset({"guiria"})


def test_display_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "facts" / "events.yaml") == "facts/events.yaml"
    assert display_path(Path("/elsewhere/events.yaml")) == "/elsewhere/events.yaml"


def test_valid_files_have_no_problems(tmp_path: Path) -> None:
    assert problems(tmp_path, "sources.yaml", SOURCE) == []
    assert problems(tmp_path, "places.yaml", PLACE) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  name: Güiria\n", "", "places.yaml:1: guiria.name: missing (required)"),
        (
            "  kind: town\n",
            "  knd: town\n",
            "places.yaml:1: guiria.kind: missing (required)\n"
            "places.yaml:3: guiria.knd: unknown field; did you mean 'kind'?",
        ),
        (
            "  name: Güiria\n",
            "  name: Güiria\n  zzz: 1\n",
            "places.yaml:3: guiria.zzz: unknown field; allowed: alternate_names, citations, "
            "country, geonames_id, id, kind, name, note, parent, point, precision, revisions, "
            "see_also, state, uncertainty_m",
        ),
        (
            "      quote:",
            "      qoute:",
            "places.yaml:10: guiria.citations[0].quote: missing (required)\n"
            "places.yaml:11: guiria.citations[0].qoute: unknown field; did you mean 'quote'?",
        ),
        (
            "kind: town",
            "kind: village",
            "places.yaml:3: guiria.kind: 'village' is not one of: prison, neighbourhood, town, "
            "city, municipality, state, department, country, region, border-crossing, "
            "military-base or site",
        ),
        (
            "country: VE",
            "country: Venezuela",
            "places.yaml:4: guiria.country: 'Venezuela' is not an ISO 3166-1 alpha-2 code "
            "(two capital letters, e.g. VE)",
        ),
        (
            "state: VE-R",
            "state: Sucre",
            "places.yaml:5: guiria.state: 'Sucre' is not an ISO 3166-2 code (e.g. VE-D)",
        ),
        (
            "  state: VE-R\n",
            "  state: VE-R\n  parent: Sucre State\n",
            "places.yaml:6: guiria.parent: 'Sucre State' is not a valid id: "
            "use lowercase letters, digits and single hyphens",
        ),
        (
            "- source: profile",
            "- source: InSight",
            "places.yaml:10: guiria.citations[0].source: 'InSight' is not a valid id: "
            "use lowercase letters, digits and single hyphens",
        ),
        (
            "    - source: profile\n      quote: the group maintains control of Güiria\n",
            "    []\n",
            "places.yaml:9: guiria.citations: needs at least one citation",
        ),
        (
            "quote: the group maintains control of Güiria",
            "quote: 'of'",
            "places.yaml:11: guiria.citations[0].quote: string should have at least 3 characters",
        ),
        (
            "point: [-62.29841, 10.57721]",
            "point: [-62.29841]",
            "places.yaml:6: guiria.point[1]: a point is [lon, lat]: two numbers, longitude first",
        ),
        (
            "point: [-62.29841, 10.57721]",
            "point: -62.29841, 10.57721",
            "places.yaml:6: guiria.point: a point is [lon, lat]: two numbers, longitude first",
        ),
        (
            "point: [-62.29841, 10.57721]",
            "point: [-62.29841, 10.57721, 0]",
            "places.yaml:6: guiria.point: a point is [lon, lat]: two numbers, longitude first",
        ),
        (
            "point: [-62.29841, 10.57721]",
            "point: [-62.29841, 100.5]",
            "places.yaml:6: guiria.point[1]: latitude 100.5 is not between -90 and 90; "
            "a point is [lon, lat]: two numbers, longitude first",
        ),
        (
            "point: [-62.29841, 10.57721]",
            "point: [-262.3, 10.57721]",
            "places.yaml:6: guiria.point[0]: longitude -262.3 is not between -180 and 180; "
            "a point is [lon, lat]: two numbers, longitude first",
        ),
        (
            "point: [-62.29841, 10.57721]",
            "point: [.nan, 10.57721]",
            "places.yaml:6: guiria.point[0]: input should be a finite number",
        ),
        (
            "uncertainty_m: 5000",
            "uncertainty_m: 5 km",
            "places.yaml:8: guiria.uncertainty_m: '5 km' is not a whole number",
        ),
        (
            "uncertainty_m: 5000",
            "uncertainty_m: 5000.5",
            "places.yaml:8: guiria.uncertainty_m: 5000.5 is not a whole number",
        ),
        (
            "uncertainty_m: 5000",
            "uncertainty_m: 0",
            "places.yaml:8: guiria.uncertainty_m: input should be greater than 0",
        ),
        (
            "  name: Güiria\n",
            "  name: [Güiria]\n",
            "places.yaml:2: guiria.name: should be text, not a list",
        ),
        (
            "  name: Güiria\n",
            "  name: 1984\n",
            "places.yaml:2: guiria.name: 1984 is read as a number: "
            "put it in quotes to keep it as text",
        ),
        (
            "  name: Güiria\n",
            "  name: true\n",
            "places.yaml:2: guiria.name: true is read as yes/no: "
            "put it in quotes to keep it as text",
        ),
        (
            "  name: Güiria\n",
            "  name:\n",
            "places.yaml:2: guiria.name: should be text",
        ),
        (
            "  uncertainty_m: 5000\n",
            "",
            "places.yaml:1: guiria: a point of precision 'locality' needs uncertainty_m",
        ),
        (
            "- id: guiria\n",
            "- idd: guiria\n",
            "places.yaml:1: places[0].id: missing (required)\n"
            "places.yaml:1: places[0].idd: unknown field; did you mean 'id'?",
        ),
    ],
)
def test_place_messages(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert problems(tmp_path, "places.yaml", edited(PLACE, old, new)) == expected.split("\n")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "sha256: d196",
            "sha256: D196",
            f"sources.yaml:7: profile.archive.sha256: 'D196{SHA[4:]}' "
            "is not a sha256 (64 lowercase hex digits)",
        ),
        (
            "file: profile.txt",
            "file: seeds/profile.txt",
            "sources.yaml:6: profile.archive.file: 'seeds/profile.txt' "
            "is not a plain file name (no folder, no slash)",
        ),
        (
            "language: en",
            "language: English",
            "sources.yaml:4: profile.language: 'English' is not a language code (e.g. en, es)",
        ),
        (
            "  language: en\n",
            "  language: en\n  url: insightcrime.org\n",
            "sources.yaml:5: profile.url: 'insightcrime.org' is not an http(s) URL",
        ),
        (
            "    file: profile.txt\n",
            "    file: profile.txt\n    size: 3\n",
            "sources.yaml:7: profile.archive.size: unknown field; allowed: file, sha256",
        ),
        (
            "  language: en\n",
            "  language: en\n  published: 2023-02-30\n",
            "sources.yaml:5: profile.published: '2023-02-30' is not a date: "
            "February 2023 has 28 days",
        ),
    ],
)
def test_source_messages(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert problems(tmp_path, "sources.yaml", edited(SOURCE, old, new)) == [expected]


def test_relations_need_one_claim(tmp_path: Path) -> None:
    text = "- id: x\n  name: X\n  kind: gang\n  relations: []\n"
    assert problems(tmp_path, "actors.yaml", text) == [
        "actors.yaml:4: x.relations: needs at least one relation"
    ]


def test_figure_value_not_a_number(tmp_path: Path) -> None:
    text = (
        "- id: members\n  measure: members\n  label: Members\n  value: many\n"
        "  unit: people\n  status: reported\n"
        "  citations:\n    - source: profile\n      quote: some members\n"
    )
    assert problems(tmp_path, "figures.yaml", text) == [
        "figures.yaml:4: members.value: 'many' is not a number"
    ]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("places.yaml", "", "places.yaml:1: (file): file is empty: expected a list of places"),
        ("places.yaml", "id: x\n", "places.yaml:1: (file): expected a list of places"),
        ("places.yaml", "- x\n", "places.yaml:1: places[0]: expected a mapping (key: value)"),
        (
            "notes.yaml",
            "[]\n",
            "notes.yaml:1: (file): unknown fact file: name it after a kind "
            "(sources, places, actors, events, presence, figures, coverage)",
        ),
        ("places.yaml", "- a: 1\n  a: 2\n", "places.yaml:2: (yaml): duplicate key 'a'"),
    ],
)
def test_file_level_problems(tmp_path: Path, name: str, text: str, expected: str) -> None:
    assert problems(tmp_path, name, text) == [expected]


def test_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "places.yaml").mkdir()
    found = list(load_file(tmp_path / "places.yaml", "places.yaml"))
    assert [str(p) for p in found] == ["places.yaml:1: (file): cannot read: Is a directory"]
