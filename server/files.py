"""Serving a render's files on Atelier's own origin, where none of them may act with Atelier's privileges."""

from __future__ import annotations

from fastapi.responses import FileResponse, RedirectResponse

# Files from a render are shown on Atelier's own origin, so none of them may run with its privileges:
# `sandbox` gives each an opaque origin (no cookies, no storage, no same-origin requests) and nothing may load.
FILE_CSP = {
    "text/html": "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                 "img-src data:; font-src data:; connect-src 'none'",
}
DEFAULT_FILE_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"


def file_response(path, media_type: str, filename: str, download: bool = False) -> FileResponse:
    disposition = "attachment" if download else "inline"
    resp = FileResponse(path, media_type=media_type, content_disposition_type=disposition, filename=filename)
    resp.headers["Content-Security-Policy"] = FILE_CSP.get(media_type, DEFAULT_FILE_CSP)
    resp.headers["X-Content-Type-Options"] = "nosniff"
    return resp


def stored_file_redirect(store, render_id: str, name: str) -> RedirectResponse | None:
    """A redirect to where the file can be downloaded directly (a presigned S3 URL, when the store makes them and
    ATELIER_FILES_PRESIGN_S is set); None: the server sends the file itself."""
    link = getattr(store, "file_link", None)
    url = link(render_id, name) if link is not None else None
    return RedirectResponse(url, status_code=307) if url else None
