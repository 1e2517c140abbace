"""deck.pdf through headless LibreOffice, when it is installed, drawn as the previews are, and made after the deck is
answered (`make_pdf`, a pending file): LibreOffice takes about a second for ten slides (more when busy) while the
PPTX and its previews are ready in about a tenth of that. The server makes it in the background; the CLI right away.

LibreOffice adds its own space between Chinese and Latin characters ("Apply spacing between Asian and non-Asian
text", on by default in Impress; a PPTX cannot turn it off), which doubles the spaces of "在 3 個" and moves line
breaks away from the ones the layout computed. So the deck is not converted with `--convert-to`: a small Basic
macro, installed in the conversion's own LibreOffice profile, opens the deck, turns that spacing off on every
paragraph (text boxes and table cells) and exports the PDF, in one LibreOffice process.

Each conversion gets its own profile folder (copied from one prepared per process): two `soffice` processes
sharing a profile fail silently, and renders run in parallel.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

TIMEOUT_S = 120
log = logging.getLogger(__name__)

# The macro. On any error it still quits, so a bad deck cannot leave LibreOffice waiting on a dialog.
MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Convert(inUrl As String, outUrl As String)
  On Error GoTo Failed
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(inUrl, &quot;_blank&quot;, 0, args())
  pages = doc.getDrawPages()
  For i = 0 To pages.getCount() - 1
    page = pages.getByIndex(i)
    For j = 0 To page.getCount() - 1
      FixShape(page.getByIndex(j))
    Next
  Next
  Dim out(0) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot;
  out(0).Value = &quot;impress_pdf_Export&quot;
  doc.storeToURL(outUrl, out())
  doc.close(True)
Failed:
  StarDesktop.terminate()
End Sub

Sub FixShape(shape)
  If shape.supportsService(&quot;com.sun.star.drawing.TableShape&quot;) Then
    tbl = shape.Model
    For r = 0 To tbl.Rows.Count - 1
      For c = 0 To tbl.Columns.Count - 1
        FixText(tbl.getCellByPosition(c, r))
      Next
    Next
  ElseIf shape.supportsService(&quot;com.sun.star.drawing.Text&quot;) Then
    FixText(shape)
  End If
End Sub

Sub FixText(obj)
  en = obj.getText().createEnumeration()
  While en.hasMoreElements()
    p = en.nextElement()
    p.ParaIsCharacterDistance = False
  Wend
End Sub
</script:module>
"""

_profile_lock = threading.Lock()
_profile: Path | None = None


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _base_command(exe: str, profile: Path) -> list[str]:
    return [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck"]


def prepared_profile(exe: str) -> Path:
    """A LibreOffice profile with the conversion macro in its Standard library, made once per process.

    LibreOffice fills a new profile from its presets on first start (overwriting a library put there before), so
    the profile is started once empty, and the macro is written into it afterwards."""
    global _profile
    with _profile_lock:
        if _profile is not None and (_profile / "user" / "basic" / "Standard" / "Module1.xba").is_file():
            return _profile
        folder = Path(tempfile.mkdtemp(prefix="atelier-lo-profile-"))
        subprocess.run([*_base_command(exe, folder), "--terminate_after_init"], capture_output=True,
                       timeout=TIMEOUT_S, check=False)
        module = folder / "user" / "basic" / "Standard" / "Module1.xba"
        if not module.parent.is_dir():
            raise RuntimeError("LibreOffice did not create its profile")
        module.write_text(MACRO, encoding="utf-8")
        _profile = folder
        return folder


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
    try:
        template = prepared_profile(exe)
    except (OSError, RuntimeError, subprocess.TimeoutExpired):
        log.exception("could not prepare a LibreOffice profile")
        return None, "LibreOffice could not start, so no PDF was made"
    with tempfile.TemporaryDirectory(prefix="atelier-pdf-") as work:
        folder = Path(work)
        profile = folder / "profile"
        shutil.copytree(template, profile)
        # Fixed, plain names: the macro's arguments are URLs inside a command-line string.
        source, target = folder / "deck.pptx", folder / "deck.pdf"
        shutil.copyfile(pptx, source)
        call = f'macro:///Standard.Module1.Convert("{source.as_uri()}","{target.as_uri()}")'
        try:
            proc = subprocess.run([*_base_command(exe, profile), call], capture_output=True, timeout=TIMEOUT_S,
                                  check=False)
        except subprocess.TimeoutExpired:
            return None, f"LibreOffice did not finish converting the deck within {TIMEOUT_S} s"
        if proc.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
            err = (proc.stderr or proc.stdout).decode(errors="replace").strip()[:200]
            return None, f"LibreOffice could not convert the deck: {err or 'no output'}"
        out = pptx.with_suffix(".pdf")
        shutil.move(str(target), out)
        return out, ""
