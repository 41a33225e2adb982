"""$ tda-export timeline: every option, the exact errors, atomic and byte-identical output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner, Result

from tda_export.cli import cli
from tda_export.cli.timeline import NO_EVENTS

HERE = Path(__file__).parent
SMALL = HERE / "fixtures" / "small" / "facts"
CHRONO = HERE / "fixtures" / "chronology" / "facts"
EXPECTED = HERE / "expected"


def run(runner: CliRunner, *args: str, facts: Path = CHRONO) -> Result:
    return runner.invoke(cli, ["timeline", "--facts", str(facts), *args])


def ok(result: Result) -> Result:
    assert result.exception is None, result.output
    assert result.exit_code == 0, result.output
    return result


def slide_ids(result: Result) -> list[str]:
    return [s["unique_id"] for s in json.loads(result.stdout)["events"]]


def ics_uids(data: bytes) -> list[str]:
    cal = icalendar.Calendar.from_ical(data)
    return [str(e["UID"]).removesuffix("@tda-export") for e in cal.walk("VEVENT")]


def assert_usage_error(result: Result, message: str) -> None:
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.splitlines()[-1] == f"Error: {message}"
    assert result.stdout == ""


# -- golden outputs --------------------------------------------------------------------
@pytest.mark.parametrize("name", ["small", "chronology"])
def test_timelinejs_to_stdout_is_the_golden_file(runner: CliRunner, name: str) -> None:
    result = ok(run(runner, facts=HERE / "fixtures" / name / "facts"))
    assert result.stdout_bytes == (EXPECTED / "timeline" / f"{name}.json").read_bytes()
    assert result.stderr == ""


@pytest.mark.parametrize("name", ["small", "chronology"])
def test_html_is_the_golden_file(runner: CliRunner, name: str, tmp_path: Path) -> None:
    """The golden pages link TimelineJS (``--timelinejs-url timelinejs/``); the default page,
    which carries it inside, is that page with the library written in (test_timeline.py)."""
    target = tmp_path / "page.html"
    args = ["--html", "--timelinejs-url", "timelinejs/", "-o", str(target)]
    ok(run(runner, *args, facts=HERE / "fixtures" / name / "facts"))
    assert target.read_bytes() == (EXPECTED / "timeline" / f"{name}.html").read_bytes()


@pytest.mark.parametrize("name", ["small", "chronology"])
def test_ics_is_the_golden_file(runner: CliRunner, name: str, tmp_path: Path) -> None:
    target = tmp_path / "feed.ics"
    result = ok(
        run(runner, "--format", "ics", "-o", str(target), facts=HERE / "fixtures" / name / "facts")
    )
    assert result.stdout == ""
    assert target.read_bytes() == (EXPECTED / "ical" / f"{name}.ics").read_bytes()


def test_ics_to_stdout_keeps_crlf(runner: CliRunner) -> None:
    result = ok(run(runner, "--format", "ics", "-o", "-"))
    assert result.stdout_bytes == (EXPECTED / "ical" / "chronology.ics").read_bytes()
    assert result.stdout_bytes.count(b"\r\n") == result.stdout_bytes.count(b"\n")


def test_rebuild_is_byte_identical(runner: CliRunner, tmp_path: Path) -> None:
    for fmt in ("timelinejs", "ics"):
        first, second = tmp_path / f"1.{fmt}", tmp_path / f"2.{fmt}"
        ok(run(runner, "--format", fmt, "-o", str(first)))
        ok(run(runner, "--format", fmt, "-o", str(second)))
        assert first.read_bytes() == second.read_bytes()


# -- options ---------------------------------------------------------------------------
def test_format_defaults_to_timelinejs(runner: CliRunner) -> None:
    default = ok(run(runner))
    explicit = ok(run(runner, "--format", "timelinejs"))
    assert default.stdout == explicit.stdout
    assert json.loads(default.stdout)["scale"] == "human"


def test_bad_format_is_a_usage_error(runner: CliRunner) -> None:
    result = run(runner, "--format", "kml")
    assert_usage_error(
        result, "Invalid value for '--format': 'kml' is not one of 'timelinejs', 'ics'."
    )


def test_output_file_replaces_the_old_one(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "timeline.json"
    target.write_text("old", encoding="utf-8")
    result = ok(run(runner, "-o", str(target)))
    assert result.stdout == ""
    assert target.read_bytes() == (EXPECTED / "timeline" / "chronology.json").read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.json"]  # no temporary left


def test_long_output_option(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "timeline.json"
    ok(run(runner, "--output", str(target)))
    assert target.read_bytes() == (EXPECTED / "timeline" / "chronology.json").read_bytes()


def test_unwritable_output_is_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "timeline.json"
    result = run(runner, "-o", str(target))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.startswith(f"Error: cannot write {target}: ")


def test_html_to_stdout(runner: CliRunner) -> None:
    result = ok(run(runner, "--html", "--timelinejs-url", "timelinejs/"))
    assert result.stdout_bytes == (EXPECTED / "timeline" / "chronology.html").read_bytes()
    whole = ok(run(runner, "--html")).stdout  # one file, TimelineJS inside
    assert "new TL.Timeline(" in whole and 'src="' not in whole.split("</head>")[0]


def test_timelinejs_url(runner: CliRunner) -> None:
    result = ok(run(runner, "--html", "--timelinejs-url", "/static/timelinejs"))
    page = result.stdout
    assert '<link rel="stylesheet" href="/static/timelinejs/css/timeline.css">' in page
    assert '<script src="/static/timelinejs/js/timeline.js"></script>' in page
    assert 'data-script-path="/static/timelinejs/js/"' in page


def test_html_needs_timelinejs_format(runner: CliRunner) -> None:
    assert_usage_error(run(runner, "--format", "ics", "--html"), "--html needs --format timelinejs")


def test_timelinejs_url_needs_html(runner: CliRunner) -> None:
    assert_usage_error(run(runner, "--timelinejs-url", "x/"), "--timelinejs-url needs --html")


# -- filters ---------------------------------------------------------------------------
FILTER_CASES = [
    (
        ["--since", "2023"],
        ["sucre-expansion", "tocoron-raid", "santiago-arrests", "markup-test", "guiria-control"],
    ),
    (["--until", "2013"], ["union-becomes-gang", "guerrero-imprisoned-2013", "guiria-control"]),
    (["--since", "2016", "--until", "2017-06"], ["olp-raids", "wilmito-killing", "guiria-control"]),
    (["--country", "cl"], ["santiago-arrests"]),
    (["--country", "CL", "--country", "US"], ["santiago-arrests"]),
    (["--country", "US"], []),
    (["--category", "security-operation"], ["olp-raids", "tocoron-raid"]),
    (["--category", "killing", "--category", "report"], ["wilmito-killing", "markup-test"]),
    (["--status", "alleged"], ["wilmito-killing"]),
    (["--status", "alleged", "--status", "disputed"], ["wilmito-killing", "santiago-arrests"]),
]


@pytest.mark.parametrize(("args", "ids"), FILTER_CASES)
def test_filters_timelinejs(runner: CliRunner, args: list[str], ids: list[str]) -> None:
    result = ok(run(runner, *args))
    assert slide_ids(result) == ids


@pytest.mark.parametrize(("args", "ids"), FILTER_CASES)
def test_filters_ics(runner: CliRunner, args: list[str], ids: list[str]) -> None:
    result = ok(run(runner, "--format", "ics", *args))
    assert ics_uids(result.stdout_bytes) == ids


def test_filters_html(runner: CliRunner) -> None:
    result = ok(run(runner, "--html", "--status", "alleged"))
    assert result.stdout.count('"unique_id":"') == 2  # the event and the title slide
    assert '"unique_id":"wilmito-killing"' in result.stdout


def test_filtered_title_slide_says_so(runner: CliRunner) -> None:
    result = ok(run(runner, "--country", "CL", "--since", "2024"))
    title = json.loads(result.stdout)["title"]["text"]["text"]
    assert "<p>Selection: since 2024; countries CL.</p>" in title


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--since", "2023-13"],
            "--since: '2023-13' is not a date: month 13 does not exist; give YYYY, YYYY-MM or "
            "YYYY-MM-DD (2023, 2023-03 or 2023-03-13)",
        ),
        (
            ["--until", "2015/2017"],
            "--until: '2015/2017' is not a date this option takes; give YYYY, YYYY-MM or "
            "YYYY-MM-DD (2023, 2023-03 or 2023-03-13)",
        ),
    ],
)
def test_bad_filter_date_is_a_usage_error(runner: CliRunner, args: list[str], message: str) -> None:
    assert_usage_error(run(runner, *args), message)


def test_bad_category_is_a_usage_error(runner: CliRunner) -> None:
    result = run(runner, "--category", "riot")
    assert result.exit_code == 2
    assert "Invalid value for '--category': 'riot' is not one of 'founding'," in result.stderr


def test_bad_status_is_a_usage_error(runner: CliRunner) -> None:
    result = run(runner, "--status", "rumoured")
    assert result.exit_code == 2
    assert "Invalid value for '--status': 'rumoured' is not one of 'reported'," in result.stderr


def test_no_events_warns_for_timelinejs(runner: CliRunner) -> None:
    result = ok(run(runner, "--country", "US"))
    assert json.loads(result.stdout)["events"] == []
    assert result.stderr == NO_EVENTS + "\n"


def test_quiet_silences_the_warning(runner: CliRunner) -> None:
    result = ok(runner.invoke(cli, ["-q", "timeline", "--facts", str(CHRONO), "--country", "US"]))
    assert result.stderr == ""


def test_no_events_is_a_valid_empty_calendar(runner: CliRunner) -> None:
    result = ok(run(runner, "--format", "ics", "--country", "US"))
    assert result.stderr == ""
    assert ics_uids(result.stdout_bytes) == []
    assert result.stdout_bytes.endswith(b"X-PUBLISHED-TTL:P1D\r\nEND:VCALENDAR\r\n")


# -- bad data --------------------------------------------------------------------------
@pytest.fixture
def broken_facts(tmp_path: Path) -> Path:
    facts = tmp_path / "facts"
    shutil.copytree(CHRONO, facts)
    events = facts / "events.yaml"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("date: 2017-04\n", "date: 2017-13\n"), encoding="utf-8")
    return facts


@pytest.mark.parametrize("fmt", ["timelinejs", "ics"])
def test_bad_data_is_exit_1_and_nothing_is_written(
    runner: CliRunner, broken_facts: Path, fmt: str, tmp_path: Path
) -> None:
    target = tmp_path / "out"
    target.write_text("old", encoding="utf-8")
    result = run(runner, "--format", fmt, "-o", str(target), facts=broken_facts)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        f"{broken_facts}/events.yaml:42: wilmito-killing.date: '2017-13' is not a date: "
        "month 13 does not exist",
        "Error: the fact base has 1 problem(s); nothing was written",
    ]
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == "old"


def test_missing_facts_folder_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, facts=tmp_path / "nowhere")
    assert result.exit_code == 2
    assert f"Directory '{tmp_path / 'nowhere'}' does not exist." in result.stderr


def test_facts_default_is_the_project_folder(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(CHRONO, tmp_path / "facts")
    monkeypatch.chdir(tmp_path)
    result = ok(runner.invoke(cli, ["timeline"]))
    assert result.stdout_bytes == (EXPECTED / "timeline" / "chronology.json").read_bytes()


def test_help(runner: CliRunner) -> None:
    result = ok(runner.invoke(cli, ["timeline", "--help"], prog_name="tda-export"))
    assert "Usage: tda-export timeline [OPTIONS]" in result.stdout
    for option in ("--facts", "--format", "--html", "--timelinejs-url", "-o, --output"):
        assert option in result.stdout
    for option in ("--since", "--until", "--country", "--category", "--status"):
        assert option in result.stdout
    listing = ok(runner.invoke(cli, ["--help"])).stdout
    assert "timeline  Write the chronology for TimelineJS or calendars." in listing
