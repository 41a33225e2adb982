"""tda-export source add: saved pages and text into the archive and sources.yaml.

The pages in tests/fixtures/pages are written for the tests (an invented outlet and port),
not copies of real articles. Each refusal has its exact message and exit status, and
leaves the archive and sources.yaml as they were.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import HERE, ROOT, shared_dir
from pydantic import TypeAdapter
from test_adding_a_source import require_html_extra

from tda_export.archive import copies, normalise_copy
from tda_export.cli import cli
from tda_export.loader import load_factbase
from tda_export.models import Source
from tda_export.yamlfile import iter_file

PAGES = HERE / "fixtures" / "pages"
NEWSROOM = HERE / "fixtures" / "newsroom"
RING = PAGES / "courier-harbour-ring.html"
RING_COPY = "001_fc217d5ff831b73c.txt"


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the newsroom base (facts/, archive/), the working folder."""
    for name in ("facts", "archive"):
        shutil.copytree(NEWSROOM / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def add(*args: str | Path) -> Result:
    return CliRunner().invoke(
        cli, ["source", "add", *map(str, args), "--facts", "facts", "--archive", "archive"]
    )


def state(folder: Path) -> dict[str, bytes]:
    """Every file of the base and its archive, to tell that nothing changed."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.parts[-2] in ("facts", "archive")
    }


def sources(folder: Path) -> dict[str, Source]:
    base, problems = load_factbase(folder / "facts")
    assert problems == []
    return {src.id: src for src in base.sources}


# -- pages ---------------------------------------------------------------------------------
def test_a_page_with_its_metadata(base: Path) -> None:
    require_html_extra()
    result = add(RING, "--id", "ring", "--kind", "news-report")
    sha = "fc217d5ff831b73c498b1cb73808a326e12902bf91665c91a59b3dc0385dd1f0"
    assert (result.exit_code, result.output.splitlines()) == (
        0,
        [
            f"archive/{RING_COPY}: written (sha256 {sha})",
            "facts/sources.yaml: source 'ring' added; from the page: publisher, title, "
            "authors, published, url, language",
            "next: tda-export coverage --source ring --todo worksheet.yaml --archive archive",
        ],
    )
    data = (base / "archive" / RING_COPY).read_bytes()
    assert hashlib.sha256(data).hexdigest() == sha
    assert data.decode() == (
        "Harbour smuggling ring dismantled, police say\n\n"
        "Police in Example Bay said on Monday that they had dismantled a smuggling ring that "
        "moved goods through the harbour for three years. Officers seized ledgers and 40 "
        "mobile phones.\n\n"
        "The northern quay, closed in March for repairs, reopened last week.\n\n"
        "The mayor, Carla Muestra, called the arrests \u201ca first step\u201d.\n\n"
        "Ferry fares rose again this month, the port authority said."
    )  # no menu, caption, "Read more" teasers or footer
    assert sources(base)["ring"] == TypeAdapter(Source).validate_python(
        {
            "id": "ring",
            "publisher": "The Example Courier",
            "title": "Harbour smuggling ring dismantled, police say",
            "authors": ["Ana Ejemplo", "Bo Sample"],
            "kind": "news-report",
            "published": "2026-11-02",
            "url": "https://news.example.org/2026/11/02/harbour-ring",
            "language": "en",
            "archive": {"file": RING_COPY, "sha256": sha},
        }
    )
    text = (base / "facts" / "sources.yaml").read_text(encoding="utf-8")
    before = (NEWSROOM / "facts" / "sources.yaml").read_text(encoding="utf-8")
    assert text.startswith(before)  # comments and earlier entries untouched


def test_a_page_without_metadata_takes_options_and_says_what_is_empty(base: Path) -> None:
    require_html_extra()
    page = PAGES / "notice-no-metadata.html"
    result = add(page, "--id", "notice", "--kind", "other", "--title", "Southern quay notice",
                 "--language", "en")  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1:] == [
        "facts/sources.yaml: source 'notice' added; from the page: nothing",
        "empty: publisher, authors, published, url (not on the page; --publisher, --author, "
        "--published, --url to give them)",
        "next: tda-export coverage --source notice --todo worksheet.yaml --archive archive",
    ]
    notice = sources(base)["notice"]
    assert (notice.title, notice.language, notice.publisher, notice.published, notice.url) == (
        "Southern quay notice", "en", None, None, None,
    )  # fmt: skip
    assert notice.authors == [] and notice.archive.file.startswith("001_")


def test_an_option_replaces_what_the_page_says_and_says_so(base: Path) -> None:
    require_html_extra()
    result = add(RING, "--id", "ring", "--kind", "news-report", "--publisher", "Courier",
                 "--author", "A. Ejemplo", "--published", "2026-11")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[2:4] == [
        "publisher: --publisher used; the page says 'The Example Courier'",
        "authors: --author used; the page says ['Ana Ejemplo', 'Bo Sample']",
    ]
    ring = sources(base)["ring"]
    assert (ring.publisher, ring.authors, ring.published.text) == (  # type: ignore[union-attr]
        "Courier", ["A. Ejemplo"], "2026-11",
    )  # fmt: skip


# -- plain text ----------------------------------------------------------------------------
def test_plain_text_is_normalised_as_the_archive_is(base: Path) -> None:
    raw = "\ufeff\r\n\r\nA quay notice.  \r\nSecond line\u2028third line\t\r\n\r\n\r\nEnd.\r\n\r\n"
    (base / "notice.txt").write_bytes(raw.encode())
    result = add("notice.txt", "--id", "notice", "--kind", "other", "--title", "Notice",
                 "--language", "en", "--note", "Typed from a notice board.")  # fmt: skip
    assert result.exit_code == 0, result.output
    expected = "A quay notice.\nSecond line\nthird line\n\n\nEnd."
    name = f"001_{hashlib.sha256(expected.encode()).hexdigest()[:16]}.txt"
    assert (base / "archive" / name).read_text(encoding="utf-8") == expected
    assert sources(base)["notice"].note == "Typed from a notice board."


def test_the_archive_copies_are_their_own_normal_form() -> None:
    seeds = shared_dir("seeds")
    found = copies(seeds)
    assert len(found) == 4
    for path in found:
        data = path.read_bytes()
        assert normalise_copy(data.decode("utf-8")).encode() == data, path.name


def test_the_running_number_follows_the_highest(base: Path) -> None:
    (base / "archive" / "041_0123456789abcdef.txt").write_text("Another copy.", encoding="utf-8")
    (base / "notice.txt").write_text("A quay notice.", encoding="utf-8")
    result = add("notice.txt", "--id", "notice", "--kind", "other", "--title", "Notice",
                 "--language", "en")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sources(base)["notice"].archive.file.startswith("042_")


# -- round trip on the real archive --------------------------------------------------------
REAL = {
    "insight-crime-profile": [],
    "bbc-explainer": ["--author", "Lisa Lambert"],
    "ap-tocoron": ["--published", "2025-03-31"],
    "bbc-summary": ["--derived-from", "bbc-explainer"],
}


@pytest.mark.parametrize("source_id", REAL)
def test_a_removed_source_comes_back_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source_id: str
) -> None:
    seeds = shared_dir("seeds")
    archive = tmp_path / "archive"
    archive.mkdir()
    for path in copies(seeds):
        shutil.copy(path, archive / path.name)
    facts = tmp_path / "facts"
    shutil.copytree(ROOT / "facts", facts)
    target = facts / "sources.yaml"
    original = sources(tmp_path)[source_id]
    target.write_text(without_entry(target, source_id), encoding="utf-8")
    assert source_id not in sources(tmp_path)
    before = state(tmp_path)
    monkeypatch.chdir(tmp_path)
    options = ["--id", source_id, "--kind", original.kind, "--title", original.title,
               "--language", original.language, *REAL[source_id]]  # fmt: skip
    if original.publisher:
        options += ["--publisher", original.publisher]
    if original.note:
        options += ["--note", original.note]
    result = add(f"archive/{original.archive.file}", *options)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        f"archive/{original.archive.file}: already in the archive, kept "
        f"(sha256 {original.archive.sha256})"
    )
    assert sources(tmp_path)[source_id] == original
    after = state(tmp_path)
    assert {k: v for k, v in after.items() if k != "facts/sources.yaml"} == {
        k: v for k, v in before.items() if k != "facts/sources.yaml"
    }


def without_entry(path: Path, source_id: str) -> str:
    """The text of ``sources.yaml`` without one entry (and the blank line before it)."""
    lines = path.read_text(encoding="utf-8").splitlines(True)
    starts = [line - 1 for _, line, _, _ in iter_file(path)] + [len(lines)]
    ids = [item["id"] for _, _, item, _ in iter_file(path)]
    at = ids.index(source_id)
    start, end = starts[at], starts[at + 1]
    while start and not lines[start - 1].strip():
        start -= 1
    return "".join(lines[:start] + lines[end:])


# -- refusals ------------------------------------------------------------------------------
def refused(base: Path, code: int, message: str, *args: str | Path) -> None:
    before = state(base)
    result = add(*args)
    assert result.exit_code == code, result.output
    assert result.output.splitlines()[-1] == f"Error: {message}"
    assert state(base) == before


def test_refuses_a_text_already_in_the_base(base: Path) -> None:
    copy = base / "archive" / "000_861711f97b39a90b.txt"
    shutil.copy(copy, base / "again.txt")
    refused(
        base, 1,
        "again.txt: already in the base as source 'courier-quay-closure' (same text, sha256 "
        "861711f97b39a90b\u2026, 000_861711f97b39a90b.txt)",
        "again.txt", "--id", "again", "--kind", "other", "--title", "T", "--language", "en",
    )  # fmt: skip


def test_refuses_a_url_already_in_the_base(base: Path) -> None:
    (base / "other.txt").write_text("A different text.", encoding="utf-8")
    refused(
        base, 1,
        "other.txt: already in the base as source 'courier-quay-closure' (same URL "
        "https://news.example.org/2026/03/04/quay-closed)",
        "other.txt", "--id", "other", "--kind", "other", "--title", "T", "--language", "en",
        "--url", "https://news.example.org/2026/03/04/quay-closed",
    )  # fmt: skip


def test_refuses_a_page_value_it_cannot_read(base: Path) -> None:
    require_html_extra()
    page = PAGES / "notice-bad-language.html"
    refused(
        base, 1,
        f"{page}: language: the page's value 'harbour-speak' is not a language code (e.g. "
        "en, es) (give it with --language)",
        page, "--id", "lighthouse", "--kind", "other",
    )  # fmt: skip


def test_refuses_a_page_without_text(base: Path) -> None:
    require_html_extra()
    (base / "empty.html").write_text("<html><body><div></div></body></html>", "utf-8")
    refused(base, 1, "empty.html: no article text found",
            "empty.html", "--id", "empty", "--kind", "other")  # fmt: skip


def test_refuses_text_that_is_not_utf8(base: Path) -> None:
    (base / "latin.txt").write_bytes("Caf\u00e9 notice".encode("latin-1"))
    refused(
        base, 1, "latin.txt: not UTF-8 text (byte 0xe9 at offset 3): save it as UTF-8",
        "latin.txt", "--id", "latin", "--kind", "other", "--title", "T", "--language", "en",
    )  # fmt: skip


def test_refuses_a_binary_file(base: Path) -> None:
    """Bytes that happen to be UTF-8 but hold NUL are not an article: nothing is archived."""
    (base / "page.txt").write_bytes(b"PK\x03\x04\x00\x00 a zip, not an article")
    refused(
        base, 1, "page.txt: not text (a NUL byte at offset 4): is it the article?",
        "page.txt", "--id", "binary", "--kind", "other", "--title", "T", "--language", "en",
    )  # fmt: skip


@pytest.mark.parametrize("make", ["fifo", "device"])
def test_refuses_what_is_not_a_plain_file(base: Path, make: str) -> None:
    """A named pipe would wait for a writer, /dev/zero never ends: refused before reading."""
    if make == "fifo":
        os.mkfifo(base / "page.txt")
    else:
        (base / "page.txt").symlink_to("/dev/zero")
    refused(
        base, 1, "page.txt: cannot read: not a plain file (a pipe, device or socket)",
        "page.txt", "--id", "piped", "--kind", "other", "--title", "T", "--language", "en",
    )  # fmt: skip


def test_names_the_extra_when_trafilatura_is_missing(
    base: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails
    refused(
        base, 1,
        "reading an HTML page needs the optional html extra (trafilatura): "
        "pip install 'tda-export[html]'",
        RING, "--id", "ring", "--kind", "news-report",
    )  # fmt: skip


def test_refuses_an_id_in_use(base: Path) -> None:
    refused(
        base, 2,
        "--id: 'quay-closure' is already the id of a record at facts/events.yaml:2",
        RING, "--id", "quay-closure", "--kind", "news-report",
    )  # fmt: skip


def test_refuses_a_date_it_cannot_read(base: Path) -> None:
    (base / "notice.txt").write_text("A quay notice.", encoding="utf-8")
    refused(
        base, 2, "--published: '2026-02-30' is not a date: February 2026 has 28 days",
        "notice.txt", "--id", "notice", "--kind", "other", "--title", "T", "--language", "en",
        "--published", "2026-02-30",
    )  # fmt: skip


def test_refuses_a_url_option_it_cannot_read(base: Path) -> None:
    (base / "notice.txt").write_text("A quay notice.", encoding="utf-8")
    refused(
        base, 2, "--url: 'ftp://example.org/x' is not an http(s) URL",
        "notice.txt", "--id", "notice", "--kind", "other", "--title", "T", "--language", "en",
        "--url", "ftp://example.org/x",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("missing", "given"), [("title", ["--language", "en"]), ("language", ["--title", "T"])]
)
def test_refuses_a_source_without_title_or_language(
    base: Path, missing: str, given: list[str]
) -> None:
    (base / "notice.txt").write_text("A quay notice.", encoding="utf-8")
    refused(base, 2, f"--{missing}: the page gives no {missing}: give it with --{missing}",
            "notice.txt", "--id", "notice", "--kind", "other", *given)  # fmt: skip


def test_refuses_an_unknown_original(base: Path) -> None:
    refused(base, 2, "--derived-from: no source with id 'quay-closure'",
            RING, "--id", "ring", "--kind", "derived-summary",
            "--derived-from", "quay-closure")  # fmt: skip


def test_refuses_to_append_to_a_broken_sources_file(base: Path) -> None:
    target = base / "facts" / "sources.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "  oops: [\n", encoding="utf-8")
    (base / "notice.txt").write_text("A quay notice.", encoding="utf-8")
    before = state(base)
    result = add("notice.txt", "--id", "notice", "--kind", "other", "--title", "T",
                 "--language", "en")  # fmt: skip
    assert result.exit_code == 1
    assert result.output.startswith("Error: facts/sources.yaml:")
    assert result.output.rstrip().endswith("(fix the sources file first)")
    assert state(base) == before


def test_kind_and_id_are_required(base: Path) -> None:
    result = add(RING, "--id", "ring")
    assert result.exit_code == 2
    assert "Error: Missing option '--kind'. Choose from:" in result.output.splitlines()
