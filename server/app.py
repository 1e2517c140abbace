"""The FastAPI application factory."""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from typing import Any

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from starlette.middleware.cors import CORSMiddleware

from modalities import registry
from renderers.base import media_type

from .boards import Boards
from .browser import WarmBrowser
from .errors import UserError
from .gate import RenderGate
from .limits import RequestBodyLimits
from .mcp.http import McpEndpoint
from .pending import PendingQueue
from .routes import boards, config, docs, embed, pages, render, session
from .security import CrossSiteRefusal, SecurityHeaders
from .service import RenderService
from .settings import Settings, get_settings
from .store import Store
from .workers import WorkerPool


def _readable(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        loc = ".".join(str(x) for x in err.get("loc", ()) if x != "body")
        parts.append(f"{loc or 'body'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)


ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "What was wrong, and what to do about it."}},
    "required": ["detail"],
}


class AtelierAPI(FastAPI):
    """The FastAPI application, whose OpenAPI document describes every error response as what Atelier sends:
    {"detail": "..."} (FastAPI would otherwise document 422 as its own list-of-problems shape)."""

    def openapi(self) -> dict[str, Any]:
        if self.openapi_schema:
            return self.openapi_schema
        schema = get_openapi(title=self.title, version=self.version, summary=self.summary, routes=self.routes)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
        components["Error"] = ERROR_SCHEMA
        # What ?format= answers with: every media type some modality's files have.
        answer = schema["paths"]["/render"]["post"]["responses"]["200"]["content"]
        binary = answer.pop("application/octet-stream")
        for kind in sorted({media_type(k.pattern) for s in registry.specs().values() for k in s.files}):
            answer.setdefault(kind, binary)
        for route, path in schema.get("paths", {}).items():
            # Embed pages answer errors with a page a person sees inside the iframe; the API answers JSON.
            page = route.startswith("/embed/")
            content = ({"text/html": {"schema": {"type": "string"}}} if page else
                       {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}})
            for method, operation in path.items():
                if method in ("post", "put", "patch", "delete"):  # server/security.py's CrossSiteRefusal
                    operation.setdefault("responses", {}).setdefault("403", {
                        "description": "Refused as a possible cross-site request: another Origin, or a POST "
                                       "without JSON, an Authorization or an X-Atelier-Client header"})
                for status, response in operation.get("responses", {}).items():
                    if status.startswith(("4", "5")):
                        response["content"] = content
        self.openapi_schema = schema
        return schema


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if settings.cluster_configured:  # Ray, Postgres or S3: server/cluster builds the parts (imported only then)
            from .cluster.app import cluster_lifespan

            async with cluster_lifespan(app, settings):
                yield
            return
        store = Store(settings.data_dir)
        app.state.store = store
        app.state.boards = Boards(store.db_path)
        # Renders run in worker processes, started in the background: the server answers while they start.
        pool = WorkerPool(settings, settings.render_workers)
        threading.Thread(target=pool.start, name="atelier-workers-start", daemon=True).start()
        # Widget previews are drawn by the server's browser (started by the first one), one at a time, after their
        # render is stored and answered. The backlog absorbs a burst (and Chromium's first start, about a second);
        # under sustained load previews, drawn at a lower priority than renders, are given up when it is full.
        app.state.renders = RenderService(settings, store, pool, pending=PendingQueue(backlog=32),
                                          browser=WarmBrowser(settings.chromium),
                                          gate=RenderGate(settings.render_workers, settings.render_queue))
        if settings.image_model and settings.image_preload:  # in the background: the server answers meanwhile
            from .pipeline import warm_images

            threading.Thread(target=warm_images, args=(settings,), name="atelier-image-preload", daemon=True).start()
        async with app.state.mcp.running(app):
            yield
        await anyio.to_thread.run_sync(app.state.renders.close)

    app = AtelierAPI(
        title="Atelier",
        version="0.1.0",
        summary="Renders answers as decks, infographics, whiteboards, widgets and images.",
        lifespan=lifespan,
        docs_url=None,  # served by routes/docs.py from the installed Swagger UI files, not a CDN
        redoc_url=None,
    )
    app.state.settings = settings

    @app.exception_handler(UserError)
    async def user_error(request: Request, exc: UserError):
        return JSONResponse({"detail": exc.message}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        return JSONResponse({"detail": _readable(exc)}, status_code=422)

    app.include_router(pages.router)
    app.include_router(docs.router)
    app.include_router(render.router)
    app.include_router(embed.router)
    app.include_router(boards.router)
    app.include_router(config.router)
    app.include_router(session.router)
    McpEndpoint.mount(app, settings)
    app.mount(pages.STATIC_PREFIX, pages.app_static(), name="static")
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
                           allow_headers=["authorization", "content-type", "accept"], max_age=600)
    app.add_middleware(RequestBodyLimits, max_bytes=settings.max_body_bytes)
    app.add_middleware(CrossSiteRefusal, public_url=settings.public_url, allowed_origins=settings.cors_origins)
    app.add_middleware(SecurityHeaders)
    return app
