"""What a render tool answers: a short text for the model, one preview picture, a link to every file, the manifest
as structured content, and (for hosts that predate MCP Apps) the render as an embedded HTML resource.

The model reads the text; a terminal client or a vision model sees the picture; the view (`viewer.js`) draws from
the structured content and reads the files the links name through the host.
"""

from __future__ import annotations

import base64
import io
import logging
from typing import Any

from mcp.types import (
    CallToolResult,
    EmbeddedResource,
    ImageContent,
    ResourceLink,
    TextContent,
    TextResourceContents,
)

from .calls import PlanInvalid, Rendered
from .view import standalone_html

log = logging.getLogger("atelier.mcp")

FILE_URI = "atelier://render/{id}/{name}"
RENDER_UI_URI = "ui://atelier/render/{id}"
VIEW_META = "io.atelier/view"  # the view's own facts in the result's _meta (never shown to the model)
PICTURE_MAX_WIDTH = 1280  # wider previews are scaled down for the model: the same information for far fewer tokens


def file_uri(render_id: str, name: str) -> str:
    return FILE_URI.format(id=render_id, name=name)


def render_result(rendered: Rendered, *, apps: bool, server_url: str | None, served: bool,
                  local: bool, verb: str = "Rendered") -> CallToolResult:
    """The answer of every tool that makes or shows a render."""
    m = rendered.manifest
    links = [_link(rendered, f) for f in m["files"]]
    links.append(ResourceLink(type="resource_link", uri=file_uri(m["id"], "plan.json"), name="plan.json",
                              title="The plan this render drew", mime_type="application/json"))
    picture = _picture(rendered)
    content: list[Any] = [TextContent(type="text", text=_summary(rendered, apps=apps, picture=picture is not None,
                                                                  server_url=server_url, served=served, local=local,
                                                                  verb=verb))]
    if picture is not None:
        content.append(picture)
    content.extend(links)
    view = {"server": server_url, "served": served,
            "canvas": bool(server_url) and m["modality"] == "whiteboard", "alts": _alts(rendered)}
    result = CallToolResult(content=content, structured_content=m, _meta={VIEW_META: view})
    if not apps:
        # A host that predates MCP Apps shows an embedded ui:// HTML resource as it is: the view with the render
        # baked in. A host with Apps opens the view itself, so it is not sent twice.
        result.content.append(_standalone(rendered, result))
    return result


def plan_error(exc: PlanInvalid) -> CallToolResult:
    """A tool error that tells the model exactly what to change in its plan."""
    lines = ["The plan is not valid, so nothing was rendered. Fix these and call render_plan again with the whole "
             "corrected plan:"]
    lines += [f"- {p}" for p in exc.problems]
    if exc.modality:
        lines.append(f"The full schema of a {exc.modality} plan: plan_schema(modality=\"{exc.modality}\").")
    else:
        lines.append("Every plan is an object whose 'modality' names its kind; list_modalities() lists them and "
                     "plan_schema(modality) gives each one's schema.")
    return error("\n".join(lines))


def error(text: str) -> CallToolResult:
    return CallToolResult(content=[TextContent(type="text", text=text)], is_error=True)


# ---- the parts --------------------------------------------------------------------------------------------------

def _link(rendered: Rendered, f: dict[str, Any]) -> ResourceLink:
    role = {"primary": "the answer itself", "export": "another format", "preview": "a preview picture",
            "source": "its source"}.get(f["role"], f["role"])
    return ResourceLink(type="resource_link", uri=file_uri(rendered.id, f["name"]), name=f["name"],
                        title=f"{f['name']}: {role}", mime_type=f["media_type"], size=f["bytes"])


def _preview_file(rendered: Rendered) -> dict[str, Any] | None:
    files = rendered.manifest["files"]
    pngs = [f for f in files if f["media_type"] == "image/png"]
    order = {"primary": 0, "preview": 1, "export": 2}
    pngs.sort(key=lambda f: order.get(f["role"], 3))
    return pngs[0] if pngs else None


def _picture(rendered: Rendered) -> ImageContent | None:
    """The render's first preview as a PNG, scaled down to PICTURE_MAX_WIDTH when wider."""
    f = _preview_file(rendered)
    if f is None:
        return None
    data = (rendered.folder / f["name"]).read_bytes()
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as img:
            if img.width > PICTURE_MAX_WIDTH:
                height = max(1, round(img.height * PICTURE_MAX_WIDTH / img.width))
                smaller = img.convert("RGBA").resize((PICTURE_MAX_WIDTH, height), Image.Resampling.LANCZOS)
                out = io.BytesIO()
                smaller.save(out, "PNG", optimize=True)
                data = out.getvalue()
    except Exception:  # noqa: BLE001 - a picture that cannot be scaled is still sent as it is
        log.exception("the preview %s could not be scaled down", f["name"])
    return ImageContent(type="image", data=base64.b64encode(data).decode(), mime_type="image/png")


def _kb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, round(n / 1000))} KB"


def _files_line(files: list[dict[str, Any]]) -> str:
    previews = [f["name"] for f in files if f["role"] == "preview"]
    others = [f"{f['name']} ({f['role']}, {_kb(f['bytes'])})" for f in files if f["role"] != "preview"]
    if len(previews) > 2:
        others.append(f"{previews[0]} … {previews[-1]} ({len(previews)} previews)")
    else:
        others += [f"{name} (preview)" for name in previews]
    return "Files: " + ", ".join(others) + "."


def _summary(rendered: Rendered, *, apps: bool, picture: bool, server_url: str | None, served: bool, local: bool,
             verb: str) -> str:
    m = rendered.manifest
    what = {"slides": "deck", "image": "image"}.get(m["modality"], m["modality"])
    facts = []
    if m["details"].get("slide_count"):
        n = m["details"]["slide_count"]
        facts.append(f"{n} slide{'s' if n != 1 else ''}")
    total = m["timings_ms"]["total"]
    facts.append(f"{total / 1000:.1f} s" if total >= 1000 else f"{round(total)} ms")
    lines = [f"{verb} the {what} \"{m['title']}\" ({', '.join(facts)}). Render id: {m['id']}."]
    if apps:
        lines.append("The user sees it in Atelier's view in this conversation (with download buttons); do not "
                     "describe it back to them at length.")
    elif picture:
        lines.append("A preview picture is attached, and a link to every file.")
    lines.append(_files_line(m["files"]))
    if local:
        lines.append(f"They are saved in {rendered.folder}.")
    if served and server_url:
        lines.append(f"On the Atelier server: {server_url}/embed/{m['id']} (viewer), "
                     f"{server_url}/render/{m['id']}/{m['files'][0]['name'] if m['files'] else ''} (file).")
    warnings = m.get("warnings") or []
    if warnings:
        lines.append("Notes from the renderer (worth fixing in the plan when they say text was cut or dropped):")
        lines += [f"- [{w['code']}] {w.get('where') or ''}: {w.get('detail') or ''}".replace(" : ", ": ")
                  for w in warnings[:10]]
        if len(warnings) > 10:
            lines.append(f"- and {len(warnings) - 10} more")
    if m["pending"]:
        lines.append(f"Still being made: {', '.join(m['pending'])} (get_render shows them when ready).")
    lines.append("To change it, call rerender(id, plan_patch) with a JSON merge patch on its plan "
                 "(get_render(id) shows the plan; arrays such as slides are replaced whole).")
    return "\n".join(lines)


def _alts(rendered: Rendered) -> dict[str, str]:
    """Alt text for each picture the view shows, from the plan (slide titles, the image's own alt)."""
    plan, m = rendered.plan, rendered.manifest
    alts: dict[str, str] = {}
    previews = sorted(f["name"] for f in m["files"] if f["role"] == "preview" and f["name"].startswith("slide-"))
    slides = plan.get("slides")
    if not isinstance(slides, list):
        slides = []
    for i, name in enumerate(previews):
        title = slides[i].get("title") if i < len(slides) and isinstance(slides[i], dict) else None
        alts[name] = f"Slide {i + 1} of {len(previews)}" + (f": {title}" if title else "")
    if m["modality"] == "image" and plan.get("alt"):
        for f in m["files"]:
            if f["media_type"].startswith("image/"):
                alts[f["name"]] = plan["alt"]
    return alts


def _standalone(rendered: Rendered, result: CallToolResult) -> EmbeddedResource:
    """The render as one HTML page (the view, with the result and its pictures inside)."""
    data = result.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["content"] = [c for c in data["content"] if c.get("type") != "image"]
    wanted = _standalone_files(rendered)
    files = [({"uri": file_uri(rendered.id, f["name"]), "mimeType": f["media_type"]}, rendered.folder / f["name"])
             for f in wanted]
    html = standalone_html(data, files)
    return EmbeddedResource(type="resource", resource=TextResourceContents(
        uri=RENDER_UI_URI.format(id=rendered.id), mime_type="text/html", text=html))


def _standalone_files(rendered: Rendered) -> list[dict[str, Any]]:
    """The files the view draws, in the order it needs them."""
    files = rendered.manifest["files"]
    wanted = [f for f in files if f["role"] == "primary" and (f["media_type"] in ("text/html", "image/png")
                                                             or f["media_type"].startswith("video/"))]
    if rendered.manifest["modality"] == "whiteboard":
        wanted += [f for f in files if f["media_type"] == "image/svg+xml"]
    wanted += [f for f in files if f["media_type"] == "image/png" and f not in wanted]
    return wanted
