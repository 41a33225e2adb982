"""Screenshots of corrections as readers see them, into docs/corrections/.

Taken from the real base's built pages (outputs/, which tests/test_outputs_fresh.py keeps
equal to a fresh build; the pages carry TimelineJS and Leaflet inside them), served on
127.0.0.1: the timeline slide of one corrected event (the expansion into Sucre, whose status
changed from reported to alleged) in the 740x650 article embed, the map page with that
event selected on the desktop (1400x900, where the panel shows the whole correction), and
the KML balloon of a corrected presence record (Lara, activities removed): its
placemark's description, as Google Earth and QGIS show it, in a 430 px wide balloon.

    python scripts/correction_screenshots.py [--outputs outputs] [--docs docs/corrections]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from screenshots import ROOT, balloon_page, serve, shoot

#: The corrected event of the slide and the map panel, and the day the map is opened on.
EVENT, DAY = "sucre-expansion", "2018-06-01"
#: The corrected record whose KML balloon is shot.
BALLOON = "presence-lara"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outputs", type=Path, default=ROOT / "outputs")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs" / "corrections")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("needs chromium")
        return 1
    args.docs.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "site"
        shutil.copytree(args.outputs, site)
        page = balloon_page(site / "tren-de-aragua.kml", BALLOON)
        (site / "balloon.html").write_text(page, "utf-8")
        with serve(site) as base:
            views = {
                "slide": (f"timeline.html#event-{EVENT}", (740, 650)),
                "map-panel": (f"map.html#date={DAY}&select={EVENT}", (1400, 900)),
                "balloon": ("balloon.html", (480, 520)),
            }
            for name, (url, size) in views.items():
                png = args.docs / f"{name}.png"
                shoot(chromium, base + url, size, png, Path(temp) / "profile")
                print(png.relative_to(ROOT) if png.is_relative_to(ROOT) else png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
