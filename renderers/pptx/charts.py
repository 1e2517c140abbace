"""Native, editable PowerPoint charts from the plan's chart data (python-pptx's chart API), styled by the theme.

The chart's numbers live in the embedded workbook, so "Edit Data" in PowerPoint opens them.
"""

from __future__ import annotations

from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.util import Pt

from ..layout.fonts import FontStack
from ..layout.geometry import Rect
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


def chart_data(chart: ChartData):
    if chart.kind is ChartKind.SCATTER:
        data = XyChartData()
        xs = [float(c) for c in chart.categories]
        for s in chart.series:
            series = data.add_series(s.name)
            for x, y in zip(xs, s.values):
                series.add_data_point(x, y)
        return data
    data = CategoryChartData()
    data.categories = list(chart.categories)
    for s in chart.series:
        data.add_series(s.name, list(s.values))
    return data


def _number_format(chart: ChartData) -> str:
    values = [v for s in chart.series for v in s.values]
    decimals = 0 if all(float(v).is_integer() for v in values) else 1
    base = "#,##0" if decimals == 0 else "#,##0.0"
    if chart.unit == "%":
        return base + '"%"'
    return base


def add_chart(slide, name: str, rect: Rect, spec: ChartData, theme: Theme, stack: FontStack, font_pt: float = 12):
    """A native chart at `rect` (points) with the theme's colours; data labels where they help reading."""
    pal = theme.palette
    r = rect
    frame = slide.shapes.add_chart(CHART_TYPES[spec.kind], Pt(r.x), Pt(r.y), Pt(r.w), Pt(r.h), chart_data(spec))
    frame.name = name
    chart = frame.chart
    chart.has_title = False  # the slide title names the chart
    chart.font.size = Pt(font_pt)
    chart.font.color.rgb = rgb(pal.text)
    style_run_fonts(chart.font._element, stack, " ".join([*spec.categories, *(s.name for s in spec.series)]))

    round_kind = spec.kind in (ChartKind.PIE, ChartKind.DOUGHNUT)
    chart.has_legend = round_kind or len(spec.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.RIGHT if round_kind else XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(font_pt)

    plot = chart.plots[0]
    if round_kind:
        plot.vary_by_categories = True
        for i, point in enumerate(plot.series[0].points):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = rgb(pal.series[i % len(pal.series)])
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.show_percentage = True
        labels.show_value = False
        labels.number_format = "0%"
        labels.number_format_is_linked = False
        labels.font.size = Pt(font_pt)
        labels.font.color.rgb = rgb("#FFFFFF")
    else:
        for i, series in enumerate(plot.series):
            color = rgb(pal.series[i % len(pal.series)])
            if spec.kind in (ChartKind.LINE, ChartKind.SCATTER):
                series.format.line.color.rgb = color
                series.format.line.width = Pt(2.5)
                series.smooth = False
                series.marker.format.fill.solid()
                series.marker.format.fill.fore_color.rgb = color
                series.marker.format.line.color.rgb = color
            else:
                series.format.fill.solid()
                series.format.fill.fore_color.rgb = color
        if spec.kind in (ChartKind.BAR, ChartKind.COLUMN):
            plot.gap_width = 60
            if len(spec.series) == 1 and len(spec.categories) <= 12:
                plot.has_data_labels = True
                labels = plot.data_labels
                labels.number_format = _number_format(spec)
                labels.number_format_is_linked = False
                labels.position = XL_LABEL_POSITION.OUTSIDE_END
                labels.font.size = Pt(font_pt * 0.92)
                labels.font.color.rgb = rgb(pal.text)
        value_axis = chart.value_axis
        value_axis.has_major_gridlines = True
        value_axis.major_gridlines.format.line.color.rgb = rgb(pal.line)
        value_axis.format.line.fill.background()
        value_axis.tick_labels.font.color.rgb = rgb(pal.muted)
        value_axis.tick_labels.number_format = _number_format(spec)
        value_axis.tick_labels.number_format_is_linked = False
        category_axis = chart.category_axis
        category_axis.format.line.color.rgb = rgb(pal.line)
        category_axis.tick_labels.font.color.rgb = rgb(pal.muted)
        if spec.y_label:
            value_axis.has_title = True
            value_axis.axis_title.text_frame.text = spec.y_label
        if spec.x_label:
            category_axis.has_title = True
            category_axis.axis_title.text_frame.text = spec.x_label
    return chart
