"""Limits on request bodies, checked at the edge, before any route parses them: size (413) and JSON nesting (422).

The body of every request that can carry one is read here first, counted as it arrives (a chunked body has no
Content-Length to trust) and refused with 413 the moment it passes the limit. A JSON body is then scanned for how
deeply it nests, without parsing it: JSON nested hundreds of levels deep parses, but later work on it recurses
(pickling a job for a render worker, serialising a board back) and fails with RecursionError far from the request.
Only then does the app see the body, replayed exactly as it came.

Why MAX_JSON_DEPTH is 64: the deepest real bodies are far shallower. A plan nests about 8 levels (request → plan →
slides → slide → chart → series → values → number; `tests/server/test_limits.py` measures the deepest JSON any
plan's schema allows), a canvas save about 6 (request → scene → elements → element → points → point), a data table
4. 64 leaves room for what a later plan or Excalidraw adds, and stays far below the ~450 levels at which pickling,
and pydantic's serialiser, give out.
"""

from __future__ import annotations

import json
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_JSON_DEPTH = 64
_BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# A JSON string (as a whole, so brackets inside it do not count), or a bracket; the unrolled string loop is linear.
_TOKENS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_COLON = re.compile(rb"\s*:")


def json_depth_problem(body: bytes, limit: int = MAX_JSON_DEPTH) -> str | None:
    """Why `body` nests too deeply ("'plan' is nested more than 64 levels deep ..."), or None when it does not.

    Counts brackets outside strings in one linear pass; the body need not be valid JSON (the parser says so later).
    The message names the top-level field the deep value sits in, so a client knows what to fix.
    """
    depth = 0
    key: str | None = None
    for match in _TOKENS.finditer(body):
        token = match.group()
        first = token[:1]
        if first == b'"':
            if depth == 1 and _COLON.match(body, match.end()):
                key = token[1:-1].decode("utf-8", "replace")[:40]
            continue
        if first in b"[{":
            depth += 1
            if depth > limit:
                where = f"'{key}'" if key else "the request body"
                return (f"{where} is nested more than {limit} levels deep; the limit is {limit} "
                        "(real plans, data and boards nest fewer than 10)")
        else:
            depth -= 1
    return None


def nesting_depth(value: object) -> int:
    """How deeply a parsed JSON value nests (a scalar is 0, `[]` is 1, `[[1]]` is 2), without recursing."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: list = list(item.values())
        elif isinstance(item, (list, tuple)):
            children = list(item)
        else:
            continue
        depth += 1
        deepest = max(deepest, depth)
        stack.extend((child, depth) for child in children)
    return deepest


def _is_json(scope: Scope) -> bool:
    """Bodies that FastAPI would parse as JSON: a JSON media type, or none at all."""
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            media = value.split(b";", 1)[0].strip().lower()
            return media.endswith(b"/json") or media.endswith(b"+json")
    return True


async def _answer(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class RequestBodyLimits:
    """ASGI middleware: a body over `max_bytes` gets 413 (declared or chunked alike), a JSON body nested deeper than
    `max_depth` gets 422; anything else reaches the app unchanged."""

    def __init__(self, app: ASGIApp, max_bytes: int, max_depth: int = MAX_JSON_DEPTH):
        self.app = app
        self.max_bytes = max_bytes
        self.max_depth = max_depth

    def _too_large(self) -> str:
        return (f"the request body is larger than the limit of {self.max_bytes:,} bytes; "
                "send less content or raise ATELIER_MAX_BODY_BYTES")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await _answer(send, 413, self._too_large())
                return
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client left before sending its body: nobody to answer
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.max_bytes:
                await _answer(send, 413, self._too_large())
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if body and _is_json(scope):
            problem = json_depth_problem(body, self.max_depth)
            if problem is not None:
                await _answer(send, 422, problem)
                return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: what the server says next (a disconnect)

        await self.app(scope, replay, send)
