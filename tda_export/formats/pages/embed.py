"""HTML pages that show the chronology and the map, for embedding in an article.

Each page is one file that works on its own: opened from a folder with a double-click
(``file://``), from any web server, with no network. Leaflet 1.9.4 and TimelineJS 3.9.11
are written into the page from the copies shipped in ``vendor/`` (made by
``scripts/vendor_js.py`` from the npm packages, sha256 in ``vendor/manifest.json``), each
with its licence notice; given a URL (``--leaflet-url``, ``--timelinejs-url``), a page
links a site's own copy of the library's ``dist/`` folder instead. TimelineJS is asked
for no web font (``font: null``), so nothing is fetched from elsewhere. Our CSS, scripts
and bodies are files in ``assets/``. Data is embedded in ``<script
type="application/json">`` blocks with ``<``, ``>``, ``&``, U+2028 and U+2029 written as
``\\uXXXX`` escapes (:func:`script_safe`), so no fact text can close the block
(``</script>``) or open markup; the pages read it with ``JSON.parse``.

:func:`tda_export.formats.chronologies.timeline.write_embed_page` writes ``timeline.html`` from
:func:`page_head` and :func:`page_tail`; :mod:`tda_export.formats.pages.webmap` writes the map
pages.
"""

from __future__ import annotations

import base64
import html
import json
import re
from importlib import resources

from tda_export.formats.words import TITLE

#: Options given to TimelineJS: no web font (nothing fetched from elsewhere); each slide
#: at ``#event-<id>`` (a link to one event opens it); lower markers, so more rows of them
#: fit the time bar where events crowd together.
OPTIONS = (
    "{script_path: scriptPath, font: null, hash_bookmark: true, "
    "marker_height_min: 24, marker_padding: 3}"
)

#: The embed page fills the window.
_PAGE_STYLE = """\
html, body { height: 100%; margin: 0; }
#timeline { width: 100%; height: 100%; min-height: 480px; }
"""


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


def page_start(title: str, head: str, style: str) -> str:
    """A page from its doctype to ``</head>``: the title, ``head`` (the libraries'
    stylesheets), then ``style``."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n<link rel="icon" href="data:,">\n'
        f"<title>{html.escape(title, quote=False)}</title>\n{head}<style>\n{style}</style>\n"
        "</head>\n"
    )


def script_tag(src: str) -> str:
    """A ``<script>`` element that loads ``src``."""
    return f'<script src="{html.escape(src, quote=True)}"></script>\n'


def timeline_script(name: str) -> str:
    """The script ``assets/<name>`` that starts TimelineJS, after ``timeline-start.js``
    (which checks a link's slide id, translates TimelineJS's ids and labels the markers,
    each with its slide's short ``label``, set as text, never as markup)."""
    start = asset(name).replace("TIMELINE_OPTIONS", OPTIONS)
    return "<script>\n" + asset("timeline-start.js") + start + "</script>\n"


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


def page_head(script_path: str | None = None) -> str:
    """``timeline.html`` up to the opening of the JSON data block.

    ``script_path``: URL of a TimelineJS ``dist/`` folder to link; ``None`` writes the
    shipped TimelineJS into the page.
    """
    js_dir = "" if script_path is None else html.escape(dist_url(script_path) + "js/", quote=True)
    style = _PAGE_STYLE + asset("timeline.css") + "\n"
    return (
        page_start(TITLE, library_css("timelinejs", script_path), style)
        + f'<body>\n<div id="timeline" data-script-path="{js_dir}"></div>\n'
        "<noscript><p>This timeline needs JavaScript.</p></noscript>\n"
        '<script type="application/json" id="timeline-data">\n'
    )


def page_tail(script_path: str | None = None) -> str:
    """``timeline.html`` from the end of the JSON data block."""
    js = library_script("timelinejs", script_path)
    return "</script>\n" + js + timeline_script("timeline-page.js") + "</body>\n</html>\n"


def dist_url(script_path: str) -> str:
    """The ``dist/`` folder URL, ending in ``/``."""
    return script_path if script_path.endswith("/") else script_path + "/"
