"""Shared fixtures: a CLI runner, the small fixture fact base, and real-client lookup."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

HERE = Path(__file__).parent
ROOT = HERE.parent
SMALL = HERE / "fixtures" / "small"
SHARED = ROOT.parent / "shared"
IN_CI = bool(os.environ.get("CI"))

# Every test checks the fact base in full; tests/test_cache.py turns the cache on itself.
os.environ["TDA_EXPORT_CACHE"] = "off"


@pytest.fixture
def runner() -> CliRunner:
    """A click test runner."""
    return CliRunner()


@pytest.fixture
def small_facts() -> Path:
    """The small fixture fact base (read-only: copy it before changing it)."""
    return SMALL / "facts"


@pytest.fixture
def small_archive() -> Path:
    """Archived copies for the small fixture base."""
    return SMALL / "archive"


@pytest.fixture
def facts_copy(tmp_path: Path) -> Path:
    """A writable copy of the small fixture fact base."""
    target = tmp_path / "facts"
    shutil.copytree(SMALL / "facts", target)
    return target


def require_tool(name: str) -> str:
    """Path of an external client; outside CI a missing one skips, in CI it fails."""
    found = shutil.which(name)
    if found:
        return found
    if IN_CI:
        pytest.fail(
            f"{name} is required in CI but not installed (see scripts/install-test-deps.sh)"
        )
    pytest.skip(f"{name} not installed (allowed outside CI only)")


def shared_dir(*parts: str) -> Path:
    """A folder of ../shared; outside CI a missing one skips, in CI it fails."""
    path = SHARED.joinpath(*parts)
    if path.exists():
        return path
    if IN_CI:
        pytest.fail(f"{path} is required in CI but missing")
    pytest.skip(f"{path} missing (allowed outside CI only)")
