"""Rebuild tda_export/data/basemap.json.gz: the web map's base map, from the bundled boundaries.

Every bundled country and state, simplified and rounded for a page
(:func:`tda_export.formats.pages.webmap.web_geometry`). Working this out took about a second of
every ``map --html`` and ``build``; the result only changes with the bundled boundaries or
the web tolerances, so it is shipped, and ``tests/test_webmap.py`` checks it is up to date.
Run from the project root after ``scripts/make_boundaries.py``:
``python scripts/make_basemap.py``.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

TARGET = Path("tda_export/data") / "basemap.json.gz"


def compute() -> dict[str, list[dict[str, Any]]]:
    """``{"countries": [...], "states": [...]}``: code, name and coordinates of each area."""
    from tda_export import geography
    from tda_export.formats.pages.webmap import (
        BASE_DECIMALS,
        BASE_TOLERANCE_DEG,
        STATE_TOLERANCE_DEG,
        web_geometry,
    )

    def area(code: str) -> dict[str, Any]:
        tolerance = STATE_TOLERANCE_DEG if "-" in code else BASE_TOLERANCE_DEG
        return {
            "code": code,
            "name": geography.area_name(code),
            "coordinates": web_geometry(code, tolerance, BASE_DECIMALS),
        }

    countries, states = [], []
    for country in geography.country_codes():
        countries.append(area(country))
        states.extend(area(code) for code in geography.state_codes(country))
    return {"countries": countries, "states": [s for s in states if s["coordinates"]]}


def encode(data: dict[str, Any]) -> bytes:
    """Deterministic gzipped JSON (no file name or time in the gzip header)."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


if __name__ == "__main__":
    TARGET.write_bytes(encode(compute()))
    print(f"wrote {TARGET} ({TARGET.stat().st_size:,} bytes)")
