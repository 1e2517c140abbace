"""HTTP hardening: security headers on every response, cross-site request refusal, the optional API token, and
CORS when configured.

The headers are added by plain ASGI middleware (not Starlette's BaseHTTPMiddleware), which leaves the request's
receive channel alone, so a render can notice when its client hangs up.
"""

from __future__ import annotations

import hmac
import json
from urllib.parse import urlsplit

from fastapi import Request
from pydantic import SecretStr
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import UserError

# Pages Atelier itself serves (the canvas, the API docs): its own scripts and styles only, nothing from elsewhere.
PAGE_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
_ALWAYS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]


class SecurityHeaders:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for key, value in _ALWAYS:
                    if key not in present:
                        headers.append((key, value))
                # Responses that set their own policy (render files, embed pages) keep it.
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", PAGE_CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


_STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
# Headers a plain HTML form (or a `no-cors` fetch) cannot send: a request that has one was made by a script that
# passed the browser's CORS checks, or by a program that is not a browser.
_NOT_FROM_A_FORM = {b"authorization", b"x-atelier-client"}


def _header(scope: Scope, wanted: bytes) -> bytes | None:
    for name, value in scope.get("headers", []):
        if name == wanted:
            return value
    return None


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class CrossSiteRefusal:
    """Refuses state-changing requests another site could have made a browser send (CSRF), with 403.

    The session cookie is `SameSite=Strict`, but "site" ignores the port: a page on 127.0.0.1:8618 is same-site
    with Atelier on 127.0.0.1:8000, and a form it auto-submits carries the cookie. So every POST, PUT, PATCH and
    DELETE must show it was not sent by a form:

    - its `Origin`, when the browser sent one, must be this server's own (the Host it was sent to, or
      ATELIER_PUBLIC_URL) or one of ATELIER_CORS_ORIGINS; `Origin: null` (a sandboxed frame, a file) is refused;
    - a POST must have a JSON body (`Content-Type: application/json`), or an Authorization or X-Atelier-Client
      header: a form can send neither, and a script on another origin cannot without a CORS preflight that
      Atelier grants only to configured origins. PUT, PATCH and DELETE cannot be sent cross-origin without that
      preflight at all.

    Programs that are not browsers (curl, the SDKs, MCP clients) send no Origin, and their requests pass.
    """

    def __init__(self, app: ASGIApp, public_url: str | None = None, allowed_origins: list[str] | None = None):
        self.app = app
        self.allowed = {_origin_of(o) for o in (allowed_origins or [])}
        if public_url:
            self.allowed.add(_origin_of(public_url))

    def problem(self, scope: Scope) -> str | None:
        origin = _header(scope, b"origin")
        if origin is not None:
            origin_text = origin.decode("latin-1").strip().lower()
            host = (_header(scope, b"host") or b"").decode("latin-1").strip().lower()
            own = {f"http://{host}", f"https://{host}"} if host else set()
            if origin_text not in own and origin_text not in self.allowed:
                return (f"a request from another origin ({origin_text[:80]}) may not change anything here; "
                        "add that origin to ATELIER_CORS_ORIGINS to allow it")
        if scope["method"] == "POST":
            media = (_header(scope, b"content-type") or b"").split(b";", 1)[0].strip().lower()
            json_body = media.endswith(b"/json") or media.endswith(b"+json")
            headers = {name for name, _ in scope.get("headers", [])}
            if not json_body and not (headers & _NOT_FROM_A_FORM):
                return ("a POST needs a JSON body (Content-Type: application/json), or an Authorization or "
                        "X-Atelier-Client header")
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in _STATE_CHANGING:
            await self.app(scope, receive, send)
            return
        problem = self.problem(scope)
        if problem is None:
            await self.app(scope, receive, send)
            return
        body = json.dumps({"detail": problem}).encode()
        await send({"type": "http.response.start", "status": 403,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def bearer_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    scheme, _, token = auth.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


SESSION_COOKIE = "atelier_token"


def _matches(given: str | None, expected: SecretStr) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.get_secret_value().encode())


def has_token(request: Request) -> bool:
    """True when no token is configured, or the request carries the configured one: as a Bearer header (API
    clients), or as the session cookie the canvas gets from POST /session (so its iframes and images work too)."""
    expected = request.app.state.settings.api_token
    if expected is None:
        return True
    return _matches(bearer_token(request), expected) or _matches(request.cookies.get(SESSION_COOKIE), expected)


def require_token(request: Request) -> None:
    """With ATELIER_API_TOKEN set, API calls need `Authorization: Bearer <token>`."""
    if not has_token(request):
        raise UserError("this server needs an API token: send 'Authorization: Bearer <token>' "
                        "(the token is ATELIER_API_TOKEN on the server)", status=401)


