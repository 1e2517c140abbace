"""MCP tests: the SDK's own client against Atelier's MCP server (in process, over stdio, over HTTP).

The in-process server runs on an anyio blocking portal (a loop in a thread of its own), so synchronous tests and
Playwright's synchronous API can call it.
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

MODALITIES = ["slides", "infographic", "whiteboard", "widget", "image"]
OUTPUT = ROOT / "test-output" / "mcp"


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: renders, starts a process, a server or a browser")


def plan(name: str) -> dict:
    return json.loads((FIXTURES / "plans" / f"{name}.json").read_text(encoding="utf-8"))


class Harness:
    """An MCP client session with Atelier's server, callable from synchronous code."""

    def __init__(self, portal, client):
        self.portal = portal
        self.client = client

    def call(self, name: str, arguments: dict):
        return self.portal.call(self.client.call_tool, name, arguments)

    def read(self, uri: str):
        return self.portal.call(self.client.read_resource, uri)

    def tools(self):
        return self.portal.call(self.client.list_tools).tools


def settings_for(data_dir: Path, public_url: str | None = None):
    from server.settings import Settings

    return Settings(data_dir=data_dir, public_url=public_url)


@pytest.fixture(scope="session")
def mcp_session(tmp_path_factory):
    """Atelier's MCP server in process with its own data folder, and two clients: one that announces MCP Apps and
    one that does not (a host that predates Apps)."""
    from anyio.from_thread import start_blocking_portal
    from mcp import Client
    from mcp.client import advertise
    from mcp.server.apps import APP_MIME_TYPE, EXTENSION_ID

    from server.mcp.calls import Backend
    from server.mcp.tools import build_server

    backend = Backend(settings_for(tmp_path_factory.mktemp("mcp-data")))
    server = build_server(lambda: backend, local=True)
    with ExitStack() as stack:
        portal = stack.enter_context(start_blocking_portal())
        apps = stack.enter_context(portal.wrap_async_context_manager(
            Client(server, extensions=[advertise(EXTENSION_ID, {"mimeTypes": [APP_MIME_TYPE]})])))
        plain = stack.enter_context(portal.wrap_async_context_manager(Client(server)))
        yield {"apps": Harness(portal, apps), "plain": Harness(portal, plain), "backend": backend}
    backend.close()


@pytest.fixture(scope="session")
def apps_client(mcp_session) -> Harness:
    return mcp_session["apps"]


@pytest.fixture(scope="session")
def plain_client(mcp_session) -> Harness:
    return mcp_session["plain"]


@pytest.fixture(scope="session")
def rendered(apps_client) -> dict:
    """One render_plan call per modality (the fixture plans), made once for the tests that look at the answers."""
    return {m: apps_client.call("render_plan", {"plan": plan(m)}) for m in MODALITIES}
