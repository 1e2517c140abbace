"""What MCP costs on top of a render: render_plan through the SDK's client against the same plan rendered without it.

    .venv/bin/python bench/mcp.py [--runs 15] [--plan whiteboard]

- in process: `render_plan` through `mcp.Client(server)` against `Backend.render_plan` called directly (the same
  pipeline call the tool makes), so the difference is the protocol, the result's parts (text, PNG, links) and the
  validation of the structured content;
- over HTTP, against a real `atelier serve` on 127.0.0.1: `render_plan` on `/mcp` (one client session, kept) against
  a plain `POST /render` of the same plan (one HTTP connection, kept); `ping`, `tools/list` and `get_render` on
  `/mcp` show the protocol's own round trip without rendering (raw JSON-RPC with httpx: the server's side alone);
- cold start of `atelier mcp`: process start to the first tool list answered (a new process each run), and the
  first request to `/mcp` of a freshly started server (it imports the SDK then).

Prints a table of medians and 90th percentiles (milliseconds).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script, this file's folder comes first on sys.path, and this file's name would hide the SDK (`mcp`).
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

import anyio  # noqa: E402


def summary(label: str, samples: list[float]) -> tuple[str, float, float, int]:
    ordered = sorted(samples)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return label, statistics.median(ordered) * 1000, p90 * 1000, len(ordered)


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


async def timed_async(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        await fn()
        out.append(time.perf_counter() - start)
    return out


def apps_extension():
    from mcp.client import advertise
    from mcp.server.apps import APP_MIME_TYPE, EXTENSION_ID

    return [advertise(EXTENSION_ID, {"mimeTypes": [APP_MIME_TYPE]})]


def in_process(plan: dict, runs: int) -> list[tuple]:
    from mcp import Client

    from server.mcp.calls import Backend
    from server.mcp.tools import build_server
    from server.settings import Settings

    backend = Backend(Settings(data_dir=Path(tempfile.mkdtemp(prefix="bench-mcp-"))))
    server = build_server(lambda: backend, local=True)
    backend.render_plan(plan)  # warm: imports, fonts, the renderer's first call

    direct = timed(lambda: backend.render_plan(plan), runs)

    async def through_mcp():
        async with Client(server, extensions=apps_extension()) as client:
            await client.call_tool("render_plan", {"plan": plan})  # warm the session
            return await timed_async(lambda: client.call_tool("render_plan", {"plan": plan}), runs)

    mcp_calls = anyio.run(through_mcp)
    backend.close()
    return [summary("in process: Backend.render_plan (no MCP)", direct),
            summary("in process: render_plan via mcp.Client", mcp_calls)]


def over_http(plan: dict, runs: int) -> list[tuple]:
    import httpx
    from mcp import Client
    from mcp.client.streamable_http import streamable_http_client
    from mcp.shared._httpx_utils import create_mcp_http_client

    from tests.conftest import ServerProcess

    token = "bench-token"
    server = ServerProcess(Path(tempfile.mkdtemp(prefix="bench-serve-")), env={"ATELIER_API_TOKEN": token}).start()
    headers = {"Authorization": f"Bearer {token}"}
    rows = []
    try:
        time.sleep(2)  # the render workers start in the background: let them be up before timing
        with httpx.Client(base_url=server.base, headers=headers, timeout=120) as http:
            post = lambda: http.post("/render", json={"plan": plan}).raise_for_status()  # noqa: E731
            post()
            rest = timed(post, runs)
            # The server's side of the protocol alone: one JSON-RPC request per POST, answered as an event stream.
            accept = {"Accept": "application/json, text/event-stream"}

            def rpc(method):
                body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": {}}
                return lambda: http.post("/mcp", json=body, headers=accept).raise_for_status()

            first = timed(rpc("ping"), 1)  # the endpoint imports the SDK and builds the server on its first request
            raw_ping = timed(rpc("ping"), runs)
            raw_list = timed(rpc("tools/list"), runs)

        async def through_mcp():
            client = Client(streamable_http_client(f"{server.base}/mcp", http_client=create_mcp_http_client(
                headers=headers)), extensions=apps_extension())
            async with client:
                await client.list_tools()
                result = await client.call_tool("render_plan", {"plan": plan})
                render_id = result.structured_content["id"]
                calls = await timed_async(lambda: client.call_tool("render_plan", {"plan": plan}), runs)
                listing = await timed_async(client.list_tools, runs)
                reads = await timed_async(lambda: client.call_tool("get_render", {"id": render_id}), runs)
            return calls, listing, reads

        calls, listing, reads = anyio.run(through_mcp)
        rows += [summary("HTTP: POST /render (no MCP)", rest),
                 summary("HTTP: render_plan on /mcp", calls),
                 summary("HTTP: raw JSON-RPC ping on /mcp (httpx)", raw_ping),
                 summary("HTTP: raw JSON-RPC tools/list on /mcp (httpx, 62 KB)", raw_list),
                 summary("HTTP: tools/list on /mcp (mcp.Client)", listing),
                 summary("HTTP: get_render on /mcp (no render)", reads),
                 summary("HTTP: first request to /mcp of a new server (imports the SDK)", first)]
    finally:
        server.stop()
    return rows


def cold_start(runs: int) -> list[tuple]:
    from mcp import Client, StdioServerParameters

    data = tempfile.mkdtemp(prefix="bench-stdio-")
    params = StdioServerParameters(command=sys.executable, args=["-m", "server.cli", "mcp"], cwd=str(ROOT),
                                   env={**os.environ, "ATELIER_DATA_DIR": data})

    async def once():
        async with Client(params) as client:
            await client.list_tools()

    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        anyio.run(once)
        samples.append(time.perf_counter() - start)
    return [summary("cold start: `atelier mcp` to first tool list", samples)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--plan", default="whiteboard", help="a plan in tests/fixtures/plans/")
    args = parser.parse_args()
    plan = json.loads((ROOT / "tests" / "fixtures" / "plans" / f"{args.plan}.json").read_text(encoding="utf-8"))

    rows = in_process(plan, args.runs) + over_http(plan, args.runs) + cold_start(args.cold_runs)
    print(f"\nplan: {args.plan}; runs: {args.runs} (cold: {args.cold_runs})\n")
    print("| what | median ms | p90 ms | runs |")
    print("| --- | ---: | ---: | ---: |")
    for label, median, p90, n in rows:
        print(f"| {label} | {median:.1f} | {p90:.1f} | {n} |")


if __name__ == "__main__":
    main()
