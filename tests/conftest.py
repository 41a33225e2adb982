"""Shared fixtures: a CLI runner, the small fixture fact base, and real-client lookup."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

HERE = Path(__file__).parent
ROOT = HERE.parent
SMALL = HERE / "fixtures" / "small"
SHARED = ROOT.parent / "shared"
SCHEMAS = HERE / "schemas"
"""Vendored KML and GeoJSON schemas (see tests/schemas/README.md)."""
IN_CI = bool(os.environ.get("CI"))

# Every test checks the fact base in full; tests/test_cache.py turns the cache on itself.
os.environ["TDA_EXPORT_CACHE"] = "off"


class NetworkUsedError(OSError):
    """A test tried to reach a host that is not this machine."""


def _is_loopback(host: object) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guard(sock: socket.socket, address: object) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0] if isinstance(address, tuple) else address
        if not _is_loopback(host):
            raise NetworkUsedError(f"tests may not use the network (connect to {host!r})")


def _connect(self: socket.socket, address: object) -> None:
    _guard(self, address)
    _real_connect(self, address)  # type: ignore[arg-type]


def _connect_ex(self: socket.socket, address: object) -> int:
    _guard(self, address)
    return _real_connect_ex(self, address)  # type: ignore[arg-type]


# No test reads from the network: connections from this process may only go to loopback
# (the real clients run as subprocesses with their own no-network flags).
socket.socket.connect = _connect  # type: ignore[method-assign]
socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign]


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
