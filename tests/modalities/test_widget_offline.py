"""The offline planner's widgets: data into charts and tables, and tools with the parameters the request gives."""

from __future__ import annotations

import pytest

from modalities.registry import specs
from modalities.widget.formula import evaluate, parse
from modalities.widget.params import exchange_rates, find_moment, inline_list, quantities
from models.data import parse_data
from models.planners.base import PlanRequest
from models.planners.offline import OfflinePlanner

PLANNER = OfflinePlanner(specs())


def plan(prompt: str = "", content: str = "", data: str | None = None):
    result = PLANNER.plan(PlanRequest(prompt=prompt, content=content, data=parse_data(data) if data else None))
    assert result.plan.modality == "widget", result.rationale
    return result.plan


def inputs(p) -> dict[str, float]:
    return {i.name: i.default for i in p.widget.inputs}


def outputs(p, env: dict[str, float]) -> dict[str, float]:
    values = dict(env)
    for o in p.widget.outputs:
        values[o.name] = evaluate(parse(o.formula), values)
    return values


def test_time_series_data_becomes_a_line_chart_named_after_its_columns():
    p = plan(data="month,visitors\n2024-01,120\n2024-02,150\n2024-03,170\n2024-04,160\n")
    assert p.widget.kind == "chart" and p.widget.chart.kind.value == "line"
    assert p.title == "Visitors by month"


def test_categories_become_a_bar_chart_and_chinese_data_gets_a_chinese_title():
    p = plan(data="城市,人口\n台北,2.6\n東京,14\n巴黎,2.1\n")
    assert p.widget.chart.kind.value == "column" and p.language == "zh-TW"
    assert p.title == "人口（依城市）"


def test_asking_for_a_table_or_giving_wide_data_gives_a_sortable_table():
    assert plan("a sortable table", data="name,score\nAnn,3\nBo,5\n").widget.kind == "table"
    wide = "k,a,b,c,d,e\n" + "\n".join(f"r{i},{i},{i},{i},{i},{i}" for i in range(5))
    assert plan(data=wide).widget.kind == "table"


def test_a_loan_calculator_starts_from_the_amount_rate_and_term_in_the_request():
    p = plan("Build an interactive mortgage calculator for a 500,000 loan at 3.2% over 20 years")
    assert p.widget.kind == "calculator"
    assert inputs(p) == {"principal": 500000, "rate": 3.2, "years": 20}
    assert round(outputs(p, inputs(p))["payment"], 2) == 2823.31


def test_chinese_amounts_with_wan_and_out_of_range_values_widen_the_range():
    p = plan("房貸試算 800萬 利率2.1% 30年")
    assert p.title == "貸款月付金試算" and p.widget.inputs[0].label == "貸款金額"
    assert inputs(p) == {"principal": 8_000_000, "rate": 2.1, "years": 30}
    assert p.widget.inputs[0].max >= 8_000_000


def test_calculators_by_name_take_their_units_from_the_text():
    assert inputs(plan("BMI calculator, I am 182 cm and 90 kg")) == {"height_cm": 182, "weight_kg": 90}
    assert inputs(plan("Tip calculator: bill $85, 18% tip, 4 people")) == {"bill": 85, "tip": 18, "people": 4}


def test_formulas_written_in_the_content_become_a_calculator():
    p = plan("Make a calculator", "price = 120\nquantity = 3\ntax_rate (%) = 5\nsubtotal = price * quantity\n"
                                  "total = subtotal * (1 + tax_rate / 100)\nnotes: not a formula")
    assert p.title == "Calculator"
    assert inputs(p) == {"price": 120, "quantity": 3, "tax_rate": 5}
    assert [i.unit for i in p.widget.inputs] == [None, None, "%"]
    assert [o.name for o in p.widget.outputs] == ["subtotal", "total"]
    assert outputs(p, inputs(p))["total"] == pytest.approx(378)


def test_exchange_rates_in_the_request_make_a_currency_converter():
    p = plan("Convert currencies: 1 USD = 32.1 TWD, 1 EUR = 1.08 USD")
    units = {u.name: u.per_base for u in p.widget.units}
    assert units["USD"] == 1 and units["TWD"] == 32.1 and units["EUR"] == pytest.approx(1 / 1.08)
    assert plan("做一個互動的匯率換算工具 USD to TWD at 31.5").title == "匯率換算"
    assert [u.name for u in plan("a length converter").widget.units][:3] == ["m", "km", "cm"]


def test_a_countdown_is_to_the_date_and_time_named_and_labelled_with_the_event():
    p = plan("Make a countdown to the product launch on March 3, 2027 at 9:30")
    assert (p.widget.target, p.widget.label, p.title) == ("2027-03-03T09:30", "product launch", "Product launch")
    p = plan("倒數計時到2027年1月1日新年")
    assert (p.widget.target, p.widget.label) == ("2027-01-01", "新年")


def test_a_checklist_takes_the_items_listed_in_the_request():
    p = plan("A packing checklist: tent, sleeping bag, stove and a lamp")
    assert p.title == "Packing checklist"
    assert [i.text for i in p.widget.items] == ["Tent", "Sleeping bag", "Stove", "A lamp"]


def test_a_quiz_keeps_answers_and_explanations():
    p = plan("A quiz about the solar system", "Q1: Which planet is largest?\nA) Mars\nB) Jupiter\nC) Venus\n"
                                                "Answer: B. It is more massive than all the others combined.")
    q = p.widget.questions[0]
    assert q.options == ["Mars", "Jupiter", "Venus"] and q.answer == 1
    assert q.explanation == "It is more massive than all the others combined"


def test_parameter_readers():
    found = [(q.value, q.cue) for q in quantities("NT$1,200 for 3 months at 2.5 % with 2 people in 2025, 5k more")]
    assert found == [(1200, "amount"), (3, "months"), (2.5, "percent"), (2, "people"), (5000, "amount")]
    assert exchange_rates("1 USD = 32.1 TWD; GBP to USD at 1.27") == [("USD", "TWD", 32.1), ("GBP", "USD", 1.27)]
    assert find_moment("launch on 2027/3/5 at 18:05")[0] == "2027-03-05T18:05"
    assert find_moment("on 5 March 2027, 7:45 pm")[0] == "2027-03-05T19:45"
    assert find_moment("no date here") is None and find_moment("2027-02-30") is None
    assert inline_list("Things to buy：牛奶、雞蛋、麵包") == ["牛奶", "雞蛋", "麵包"]


@pytest.mark.parametrize(("prompt", "intervals", "title"), [
    ("Pomodoro timer", [("Focus", 1500), ("Break", 300)], "Pomodoro timer"),
    ("番茄鐘計時器", [("專注", 1500), ("休息", 300)], "番茄鐘"),
    ("HIIT timer: 40 seconds work, 20 seconds rest", [("Work", 40), ("Rest", 20)], "HIIT timer"),
    ("A 10-minute timer for tea", [("Tea", 600)], "10-minute timer for tea"),
    ("計時器 3 分鐘", [("計時", 180)], "計時器 3 分鐘"),
])
def test_a_timer_request_is_a_countdown_of_intervals_not_a_list_of_usage_hints(prompt, intervals, title):
    result = PLANNER.plan(PlanRequest(prompt=prompt))
    p = result.plan
    assert p.modality == "widget" and not result.warnings
    assert p.widget.kind == "countdown" and p.widget.target is None
    assert [(i.label, i.seconds) for i in p.widget.intervals] == intervals
    assert p.title == title


def test_a_countdown_is_either_to_a_moment_or_a_timer():
    from pydantic import ValidationError

    from modalities.widget.plan import CountdownWidget

    CountdownWidget(target="2027-01-01", label="New year")
    CountdownWidget(label="Tea", intervals=[{"label": "Steep", "seconds": 180}])
    with pytest.raises(ValidationError, match="either a target moment or timer intervals"):
        CountdownWidget(label="Nothing")
    with pytest.raises(ValidationError, match="either a target moment or timer intervals"):
        CountdownWidget(target="2027-01-01", label="Both", intervals=[{"label": "Steep", "seconds": 180}])


def test_a_widget_with_nothing_to_build_from_is_an_outline_not_the_products_help_text():
    result = PLANNER.plan(PlanRequest(prompt="Compare PostgreSQL and MongoDB for a startup", modality="widget"))
    assert [w.code for w in result.warnings] == ["scaffold"]
    table = result.plan.widget.table
    assert table.columns == ["Criterion", "PostgreSQL", "MongoDB"]
    text = result.plan.model_dump_json()
    assert "ATELIER_LLM_BASE_URL" not in text and "Paste data" not in text
