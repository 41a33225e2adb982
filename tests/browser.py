"""Headless Chromium over the DevTools protocol for the page tests (``benchmarks/cdp.py``).

:func:`tab` starts a fresh Chromium with no network (every host unresolvable but
127.0.0.1, every other request sent to a proxy that is not there) and yields it: ``open``
a page and wait until it says it is drawn, ``evaluate`` JavaScript in it, and read every
URL it asked for (``requests``) and every error it raised (``errors``: uncaught
exceptions, console errors and warnings, failed or blocked requests), its frames' too.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from conftest import ROOT, require_tool


def _cdp() -> ModuleType:
    """benchmarks/cdp.py as a module (benchmarks/ is not a package)."""
    name = "tda_benchmarks_cdp"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "cdp.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@contextmanager
def tab(profile: Path, size: tuple[int, int] = (1200, 800)) -> Iterator[Any]:
    """A fresh headless Chromium (profile folder ``profile``) with one tab of ``size``."""
    browser = _cdp().Chromium(require_tool("chromium"), profile, size)
    try:
        yield browser
    finally:
        browser.close()


#: JavaScript: every iframe of the page has a document whose elements WANT are ready.
FRAMES_READY = """
Array.prototype.every.call(document.querySelectorAll("iframe"), function (f) {
  var d = f.contentDocument;
  return d && WANT.every(function (s) {
    var e = d.querySelector(s);
    return e && e.getAttribute("data-state") === "ready";
  });
})
"""


def frames_ready(want: list[str]) -> str:
    """An expression true once every iframe's elements ``want`` are ``data-state="ready"``."""
    return FRAMES_READY.replace("WANT", json.dumps(want))


def harness(frames: list[tuple[str, int, int]], head: str = "", script: str = "") -> str:
    """A page of iframes (``src``, width, height), one under another, as an article embeds
    them: ``<iframe src=... width="100%" height=...>`` in a column that wide."""
    items = "".join(
        f'<div style="width: {w}px; margin: 0 0 10px"><iframe src="{src}" width="100%" '
        f'height="{h}" title="embed" style="border: 0; display: block"></iframe></div>\n'
        for src, w, h in frames
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>article</title>'
        f'<link rel="icon" href="data:,">{head}</head>\n<body style="margin: 0">\n{items}'
        f"<script>{script}</script></body></html>\n"
    )
