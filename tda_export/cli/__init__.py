"""The ``tda-export`` command: a click group; each subcommand lives in its own module."""

from tda_export.cli import build as _build  # noqa: F401
from tda_export.cli import check as _check  # noqa: F401  (registers the command)
from tda_export.cli import coverage as _coverage  # noqa: F401
from tda_export.cli import csv as _csv  # noqa: F401
from tda_export.cli import geojson as _geojson  # noqa: F401
from tda_export.cli import gpkg as _gpkg  # noqa: F401
from tda_export.cli import kml as _kml  # noqa: F401
from tda_export.cli import map as _map  # noqa: F401
from tda_export.cli import schema as _schema  # noqa: F401
from tda_export.cli import source as _source  # noqa: F401
from tda_export.cli import timeline as _timeline  # noqa: F401
from tda_export.cli import xlsx as _xlsx  # noqa: F401
from tda_export.cli.main import cli, main

__all__ = ["cli", "main"]
