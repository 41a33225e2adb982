"""HTML pages that show the chronology and the map, for embedding in an article.

Each page is one file that works on its own: opened from a folder with a double-click
(``file://``), from any web server, with no network. Leaflet 1.9.4 and TimelineJS 3.9.11
are written into the page from the copies shipped in ``vendor/`` (made by
``scripts/vendor_js.py`` from the npm packages, sha256 in ``vendor/manifest.json``), each
with its licence notice; given a URL (``--leaflet-url``, ``--timelinejs-url``), a page
links a site's own copy of the library's ``dist/`` folder instead. TimelineJS is asked
for no web font (``font: null``), so nothing is fetched from elsewhere. Our CSS, scripts
and page templates (:class:`string.Template`) are files in ``assets/``. Data is embedded
in ``<script type="application/json">`` blocks with ``<``, ``>``, ``&``, U+2028 and
U+2029 written as ``\\uXXXX`` escapes (:func:`script_safe`), so no fact text can close
the block (``</script>``) or open markup; the pages read it with ``JSON.parse``.

:func:`tda_export.formats.chronologies.timeline.write_embed_page` writes ``timeline.html`` with
:func:`timeline_page`; :mod:`tda_export.formats.pages.webmap` writes the map pages.
"""

from __future__ import annotations

import base64
import html
import json
import re
import string
from importlib import resources

from tda_export.formats.words import TITLE


def asset(name: str) -> str:
    """The text of ``assets/<name>``: CSS, scripts and page bodies."""
    return resources.files("tda_export.formats.pages").joinpath("assets", name).read_text("utf-8")


#: The libraries a page can carry: per folder of ``vendor/``, its stylesheet and script,
#: each as (file in ``vendor/``, path under the library's ``dist/`` folder on a site).
LIBRARIES = {
    "leaflet": (("leaflet.css", "leaflet.css"), ("leaflet.js", "leaflet.js")),
    "timelinejs": (("timeline.css", "css/timeline.css"), ("timeline.js", "js/timeline.js")),
}
_SOURCE_MAP = re.compile(r"\n?(?://# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+\*/)\s*$")
_FONT_SOURCES = re.compile(r"src: url\(\.\./js/\.\./css/icons/tl-icons\.eot\);\n\s*src: [^;]*;")


def vendored(library: str, name: str) -> bytes:
    """The bytes of a shipped library file, ``vendor/<library>/<name>``."""
    return (
        resources.files("tda_export.formats.pages").joinpath("vendor", library, name).read_bytes()
    )


def _text(library: str, name: str) -> str:
    """A shipped text file as written into a page: LF line ends (Leaflet's have CRLF)."""
    return vendored(library, name).decode("utf-8").replace("\r\n", "\n")


def _notice(library: str) -> str:
    """Comments naming the library, its version, source and licence: the BSD licence's
    text in full; for TimelineJS (MPL-2.0) where its source is, then the notice of the
    code it includes (its ``timeline.js.LICENSE.txt``, itself a comment)."""
    path = resources.files("tda_export.formats.pages").joinpath("vendor", "manifest.json")
    meta = json.loads(path.read_text("utf-8"))[library]
    npm_file = meta["files"][LIBRARIES[library][1][0]]["npm"]
    words = (
        f"{meta['npm']} {meta['version']} <{meta['homepage']}>: the npm package's "
        f"{npm_file}, unchanged but for its source-map line; licence {meta['license']}"
    )
    if library == "leaflet":
        return f"/* {words}:\n{_text(library, 'LICENSE').strip()}\n*/\n"
    words += f" <https://mozilla.org/MPL/2.0/>; source: the npm package and {meta['repository']}"
    return f"/* {words} */\n{_text(library, 'timeline.js.LICENSE.txt').strip()}\n"


def library_css(library: str, url: str | None) -> str:
    """The library's stylesheet: a ``<link>`` to ``url``'s copy, or the shipped one inline.

    Inline, the source-map comment is left out (no map beside the page) and TimelineJS's
    icon font is written into the stylesheet (woff2, as a ``data:`` URL).
    """
    (name, path), _ = LIBRARIES[library]
    if url is not None:
        return f'<link rel="stylesheet" href="{html.escape(dist_url(url) + path, quote=True)}">\n'
    css = _SOURCE_MAP.sub("", _text(library, name))
    if library == "timelinejs":
        font = base64.b64encode(vendored(library, "tl-icons.woff2")).decode("ascii")
        css = _FONT_SOURCES.sub(f"src: url(data:font/woff2;base64,{font}) format('woff2');", css)
    return f"<style>\n{css}\n</style>\n"


def library_script(library: str, url: str | None) -> str:
    """The library's script: loaded from ``url``'s copy, or the shipped one inline."""
    _, (name, path) = LIBRARIES[library]
    if url is not None:
        return script_tag(dist_url(url) + path)
    code = _SOURCE_MAP.sub("", _text(library, name))  # holds no "</script" nor "<!--" (a test)
    return "<script>\n" + _notice(library) + code + "\n</script>\n"


def page(name: str, **values: str) -> str:
    """The page template ``assets/<name>`` with its ``$`` placeholders filled
    (:class:`string.Template`; values are inserted as they are, never read as templates)."""
    return string.Template(asset(name)).substitute(values)


def script_tag(src: str) -> str:
    """A ``<script>`` element that loads ``src``."""
    return f'<script src="{html.escape(src, quote=True)}"></script>\n'


def script_safe(json_text: str) -> str:
    """JSON text made safe inside ``<script>``: ``<``, ``>``, ``&``, U+2028/9 as escapes.

    These characters only occur inside JSON strings, so the result is the same JSON value.
    (Five replaces: ``str.translate`` with a table is ten times slower on large text.)
    """
    return (
        json_text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def js_dir(script_path: str | None) -> str:
    """The ``data-script-path`` of a page's timeline: where TimelineJS's ``js/`` folder is
    (empty for the shipped copy)."""
    return "" if script_path is None else html.escape(dist_url(script_path) + "js/", quote=True)


def timeline_page(data: str, script_path: str | None = None) -> str:
    """``timeline.html`` holding the TimelineJS JSON text ``data``.

    ``script_path``: URL of a TimelineJS ``dist/`` folder to link; ``None`` writes the
    shipped TimelineJS into the page.
    """
    return page(
        "timeline.html",
        title=html.escape(TITLE, quote=False),
        timelinejs_css=library_css("timelinejs", script_path),
        timeline_css=asset("timeline.css"),
        js_dir=js_dir(script_path),
        timeline_data=script_safe(data),
        timelinejs=library_script("timelinejs", script_path),
        timeline_start=asset("timeline-start.js"),
        timeline_page=asset("timeline-page.js"),
    )


def dist_url(script_path: str) -> str:
    """The ``dist/`` folder URL, ending in ``/``."""
    return script_path if script_path.endswith("/") else script_path + "/"
