"""The version of tda-export (here, so that no module imports it from the package face)."""

__version__ = "0.1.0"
