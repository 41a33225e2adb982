"""Atomic output: a file is replaced whole, or left exactly as it was."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tda_export.cli.options import destination
from tda_export.errors import OutputError
from tda_export.output import atomic_binary, atomic_text


class BoomError(Exception):
    pass


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_binary_write(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    with atomic_binary(target) as handle:
        handle.write(b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert leftovers(tmp_path) == ["out.bin"]


def test_binary_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"old content, longer than the new")
    with atomic_binary(str(target)) as handle:
        handle.write(b"new")
    assert target.read_bytes() == b"new"


def test_exception_leaves_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.geojson"
    target.write_text("old\n")
    with pytest.raises(BoomError), atomic_binary(target) as handle:
        handle.write(b"half of the new")
        raise BoomError
    assert target.read_text() == "old\n"
    assert leftovers(tmp_path) == ["out.geojson"]


def test_exception_before_first_write_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(BoomError), atomic_text(tmp_path / "out.csv"):
        raise BoomError
    assert leftovers(tmp_path) == []


def test_text_exception_leaves_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("id\nold\n")
    with pytest.raises(BoomError), atomic_text(target) as handle:
        handle.write("id\nnew\n")
        raise BoomError
    assert target.read_text() == "id\nold\n"
    assert leftovers(tmp_path) == ["out.csv"]


def test_keyboard_interrupt_leaves_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.kml"
    target.write_text("old")
    with pytest.raises(KeyboardInterrupt), atomic_text(target) as handle:
        handle.write("new")
        raise KeyboardInterrupt
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == ["out.kml"]


def test_text_is_utf8_with_chosen_newline(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    with atomic_text(target) as handle:
        handle.write("Tocorón\n")
    assert target.read_bytes() == "Tocorón\n".encode()
    with atomic_text(target, newline="\r\n") as handle:
        handle.write("a\nb\n")
    assert target.read_bytes() == b"a\r\nb\r\n"


def test_dash_is_standard_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The command line's rule, not the library's: ``-`` is standard output."""
    with destination("-", binary=False) as handle:
        assert not isinstance(handle, str)
        handle.write("to stdout\n")
    assert capsys.readouterr().out == "to stdout\n"
    with destination(str(tmp_path / "out"), binary=True) as target:
        assert target == str(tmp_path / "out")  # a path: the library replaces it whole


def test_missing_folder_is_an_output_error(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.json"
    with pytest.raises(OutputError) as excinfo, atomic_text(target) as handle:
        handle.write("never")
    assert str(excinfo.value) == f"cannot write {target}: No such file or directory"
    assert leftovers(tmp_path) == []


def test_unreplaceable_target_is_an_output_error(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.mkdir()
    (target / "keep").write_text("x")
    with pytest.raises(OutputError) as excinfo, atomic_binary(target) as handle:
        handle.write(b"{}")
    assert str(excinfo.value).startswith(f"cannot write {target}: ")
    assert leftovers(tmp_path) == ["out.json"]
    assert leftovers(target) == ["keep"]
