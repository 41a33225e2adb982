"""The real base's calendar in a calendar application: calcurse imports outputs/*.ics.

A subscriber sees entries on days, not a file: every entry is imported (none skipped), an
entry over a year or a month covers each of its days and stops at its end (DTEND is the day
after), an exact day shows on that day only, and titles read as the reader reads them
(the commas and semicolons escaped in the file come out plain).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, require_tool

pytestmark = pytest.mark.client

CALENDAR = ROOT / "outputs" / "tren-de-aragua.ics"


@pytest.fixture(scope="module")
def calcurse(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, Path, str]:
    """calcurse's program, a fresh data and config folder, and its import report."""
    program = require_tool("calcurse")
    data, config = tmp_path_factory.mktemp("data"), tmp_path_factory.mktemp("config")
    done = subprocess.run(
        [program, "-D", str(data), "-C", str(config), "-i", str(CALENDAR)],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return program, data, config, done.stdout + done.stderr


def day_titles(calcurse: tuple[str, Path, Path, str], day: str) -> list[str]:
    """The titles calcurse lists on ``day`` (MM/DD/YYYY), in its order."""
    program, data, config, _ = calcurse
    done = subprocess.run(
        [program, "-D", str(data), "-C", str(config), "-Q", "--from", day, "--days", "1"],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return [line[3:] for line in done.stdout.splitlines() if line.startswith(" * ")]


def test_every_entry_is_imported(calcurse: tuple[str, Path, Path, str]) -> None:
    entries = CALENDAR.read_text(encoding="utf-8").count("BEGIN:VEVENT")
    report = calcurse[3]
    assert re.search(rf"\b0 apps / {entries} events / 0 todos / 0 skipped\b", report), report


@pytest.mark.parametrize(
    ("day", "shown", "not_shown"),
    [
        # The retaking of Tocorón (20 September 2023) and Guerrero's flight (that month)
        ("09/20/2023", {"Tocorón retaken", "Guerrero flees"}, set()),
        ("09/19/2023", {"Guerrero flees"}, {"Tocorón retaken"}),
        ("10/01/2023", set(), {"Guerrero flees", "Tocorón retaken"}),
        # A year's entry covers the year's last day, not the next year's first
        ("12/31/2005", {"2005: 3 events"}, set()),
        ("01/01/2006", set(), {"2005: 3 events"}),
        # A month's entry: the end of March 2024, then gone in April
        ("03/31/2024", {"March 2024: 3 events"}, set()),
        ("04/01/2024", set(), {"March 2024: 3 events"}),
        # "Roraima\, Brazil" in the file reads "Roraima, Brazil"
        ("06/01/2021", {"Roraima, Brazil (alleged)"}, set()),
    ],
)
def test_entries_show_on_their_days(
    calcurse: tuple[str, Path, Path, str], day: str, shown: set[str], not_shown: set[str]
) -> None:
    titles = day_titles(calcurse, day)
    assert shown <= set(titles), titles
    assert not (not_shown & set(titles)), titles
