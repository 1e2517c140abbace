"""Atelier's MCP server as clients reach it: `atelier mcp` started as a process (stdio), and `/mcp` of a real
`atelier serve` on 127.0.0.1 (streamable HTTP), with the API token."""

from __future__ import annotations

import base64
import io
import os
import sys

import httpx
import pytest
from PIL import Image

from tests.conftest import ROOT, ServerProcess, run_async

from .conftest import plan

pytestmark = pytest.mark.slow  # starts atelier mcp and atelier serve processes

TOKEN = "mcp-test-token-7f3a"


def apps_extension():
    from mcp.client import advertise
    from mcp.server.apps import APP_MIME_TYPE, EXTENSION_ID

    return [advertise(EXTENSION_ID, {"mimeTypes": [APP_MIME_TYPE]})]


@pytest.mark.slow
def test_atelier_mcp_over_stdio(tmp_path):
    from mcp import Client, StdioServerParameters

    params = StdioServerParameters(command=sys.executable, args=["-m", "server.cli", "mcp"], cwd=str(ROOT),
                                   env={**os.environ, "ATELIER_DATA_DIR": str(tmp_path)})

    async def session():
        async with Client(params, extensions=apps_extension()) as client:
            names = {t.name for t in (await client.list_tools()).tools}
            result = await client.call_tool("render_plan", {"plan": plan("widget")})
            view = await client.read_resource("ui://atelier/viewer.html")
            return names, result, view

    names, result, view = run_async(session)
    assert {"render_plan", "render", "plan_schema", "list_modalities", "get_render", "rerender"} <= names
    assert not result.is_error, result.content[0].text
    manifest = result.structured_content
    assert manifest["modality"] == "widget"
    folder = tmp_path / "mcp" / "renders" / manifest["id"]
    assert f"They are saved in {folder}." in result.content[0].text  # a local client can open the files
    assert (folder / "widget.html").read_text(encoding="utf-8").count("Ann") >= 1
    picture = next(c for c in result.content if c.type == "image")
    with Image.open(io.BytesIO(base64.b64decode(picture.data))) as img:
        assert img.width >= 400  # the widget's preview, drawn by the browser
    assert view.contents[0].mime_type == "text/html;profile=mcp-app"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    proc = ServerProcess(tmp_path_factory.mktemp("served"), env={"ATELIER_API_TOKEN": TOKEN}).start()
    yield proc
    proc.stop()


def http_client(url: str, token: str | None, extensions=None):
    from mcp import Client
    from mcp.client.streamable_http import streamable_http_client
    from mcp.shared._httpx_utils import create_mcp_http_client

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return Client(streamable_http_client(url, http_client=create_mcp_http_client(headers=headers)),
                  extensions=extensions)


@pytest.mark.slow
def test_mcp_over_http_in_atelier_serve_with_the_token(served):
    url = f"{served.base}/mcp"

    async def session():
        async with http_client(url, TOKEN, apps_extension()) as client:
            tools = (await client.list_tools()).tools
            result = await client.call_tool("render_plan", {"plan": plan("whiteboard")})
            board = await client.call_tool("open_in_canvas", {"id": result.structured_content["id"]})
            return tools, result, board

    tools, result, board = run_async(session)
    assert next(t for t in tools if t.name == "render_plan").meta["ui"]["resourceUri"] == "ui://atelier/viewer.html"
    assert not result.is_error, result.content[0].text
    manifest = result.structured_content
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with served.client() as http:
        # An MCP render is the server's render: listed, and its files served by the API and the embed page.
        stored = http.get(f"/render/{manifest['id']}", headers=headers).json()
        assert stored["title"] == "Minimal board"
        assert http.get(f"/render/{manifest['id']}/board.svg", headers=headers).status_code == 200
        assert manifest["embed"]["url"] == f"{served.base}/embed/{manifest['id']}"
        # The view's "Open in canvas": a board that holds the whiteboard's own elements.
        link = board.structured_content["url"]
        assert link.startswith(f"{served.base}/?board=")
        saved = http.get(f"/boards/{link.rsplit('=', 1)[1]}", headers=headers).json()
        labels = {e.get("text") for e in saved["scene"]["elements"] if e.get("type") == "text"}
        assert {"Start", "Is it ready?", "Ship it"} <= labels
    assert result.meta["io.atelier/view"]["canvas"] is True


@pytest.mark.slow
def test_mcp_over_http_refuses_without_the_token_and_from_other_hosts(served):
    url = f"{served.base}/mcp"
    hello = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    accept = {"Accept": "application/json, text/event-stream"}
    no_token = httpx.post(url, json=hello, headers=accept)
    assert no_token.status_code == 401 and "Authorization: Bearer" in no_token.json()["detail"]
    wrong = httpx.post(url, json=hello, headers={**accept, "Authorization": "Bearer not-it"})
    assert wrong.status_code == 401
    auth = {**accept, "Authorization": f"Bearer {TOKEN}"}
    rebinding = httpx.post(url, json=hello, headers={**auth, "Host": f"attacker.example:{served.port}"})
    assert rebinding.status_code == 421 and "attacker.example" in rebinding.json()["detail"]
    cross_site = httpx.post(url, json=hello, headers={**auth, "Origin": "https://attacker.example"})
    assert cross_site.status_code == 403
    same_host = httpx.post(url, json=hello, headers={**auth, "Origin": served.base})
    assert same_host.status_code == 200 and '"name":"render_plan"' in same_host.text

    async def without_token():
        async with http_client(url, None) as client:
            await client.list_tools()

    with pytest.raises(Exception) as refused:
        run_async(without_token)
    assert "error response" in repr(refused.value)  # the SDK's client sees the 401 as a failed request
