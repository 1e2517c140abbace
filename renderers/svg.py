"""SVG writing helpers shared by the infographic, chart and whiteboard writers.

Everything the plan says goes through `esc`, so model-written text can never become markup; SVG produced here
has no scripts, no event attributes and no external references (pictures are embedded as data: URLs).
"""

from __future__ import annotations

import base64
from xml.sax.saxutils import escape, quoteattr

from .layout.fit import TextLayout
from .layout.fonts import FontStack
from .layout.text import font_runs, measure, measure_run

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


def text_runs(text: str, x: float, baseline: float, stack: FontStack, size: float, color: str,
              anchor: str = "start", italic: bool = False) -> str:
    """One line of text as one <text> per font run, each naming only the face that draws it.

    resvg resolves weights wrongly when a single <text> mixes families that need per-character fallback (bold
    Latin after Chinese comes out regular), so each run is placed on its own at the x the layout engine measured.
    """
    if anchor != "start":
        width = measure(text, stack, size)
        x -= width / 2 if anchor == "middle" else width
    out = []
    for face, run in font_runs(text, stack):
        lead = len(run) - len(run.lstrip(" "))
        if lead:  # XML collapses leading spaces: advance past them instead
            x += measure_run(face, run[:lead], size)
            run = run[lead:]
        if run:
            weight = ' font-weight="700"' if face.bold else ""
            style = ' font-style="italic"' if italic else ""
            out.append(
                f'<text x="{x:.1f}" y="{baseline:.1f}" font-family="\'{face.family}\'" font-size="{size:.1f}"{weight}'
                f'{style} fill="{color}">{esc(run)}</text>'
            )
            x += measure_run(face, run, size)
    return "".join(out)


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
) -> str:
    """Every laid-out line at the position the layout engine computed (top of the box at y)."""
    anchor = {"left": "start", "center": "middle", "right": "end"}[align]
    out = []
    for laid in layout.paras:
        stack = bold if laid.para.bold else regular
        line_h = laid.size * layout.line_spacing
        if align == "left":
            tx = x + laid.indent
        elif align == "center":
            tx = x + laid.indent + (width - laid.indent) / 2
        else:
            tx = x + width
        for n, line in enumerate(laid.lines):
            if line:
                baseline = y + laid.top + n * line_h + line_h / 2 + _BASELINE_EM * laid.size
                out.append(text_runs(line, tx, baseline, stack, laid.size, color, anchor, italic))
    return "".join(out)


def png_data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
