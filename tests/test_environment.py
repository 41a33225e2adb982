"""The test environment itself: no network, no system site-packages, locked versions."""

from __future__ import annotations

import socket
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from conftest import ROOT, NetworkUsedError


def test_no_connection_leaves_the_machine() -> None:
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(NetworkUsedError, match="tests may not use the network"),
    ):
        sock.connect(("192.0.2.1", 80))  # TEST-NET-1: never a real host


def test_loopback_is_allowed() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=5):
            pass


def test_runs_in_a_virtual_environment_without_system_site_packages() -> None:
    assert sys.prefix != sys.base_prefix, "run the tests through scripts/test.sh (a venv)"
    config = Path(sys.prefix, "pyvenv.cfg").read_text(encoding="utf-8")
    assert "include-system-site-packages = false" in config
    system = Path(sys.base_prefix).resolve()
    imported = [
        name
        for name, module in list(sys.modules.items())
        if (path := getattr(module, "__file__", None))
        and "site-packages" in path
        and Path(path).resolve().is_relative_to(system)
    ]
    assert imported == []


def _locked_versions() -> dict[str, str]:
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    return {p["name"]: p["version"] for p in lock["package"] if "version" in p}


@pytest.mark.parametrize(
    "name", ["click", "pydantic", "pyyaml", "icalendar", "shapely", "mypy", "pytest"]
)
def test_installed_versions_are_the_locked_ones(name: str) -> None:
    if "latest" in Path(sys.prefix).name:
        pytest.skip("the --latest run installs the newest allowed releases on purpose")
    assert metadata.version(name) == _locked_versions()[name]
