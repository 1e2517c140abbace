"""deck.pdf through headless LibreOffice, when it is installed: made after the deck is answered (`make_pdf`, a
pending file), because LibreOffice takes about a second for ten slides (more when busy) while the PPTX and its
previews are ready in about a tenth of that. The server makes it in the background; the CLI right away.

Each conversion gets its own LibreOffice profile folder: two `soffice` processes sharing a profile fail silently,
and renders run in parallel.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_S = 120


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


class PdfFailed(Exception):
    """LibreOffice could not make the PDF; the message says why (it becomes the render's `pdf_skipped` warning)."""


def make_pdf(folder: Path, browser: object = None) -> dict:
    """The pending file's maker: deck.pdf from the deck.pptx in `folder` (a `PendingFile.make`)."""
    pdf, why = convert_to_pdf(folder / "deck.pptx")
    if pdf is None:
        raise PdfFailed(why)
    return {}


def convert_to_pdf(pptx: Path) -> tuple[Path | None, str]:
    """Writes the PDF next to the deck; returns (path, "") or (None, why it was skipped)."""
    exe = soffice()
    if exe is None:
        return None, "LibreOffice is not installed, so no PDF was made (scripts/setup.sh installs libreoffice-impress)"
    with tempfile.TemporaryDirectory(prefix="atelier-lo-") as profile, tempfile.TemporaryDirectory(
        prefix="atelier-pdf-"
    ) as outdir:
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nolockcheck",
               "--convert-to", "pdf", "--outdir", outdir, str(pptx)]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            return None, f"LibreOffice did not finish converting the deck within {TIMEOUT_S} s"
        produced = Path(outdir) / (pptx.stem + ".pdf")
        if proc.returncode != 0 or not produced.is_file():
            err = (proc.stderr or proc.stdout).decode(errors="replace").strip()[:200]
            return None, f"LibreOffice could not convert the deck: {err or 'no output'}"
        target = pptx.with_suffix(".pdf")
        shutil.move(str(produced), target)
        return target, ""
