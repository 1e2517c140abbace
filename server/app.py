"""The FastAPI application factory."""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.middleware.cors import CORSMiddleware

from .errors import UserError
from .gate import RenderGate
from .limits import BodySizeLimit
from .routes import docs, pages, render
from .security import SecurityHeaders
from .settings import Settings, get_settings
from .store import Store

def _readable(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        loc = ".".join(str(x) for x in err.get("loc", ()) if x != "body")
        parts.append(f"{loc or 'body'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.store = Store(settings.data_dir)
        app.state.gate = RenderGate(settings.render_workers, settings.render_queue)
        if settings.image_model and settings.image_preload:  # in the background: the server answers meanwhile
            from .pipeline import warm_images

            threading.Thread(target=warm_images, args=(settings,), name="atelier-image-preload", daemon=True).start()
        yield

    app = FastAPI(
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
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST", "DELETE"],
                           allow_headers=["authorization", "content-type", "accept"], max_age=600)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app
