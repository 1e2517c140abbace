"""/render: make a render (JSON, a file's bytes, or a stream of progress events), read renders and their files."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from typing import Annotated, Any, Literal

import anyio
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from models.planners.base import Cancelled
from renderers.base import LaterFile, PageCapture, RenderWarning

from ..embedding import embed_info
from ..errors import NotFound, RenderTimeout, failure_answer
from ..files import file_response
from ..gate import LaterQueue, RenderGate
from ..manifest import FileInfo, Manifest
from ..pipeline import RenderRequest
from ..security import require_token
from ..deps import SettingsDep, StoreDep
from ..store import Store
from ..workers import Job, RenderPool
from .embed import public_base

router = APIRouter(tags=["render"], dependencies=[Depends(require_token)],
                   responses={401: {"description": "An API token is configured and the request has not got it"}})

FORMATS = {"pptx": ".pptx", "png": ".png", "svg": ".svg", "html": ".html", "excalidraw": ".excalidraw", "pdf": ".pdf"}


class _Job:
    """One render into the store: a work folder, the render in a worker process, the commit; the folder is discarded
    on any failure. Slow extras (widget previews) are made afterwards on the server's `later` worker with its
    browser, so the answer is not held up."""

    def __init__(self, store: Store, pool: RenderPool, body: RenderRequest, browser: PageCapture,
                 public_url: str, later_pool: LaterQueue):
        self.store, self.pool, self.body = store, pool, body
        self.browser, self.public_url, self.later_pool = browser, public_url, later_pool

    def __call__(self, progress=None, cancel: threading.Event | None = None) -> Manifest:
        render_id, workdir = self.store.workdir()
        job = Job(self.body, workdir, render_id, f"/render/{render_id}/", self.public_url)
        try:
            manifest, later = self.pool.run(job, progress or (lambda e, d: None), cancel or threading.Event())
            self.store.commit(render_id, workdir, manifest)
        except BaseException:
            self.store.discard(workdir)
            raise
        if later:
            if not self.later_pool.offer(make_later, self.store, render_id, later, self.public_url, self.browser):
                # Extras are the first thing to give up under load: the render stands without its preview.
                busy = [RenderWarning(code="preview_skipped", where=item.name,
                                      detail="the server was too busy to draw it; render again later for one")
                        for item in later]
                manifest = self.store.revise(render_id, lambda m: _drop_pending(m, busy)) or manifest
        return manifest


def _drop_pending(manifest: Manifest, warnings: list[RenderWarning]) -> None:
    manifest.warnings.extend(warnings)
    manifest.pending = []


def make_later(store: Store, render_id: str, later: list[LaterFile], public_url: str, browser: PageCapture) -> None:
    """Makes a stored render's pending files and records them, or why they could not be made."""
    folder = store.renders / render_id
    made: list[FileInfo] = []
    details: dict = {}
    warnings: list[RenderWarning] = []
    for item in later:
        try:
            details.update(item.make(folder, browser))
            made.append(FileInfo(name=item.name, media_type=item.media_type, role=item.role,
                                 bytes=(folder / item.name).stat().st_size, url=f"/render/{render_id}/{item.name}"))
        except Exception as exc:  # noqa: BLE001 - a missing extra is a warning on the render, never a failure
            if not folder.exists():
                return  # deleted meanwhile
            warnings.append(RenderWarning(code="preview_skipped", where=item.name, detail=str(exc)[:300]))

    def change(manifest: Manifest) -> None:
        manifest.files.extend(made)
        manifest.details.update(details)
        manifest.warnings.extend(warnings)
        manifest.pending = [name for name in manifest.pending if name not in {i.name for i in later}]
        if public_url and manifest.embed is not None:  # the preview measured the page: size the snippets by it
            manifest.embed = embed_info(manifest, folder, public_url)

    store.revise(render_id, change)


@router.post(
    "/render",
    response_model=Manifest,
    summary="Render a request",
    description="Plans and renders the request. Returns the manifest; with `?format=` the file of that type; with "
    "`Accept: text/event-stream` a stream of progress events (`plan`, `render`, `file`) ending in `manifest` "
    "(or `error`).",
    responses={
        200: {"description": "The manifest; with ?format= the file itself; with Accept: text/event-stream, events",
              "content": {media: {"schema": {"type": "string", "format": "binary"}} for media in (
                  "application/vnd.openxmlformats-officedocument.presentationml.presentation", "image/png",
                  "image/svg+xml", "text/html", "application/vnd.excalidraw+json", "application/pdf",
                  "text/event-stream")}},
        413: {"description": "Body or content over the limit"}, 422: {"description": "Invalid request"},
        429: {"description": "Busy: every worker and queue place is taken; see Retry-After"},
        499: {"description": "The client went away and the render was cancelled"},
        503: {"description": "A part the render needs is missing on the server (a font, Graphviz)"},
        504: {"description": "The render ran past the time limit"},
    },
)
async def create_render(
    body: RenderRequest,
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    format: Annotated[Literal["pptx", "png", "svg", "html", "excalidraw", "pdf"] | None,
                      Query(description="Return this file type's bytes instead of the manifest.")] = None,
):
    gate: RenderGate = request.app.state.gate
    if not gate.try_enter():
        wait = gate.retry_after()
        return JSONResponse({"detail": f"the server is busy with other renders; try again in about {wait} s"},
                            status_code=429, headers={"Retry-After": str(wait)})
    job = _Job(store, request.app.state.pool, body, request.app.state.browser, public_base(request),
               request.app.state.later)
    run = _Running(job, gate, settings.render_timeout_s)
    if "text/event-stream" in request.headers.get("accept", "") and format is None:
        return StreamingResponse(run.events(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
    try:
        manifest = await run.result(request)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a clear answer
        status, detail = failure_answer(exc)
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
    resp = file_response(store.file_path(manifest.id, file.name), file.media_type, file.name)
    resp.headers["X-Atelier-Render-Id"] = manifest.id
    return resp


def _sse(event: str, data: Any) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


class _Running:
    """A render admitted by the gate, running in a worker thread: its progress events, its result, and the ways it
    stops early (the client hung up, or it ran past the time limit)."""

    def __init__(self, job: _Job, gate: RenderGate, timeout_s: float):
        self.loop = asyncio.get_running_loop()
        self.queue: asyncio.Queue = asyncio.Queue()
        self.cancel = threading.Event()
        self.timeout_s = timeout_s
        started = time.monotonic()
        self.task = asyncio.ensure_future(anyio.to_thread.run_sync(job, self._progress, self.cancel,
                                                                   limiter=gate.limiter))
        self.task.add_done_callback(lambda t: gate.leave(time.monotonic() - started))
        # A render stopped early still ends with an exception; retrieve it so it is not reported as unhandled.
        self.task.add_done_callback(lambda t: t.cancelled() or t.exception())
        self.deadline = self.loop.time() + timeout_s

    def _progress(self, event: str, data: dict) -> None:
        self.loop.call_soon_threadsafe(self.queue.put_nowait, (event, data))

    def _stop(self) -> None:
        self.cancel.set()  # the job raises Cancelled at its next progress report or model call

    async def result(self, request: Request) -> Manifest:
        """The manifest; polls for a client that hangs up, and gives up at the time limit."""
        while True:
            left = self.deadline - self.loop.time()
            if left <= 0:
                self._stop()
                raise RenderTimeout()
            done, _ = await asyncio.wait({self.task}, timeout=min(0.5, left))
            if done:
                return self.task.result()
            if await request.is_disconnected():
                self._stop()
                raise Cancelled()

    async def events(self):
        try:
            while True:
                getter = asyncio.ensure_future(self.queue.get())
                left = self.deadline - self.loop.time()
                done, _ = await asyncio.wait({getter, self.task}, timeout=max(left, 0),
                                             return_when=asyncio.FIRST_COMPLETED)
                if getter in done:
                    event, data = getter.result()
                    if event != "manifest":  # sent below, once the render is stored
                        yield _sse(event, data)
                    continue
                getter.cancel()
                if not done:  # the time limit passed
                    self._stop()
                    status, detail = failure_answer(RenderTimeout())
                    yield _sse("error", {"status": status, "detail": detail})
                    return
                while not self.queue.empty():
                    event, data = self.queue.get_nowait()
                    if event != "manifest":
                        yield _sse(event, data)
                break
            exc = self.task.exception()
            if exc is not None:
                status, detail = failure_answer(exc)
                yield _sse("error", {"status": status, "detail": detail})
            else:
                yield _sse("manifest", self.task.result().model_dump(mode="json"))
        finally:
            # Reached early only when the client went away (the response is cancelled): stop the render's work.
            if not self.task.done():
                self._stop()


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
    return file_response(path, media, name, download)


@router.delete("/render/{render_id}", status_code=204, summary="Delete a render and its files",
               responses={404: {"description": "No such render"}}, response_class=Response)
async def delete_render(render_id: str, store: StoreDep):
    if not await anyio.to_thread.run_sync(store.delete, render_id):
        raise NotFound(f"no render with id '{render_id[:40]}'")
    return Response(status_code=204)
