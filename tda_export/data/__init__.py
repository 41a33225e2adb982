"""Data files shipped with the package (Natural Earth boundaries)."""
