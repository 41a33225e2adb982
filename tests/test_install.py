"""The README's install command, as a new user runs it on Debian 12.

The command between the ``<!-- install-command -->`` markers of README.md (as .ci/run
takes the test command) runs in a copy of the project, with ``python3`` first on the PATH
either the environment's own (in CI a pyenv Python) or Debian's ``/usr/bin/python3``,
whose ``pip install`` PEP 668 refuses. It must install tda-export with pipx on Debian's
Python, leave ``tda-export`` on the PATH of a new shell, and build every output. The
install goes to ``/opt`` and ``/usr/local/bin``, so it runs in a private mount namespace
(``unshare``) where those are empty folders of the test: nothing on the machine changes.
pipx downloads the dependencies from PyPI, as a user's install does.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import require_tool

from tda_export import __version__
from tda_export.build import outputs

pytestmark = pytest.mark.client

REPO = Path(__file__).parent.parent
DEBIAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
"""Root's PATH on a fresh Debian: ``python3`` is /usr/bin/python3."""


def install_command() -> str:
    """The ``$ `` lines between the README's install-command markers, joined."""
    block = re.search(
        r"<!-- install-command -->(.*?)<!-- /install-command -->",
        (REPO / "README.md").read_text(encoding="utf-8"),
        re.S,
    )
    assert block is not None, "no install command in README.md"
    lines = [line[2:] for line in block.group(1).splitlines() if line.startswith("$ ")]
    assert lines, "the install-command block has no $ line"
    return " && ".join(lines)


def project_copy(target: Path) -> Path:
    """The project's files as a clone holds them (tracked and new, nothing ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    for name in filter(None, listed.split("\0")):
        if (REPO / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)
    return target


def user_path() -> str:
    """This environment's PATH without the folders of an installed tda-export (the test
    environment's own), as a user's shell has it: its ``python3`` stays first."""
    folders = os.environ["PATH"].split(os.pathsep)
    return os.pathsep.join(
        f for f in folders if f == "/usr/local/bin" or not (Path(f) / "tda-export").exists()
    )


def test_debian_python_refuses_pip_install(tmp_path: Path) -> None:
    """The case the README's command must handle: PEP 668 on Debian's own Python."""
    result = subprocess.run(
        ["/usr/bin/python3", "-m", "pip", "install", "--dry-run", str(tmp_path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    assert "externally-managed-environment" in result.stderr


@pytest.mark.parametrize("path", ["environment", "debian"])
def test_readme_install_command(tmp_path: Path, path: str) -> None:
    require_tool("pipx")
    unshare = require_tool("unshare")
    search = user_path() if path == "environment" else DEBIAN_PATH
    project = project_copy(tmp_path / "tda-export")
    bin_dir, opt = tmp_path / "usr-local-bin", tmp_path / "opt"
    bin_dir.mkdir()
    opt.mkdir()
    script = (
        f"mount --bind {shlex.quote(str(bin_dir))} /usr/local/bin"
        f" && mount --bind {shlex.quote(str(opt))} /opt"
        f" && cd {shlex.quote(str(project))}"
        f" && ({install_command()})"
        " && echo python3: $(command -v python3)"
        " && bash -c 'echo tda-export: $(command -v tda-export) && tda-export --version'"
    )
    result = subprocess.run(
        [unshare, "--mount", "sh", "-c", script],
        env={**os.environ, "PATH": search},
        capture_output=True, text=True, timeout=1200,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    lines = result.stdout.splitlines()
    if path == "debian":
        assert "python3: /usr/bin/python3" in lines
    assert "tda-export: /usr/local/bin/tda-export" in lines  # a new shell finds it
    venv = opt / "pipx" / "venvs" / "tda-export"
    assert "home = /usr/bin\n" in (venv / "pyvenv.cfg").read_text()  # Debian's Python 3
    manifest = json.loads((project / "outputs" / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == sorted(item.name for item in outputs())
    for name in manifest["files"]:
        assert (project / "outputs" / name).stat().st_size > 0
    assert lines[-1] == f"tda-export, version {__version__}"
