"""The request's edge: bodies over the size limit get 413 (declared or chunked), JSON nested too deeply gets 422
naming the field and the limit, and no real plan, data table or board comes near that limit.

The middleware is driven in process through httpx's ASGI transport, in front of a small app that echoes what it
received, so these tests also prove the body reaches the app byte for byte."""

from __future__ import annotations

import json

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from modalities import registry
from server.limits import MAX_JSON_DEPTH, RequestBodyLimits, json_depth_problem, nesting_depth
from tests.conftest import load_plan_dict, run_async

MAX_BYTES = 300_000


async def _echo(request: Request) -> JSONResponse:
    body = await request.body()
    return JSONResponse({"bytes": len(body), "body": body.decode("utf-8", "replace")})


APP = RequestBodyLimits(Starlette(routes=[Route("/", _echo, methods=["GET", "POST", "PUT"])]), max_bytes=MAX_BYTES)


def send(method: str, content=None, headers: dict | None = None) -> httpx.Response:
    async def go() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=APP), base_url="http://test") as c:
            return await c.request(method, "/", content=content, headers=headers)

    return run_async(go)


def nested(depth: int, key: str) -> bytes:
    return ('{"prompt": "x", "' + key + '": ' + "[" * depth + "1" + "]" * depth + "}").encode()


@pytest.mark.parametrize("key", ["data", "plan", "scene"])
def test_json_nested_past_the_limit_is_refused_naming_the_field(key):
    for depth in (MAX_JSON_DEPTH, 450, 990, 100_000):  # the attack used 450-990 levels
        r = send("POST", nested(depth, key), {"content-type": "application/json"})
        assert r.status_code == 422, depth
        detail = r.json()["detail"]
        assert f"'{key}'" in detail and f"limit is {MAX_JSON_DEPTH}" in detail
    # One level less than the limit (the body's own braces count) reaches the app unchanged.
    fits = nested(MAX_JSON_DEPTH - 1, key)
    r = send("POST", fits, {"content-type": "application/json"})
    assert r.status_code == 200 and r.json()["body"] == fits.decode()


def test_brackets_inside_strings_do_not_count():
    body = json.dumps({"prompt": "[" * 5000 + '\\"{{{' + "{" * 5000, "data": "a,b\n1,2"}).encode()
    r = send("POST", body, {"content-type": "application/json"})
    assert r.status_code == 200 and r.json()["bytes"] == len(body)


def test_a_body_without_a_content_type_is_checked_too_and_other_types_pass():
    # FastAPI parses a body that names no media type as JSON, so it is scanned like one.
    assert send("POST", nested(500, "plan")).status_code == 422
    assert send("POST", b"[" * 500, {"content-type": "text/csv"}).status_code == 200


def test_oversize_bodies_get_413_whether_declared_or_chunked():
    declared = send("POST", b"x" * (MAX_BYTES + 1), {"content-type": "application/json"})
    assert declared.status_code == 413 and "ATELIER_MAX_BODY_BYTES" in declared.json()["detail"]

    async def chunks():
        for _ in range(20):
            yield b"y" * 20_000

    chunked = send("POST", chunks(), {"content-type": "application/json"})
    assert chunked.status_code == 413 and f"{MAX_BYTES:,} bytes" in chunked.json()["detail"]

    async def small():
        yield b'{"prompt": '
        yield b'"chunked"}'

    ok = send("PUT", small(), {"content-type": "application/json"})
    assert ok.status_code == 200 and ok.json()["body"] == '{"prompt": "chunked"}'
    assert send("GET").status_code == 200


def test_the_scan_is_linear_on_the_largest_body():
    # 4 MB of strings full of escapes and brackets: one regex pass, no backtracking.
    body = json.dumps({"content": ('\\"[{' * 250_000)[:3_900_000]}).encode()
    assert json_depth_problem(body) is None
    assert json_depth_problem(b"[" * 4_000_000) is not None


def _deepest_schema_path(schema: dict) -> int:
    """The deepest JSON a value of this schema can be, following $refs; a cycle would be unbounded (inf)."""
    defs = schema.get("$defs", {})

    def depth(node, seen: frozenset) -> float:
        if not isinstance(node, dict):
            return 0
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name in seen:
                return float("inf")
            return depth(defs[name], seen | {name})
        best: float = 0
        for key in ("anyOf", "oneOf", "allOf"):
            for branch in node.get(key, []):
                best = max(best, depth(branch, seen))
        if node.get("type") == "object" or "properties" in node:
            inner = [depth(v, seen) for v in node.get("properties", {}).values()]
            extra = node.get("additionalProperties")
            if isinstance(extra, dict):
                inner.append(depth(extra, seen))
            best = max(best, 1 + max(inner, default=0))
        if node.get("type") == "array" or "items" in node:
            inner = [depth(node.get("items", {}), seen)]
            inner += [depth(p, seen) for p in node.get("prefixItems", [])]
            best = max(best, 1 + max(inner))
        return best

    return depth(schema, frozenset())


def test_no_valid_plan_comes_near_the_limit():
    # The deepest JSON any plan's schema allows, inside a request ({"plan": ...}), is far under the limit, so the
    # limit can never refuse a real plan.
    deepest = _deepest_schema_path(registry.plan_schema())
    assert deepest + 1 < MAX_JSON_DEPTH / 4, deepest
    for name in ("slides", "infographic", "whiteboard", "widget", "image"):
        assert nesting_depth({"plan": load_plan_dict(name)}) <= deepest + 1


def test_nesting_depth_of_parsed_values():
    assert nesting_depth(1) == 0 and nesting_depth([]) == 1 and nesting_depth({"a": [[1]]}) == 3
    assert nesting_depth(json.loads("[" * 900 + "]" * 900)) == 900  # no recursion, so no RecursionError
