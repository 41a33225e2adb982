"""An HTML page that shows the chronology with TimelineJS, for embedding in an article.

The page loads TimelineJS from a folder beside it (``timelinejs/`` by default: copy the
``dist/`` folder of the npm package @knight-lab/timelinejs there) and asks for no web
font (``font: null``), so it fetches nothing from elsewhere. The TimelineJS JSON is
embedded in a ``<script type="application/json">`` block with ``<``, ``>``, ``&``, U+2028
and U+2029 written as ``\\uXXXX`` escapes, so no fact text can close the block
(``</script>``) or open markup; the page reads it with ``JSON.parse``.

:func:`tda_export.formats.timeline.write_embed_page` writes the page; this module holds
its template.
"""

from __future__ import annotations

import html

from tda_export.formats.chronology import TITLE

_SCRIPT_ESCAPES = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)

_HEAD = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>{title}</title>
<link rel="stylesheet" href="{css}">
<style>
html, body {{ height: 100%; margin: 0; }}
#timeline {{ width: 100%; height: 100%; min-height: 480px; }}
</style>
</head>
<body>
<div id="timeline" data-script-path="{js_dir}"></div>
<noscript><p>This timeline needs JavaScript.</p></noscript>
<script type="application/json" id="timeline-data">
"""

_TAIL = """\
</script>
<script src="{js}"></script>
<script>
(function () {{
  "use strict";
  var container = document.getElementById("timeline");
  if (!window.TL) {{
    container.textContent = "TimelineJS could not be loaded from " +
      container.getAttribute("data-script-path") + ".";
    return;
  }}
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var scriptPath = new URL(container.getAttribute("data-script-path"), document.baseURI).href;
  window.timeline = new TL.Timeline("timeline", data, {{script_path: scriptPath, font: null}});
  window.timeline.on("ready", function () {{
    container.setAttribute("data-state", "ready");
  }});
}})();
</script>
</body>
</html>
"""


def script_safe(json_text: str) -> str:
    """JSON text made safe inside ``<script>``: ``<``, ``>``, ``&``, U+2028/9 as escapes.

    These characters only occur inside JSON strings, so the result is the same JSON value.
    """
    return json_text.translate(_SCRIPT_ESCAPES)


def page_head(script_path: str = "timelinejs/") -> str:
    """The page up to the opening of the JSON data block."""
    base_url = dist_url(script_path)
    return _HEAD.format(
        title=html.escape(TITLE, quote=False),
        css=html.escape(base_url + "css/timeline.css", quote=True),
        js_dir=html.escape(base_url + "js/", quote=True),
    )


def page_tail(script_path: str = "timelinejs/") -> str:
    """The page from the end of the JSON data block."""
    return _TAIL.format(js=html.escape(dist_url(script_path) + "js/timeline.js", quote=True))


def dist_url(script_path: str) -> str:
    """The TimelineJS ``dist/`` folder URL, ending in ``/``."""
    return script_path if script_path.endswith("/") else script_path + "/"
