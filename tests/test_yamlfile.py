"""The safe YAML reader: core-schema scalars, lines of values, and everything it refuses."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tda_export import yamlfile
from tda_export.yamlfile import TypedInt, YamlError, parse


def _error(text: str) -> str:
    with pytest.raises(YamlError) as excinfo:
        parse(text)
    return str(excinfo.value)


@pytest.mark.parametrize(
    ("text", "value"),
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
def test_core_schema_scalars(text: str, value: object) -> None:
    data = parse(f"key: {text}\n").data
    assert data == {"key": value}
    assert type(data["key"]) is type(value)


@pytest.mark.parametrize("text", ["0000", "+7", "007", "-0", "02013"])
def test_an_integer_not_in_its_plain_form_keeps_its_text(text: str) -> None:
    """``0000`` is the integer 0, but a date must be read (and reported) as typed."""
    value = parse(f"key: {text}\n").data["key"]
    assert type(value) is TypedInt
    assert (value, value.text, repr(value)) == (int(text), text, text)


def test_plain_integers_stay_plain() -> None:
    assert type(parse("key: 2013\n").data["key"]) is int


def test_nan() -> None:
    assert math.isnan(parse("key: .nan\n").data["key"])


def test_block_scalar_is_a_string() -> None:
    assert parse("key: >-\n  2013\n").data == {"key": "2013"}


def test_lines_of_every_value() -> None:
    document = parse(
        "# comment\n"
        "- id: a\n"
        "  places: [x, y]\n"
        "  citations:\n"
        "    - source: s\n"
        "      quote: q\n"
        "\n"
        "- id: b\n"
    )
    assert document.data == [
        {"id": "a", "places": ["x", "y"], "citations": [{"source": "s", "quote": "q"}]},
        {"id": "b"},
    ]
    assert document.lines == {
        (): 2,
        (0,): 2,
        (0, "id"): 2,
        (0, "places"): 3,
        (0, "places", 0): 3,
        (0, "places", 1): 3,
        (0, "citations"): 4,
        (0, "citations", 0): 5,
        (0, "citations", 0, "source"): 5,
        (0, "citations", 0, "quote"): 6,
        (1,): 8,
        (1, "id"): 8,
    }


def test_empty_document() -> None:
    assert parse("").data is None
    assert parse("# only a comment\n").data is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a: 1\n  a: 2\n", "line 2: duplicate key 'a'"),
        ("- &x a\n- *x\n", "line 1: anchor &x: anchors and aliases are not allowed"),
        ("- *x\n", "line 1: alias *x: anchors and aliases are not allowed"),
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
def test_refused(text: str, message: str) -> None:
    assert _error(text) == message


def test_tab_inside_a_quoted_value_is_fine() -> None:
    assert parse("key: 'a\tb'\n").data == {"key": "a\tb"}


def test_tab_with_the_pure_python_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    monkeypatch.setattr(yamlfile, "_Loader", yaml.SafeLoader)
    assert _error("a:\n\t- 1\n") == "line 2: invalid YAML: a tab character: indent with spaces"


def test_depth_limit() -> None:
    depth = yamlfile.MAX_DEPTH
    assert parse("[" * (depth + 1) + "]" * (depth + 1)).data is not None
    too_deep = "[" * (depth + 2) + "]" * (depth + 2)
    assert _error(too_deep) == f"line 1: nested more than {depth} levels deep"


def test_depth_limit_stops_a_huge_nesting_quickly() -> None:
    assert _error("[" * 100_000) == "line 1: nested more than 32 levels deep"


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
def test_non_text_keys_are_refused(key: str) -> None:
    with pytest.raises(YamlError) as info:
        parse(f"- id: a\n  {key}: x\n")
    assert info.value.line == 2
    assert info.value.message == f"key {key!r} is not read as text: quote it"


def test_quoted_numeric_key_is_text() -> None:
    assert parse('- "1": x\n').data == [{"1": "x"}]
