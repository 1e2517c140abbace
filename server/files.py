"""Serving a render's files on Atelier's own origin, where none of them may act with Atelier's privileges."""

from __future__ import annotations

from fastapi.responses import FileResponse

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
