"""/render: make a render (JSON, a file's bytes, or a stream of progress events), read renders and their files.

The route speaks HTTP (streams, time limits, clients that hang up); the rendering itself is the render service's.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from modalities import registry
from models.planners.base import Cancelled

from ..deps import RendersDep, SettingsDep, StoreDep, public_base
from ..errors import NotFound, RenderTimeout, failure_answer
from ..files import file_response, stored_file_redirect
from ..gate import Busy
from ..manifest import Manifest
from ..pipeline import RenderRequest
from ..security import require_token
from ..service import RenderService, Ticket

router = APIRouter(tags=["render"], dependencies=[Depends(require_token)],
                   responses={401: {"description": "An API token is configured and the request has not got it"}})


def _formats_enum(schema: dict[str, Any]) -> None:
    for branch in schema.get("anyOf", [schema]):
        if branch.get("type") == "string":
            branch["enum"] = registry.formats()


@router.post(
    "/render",
    response_model=Manifest,
    summary="Render a request",
    description="Plans and renders the request. Returns the manifest; with `?format=` the file of that type; with "
    "`Accept: text/event-stream` a stream of progress events (`plan`, `render`, `file`) ending in `manifest` "
    "(or `error`).",
    responses={
        200: {"description": "The manifest; with ?format= the file itself; with Accept: text/event-stream, events",
              "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
                          "text/event-stream": {"schema": {"type": "string"}}}},
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
    renders: RendersDep,
    format: Annotated[str | None, Query(description="Return this file type's bytes instead of the manifest.",
                                        json_schema_extra=_formats_enum)] = None,
):
    if format is not None and format not in registry.formats():
        return JSONResponse({"detail": f"unknown format '{format[:20]}'; known formats: "
                                       f"{', '.join(registry.formats())}"}, status_code=422)
    try:
        run = _Running(renders, body, public_base(request), settings.render_timeout_s)
    except Busy as busy:
        return JSONResponse({"detail": str(busy)}, status_code=429, headers={"Retry-After": str(busy.retry_after)})
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
    kinds = registry.spec(manifest.modality).files
    if any(any(k.format == format and k.matches(name) for k in kinds) for name in manifest.pending):
        # The file is made after the answer (a deck's PDF): this request asked for it, so it waits for it.
        manifest = await _with_pending(renders, store, manifest, run.time_left())
    match = sorted((f for f in manifest.files if any(k.format == format and k.matches(f.name) for k in kinds)),
                   key=lambda f: f.role != "primary")
    if not match:
        names = ", ".join(f.name for f in manifest.files)
        return JSONResponse({"detail": f"this {manifest.modality} render has no {format} file; it has: {names}",
                             "id": manifest.id}, status_code=422)
    file = match[0]
    path = await asyncio.to_thread(store.file_path, manifest.id, file.name)  # a store query: off the event loop
    resp = file_response(path, file.media_type, file.name)
    resp.headers["X-Atelier-Render-Id"] = manifest.id
    return resp


async def _with_pending(renders: RenderService, store, manifest: Manifest, limit_s: float) -> Manifest:
    """The render's manifest once its pending files are made (or given up), waiting at most `limit_s`."""
    done = renders.settling(manifest.id)
    deadline = time.monotonic() + max(limit_s, 0)
    while done is not None and not done.is_set() and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    return await asyncio.to_thread(store.get, manifest.id) or manifest


def _sse(event: str, data: Any) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


class _Running:
    """A render admitted by the service: its progress events, its result, and the ways it stops early (the client
    hung up, or it ran past the time limit, counted from when a worker took it)."""

    def __init__(self, renders: RenderService, body: RenderRequest, public_url: str, timeout_s: float):
        self.loop = asyncio.get_running_loop()
        self.queue: asyncio.Queue = asyncio.Queue()
        self.timeout_s = timeout_s
        self.ticket: Ticket = renders.submit(body, public_url=public_url, progress=self._progress)
        self.task = asyncio.wrap_future(self.ticket.future)
        # A render stopped early still ends with an exception; retrieve it so it is not reported as unhandled.
        self.task.add_done_callback(lambda t: t.cancelled() or t.exception())
        self._started_at: float | None = None

    def _progress(self, event: str, data: dict) -> None:
        self.loop.call_soon_threadsafe(self.queue.put_nowait, (event, data))

    def _stop(self) -> None:
        self.ticket.cancel.set()  # the job raises Cancelled at its next progress report or model call

    def time_left(self) -> float:
        """Seconds of the time limit this render has not used (the same limit covers waiting for its pending files)."""
        return max(self._left(), 0.0)

    def _left(self) -> float:
        """Seconds left before the time limit; the clock starts when a worker takes the job, not in the queue."""
        if not self.ticket.started.is_set():
            return self.timeout_s
        if self._started_at is None:
            self._started_at = self.loop.time()
        return self._started_at + self.timeout_s - self.loop.time()

    async def result(self, request: Request) -> Manifest:
        """The manifest; polls for a client that hangs up, and gives up at the time limit."""
        while True:
            left = self._left()
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
                left = self._left()
                done, _ = await asyncio.wait({getter, self.task}, timeout=max(min(left, 0.5), 0),
                                             return_when=asyncio.FIRST_COMPLETED)
                if getter in done:
                    event, data = getter.result()
                    yield _sse(event, data)
                    continue
                getter.cancel()
                if not done:
                    if self._left() > 0:
                        continue
                    self._stop()  # the time limit passed
                    status, detail = failure_answer(RenderTimeout())
                    yield _sse("error", {"status": status, "detail": detail})
                    return
                while not self.queue.empty():
                    event, data = self.queue.get_nowait()
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
def list_renders(store: StoreDep, limit: Annotated[int, Query(ge=1, le=500)] = 50):
    return store.list(limit)


@router.get("/render/{render_id}", response_model=Manifest, summary="A render's manifest",
            responses={404: {"description": "No such render"}})
def get_render(render_id: str, store: StoreDep):
    manifest = store.get(render_id)
    if manifest is None:
        raise NotFound(f"no render with id '{render_id[:40]}'")
    return manifest


@router.get("/render/{render_id}/{name}", summary="One file of a render",
            responses={404: {"description": "No such render or file"}}, response_class=Response)
def get_render_file(render_id: str, name: str, store: StoreDep,
                    download: Annotated[bool, Query(description="Ask the browser to save the file")] = False):
    if not download and (redirect := stored_file_redirect(store, render_id, name)) is not None:
        return redirect  # files in S3 with presigned downloads: the client fetches them from the bucket
    path = store.file_path(render_id, name)
    manifest = store.get(render_id) if path is not None else None
    if path is None or manifest is None:
        raise NotFound(f"render '{render_id[:40]}' has no file '{name[:80]}'")
    media = next((f.media_type for f in manifest.files if f.name == name), "application/json")
    return file_response(path, media, name, download)


@router.delete("/render/{render_id}", status_code=204, summary="Delete a render and its files",
               responses={404: {"description": "No such render"}}, response_class=Response)
def delete_render(render_id: str, store: StoreDep):
    if not store.delete(render_id):
        raise NotFound(f"no render with id '{render_id[:40]}'")
    return Response(status_code=204)
