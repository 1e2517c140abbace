"""The backend of the test host: a loopback HTTP server for the host page (at 127.0.0.1) and its sandbox proxy (at
localhost, another origin, as MCP Apps requires), and `/bridge`, where the host page's tools/call and resources/read
go on to the MCP server through the SDK's client, as a real host's backend would do."""

from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path

from .conftest import Harness

HERE = Path(__file__).parent / "host"


def sandbox_csp(csp: dict | None) -> str:
    """The Content-Security-Policy a host builds from a view's `_meta.ui.csp` (MCP Apps, "CSP Construction")."""
    csp = csp or {}
    res = " ".join(csp.get("resourceDomains") or [])
    connect = " ".join(csp.get("connectDomains") or [])
    frames = " ".join(csp.get("frameDomains") or []) or "'none'"
    base = " ".join(csp.get("baseUriDomains") or []) or "'self'"
    return (f"default-src 'none'; script-src 'self' 'unsafe-inline' {res}; style-src 'self' 'unsafe-inline' {res}; "
            f"connect-src 'self' {connect}; img-src 'self' data: {res}; font-src 'self' {res}; "
            f"media-src 'self' data: {res}; frame-src {frames}; object-src 'none'; base-uri {base}")


class FakeHost:
    def __init__(self, harness: Harness, csp: dict | None):
        self.harness = harness
        self.csp = sandbox_csp(csp)
        self.bridged: list[str] = []
        host = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/":
                    self._send(200, (HERE / "host.html").read_bytes(), "text/html; charset=utf-8")
                elif self.path == "/sandbox":
                    self._send(200, (HERE / "sandbox.html").read_bytes(), "text/html; charset=utf-8",
                               {"Content-Security-Policy": host.csp})
                else:
                    self._send(404, b"not here", "text/plain")

            def do_POST(self):
                if self.path != "/bridge":
                    self._send(404, b"{}", "application/json")
                    return
                body = json.loads(self.rfile.read(int(self.headers["content-length"])))
                host.bridged.append(body["method"])
                try:
                    if body["method"] == "tools/call":
                        result = host.harness.call(body["params"]["name"], body["params"].get("arguments") or {})
                    else:
                        result = host.harness.read(body["params"]["uri"])
                    data = result.model_dump(mode="json", by_alias=True, exclude_none=True)
                    self._send(200, json.dumps(data).encode(), "application/json")
                except Exception as exc:  # noqa: BLE001 - the view gets the error as a JSON-RPC error
                    self._send(500, json.dumps({"error": str(exc)}).encode(), "application/json")

            def _send(self, status, body: bytes, kind: str, headers: dict | None = None):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.sandbox_url = f"http://localhost:{self.port}/sandbox"  # another origin: another host name
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeHost:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
