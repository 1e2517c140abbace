"""The home page (the canvas app when it is built; until then a page that explains the API), its static files,
and /healthz."""

from __future__ import annotations

from html import escape
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from modalities import registry

router = APIRouter()

FRONTEND_DIST = Path(__file__).resolve().parents[2] / "frontend" / "dist"
STATIC_PREFIX = "/static"  # the app is built with this base (frontend/vite.config.ts)

# The canvas page may talk to Atelier only: scripts, styles, fonts, pictures and frames from this origin (plus the
# data:/blob: URLs Excalidraw makes in the page), so not even a bug or a pasted link can make it reach another host.
# Answers made by a model are shown in frames of /embed pages, which carry their own, stricter policy.
APP_CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
           "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' data: blob:; frame-src 'self'; "
           "worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'")


class AppStatic(StaticFiles):
    """The built app's files. Vite names its bundles by content hash, so those are cached for good."""

    def __init__(self, directory: Path):
        super().__init__(directory=directory, check_dir=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        immutable = "/assets/" in scope["path"]

        async def send_with_cache(message):
            if message["type"] == "http.response.start" and message.get("status") == 200:
                headers = list(message.get("headers", []))
                cache = b"public, max-age=31536000, immutable" if immutable else b"public, max-age=3600"
                headers.append((b"cache-control", cache))
                message = {**message, "headers": headers}
            await send(message)

        await super().__call__(scope, receive, send_with_cache)


def app_static() -> AppStatic:
    return AppStatic(FRONTEND_DIST)

_HOME = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Atelier</title>
<style>
body {{ font: 16px/1.55 system-ui, "Noto Sans", "Noto Sans CJK TC", sans-serif; max-width: 760px; margin: 48px auto;
       padding: 0 20px; color: #1f2430; }}
code, pre {{ background: #f3f5f9; border-radius: 6px; padding: 2px 6px; }}
pre {{ padding: 12px 14px; overflow: auto; }}
a {{ color: #2f5bea; }}
li {{ margin: 4px 0; }}
</style></head>
<body>
<h1>Atelier</h1>
<p>Atelier turns a request into a visual answer: a slide deck, an infographic, a whiteboard, an interactive widget
or an image. This server answers over HTTP; the interactive API documentation is at <a href="/docs">/docs</a>.</p>
<h2>Try it</h2>
<pre>curl -s http://{host}/render -H 'content-type: application/json' \\
  -d '{{"prompt": "A deck about remote work",
       "content": "# Remote work\\n## Why\\nFewer commutes.\\n## How\\n- Core hours\\n- Async updates"}}'</pre>
<ul>
<li><code>POST /render</code>: JSON <code>{{prompt, content?, data?, modality?, theme?, plan?}}</code>; returns the
manifest.
Add <code>?format=pptx|png|svg|html|excalidraw</code> for the file itself, or <code>Accept: text/event-stream</code>
for progress events.</li>
<li><code>GET /render/{{id}}</code> and <code>GET /render/{{id}}/{{file}}</code>: a render and its files.</li>
<li><code>GET /renders</code>: recent renders.</li>
<li>Modalities: {modalities}.</li>
</ul>
</body></html>
"""


@router.get("/", include_in_schema=False)
async def home(request: Request):
    index = FRONTEND_DIST / "index.html"
    if index.is_file():
        resp = FileResponse(index, media_type="text/html")
        resp.headers["Cache-Control"] = "no-cache"
        resp.headers["Content-Security-Policy"] = APP_CSP
        return resp
    host = escape(request.headers.get("host", "127.0.0.1:8000"))
    modalities = ", ".join(registry.names())
    return HTMLResponse(_HOME.format(host=host, modalities=modalities))


@router.get("/healthz", tags=["health"], summary="Readiness: 200 while the server can render, 503 when it cannot",
            responses={503: {"description": "The server runs but cannot render (its workers are gone)"}})
def healthz(request: Request):
    ready = request.app.state.renders.ready
    body = {"status": "ok" if ready else "unavailable", "ready": ready, "renders": request.app.state.store.count()}
    return JSONResponse(body, status_code=200 if ready else 503)
