"""Measure shapely's topology-preserving simplification on the bundled boundaries.

For each tolerance (degrees), prints the vertex savings and the relative area change of
Aragua (VE-D), Trinidad and Tobago (TT) and the United States (US), and over every bundled
area; docs/maps.md quotes the table and ``scripts/make_areas.py`` the choice.
Areas are measured after clipping at 180° (as drawn). Run from the project root:
``python scripts/measure_simplification.py``.
"""

from __future__ import annotations

import shapely

from tda_export import geography
from tda_export.formats.maps.shapes import clipped_area

TOLERANCES = (0.005, 0.01, 0.015, 0.02)
CODES = ("VE-D", "TT", "US")


def _vertices(geometry: shapely.Geometry) -> int:
    return int(shapely.get_num_coordinates(geometry))


def _row(label: str, before: list[shapely.Geometry], tolerance: float) -> str:
    after = [shapely.simplify(g, tolerance, preserve_topology=True) for g in before]
    v0, v1 = sum(map(_vertices, before)), sum(map(_vertices, after))
    changes = [
        shapely.symmetric_difference(a, b).area / a.area for a, b in zip(before, after, strict=True)
    ]
    return (
        f"| {label} | {tolerance} | {v0:,} → {v1:,} | {100 * (1 - v1 / v0):.0f}% | "
        f"{100 * max(changes):.2f}% |"
    )


def main() -> None:
    """Print a Markdown table, one row per area and tolerance."""
    every = sorted(
        code
        for country in geography.country_codes()
        for code in (country, *geography.state_codes(country))
    )
    print("| area | tolerance (°) | vertices | saved | area changed (symmetric difference) |")
    print("| --- | --- | --- | --- | --- |")
    for code in CODES:
        for tolerance in TOLERANCES:
            print(_row(geography.area_name(code), [clipped_area(code)], tolerance))
    for tolerance in TOLERANCES:
        print(
            _row(f"all {len(every)} areas (worst one)", [clipped_area(c) for c in every], tolerance)
        )


if __name__ == "__main__":
    main()
