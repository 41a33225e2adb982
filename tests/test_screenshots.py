"""scripts/screenshots.py: the screenshots of the built timeline, map and story pages."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import require_tool

pytestmark = pytest.mark.client
"""Every test here drives a real client (the quick test path leaves them out)."""

ROOT = Path(__file__).parent.parent


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_screenshots_of_every_view_at_every_size(tmp_path: Path) -> None:
    require_tool("chromium")
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshots.py"), "--docs", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    sizes = {p.name: png_size(p) for p in tmp_path.glob("*.png")}
    views = [f"timeline-{v}" for v in ("title", "disputed", "day")]
    views += ["map-all", "map-selected", "story-event"]
    windows = {"desktop": (1400, 900), "embed": (800, 760), "narrow": (360, 760)}
    windows["phone"] = (390, 844)  # the embeds: an article page holding the page's iframe
    attributed = {  # one attributed claim (#22): slide, map panel, KML balloon
        "timeline-attributed-embed.png": (800, 760),
        "map-attributed-desktop.png": (1400, 900),
        "kml-balloon-attributed.png": (480, 470),
    }
    assert sizes == attributed | {
        f"{view}-{name}.png": size for view in views for name, size in windows.items()
    }
    documented = {p.name for p in (ROOT / "docs" / "screenshots").glob("*.png")}
    assert documented == set(sizes)
