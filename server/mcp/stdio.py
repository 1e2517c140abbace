"""`atelier mcp`: the MCP server over stdio, for desktop clients and coding agents that start it as a process."""

from __future__ import annotations

import logging
import sys


def run_stdio() -> int:
    """Serves MCP on stdin/stdout until the client closes stdin. The SDK diverts fd 1 to stderr while it serves,
    so nothing a render or a child process prints can reach the protocol stream."""
    try:
        import mcp  # noqa: F401
    except ImportError:
        sys.stderr.write("atelier: error: 'atelier mcp' needs the MCP SDK: pip install 'atelier[mcp]'\n")
        return 2
    import anyio

    from ..settings import get_settings
    from .calls import Backend
    from .tools import build_server

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="atelier-mcp %(levelname)s %(message)s")
    settings = get_settings()
    holder: dict[str, Backend] = {}

    def backend() -> Backend:
        # Made on the first call that needs it: the initialize handshake and the tool list stay instant.
        if "backend" not in holder:
            holder["backend"] = Backend(settings)
        return holder["backend"]

    server = build_server(backend, local=True)
    try:
        anyio.run(server.run_stdio_async)
    except KeyboardInterrupt:
        pass
    finally:
        if "backend" in holder:
            holder["backend"].close()
    return 0
