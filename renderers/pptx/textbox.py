"""Text boxes written as OOXML directly: the same `p:sp` python-pptx would build, about ten times faster.

Every text box holds native, editable text at the size the layout fitted (autofit off, insets zero, exact line
spacing) so PowerPoint, Keynote and LibreOffice wrap it where the layout did. Every run names a Latin and an East
Asian face and carries a language tag, so CJK text gets CJK glyphs (zh-TW shapes for Traditional Chinese).
"""

from __future__ import annotations

from lxml import etree

from ..layout.fit import LaidPara, TextLayout
from ..layout.fonts import FontStack
from ..layout.geometry import Rect
from ..svg import attr, esc
from .ooxml import lang_attrs

NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
_ALGN = {"left": "l", "center": "ctr", "right": "r"}
_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
BULLET_CHARS = ("•", "–")


def emu(points: float) -> int:
    return round(points * 12700)


def hex_color(color: str) -> str:
    return color.lstrip("#").upper()


def run_xml(text: str, size_pt: float, bold: bool, italic: bool, color: str, stack: FontStack) -> str:
    """One run per line of the paragraph; a:br between lines the plan broke explicitly."""
    langs = " ".join(f'{k}="{v}"' for k, v in lang_attrs(text).items())
    attrs = f'{langs} sz="{round(size_pt * 100)}" b="{int(bold)}"'
    attrs += (' i="1"' if italic else "") + ' dirty="0"'
    fonts = (f"<a:latin typeface={attr(stack.latin.family)}/><a:ea typeface={attr(stack.cjk.family)}/>"
             f"<a:cs typeface={attr(stack.latin.family)}/>")
    rpr = f'<a:rPr {attrs}><a:solidFill><a:srgbClr val="{hex_color(color)}"/></a:solidFill>{fonts}</a:rPr>'
    runs = [f"<a:r>{rpr}<a:t>{esc(part)}</a:t></a:r>" for part in text.split("\n")]
    return f"<a:br>{rpr}</a:br>".join(runs)


def _paragraph_xml(laid: LaidPara, first: bool, layout: TextLayout, align: str, color: str, regular: FontStack,
                   bold: FontStack, italic: bool, bullets: tuple[str, str] | None, scale: float) -> str:
    para = laid.para
    size = laid.size * scale
    ppr = [f'algn="{_ALGN[align]}"']
    children = [f'<a:lnSpc><a:spcPts val="{round(size * layout.line_spacing * 100)}"/></a:lnSpc>']
    if not first and para.space_before:
        before = round(para.space_before * layout.size * scale * 100)
        children.append(f'<a:spcBef><a:spcPts val="{before}"/></a:spcBef>')
    if bullets is not None and laid.indent > 0:
        level = 0 if para.scale >= 1 else 1
        indent = laid.indent * scale
        ppr += [f'marL="{emu(indent)}"', f'indent="{-emu(min(indent, size * 1.1))}"']
        children.append(f'<a:buClr><a:srgbClr val="{hex_color(bullets[level])}"/></a:buClr>'
                        f'<a:buFont typeface="Arial"/><a:buChar char="{BULLET_CHARS[level]}"/>')
    else:
        children.append("<a:buNone/>")
    stack = bold if para.bold else regular
    run = run_xml(para.text, size, para.bold, italic, color, stack)
    return f'<a:p><a:pPr {" ".join(ppr)}>{"".join(children)}</a:pPr>{run}</a:p>'


def add_text_box(
    slide,
    *,
    name: str,
    rect: Rect,
    layout: TextLayout,
    color: str,
    regular: FontStack,
    bold: FontStack,
    align: str = "left",
    anchor: str = "top",
    italic: bool = False,
    bullets: tuple[str, str] | None = None,
    scale: float = 1.0,
) -> None:
    """A text box at `rect` (in layout units; `scale` turns them and the font sizes into points).

    `bullets` gives the marker colours of level-0 and level-1 paragraphs, for paragraphs laid out with an indent.
    """
    paragraphs = "".join(
        _paragraph_xml(laid, n == 0, layout, align, color, regular, bold, italic, bullets, scale)
        for n, laid in enumerate(layout.paras)
    )
    x, y, w, h = (emu(v * scale) for v in (rect.x, rect.y, rect.w, rect.h))
    xml = (
        f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="{slide.shapes._next_shape_id}" name={attr(name)}/>'
        f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/>'
        f'<a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        f'<p:txBody><a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="{_ANCHOR[anchor]}" '
        f'rtlCol="0"><a:noAutofit/></a:bodyPr><a:lstStyle/>{paragraphs}</p:txBody></p:sp>'
    )
    slide.shapes._spTree.append(etree.fromstring(xml))
