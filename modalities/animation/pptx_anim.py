"""A deck-like animation as a PPTX whose slides carry native build animations (`p:timing`).

One slide per scene, every element a native, editable shape (text boxes with real text in the theme's Latin and
East Asian faces, shapes, connectors, native charts, pictures) at the position the layout computed, grouped when
an element is made of several shapes. Each step becomes the PowerPoint effect that does what it does (fade,
wipe, fly in, zoom, fade out, grow/shrink, fill colour, motion path) with the same trigger, delay and duration:
`timing.schedule` already arranges the steps in click groups and sub-groups the way PowerPoint stores them.
The narration goes to the speaker notes.
"""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from renderers.layout.geometry import Rect
from renderers.pptx.charts import add_chart
from renderers.pptx.ooxml import rgb, style_run_fonts
from renderers.pptx.shapes import blank_presentation
from renderers.theme import Theme
from renderers.typography import typography

from . import plan as P
from .layout import Placed, resolve_color
from .parts import ChartPart, DotPart, IconPart, ImagePart, LinePart, ShapePart, SketchPart, TextPart
from .timing import SceneTiming
from .tracks import Timeline

SLIDE_W, SLIDE_H = 960.0, 540.0
_PRST = {"rect": MSO_SHAPE.RECTANGLE, "round": MSO_SHAPE.ROUNDED_RECTANGLE, "ellipse": MSO_SHAPE.OVAL,
         "diamond": MSO_SHAPE.DIAMOND}
_FLY = {"left": (8, "0-#ppt_w/2", "#ppt_y"), "right": (2, "1+#ppt_w/2", "#ppt_y"),
        "up": (1, "#ppt_x", "0-#ppt_h/2"), "down": (4, "#ppt_x", "1+#ppt_h/2")}
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def deck_like(plan: P.AnimationPlan) -> tuple[bool, str]:
    """Whether the animation is a deck PowerPoint can play: 16:9, and no camera moves or morphs, which builds
    cannot express. The reason when not."""
    w, h = plan.canvas.width, plan.canvas.height
    if abs(w / h - 16 / 9) > 0.02:
        return False, f"the canvas is {w}×{h}, not a 16:9 slide"
    for scene in plan.scenes:
        for step in scene.steps:
            if step.action in (P.Action.FOCUS, P.Action.ZOOM, P.Action.TRANSFORM):
                return False, f"scene '{scene.id}' uses {step.action.value}, which slide builds cannot show"
    return True, ""


class _Writer:
    def __init__(self, tl: Timeline, theme: Theme):
        self.tl = tl
        self.theme = theme
        self.k = SLIDE_W / tl.width  # points per canvas pixel
        self.typ = typography(theme)

    def pt(self, v: float) -> Emu:
        return Emu(round(v * self.k * 12700))

    # ---- shapes ------------------------------------------------------------------------------------------

    def element(self, slide, placed: Placed) -> tuple[int | None, int | None]:
        """Adds the element's shapes; returns the id to animate (None when nothing was drawn) and the id of its
        filled shape (for recolour)."""
        charts = [p for p in placed.parts if isinstance(p, ChartPart)]
        if charts:
            r = self._canvas_rect(placed, charts[0].rect)
            chart = self._chart(slide, placed, r)
            return chart, None
        shapes = slide.shapes
        group = None
        if len(placed.parts) > 1:
            group = shapes.add_group_shape()
            group.name = placed.id
            shapes = group.shapes
        main = None
        first = None
        for part in placed.parts:
            sid, filled = self._part(shapes, placed, part)
            if sid is None:
                continue
            first = first or sid
            if filled and main is None:
                main = sid
        if group is not None:
            return group.shape_id, main
        return first, main

    def _canvas_rect(self, placed: Placed, r: Rect) -> Rect:
        x0, y0 = placed.to_canvas(r.x, r.y)
        s = placed.base[0]
        return Rect(x0, y0, r.w * s, r.h * s)

    def _chart(self, slide, placed: Placed, r: Rect) -> int:
        from .plan import ChartElement  # the chart data lives on the element

        el = next(e for s in self.tl.scenes for e in s.laid.scene.elements if e.id == placed.id)
        assert isinstance(el, ChartElement)
        rect_pt = Rect(r.x * self.k, r.y * self.k, r.w * self.k, r.h * self.k)
        add_chart(slide, placed.id, rect_pt, el.chart, self.theme, self.typ.body)
        return slide.shapes[-1].shape_id

    def _part(self, shapes, placed: Placed, part) -> tuple[int | None, bool]:
        s = placed.base[0]
        if isinstance(part, TextPart):
            return self._text(shapes, placed, part), False
        if isinstance(part, ShapePart):
            r = self._canvas_rect(placed, part.rect)
            if part.geom not in _PRST:
                return None, False
            return self._shape(shapes, placed.id, part.geom, r, part.fill, part.stroke, part.width * s,
                               part.radius * s), part.fill is not None
        if isinstance(part, SketchPart):
            if part.outline == "line" and part.points:
                pts = [placed.to_canvas(x, y) for x, y in part.points]
                color = part.strokes[0][1] if part.strokes else self.theme.palette.text
                width = part.strokes[0][2] * s if part.strokes else 2
                return self._line(shapes, placed.id, pts[0], pts[-1], color, width, True, False,
                                  any(st[3] for st in part.strokes)), False
            if part.rect is None:
                return None, False
            r = self._canvas_rect(placed, part.rect)
            fill = part.fills[0][1][:7] if part.fills else None
            stroke = part.strokes[0][1] if part.strokes else None
            return self._shape(shapes, placed.id, part.outline if part.outline in _PRST else "round", r, fill, stroke,
                               2 * s, 12 * s), fill is not None
        if isinstance(part, LinePart):
            pts = [placed.to_canvas(x, y) for x, y in part.points]
            return self._line(shapes, placed.id, pts[0], pts[-1], part.color, part.width * s, part.head_end,
                              part.head_start, part.dashed), False
        if isinstance(part, DotPart):
            cx, cy = placed.to_canvas(part.cx, part.cy)
            radius = part.r * s
            return self._shape(shapes, placed.id, "ellipse", Rect(cx - radius, cy - radius, 2 * radius, 2 * radius),
                               part.color, None, 0, 0), False
        if isinstance(part, (IconPart, ImagePart)):
            r = self._canvas_rect(placed, part.rect)
            png = part.png if isinstance(part, ImagePart) else _icon_png(part, round(r.w * 2))
            pic = shapes.add_picture(io.BytesIO(png), self.pt(r.x), self.pt(r.y), self.pt(r.w), self.pt(r.h))
            pic.name = placed.id
            pic._element.nvPicPr.cNvPr.set("descr", part.alt if isinstance(part, ImagePart) else part.name)
            return pic.shape_id, False
        return None, False

    def _shape(self, shapes, name: str, geom: str, r: Rect, fill: str | None, stroke: str | None, width: float,
               radius: float) -> int:
        shape = shapes.add_shape(_PRST[geom], self.pt(r.x), self.pt(r.y), self.pt(r.w), self.pt(r.h))
        shape.name = name
        shape.shadow.inherit = False
        if fill:
            shape.fill.solid()
            shape.fill.fore_color.rgb = rgb(fill[:7])
        else:
            shape.fill.background()
        if stroke:
            shape.line.color.rgb = rgb(stroke[:7])
            shape.line.width = Pt(max(width * self.k, 0.25))
        else:
            shape.line.fill.background()
        if geom == "round" and radius:
            shape.adjustments[0] = min(radius / max(min(r.w, r.h), 1e-6), 0.5)
        return shape.shape_id

    def _line(self, shapes, name: str, a, b, color: str, width: float, head_end: bool, head_start: bool,
              dashed: bool) -> int:
        line = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, self.pt(a[0]), self.pt(a[1]), self.pt(b[0]),
                                    self.pt(b[1]))
        line.name = name
        line.line.color.rgb = rgb(color[:7])
        line.line.width = Pt(max(width * self.k, 0.5))
        ln = line.line._get_or_add_ln()
        if dashed:
            etree.SubElement(ln, qn("a:prstDash")).set("val", "dash")
        if head_start:
            etree.SubElement(ln, qn("a:headEnd")).set("type", "triangle")
        if head_end:
            etree.SubElement(ln, qn("a:tailEnd")).set("type", "triangle")
        return line.shape_id

    def _text(self, shapes, placed: Placed, part: TextPart) -> int | None:
        if not part.lines:
            return None
        s = placed.base[0]
        size = part.size * s
        line_h = size * 1.2
        xs = [placed.to_canvas(ln.x, ln.baseline) for ln in part.lines]
        left = min(x for x, _ in xs)
        right = max(x + ln.width * s for (x, _), ln in zip(xs, part.lines))
        top = xs[0][1] - line_h / 2 - 0.38 * size
        height = line_h * len(part.lines)
        pad = size * 0.15  # PowerPoint's advances run a little wider than the measured ones
        box = shapes.add_textbox(self.pt(left - pad), self.pt(top), self.pt(right - left + 2 * pad), self.pt(height))
        box.name = placed.id
        tf = box.text_frame
        tf.word_wrap = False
        tf.auto_size = MSO_AUTO_SIZE.NONE
        tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
        align = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}[part.align]
        bold = part.stack is self.typ.body_bold or part.stack is self.typ.heading or part.stack.latin.bold
        for n, line in enumerate(part.lines):
            p = tf.paragraphs[0] if n == 0 else tf.add_paragraph()
            p.alignment = align
            p.line_spacing = Pt(line_h * self.k)
            run = p.add_run()
            text = part.count.text if part.count is not None else line.text
            run.text = text
            run.font.size = Pt(size * self.k)
            run.font.bold = bold
            run.font.color.rgb = rgb(part.color[:7])
            style_run_fonts(run._r.get_or_add_rPr(), part.stack, text)
        return box.shape_id


def _icon_png(part: IconPart, size: int) -> bytes:
    import skia

    from .draw import color, icon_paths

    size = max(size, 16)
    surface = skia.Surface.MakeRasterN32Premul(size, size)
    canvas = surface.getCanvas()
    canvas.clear(skia.ColorTRANSPARENT)
    canvas.scale(size / 24, size / 24)
    paint = skia.Paint(AntiAlias=True, Color=color(part.color), Style=skia.Paint.kStroke_Style,
                       StrokeWidth=part.width, StrokeCap=skia.Paint.kRound_Cap, StrokeJoin=skia.Paint.kRound_Join)
    for path in icon_paths(part.name):
        canvas.drawPath(path, paint)
    return bytes(surface.makeImageSnapshot().encodeToData())


# ---- timing ------------------------------------------------------------------------------------------------

class _Ids:
    def __init__(self):
        self.n = 0

    def __call__(self) -> int:
        self.n += 1
        return self.n


def _ms(seconds: float) -> int:
    return max(0, round(seconds * 1000))


def _tgt(spid: int) -> str:
    return f'<p:tgtEl><p:spTgt spid="{spid}"/></p:tgtEl>'


def _set_visibility(ids: _Ids, spid: int, value: str, delay_ms: int = 0) -> str:
    return (f'<p:set><p:cBhvr><p:cTn id="{ids()}" dur="1" fill="hold"><p:stCondLst><p:cond delay="{delay_ms}"/>'
            f'</p:stCondLst></p:cTn>{_tgt(spid)}<p:attrNameLst><p:attrName>style.visibility</p:attrName>'
            f'</p:attrNameLst></p:cBhvr><p:to><p:strVal val="{value}"/></p:to></p:set>')


def _anim(ids: _Ids, spid: int, attr: str, dur: int, frm: str, to: str) -> str:
    return (f'<p:anim calcmode="lin" valueType="num"><p:cBhvr additive="base"><p:cTn id="{ids()}" dur="{dur}" '
            f'fill="hold"/>{_tgt(spid)}<p:attrNameLst><p:attrName>{attr}</p:attrName></p:attrNameLst></p:cBhvr>'
            f'<p:tavLst><p:tav tm="0"><p:val><p:strVal val="{frm}"/></p:val></p:tav><p:tav tm="100000"><p:val>'
            f'<p:strVal val="{to}"/></p:val></p:tav></p:tavLst></p:anim>')


def _effect(step: P.Step, spid: int, main: int | None, dur: int, ids: _Ids, theme: Theme, shift: tuple[float, float]
            ) -> tuple[str, str]:
    """(preset attributes, behaviours) of the PowerPoint effect for one step on one shape."""
    a = step.action
    if a is P.Action.FADE:
        return 'presetID="10" presetClass="entr" presetSubtype="0"', (
            _set_visibility(ids, spid, "visible") + f'<p:animEffect transition="in" filter="fade"><p:cBhvr>'
            f'<p:cTn id="{ids()}" dur="{dur}"/>{_tgt(spid)}</p:cBhvr></p:animEffect>')
    if a in (P.Action.DRAW, P.Action.WRITE):
        return 'presetID="22" presetClass="entr" presetSubtype="8"', (
            _set_visibility(ids, spid, "visible") + f'<p:animEffect transition="in" filter="wipe(left)"><p:cBhvr>'
            f'<p:cTn id="{ids()}" dur="{dur}"/>{_tgt(spid)}</p:cBhvr></p:animEffect>')
    if a is P.Action.GROW:
        return 'presetID="53" presetClass="entr" presetSubtype="16"', (
            _set_visibility(ids, spid, "visible") + _anim(ids, spid, "ppt_w", dur, "0", "#ppt_w")
            + _anim(ids, spid, "ppt_h", dur, "0", "#ppt_h") + f'<p:animEffect transition="in" filter="fade"><p:cBhvr>'
            f'<p:cTn id="{ids()}" dur="{dur}"/>{_tgt(spid)}</p:cBhvr></p:animEffect>')
    if a is P.Action.FLY:
        sub, x0, y0 = _FLY[(step.direction or P.Direction.LEFT).value]
        return f'presetID="2" presetClass="entr" presetSubtype="{sub}"', (
            _set_visibility(ids, spid, "visible") + _anim(ids, spid, "ppt_x", dur, x0, "#ppt_x")
            + _anim(ids, spid, "ppt_y", dur, y0, "#ppt_y"))
    if a is P.Action.EXIT:
        return 'presetID="10" presetClass="exit" presetSubtype="0"', (
            f'<p:animEffect transition="out" filter="fade"><p:cBhvr><p:cTn id="{ids()}" dur="{dur}"/>{_tgt(spid)}'
            f'</p:cBhvr></p:animEffect>' + _set_visibility(ids, spid, "hidden", max(dur - 1, 0)))
    if a in (P.Action.PULSE, P.Action.HIGHLIGHT):
        half = max(dur // 2, 1)
        return 'presetID="6" presetClass="emph" presetSubtype="0"', (
            f'<p:animScale><p:cBhvr><p:cTn id="{ids()}" dur="{half}" autoRev="1" fill="hold"/>{_tgt(spid)}</p:cBhvr>'
            f'<p:by x="112000" y="112000"/></p:animScale>')
    if a is P.Action.RECOLOUR:
        to = resolve_color(step.color, theme, theme.palette.accent)[1:7].upper()
        target = main or spid
        return 'presetID="1" presetClass="emph" presetSubtype="2"', (
            f'<p:animClr clrSpc="rgb" dir="cw"><p:cBhvr><p:cTn id="{ids()}" dur="{dur}" fill="hold"/>{_tgt(target)}'
            f'<p:attrNameLst><p:attrName>fillcolor</p:attrName></p:attrNameLst></p:cBhvr><p:to>'
            f'<a:srgbClr xmlns:a="{NS_A}" val="{to}"/></p:to></p:animClr>'
            f'<p:set><p:cBhvr><p:cTn id="{ids()}" dur="{dur}" fill="hold"/>{_tgt(target)}<p:attrNameLst>'
            f'<p:attrName>fill.type</p:attrName></p:attrNameLst></p:cBhvr><p:to><p:strVal val="solid"/></p:to>'
            f'</p:set>')
    if a is P.Action.MOVE:
        dx, dy = shift
        return 'presetID="0" presetClass="path" presetSubtype="0"', (
            f'<p:animMotion origin="layout" path="M 0 0 L {dx:.4f} {dy:.4f} E" pathEditMode="relative" '
            f'ptsTypes=""><p:cBhvr><p:cTn id="{ids()}" dur="{dur}" fill="hold"/>{_tgt(spid)}<p:attrNameLst>'
            f'<p:attrName>ppt_x</p:attrName><p:attrName>ppt_y</p:attrName></p:attrNameLst></p:cBhvr>'
            f'</p:animMotion>')
    # count (PowerPoint cannot count: the number fades in) and anything else: an appearance
    return 'presetID="10" presetClass="entr" presetSubtype="0"', (
        _set_visibility(ids, spid, "visible") + f'<p:animEffect transition="in" filter="fade"><p:cBhvr>'
        f'<p:cTn id="{ids()}" dur="{dur}"/>{_tgt(spid)}</p:cBhvr></p:animEffect>')


def timing_xml(scene: P.Scene, timing: SceneTiming, spids: dict[str, tuple[int, int | None]], theme: Theme,
               shifts: dict[tuple[int, str], tuple[float, float]]) -> str | None:
    """The slide's `p:timing`: click groups of sub-groups of effects, as PowerPoint writes them."""
    ids = _Ids()
    ids()  # 1: the root
    ids()  # 2: the main sequence
    clicks: dict[int, list] = {}
    for step, timed in zip(scene.steps, timing.steps):
        if step.action is P.Action.WAIT or not step.targets:
            continue
        clicks.setdefault(timed.click, []).append((step, timed))
    if not clicks:
        return None
    built = []
    animated: set[int] = set()
    for click, items in sorted(clicks.items()):
        click_start = min(t.start - s.delay for s, t in items)
        groups: dict[int, list] = {}
        for step, timed in items:
            groups.setdefault(timed.group, []).append((step, timed))
        group_xml = []
        first_effect = True
        for _, members in sorted(groups.items()):
            group_start = min(t.start - s.delay for s, t in members)
            effects: list[str] = []  # <p:par> of each effect in this group
            for step, timed in members:
                for k, target in enumerate(step.targets):
                    if target not in spids:
                        continue
                    spid, main = spids[target]
                    delay = _ms(timed.starts[k] - group_start)
                    dur = max(_ms(timed.duration), 1)
                    preset, body = _effect(step, spid, main, dur, ids, theme, shifts.get((timed.index, target),
                                                                                               (0.0, 0.0)))
                    if first_effect:
                        node = ("clickEffect" if click > 0 and step.start is P.Start.ON_CLICK
                                else "withEffect" if step.start is P.Start.WITH_PREVIOUS else "afterEffect")
                        first_effect = False
                    else:
                        node = "withEffect" if step.start is P.Start.WITH_PREVIOUS or k > 0 else "afterEffect"
                        if effects:
                            node = "withEffect"
                    animated.add(spid)
                    effects.append(
                        f'<p:par><p:cTn id="{ids()}" {preset} fill="hold" grpId="0" nodeType="{node}"><p:stCondLst>'
                        f'<p:cond delay="{delay}"/></p:stCondLst><p:childTnLst>{body}</p:childTnLst></p:cTn></p:par>')
            if effects:
                group_xml.append(f'<p:par><p:cTn id="{ids()}" fill="hold"><p:stCondLst><p:cond '
                                 f'delay="{_ms(group_start - click_start)}"/></p:stCondLst><p:childTnLst>'
                                 f'{"".join(effects)}</p:childTnLst></p:cTn></p:par>')
        if not group_xml:
            continue
        start = '<p:cond delay="indefinite"/>'
        if click == 0:
            start += '<p:cond evt="onBegin" delay="0"><p:tn val="2"/></p:cond>'
        built.append(f'<p:par><p:cTn id="{ids()}" fill="hold"><p:stCondLst>{start}</p:stCondLst><p:childTnLst>'
                     f'{"".join(group_xml)}</p:childTnLst></p:cTn></p:par>')
    if not built:
        return None
    bld = "".join(f'<p:bldP spid="{spid}" grpId="0" animBg="1"/>' for spid in sorted(animated))
    return (f'<p:timing xmlns:p="{NS_P}"><p:tnLst><p:par><p:cTn id="1" dur="indefinite" restart="never" '
            f'nodeType="tmRoot"><p:childTnLst><p:seq concurrent="1" nextAc="seek"><p:cTn id="2" dur="indefinite" '
            f'nodeType="mainSeq"><p:childTnLst>{"".join(built)}</p:childTnLst></p:cTn><p:prevCondLst><p:cond '
            f'evt="onPrev" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:prevCondLst><p:nextCondLst>'
            f'<p:cond evt="onNext" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:nextCondLst></p:seq>'
            f'</p:childTnLst></p:cTn></p:par></p:tnLst><p:bldLst>{bld}</p:bldLst></p:timing>')


def write_pptx(tl: Timeline, theme: Theme, path: Path, title: str, language: str) -> int:
    """Writes the deck; returns how many effects it holds."""
    prs = blank_presentation(SLIDE_W, SLIDE_H, title, language)
    writer = _Writer(tl, theme)
    blank = prs.slide_layouts[6]
    effects = 0
    for span in tl.scenes:
        scene = span.laid.scene
        slide = prs.slides.add_slide(blank)
        fill = slide.background.fill
        fill.solid()
        fill.fore_color.rgb = rgb(tl.background[:7])
        spids: dict[str, tuple[int, int | None]] = {}
        for placed in span.laid.backdrop:
            writer.element(slide, placed)
        for el_id, placed in span.laid.elements.items():
            if not placed.parts:
                continue
            sid, main = writer.element(slide, placed)
            if sid is not None:
                spids[el_id] = (sid, main)
        shifts = _shifts(tl, span)
        xml = timing_xml(scene, span.timing, spids, theme, shifts)
        if xml is not None:
            element = etree.fromstring(xml)
            effects += len(element.findall(f".//{{{NS_P}}}cTn[@presetClass]"))
            ext = slide._element.find(qn("p:extLst"))
            if ext is not None:
                ext.addprevious(element)
            else:
                slide._element.append(element)
        narration = [s.narration for s in scene.steps if s.narration]
        if narration:
            slide.notes_slide.notes_text_frame.text = "\n".join(narration)
    prs.save(str(path))
    return effects


def _shifts(tl: Timeline, span) -> dict[tuple[int, str], tuple[float, float]]:
    """Each move's offset as a share of the slide (a motion path's unit), from the video's own tracks."""
    out = {}
    actors = {a.placed.id: a for a in tl.actors if a.scene == span.index}
    for step, timed in zip(span.laid.scene.steps, span.timing.steps):
        if step.action is not P.Action.MOVE:
            continue
        for k, target in enumerate(step.targets):
            a = actors.get(target)
            if a is None:
                continue
            t0 = span.start + timed.starts[k]
            t1 = t0 + timed.duration
            out[(timed.index, target)] = ((a.dx.at(t1) - a.dx.at(t0)) / tl.width,
                                          (a.dy.at(t1) - a.dy.at(t0)) / tl.height)
    return out
