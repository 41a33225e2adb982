"""Screenshots of outputs/timeline.html, map.html and story.html, into docs/screenshots/.

Besides, one attributed claim (#22): its timeline slide in the article embed, its map
panel on the desktop (where the panel shows its sources without scrolling), and its KML
balloon (the placemark's description HTML, taken from outputs/tren-de-aragua.kml, as
Chromium renders it).

The built pages (each one file, Leaflet and TimelineJS inside) are served from a temporary
folder on 127.0.0.1; Chromium resolves no other host. Each view is taken at four sizes: a
desktop window (1400x900), the documented article embed (an article page holding the
page in a real ``<iframe width="100%" height="650">`` 740 px wide, the page's column in
a 800 px window), the same embed 300 px wide (a phone's article column), and a phone
window (390x844). Event slides are opened by their deep link,
``timeline.html#event-<id>``; the map's date and selection by
``map.html#date=<day>&select=<id>``.

    python scripts/screenshots.py [--outputs outputs] [--docs docs/screenshots]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import html
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Window sizes; the embeds are an article page (its window) holding an iframe this wide.
SIZES = {"desktop": (1400, 900), "embed": (800, 760), "narrow": (360, 760), "phone": (390, 844)}
EMBEDS = {"embed": 740, "narrow": 300}
#: The views: the title slide, a disputed claim with a related record, an exact day.
VIEWS = {
    "title": "",
    "disputed": "#event-origin-railway-union",
    "day": "#event-tocoron-operation",
}
#: The pages and views shot: the timeline's; the map with every date, and on the day of the
#: Tocorón raid with that event selected; the story page on that event's slide.
PAGES = {
    "timeline": ("timeline.html", VIEWS),
    "map": ("map.html", {"all": "", "selected": "#date=2023-09-20&select=tocoron-operation"}),
    "story": ("story.html", {"event": "#event-tocoron-operation"}),
}
#: An article that embeds a page as the README says (width 100% of its column, 650 high).
ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>An article</title>
<link rel="icon" href="data:,">
<style>
body {{ margin: 0; background: #fff; color: #222; font: 15px/1.45 Georgia, serif; }}
main {{ width: {width}px; margin: 0 auto; padding: 12px 0; }}
p {{ margin: 0 0 10px; }}
iframe {{ display: block; border: 0; outline: 1px solid #bbb; }}
</style></head>
<body><main>
<p>An article page: the embed below is an <code>iframe</code>, {width} px wide and 650 high.</p>
<iframe src="{src}" width="100%" height="650" title="Tren de Aragua"></iframe>
</main></body></html>
"""

#: An attributed claim: anonymous police sources, alleged (issue #22).
ATTRIBUTED = "tren-del-llano-areas-taken"
EXTRA = {
    "timeline-attributed-embed": ("timeline.html", f"#event-{ATTRIBUTED}", SIZES["embed"]),
    "map-attributed-desktop": (
        "map.html",
        f"#date=2016-06-01&select={ATTRIBUTED}",
        SIZES["desktop"],
    ),
    "kml-balloon-attributed": ("balloon.html", "", (480, 470)),
}
BALLOON = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{name}</title>
<style>body {{ margin: 0; background: #e6e6e6; font: 13px Arial, sans-serif; }}
.balloon {{ margin: 12px; padding: 10px 12px; width: 430px; background: #fff;
border: 1px solid #888; border-radius: 6px; box-shadow: 0 2px 6px #0006; }}</style></head>
<body><div class="balloon">{description}</div></body></html>
"""


def balloon_page(kml: Path, record_id: str) -> str:
    """The description of the first placemark of ``record_id`` in ``kml``, as a page."""
    from xml.etree import ElementTree as ET

    ns = {"k": "http://www.opengis.net/kml/2.2"}
    for mark in ET.parse(kml).iter(f"{{{ns['k']}}}Placemark"):
        data = {d.get("name"): d.text for d in mark.iterfind(".//k:SimpleData", ns)}
        if data.get("id") == record_id:
            name = mark.findtext("k:name", "", ns)
            return BALLOON.format(name=name, description=mark.findtext("k:description", "", ns))
    raise SystemExit(f"no placemark of {record_id} in {kml}")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 while the block runs; yield its base URL."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def shoot(chromium: str, url: str, size: tuple[int, int], png: Path, profile: Path) -> None:
    """One screenshot of ``url`` at ``size`` into ``png``."""
    width, height = size
    subprocess.run(
        [
            chromium,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            f"--window-size={width},{height}",
            "--virtual-time-budget=20000",
            # draw what the page's animations end on (the time bar after a deep link)
            "--run-all-compositor-stages-before-draw",
            "--disable-threaded-animation",
            "--disable-threaded-scrolling",
            "--disable-checker-imaging",
            f"--screenshot={png}",
            url,
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outputs", type=Path, default=ROOT / "outputs")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("needs chromium")
        return 1
    args.docs.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "site"
        site.mkdir()
        for page, _ in PAGES.values():
            shutil.copy(args.outputs / page, site / page)
        balloon = balloon_page(args.outputs / "tren-de-aragua.kml", ATTRIBUTED)
        (site / "balloon.html").write_text(balloon, encoding="utf-8")
        with serve(site) as base:
            for name, (page, views) in PAGES.items():
                for view, fragment in views.items():
                    for size_name, size in SIZES.items():
                        url = base + page + fragment
                        if size_name in EMBEDS:
                            article = site / f"{name}-{view}-{size_name}.html"
                            src = html.escape(page + fragment, quote=True)
                            text = ARTICLE.format(width=EMBEDS[size_name], src=src)
                            article.write_text(text, encoding="utf-8")
                            url = base + article.name
                        png = args.docs / f"{name}-{view}-{size_name}.png"
                        shoot(chromium, url, size, png, Path(temp) / "profile")
                        print(png.relative_to(ROOT) if png.is_relative_to(ROOT) else png)
            for name, (page, fragment, size) in EXTRA.items():
                png, url = args.docs / f"{name}.png", base + page + fragment
                if name.endswith("-embed"):  # in an article's iframe, as the embeds above
                    src = html.escape(page + fragment, quote=True)
                    text = ARTICLE.format(width=EMBEDS["embed"], src=src)
                    (site / f"{name}.html").write_text(text, encoding="utf-8")
                    url = base + f"{name}.html"
                shoot(chromium, url, size, png, Path(temp) / "profile")
                print(png.relative_to(ROOT) if png.is_relative_to(ROOT) else png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
