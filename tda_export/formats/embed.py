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
{style}
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
{label_markers}(function () {{
  "use strict";
  var container = document.getElementById("timeline");
  if (!window.TL) {{
    container.textContent = "TimelineJS could not be loaded from " +
      container.getAttribute("data-script-path") + ".";
    return;
  }}
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var scriptPath = new URL(container.getAttribute("data-script-path"), document.baseURI).href;
  window.timeline = new TL.Timeline("timeline", data, {options});
  window.timeline.on("ready", function () {{
    tdaLabelMarkers(data);
    container.setAttribute("data-state", "ready");
  }});
}})();
</script>
</body>
</html>
"""


#: Script shared by timeline.html and story.html: once TimelineJS has drawn its markers,
#: each shows its slide's short ``label`` (set as text, never as markup).
LABEL_MARKERS = """\
function tdaLabelMarkers(data) {
  "use strict";
  data.events.forEach(function (slide) {
    var marker = document.getElementById(slide.unique_id + "-marker");
    var headline = marker && marker.querySelector(".tl-headline");
    if (headline && slide.label) {
      headline.textContent = slide.label;
    }
  });
}
"""

#: Options given to TimelineJS: no web font (nothing fetched from elsewhere); each slide
#: at ``#event-<id>`` (a link to one event opens it); lower markers, so more rows of them
#: fit the time bar where events crowd together.
OPTIONS = (
    "{script_path: scriptPath, font: null, hash_bookmark: true, "
    "marker_height_min: 24, marker_padding: 3}"
)

#: The slide text: status first, quotes set off, dark enough to read; short marker labels.
STYLE = """\
.tl-timeline .tl-slide .tl-slide-content-container .tl-slide-content { padding-top: 8px; }
.tl-timeline .tl-slide .tl-text h2.tl-headline { font-size: 26px; line-height: 1.2;
  margin-bottom: 6px; }
.tl-timeline .tl-slide .tl-text h3.tl-headline-date { font-size: 15px; color: #555;
  margin-bottom: 2px; }
.tl-timeline .tl-text-content p { font-size: 15px; line-height: 1.4; margin: 0 0 8px;
  color: #333; }
.tl-timeline .tl-text-content li { font-size: 15px; line-height: 1.4; color: #333; }
.tl-timeline .tl-text-content p.tda-status { font-weight: bold; color: #333; }
.tl-timeline .tl-text-content p.tda-status-disputed,
.tl-timeline .tl-text-content p.tda-status-alleged { color: #6a3d9a; }
.tl-timeline .tl-text-content p.tda-status-outdated { color: #666; }
.tl-timeline figure.tda-citation { margin: 0 0 8px; padding-left: 10px;
  border-left: 3px solid #bbb; }
.tl-timeline figure.tda-citation blockquote { margin: 0; padding: 0; border: 0; }
.tl-timeline .tl-text-content figure.tda-citation blockquote p { font-style: italic;
  font-size: 15px; line-height: 1.4; margin: 0; color: #444; }
.tl-timeline figure.tda-citation blockquote p::before,
.tl-timeline figure.tda-citation blockquote p::after { display: inline; font-size: inherit;
  top: 0; margin: 0; }
.tl-timeline figure.tda-citation figcaption { font-size: 13px; color: #555; }
.tl-timeline .tl-text-content p.tda-meta, .tl-timeline .tl-text-content p.tda-note,
.tl-timeline .tl-text-content p.tda-see { font-size: 14px; color: #444; }
.tl-timeline .tl-timemarker .tl-timemarker-content-container .tl-timemarker-content
  .tl-timemarker-text h2.tl-headline { font-size: 11px; }
"""


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
    """The page up to the opening of the JSON data block."""
    base_url = dist_url(script_path)
    return _HEAD.format(
        style=STYLE,
        title=html.escape(TITLE, quote=False),
        css=html.escape(base_url + "css/timeline.css", quote=True),
        js_dir=html.escape(base_url + "js/", quote=True),
    )


def page_tail(script_path: str = "timelinejs/") -> str:
    """The page from the end of the JSON data block."""
    js = html.escape(dist_url(script_path) + "js/timeline.js", quote=True)
    return _TAIL.format(js=js, options=OPTIONS, label_markers=LABEL_MARKERS)


def dist_url(script_path: str) -> str:
    """The TimelineJS ``dist/`` folder URL, ending in ``/``."""
    return script_path if script_path.endswith("/") else script_path + "/"
