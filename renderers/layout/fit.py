"""Fitting text into a box: wrap, then shrink down to the theme's floor, and say when it still does not fit.

The result is the geometry every writer uses (PPTX text boxes, SVG tspans, PNG previews), so what the preview
shows is what the file holds. Splitting content that cannot fit even at the floor (a continued slide, another
column) is the caller's decision; `fitting_prefix` tells it where to cut.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .fonts import FontStack
from .geometry import Rect
from .text import widest, wrap, wrap_balanced


@dataclass(frozen=True)
class Para:
    """One paragraph to lay out. `scale` is relative to the base size; `indent` and `space_before` are in ems."""

    text: str
    scale: float = 1.0
    indent: float = 0.0
    space_before: float = 0.0
    bold: bool = False
    balance: bool = False  # headings: even line lengths instead of a short last line


@dataclass
class LaidPara:
    para: Para
    size: float
    lines: list[str]
    top: float
    height: float
    indent: float
    wrap_width: float  # the width the lines were broken at (narrower than the box for balanced headings)


@dataclass
class TextLayout:
    size: float
    paras: list[LaidPara] = field(default_factory=list)
    height: float = 0.0
    width: float = 0.0
    line_spacing: float = 1.2
    overflow: bool = False

    @property
    def line_count(self) -> int:
        return sum(len(p.lines) for p in self.paras)

    @property
    def box_width(self) -> float:
        """The width a text box needs for these lines to break where they were laid out."""
        return max((p.indent + p.wrap_width for p in self.paras), default=0.0)


def narrowed(rect: Rect, layout: TextLayout, align: str) -> Rect:
    """The box shrunk to the layout's width (balanced headings), keeping its alignment edge."""
    width = layout.box_width
    if width >= rect.w - 0.5:
        return rect
    x = rect.x if align == "left" else rect.x + (rect.w - width) / 2 if align == "center" else rect.right - width
    return Rect(x, rect.y, width, rect.h)


def layout_at(
    paras: list[Para],
    regular: FontStack,
    bold: FontStack,
    size: float,
    width: float,
    line_spacing: float,
) -> TextLayout:
    """Lays the paragraphs out at one base size without shrinking."""
    out = TextLayout(size=size, line_spacing=line_spacing)
    y = 0.0
    for i, para in enumerate(paras):
        psize = size * para.scale
        indent = para.indent * size
        stack = bold if para.bold else regular
        avail = max(width - indent, psize)
        if para.balance:
            lines, wrap_width = wrap_balanced(para.text, stack, psize, avail)
        else:
            lines, wrap_width = wrap(para.text, stack, psize, avail), avail
        if i:
            y += para.space_before * size
        height = len(lines) * psize * line_spacing
        out.paras.append(LaidPara(para, psize, lines, y, height, indent, wrap_width))
        out.width = max(out.width, indent + widest(lines, stack, psize))
        y += height
    out.height = y
    return out


def fit(
    paras: list[Para],
    regular: FontStack,
    bold: FontStack,
    width: float,
    height: float,
    max_size: float,
    min_size: float,
    line_spacing: float = 1.2,
    max_lines: int | None = None,
) -> TextLayout:
    """The largest size in [min_size, max_size] at which the paragraphs fit the box, in half-point steps.

    When nothing fits, the layout at `min_size` is returned with `overflow` set.
    """

    def fits(layout: TextLayout) -> bool:
        if layout.height > height + 1e-6:
            return False
        return max_lines is None or all(len(p.lines) <= max_lines for p in layout.paras)

    best = layout_at(paras, regular, bold, max_size, width, line_spacing)
    if fits(best):
        return best
    # Binary search over half-point steps: layout height falls (not strictly) as the size falls.
    lo, hi = int(min_size * 2), int(max_size * 2) - 1
    found: TextLayout | None = None
    while lo <= hi:
        mid = (lo + hi) // 2
        candidate = layout_at(paras, regular, bold, mid / 2, width, line_spacing)
        if fits(candidate):
            found, lo = candidate, mid + 1
        else:
            hi = mid - 1
    if found is not None:
        return found
    floor = layout_at(paras, regular, bold, min_size, width, line_spacing)
    floor.overflow = True
    return floor


def fitting_prefix(
    paras: list[Para],
    regular: FontStack,
    bold: FontStack,
    width: float,
    height: float,
    size: float,
    line_spacing: float = 1.2,
) -> int:
    """How many leading paragraphs fit in the box at `size` (at least 1, so a split always makes progress)."""
    layout = layout_at(paras, regular, bold, size, width, line_spacing)
    count = 0
    for laid in layout.paras:
        if laid.top + laid.height > height + 1e-6:
            break
        count += 1
    return max(count, 1)
