"""Embedding renders in other pages: /embed/{id} (the widget, or a viewer), /embed.js (the loader), /oembed.

Embed pages are built to sit in an iframe on somebody else's site. Each is served with a Content-Security-Policy
that lets nothing load from anywhere, and with no frame restriction at all (no X-Frame-Options, no
frame-ancestors: even `frame-ancestors *` refuses a sandboxed ancestor, whose origin is opaque), so any page,
sandboxed or not, may frame it. A widget runs with the `sandbox` directive (an
opaque origin: no cookies, no storage, no reading its parent); model-written HTML is served only from
/embed/{id}/content, with that sandbox, and /embed/{id} frames it again with `sandbox="allow-scripts"`.

The routes that read the render store are plain functions, not coroutines: its database calls block, so FastAPI
runs them on its thread pool instead of on the event loop.
"""

from __future__ import annotations

import gzip
import html
import re
import secrets
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from modalities import registry
from modalities.widget.csp import CUSTOM_POLICY
from renderers.height import SCRIPT as HEIGHT_SCRIPT
from renderers.layout.script import language_of
from renderers.theme import get_theme

from ..deps import StoreDep, public_base
from ..embedding import VIEWER_BAR, embed_url, fit, iframe_snippet, natural_size, oembed_url, png_size, sandbox_for
from ..files import file_response
from ..manifest import Manifest
from ..security import has_token
from ..store import ID_PATTERN
from ..stores import RenderStore
from ..viewers import viewer_for

router = APIRouter(tags=["embed"])

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "embed"
EMBED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-DNS-Prefetch-Control": "off",  # DNS prefetching is not covered by CSP: a page could leak a name through it
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
STOPPED = {"en": "This embedded page tried to leave its frame and was stopped.",
           "zh": "這個嵌入頁面試圖離開框架，已被停止。"}
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', re.IGNORECASE)





@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True,
                      default_for_string=True), trim_blocks=True, lstrip_blocks=True)
    # Our own script text, inlined at the top of each page's script: the pages load nothing.
    env.globals["height_script"] = HEIGHT_SCRIPT
    return env


def _caching(request: Request, manifest: Manifest, *, names_host: bool = True) -> dict[str, str]:
    """Who may keep a copy of an answer about `manifest`, and what it varies with.

    Shared caches may keep only what anyone may see: with an API token configured, a render not made shareable is
    shown only to token holders, so its pages are `private`. An answer that writes this server's address into
    itself (snippets, oEmbed, frame URLs) takes it from the request's Host unless ATELIER_PUBLIC_URL fixes it, so
    it then varies with Host: a cache must never hand one Host's answer to a request for another.
    """
    settings = request.app.state.settings
    private = settings.api_token is not None and not manifest.shareable
    headers = {"Cache-Control": f"{'private' if private else 'public'}, max-age=3600"}
    if names_host and not settings.public_url:
        headers["Vary"] = "Host"
    return headers


def _headers(policy: str, base: str, manifest: Manifest, request: Request) -> dict[str, str]:
    oembed = oembed_url(base, embed_url(base, manifest.id))
    return {**EMBED_HEADERS, **_caching(request, manifest), "Content-Security-Policy": policy,
            "Link": f'<{oembed}>; rel="alternate"; type="application/json+oembed"'}


# Large pages (a widget holding a long table) are compressed once and the last few kept in memory.
_GZIPPED: OrderedDict[tuple, bytes] = OrderedDict()
_GZIP_LOCK = threading.Lock()


def _body(request: Request, body: bytes, key: tuple, headers: dict[str, str],
          media_type: str = "text/html") -> Response:
    if len(body) > 32_000 and "gzip" in request.headers.get("accept-encoding", ""):
        with _GZIP_LOCK:
            packed = _GZIPPED.get(key)
            if packed is not None:
                _GZIPPED.move_to_end(key)
        if packed is None:
            packed = gzip.compress(body, compresslevel=6)
            with _GZIP_LOCK:
                _GZIPPED[key] = packed
                while len(_GZIPPED) > 16:
                    _GZIPPED.popitem(last=False)
        vary = ", ".join(v for v in (headers.get("Vary"), "Accept-Encoding") if v)
        headers = {**headers, "Content-Encoding": "gzip", "Vary": vary}
        body = packed
    return Response(body, media_type=f"{media_type}; charset=utf-8", headers=headers)


def _not_found(what: str) -> HTMLResponse:
    page = (f'<!doctype html><html lang="en"><meta charset="utf-8"><title>Not found</title>'
            '<p style="font:15px system-ui,sans-serif;color:#5B6475;padding:24px;margin:0">'
            f'{html.escape(what)}</p></html>')
    return HTMLResponse(page, status_code=404, headers={
        **EMBED_HEADERS, "Cache-Control": "no-store",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"})


def _origin(base: str) -> str:
    parts = urlsplit(base)
    return f"{parts.scheme}://{parts.netloc}"


def _render(store: RenderStore, render_id: str, request: Request) -> tuple[Manifest, Path] | None:
    """The render, when this request may see it: with an API token configured, embed pages are public only for
    renders made with `shareable: true` (or for requests that carry the token)."""
    manifest = store.get(render_id)
    if manifest is None:
        return None
    if not (manifest.shareable or has_token(request)):
        return None
    return manifest, store.folder(render_id)


def _language(manifest: Manifest) -> str:
    return "zh" if language_of(manifest.title).startswith("zh") else "en"


@router.get("/embed.js", summary="The embed loader script", response_class=Response)
async def loader():
    """Add it after Atelier iframes (the manifest's `embed.script` snippet) and they keep the height of their
    content."""
    code = (TEMPLATES / "loader.js").read_text(encoding="utf-8")
    return Response(code, media_type="text/javascript; charset=utf-8", headers={
        "X-Content-Type-Options": "nosniff", "Cache-Control": "public, max-age=3600",
        "Cross-Origin-Resource-Policy": "cross-origin"})


@router.get("/embed/{render_id}", summary="An embeddable page for a render", response_class=HTMLResponse,
            responses={404: {"description": "No such render"}})
def embed_page(render_id: str, request: Request, store: StoreDep):
    found = _render(store, render_id, request)
    if found is None:
        return _not_found("This render does not exist (or is no longer kept).")
    manifest, folder = found
    base = public_base(request)
    oembed = oembed_url(base, embed_url(base, render_id))
    if registry.spec(manifest.modality).embed.viewer == "page":
        if _model_written(manifest):
            return _sandboxed_page(request, manifest, folder, base, oembed)
        return _widget_page(request, manifest, folder, base, oembed)
    return _viewer_page(request, manifest, folder, base, oembed)


def _model_written(manifest: Manifest) -> bool:
    """A page the model wrote itself (a custom-HTML widget), as opposed to one our templates built from data."""
    return registry.spec(manifest.modality).embed.viewer == "page" and manifest.details.get("widget_kind") == "html"


def _widget_page(request: Request, manifest: Manifest, folder: Path, base: str, oembed: str) -> Response:
    path = folder / manifest.primary().name
    page = path.read_text(encoding="utf-8")
    found = _META_CSP.search(page, 0, 4000)
    own = html.unescape(found.group(1)) if found else CUSTOM_POLICY
    policy = f"sandbox allow-scripts; {own}"
    link = (f'<link rel="alternate" type="application/json+oembed" href="{html.escape(oembed)}" '
            f'title="{html.escape(manifest.title)}">\n')
    # Our template's <head> comes before any of the plan's data, so the first one is ours.
    page = page.replace("<head>\n", "<head>\n" + link, 1)
    stat = path.stat()
    return _body(request, page.encode("utf-8"), (str(path), stat.st_mtime_ns, base),
                 _headers(policy, base, manifest, request))


def _sandboxed_page(request: Request, manifest: Manifest, folder: Path, base: str, oembed: str) -> Response:
    nonce = secrets.token_urlsafe(18)
    size = natural_size(manifest, folder)
    lang = _language(manifest)
    page = _env().get_template("sandboxed.html.j2").render(
        title=manifest.title, oembed=oembed, content_url=f"{base}/embed/{manifest.id}/content", nonce=nonce,
        height=size.height, lang="zh-TW" if lang == "zh" else "en", stopped=STOPPED[lang])
    # The origin by name, not 'self': framed with a sandbox, this page's own origin is opaque.
    policy = (f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; img-src data:; "
              f"frame-src {_origin(base)}; base-uri 'none'; form-action 'none'")
    return HTMLResponse(page, headers=_headers(policy, base, manifest, request))


def _viewer_page(request: Request, manifest: Manifest, folder: Path, base: str, oembed: str) -> Response:
    def file_url(name: str, download: bool = False) -> str:
        return f"{base}/embed/{manifest.id}/files/{name}" + ("?download=1" if download else "")

    viewer = viewer_for(manifest, folder, file_url)
    theme = get_theme(manifest.theme) if manifest.theme else get_theme(None)
    nonce = secrets.token_urlsafe(18)
    data = {"kind": viewer.kind, "labels": viewer.labels,
            "pictures": [{"url": p.url, "alt": p.alt, "width": p.width, "height": p.height} for p in viewer.pictures]}
    page = _env().get_template("viewer.html.j2").render(
        v=viewer, oembed=oembed, pal=theme.palette, dark=theme.dark, bar=VIEWER_BAR, data=data, nonce=nonce)
    policy = (f"default-src 'none'; img-src {_origin(base)} data:; media-src {_origin(base)}; "
              f"style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; connect-src 'none'; base-uri 'none'; "
              f"form-action 'none'")
    return HTMLResponse(page, headers=_headers(policy, base, manifest, request))


@router.get("/embed/{render_id}/files/{name}", summary="A file shown by an embed viewer", response_class=Response,
            responses={404: {"description": "No such render or file, or the render is not shared"}})
def embed_file(render_id: str, name: str, request: Request, store: StoreDep, download: bool = False):
    found = _render(store, render_id, request)
    path = store.file_path(render_id, name) if found else None
    if found is None or path is None or name.endswith(".html"):
        return _not_found("This file is not shared.")
    media = next((f.media_type for f in found[0].files if f.name == name), "application/octet-stream")
    return file_response(path, media, name, download)


@router.get("/embed/{render_id}/content", summary="A custom-HTML widget's own page, sandboxed",
            response_class=HTMLResponse, responses={404: {"description": "No such render, or not custom HTML"}})
def sandboxed_content(render_id: str, request: Request, store: StoreDep):
    found = _render(store, render_id, request)
    if found is None or not _model_written(found[0]):
        return _not_found("There is no custom page for this render.")
    manifest, folder = found
    path = folder / manifest.primary().name
    policy = f"sandbox allow-scripts; {CUSTOM_POLICY}"
    headers = {**EMBED_HEADERS, **_caching(request, manifest, names_host=False), "Content-Security-Policy": policy}
    return _body(request, path.read_bytes(), (str(path), path.stat().st_mtime_ns), headers)


# ---- oEmbed ------------------------------------------------------------------------------------------------

_RENDER_PATH = re.compile(r"^/(?:embed|render)/([a-z0-9]{16})(?:/[^/]*)?/?$")


def _render_id_of(url: str, request: Request) -> str | None:
    """The render id in one of this server's URLs (/embed/{id}, /render/{id}, /render/{id}/{file})."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    ours = {request.url.netloc.lower(), urlsplit(public_base(request)).netloc.lower()}
    if parts.netloc.lower() not in ours:
        return None
    m = _RENDER_PATH.match(parts.path)
    return m.group(1) if m and ID_PATTERN.match(m.group(1)) else None


def _thumbnail(manifest: Manifest, folder: Path) -> tuple[str, tuple[int, int]] | None:
    pngs = sorted((f for f in manifest.files if f.name.endswith(".png")), key=lambda f: (f.role != "preview", f.name))
    for f in pngs:
        size = png_size(folder / f.name)
        if size:
            return f.name, size
    return None


@router.get("/oembed", summary="oEmbed 1.0 for render URLs", responses={
    404: {"description": "Not a URL of a render on this server"}, 501: {"description": "A format other than json"}})
def oembed(
    request: Request,
    store: StoreDep,
    url: Annotated[str, Query(max_length=2000, description="A render's URL: /embed/{id}, /render/{id} or a file.")],
    maxwidth: Annotated[int | None, Query(ge=1, le=20000,
                                          description="The largest width the consumer allows.")] = None,
    maxheight: Annotated[int | None, Query(ge=1, le=20000,
                                           description="The largest height the consumer allows.")] = None,
    format: Annotated[str, Query(description="Only 'json' is served.")] = "json",
):
    cors = {"Access-Control-Allow-Origin": "*"}
    if format != "json":
        return JSONResponse({"detail": f"format '{format[:20]}' is not served; use format=json"}, status_code=501,
                            headers=cors)
    render_id = _render_id_of(url, request)
    found = _render(store, render_id, request) if render_id else None
    if render_id is None or found is None:
        return JSONResponse({"detail": "not the URL of a render on this server"}, status_code=404, headers=cors)
    manifest, folder = found
    base = public_base(request)
    width, height = fit(natural_size(manifest, folder), maxwidth, maxheight)
    body = {
        "version": "1.0",
        "type": "rich",
        "title": manifest.title,
        "provider_name": "Atelier",
        "provider_url": f"{base}/",
        "cache_age": 86400,
        "html": iframe_snippet(embed_url(base, render_id), manifest.title, width, height, sandbox_for(manifest),
                               responsive=False),
        "width": width,
        "height": height,
    }
    thumb = _thumbnail(manifest, folder)
    if thumb and (maxwidth is None or thumb[1][0] <= maxwidth) and (maxheight is None or thumb[1][1] <= maxheight):
        body.update(thumbnail_url=f"{base}/render/{render_id}/{thumb[0]}", thumbnail_width=thumb[1][0],
                    thumbnail_height=thumb[1][1])
    return JSONResponse(body, headers={**cors, **_caching(request, manifest)})
