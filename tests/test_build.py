"""$ tda-export build: every output and a manifest, all or nothing, byte-identical."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import frictionless
import pytest
from click.testing import CliRunner

from tda_export import __version__, outfolder
from tda_export import build as bd
from tda_export.cli import cli
from tda_export.cli.check import NOT_VERIFIED
from tda_export.errors import FactBaseError, OutputError, UsageError
from tda_export.factbase import FactBase

HERE = Path(__file__).parent
SMALL = HERE / "fixtures" / "small"
COUNTS = {"sources": 2, "places": 6, "actors": 2, "events": 6, "presence": 4, "figures": 2}
NAMES = [
    "presence.geojson",
    "presence.qml",
    "presence-points.geojson",
    "presence-points.qml",
    "events.geojson",
    "events.qml",
    "events-areas.geojson",
    "events-areas.qml",
    "places.geojson",
    "places.qml",
    "places-areas.geojson",
    "places-areas.qml",
    "tren-de-aragua.kml",
    "tren-de-aragua.qml",
    "tren-de-aragua.kmz",
    "tren-de-aragua.gpkg",
    "timeline.json",
    "timeline.html",
    "map.html",
    "story.html",
    "tren-de-aragua.ics",
    "sources.csv",
    "places.csv",
    "actors.csv",
    "relations.csv",
    "events.csv",
    "presence.csv",
    "figures.csv",
    "citations.csv",
    "corrections.csv",
    "datapackage.json",
    "tren-de-aragua.xlsx",
]


def snapshot(folder: Path) -> dict[str, Any]:
    """Names, bytes, inodes and times of a folder's files: equal only if untouched."""
    files = {
        p.name: (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir())
    }
    return {"folder": folder.stat().st_ino, "files": files}


def leftovers(folder: Path) -> list[str]:
    """Hidden temporary or old folders a build left beside ``folder``."""
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith("."))


@pytest.fixture
def built(tmp_path: Path) -> Path:
    out = tmp_path / "outputs"
    bd.build(SMALL / "facts", out)
    return out


def break_facts(facts: Path) -> None:
    events = facts / "events.yaml"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("date: 2017-04", "date: 2017-02-30"), encoding="utf-8")


# -- what a build writes ---------------------------------------------------------------------
def test_build_writes_every_output_and_a_manifest(built: Path) -> None:
    assert [o.name for o in bd.outputs()] == NAMES
    assert sorted(p.name for p in built.iterdir()) == sorted([*NAMES, "manifest.json"])
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["generator"] == f"tda-export {__version__}"
    assert manifest["records"] == COUNTS
    assert list(manifest["files"]) == sorted(NAMES)
    for name, entry in manifest["files"].items():
        data = (built / name).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)
    files = manifest["files"]
    assert files["events.csv"]["records"] == 6
    assert files["story.html"]["records"] == 6  # its timeline's slides
    assert (
        files["map.html"]["features"]
        == files["presence.geojson"]["records"]
        + files["events.geojson"]["records"]
        + files["places.geojson"]["records"]
    )
    assert files["citations.csv"]["records"] == 22
    assert files["presence.geojson"]["records"] == 4
    assert files["tren-de-aragua.ics"]["records"] == 6
    assert files["datapackage.json"] == {
        "bytes": files["datapackage.json"]["bytes"],
        "sha256": files["datapackage.json"]["sha256"],
        "tables": 9,
    }
    assert files["tren-de-aragua.xlsx"]["tables"] == 9
    assert manifest["published"]["rule"] == "published fields 1"
    assert len(manifest["published"]["digests"]) == sum(COUNTS.values())
    assert manifest["published"]["revisions"] == {}
    assert oct((built / "events.csv").stat().st_mode & 0o777) == "0o644"
    assert oct(built.stat().st_mode & 0o777) == "0o755"
    assert leftovers(built) == []


def test_the_built_package_validates(built: Path) -> None:
    report = frictionless.validate(str(built / "datapackage.json"))
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    bd.build(SMALL / "facts", first)
    bd.build(SMALL / "facts", second)
    before = {p.name: p.read_bytes() for p in first.iterdir()}
    assert {p.name: p.read_bytes() for p in second.iterdir()} == before
    bd.build(SMALL / "facts", first)  # a rebuild in place
    assert {p.name: p.read_bytes() for p in first.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first", "second"]


def test_an_empty_folder_may_be_the_target(tmp_path: Path) -> None:
    bd.build(SMALL / "facts", tmp_path)
    assert (tmp_path / "manifest.json").is_file()


def test_a_symlinked_target_keeps_its_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "outputs").symlink_to(real)
    bd.build(SMALL / "facts", tmp_path / "outputs")
    assert (tmp_path / "outputs").is_symlink()
    assert (real / "manifest.json").is_file()


# -- all or nothing --------------------------------------------------------------------------
def test_a_failing_check_leaves_outputs_untouched(built: Path, tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(SMALL / "facts", facts)
    break_facts(facts)
    before = snapshot(built)
    with pytest.raises(FactBaseError) as caught:
        bd.build(facts, built)
    assert [str(p) for p in caught.value.problems] == [
        f"{facts / 'events.yaml'}:29: wilmito-killing.date: "
        "'2017-02-30' is not a date: February 2017 has 28 days"
    ]
    assert snapshot(built) == before
    assert leftovers(built) == []


def test_a_failing_writer_leaves_outputs_untouched(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(base: FactBase, fobj: Any) -> int:
        fobj.write("half a file")
        raise RuntimeError("disk on fire")

    items = bd.outputs()
    monkeypatch.setattr(bd, "outputs", lambda: (*items[:5], bd.Output("x.csv", broken)))
    before = snapshot(built)
    with pytest.raises(RuntimeError, match="disk on fire"):
        bd.build(SMALL / "facts", built)
    assert snapshot(built) == before
    assert leftovers(built) == []


def test_swap_without_renameat2(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {p.name: p.read_bytes() for p in built.iterdir()}
    (built / "events.csv").write_text("from an older build\n")
    monkeypatch.setattr(outfolder, "_exchange", lambda a, b: False)
    bd.build(SMALL / "facts", built)
    assert {p.name: p.read_bytes() for p in built.iterdir()} == before
    assert leftovers(built) == []


def test_a_build_interrupted_between_renames_is_recovered(built: Path) -> None:
    """The fallback swap died after moving the old outputs aside: the next build restores
    them first (so a failing build still leaves them) and removes the half-made folder."""
    before = {p.name: p.read_bytes() for p in built.iterdir()}
    os.rename(built, built.parent / ".outputs.old-abcd1234")
    (built.parent / ".outputs.tmp-abcd1234").mkdir()
    (built.parent / ".outputs.tmp-abcd1234" / "events.csv").write_text("half")
    outfolder._recover(built)
    assert {p.name: p.read_bytes() for p in built.iterdir()} == before
    assert leftovers(built) == []


def test_leftovers_of_a_crashed_build_are_removed(built: Path) -> None:
    (built.parent / ".outputs.tmp-dead0000").mkdir()
    (built.parent / ".outputs.old-dead0001").mkdir()
    (built.parent / ".other.tmp-keep").mkdir()
    bd.build(SMALL / "facts", built)
    assert leftovers(built) == [".other.tmp-keep"]


def test_refuses_to_replace_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    with pytest.raises(UsageError) as caught:
        bd.build(SMALL / "facts", tmp_path)
    assert str(caught.value) == (
        f"refusing to replace {tmp_path}: it is not empty and has no manifest.json, so it is "
        "not the output of a build; choose an empty or new folder with --out"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_refuses_to_replace_a_file(tmp_path: Path) -> None:
    (tmp_path / "outputs").write_text("a file\n")
    with pytest.raises(UsageError, match=r"outputs: it is not a folder$"):
        bd.build(SMALL / "facts", tmp_path / "outputs")
    assert (tmp_path / "outputs").read_text() == "a file\n"


def site(root: Path) -> Path:
    """A web folder: an article page, a stylesheet, and a web app's manifest.json."""
    (root / "site" / "css").mkdir(parents=True)
    (root / "site" / "css" / "main.css").write_text("body {}\n")
    (root / "site" / "manifest.json").write_text('{"name": "x"}\n')
    (root / "site" / "index.html").write_text("hi\n")
    return root / "site"


def our_folder_plus(root: Path, extra: str, folder: bool = False) -> Path:
    """A build's own folder with one more entry that the build did not write."""
    out = root / "site"
    bd.build(SMALL / "facts", out)
    if folder:
        (out / extra).mkdir()
    else:
        (out / extra).write_text("hi\n")
    return out


def forged_manifest(root: Path, manifest: Any) -> Path:
    """A folder with ``index.html`` and a manifest that is almost a build's."""
    out = root / "site"
    out.mkdir()
    (out / "index.html").write_text("hi\n")
    (out / "manifest.json").write_text(json.dumps(manifest))
    return out


REFUSED = {
    "an app's manifest.json": (
        site,
        "its manifest.json was not written by tda-export build, so it is not the output of a "
        "build; choose an empty or new folder with --out",
    ),
    "a build plus a page": (
        lambda root: our_folder_plus(root, "index.html"),
        "it holds 'index.html', which tda-export build did not write (it is not in "
        "manifest.json); move it away or choose another folder with --out",
    ),
    "a build plus a hidden folder": (
        lambda root: our_folder_plus(root, ".git", folder=True),
        "it holds '.git', which tda-export build did not write (it is not in "
        "manifest.json); move it away or choose another folder with --out",
    ),
    "a build plus a folder": (
        lambda root: our_folder_plus(root, "timelinejs", folder=True),
        "it holds 'timelinejs', which tda-export build did not write (it is not in "
        "manifest.json); move it away or choose another folder with --out",
    ),
    "a manifest with another generator": (
        lambda root: forged_manifest(root, {"generator": "webpack 5", "files": {}}),
        "its manifest.json was not written by tda-export build, so it is not the output of a "
        "build; choose an empty or new folder with --out",
    ),
    "a tda-export manifest not listing the page": (
        lambda root: forged_manifest(root, {"generator": "tda-export 0.1.0", "files": {}}),
        "it holds 'index.html', which tda-export build did not write (it is not in "
        "manifest.json); move it away or choose another folder with --out",
    ),
    "a manifest that is a list": (
        lambda root: forged_manifest(root, ["tda-export"]),
        "its manifest.json was not written by tda-export build, so it is not the output of a "
        "build; choose an empty or new folder with --out",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_cli_build_refuses_a_folder_it_did_not_write(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    """Exit 2, one clear message, and the folder exactly as it was."""
    make, why = REFUSED[case]
    monkeypatch.chdir(tmp_path)
    folder = make(tmp_path)
    before = {str(p): p.read_bytes() if p.is_file() else None for p in folder.rglob("*")}
    result = runner.invoke(cli, ["build", "--facts", str(SMALL / "facts"), "--out", "site"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == f"Error: refusing to replace site: {why}"
    assert {str(p): p.read_bytes() if p.is_file() else None for p in folder.rglob("*")} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_file_managers_files_do_not_make_a_folder_foreign(tmp_path: Path) -> None:
    out = tmp_path / "outputs"
    bd.build(SMALL / "facts", out)
    (out / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    bd.build(SMALL / "facts", out)
    assert sorted(p.name for p in out.iterdir()) == sorted([*NAMES, "manifest.json"])


def test_a_build_of_another_version_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / "outputs"
    bd.build(SMALL / "facts", out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    (out / "manifest.json").write_text(json.dumps({**manifest, "generator": "tda-export 0.0.9"}))
    bd.build(SMALL / "facts", out)
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == manifest


def test_an_unwritable_parent_is_an_output_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    with pytest.raises(OutputError, match=r"^cannot write .*/file: File exists$"):
        bd.build(SMALL / "facts", tmp_path / "file" / "outputs")


@pytest.mark.slow
# -- two builds at once ----------------------------------------------------------------------
def test_a_build_waits_for_the_lock(tmp_path: Path) -> None:
    out = tmp_path / "outputs"
    errors: list[BaseException] = []

    def run() -> None:
        try:
            bd.build(SMALL / "facts", out)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    with outfolder._locked(tmp_path):
        worker = threading.Thread(target=run)
        worker.start()
        time.sleep(1.5)
        assert worker.is_alive() and not out.exists()
    worker.join(timeout=30)
    assert not worker.is_alive() and errors == []
    assert (out / "manifest.json").is_file()


@pytest.mark.slow
def test_concurrent_builds_do_not_interleave(tmp_path: Path) -> None:
    out = tmp_path / "outputs"
    bd.build(SMALL / "facts", tmp_path / "reference")
    errors: list[BaseException] = []

    def run() -> None:
        try:
            bd.build(SMALL / "facts", out)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    workers = [threading.Thread(target=run) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert errors == []
    expected = {p.name: p.read_bytes() for p in (tmp_path / "reference").iterdir()}
    assert {p.name: p.read_bytes() for p in out.iterdir()} == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outputs", "reference"]


# -- the command -----------------------------------------------------------------------------
def test_cli_build(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        cli,
        ["build", "--facts", str(SMALL / "facts"), "--archive", str(SMALL / "archive"),
         "--out", str(out)],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"{out}/presence.geojson: 4 records"
    assert f"{out}/citations.csv: 22 records" in lines
    assert f"{out}/datapackage.json: 9 tables" in lines
    assert lines[-1] == (
        f"{out}: 32 files and manifest.json; quotes verified against {SMALL / 'archive'}"
    )
    assert result.stderr == ""


def test_cli_build_defaults_to_outputs_beside_the_facts(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(SMALL / "facts", tmp_path / "facts")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["-q", "build"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == f"outputs: 32 files and manifest.json; {NOT_VERIFIED}\n"
    assert (tmp_path / "outputs" / "manifest.json").is_file()


def test_cli_build_prints_warnings(runner: CliRunner, tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(SMALL / "facts", facts)
    places = facts / "places.yaml"
    places.write_text(
        places.read_text(encoding="utf-8")
        + "\n- id: unused\n  name: Unused\n  kind: country\n  country: CO\n"
        "  precision: country\n  citations:\n    - source: profile\n      quote: unused place\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["-q", "build", "--facts", str(facts)])
    assert result.exit_code == 0
    assert result.stderr == (
        f"{places}:80: unused.id: warning: place is not used by any event, presence, "
        "figure or child place\n"
    )


def test_cli_build_with_a_failing_check_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(SMALL / "facts", facts)
    out = tmp_path / "outputs"
    assert runner.invoke(cli, ["build", "--facts", str(facts)]).exit_code == 0
    before = snapshot(out)
    break_facts(facts)
    result = runner.invoke(cli, ["build", "--facts", str(facts)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{facts / 'events.yaml'}:29: wilmito-killing.date: '2017-02-30' is not a date: "
        "February 2017 has 28 days\n"
        "Error: the fact base has 1 problem(s); nothing was written\n"
    )
    assert snapshot(out) == before


def test_cli_build_refusing_a_folder_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    result = runner.invoke(cli, ["build", "--facts", str(SMALL / "facts"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"Error: refusing to replace {tmp_path}:")
    assert "Traceback" not in result.output


def test_an_old_folder_that_cannot_be_deleted_is_a_warning(
    built: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Once the new folder is in place, the build is published: failing to delete the old
    one (a file made immutable meanwhile) is a warning, and the next build removes it."""
    real = shutil.rmtree

    def refuse(path: Any, *args: Any, **kwargs: Any) -> None:
        if Path(path).name.startswith(".outputs.tmp-") and not kwargs.get("ignore_errors"):
            raise PermissionError(1, "Operation not permitted", str(Path(path) / "events.csv"))
        real(path, *args, **kwargs)

    (built / "events.csv").write_text("from an older build\n")
    monkeypatch.setattr(shutil, "rmtree", refuse)
    bd.build(SMALL / "facts", built)
    [aside] = leftovers(built)
    assert (built.parent / aside / "events.csv").read_text() == "from an older build\n"
    assert caplog.messages == [
        f"could not remove {built.parent / aside}: Operation not permitted; remove it by hand"
    ]
    assert (built / "events.csv").read_text(encoding="utf-8").startswith("\ufeffid,")
    monkeypatch.undo()
    bd.build(SMALL / "facts", built)
    assert leftovers(built) == []
