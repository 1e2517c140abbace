"""SVG to PNG with resvg, using exactly the font files the layout engine measured with."""

from __future__ import annotations

import re
from typing import Protocol

import resvg_py

# Han, kana, hangul, CJK punctuation and full-width forms: the characters only the CJK faces draw.
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


class FontFiles(Protocol):
    """Faces a drawing was measured with, as font files (a theme's `Typography`, a whiteboard's `BoardFonts`)."""

    def faces(self, include_cjk: bool = True) -> list[str]: ...


def rasterise(svg: str, typography: FontFiles | None = None, zoom: float | None = None) -> bytes:
    """PNG bytes of an SVG. System fonts are skipped, so the PNG can only use the faces the layout measured; the
    CJK faces (large collections, slow to load) are loaded only when the SVG has CJK text."""
    files = typography.faces(include_cjk=_CJK.search(svg) is not None) if typography else []
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, font_files=files, skip_system_fonts=True, zoom=zoom))
