"""HTTP hardening: security headers on every response, the optional API token, and CORS when configured.

The headers are added by plain ASGI middleware (not Starlette's BaseHTTPMiddleware), which leaves the request's
receive channel alone, so a render can notice when its client hangs up.
"""

from __future__ import annotations

import hmac

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


