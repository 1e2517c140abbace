"""/render: make a render (JSON, a file's bytes, or a stream of progress events), read renders and their files."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from typing import Annotated, Any, Literal

import anyio
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse

from models.planners.base import Cancelled
from renderers.layout.fonts import FontNotFound
from renderers.whiteboard.layout import LayoutError

from ..errors import NotFound, UserError
from ..manifest import Manifest
from ..pipeline import RenderRequest, run_render
from ..settings import Settings
from ..store import Store
from .embed import public_base

log = logging.getLogger("atelier")
router = APIRouter(tags=["render"])

FORMATS = {"pptx": ".pptx", "png": ".png", "svg": ".svg", "html": ".html", "excalidraw": ".excalidraw", "pdf": ".pdf"}

# Files from a render are shown on Atelier's own origin, so none of them may run with its privileges:
# `sandbox` gives each an opaque origin (no cookies, no storage, no same-origin requests) and nothing may load.
FILE_CSP = {
    "text/html": "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                 "img-src data:; font-src data:; connect-src 'none'",
}
DEFAULT_FILE_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


class _Job:
    """One render into the store: work folder, pipeline, commit; the folder is discarded on any failure."""

    def __init__(self, store: Store, settings: Settings, body: RenderRequest, browser=None, public_url: str = ""):
        self.store, self.settings, self.body = store, settings, body
        self.browser, self.public_url = browser, public_url

    def __call__(self, progress=None, cancel: threading.Event | None = None) -> Manifest:
        render_id, workdir = self.store.workdir()
        try:
            manifest = run_render(self.body, workdir, self.settings, render_id, f"/render/{render_id}/",
                                  progress or (lambda e, d: None), cancel, browser=self.browser,
                                  public_url=self.public_url)
            self.store.commit(render_id, workdir, manifest)
            return manifest
        except BaseException:
            self.store.discard(workdir)
            raise


def _error(exc: BaseException) -> tuple[int, str]:
    if isinstance(exc, UserError):
        return exc.status, exc.message
    if isinstance(exc, Cancelled):
        return 499, "the render was cancelled because the client went away"
    if isinstance(exc, (LayoutError, FontNotFound)):
        return 503, str(exc)
    log.exception("render failed", exc_info=exc)
    return 500, "the render failed unexpectedly; the server log has the details"


def _file_response(path, media_type: str, filename: str, download: bool = False) -> FileResponse:
    disposition = "attachment" if download else "inline"
    resp = FileResponse(path, media_type=media_type, content_disposition_type=disposition, filename=filename)
    resp.headers["Content-Security-Policy"] = FILE_CSP.get(media_type, DEFAULT_FILE_CSP)
    resp.headers["X-Content-Type-Options"] = "nosniff"
    return resp


@router.post(
    "/render",
    response_model=Manifest,
    summary="Render a request",
    description="Plans and renders the request. Returns the manifest; with `?format=` the file of that type; with "
    "`Accept: text/event-stream` a stream of progress events (`plan`, `render`, `file`) ending in `manifest` "
    "(or `error`).",
    responses={413: {"description": "Body or content over the limit"}, 422: {"description": "Invalid request"}},
)
async def create_render(
    body: RenderRequest,
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    format: Annotated[Literal["pptx", "png", "svg", "html", "excalidraw", "pdf"] | None,
                      Query(description="Return this file type's bytes instead of the manifest.")] = None,
):
    job = _Job(store, settings, body, request.app.state.browser, public_base(request))
    limiter = request.app.state.limiter
    if "text/event-stream" in request.headers.get("accept", "") and format is None:
        return StreamingResponse(_stream(job, limiter), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
    try:
        manifest = await anyio.to_thread.run_sync(job, limiter=limiter)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a clear answer
        status, detail = _error(exc)
        return JSONResponse({"detail": detail}, status_code=status)
    if format is None:
        return manifest
    wanted = FORMATS[format]
    match = sorted((f for f in manifest.files if f.name.endswith(wanted)), key=lambda f: f.role != "primary")
    if not match:
        names = ", ".join(f.name for f in manifest.files)
        return JSONResponse({"detail": f"this {manifest.modality} render has no {format} file; it has: {names}",
                             "id": manifest.id}, status_code=422)
    file = match[0]
    resp = _file_response(store.file_path(manifest.id, file.name), file.media_type, file.name)
    resp.headers["X-Atelier-Render-Id"] = manifest.id
    return resp


def _sse(event: str, data: Any) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


async def _stream(job: _Job, limiter):
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue = asyncio.Queue()
    cancel = threading.Event()

    def progress(event: str, data: dict) -> None:
        loop.call_soon_threadsafe(queue.put_nowait, (event, data))

    task = asyncio.ensure_future(anyio.to_thread.run_sync(job, progress, cancel, limiter=limiter))
    try:
        async for chunk in _events(queue, task):
            yield chunk
    finally:
        # Reached early only when the client went away (the response is cancelled): stop the render's work.
        if not task.done():
            cancel.set()
            task.add_done_callback(lambda t: t.cancelled() or t.exception())  # the job's Cancelled, retrieved


async def _events(queue: asyncio.Queue, task: asyncio.Future):
    while True:
        getter = asyncio.ensure_future(queue.get())
        done, _ = await asyncio.wait({getter, task}, return_when=asyncio.FIRST_COMPLETED)
        if getter in done:
            event, data = getter.result()
            if event != "manifest":  # sent below, once the render is stored
                yield _sse(event, data)
            continue
        getter.cancel()
        while not queue.empty():
            event, data = queue.get_nowait()
            if event != "manifest":
                yield _sse(event, data)
        break
    exc = task.exception()
    if exc is not None:
        status, detail = _error(exc)
        yield _sse("error", {"status": status, "detail": detail})
    else:
        yield _sse("manifest", task.result().model_dump(mode="json"))


@router.get("/renders", response_model=list[Manifest], summary="List recent renders, newest first")
async def list_renders(store: StoreDep, limit: Annotated[int, Query(ge=1, le=500)] = 50):
    return store.list(limit)


@router.get("/render/{render_id}", response_model=Manifest, summary="A render's manifest",
            responses={404: {"description": "No such render"}})
async def get_render(render_id: str, store: StoreDep):
    manifest = store.get(render_id)
    if manifest is None:
        raise NotFound(f"no render with id '{render_id[:40]}'")
    return manifest


@router.get("/render/{render_id}/{name}", summary="One file of a render",
            responses={404: {"description": "No such render or file"}}, response_class=Response)
async def get_render_file(render_id: str, name: str, store: StoreDep,
                          download: Annotated[bool, Query(description="Ask the browser to save the file")] = False):
    path = store.file_path(render_id, name)
    if path is None:
        raise NotFound(f"render '{render_id[:40]}' has no file '{name[:80]}'")
    manifest = store.get(render_id)
    media = next((f.media_type for f in manifest.files if f.name == name), "application/json")
    return _file_response(path, media, name, download)
