"""The MCP server itself: Atelier's tools, the view, and the render files as resources.

`build_server(get_backend)` makes an `MCPServer` with the MCP Apps extension. Tools that make or show a render
are bound to the view (`ui://atelier/viewer.html`); `export` and `open_in_canvas` are the view's own buttons
(visibility `app`: hosts hide them from the model). Every pipeline call goes through `calls.Backend`.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Literal

import anyio
from mcp.server.apps import Apps, ResourceCsp, client_supports_apps
from mcp.server.lowlevel.helper_types import ReadResourceContents
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.context import Context
from mcp.server.mcpserver.exceptions import ResourceError, ToolError
from mcp.types import (
    BlobResourceContents,
    CallToolResult,
    EmbeddedResource,
    TextContent,
    TextResourceContents,
    ToolAnnotations,
)
from pydantic import BaseModel, Field, SkipValidation

from server.manifest import Manifest

from . import calls
from .calls import Backend, CanvasUnavailable, NotFound, PlanInvalid, RenderError, RequestInvalid
from .results import FILE_URI, error, file_uri, plan_error, render_result
from .view import VIEW_URI, viewer_html

log = logging.getLogger("atelier.mcp")

INSTRUCTIONS = """\
Atelier turns an answer that is not chat text into a real file the user can open and keep: a slide deck (PPTX),
an infographic (SVG/PNG), a hand-drawn whiteboard diagram (Excalidraw), a small interactive widget (HTML) or an
image. Use it when the answer is better seen than read: a presentation, a one-page summary with numbers, a flow
or architecture, a chart or table to explore, a picture.

How to use it well:
1. Call list_modalities() once to see the kinds, then plan_schema(modality) for the one you want.
2. Write the plan yourself from the user's material and call render_plan(plan). Use only facts the user gave or
   that you are sure of; keep text short (titles under 10 words, bullets under 20); put detail in speaker notes.
3. If render_plan answers with problems, fix exactly those fields and call it again with the whole plan.
4. To change a render, call rerender(id, plan_patch) with only the fields that change (a JSON merge patch).
Clients whose model should not write plans can call render(prompt, content) and let Atelier plan.
"""

if TYPE_CHECKING:
    # What the tool receives: the SDK skips validation, so whatever JSON the client sent (Atelier validates it).
    PlanArgument = Any
else:
    PlanArgument = Annotated[
        # The plan union's own JSON schema (made from the registered modalities, so known only at run time),
        # published as the input schema; validated by Atelier (not by the SDK), so a wrong plan gets an answer
        # that says what to fix.
        SkipValidation[calls.plan_type()],
        Field(description="The whole plan, as a JSON object. Its 'modality' picks the kind; "
                          "plan_schema(modality) gives every field, with limits."),
    ]
ThemeArgument = Annotated[Literal["light", "dark", "bold"] | None,
                          Field(description="Colour theme of the render: light (default), dark or bold.")]
RenderId = Annotated[str, Field(description="The render id that render_plan, render or rerender returned.",
                                max_length=40)]


class ModalityEntry(BaseModel):
    name: str = Field(description="The value of a plan's 'modality'.")
    summary: str = Field(description="What one answer of this kind is.")
    files: str = Field(description="What the user gets.")


class Modalities(BaseModel):
    modalities: list[ModalityEntry]


class CanvasLink(BaseModel):
    url: str = Field(description="The canvas board with the whiteboard on it.")


def build_server(get_backend: Callable[[], Backend], *, local: bool) -> MCPServer:
    """Atelier's MCP server. `local` says the client runs on this machine (stdio), so file paths help it."""
    apps = Apps()

    def backend() -> Backend:
        return get_backend()

    # ---- the render tools (shown in the view) -------------------------------------------------------------

    @apps.tool(
        resource_uri=VIEW_URI, name="render_plan", title="Render a plan with Atelier",
        description="Render a plan you wrote into a real file the user sees in the conversation: a slide deck "
                    "(PPTX), an infographic, a whiteboard diagram, an interactive widget or an image. The main "
                    "way to use Atelier: read plan_schema(modality) first, then pass the whole plan. Atelier "
                    "validates it, lays it out with real font metrics and renders it; if the plan is not valid, "
                    "the answer lists each field to fix. Returns the render id, a preview picture and the files.",
        annotations=ToolAnnotations(title="Render a plan", read_only_hint=False, destructive_hint=False,
                                    idempotent_hint=False, open_world_hint=False),
    )
    async def render_plan(plan: PlanArgument, ctx: Context,
                          theme: ThemeArgument = None) -> Annotated[CallToolResult, Manifest]:
        plan = _as_object(plan)
        try:
            calls.validate_plan(plan)
        except PlanInvalid as exc:
            return plan_error(exc)
        return await _rendering(ctx, lambda b, progress, cancel, base: b.render_plan(
            plan, theme, progress, cancel, base))

    @apps.tool(
        resource_uri=VIEW_URI, name="render", title="Render a request (Atelier plans it)",
        description="Let Atelier plan and render an answer from the user's words and material, when you should "
                    "not write the plan yourself. Give the request in 'prompt' and any document in 'content' "
                    "(Markdown is read for structure) or a table in 'data'. Atelier picks the modality unless "
                    "you name one. Prefer render_plan when you can write a plan: you know the content better.",
        annotations=ToolAnnotations(title="Render a request", read_only_hint=False, destructive_hint=False,
                                    idempotent_hint=False, open_world_hint=False),
    )
    async def render(
        prompt: Annotated[str, Field(description="What the user asks for, in their words.")],
        ctx: Context,
        content: Annotated[str | None, Field(description="A document to work from (Markdown or plain text).")] = None,
        data: Annotated[str | list | dict | None, Field(
            description='A table: CSV text, a list of row objects, or {"columns": [...], "rows": [[...]]}.')] = None,
        modality: Annotated[str | None, Field(
            description="slides, infographic, whiteboard, widget or image; omit to let Atelier choose.")] = None,
        theme: ThemeArgument = None,
    ) -> Annotated[CallToolResult, Manifest]:
        return await _rendering(ctx, lambda b, progress, cancel, base: b.render_request(
            prompt, content, data, modality, theme, progress, cancel, base))

    @apps.tool(
        resource_uri=VIEW_URI, name="rerender", title="Change a render",
        description="Render a changed version of an earlier render: give its id and a JSON merge patch (RFC 7386) "
                    "on its plan with only what changes, e.g. {\"title\": \"New title\"}; null removes a field, "
                    "arrays (slides, blocks, nodes) are replaced whole. The earlier render stays; this makes a "
                    "new one with a new id.",
        annotations=ToolAnnotations(title="Change a render", read_only_hint=False, destructive_hint=False,
                                    idempotent_hint=False, open_world_hint=False),
    )
    async def rerender(id: RenderId, plan_patch: Annotated[dict[str, Any], Field(
            description="JSON merge patch on the stored plan.")], ctx: Context,
            theme: ThemeArgument = None) -> Annotated[CallToolResult, Manifest]:
        return await _rendering(ctx, lambda b, progress, cancel, base: b.rerender(
            id, plan_patch, theme, progress, cancel, base), verb="Re-rendered")

    @apps.tool(
        resource_uri=VIEW_URI, name="get_render", title="Show a render",
        description="Show an earlier render again and read its plan (to write a rerender patch).",
        annotations=ToolAnnotations(title="Show a render", read_only_hint=True, idempotent_hint=True,
                                    open_world_hint=False),
    )
    async def get_render(id: RenderId, ctx: Context) -> Annotated[CallToolResult, Manifest]:
        b = backend()
        rendered = await anyio.to_thread.run_sync(b.get, id)
        if rendered is None:
            return error(f"There is no render with id '{id}'. Ids come from render_plan, render and rerender.")
        result = render_result(rendered, apps=client_supports_apps(ctx), server_url=b.server_url(_base(ctx)),
                               served=b.served, local=local, verb="This is")
        result.content.insert(1, TextContent(type="text", text="Its plan:\n" + json.dumps(
            rendered.plan, ensure_ascii=False, indent=1)))
        return result

    # ---- the view's buttons (hidden from the model) -------------------------------------------------------

    @apps.tool(
        resource_uri=VIEW_URI, visibility=["app"], name="export", title="Download a file of a render",
        description="One file of a render, by format (a `?format=` name such as pptx, pdf, png, svg, excalidraw, "
                    "mmd, html, webp, or 'plan'), for the view's download buttons.",
        annotations=ToolAnnotations(read_only_hint=True, idempotent_hint=True, open_world_hint=False),
    )
    async def export(id: RenderId, format: Annotated[str, Field(description="The file's format.", max_length=20)],
                     ) -> CallToolResult:
        try:
            name, path, media = await anyio.to_thread.run_sync(backend().export_file, id, format)
        except (NotFound, RequestInvalid) as exc:
            return error(str(exc))
        data = await anyio.to_thread.run_sync(path.read_bytes)
        uri = file_uri(id, name)
        resource: TextResourceContents | BlobResourceContents
        if _is_text(media):
            resource = TextResourceContents(uri=uri, mime_type=media, text=data.decode("utf-8", errors="replace"))
        else:
            resource = BlobResourceContents(uri=uri, mime_type=media, blob=_b64(data))
        return CallToolResult(content=[EmbeddedResource(type="resource", resource=resource)])

    @apps.tool(
        resource_uri=VIEW_URI, visibility=["app"], name="open_in_canvas", title="Open a whiteboard in the canvas",
        description="Put a whiteboard render on a new board of Atelier's canvas and return its address.",
        annotations=ToolAnnotations(read_only_hint=False, destructive_hint=False, idempotent_hint=False,
                                    open_world_hint=False),
    )
    async def open_in_canvas(id: RenderId, ctx: Context) -> Annotated[CallToolResult, CanvasLink]:
        base = _base(ctx)
        try:
            url = await anyio.to_thread.run_sync(lambda: backend().open_board(id, base))
        except (NotFound, RequestInvalid, CanvasUnavailable) as exc:
            return error(str(exc))
        return CallToolResult(content=[TextContent(type="text", text=url)], structured_content={"url": url})

    apps.add_html_resource(
        VIEW_URI, viewer_html(), name="atelier-viewer", title="Atelier",
        description="Shows an Atelier render: a deck with previous/next, an infographic, a whiteboard, a live "
                    "widget, an image or a video, with download buttons.",
        # Nothing from the network: the view's files come through the host (resources/read), as data: URLs.
        csp=ResourceCsp(connect_domains=[], resource_domains=[], frame_domains=[], base_uri_domains=[]),
        prefers_border=True,
    )

    def media_type(render_id: str, name: str) -> str | None:
        found = backend().file(render_id, name)
        return found[1] if found else None

    server = AtelierMCP("atelier", title="Atelier", version="0.1.0", instructions=INSTRUCTIONS,
                        extensions=[apps], media_type=media_type, log_level="WARNING")

    # ---- plans and modalities (plain tools, read-only) --------------------------------------------------------

    @server.tool(
        name="list_modalities", title="List the kinds of answer",
        description="The kinds of answer Atelier renders (slides, infographic, whiteboard, widget, image), what "
                    "each is for and what files the user gets. Call it before choosing a plan's modality.",
        annotations=ToolAnnotations(title="List the kinds of answer", read_only_hint=True, idempotent_hint=True,
                                    open_world_hint=False),
    )
    def list_modalities() -> Modalities:
        return Modalities(modalities=[ModalityEntry(name=m.name, summary=m.summary, files=m.files)
                                      for m in calls.modalities()])

    @server.tool(
        name="plan_schema", title="Read the schema of a plan",
        description="The JSON schema of one modality's plan (every field, its meaning and its limits), to write a "
                    "plan for render_plan. Without a modality: the schema of every plan at once.",
        annotations=ToolAnnotations(title="Read a plan schema", read_only_hint=True, idempotent_hint=True,
                                    open_world_hint=False),
    )
    def plan_schema(modality: Annotated[str | None, Field(
            description="slides, infographic, whiteboard, widget or image.")] = None) -> str:
        try:
            return json.dumps(calls.plan_schema(modality), ensure_ascii=False, separators=(",", ":"))
        except RequestInvalid as exc:
            raise ToolError(str(exc)) from None

    # ---- the render files, for the view and for any client ----------------------------------------------------

    @server.resource(FILE_URI, name="render-file", title="A file of a render",
                     description="One file of an Atelier render (the deck, a slide picture, the SVG, ...).",
                     mime_type="application/octet-stream")
    def render_file(id: str, name: str) -> str | bytes:
        found = backend().file(id, name)
        if found is None:
            raise ResourceError(f"render '{id[:40]}' has no file '{name[:80]}'")
        path, media = found
        # Text files are read as text (a client shows or edits them as they are); the rest as base64 blobs.
        return path.read_text(encoding="utf-8") if _is_text(media) else path.read_bytes()

    async def _rendering(ctx: Context, work, verb: str = "Rendered") -> CallToolResult:
        b = backend()
        base = _base(ctx)
        cancel = threading.Event()
        progress = _progress_reporter(ctx)
        try:
            with anyio.fail_after(b.settings.render_timeout_s):
                rendered = await anyio.to_thread.run_sync(lambda: work(b, progress, cancel, base),
                                                          abandon_on_cancel=True)
        except PlanInvalid as exc:
            return plan_error(exc)
        except (RequestInvalid, NotFound) as exc:
            return error(f"Nothing was rendered: {exc}")
        except RenderError as exc:
            return error(f"The render failed: {exc}")
        except TimeoutError:
            cancel.set()
            return error("The render did not finish within the time limit (ATELIER_RENDER_TIMEOUT_S); try a "
                         "smaller plan.")
        except BaseException:
            cancel.set()  # cancelled by the client: the render stops at its next step
            raise
        return render_result(rendered, apps=client_supports_apps(ctx), server_url=b.server_url(base),
                             served=b.served, local=local, verb=verb)

    return server


class AtelierMCP(MCPServer):
    """MCPServer whose render files are read with their own media type (a resource template has only one)."""

    def __init__(self, *args: Any, media_type: Callable[[str, str], str | None], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.media_type = media_type

    async def read_resource(self, uri, context=None):
        results = await super().read_resource(uri, context)
        parsed = _file_uri_parts(str(uri))
        if parsed is None or not isinstance(results, list | tuple):
            return results
        media = await anyio.to_thread.run_sync(self.media_type, *parsed)
        return [ReadResourceContents(content=item.content, mime_type=media or item.mime_type, meta=item.meta)
                for item in results]


def _file_uri_parts(uri: str) -> tuple[str, str] | None:
    prefix = "atelier://render/"
    if not uri.startswith(prefix):
        return None
    render_id, _, name = uri[len(prefix):].partition("/")
    return (render_id, name) if render_id and name else None


def _as_object(plan: Any) -> Any:
    """A plan sent as a JSON string (some clients do) is read as the object it holds."""
    if isinstance(plan, str):
        try:
            return json.loads(plan)
        except ValueError:
            return plan
    return plan


def _base(ctx: Context) -> str | None:
    """The address the HTTP request came to (scheme and host), or None on stdio."""
    request = getattr(ctx.request_context, "request", None)
    headers = getattr(request, "headers", None)
    url = getattr(request, "url", None)
    if headers is None or url is None or not headers.get("host"):
        return None
    return f"{url.scheme}://{headers['host']}"


def _progress_reporter(ctx: Context):
    """Pipeline progress events as MCP progress notifications (a no-op when the client asked for none)."""
    steps = {"plan": 0}

    def report(event: str, data: dict[str, Any]) -> None:
        status = data.get("status")
        if event == "plan" and status == "started":
            message = "planning"
        elif event == "render" and status == "started":
            message = f"rendering the {data.get('modality', 'answer')}"
        elif event == "file":
            message = f"wrote {data.get('name', 'a file')}"
        else:
            return
        steps["plan"] += 1
        try:
            anyio.from_thread.run(ctx.report_progress, steps["plan"], None, message)
        except Exception:  # noqa: BLE001 - progress is a courtesy: a render never fails for it
            log.debug("a progress notification could not be sent", exc_info=True)

    return report


def _is_text(media: str) -> bool:
    return media.startswith("text/") or media.endswith(("+xml", "+json", "/json"))


def _b64(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode()
