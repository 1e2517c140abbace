"""SVG to PNG with resvg, using exactly the font files the layout engine measured with."""

from __future__ import annotations

import resvg_py


def rasterise(svg: str, font_files: list[str], zoom: float | None = None) -> bytes:
    """PNG bytes of an SVG. System fonts are skipped, so the PNG can only use the faces the layout measured."""
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, font_files=font_files, skip_system_fonts=True, zoom=zoom))
