"""Browser tests: Playwright from PyPI driving Debian's Chromium (never `playwright install`), against the real
server on 127.0.0.1. Each page is watched for console errors, uncaught exceptions and requests to other hosts."""

from __future__ import annotations

import http.server
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import settled


@dataclass
class Watched:
    """What a page did: console errors, uncaught exceptions, dialogs, and every URL it requested."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def foreign(self, allowed_prefixes: tuple[str, ...]) -> list[str]:
        return [u for u in self.requests if not u.startswith(allowed_prefixes) and not u.startswith("data:")]


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 900, "height": 700})
    pg = context.new_page()
    watched = Watched()
    pg.on("console", lambda m: watched.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: watched.errors.append(f"uncaught: {e}"))
    pg.on("request", lambda r: watched.requests.append(r.url))

    def on_dialog(d):
        watched.dialogs.append(d.message)
        d.dismiss()

    pg.on("dialog", on_dialog)
    pg.watched = watched
    yield pg
    context.close()


def render(client, plan: dict, theme: str = "light") -> dict:
    r = client.post("/render", json={"plan": plan, "theme": theme})
    assert r.status_code == 200, r.text
    return settled(client, r.json())


def widget_plan(spec: dict, title: str = "Widget", **extra) -> dict:
    return {"modality": "widget", "title": title, "widget": spec, **extra}


class Canary:
    """A loopback HTTP server and UDP socket that count every request or packet that reaches them: what a
    sandboxed page must never manage to do."""

    def __init__(self):
        self.hits: list[str] = []
        hits = self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                hits.append(f"{self.command} {self.path}")
                self.send_response(200)
                self.send_header("Access-Control-Allow-Origin", "*")
                self.end_headers()
                self.wfile.write(b"ok")

            do_POST = do_GET

            def log_message(self, *args):
                pass

        self.http = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}"
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", 0))
        self.udp.settimeout(0.2)
        self.udp_port = self.udp.getsockname()[1]
        self._stop = threading.Event()
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        threading.Thread(target=self._listen, daemon=True).start()

    def _listen(self):
        while not self._stop.is_set():
            try:
                data, _ = self.udp.recvfrom(4096)
                self.hits.append(f"UDP {len(data)} bytes")
            except OSError:
                continue

    def close(self):
        self._stop.set()
        self.http.shutdown()
        self.udp.close()


@pytest.fixture()
def canary():
    c = Canary()
    yield c
    c.close()


class StaticSite:
    """Another origin (a second loopback port) serving pages from a folder, like a docs site that embeds."""

    def __init__(self, folder: Path):
        handler = lambda *a, **k: _Quiet(*a, directory=str(folder), **k)  # noqa: E731
        self.http = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def close(self):
        self.http.shutdown()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture()
def site(tmp_path):
    s = StaticSite(tmp_path)
    s.folder = tmp_path
    yield s
    s.close()
