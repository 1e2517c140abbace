"""Native, editable PowerPoint charts from the plan's chart data (python-pptx's chart API), styled by the theme.

The chart's numbers live in the embedded workbook, so "Edit Data" in PowerPoint opens them. Everything a reader
compares with the preview is set explicitly rather than left to the application: the value axis's ends and step,
number formats, the category order (a bar chart's first category on top), data labels, axis titles, and the
positions of the plot area and the legend (as a manual layout taken from the shared chart geometry), so
PowerPoint, LibreOffice (the PDF) and the preview draw the same chart.
"""

from __future__ import annotations

from lxml import etree
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
)
from pptx.oxml.ns import qn
from pptx.util import Pt

from ..chart.geometry import BAR_GAP, BAR_SPACE, HOLE, LINE_WIDTH, MARKER, chart_marks, excel_format, value_scale
from ..chart.units import category_title, has_legend, show_values, value_title
from ..layout.fonts import FontStack
from ..layout.geometry import Rect
from ..lints import readable_on
from ..plan.common import ChartData, ChartKind
from ..theme import Theme
from .ooxml import rgb, style_run_fonts
from .workbook import CategoryChartData, XyChartData  # literal cells only: no formulas from user text

CHART_TYPES = {
    ChartKind.BAR: XL_CHART_TYPE.BAR_CLUSTERED,
    ChartKind.COLUMN: XL_CHART_TYPE.COLUMN_CLUSTERED,
    ChartKind.LINE: XL_CHART_TYPE.LINE_MARKERS,
    ChartKind.PIE: XL_CHART_TYPE.PIE,
    ChartKind.DOUGHNUT: XL_CHART_TYPE.DOUGHNUT,
    ChartKind.SCATTER: XL_CHART_TYPE.XY_SCATTER,
}


def chart_data(chart: ChartData) -> XyChartData | CategoryChartData:
    if chart.kind is ChartKind.SCATTER:
        points = XyChartData()
        xs = [float(c) for c in chart.categories]
        for s in chart.series:
            series = points.add_series(s.name)
            for x, y in zip(xs, s.values, strict=True):
                series.add_data_point(x, y)
        return points
    data = CategoryChartData()
    data.categories = list(chart.categories)
    for s in chart.series:
        data.add_series(s.name, list(s.values))
    return data


def _manual_layout(parent, rect: Rect, frame: Rect, inner: bool) -> None:
    """Puts `parent` (the plot area or the legend) at `rect`, given as fractions of the chart's frame."""
    old = parent.find(qn("c:layout"))
    if old is not None:
        parent.remove(old)
    layout = etree.SubElement(parent, qn("c:layout"))
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    if inner:
        etree.SubElement(manual, qn("c:layoutTarget")).set("val", "inner")
    etree.SubElement(manual, qn("c:xMode")).set("val", "edge")
    etree.SubElement(manual, qn("c:yMode")).set("val", "edge")
    for tag, value in (("c:x", (rect.x - frame.x) / frame.w), ("c:y", (rect.y - frame.y) / frame.h),
                       ("c:w", rect.w / frame.w), ("c:h", rect.h / frame.h)):
        etree.SubElement(manual, qn(tag)).set("val", f"{max(0.0, min(1.0, value)):.4f}")
    # Schema order: c:layout comes first in a plot area, after the position (and entries) in a legend.
    parent.remove(layout)
    if parent.tag == qn("c:plotArea"):
        parent.insert(0, layout)
    else:
        anchor = parent.find(qn("c:overlay"))
        if anchor is not None:
            anchor.addprevious(layout)
        else:
            parent.append(layout)


def _share_label(point, color: str, font_pt: float) -> None:
    """A wedge's percentage label in a colour that reads on the wedge (as the preview draws it)."""
    label = point.data_label
    label.font.size = Pt(font_pt)
    label.font.bold = True
    label.font.color.rgb = rgb(color)
    dlbl = label._dLbl
    for tag, value in (("c:showLegendKey", "0"), ("c:showVal", "0"), ("c:showCatName", "0"), ("c:showSerName", "0"),
                       ("c:showPercent", "1"), ("c:showBubbleSize", "0")):
        el = dlbl.find(qn(tag))
        if el is None:
            el = etree.SubElement(dlbl, qn(tag))
        el.set("val", value)
    if dlbl.find(qn("c:numFmt")) is None:
        fmt = dlbl.makeelement(qn("c:numFmt"), {"formatCode": "0%", "sourceLinked": "0"})
        anchor = dlbl.find(qn("c:spPr"))
        if anchor is None:
            anchor = dlbl.find(qn("c:txPr"))
        anchor.addprevious(fmt)


def _title(axis, text: str, color: str, stack: FontStack, font_pt: float) -> None:
    axis.has_title = True
    frame = axis.axis_title.text_frame
    frame.text = text
    run = frame.paragraphs[0].runs[0]
    run.font.size = Pt(font_pt)
    run.font.bold = False
    run.font.color.rgb = rgb(color)
    style_run_fonts(run._r.get_or_add_rPr(), stack, text)


def add_chart(slide, name: str, rect: Rect, spec: ChartData, theme: Theme, stack: FontStack, font_pt: float = 12):
    """A native chart at `rect` (points) with the theme's colours, laid out as `chart_marks` lays out the preview
    drawn at the same label size `font_pt`."""
    pal = theme.palette
    r = rect
    frame = slide.shapes.add_chart(CHART_TYPES[spec.kind], Pt(r.x), Pt(r.y), Pt(r.w), Pt(r.h), chart_data(spec))
    frame.name = name
    chart = frame.chart
    chart.has_title = False  # the slide title names the chart
    chart.font.size = Pt(font_pt * 0.9)
    chart.font.color.rgb = rgb(pal.text)
    style_run_fonts(chart.font._element, stack, " ".join([*spec.categories, *(s.name for s in spec.series)]))
    marks = chart_marks(spec, rect, theme, size=font_pt)

    round_kind = spec.kind in (ChartKind.PIE, ChartKind.DOUGHNUT)
    chart.has_legend = round_kind or has_legend(spec)
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.RIGHT if round_kind else XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(font_pt if round_kind else font_pt * 0.9)
        if marks.legend is not None:
            _manual_layout(chart.legend._element, marks.legend, rect, inner=False)
    if marks.plot is not None:
        _manual_layout(chart._chartSpace.chart.plotArea, marks.plot, rect, inner=True)

    plot = chart.plots[0]
    if round_kind:
        plot.vary_by_categories = True
        if spec.kind is ChartKind.DOUGHNUT:
            hole = plot._element.find(qn("c:holeSize"))
            if hole is not None:
                hole.set("val", str(round(HOLE * 100)))
        for i, point in enumerate(plot.series[0].points):
            color = pal.series[i % len(pal.series)]
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = rgb(color)
            point.format.line.color.rgb = rgb(pal.background)
            _share_label(point, readable_on(color), font_pt)
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.show_percentage = True
        labels.show_value = False
        labels.show_category_name = False
        labels.number_format = "0%"
        labels.number_format_is_linked = False
        labels.font.size = Pt(font_pt)
        labels.font.bold = True
        labels.font.color.rgb = rgb("#FFFFFF")
        if spec.kind is ChartKind.PIE:
            labels.position = XL_LABEL_POSITION.CENTER
        return chart

    scale = value_scale(spec)
    for i, series in enumerate(plot.series):
        ink = rgb(pal.series[i % len(pal.series)])
        if spec.kind in (ChartKind.LINE, ChartKind.SCATTER):
            series.format.line.color.rgb = ink
            series.format.line.width = Pt(LINE_WIDTH * font_pt / 13)
            series.smooth = False
            series.marker.style = XL_MARKER_STYLE.CIRCLE
            series.marker.size = max(2, round(MARKER * font_pt / 13))
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = ink
            series.marker.format.line.color.rgb = rgb(pal.background)
            if spec.kind is ChartKind.SCATTER:
                series.format.line.fill.background()
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = ink
    if spec.kind in (ChartKind.BAR, ChartKind.COLUMN):
        plot.gap_width = round(BAR_GAP * 100)
        plot.overlap = -round(BAR_SPACE * 100) if len(spec.series) > 1 else 0
    if show_values(spec):
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format = excel_format(scale.value_decimals, spec.unit)
        labels.number_format_is_linked = False
        labels.show_value = True
        labels.position = XL_LABEL_POSITION.OUTSIDE_END if spec.kind in (ChartKind.BAR, ChartKind.COLUMN) \
            else XL_LABEL_POSITION.ABOVE
        labels.font.size = Pt(font_pt * 0.9)
        labels.font.color.rgb = rgb(pal.text)

    value_axis = chart.value_axis
    value_axis.minimum_scale = scale.lo
    value_axis.maximum_scale = scale.hi
    value_axis.major_unit = scale.step
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = rgb(pal.line)
    value_axis.format.line.fill.background()
    value_axis.tick_labels.font.color.rgb = rgb(pal.muted)
    value_axis.tick_labels.font.size = Pt(font_pt * 0.9)
    value_axis.tick_labels.number_format = excel_format(scale.tick_decimals, spec.unit)
    value_axis.tick_labels.number_format_is_linked = False
    category_axis = chart.category_axis
    category_axis.format.line.color.rgb = rgb(pal.muted)
    category_axis.tick_labels.font.color.rgb = rgb(pal.text)
    category_axis.tick_labels.font.size = Pt(font_pt * 0.9)
    category_axis.has_major_gridlines = False
    category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if spec.kind is ChartKind.BAR:
        # The first category on top, as the preview reads; the value axis then crosses at the last category,
        # which is drawn at the bottom, so its numbers stay under the bars.
        category_axis.reverse_order = True
        crosses = value_axis._element.find(qn("c:crosses"))
        if crosses is not None:
            crosses.set("val", "max")
    v_title, c_title = value_title(spec), category_title(spec)
    if v_title:
        _title(value_axis, v_title, pal.muted, stack, font_pt * 0.9)
    if c_title:
        _title(category_axis, c_title, pal.muted, stack, font_pt * 0.9)
    return chart
