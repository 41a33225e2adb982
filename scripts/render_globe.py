"""Screenshots of outputs/tren-de-aragua.kmz in a globe client (CesiumJS, headless Chromium).

The KMZ is served from a temporary folder on 127.0.0.1 with Cesium's build
(tests/js/node_modules/cesium, installed by scripts/install-test-deps.sh) and its bundled
Natural Earth II imagery; Chromium resolves no other host. Two pictures, both with the
time slider on 20 September 2023 (the Tocorón raid) and that event's balloon open:
the Americas from above, and Venezuela closer, where icons and labels can be read.

    python scripts/render_globe.py [--kmz outputs/tren-de-aragua.kmz] [--docs docs]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from globe import Browser, open_balloon, serve, shown_on  # noqa: E402

#: (file, camera: west, south, east, north) of each picture.
VIEWS = (
    ("globe-americas.png", (-118.0, -45.0, -35.0, 35.0)),
    ("globe-venezuela.png", (-73.5, 3.5, -59.5, 12.5)),
)
DAY = "2023-09-20"
SELECTED = "events.tocoron-operation.tocoron-prison"


def main() -> None:
    """Write every picture of :data:`VIEWS` into the docs folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kmz", type=Path, default=ROOT / "outputs" / "tren-de-aragua.kmz")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("chromium not found (scripts/install-test-deps.sh installs it)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "site").mkdir()
        with serve(args.kmz, folder / "site") as url:
            browser = Browser(chromium, url, folder / "profile", (1280, 800))
            try:
                browser.wait("window.tda && tda.ds && tda.viewer.dataSources.length === 1")
                browser.js(shown_on(DAY))
                for name, (west, south, east, north) in VIEWS:
                    browser.js(
                        "tda.viewer.camera.setView({destination: Cesium.Rectangle.fromDegrees("
                        f"{west}, {south}, {east}, {north})}}); true"
                    )
                    browser.js(open_balloon(SELECTED))
                    browser.settle(6)
                    browser.screenshot(args.docs / name)
                    print((args.docs / name).relative_to(ROOT))
            finally:
                browser.close()


if __name__ == "__main__":
    main()
