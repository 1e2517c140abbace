"""`/mcp` in `atelier serve`: the MCP server over streamable HTTP (stateless), behind Atelier's own checks.

`McpEndpoint` is a plain ASGI app, cheap to make: the SDK is imported, and the server built, on the first request
(importing the SDK takes a second or more, which a server that nobody asks for MCP should not pay at start). What
it checks before the SDK sees a request:
- the API token, when ATELIER_API_TOKEN is set (`Authorization: Bearer <token>`), like every other API route;
- `Host`: a loopback name, or the host of ATELIER_PUBLIC_URL (a DNS-rebinding page names its own host);
- `Origin`, when a browser sends one: the same hosts, or one of ATELIER_CORS_ORIGINS.

The app's lifespan must wrap its `yield` in `endpoint.running(app)`, which holds the task group the SDK's session
manager lives in and hands the endpoint the server's store, browser and boards (MCP renders are the server's).
"""

from __future__ import annotations

import hmac
import json
import logging
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

import anyio
from starlette.types import Receive, Scope, Send

from ..settings import Settings

log = logging.getLogger("atelier.mcp")

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
METHODS = ["GET", "POST", "DELETE"]


class McpEndpoint:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._app = None
        self._task_group = None
        self._asgi = None
        self._lock: anyio.Lock | None = None
        self._failure: str | None = None
        self.backend = None

    @classmethod
    def mount(cls, app, settings) -> McpEndpoint:
        """Serves the endpoint at `/mcp` of `app` (a route, not a mount: no redirect to `/mcp/`), kept as
        `app.state.mcp` for the lifespan to run."""
        endpoint = cls(settings)
        app.state.mcp = endpoint
        app.add_route("/mcp", endpoint, methods=METHODS, include_in_schema=False)
        return endpoint

    @asynccontextmanager
    async def running(self, app):
        """Enter around the app's `yield`: the SDK's sessions run in this task group until the server stops."""
        self._app = app
        async with anyio.create_task_group() as tg:
            self._task_group = tg
            try:
                yield self
            finally:
                self._task_group = None
                tg.cancel_scope.cancel()

    # ---- ASGI ----------------------------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        refused = self._refusal(scope)
        if refused is not None:
            await _answer(send, *refused)
            return
        asgi = await self._ready()
        if asgi is None:
            await _answer(send, 503, self._failure or "the MCP endpoint is not running")
            return
        await asgi(scope, receive, send)

    def _refusal(self, scope: Scope) -> tuple[int, str, dict[str, str]] | None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = _hostname(headers.get("host", ""))
        if host is None or host not in self._allowed_hosts():
            return 421, ("this MCP endpoint answers only at a loopback address or the host of ATELIER_PUBLIC_URL "
                         f"(the request named '{headers.get('host', '')[:80]}')"), {}
        origin = headers.get("origin")
        if origin and not self._origin_allowed(origin):
            return 403, f"requests from the web origin '{origin[:80]}' are not allowed (see ATELIER_CORS_ORIGINS)", {}
        expected = self.settings.api_token
        if expected is not None:
            scheme, _, token = headers.get("authorization", "").partition(" ")
            given = token.strip() if scheme.lower() == "bearer" else ""
            if not given or not hmac.compare_digest(given.encode(), expected.get_secret_value().encode()):
                return 401, ("this server needs an API token: send 'Authorization: Bearer <token>' (the token is "
                             "ATELIER_API_TOKEN on the server)"), {"www-authenticate": "Bearer"}
        return None

    def _allowed_hosts(self) -> set[str]:
        hosts = set(LOOPBACK_HOSTS)
        if self.settings.public_url:
            public = _hostname(urlsplit(self.settings.public_url).netloc)
            if public:
                hosts.add(public)
        return hosts

    def _origin_allowed(self, origin: str) -> bool:
        if origin in self.settings.cors_origins:
            return True
        parts = urlsplit(origin)
        return parts.scheme in ("http", "https") and _hostname(parts.netloc) in self._allowed_hosts()

    # ---- the SDK, made on the first request --------------------------------------------------------------------

    async def _ready(self):
        if self._asgi is not None:
            return self._asgi
        if self._task_group is None:
            self._failure = "the MCP endpoint was not started with the server (McpEndpoint.running)"
            return None
        if self._lock is None:
            self._lock = anyio.Lock()
        async with self._lock:
            if self._asgi is None and self._failure is None:
                try:
                    manager = await anyio.to_thread.run_sync(self._build)
                except ImportError:
                    log.exception("the MCP SDK could not be imported")
                    self._failure = "MCP needs the SDK on the server: pip install 'atelier[mcp]'"
                    return None
                except Exception:
                    log.exception("the MCP server could not be built")
                    self._failure = "the MCP server could not start; the server log has the details"
                    return None
                await self._task_group.start(_run_manager, manager)
                from mcp.server.streamable_http_manager import StreamableHTTPASGIApp

                self._asgi = StreamableHTTPASGIApp(manager)
        return self._asgi

    def _build(self):
        from mcp.server.transport_security import TransportSecuritySettings

        from .calls import Backend
        from .tools import build_server

        state = self._app.state if self._app is not None else None
        self.backend = Backend(self.settings, service=getattr(state, "renders", None),
                               boards=getattr(state, "boards", None))
        server = build_server(lambda: self.backend, local=False)
        # Host and Origin are checked above, with Atelier's own rules (ATELIER_PUBLIC_URL, ATELIER_CORS_ORIGINS).
        server.streamable_http_app(stateless_http=True, streamable_http_path="/",
                                   transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False))
        return server.session_manager


async def _run_manager(manager, *, task_status=anyio.TASK_STATUS_IGNORED) -> None:
    async with manager.run():
        task_status.started()
        await anyio.sleep_forever()


def _hostname(netloc: str) -> str | None:
    """The host of a Host header or URL netloc, without the port ('[::1]:8000' -> '::1')."""
    netloc = netloc.strip().lower().rpartition("@")[2]
    if not netloc:
        return None
    if netloc.startswith("["):
        end = netloc.find("]")
        return netloc[1:end] if end > 0 else None
    return netloc.split(":", 1)[0]


async def _answer(send: Send, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    raw: list[tuple[bytes, bytes]] = [(b"content-type", b"application/json"),
                                      (b"content-length", str(len(body)).encode())]
    raw += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
