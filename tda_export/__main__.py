"""``python -m tda_export``: the same as the ``tda-export`` command."""

from tda_export.cli import cli

if __name__ == "__main__":
    cli(prog_name="tda-export")
