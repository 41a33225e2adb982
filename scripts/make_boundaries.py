"""Rebuild tda_export/data/*.geojson.gz from ../shared/geodata (Natural Earth, public domain).

Keeps every country and first-level subdivision of the Americas, with only the properties the
package uses. Run from the project root: ``python scripts/make_boundaries.py``.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SOURCE = Path("../shared/geodata")
TARGET = Path("tda_export/data")
KEEP = {
    "countries-americas.geojson": ["iso_a2", "adm0_a3", "name", "name_es"],
    "admin1-americas.geojson": ["iso_3166_2", "iso_a2", "adm1_code", "name", "name_es", "type_en"],
}


def main() -> None:
    """Write the trimmed, gzipped boundary files deterministically."""
    for name, keys in KEEP.items():
        data = json.loads((SOURCE / name).read_text(encoding="utf-8"))
        features = [
            {
                "type": "Feature",
                "properties": {k: f["properties"][k] for k in keys},
                "geometry": f["geometry"],
            }
            for f in data["features"]
        ]
        text = json.dumps(
            {"type": "FeatureCollection", "features": features},
            separators=(",", ":"),
            ensure_ascii=False,
        )
        out = TARGET / (name + ".gz")
        with out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            gz.write(text.encode("utf-8"))
        print(out, out.stat().st_size)


if __name__ == "__main__":
    main()
