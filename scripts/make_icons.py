"""Rebuild tda_export/data/icons/*.png: the KMZ's map icons, drawn in plain Python.

One icon per KML style (:func:`tda_export.formats.maps.kmlstyle.style_table`): a disc of
the style's colour with a white ring and a dark edge (the palette's ``HALO_COLOUR`` and
``OUTLINE_COLOUR``), 32 pixels square, 4×4 samples a pixel; its ``-wide`` form, a ring
with a transparent centre, marks a point that stands for a whole state or country. The
KMZ holds them, so Google Earth needs no network. They only change with the palette or
the styles, so they are shipped; ``tests/test_kml.py`` checks they are what this script
draws. Run from the project root: ``python scripts/make_icons.py``.
"""

from __future__ import annotations

import struct
import zlib
from functools import cache
from pathlib import Path

from tda_export.formats.maps.kmlstyle import ICON_FOLDER, style_table
from tda_export.formats.maps.palette import HALO_COLOUR, OUTLINE_COLOUR

TARGET = Path("tda_export/data") / ICON_FOLDER

#: Width and height of an icon, pixels.
SIZE = 32
#: Samples per pixel side for anti-aliasing.
_SUPER = 4


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


Coverage = tuple[int, int, int]
"""Samples of a pixel in the dark edge, the white ring and the coloured fill."""


@cache  # two entries: solid and hollow
def _coverage(hollow: bool) -> tuple[Coverage, ...]:
    """Each pixel's samples in edge, ring and fill, row by row (the same for every colour)."""
    centre = SIZE / 2
    out: list[Coverage] = []
    for y in range(SIZE):
        for x in range(SIZE):
            edge = ring = fill = 0
            for i in range(_SUPER):
                for j in range(_SUPER):
                    dx = x + (i + 0.5) / _SUPER - centre
                    dy = y + (j + 0.5) / _SUPER - centre
                    r = (dx * dx + dy * dy) ** 0.5
                    if r > 15.0:
                        continue
                    if r > 14.0:
                        edge += 1
                    elif r > 11.5:
                        ring += 1
                    elif not hollow or r > 6.5:
                        fill += 1
            out.append((edge, ring, fill))
    return tuple(out)


def _pixel(counts: Coverage, rgb: tuple[int, int, int]) -> bytes:
    """One RGBA pixel: dark edge, white ring, colour inside (transparent centre if hollow)."""
    edge, ring, fill = counts
    covered = edge + ring + fill
    if not covered:
        return b"\0\0\0\0"
    channels = [
        round((edge * dark + ring * light + fill * c) / covered)
        for c, dark, light in zip(rgb, _rgb(OUTLINE_COLOUR), _rgb(HALO_COLOUR), strict=True)
    ]
    return bytes((*channels, round(255 * covered / (_SUPER * _SUPER))))


def icon_png(colour: str, hollow: bool = False) -> bytes:
    """A ``SIZE``-pixel square PNG of a disc of ``colour`` (``#rrggbb``)."""
    rgb = _rgb(colour)
    pixels = [_pixel(counts, rgb) for counts in _coverage(hollow)]
    rows = b"".join(b"\0" + b"".join(pixels[y * SIZE : (y + 1) * SIZE]) for y in range(SIZE))
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows, 9))
        + _chunk(b"IEND", b"")
    )


def compute() -> dict[str, bytes]:
    """File name -> PNG bytes of every icon the KML styles name (plain and wide forms)."""
    files = {}
    for sid, (colour, _) in style_table().items():
        files[f"{sid}.png"] = icon_png(colour)
        files[f"{sid}-wide.png"] = icon_png(colour, hollow=True)
    return files


def main() -> None:
    """Write every icon, replacing what was there."""
    TARGET.mkdir(parents=True, exist_ok=True)
    for old in TARGET.glob("*.png"):
        old.unlink()
    files = compute()
    for name, data in files.items():
        (TARGET / name).write_bytes(data)
    print(f"wrote {len(files)} icons in {TARGET}")


if __name__ == "__main__":
    main()
