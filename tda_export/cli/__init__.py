"""The ``tda-export`` command: a click group; each subcommand lives in its own module."""

from tda_export.cli import check as _check  # noqa: F401  (registers the command)
from tda_export.cli import schema as _schema  # noqa: F401
from tda_export.cli.main import cli

__all__ = ["cli"]
