"""The safe YAML reader: core-schema scalars, lines of values, and everything it refuses."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from tda_export import yamlfile
from tda_export.yamlfile import EmptyDocumentError, Item, NotAListError, TypedInt, YamlError


@pytest.fixture
def read(tmp_path: Path) -> Any:
    """Write a text to a fact file and read it with :func:`yamlfile.iter_file`."""

    def read(text: str) -> list[Item]:
        path = tmp_path / "events.yaml"
        path.write_text(text, encoding="utf-8")
        return list(yamlfile.iter_file(path))

    return read


@pytest.fixture
def value(read: Any) -> Any:
    """The value of ``key`` in a one-record file ``- key: TEXT``."""
    return lambda text: read(f"- key: {text}\n")[0][2]["key"]


@pytest.fixture
def error(read: Any) -> Any:
    """The message of the error that reading a text raises."""

    def error(text: str) -> str:
        with pytest.raises(YamlError) as excinfo:
            read(text)
        return str(excinfo.value)

    return error


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NO", "NO"),
        ("yes", "yes"),
        ("on", "on"),
        ("2023-09-20", "2023-09-20"),
        ("2024-03", "2024-03"),
        ("2018/..", "2018/.."),
        ("2013", 2013),
        ("-12", -12),
        ("+7", TypedInt("+7")),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("true", True),
        ("False", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("'2013'", "2013"),
        ('"true"', "true"),
        ("! 12", "12"),
        ("!!str 12", "12"),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
        ("0x1F", "0x1F"),
    ],
)
def test_core_schema_scalars(value: Any, text: str, expected: object) -> None:
    assert value(text) == expected
    assert type(value(text)) is type(expected)


@pytest.mark.parametrize("text", ["0000", "+7", "007", "-0", "02013"])
def test_an_integer_not_in_its_plain_form_keeps_its_text(value: Any, text: str) -> None:
    """``0000`` is the integer 0, but a date must be read (and reported) as typed."""
    number = value(text)
    assert type(number) is TypedInt
    assert (number, number.text, repr(number)) == (int(text), text, text)


def test_plain_integers_stay_plain(value: Any) -> None:
    assert type(value("2013")) is int


def test_nan(value: Any) -> None:
    assert math.isnan(value(".nan"))


def test_block_scalar_is_a_string(value: Any) -> None:
    assert value(">-\n    2013") == "2013"


def test_lines_of_every_value(read: Any) -> None:
    first, second = read(
        "# comment\n"
        "- id: a\n"
        "  places: [x, y]\n"
        "  citations:\n"
        "    - source: s\n"
        "      quote: q\n"
        "\n"
        "- id: b\n"
    )
    assert first[:3] == (
        0,
        2,
        {"id": "a", "places": ["x", "y"], "citations": [{"source": "s", "quote": "q"}]},
    )
    assert first[3] == {
        (): 2,
        ("id",): 2,
        ("places",): 3,
        ("places", 0): 3,
        ("places", 1): 3,
        ("citations",): 4,
        ("citations", 0): 5,
        ("citations", 0, "source"): 5,
        ("citations", 0, "quote"): 6,
    }
    assert second == (1, 8, {"id": "b"}, {(): 8, ("id",): 8})


def test_a_key_has_the_line_of_the_key_not_of_its_value(read: Any) -> None:
    assert read("- id: a\n  summary:\n    text\n  places:\n    - b\n")[0][3] == {
        (): 1,
        ("id",): 1,
        ("summary",): 2,
        ("places",): 4,
        ("places", 0): 5,
    }


@pytest.mark.parametrize("text", ["", "# only a comment\n", "~\n", "---\n...\n"])
def test_empty_file(read: Any, text: str) -> None:
    with pytest.raises(EmptyDocumentError) as excinfo:
        read(text)
    assert str(excinfo.value) == "line 1: file is empty"


def test_empty_list_is_no_record(read: Any) -> None:
    assert read("[]\n") == []


@pytest.mark.parametrize(("text", "line"), [("id: a\n", 1), ("# c\nplain text\n", 2)])
def test_not_a_list(read: Any, text: str, line: int) -> None:
    with pytest.raises(NotAListError) as excinfo:
        read(text)
    assert str(excinfo.value) == f"line {line}: expected a list of records"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a: 1\n  a: 2\n", "line 2: duplicate key 'a'"),
        ("- &x a\n- *x\n", "line 1: anchor &x: anchors and aliases are not allowed"),
        ("- *x\n", "line 1: alias *x: anchors and aliases are not allowed"),
        ("*x\n", "line 1: alias *x: anchors and aliases are not allowed"),
        ("&a [a]\n", "line 1: anchor &a: anchors and aliases are not allowed"),
        ("- a: &b b\n", "line 1: anchor &b: anchors and aliases are not allowed"),
        ("- &k a: b\n", "line 1: anchor &k: anchors and aliases are not allowed"),
        (
            "!!python/name:os.system []\n",
            "line 1: tag !!python/name:os.system: explicit tags are not allowed",
        ),
        ("- a: !!int 3\n", "line 1: tag !!int: explicit tags are not allowed"),
        (
            "- !!python/object/apply:os.system [echo]\n",
            "line 1: tag !!python/object/apply:os.system: explicit tags are not allowed",
        ),
        ("- !custom x\n", "line 1: tag !custom: explicit tags are not allowed"),
        ("[]\n---\n[]\n", "line 2: more than one YAML document: keep one per file"),
        ("- ? [a]\n  : b\n", "line 1: a key must be plain text"),
        ("- id: a\n\ttitle: b\n", "line 2: invalid YAML: a tab character: indent with spaces"),
        (
            "- id: a\n  places:\n\t- b\n",
            "line 3: invalid YAML: a tab character: indent with spaces",
        ),
        (
            "- id: a\n  places: [b, c\n  title: d\n",
            "line 3: invalid YAML: did not find expected ',' or ']' "
            "(while parsing a flow sequence started on line 2)",
        ),
        (
            "- title: 'unclosed\n",
            "line 2: invalid YAML: found unexpected end of stream "
            "(while scanning a quoted scalar started on line 1)",
        ),
    ],
)
def test_refused(error: Any, text: str, message: str) -> None:
    assert error(text) == message


def test_tab_inside_a_quoted_value_is_fine(value: Any) -> None:
    assert value("'a\tb'") == "a\tb"


def test_tab_with_the_pure_python_parser(error: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    monkeypatch.setattr(yamlfile, "_Loader", yaml.SafeLoader)
    assert error("- a:\n\t- 1\n") == "line 2: invalid YAML: a tab character: indent with spaces"


def test_depth_limit(read: Any, error: Any) -> None:
    depth = yamlfile.MAX_DEPTH
    assert read("[" * (depth + 1) + "]" * (depth + 1))
    too_deep = "[" * (depth + 2) + "]" * (depth + 2)
    assert error(too_deep) == f"line 1: nested more than {depth} levels deep"


@pytest.mark.parametrize(
    "inner",
    [
        pytest.param(lambda d: "{a: " * d + "x" + "}" * d, id="mapping"),
        pytest.param(lambda d: "[" * d + "x" + "]" * d, id="list"),
    ],
)
def test_depth_limit_counts_the_scalar_at_the_bottom(read: Any, error: Any, inner: Any) -> None:
    """The list is level 0, a record level 1: a scalar may sit at level 32, not 33."""
    depth = yamlfile.MAX_DEPTH
    assert read(f"- {inner(depth - 1)}\n")
    assert error(f"- {inner(depth)}\n") == f"line 1: nested more than {depth} levels deep"


def test_depth_limit_stops_a_huge_nesting_quickly(error: Any) -> None:
    assert error("[" * 100_000) == "line 1: nested more than 32 levels deep"


def _check(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "events.yaml"
    path.write_bytes(raw)
    yamlfile.check_file(path)


def test_check_file_accepts_utf8(tmp_path: Path) -> None:
    _check(tmp_path, "- Tocorón\n".encode())


def test_check_file_refuses_bom(tmp_path: Path) -> None:
    with pytest.raises(YamlError) as excinfo:
        _check(tmp_path, b"\xef\xbb\xbf- a\n")
    assert (excinfo.value.line, excinfo.value.message) == (
        1,
        "file starts with a byte-order mark: save it as UTF-8 without BOM",
    )


def test_check_file_refuses_non_utf8_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(YamlError) as excinfo:
        _check(tmp_path, "- a\n- b\n- Tocorón\n".encode("latin-1"))
    assert str(excinfo.value) == "line 3: byte 0xf3 is not UTF-8: save the file as UTF-8"


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlfile, "MAX_FILE_BYTES", 10)
    _check(tmp_path, b"- 12345678")
    with pytest.raises(YamlError) as excinfo:
        _check(tmp_path, b"- 123456789")
    assert str(excinfo.value) == "line 1: file is 11 bytes, over the limit of 10"


@pytest.mark.parametrize("key", ["1", "true", "null", "2.5"])
def test_non_text_keys_are_refused(error: Any, key: str) -> None:
    message = f"line 2: key {key!r} is not read as text: quote it"
    assert error(f"- id: a\n  {key}: x\n") == message


def test_an_empty_key_is_refused(error: Any) -> None:
    assert error("- ?\n  : x\n") == "line 1: key '' is not read as text: quote it"


@pytest.mark.parametrize("key", ['"1"', "! 1", "!!str 1"])
def test_quoted_or_tagged_numeric_key_is_text(read: Any, key: str) -> None:
    assert read(f"- {key}: x\n")[0][2] == {"1": "x"}


def test_a_forbidden_character_is_reported_on_its_line(error: Any) -> None:
    """libyaml counts bytes: text with accents before the character must not shift it."""
    text = "- a: " + "é" * 40 + "\n- b: c\n- d: bell\x07\n"
    assert error(text) == "line 3: character U+0007 is not allowed in YAML: remove it"
