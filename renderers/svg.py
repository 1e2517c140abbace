"""SVG writing helpers shared by the infographic, chart and whiteboard writers.

Everything the plan says goes through `esc`, so model-written text can never become markup; SVG produced here
has no scripts, no event attributes and no external references (pictures are embedded as data: URLs).
"""

from __future__ import annotations

import base64
from xml.sax.saxutils import escape, quoteattr

from .layout.fit import TextLayout
from .layout.fonts import FontStack

# Baseline offset inside a line box, in ems: half the line height plus the centre of Noto's ascent/descent.
_BASELINE_EM = 0.38


def esc(text: str) -> str:
    """Text content for SVG/XML, with characters XML 1.0 forbids removed."""
    cleaned = "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)
    cleaned = "".join(c for c in cleaned if not (0xD800 <= ord(c) <= 0xDFFF) and ord(c) not in (0xFFFE, 0xFFFF))
    return escape(cleaned)


def attr(text: str) -> str:
    """A quoted attribute value."""
    return quoteattr(esc(text))


def font_family(stack: FontStack, fallback: str = "sans-serif") -> str:
    return f"'{stack.latin.family}', '{stack.cjk.family}', {fallback}"


def text_lines(
    layout: TextLayout,
    x: float,
    y: float,
    width: float,
    color: str,
    regular: FontStack,
    bold: FontStack,
    align: str = "left",
    italic: bool = False,
    font_fallback: str = "sans-serif",
) -> str:
    """One <text> per laid-out line, at the positions the layout engine computed (top of the box at y)."""
    anchor = {"left": "start", "center": "middle", "right": "end"}[align]
    out = []
    for laid in layout.paras:
        stack = bold if laid.para.bold else regular
        weight = ' font-weight="700"' if stack.latin.bold else ""
        style = ' font-style="italic"' if italic else ""
        line_h = laid.size * layout.line_spacing
        if align == "left":
            tx = x + laid.indent
        elif align == "center":
            tx = x + laid.indent + (width - laid.indent) / 2
        else:
            tx = x + width
        for n, line in enumerate(laid.lines):
            if not line:
                continue
            baseline = y + laid.top + n * line_h + line_h / 2 + _BASELINE_EM * laid.size
            out.append(
                f'<text x="{tx:.1f}" y="{baseline:.1f}" font-family="{font_family(stack, font_fallback)}" '
                f'font-size="{laid.size:.1f}"{weight}{style} fill="{color}" text-anchor="{anchor}">{esc(line)}</text>'
            )
    return "".join(out)


def png_data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
