"""Copy the Leaflet and TimelineJS files the pages need into tda_export/formats/pages/vendor/.

The files come from the npm packages that ``tests/js/package.json`` pins (installed by
``npm ci`` in ``tests/js``): only what ``map.html``, ``story.html`` and ``timeline.html``
use, each package's licence, and ``manifest.json`` with the version, licence, source and
sha256 of every file (a test checks both against the npm packages).

    (cd tests/js && npm ci --no-audit --no-fund)
    python scripts/vendor_js.py
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "tests" / "js" / "node_modules"
VENDOR = ROOT / "tda_export" / "formats" / "pages" / "vendor"
#: Per folder of vendor/: the npm package and, per file kept, its path in the package.
FILES: dict[str, tuple[str, dict[str, str]]] = {
    "leaflet": (
        "leaflet",
        {"leaflet.js": "dist/leaflet.js", "leaflet.css": "dist/leaflet.css", "LICENSE": "LICENSE"},
    ),
    "timelinejs": (
        "@knight-lab/timelinejs",
        {
            "timeline.js": "dist/js/timeline.js",
            "timeline.css": "dist/css/timeline.css",
            # the icon font (arrows, zoom); woff2 is read by every current browser
            "tl-icons.woff2": "dist/css/icons/tl-icons.woff2",
            "timeline.js.LICENSE.txt": "dist/js/timeline.js.LICENSE.txt",
            "LICENSE": "LICENSE",
        },
    ),
}


def sha256(path: Path) -> str:
    """The sha256 of a file, hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest(node_modules: Path = NODE_MODULES) -> dict[str, object]:
    """What ``manifest.json`` says for the packages installed in ``node_modules``."""
    pins = json.loads((ROOT / "tests" / "js" / "package.json").read_text("utf-8"))
    out: dict[str, object] = {}
    for folder, (package, files) in FILES.items():
        meta = json.loads((node_modules / package / "package.json").read_text("utf-8"))
        if meta["version"] != pins["dependencies"][package]:
            raise SystemExit(
                f"{package} {meta['version']} installed, tests/js pins "
                f"{pins['dependencies'][package]}: run npm ci in tests/js"
            )
        out[folder] = {
            "npm": package,
            "version": meta["version"],
            "license": meta["license"],
            "homepage": meta["homepage"],
            "repository": "https://" + meta["repository"]["url"].split("://", 1)[1],
            "files": {
                name: {"npm": path, "sha256": sha256(node_modules / package / path)}
                for name, path in files.items()
            },
        }
    return out


def main() -> int:
    if not NODE_MODULES.is_dir():
        print("run npm ci in tests/js first", file=sys.stderr)
        return 1
    data = manifest()
    for folder, (package, files) in FILES.items():
        target = VENDOR / folder
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for name, path in files.items():
            shutil.copyfile(NODE_MODULES / package / path, target / name)
    text = json.dumps(data, indent=2, sort_keys=True) + "\n"
    (VENDOR / "manifest.json").write_text(text, encoding="utf-8")
    print(
        f"{VENDOR.relative_to(ROOT)}: "
        + ", ".join(f"{v['npm']} {v['version']}" for v in data.values() if isinstance(v, dict))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
