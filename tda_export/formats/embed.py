"""HTML pages that show the chronology and the map, for embedding in an article.

The pages load TimelineJS and Leaflet from folders beside them (``timelinejs/`` and
``leaflet/`` by default: copy the ``dist/`` folder of the npm packages
@knight-lab/timelinejs and leaflet there) and ask for no web font (TimelineJS
``font: null``), so they fetch nothing from elsewhere. Their CSS, scripts and bodies are
files in ``assets/``. Data is embedded in ``<script type="application/json">`` blocks with
``<``, ``>``, ``&``, U+2028 and U+2029 written as ``\\uXXXX`` escapes (:func:`script_safe`),
so no fact text can close the block (``</script>``) or open markup; the pages read it with
``JSON.parse``.

:func:`tda_export.formats.timeline.write_embed_page` writes ``timeline.html`` from
:func:`page_head` and :func:`page_tail`; :mod:`tda_export.formats.webmap` writes the map
pages.
"""

from __future__ import annotations

import html
from importlib import resources

from tda_export.formats.chronology import TITLE

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
    return resources.files("tda_export.formats").joinpath("assets", name).read_text("utf-8")


def page_start(title: str, css: list[str], style: str) -> str:
    """A page from its doctype to ``</head>``: the title, stylesheets, then ``style``."""
    links = "".join(f'<link rel="stylesheet" href="{html.escape(h, quote=True)}">\n' for h in css)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n<link rel="icon" href="data:,">\n'
        f"<title>{html.escape(title, quote=False)}</title>\n{links}<style>\n{style}</style>\n"
        "</head>\n"
    )


def script_tag(src: str) -> str:
    """A ``<script>`` element that loads ``src``."""
    return f'<script src="{html.escape(src, quote=True)}"></script>\n'


def timeline_script(name: str) -> str:
    """The script ``assets/<name>`` that starts TimelineJS, after the one that labels the
    markers (each with its slide's short ``label``, set as text, never as markup)."""
    start = asset(name).replace("TIMELINE_OPTIONS", OPTIONS)
    return "<script>\n" + asset("label-markers.js") + start + "</script>\n"


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


def page_head(script_path: str = "timelinejs/") -> str:
    """``timeline.html`` up to the opening of the JSON data block."""
    base_url = dist_url(script_path)
    style = _PAGE_STYLE + asset("timeline.css") + "\n"
    js_dir = html.escape(base_url + "js/", quote=True)
    return (
        page_start(TITLE, [base_url + "css/timeline.css"], style)
        + f'<body>\n<div id="timeline" data-script-path="{js_dir}"></div>\n'
        "<noscript><p>This timeline needs JavaScript.</p></noscript>\n"
        '<script type="application/json" id="timeline-data">\n'
    )


def page_tail(script_path: str = "timelinejs/") -> str:
    """``timeline.html`` from the end of the JSON data block."""
    js = script_tag(dist_url(script_path) + "js/timeline.js")
    return "</script>\n" + js + timeline_script("timeline-page.js") + "</body>\n</html>\n"


def dist_url(script_path: str) -> str:
    """The ``dist/`` folder URL, ending in ``/``."""
    return script_path if script_path.endswith("/") else script_path + "/"
