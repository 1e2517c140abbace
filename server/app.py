"""The FastAPI application factory."""

from __future__ import annotations

from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from .errors import UserError
from .limits import BodySizeLimit
from .boards import Boards
from .browser import WarmBrowser
from .routes import boards, config, embed, pages, render
from .settings import Settings, get_settings
from .store import Store

_PAGE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


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
        app.state.boards = Boards(app.state.store.db_path)
        app.state.limiter = anyio.CapacityLimiter(settings.render_workers)
        app.state.browser = WarmBrowser(settings.chromium)  # started by the first widget preview, not here
        yield
        await anyio.to_thread.run_sync(app.state.browser.close)

    app = FastAPI(
        title="Atelier",
        version="0.1.0",
        summary="Renders answers as decks, infographics, whiteboards, widgets and images.",
        lifespan=lifespan,
    )
    app.state.settings = settings

    @app.exception_handler(UserError)
    async def user_error(request: Request, exc: UserError):
        return JSONResponse({"detail": exc.message}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        return JSONResponse({"detail": _readable(exc)}, status_code=422)

    @app.middleware("http")
    async def page_headers(request: Request, call_next):
        response = await call_next(request)
        for k, v in _PAGE_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    app.include_router(pages.router)
    app.include_router(render.router)
    app.include_router(embed.router)
    app.include_router(boards.router)
    app.include_router(config.router)
    app.mount(pages.STATIC_PREFIX, pages.app_static(), name="static")
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    return app
