"""The API documentation at /docs and /redoc, served from the Swagger UI and ReDoc files that the installed
`fastapi-offline` package ships, so the page loads nothing from a CDN."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse

from ..errors import NotFound

router = APIRouter(include_in_schema=False)
_STATIC = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css",
           "redoc.standalone.js": "text/javascript", "favicon.png": "image/png"}


@router.get("/docs")
async def swagger(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(openapi_url="/openapi.json", title="Atelier API",
                               swagger_js_url="/docs-static/swagger-ui-bundle.js",
                               swagger_css_url="/docs-static/swagger-ui.css",
                               swagger_favicon_url="/docs-static/favicon.png")


@router.get("/redoc")
async def redoc(request: Request) -> HTMLResponse:
    return get_redoc_html(openapi_url="/openapi.json", title="Atelier API",
                          redoc_js_url="/docs-static/redoc.standalone.js",
                          redoc_favicon_url="/docs-static/favicon.png", with_google_fonts=False)


@router.get("/docs-static/{name}")
async def static(name: str) -> FileResponse:
    if name not in _STATIC:
        raise NotFound(f"no documentation file '{name[:80]}'")
    path = resources.files("fastapi_offline").joinpath("static", name)
    return FileResponse(str(path), media_type=_STATIC[name], headers={"Cache-Control": "public, max-age=86400"})
