"""Atelier as an MCP server whose answers open as MCP Apps: `atelier mcp` (stdio) and `/mcp` in `atelier serve`.

Design note (what the research found, and what follows from it)
-----------------------------------------------------------------
SDK: the official `mcp` package, 2.x (pinned `mcp>=2.3,<3`, the `atelier[mcp]` extra). The server class is
`mcp.server.mcpserver.MCPServer` (1.x `FastMCP` is gone). MCP Apps support is built in (`mcp.server.apps`):
`Apps()` collects UI-bound tools, `@apps.tool(resource_uri="ui://…", visibility=[…])` stamps
`_meta.ui.resourceUri` (and `visibility`) on a tool, `apps.add_html_resource(uri, html, csp=ResourceCsp(…),
prefers_border=…)` registers the page as `text/html;profile=mcp-app` (`APP_MIME_TYPE`) with its `_meta.ui`, and
`MCPServer(extensions=[apps])` advertises `io.modelcontextprotocol/ui`; it refuses at construction a tool bound
to a URI with no resource. `client_supports_apps(ctx)` is true only when the client announced the extension with
`mimeTypes` holding `APP_MIME_TYPE` (`mcp.client.extension.advertise(EXTENSION_ID, {"mimeTypes": [...]})` on the
client side). `mcp.Client(x)` takes an `MCPServer` (in process), `StdioServerParameters` or a URL / transport
(`streamable_http_client(url, http_client=create_mcp_http_client(headers=…))` for a token). A tool annotated
`-> Annotated[CallToolResult, Model]` returns its own content and publishes `Model`'s schema as `outputSchema`
(the structured content is validated against it). Streamable HTTP: `server.streamable_http_app(stateless_http=True)`
makes `server.session_manager`, whose `run()` must be entered for the app's lifetime; the SDK's own Host/Origin
check is replaced by ours (ATELIER_PUBLIC_URL, ATELIER_CORS_ORIGINS). Stateless means each POST stands alone:
a client's capabilities reach a tool call only with the 2026-07-28 protocol's per-request envelope, so an older
HTTP client is treated as one without Apps (and gets the embedded page). On stdio the SDK points fd 1 at stderr
while it serves, so stray output of renderers and child processes cannot corrupt the stream.

MCP Apps (SEP-1865, stable 2026-01-26): the host reads the `ui://` resource, renders it in a sandboxed iframe (web
hosts through a sandbox proxy on another origin) with a CSP built from `_meta.ui.csp` (empty lists: nothing from
the network; `frame-src 'none'`, which does not stop a `srcdoc` frame, so a widget still runs live), and talks to it
with JSON-RPC 2.0 over postMessage: the view sends `ui/initialize` {protocolVersion, appInfo, appCapabilities}
and gets {hostCapabilities, hostInfo, hostContext: theme, styles.variables (standard names such as
`--color-background-primary`, often `light-dark()` values), styles.css.fonts, containerDimensions, displayMode};
then `ui/notifications/initialized`. The host sends `ui/notifications/tool-input(-partial)`, `tool-result` (a
CallToolResult with `structuredContent` and `_meta`, which never reach the model), `tool-cancelled`,
`host-context-changed`, and the request `ui/resource-teardown`. The view may send `tools/call` (tools whose
visibility includes "app"), `resources/read` (how a view on a web host gets files from a local server),
`ui/open-link`, `ui/message`, `ui/update-model-context`, `ui/download-file` (draft; host capability
`downloadFile`; a sandboxed view cannot download by itself) and `ui/notifications/size-changed` {width, height}.

What follows here: one view, `ui://atelier/viewer.html` (`view.py`), draws any render from the manifest in
`structuredContent`, reading the files named by the result's resource links (`atelier://render/{id}/{name}`)
through the host; render tools answer a short text for the model, one PNG preview (`ImageContent`), those links,
and, only for a client that did not announce Apps, the same page with the render baked in as an embedded
`ui://atelier/render/{id}` HTML resource (how MCP-UI era hosts show a result). `export` and `open_in_canvas` are
app-only tools behind the view's buttons. Every call into the pipeline is in `calls.py`, the one module to
re-point when the pipeline for every door lands.

Modules: `calls` (the pipeline adapter, no SDK), `view` (the page), `results` (tool answers), `tools` (the
server), `http` (`McpEndpoint`, the `/mcp` ASGI app, no SDK until its first request), `stdio` (`atelier mcp`).
Importing this package imports no SDK.
"""

from __future__ import annotations

__all__ = ["McpEndpoint", "run_stdio"]


def __getattr__(name: str):
    if name == "McpEndpoint":
        from .http import McpEndpoint

        return McpEndpoint
    if name == "run_stdio":
        from .stdio import run_stdio

        return run_stdio
    raise AttributeError(name)
