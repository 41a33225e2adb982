"""``python -m tda_export``: the same as the ``tda-export`` command."""

from tda_export.cli import main

if __name__ == "__main__":
    main()
