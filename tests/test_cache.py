"""The cache of checked fact bases: hits only for identical inputs, never for errors."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SMALL
from pydantic import TypeAdapter

from tda_export import cache, validation
from tda_export.cli import cli
from tda_export.errors import FactBaseError, Problem
from tda_export.factbase import FactBase


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    target = tmp_path / "archive"
    shutil.copytree(SMALL / "archive", target)
    return target


@pytest.fixture
def full_checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Count the full loads-and-checks (a cache hit does none)."""
    calls: list[Path] = []
    real = validation._validate

    def counting(facts_dir: Path, archive: Path | None) -> tuple[FactBase, list[Problem]]:
        calls.append(facts_dir)
        return real(facts_dir, archive)

    monkeypatch.setattr(validation, "_validate", counting)
    return calls


def _records(base: FactBase) -> list[object]:
    return [TypeAdapter(type(rec)).dump_python(rec) for rec in base.all()]


def test_second_load_of_unchanged_facts_is_a_hit(
    cache_dir: Path, facts_copy: Path, archive: Path, full_checks: list[Path]
) -> None:
    first, first_problems = validation.validate(facts_copy, archive, cache="use")
    second, second_problems = validation.validate(facts_copy, archive, cache="use")
    assert len(full_checks) == 1
    assert _records(second) == _records(first)
    assert second_problems == first_problems
    assert [p.name for p in cache_dir.iterdir()] == [
        cache._entry(cache_dir, facts_copy, archive).name
    ]


def test_hit_keeps_warnings(cache_dir: Path, facts_copy: Path, full_checks: list[Path]) -> None:
    places = facts_copy / "places.yaml"
    unused = (
        "\n- id: aragua-again\n  name: Aragua\n  kind: state\n  country: VE\n  state: VE-D\n"
        "  precision: admin1\n  citations:\n    - source: profile\n"
        "      quote: Its headquarters are in the Tocorón prison in Aragua state\n"
    )
    places.write_text(places.read_text(encoding="utf-8") + unused, encoding="utf-8")
    _, problems = validation.validate(facts_copy, cache="use")
    _, again = validation.validate(facts_copy, cache="use")
    assert len(full_checks) == 1
    assert problems and all(p.severity == "warning" for p in problems)
    assert again == problems


def test_changed_fact_file_is_a_miss(
    cache_dir: Path, facts_copy: Path, full_checks: list[Path]
) -> None:
    validation.validate(facts_copy, cache="use")
    places = facts_copy / "places.yaml"
    places.write_text(places.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    validation.validate(facts_copy, cache="use")
    assert len(full_checks) == 2


def test_new_fact_file_is_a_miss(
    cache_dir: Path, facts_copy: Path, full_checks: list[Path]
) -> None:
    validation.validate(facts_copy, cache="use")
    (facts_copy / "events-2026.yaml").write_text("[]\n", encoding="utf-8")
    validation.validate(facts_copy, cache="use")
    assert len(full_checks) == 2


def test_changed_archive_is_a_miss_and_its_errors_are_reported(
    cache_dir: Path, facts_copy: Path, archive: Path, full_checks: list[Path]
) -> None:
    validation.load_checked(facts_copy, archive, cache="use")
    copy = archive / "profile.txt"
    copy.write_text(copy.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(FactBaseError) as excinfo:
        validation.load_checked(facts_copy, archive, cache="use")
    assert len(full_checks) == 2
    assert any("sha256" in str(p) for p in excinfo.value.problems)


def test_a_base_with_errors_is_never_kept(
    cache_dir: Path, facts_copy: Path, full_checks: list[Path]
) -> None:
    places = facts_copy / "places.yaml"
    places.write_text(
        places.read_text(encoding="utf-8").replace("country: VE", "country: XX", 1),
        encoding="utf-8",
    )
    for _ in range(2):
        with pytest.raises(FactBaseError):
            validation.load_checked(facts_copy, cache="use")
    assert len(full_checks) == 2
    assert not cache_dir.exists() or not any(cache_dir.iterdir())


def test_damaged_entry_is_a_miss_and_is_replaced(
    cache_dir: Path, facts_copy: Path, full_checks: list[Path]
) -> None:
    first, _ = validation.validate(facts_copy, cache="use")
    entry = cache._entry(cache_dir, facts_copy, None)
    entry.write_bytes(entry.read_bytes()[:-100])
    second, _ = validation.validate(facts_copy, cache="use")
    third, _ = validation.validate(facts_copy, cache="use")
    assert len(full_checks) == 2
    assert _records(second) == _records(third) == _records(first)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data + (5).to_bytes(8, "big") + b"extra", id="frame-added"),
        pytest.param(lambda data: data[:-3] + b"\xc1\xc1\xc1", id="bytes-not-msgpack"),
        pytest.param(lambda data: data.replace(b"quote", b"qu0te", 1), id="field-renamed"),
    ],
)
def test_entry_that_does_not_decode_into_records_is_a_miss(
    cache_dir: Path, facts_copy: Path, full_checks: list[Path], damage: Any
) -> None:
    first, _ = validation.validate(facts_copy, cache="use")
    entry = cache._entry(cache_dir, facts_copy, None)
    entry.write_bytes(damage(entry.read_bytes()))
    second, _ = validation.validate(facts_copy, cache="use")
    assert len(full_checks) == 2
    assert _records(second) == _records(first)


def test_entry_in_many_chunks_reads_back_the_same(
    cache_dir: Path, facts_copy: Path, full_checks: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "CHUNK", 2)
    first, _ = validation.validate(facts_copy, cache="use")
    second, _ = validation.validate(facts_copy, cache="use")
    assert len(full_checks) == 1
    assert len(first.events) > 2 * 2
    assert _records(second) == _records(first)
    assert [r.origin for r in second.all()] == [r.origin for r in first.all()]


def test_entry_in_a_folder_others_can_write_is_not_read(
    cache_dir: Path, facts_copy: Path, full_checks: list[Path]
) -> None:
    validation.validate(facts_copy, cache="use")
    cache_dir.chmod(0o777)
    validation.validate(facts_copy, cache="use")
    assert len(full_checks) == 2


def test_refresh_checks_in_full_and_keeps_the_result(
    cache_dir: Path, facts_copy: Path, full_checks: list[Path]
) -> None:
    validation.validate(facts_copy, cache="refresh")
    validation.validate(facts_copy, cache="refresh")
    validation.validate(facts_copy, cache="use")
    assert len(full_checks) == 2


@pytest.mark.parametrize("value", ["off", "OFF", "0", ""])
def test_turned_off(
    value: str,
    tmp_path: Path,
    facts_copy: Path,
    full_checks: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, value)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    validation.validate(facts_copy, cache="use")
    validation.validate(facts_copy, cache="use")
    assert len(full_checks) == 2
    assert not (tmp_path / "xdg").exists()


def test_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_folder() == tmp_path / "tda-export"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    assert cache.cache_folder() == Path.home() / ".cache" / "tda-export"


def test_unwritable_cache_is_skipped(
    tmp_path: Path, facts_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    base = validation.load_checked(facts_copy, cache="use")
    assert base.counts()["events"] > 0


def test_cli_check_then_export_reads_the_checked_base(
    cache_dir: Path,
    facts_copy: Path,
    tmp_path: Path,
    full_checks: list[Path],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["check", "--facts", str(facts_copy)]).exit_code == 0
    out = tmp_path / "events.csv"
    result = runner.invoke(
        cli, ["-v", "csv", "--facts", str(facts_copy), "--table", "events", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "fact files unchanged since they were checked: result read from" in caplog.text
    assert len(full_checks) == 1
    uncached = tmp_path / "uncached.csv"
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    runner.invoke(
        cli, ["csv", "--facts", str(facts_copy), "--table", "events", "-o", str(uncached)]
    )
    assert out.read_bytes() == uncached.read_bytes()
