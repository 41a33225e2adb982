"""Rebuild tda_export/data/boundaries/*.geojson.gz from ../shared/geodata (Natural Earth).

Keeps every country and first-level subdivision of the Americas, with only the properties the
package uses: one gzipped file per country holding one GeoJSON Feature per line (RFC 8142
text sequence without the record separators: the country first, then its subdivisions;
properties before the geometry), so a run reads only the countries it needs and parses only
the areas it draws. Run from the project root:
``python scripts/make_boundaries.py``.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SOURCE = Path("../shared/geodata")
TARGET = Path("tda_export/data/boundaries")
KEEP = {
    "countries-americas.geojson": ["iso_a2", "adm0_a3", "name", "name_es"],
    "admin1-americas.geojson": ["iso_3166_2", "iso_a2", "adm1_code", "name", "name_es", "type_en"],
}


def _trim(feature: dict, keys: list[str]) -> dict:
    return {
        "type": "Feature",
        "properties": {k: feature["properties"][k] for k in keys},
        "geometry": feature["geometry"],
    }


def main() -> None:
    """Write one trimmed, gzipped file per country, deterministically."""
    TARGET.mkdir(parents=True, exist_ok=True)
    for old in TARGET.glob("*.geojson.gz"):
        old.unlink()
    countries = json.loads((SOURCE / "countries-americas.geojson").read_text(encoding="utf-8"))
    states = json.loads((SOURCE / "admin1-americas.geojson").read_text(encoding="utf-8"))
    country_keys, state_keys = KEEP.values()
    for country in countries["features"]:
        code = country["properties"]["iso_a2"]
        if not code:
            continue  # the Guantanamo naval base has no ISO code
        features = [_trim(country, country_keys)] + [
            _trim(f, state_keys)
            for f in states["features"]
            if f["properties"]["adm0_a3"] == country["properties"]["adm0_a3"]
        ]
        text = "".join(
            json.dumps(f, separators=(",", ":"), ensure_ascii=False) + "\n" for f in features
        )
        out = TARGET / f"{code}.geojson.gz"
        with out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            gz.write(text.encode("utf-8"))
    print(len(list(TARGET.glob("*.geojson.gz"))), "files in", TARGET)


if __name__ == "__main__":
    main()
