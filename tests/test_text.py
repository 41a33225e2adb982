"""The shared text helpers: cuts between grapheme clusters, bidi isolates and balance."""

from __future__ import annotations

import pytest

from tda_export.text import ELLIPSIS, around, bidi_problem, isolate, shorten, utf16_len

FLAG = "\U0001f1fb\U0001f1ea"  # 🇻🇪
FAMILY = "👨\u200d👩\u200d👧\u200d👦"
THUMB = "👍🏽"
ACCENTED = "e\u0301\u0302"  # e with two combining marks
CONJUNCT = "\u0915\u094d\u0937"  # Devanagari क्ष, one cluster since Unicode 15.1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (FLAG * 20, FLAG * 4 + ELLIPSIS),  # not 4 flags and a lone regional indicator
        (FAMILY * 2, FAMILY + ELLIPSIS),  # a family (7 code points) never loses a member
        ("ab" + THUMB * 5, "ab" + THUMB * 3 + ELLIPSIS),  # not a thumb without its tone
        ("abcdefgh" + ACCENTED, "abcdefgh" + ELLIPSIS),  # not an e without its accents
        ("abcdefg" + CONJUNCT * 3, "abcdefg" + ELLIPSIS),  # not क without its conjunct
        ("\u202eabcdefghijk\u202c", "\u202eabcdefg\u202c" + ELLIPSIS),  # closed, within 10
        ("short", "short"),
    ],
)
def test_shorten_cuts_between_characters(text: str, expected: str) -> None:
    assert shorten(text, 10) == expected
    assert len(shorten(text, 10)) <= 10


def test_shorten_at_a_word_drops_trailing_punctuation() -> None:
    assert (
        shorten("Guerrero imprisoned, in Tocorón", 22, words=True)
        == "Guerrero imprisoned" + ELLIPSIS
    )
    assert shorten(" \u0301" + "x" * 30, 10, words=True) == " \u0301xxxxxxx" + ELLIPSIS  # no word


def test_shorten_by_utf16_units() -> None:
    text = FLAG * 10  # 40 UTF-16 units
    assert utf16_len(text) == 40 and utf16_len("abc") == 3
    assert shorten(text, 13, size=utf16_len) == FLAG * 3 + ELLIPSIS


def test_around_keeps_whole_characters_on_both_sides() -> None:
    text = FLAG * 30 + "; " + THUMB * 30
    excerpt = around(text, 60, 5, 5)
    assert excerpt == ELLIPSIS + FLAG * 2 + "; " + THUMB + ELLIPSIS
    assert around("a; b", 1, 40, 12) == "a; b"


def test_isolate_each_line_of_what_can_turn_around() -> None:
    assert isolate("محمد (2011)") == "\u2068محمد (2011)\u2069"
    assert isolate("שלום\nabc") == "\u2068שלום\u2069\n\u2068abc\u2069"
    assert isolate("Tocorón 🇻🇪") == "Tocorón 🇻🇪"
    assert isolate("x\u200fy") == "\u2068x\u200fy\u2069"  # a right-to-left mark is strong


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("\u202eevil\u202c", None),
        ("\u2066x\u2069 \u202by\u202c rlm\u200f", None),
        ("\u202eevil", "a right-to-left override (U+202E) is not closed on its line"),
        ("\u202aa\nb\u202c", "a left-to-right embedding (U+202A) is not closed on its line"),
        ("\u2068a\u202db\u2069", "a left-to-right override (U+202D) is not closed on its line"),
        ("\u2067a", "a right-to-left isolate (U+2067) is not closed on its line"),
        ("a\u202c", "a pop directional formatting (U+202C) closes nothing on its line"),
        ("a\u2069", "a pop directional isolate (U+2069) closes nothing on its line"),
    ],
)
def test_bidi_problem(text: str, problem: str | None) -> None:
    found = bidi_problem(text)
    assert (found if found is None else found.split(":")[0]) == problem


def test_latin1_text_is_a_cluster_a_character() -> None:
    """The fast path of ``clusters_within``: in Latin-1 only CR LF joins (regex agrees)."""
    import regex

    latin1 = [chr(c) for c in range(256)]
    pairs = [a + b for a in latin1 for b in latin1 if a + b != "\r\n"]
    assert all(regex.findall(r"\X", pair) == list(pair) for pair in pairs)
    assert regex.findall(r"\X", "\r\n") == ["\r\n"]
