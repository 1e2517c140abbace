"""Charts tell the truth: never two units on one axis, axes titled with column and unit, data labels for few points,
a legend only for several series, and the same order, scale and legend position in the preview and the PPTX."""

from __future__ import annotations

from pptx import Presentation
from pptx.oxml.ns import qn

from modalities.registry import parse_plan, render
from models.images.fallback import FallbackImageBackend
from renderers.base import RenderContext
from renderers.chart.geometry import Label, chart_marks, value_scale
from renderers.chart.units import has_legend, name_unit, show_values, split_by_unit, value_title
from renderers.layout.geometry import Rect
from renderers.plan.common import ChartData
from renderers.theme import get_theme

MIXED = {"kind": "column", "categories": ["North", "South", "East"], "x_label": "Region",
         "series": [{"name": "Revenue", "unit": "USD", "values": [420, 380, 510]},
                    {"name": "Margin (%)", "values": [12.5, 9.8, 14.1]},
                    {"name": "Cost", "unit": "USD", "values": [300, 310, 350]}]}


def deck_charts(chart: dict, tmp_path, caption: str | None = None):
    slide = {"layout": "chart", "title": "Chart", "chart": chart}
    if caption:
        slide["caption"] = caption
    plan = parse_plan({"modality": "slides", "title": "T", "slides": [slide]})
    ctx = RenderContext(out_dir=tmp_path, theme=get_theme("light"), images=FallbackImageBackend(),
                        options={"pdf": False})
    result = render(plan, ctx)
    prs = Presentation(str(tmp_path / "deck.pptx"))
    return [sh.chart for sh in prs.slides[0].shapes if sh.has_chart], result


def axis_title(axis) -> str | None:
    return axis.axis_title.text_frame.text if axis.has_title else None


def test_series_in_different_units_become_one_chart_per_unit(tmp_path):
    parts = split_by_unit(ChartData.model_validate(MIXED))
    assert [(p.unit, [s.name for s in p.series]) for p in parts] == [("USD", ["Revenue", "Cost"]),
                                                                      ("%", ["Margin (%)"])]
    charts, result = deck_charts(MIXED, tmp_path)
    assert len(charts) == 2
    assert [[s.name for s in c.plots[0].series] for c in charts] == [["Revenue", "Cost"], ["Margin (%)"]]
    assert [axis_title(c.value_axis) for c in charts] == ["USD", "Margin (%)"]
    assert all(axis_title(c.category_axis) == "Region" for c in charts)
    assert charts[1].value_axis.tick_labels.number_format.endswith('"%"')
    assert not [w for w in result.warnings if w.code in ("overlap", "off_canvas", "text_overflow")]


def test_units_named_in_series_names_count():
    assert name_unit("Revenue (USD)") == "USD"
    assert name_unit("營收（新台幣）") == "新台幣"
    assert name_unit("Share %") == "%"
    assert name_unit("Revenue") is None


def test_value_axis_is_titled_with_what_and_unit():
    one = ChartData(kind="line", categories=["2023", "2024"], unit="km",
                    series=[{"name": "Distance", "values": [1, 2]}])
    assert value_title(one) == "Distance (km)"
    labelled = one.model_copy(update={"y_label": "Distance walked (km)"})
    assert value_title(labelled) == "Distance walked (km)", "a unit the label already names is not repeated"
    two = ChartData(kind="line", categories=["a", "b"], series=[{"name": "A", "values": [1, 2]},
                                                                   {"name": "B", "values": [2, 3]}])
    assert value_title(two) is None, "nothing to say: no label, no unit, several series"


def test_legend_only_for_several_series_and_data_labels_for_few_points(tmp_path):
    single = {"kind": "column", "categories": ["a", "b", "c"], "series": [{"name": "S", "values": [1, 2, 3]}]}
    charts, _ = deck_charts(single, tmp_path / "one")
    assert not charts[0].has_legend
    assert charts[0].plots[0].has_data_labels
    many = {"kind": "column", "categories": [str(i) for i in range(20)],
            "series": [{"name": "A", "values": list(range(20))}, {"name": "B", "values": list(range(20))}]}
    charts, _ = deck_charts(many, tmp_path / "many")
    assert charts[0].has_legend and not charts[0].plots[0].has_data_labels
    legend = charts[0].legend._element
    assert legend.find(qn("c:legendPos")).get("val") == "t"
    manual = legend.find(qn("c:layout")).find(qn("c:manualLayout"))
    assert manual is not None, "the legend sits where the preview's does"
    assert has_legend(ChartData.model_validate(many)) and not show_values(ChartData.model_validate(many))


def test_bar_chart_reads_top_down_in_preview_and_pptx(tmp_path):
    bars = {"kind": "bar", "categories": ["First", "Second", "Third"], "series": [{"name": "S", "values": [3, 2, 1]}]}
    charts, _ = deck_charts(bars, tmp_path)
    cat_ax = charts[0].category_axis
    assert cat_ax.reverse_order, "PowerPoint draws the first category at the bottom unless the axis is reversed"
    assert charts[0].value_axis._element.find(qn("c:crosses")).get("val") == "max", "value numbers stay at the foot"
    marks = chart_marks(ChartData.model_validate(bars), Rect(0, 0, 600, 300), get_theme("light"), size=14)
    labels = [m for m in marks.marks if isinstance(m, Label) and m.text in bars["categories"]]
    assert [m.text for m in sorted(labels, key=lambda m: m.y)] == ["First", "Second", "Third"]


def test_pptx_value_axis_has_the_previews_scale_and_no_title_the_plan_lacks(tmp_path):
    chart = {"kind": "line", "categories": ["Jan", "Feb", "Mar"], "series": [{"name": "A", "values": [95, 102, 110]},
                                                                          {"name": "B", "values": [97, 99, 104]}]}
    charts, _ = deck_charts(chart, tmp_path)
    scale = value_scale(ChartData.model_validate(chart))
    axis = charts[0].value_axis
    assert (axis.minimum_scale, axis.maximum_scale, axis.major_unit) == (scale.lo, scale.hi, scale.step)
    assert scale.lo > 0, "a line far from zero keeps its axis near its values"
    assert not axis.has_title and not charts[0].category_axis.has_title, "no axis title the plan does not give"
    plot = charts[0]._chartSpace.chart.plotArea
    assert plot.find(qn("c:layout")).find(qn("c:manualLayout")) is not None


def test_pie_labels_every_wedge_with_its_share(tmp_path):
    pie = {"kind": "doughnut", "categories": ["Tea", "Coffee", "Water"], "unit": "%",
           "series": [{"name": "Drinks", "values": [25, 50, 25]}]}
    charts, _ = deck_charts(pie, tmp_path)
    plot = charts[0].plots[0]
    assert plot.has_data_labels and charts[0].has_legend
    labels = plot._element.findall(".//" + qn("c:dLbl"))
    assert len(labels) == 3
    assert all(lbl.find(qn("c:showPercent")).get("val") == "1" for lbl in labels)
    marks = chart_marks(ChartData.model_validate(pie), Rect(0, 0, 600, 300), get_theme("light"), size=14)
    assert {m.text for m in marks.marks if isinstance(m, Label) and m.text.endswith("%")} == {"25%", "50%"}
