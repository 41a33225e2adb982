"""A saved article's text and what its page says about it: title, publisher, authors, date.

An HTML page (``.html``, ``.htm``, ``.xhtml``) is read with trafilatura, made for news
pages: its main text (menus, teasers and footers left out), one line per paragraph,
written with a blank line between paragraphs as the archived copies are; its title,
site name, authors and canonical URL from the page's metadata (meta tags, JSON-LD);
its publication date by htmldate from the date the page declares (meta tags, JSON-LD,
``<time>``), never one guessed from its text or its URL; its language from the ``lang``
of ``<html>``. Any other file is plain UTF-8 text and says nothing about itself.

Nothing is invented: a field the page does not give is ``None``. A site name that is
only the URL's host name (trafilatura's fallback) is no publisher and is left out.
"""

from __future__ import annotations

import errno
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tda_export.errors import TdaExportError

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MISSING_EXTRA = (
    "reading an HTML page needs the optional html extra (trafilatura): "
    "pip install 'tda-export[html]'"
)
_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}))?$")


@dataclass
class Page:
    """The text of an article and the fields its page gives (``None`` when it does not)."""

    text: str
    title: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    url: str | None = None
    language: str | None = None


def read_page(path: Path) -> Page:
    """The article in ``path``: an HTML page by its suffix, else plain UTF-8 text.

    Raises :class:`~tda_export.errors.TdaExportError` for a file that cannot be read
    or decoded, and when trafilatura (the ``html`` extra) is missing for a page.
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe waits, a device may never end
            raise OSError(errno.EINVAL, "not a plain file (a pipe, device or socket)")
        raw = path.read_bytes()
    except OSError as exc:
        raise TdaExportError(f"{path}: cannot read: {exc.strerror}") from None
    if path.suffix.lower() in HTML_SUFFIXES:
        return _html_page(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TdaExportError(
            f"{path}: not UTF-8 text (byte {raw[exc.start]:#04x} at offset {exc.start}): "
            "save it as UTF-8"
        ) from None
    if "\0" in text:  # a binary file that happens to decode: no article holds NUL
        offset = raw.index(b"\0")
        raise TdaExportError(
            f"{path}: not text (a NUL byte at offset {offset}): is it the article?"
        )
    return Page(text)


def _html_page(raw: bytes) -> Page:
    try:
        import htmldate
        import trafilatura
        from trafilatura.settings import Document
        from trafilatura.utils import load_html
    except ImportError:
        raise TdaExportError(MISSING_EXTRA) from None
    tree = load_html(raw)
    if tree is None:
        return Page("")
    # Read before trafilatura prunes the tree.
    language = _language(tree.getroottree().getroot().get("lang"))
    published = htmldate.find_date(tree, extensive_search=False, original_date=True, url="")
    doc = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )  # fmt: skip
    if not isinstance(doc, Document):
        return Page("", language=language)
    text = "\n\n".join(line for line in (doc.text or "").splitlines() if line.strip())
    return Page(
        text,
        title=doc.title or None,
        publisher=_publisher(doc.sitename, doc.url),
        authors=[name.strip() for name in (doc.author or "").split(";") if name.strip()],
        published=published,
        url=doc.url or None,
        language=language,
    )


def _publisher(sitename: str | None, url: str | None) -> str | None:
    """The site name, unless it is only a host name (trafilatura's guess from the URL)."""
    if not sitename:
        return None
    host = (urlsplit(url).hostname or "") if url else ""
    if sitename.lower() in {host, host.removeprefix("www.")} or (
        "." in sitename and " " not in sitename
    ):
        return None
    return sitename


def _language(value: str | None) -> str | None:
    """``en``, ``en-GB``: the ``lang`` attribute in the fact base's form, else as given."""
    if not value:
        return None
    match = _LANGUAGE.match(value.strip())
    if match is None:
        return value
    language, region = match.groups()
    return language.lower() + (f"-{region.upper()}" if region else "")
