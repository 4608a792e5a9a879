"""Driving headless Chromium from a test, as a person would use a page: open it, choose a file in a
file input, click, wait for what the page shows, download, take a screenshot, print.

The Chrome DevTools Protocol over a pipe (`--remote-debugging-pipe`: the browser reads commands on
its file descriptor 3 and writes answers and events on 4, each a JSON text ended by a NUL byte), so
nothing but the standard library and the Debian package `chromium` is needed.
"""

from __future__ import annotations

import base64
import json
import os
import select
import subprocess
import time
from pathlib import Path
from typing import Any

from headless import BROWSER


class BrowserError(Exception):
    pass


class Browser:
    """One headless Chromium with one page (a tab), at a given window size."""

    def __init__(self, profile: Path, downloads: Path, size: tuple[int, int] = (1366, 768)):
        import fcntl  # POSIX: the tests that drive a browser run where Debian's chromium does

        commands_r, self._commands = os.pipe()
        self._answers, answers_w = os.pipe()

        def child_fds() -> None:  # the browser's 3 and 4, copied past them first so none is overwritten
            high_r, high_w = fcntl.fcntl(commands_r, fcntl.F_DUPFD, 10), fcntl.fcntl(answers_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.proc = subprocess.Popen(
            [str(BROWSER), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--no-first-run", "--hide-scrollbars", "--remote-debugging-pipe", f"--user-data-dir={profile}",
             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=child_fds, close_fds=False)
        os.close(commands_r)
        os.close(answers_w)
        self._buffer, self._next_id, self.events = b"", 0, []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "DOM"):
            self.send(f"{domain}.enable", session=True)
        self.send("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads), eventsEnabled=True)
        self.send("Emulation.setDeviceMetricsOverride", session=True, width=size[0], height=size[1],
                  deviceScaleFactor=1, mobile=False)

    # --- the protocol ---

    def send(self, method: str, session: bool = False, timeout: float = 60, **params: Any) -> dict[str, Any]:
        """The result of one command (of the page's session when `session`)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        answer = self._receive(lambda m: m.get("id") == self._next_id, timeout)
        if "error" in answer:
            raise BrowserError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    def wait_event(self, method: str, timeout: float = 60, **match: Any) -> dict[str, Any]:
        """The params of the first event `method` (whose params include `match`), seen or to come."""
        def wanted(m: dict[str, Any]) -> bool:
            return m.get("method") == method and all(m["params"].get(k) == v for k, v in match.items())

        for event in self.events:
            if wanted(event):
                self.events.remove(event)
                return event["params"]
        return self._receive(wanted, timeout)["params"]

    def _receive(self, wanted: Any, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message = json.loads(raw)
                if wanted(message):
                    return message
                if "method" in message:
                    self.events.append(message)
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._answers], [], [], left)[0]:
                raise BrowserError("no answer from the browser in time")
            chunk = os.read(self._answers, 1 << 20)
            if not chunk:
                raise BrowserError("the browser has gone")
            self._buffer += chunk

    # --- what a person does ---

    def open(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", session=True, url=url)
        self.wait_event("Page.loadEventFired")

    def js(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (awaited when it is a promise)."""
        result = self.send("Runtime.evaluate", session=True, expression=expression, awaitPromise=True,
                           returnByValue=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 60) -> Any:
        """Wait until a JavaScript expression is true in the page; its value."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(0.1)
        raise BrowserError(f"still false after {timeout} s: {expression}")

    def choose_file(self, selector: str, path: Path) -> None:
        """Put a file in a file input, as choosing it in the dialog does (the input's change event fires)."""
        root = self.send("DOM.getDocument", session=True)["root"]["nodeId"]
        node = self.send("DOM.querySelector", session=True, nodeId=root, selector=selector)["nodeId"]
        self.send("DOM.setFileInputFiles", session=True, nodeId=node, files=[str(path)])

    def click(self, selector: str) -> None:
        self.js(f"document.querySelector({json.dumps(selector)}).click()")

    def download(self, selector: str, folder: Path, timeout: float = 60) -> Path:
        """Click what starts a download and wait for the file in `folder`."""
        self.click(selector)
        begun = self.wait_event("Browser.downloadWillBegin", timeout)
        self.wait_event("Browser.downloadProgress", timeout, guid=begun["guid"], state="completed")
        return folder / begun["suggestedFilename"]

    def screenshot(self, png: Path, full_page: bool = False) -> bytes:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
            width, height = self.js("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            params["clip"] = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
        data = base64.b64decode(self.send("Page.captureScreenshot", session=True, **params)["data"])
        png.write_bytes(data)
        return data

    def print_pdf(self) -> bytes:
        return base64.b64decode(self.send("Page.printToPDF", session=True, paperWidth=8.27, paperHeight=11.69)["data"])

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=10)
        except BrowserError:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._commands)
        os.close(self._answers)
