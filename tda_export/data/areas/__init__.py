"""How the maps draw each bundled area, one file per country (scripts/make_areas.py)."""
