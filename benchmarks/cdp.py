"""A minimal driver of headless Chromium over the DevTools protocol on a pipe.

Chromium started with ``--remote-debugging-pipe`` reads commands on its file descriptor 3
and writes replies and events on 4, each a JSON object ended by a NUL byte; nothing else
is needed (no WebSocket, no library). ``benchmarks/pages.py`` times how long a page takes
to draw with it (``--dump-dom`` runs on a virtual clock), and the page tests read what a
page asked for and every error it raised.

The browser has no network: every host name is unresolvable and every other request goes
to a proxy that is not there (requests to 127.0.0.1 bypass proxies, so a test server works).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--proxy-server=127.0.0.1:9",
)
#: Installed in every document before it runs: ``window.__tdaDrawn`` is the time (ms from
#: the start of navigation) of the first frame after every element of ``WANT`` has
#: ``data-state="ready"``.
OBSERVER = """
(function () {
  var want = WANT, done = false;
  function ready() {
    return want.every(function (s) {
      var e = document.querySelector(s);
      return e && e.getAttribute("data-state") === "ready";
    });
  }
  new MutationObserver(function () {
    if (done || !ready()) { return; }
    done = true;
    requestAnimationFrame(function () {
      setTimeout(function () { window.__tdaDrawn = performance.now(); }, 0);
    });
  }).observe(document, { subtree: true, attributes: true, childList: true,
    attributeFilter: ["data-state"] });
})();
"""


class Chromium:
    """One headless Chromium with one tab; :meth:`call` sends a command, returns its result."""

    def __init__(self, chromium: str, profile: Path, size: tuple[int, int]) -> None:
        to_chrome, self._write = os.pipe()
        self._read, from_chrome = os.pipe()

        def fds() -> None:  # in the child: the pipes at 3 and 4, as Chromium expects
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_chrome, from_chrome)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.proc = subprocess.Popen(
            [
                chromium,
                *FLAGS,
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
                f"--window-size={size[0]},{size[1]}",
                "about:blank",
            ],
            preexec_fn=fds,  # dup2 only
            close_fds=False,  # keep 3 and 4; Python's own descriptors are not inheritable
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome)
        os.close(from_chrome)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None
        targets = self.call("Target.getTargets")["targetInfos"]
        [page] = [t for t in targets if t["type"] == "page"]
        attached = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)
        self.session = attached["sessionId"]

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send ``method`` with ``params`` to the tab (or the browser before attaching)."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if self.session is not None and not method.startswith("Target."):
            message["sessionId"] = self.session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._message()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def open(self, url: str, want: list[str], timeout_s: float) -> float | None:
        """Open ``url``; ms from the start of navigation to its first frame once every
        element ``want`` names is ``data-state="ready"`` (``None`` after ``timeout_s``)."""
        for domain in ("Page", "Runtime", "Network", "Log", "Performance"):
            self.call(f"{domain}.enable")
        observer = OBSERVER.replace("WANT", json.dumps(want))
        self.call("Page.addScriptToEvaluateOnNewDocument", source=observer)
        self.call("Page.navigate", url=url)
        drawn = self.wait_for("window.__tdaDrawn", timeout_s)
        return float(drawn) if drawn else None

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the tab (awaited if a promise)."""
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(str(result["exceptionDetails"])[:500])
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout_s: float) -> Any:
        """Poll ``expression`` every 50 ms until it is truthy; ``None`` after ``timeout_s``,
        or as soon as the tab has thrown an uncaught exception."""
        end = time.monotonic() + timeout_s
        while time.monotonic() < end:
            value = self.evaluate(expression)
            if value:
                return value
            if any(e.get("method") == "Runtime.exceptionThrown" for e in self.events):
                return None
            time.sleep(0.05)
        return None

    def requests(self) -> list[str]:
        """Every URL the tab asked for (``data:`` URLs too), in order."""
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e.get("method") == "Network.requestWillBeSent"
        ]

    def errors(self) -> list[str]:
        """Uncaught exceptions, console errors and warnings, and logged errors (a request
        that failed, a blocked one) the tab has raised so far."""
        out = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                out.append(str(details.get("exception", {}).get("description") or details))
            elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "warning"):
                out.append(" ".join(str(a.get("value", a)) for a in params["args"]))
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                out.append(f"{params['entry']['text']} {params['entry'].get('url', '')}")
        return out

    def metrics(self) -> dict[str, float]:
        """The tab's performance metrics (``JSHeapUsedSize``, ``Nodes`` ...)."""
        values = self.call("Performance.getMetrics")["metrics"]
        return {m["name"]: float(m["value"]) for m in values}

    def _message(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def close(self) -> None:
        """End Chromium (the process this object started)."""
        with contextlib.suppress(OSError, RuntimeError):
            self.call("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._write)
        os.close(self._read)
