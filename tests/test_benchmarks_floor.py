"""``benchmarks/real_base.py --floor`` (issue #25): its steps do what their labels say, and
the harness prints one table row per step. No timing claims."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from types import ModuleType

import pytest
from conftest import ROOT


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "tda_benchmarks_real", ROOT / "benchmarks/real_base.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


real_base = _load()


def test_the_steps_build_every_validator_and_import_shapely() -> None:
    code = "\n".join(step for _, step in real_base.FLOOR)
    probe = (
        "\nimport sys\nfrom tda_export.loader import _adapter\n"
        "print(_adapter.cache_info().currsize, len(RECORD_TYPES), 'shapely' in sys.modules)"
    )
    env = {**os.environ, "TDA_EXPORT_CACHE": "off"}
    done = subprocess.run(
        [sys.executable, "-c", code + probe],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    built, kinds, shapely = done.stdout.split()
    assert (built, shapely) == (kinds, "True")


@pytest.mark.client
def test_floor_prints_one_row_per_step() -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/real_base.py", "--floor", "--runs", "1"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    rows = re.findall(r"^\| (.+?) \| (\d+\.\d{3}) \| (\d+\.\d{3}) \| (\d+\.\d{3}) \|$",
                      done.stdout, re.MULTILINE)  # fmt: skip
    labels = [label for label, _ in real_base.FLOOR] + ["the whole `tda-export build --out DIR`"]
    assert [row[0] for row in rows] == labels
    assert all(float(row[1]) > 0 and row[1] == row[2] for row in rows)  # one run: median = min
    assert re.search(r"^load average \d+\.\d on \d+ cores$", done.stdout, re.MULTILINE)
