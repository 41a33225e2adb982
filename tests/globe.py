"""The KMZ in a real globe client: CesiumJS (npm ``cesium``) in headless Chromium, offline.

CesiumJS's KML support follows Google Earth's (styles and StyleMaps, icons inside a KMZ,
labels, BalloonStyle balloons, TimeSpan and the time slider). The page loads the KMZ over
127.0.0.1 with Cesium's bundled Natural Earth II imagery (no Ion token, no other host) and
WebGL through SwiftShader. Chromium is driven over the DevTools protocol on a pipe
(``--remote-debugging-pipe``): the page renders continuously, which ``--dump-dom`` with a
virtual time budget never lets settle. Used by ``tests/test_globe.py`` and
``scripts/render_globe.py``.
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import os
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

CESIUM = Path(__file__).parent / "js" / "node_modules" / "cesium" / "Build" / "Cesium"
PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>globe</title>
<script src="cesium/Cesium.js"></script>
<link href="cesium/Widgets/widgets.css" rel="stylesheet">
<style>html, body, #globe { width: 100%; height: 100%; margin: 0; overflow: hidden; }</style>
</head><body><div id="globe"></div><script>
window.tda = { errors: [] };
window.addEventListener("error", function (e) { tda.errors.push(String(e.message)); });
var viewer = new Cesium.Viewer("globe", {
  baseLayer: Cesium.ImageryLayer.fromProviderAsync(Cesium.TileMapServiceImageryProvider.fromUrl(
    Cesium.buildModuleUrl("Assets/Textures/NaturalEarthII"))),
  baseLayerPicker: false, geocoder: false, homeButton: false, sceneModePicker: false,
  navigationHelpButton: false, fullscreenButton: false
});
tda.viewer = viewer;
tda.ready = Cesium.KmlDataSource.load("KMZ", {
  camera: viewer.scene.camera, canvas: viewer.scene.canvas, clampToGround: true
}).then(function (ds) { tda.ds = ds; return viewer.dataSources.add(ds); });
</script></body></html>
"""
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
    "--ignore-gpu-blocklist",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(kmz: Path, folder: Path) -> Iterator[str]:
    """Serve ``globe.html``, the KMZ and Cesium's build from ``folder`` on 127.0.0.1."""
    (folder / "cesium").symlink_to(CESIUM, target_is_directory=True)
    (folder / "map.kmz").write_bytes(kmz.read_bytes())
    (folder / "globe.html").write_text(PAGE.replace("KMZ", "map.kmz"), encoding="utf-8")
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/globe.html"
    finally:
        server.shutdown()
        server.server_close()


class Browser:
    """Headless Chromium driven over the DevTools protocol on a pipe (fds 3 and 4)."""

    def __init__(self, chromium: str, url: str, profile: Path, size: tuple[int, int]) -> None:
        to_chromium, self._in = os.pipe()
        self._out, from_chromium = os.pipe()

        def child() -> None:  # the pipe's ends as the fds Chromium reads and writes
            os.dup2(to_chromium, 3)
            os.dup2(from_chromium, 4)

        self.proc = subprocess.Popen(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
             f"--window-size={size[0]},{size[1]}", "--remote-debugging-pipe", url],
            preexec_fn=child,
            pass_fds=(3, 4),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(to_chromium)
        os.close(from_chromium)
        self._next = 0
        self._buffer = b""
        targets = self.send("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        attached = self.send("Target.attachToTarget", targetId=page["targetId"], flatten=True)
        self.session = attached["sessionId"]
        width, height = size
        self.send(  # the page's own size, whatever the window's frame takes
            "Emulation.setDeviceMetricsOverride",
            self.session,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def send(self, method: str, session: str | None = None, **params: Any) -> Any:
        """One command; its result (events in between are dropped)."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._in, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._buffer:
                chunk = os.read(self._out, 1 << 16)
                if not chunk:
                    raise RuntimeError(f"Chromium closed the pipe during {method}")
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def js(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        result = self.send(
            "Runtime.evaluate",
            self.session,
            expression=expression,
            awaitPromise=True,
            returnByValue=True,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(json.dumps(result["exceptionDetails"])[:2000])
        return result["result"].get("value")

    def wait(self, expression: str, timeout: float = 120.0) -> Any:
        """Poll until a JavaScript expression is truthy; its value."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(0.5)
        raise TimeoutError(expression)

    def settle(self, seconds: float = 3.0) -> None:
        """Let the globe draw for a while (tiles, labels, icons)."""
        self.js(f"new Promise(function (r) {{ setTimeout(r, {int(seconds * 1000)}); }})")

    def screenshot(self, target: Path) -> None:
        """A PNG of the page as it is now."""
        data = self.send("Page.captureScreenshot", self.session, format="png")["data"]
        target.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        """Close the browser (and wait for it)."""
        with suppress(RuntimeError):
            self.send("Browser.close")
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(30)


#: What the test and the screenshots read from the loaded globe, as JavaScript.
PROBE = """(function () {
  var ds = tda.ds, J = Cesium.JulianDate, out = {points: [], areas: 0};
  ds.entities.values.forEach(function (e) {
    if (e.billboard) {
      out.points.push({id: e.id, name: e.name,
        label: e.label ? e.label.text.getValue() : null,
        image: String(e.billboard.image.getValue()).slice(0, 22)});
    } else if (e.polygon) { out.areas += 1; }
  });
  out.clock = [J.toIso8601(ds.clock.startTime, 0), J.toIso8601(ds.clock.stopTime, 0)];
  out.errors = tda.errors;
  return out;
})()"""


def shown_on(day: str) -> str:
    """JavaScript: set the clock to noon UTC of ``day``; the ids of the points shown then."""
    return (
        "(function () { var t = Cesium.JulianDate.fromIso8601('" + day + "T12:00:00Z');"
        " tda.viewer.clock.currentTime = t; tda.viewer.clock.shouldAnimate = false;"
        " return tda.ds.entities.values.filter(function (e) {"
        " return e.billboard && e.isShowing && e.isAvailable(t); })"
        ".map(function (e) { return e.id; }); })()"
    )


def open_balloon(pid: str) -> str:
    """JavaScript: select a placemark as a click does; the InfoBox's title and text once
    it shows them (polled, up to 60 s: a shared machine draws slowly)."""
    return (
        "(function () { var e = tda.ds.entities.getById('" + pid + "');"
        " tda.viewer.selectedEntity = e; var tries = 0;"
        " return new Promise(function (r) { (function poll() {"
        " var frame = document.querySelector('.cesium-infoBox-iframe');"
        " var body = frame.contentDocument && frame.contentDocument.body;"
        " var text = body ? body.innerText : '';"
        " var shown = document.querySelector('.cesium-infoBox-visible') !== null;"
        " if ((shown && text.length > 0) || ++tries > 240) {"
        " r({title: document.querySelector('.cesium-infoBox-title').textContent,"
        " text: text, visible: shown}); } else { setTimeout(poll, 250); } })(); });"
        " })()"
    )
