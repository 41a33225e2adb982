"""Screenshots of a correction as readers see it, into docs/corrections/.

The small fixture base with one correction (the Tocorón raid's status changed from
reported to alleged, the example of docs/corrections.md) is built into a temporary folder;
headless Chromium then shoots, in the 740x650 article embed, the raid's timeline slide and
the map page with the raid selected, and the raid's KML balloon (its description, as
Google Earth and QGIS show it, in a 440 px wide balloon).

    python scripts/correction_screenshots.py [--docs docs/corrections]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

from screenshots import DIST, LEAFLET, ROOT, _Quiet, shoot

from tda_export.build import build

EVENT = "tocoron-raid"
REVISION = """  revisions:
    - date: 2026-12-10
      change: status changed from reported to alleged
      reason: the source attributes the claim to police sources speaking anonymously
      source: profile
"""
BALLOON = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body {{ margin: 0; background: #e8e8e8; font: 13px Arial, sans-serif; }}
.balloon {{ width: 420px; margin: 10px; padding: 10px; background: #fff;
  border: 1px solid #888; border-radius: 6px; box-shadow: 0 2px 6px rgba(0,0,0,.3); }}
</style></head><body><div class="balloon">{html}</div></body></html>"""


def corrected_outputs(folder: Path) -> Path:
    """The small fixture base with the raid corrected, built into ``folder/outputs``."""
    facts = folder / "facts"
    shutil.copytree(ROOT / "tests" / "fixtures" / "small" / "facts", facts)
    events = facts / "events.yaml"
    text = events.read_text(encoding="utf-8")
    old = "personnel entered the prison.\n  status: reported\n"
    new = "personnel entered the prison.\n  status: alleged\n" + REVISION
    events.write_text(text.replace(old, new), encoding="utf-8")
    build(facts, folder / "outputs")
    return folder / "outputs"


def balloon(kml: Path) -> str:
    """The description of the raid's placemark, in a page drawn like a balloon."""
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    for placemark in ET.parse(kml).getroot().iter(f"{{{ns['k']}}}Placemark"):
        if placemark.get("id", "").startswith(f"events.{EVENT}."):
            return BALLOON.format(html=placemark.findtext("k:description", "", ns))
    raise SystemExit(f"no placemark of {EVENT}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "docs" / "corrections")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None or not (DIST.is_dir() and LEAFLET.is_dir()):
        print("needs chromium and tests/js/node_modules (scripts/install-test-deps.sh)")
        return 1
    args.docs.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        site = corrected_outputs(Path(temp))
        (site / "balloon.html").write_text(balloon(site / "tren-de-aragua.kml"), "utf-8")
        (site / "timelinejs").symlink_to(DIST, target_is_directory=True)
        (site / "leaflet").symlink_to(LEAFLET, target_is_directory=True)
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            views = {
                "slide": (f"timeline.html#event-{EVENT}", (740, 650)),
                "map-panel": (f"map.html#date=2023-09-20&select={EVENT}", (740, 650)),
                "balloon": ("balloon.html", (460, 520)),
            }
            for name, (page, size) in views.items():
                png = args.docs / f"{name}.png"
                shoot(chromium, base + page, size, png, Path(temp) / "profile")
                print(png.relative_to(ROOT) if png.is_relative_to(ROOT) else png)
        finally:
            server.shutdown()
            server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
