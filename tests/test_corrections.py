"""Corrections in the open: revisions checked against the last build, shown in every export.

A record whose published fields changed since the build of ``outputs/manifest.json`` needs
a ``revisions`` entry; readers of the timeline, the map page, the KML balloons, the
calendar, the tables and the workbook see "Corrected <day>: <change> — <reason>".
"""

from __future__ import annotations

import io
import json
import os
import shutil
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import icalendar
import openpyxl
import pytest
from click.testing import CliRunner, Result
from conftest import SMALL
from rows import table_rows
from test_map_browser import SELECT, by_id, leaflet_dist, probed
from test_map_browser import site as _map_site
from test_timeline_browser import read, render, timelinejs_dist
from test_timeline_browser import site as _timeline_site

from tda_export import build as bd
from tda_export.cli import cli
from tda_export.corrections import digest
from tda_export.formats.chronologies import ical, timeline
from tda_export.formats.maps import kml
from tda_export.formats.pages import webmap
from tda_export.formats.tables import workbook
from tda_export.validation import load_checked

REVISION = (
    "  revisions:\n"
    "    - date: 2026-12-10\n"
    "      change: status changed from reported to alleged\n"
    "      reason: the source attributes the claim to police sources speaking anonymously\n"
    "      source: profile\n"
)
KML_NS = {"k": "http://www.opengis.net/kml/2.2"}
SHOWN = (
    "Corrected 10 December 2026: status changed from reported to alleged \u2014 the source "
    "attributes the claim to police sources speaking anonymously (prompted by InSight Crime, "
    "\u201cTren de Aragua\u201d)"
)
RAID = "  summary: Up to 11,000 police and military personnel entered the prison.\n"
RAID_STATUS = RAID + "  status: reported\n"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the small base, built once into outputs/ beside it (the last build)."""
    shutil.copytree(SMALL / "facts", tmp_path / "facts")
    monkeypatch.chdir(tmp_path)
    bd.build(tmp_path / "facts", tmp_path / "outputs")
    return tmp_path


def check(*args: str) -> Result:
    return CliRunner().invoke(cli, ["check", "--facts", "facts", *args])


def correct(project: Path) -> None:
    """The raid's status changed to alleged, with its revision."""
    edit(project / "facts" / "events.yaml", RAID_STATUS, RAID + "  status: alleged\n" + REVISION)


# -- check and build against the last build ------------------------------------------------
def test_a_changed_record_needs_a_revision(project: Path) -> None:
    events = project / "facts" / "events.yaml"
    edit(events, RAID_STATUS, RAID + "  status: alleged\n")
    result = check()
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "facts/events.yaml:67: tocoron-raid.revisions: published fields changed since the last "
        "build (outputs/manifest.json): add a revisions entry (date, change, reason) saying "
        "what changed and why"
    )
    before = {p.name: p.read_bytes() for p in (project / "outputs").iterdir()}
    build = CliRunner().invoke(cli, ["build", "--facts", "facts"])
    assert build.exit_code == 1
    assert build.output.splitlines()[-1] == (
        "Error: the fact base has 1 problem(s); nothing was written"
    )
    assert {p.name: p.read_bytes() for p in (project / "outputs").iterdir()} == before
    edit(events, RAID + "  status: alleged\n", RAID + "  status: alleged\n" + REVISION)
    assert check().exit_code == 0
    assert CliRunner().invoke(cli, ["build", "--facts", "facts"]).exit_code == 0
    manifest = json.loads((project / "outputs" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["published"]["revisions"] == {"tocoron-raid": 1}
    assert manifest["published"]["digests"]["tocoron-raid"] == digest(
        load_checked(project / "facts").by_id["tocoron-raid"]
    )


def test_citations_notes_and_labels_are_no_correction(project: Path) -> None:
    events = project / "facts" / "events.yaml"
    edit(events, RAID_STATUS, RAID_STATUS + "  note: Retaken by the state.\n  label: Raid\n")
    text = events.read_text(encoding="utf-8")
    events.write_text(
        text + "    - source: summary\n      quote: Its headquarters are in the Tocorón prison\n"
        "    - source: profile\n      quote: Tocorón prison\n",
        encoding="utf-8",
    )
    result = check()
    assert (result.exit_code, result.output.count("revisions")) == (0, 0), result.output


def test_a_published_correction_stays(project: Path) -> None:
    correct(project)
    CliRunner().invoke(cli, ["build", "--facts", "facts"], catch_exceptions=False)
    edit(project / "facts" / "events.yaml", REVISION, "")
    result = check()
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "facts/events.yaml:67: tocoron-raid.revisions: the last build (outputs/manifest.json) "
        "showed readers 1 correction(s), now 0: a published correction stays in the record's "
        "revisions"
    )


def test_a_record_gone_since_the_last_build_is_a_warning(project: Path) -> None:
    presence = project / "facts" / "presence.yaml"
    text = presence.read_text(encoding="utf-8")
    start = text.index("- id: presence-sucre")
    end = text.index("\n- id:", start + 1)
    presence.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    result = check()
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        "outputs/manifest.json:1: presence-sucre: warning: published in the last build and gone "
        "now: its readers are not told why; keep the record with status outdated and a "
        "revisions entry instead"
    )


def test_no_last_build_nothing_to_compare(project: Path) -> None:
    manifest = project / "outputs" / "manifest.json"
    edit(project / "facts" / "events.yaml", RAID_STATUS, RAID + "  status: alleged\n")
    assert check("--last-build", "elsewhere").exit_code == 0  # no manifest: a first build
    data = json.loads(manifest.read_text(encoding="utf-8"))
    del data["published"]  # a build before corrections were checked
    manifest.write_text(json.dumps(data), encoding="utf-8")
    assert check().exit_code == 0
    manifest.write_text("{not json", encoding="utf-8")
    result = check()
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        "outputs/manifest.json:1: (manifest): warning: cannot read it (not JSON): corrections "
        "are not checked against the last build"
    )


DAMAGED = (
    "outputs/manifest.json:1: (manifest): warning: cannot read it ({}): corrections are not "
    "checked against the last build"
)


NOT_A_BUILDS = "not what a build writes: Expected `{}`, got `{}` - at `$.{}`"


@pytest.mark.parametrize(
    ("published", "why"),
    [
        ({"digests": [1]}, NOT_A_BUILDS.format("object", "array", "digests")),
        ({"revisions": "abc"}, NOT_A_BUILDS.format("object", "str", "revisions")),
        (
            {"revisions": {"tocoron-raid": "two"}},
            NOT_A_BUILDS.format("int", "str", "revisions[...]"),
        ),
        (
            {"revisions": {"tocoron-raid": True}},
            NOT_A_BUILDS.format("int", "bool", "revisions[...]"),
        ),
    ],
)
def test_a_damaged_manifest_is_a_warning(
    project: Path, published: dict[str, object], why: str
) -> None:
    """check and build say so and go on (they used to end in a traceback)."""
    manifest = project / "outputs" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["published"].update(published)
    manifest.write_text(json.dumps(data), encoding="utf-8")
    for command in (["check", "--facts", "facts"], ["build", "--facts", "facts"]):
        result = CliRunner().invoke(cli, command)
        assert (result.exit_code, result.exception) == (0, None), result.output
        assert result.output.splitlines()[0] == DAMAGED.format(why)


def test_a_manifest_too_deep_or_not_a_plain_file_is_a_warning(project: Path) -> None:
    """JSON nested 100,000 deep, a named pipe (opening it would wait), a link to /dev/zero
    (it never ends), a folder: a warning each, at once."""
    manifest = project / "outputs" / "manifest.json"
    manifest.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert check().output.splitlines()[0] == DAMAGED.format("not JSON")
    manifest.unlink()
    os.mkfifo(manifest)
    assert check().output.splitlines()[0] == DAMAGED.format(
        "not a plain file (a pipe, device or socket)"
    )
    manifest.unlink()
    manifest.symlink_to("/dev/zero")
    assert check().output.splitlines()[0] == DAMAGED.format(
        "not a plain file (a pipe, device or socket)"
    )
    manifest.unlink()
    manifest.mkdir()
    result = check()
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == DAMAGED.format("Is a directory")


def test_last_build_names_another_folder(project: Path) -> None:
    (project / "outputs").rename(project / "published")
    edit(project / "facts" / "events.yaml", RAID_STATUS, RAID + "  status: alleged\n")
    assert check().exit_code == 0
    result = check("--last-build", "published")
    assert result.exit_code == 1
    assert "(published/manifest.json): add a revisions entry" in result.output


def test_the_library_checks_against_a_last_build(project: Path) -> None:
    import tda_export

    edit(project / "facts" / "events.yaml", RAID_STATUS, RAID + "  status: alleged\n")
    assert tda_export.check("facts").problems == []
    [problem] = tda_export.check("facts", last_build="outputs").problems
    assert (problem.file, problem.line, problem.field) == (
        "facts/events.yaml", 67, "tocoron-raid.revisions",
    )  # fmt: skip
    with pytest.raises(tda_export.FactBaseError):
        tda_export.build_outputs("facts", "outputs")


def test_a_revision_is_reader_text(project: Path) -> None:
    named = REVISION.replace("anonymously", "anonymously, see tocoron-prison")
    edit(project / "facts" / "events.yaml", RAID_STATUS, RAID_STATUS + named)
    result = check()
    assert result.output.splitlines()[0] == (
        "facts/events.yaml:77: tocoron-raid.revisions[0].reason: 'tocoron-prison' is a record "
        "id: name the record in words, or list it in see_also"
    )


def test_the_digest_leaves_out_defaults() -> None:
    """A field at its default is not in the digest: a field added later changes none."""
    base = load_checked(SMALL / "facts")
    actor = base.actor("hector-guerrero")
    claim = actor.relations[0]
    assert claim.status == "reported"
    from tda_export.corrections import _plain

    assert "status" not in _plain(claim) and "citations" not in _plain(claim)
    assert "note" not in _plain(base.by_id["presence-tocoron-prison"])


# -- what readers see ----------------------------------------------------------------------
@pytest.fixture
def corrected(project: Path) -> Path:
    correct(project)
    sucre = "    display: since 2018\n  activities: [drug-trafficking]\n"
    edit(project / "facts" / "presence.yaml", sucre, sucre + REVISION.replace(
             "status changed from reported to alleged", "period corrected"))  # fmt: skip
    return project / "facts"


def test_every_reader_facing_export_shows_the_correction(corrected: Path) -> None:
    base = load_checked(corrected)
    raid = base.by_id["tocoron-raid"]
    # the timeline slide, right after the summary
    slide = timeline.Slides(base).text(raid)  # type: ignore[arg-type]
    assert (
        '<p class="tda-summary">Up to 11,000 police and military personnel entered the prison.'
        f'</p><p class="tda-correction">{SHOWN}</p><figure' in slide.replace("&quot;", '"')
    )
    # the calendar: the description, and a higher SEQUENCE
    out = io.BytesIO()
    ical.write_ics(base, out)
    [vevent] = [
        c for c in icalendar.Calendar.from_ical(out.getvalue()).walk("VEVENT")
        if str(c["UID"]) == "tocoron-raid@tda-export"
    ]  # fmt: skip
    assert str(vevent["DESCRIPTION"]).startswith(
        "Security operation at Tocorón prison\n\n"
        f"Up to 11,000 police and military personnel entered the prison.\n\n{SHOWN}\n\nWhen:"
    )
    assert vevent.decoded("SEQUENCE") == date(2026, 12, 10).toordinal() + 1  # one correction
    # the KML balloons: a record is drawn as a point and as an area, in two sub-documents a
    # reader turns on one at a time; whichever placemark is opened, its balloon tells
    text = io.StringIO()
    kml.write_kml(base, text)
    balloons = {
        mark.get("id"): mark.findtext("k:description", "", KML_NS)
        for mark in ElementTree.fromstring(text.getvalue()).iter(f"{{{KML_NS['k']}}}Placemark")
    }
    raid = {k: b.count(f"<p><b>{SHOWN}</b></p>") for k, b in balloons.items() if SHOWN in b}
    assert raid == {
        "events.tocoron-raid.tocoron-prison": 1, "events-area.tocoron-raid.tocoron-prison": 1,
    }  # fmt: skip
    sucre = [k for k, b in balloons.items() if "Corrected 10 December 2026: period" in b]
    assert sucre == ["presence.presence-sucre", "presence-area.presence-sucre"]
    # the map page's data (its panel shows each line)
    features = webmap.map_data(base)["features"]
    shown = {f["key"]: f.get("corrections") for f in features}
    assert shown["tocoron-raid.tocoron-prison"] == [SHOWN]
    assert shown["presence-sucre"][0].startswith("Corrected 10 December 2026: period corrected")
    assert shown["presence-tocoron-prison"] is None
    # the tables
    rows = list(table_rows(base, "corrections"))
    assert [(r["id"], r["record_table"], r["change"]) for r in rows] == [
        ("presence-sucre#revision-1", "presence", "period corrected"),
        ("tocoron-raid#revision-1", "events", "status changed from reported to alleged"),
    ]


def test_the_workbook_about_sheet_lists_the_corrections(corrected: Path) -> None:
    base = load_checked(corrected)
    out = io.BytesIO()
    workbook.write_xlsx(base, out)
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue()), read_only=True)["about"]
    rows = [tuple(c for c in row if c is not None) for row in sheet.iter_rows(values_only=True)]
    at = rows.index(("corrected", "corrections since publication"))
    assert rows[at + 1 : at + 3] == [
        ("presence-sucre", SHOWN.replace("status changed from reported to alleged",
                                         "period corrected")),
        ("tocoron-raid", SHOWN),
    ]  # fmt: skip
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as xlsx:
        assert "xl/worksheets/sheet10.xml" in xlsx.namelist()  # about + 9 tables


def test_an_uncorrected_base_says_so_in_the_workbook() -> None:
    out = io.BytesIO()
    workbook.write_xlsx(load_checked(SMALL / "facts"), out)
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue()), read_only=True)["about"]
    rows = [tuple(c for c in row if c is not None) for row in sheet.iter_rows(values_only=True)]
    at = rows.index(("corrected", "corrections since publication"))
    assert rows[at + 1] == ("", "none: no record has been corrected")


# -- in the real clients ---------------------------------------------------------------------
timeline_site = _timeline_site
site = _map_site


@pytest.mark.client
def test_the_slide_shows_the_correction_in_chromium(
    corrected: Path, timeline_site: object, tmp_path: Path
) -> None:
    timelinejs_dist()
    out = io.StringIO()
    timeline.write_embed_page(load_checked(corrected), out)
    (timeline_site.root / "page.html").write_text(out.getvalue(), "utf-8")  # type: ignore[attr-defined]
    shown = read(render(timeline_site, "page.html#event-tocoron-raid", tmp_path))  # type: ignore[arg-type]
    [slide] = [s for s in shown.root.find("tl-slide") if s.attrs.get("id") == "tocoron-raid"]
    [note] = slide.find("tda-correction")
    assert note.all_text() == SHOWN


@pytest.mark.client
def test_the_map_panel_shows_the_correction_in_chromium(
    corrected: Path, site: object, tmp_path: Path
) -> None:
    leaflet_dist()
    base = load_checked(corrected)
    out = io.StringIO()
    webmap.write_map_page(base, out)
    probe = SELECT.replace("LAYER", "events").replace("ID", "tocoron-raid")
    page = out.getvalue().replace(
        "</body>", "<script>\n" + _write_probe() + probe + "\n</script>\n</body>", 1
    )
    (site.root / "map.html").write_text(page, "utf-8")  # type: ignore[attr-defined]
    root, result = probed(site, "map.html", tmp_path)  # type: ignore[arg-type]
    panel = by_id(root, "tda-panel")
    notes = [n.all_text() for n in panel.walk() if "tda-correction" in n.classes]
    assert notes == [SHOWN]
    assert isinstance(result, dict) and result["selected"] == ["tocoron-raid"]


def _write_probe() -> str:
    from test_map_browser import WRITE

    return WRITE


@pytest.mark.client
def test_the_correction_screenshots(tmp_path: Path) -> None:
    """scripts/correction_screenshots.py shoots the slide, the panel and the balloon."""
    import subprocess
    import sys

    from conftest import ROOT, require_tool
    from test_screenshots import png_size

    require_tool("chromium")
    timelinejs_dist()
    leaflet_dist()
    script = ROOT / "scripts" / "correction_screenshots.py"
    subprocess.run([sys.executable, str(script), "--docs", str(tmp_path)], check=True,
                   capture_output=True, timeout=600)  # fmt: skip
    sizes = {p.name: png_size(p) for p in tmp_path.glob("*.png")}
    assert sizes == {"slide.png": (740, 650), "map-panel.png": (1400, 900),
                     "balloon.png": (480, 520)}  # fmt: skip
    documented = {p.name for p in (ROOT / "docs" / "corrections").glob("*.png")}
    assert documented == set(sizes)
