"""The one palette and legend of every map: QGIS styles, KML styles, the GeoPackage, the web map.

Okabe–Ito colours (Okabe & Ito 2008, "Color Universal Design"), told apart with every
common colour-vision deficiency: presence by claim status (outdated in grey), events by
the four groups of the timeline (16 categories are too many colours to tell apart), places
in the eighth colour, black. How precisely a point is known is drawn by its shape, the
same everywhere: :data:`PRECISION_CLASSES`.
"""

from __future__ import annotations

STATUS_COLOURS: dict[str, str] = {
    "reported": "#0072B2",  # blue
    "alleged": "#E69F00",  # orange
    "disputed": "#CC79A7",  # reddish purple
    "outdated": "#999999",  # grey
}
GROUP_COLOURS: dict[str, str] = {
    "Origins and prison": "#D55E00",  # vermillion
    "Expansion and crime": "#009E73",  # bluish green
    "State response": "#56B4E9",  # sky blue
    "Reports": "#F0E442",  # yellow
}
PLACE_COLOUR = "#000000"
#: A value no colour is given for (a vocabulary word added later).
OTHER_COLOUR = "#666666"
#: The ink around the colours: the dark edge of icons and discs, the white ring and label
#: halo, the label text.
OUTLINE_COLOUR = "#282828"
HALO_COLOUR = "#ffffff"
LABEL_COLOUR = "#1e1e1e"

#: How precisely a point is known, as the legends say it: (class, legend words, the
#: ``geo_precision`` values in it). A filled disc, a half-filled disc, a hollow ring.
PRECISION_CLASSES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("precise", "a site or a town", ("exact", "locality")),
    ("near", "near a point (within its radius)", ("admin2",)),
    ("wide", "hollow: known only to a state or country", ("admin1", "country")),
)
#: What an uncertainty area is, as the legends say it: (``drawn_as``, legend words).
AREA_CLASSES: tuple[tuple[str, str], ...] = (
    ("circle", "around a point (its uncertainty radius)"),
    ("admin1", "a whole state or department"),
    ("country", "a whole country"),
)


def group_of(category: str) -> str:
    """The group (colour, timeline row) of an event category."""
    from tda_export.formats.words import GROUPS

    return GROUPS.get(category, "")


def category_colour(category: str) -> str:
    """The colour of an event category: its group's."""
    return GROUP_COLOURS.get(group_of(category), OTHER_COLOUR)


def group_categories() -> dict[str, list[str]]:
    """Each group and its categories, in the vocabulary's order."""
    from typing import get_args

    from tda_export.vocab import EventCategory

    out: dict[str, list[str]] = {group: [] for group in GROUP_COLOURS}
    for category in get_args(EventCategory):
        out.setdefault(group_of(category), []).append(category)
    return out
