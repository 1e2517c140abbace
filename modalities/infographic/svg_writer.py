"""Writes a laid-out infographic page as SVG: text stays text, no scripts, pictures embedded, a <title>/<desc>."""

from __future__ import annotations

from renderers.chart.svg import chart_svg
from renderers.icons import icon_group
from renderers.svg import attr, esc, png_data_url, text_lines
from renderers.theme import Theme

from .scene import BlockArea, Box, Chart, Circle, Icon, Line, Page, Picture, Primitive, Text


def _primitive(item: Primitive, theme: Theme, clip_ids: list[int]) -> str:
    if isinstance(item, Box):
        r = item.rect
        stroke = f' stroke="{item.stroke}" stroke-width="{item.stroke_width}"' if item.stroke else ""
        fill = item.fill or "none"
        return (f'<rect x="{r.x:.1f}" y="{r.y:.1f}" width="{r.w:.1f}" height="{r.h:.1f}" rx="{item.radius:.1f}" '
                f'fill="{fill}"{stroke}/>')
    if isinstance(item, Circle):
        stroke = f' stroke="{item.stroke}" stroke-width="{item.stroke_width}"' if item.stroke else ""
        return f'<circle cx="{item.cx:.1f}" cy="{item.cy:.1f}" r="{item.r:.1f}" fill="{item.fill or "none"}"{stroke}/>'
    if isinstance(item, Line):
        dash = f' stroke-dasharray="{item.dash}"' if item.dash else ""
        return (f'<line x1="{item.x1:.1f}" y1="{item.y1:.1f}" x2="{item.x2:.1f}" y2="{item.y2:.1f}" '
                f'stroke="{item.stroke}" stroke-width="{item.width}" stroke-linecap="round"{dash}/>')
    if isinstance(item, Text):
        r = item.rect
        return text_lines(item.layout, r.x, r.y, r.w, item.color, item.regular, item.bold, item.align, item.italic)
    if isinstance(item, Icon):
        r = item.rect
        return f'<g role="img"><title>{esc(item.label)}</title>{icon_group(item.name, r.x, r.y, r.w, item.color)}</g>'
    if isinstance(item, Picture):
        r = item.rect
        n = len(clip_ids) + 1
        clip_ids.append(n)
        return (f'<clipPath id="clip{n}"><rect x="{r.x:.1f}" y="{r.y:.1f}" width="{r.w:.1f}" height="{r.h:.1f}" '
                f'rx="{item.radius:.1f}"/></clipPath>'
                f'<image x="{r.x:.1f}" y="{r.y:.1f}" width="{r.w:.1f}" height="{r.h:.1f}" clip-path="url(#clip{n})" '
                f'preserveAspectRatio="xMidYMid slice" href="{png_data_url(item.png)}" role="img" '
                f'aria-label={attr(item.alt)}/>')
    if isinstance(item, Chart):
        return chart_svg(item.chart, item.rect, theme, item.size, item.background)
    raise TypeError(f"unknown primitive {type(item).__name__}")


def _block(block: BlockArea, theme: Theme, clip_ids: list[int]) -> str:
    inner = "".join(_primitive(i, theme, clip_ids) for i in block.items)
    variant = block.variant or block.kind
    return (f'<g id="block-{block.index}" class="block block-{block.kind}" data-kind="{block.kind}" '
            f'data-layout="{variant}">{inner}</g>')


def page_svg(page: Page, theme: Theme) -> str:
    clip_ids: list[int] = []
    w, h = round(page.width), round(page.height)
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" '
        f'aria-labelledby="title desc">',
        f'<title id="title">{esc(page.title)}</title>',
        f'<desc id="desc">{esc(page.description or page.title)}</desc>',
        f'<rect width="{w}" height="{h}" fill="{page.background}"/>',
    ]
    body = [_primitive(i, theme, clip_ids) for i in page.items]
    blocks = [_block(b, theme, clip_ids) for b in page.blocks]
    return "".join(head + body + blocks) + "</svg>"
