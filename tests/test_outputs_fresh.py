"""outputs/ is committed with the facts: it must be what ``tda-export build`` makes of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tda_export.build import build

HERE = Path(__file__).parent
ROOT = HERE.parent
SMALL = HERE / "fixtures" / "small" / "facts"
REBUILD = "run `tda-export build` and commit outputs/ together with facts/"


def differences(built: Path, committed: Path) -> list[str]:
    """How ``committed`` differs from a fresh build: missing, extra and stale files.

    Hidden files (``.gitkeep``) are ignored.
    """

    def files(folder: Path) -> dict[str, Path]:
        return {p.name: p for p in folder.iterdir() if not p.name.startswith(".")}

    new, old = files(built), files(committed)
    found = [f"missing {name}" for name in sorted(new.keys() - old.keys())]
    found += [f"extra {name}" for name in sorted(old.keys() - new.keys())]
    found += [
        f"stale {name}"
        for name in sorted(new.keys() & old.keys())
        if new[name].read_bytes() != old[name].read_bytes()
    ]
    return found


def test_outputs_are_up_to_date(tmp_path: Path) -> None:
    committed = ROOT / "outputs"
    if not committed.is_dir():
        pytest.fail(f"outputs/ is missing: {REBUILD}")
    build(ROOT / "facts", tmp_path / "outputs")
    found = differences(tmp_path / "outputs", committed)
    if found:
        pytest.fail(f"outputs/ does not match facts/ ({'; '.join(found)}): {REBUILD}")


def test_differences_names_missing_extra_and_stale_files(tmp_path: Path) -> None:
    built, committed = tmp_path / "built", tmp_path / "committed"
    build(SMALL, built)
    build(SMALL, committed)
    assert differences(built, committed) == []
    (committed / ".gitkeep").write_text("")
    assert differences(built, committed) == []
    (committed / "events.csv").write_bytes((committed / "events.csv").read_bytes() + b"x\n")
    (committed / "places.geojson").unlink()
    (committed / "old.kml").write_text("")
    assert differences(built, committed) == [
        "missing places.geojson",
        "extra old.kml",
        "stale events.csv",
    ]
