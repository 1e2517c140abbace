"""Offline widget building: data becomes an interactive chart or table; requests that name a calculator,
converter, quiz, flashcards, checklist, countdown or timeline get that widget, with the parameters the text gives
(amounts, rates, terms, exchange rates, dates, list items, formulas written as `name = expression` lines)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from models.planners.base import PlanRequest
from models.planners.offline.common import chart_from_table, dated_items, is_zh, numeric_columns, topic_of
from models.planners.offline.condense import sentences, shorten
from models.planners.offline.document import Document
from models.planners.offline.outline import outline_for
from renderers.layout.script import cjk_ratio
from renderers.plan.common import TableData

from . import plan as G
from .params import (
    assign_defaults,
    exchange_rates,
    find_moment,
    formula_calculator,
    inline_list,
    quantities,
    timer_intervals,
)

# Calculators people ask for by name. Inputs: (name, label, default, min, max, step, unit, cue); the cue says which
# quantity in the request sets the input (see widget_params.quantities).
CALCULATORS: list[tuple[tuple[str, ...], dict, dict]] = [
    (("loan", "mortgage", "貸款", "房貸", "車貸"),
     {"title": "Loan payment calculator", "inputs": [
         ("principal", "Loan amount", 300000, 1000, 5000000, 1000, None, "amount"),
         ("rate", "Annual interest rate", 4.5, 0, 20, 0.05, "%", "percent"),
         ("years", "Term", 30, 1, 40, 1, "years", "years")],
      "outputs": [("monthly_rate", "Monthly rate", "rate / 100 / 12", None, 5),
                  ("payments", "Number of payments", "years * 12", None, 0),
                  ("payment", "Monthly payment", "if(monthly_rate == 0, principal / payments, "
                   "principal * monthly_rate / (1 - (1 + monthly_rate) ^ -payments))", None, 2),
                  ("total_interest", "Total interest", "payment * payments - principal", None, 2)]},
     {"title": "貸款月付金試算", "labels": ["貸款金額", "年利率", "期限", "月利率", "期數", "每月應付", "總利息"],
      "units": [None, "%", "年"]}),
    (("bmi", "body mass", "身體質量", "體重指數"),
     {"title": "BMI calculator", "inputs": [
         ("height_cm", "Height", 170, 100, 230, 1, "cm", "cm"), ("weight_kg", "Weight", 65, 20, 250, 0.5, "kg", "kg")],
      "outputs": [("bmi", "BMI", "weight_kg / (height_cm / 100) ^ 2", None, 1)]},
     {"title": "BMI 計算機", "labels": ["身高", "體重", "BMI"], "units": ["公分", "公斤"]}),
    (("compound", "複利", "savings", "儲蓄", "投資報酬"),
     {"title": "Compound interest calculator", "inputs": [
         ("start", "Starting amount", 10000, 0, 10000000, 100, None, "amount"),
         ("monthly", "Monthly contribution", 500, 0, 100000, 10, None, "amount"),
         ("rate", "Annual return", 5, 0, 30, 0.1, "%", "percent"), ("years", "Years", 10, 1, 60, 1, "years", "years")],
      "outputs": [("r", "Monthly return", "rate / 100 / 12", None, 5), ("n", "Months", "years * 12", None, 0),
                  ("total", "Final balance",
                   "if(r == 0, start + monthly * n, start * (1 + r) ^ n + monthly * ((1 + r) ^ n - 1) / r)", None, 2),
                  ("paid_in", "Total paid in", "start + monthly * n", None, 2),
                  ("growth", "Growth", "total - paid_in", None, 2)]},
     {"title": "複利試算",
      "labels": ["初始金額", "每月投入", "年報酬率", "年數", "月報酬率", "月數", "期末金額", "投入總額", "收益"],
      "units": [None, None, "%", "年"]}),
    (("tip", "小費"),
     {"title": "Tip calculator", "inputs": [
         ("bill", "Bill", 60, 0, 5000, 1, None, "amount"), ("tip", "Tip", 15, 0, 40, 1, "%", "percent"),
         ("people", "People", 2, 1, 30, 1, None, "people")],
      "outputs": [("tip_amount", "Tip", "bill * tip / 100", None, 2), ("total", "Total", "bill + tip_amount", None, 2),
                  ("each", "Each person pays", "total / people", None, 2)]},
     {"title": "小費計算機", "labels": ["帳單", "小費", "人數", "小費金額", "總計", "每人應付"],
      "units": [None, "%", None]}),
    (("discount", "折扣", "打折", "sale price", "% off"),
     {"title": "Discount calculator", "inputs": [
         ("price", "Original price", 100, 0, 1000000, 1, None, "amount"),
         ("off", "Discount", 20, 0, 100, 1, "%", "percent")],
      "outputs": [("saved", "You save", "price * off / 100", None, 2),
                  ("final", "Final price", "price - saved", None, 2)]},
     {"title": "折扣計算機", "labels": ["原價", "折扣", "省下", "折後價"], "units": [None, "%"]}),
]

CONVERTERS: list[tuple[tuple[str, ...], str, str, list[tuple[str, float]]]] = [
    (("length", "distance", "km", "mile", "長度", "距離", "公里", "英里"), "Length converter", "長度換算",
     [("m", 1), ("km", 0.001), ("cm", 100), ("mm", 1000), ("mile", 1 / 1609.344), ("yard", 1.0936133),
      ("foot", 3.2808399), ("inch", 39.3700787)]),
    (("weight", "mass", "kg", "pound", "lb", "重量", "公斤", "磅", "台斤"), "Weight converter", "重量換算",
     [("kg", 1), ("g", 1000), ("lb", 2.20462262), ("oz", 35.2739619), ("台斤", 1 / 0.6)]),
    (("volume", "liter", "litre", "gallon", "容量", "公升"), "Volume converter", "容量換算",
     [("L", 1), ("mL", 1000), ("US gallon", 0.264172052), ("US cup", 4.22675284)]),
    (("area", "坪", "square meter", "面積", "平方公尺"), "Area converter", "面積換算",
     [("m²", 1), ("坪", 0.3025), ("ft²", 10.7639104), ("acre", 0.000247105381)]),
]

_QA = re.compile(r"^\s*(?:Q\d*|問|題目?)\s*[:：.]\s*(.+)$", re.IGNORECASE)
_OPTION = re.compile(r"^\s*[\(（]?([A-Fa-f])[\)）.:：]\s*(.+)$")
_ANSWER = re.compile(r"^\s*(?:A(?:nswer)?|答案|解答)\s*[:：]\s*\(?([A-Fa-f])\)?", re.IGNORECASE)
_TERM = re.compile(r"^\s*[-*•]?\s*([^:：—–]{1,60}?)\s*(?:[:：]|\s[—–-]\s)\s*(.{2,400})$")
_COUNTDOWN_LABEL = re.compile(r"(?:countdown|count down|timer)\s+(?:to|until|till|for)\s+(?:the\s+)?(.+)",
                              re.IGNORECASE)
_ZH_COUNTDOWN_LABEL = re.compile(r"(?:倒數|距離)(?:計時)?(?:到|至)?(.+)")

_WORDS = {
    "calculator": ("calculator", "calculate", "compute", "estimator", "計算", "試算"),
    "converter": ("converter", "convert", "conversion", "exchange rate", "換算", "轉換", "匯率"),
    "quiz": ("quiz", "test yourself", "exam", "測驗", "考題", "考試"),
    "flashcards": ("flashcard", "flash card", "閃卡", "單字卡", "字卡"),
    "checklist": ("checklist", "check list", "to-do", "todo", "清單", "檢查表", "待辦"),
    "countdown": ("countdown", "count down", "timer", "倒數", "計時"),
    "timeline": ("timeline", "時間軸", "年表", "大事記"),
    "table": ("table", "sortable", "filterable", "表格", "排序", "篩選"),
}


def _wants(prompt: str, what: str) -> bool:
    p = prompt.lower()
    return any(w in p for w in _WORDS[what])


def _calculator(text: str, zh: bool) -> tuple[G.CalculatorWidget, str] | None:
    """A named calculator, with the amounts, rates and terms the text gives as its starting values."""
    low = text.lower()
    for words, en, tw in CALCULATORS:
        if any(w in low for w in words):
            n_in = len(en["inputs"])
            inputs = [G.CalculatorInput(name=name, label=tw["labels"][k] if zh else label, default=default, min=lo,
                                        max=hi, step=step, unit=(tw["units"][k] if zh else unit))
                      for k, (name, label, default, lo, hi, step, unit, _) in enumerate(en["inputs"])]
            inputs = assign_defaults(inputs, [cue for *_, cue in en["inputs"]], quantities(text))
            outputs = [G.CalculatorOutput(name=name, label=tw["labels"][n_in + k] if zh else label, formula=f,
                                          unit=unit, decimals=dec)
                       for k, (name, label, f, unit, dec) in enumerate(en["outputs"])]
            return G.CalculatorWidget(inputs=inputs, outputs=outputs), (tw["title"] if zh else en["title"])
    return None


def _converter(text: str, zh: bool) -> tuple[G.ConverterWidget, str] | None:
    rates = exchange_rates(text)
    if rates:
        base = rates[0][0]
        units = [G.ConverterUnit(name=base, per_base=1.0)]
        for a, b, rate in rates:
            names = {u.name for u in units}
            if a == base and b not in names:
                units.append(G.ConverterUnit(name=b, per_base=rate))
            elif b == base and a not in names:  # '1 EUR = 1.08 USD' with USD as the base: 1 USD = 1/1.08 EUR
                units.append(G.ConverterUnit(name=a, per_base=1 / rate))
        if len(units) >= 2:
            return G.ConverterWidget(units=units, note="匯率取自輸入內容" if zh else "Rates as given in the request"), (
                "匯率換算" if zh else "Currency converter")
    low = text.lower()
    for words, title, title_zh, factors in CONVERTERS:
        if any(w in low for w in words):
            return G.ConverterWidget(units=[G.ConverterUnit(name=n, per_base=f) for n, f in factors]), (
                title_zh if zh else title)
    return None


@dataclass
class _Question:
    """A quiz question as it is read from the text, before it is checked."""

    text: str
    options: list[str] = field(default_factory=list)
    answer: int = 0  # the index of the right option
    why: str | None = None


def _quiz(lines: list[str]) -> G.QuizWidget | None:
    questions: list[_Question] = []
    current: _Question | None = None
    for line in lines:
        m = _QA.match(line)
        if m or (line.rstrip().endswith(("?", "？")) and not _OPTION.match(line)):
            if current and len(current.options) >= 2:
                questions.append(current)
            current = _Question((m.group(1) if m else line).strip())
            continue
        if current is None:
            continue
        m = _OPTION.match(line)
        if m:
            text = m.group(2).strip()
            if text.endswith(("*", "✓", "✔")):
                current.answer = len(current.options)
                text = text.rstrip("*✓✔ ").strip()
            current.options.append(text)
            continue
        m = _ANSWER.match(line)
        if m:
            current.answer = "abcdef".index(m.group(1).lower())
            rest = line[m.end():].strip(" .。:：-—")
            if rest:
                current.why = rest
    if current and len(current.options) >= 2:
        questions.append(current)
    out = []
    for q in questions[:50]:
        options = q.options[:6]
        answer = q.answer if q.answer < len(options) else 0
        out.append(G.QuizQuestion(question=q.text[:300], options=[o[:200] for o in options], answer=answer,
                                  explanation=q.why[:400] if q.why else None))
    return G.QuizWidget(questions=out) if out else None


def _flashcards(lines: list[str], doc: Document) -> G.FlashcardsWidget | None:
    cards = []
    for line in lines:
        m = _TERM.match(line)
        if m and len(m.group(1).split()) <= 8:
            cards.append(G.Flashcard(front=m.group(1).strip()[:200], back=m.group(2).strip()[:400]))
    for t in doc.tables:
        if len(t.columns) == 2:
            cards.extend(G.Flashcard(front=str(r[0])[:200], back=str(r[1])[:400]) for r in t.rows if r[0] and r[1])
    return G.FlashcardsWidget(cards=cards[:200]) if len(cards) >= 2 else None


def _countdown(prompt: str, text: str, title: str) -> tuple[G.CountdownWidget, str] | None:
    """A countdown to the first date in the text, labelled with what the request says happens then."""
    found = find_moment(text)
    if found is None:
        return None
    moment, (start, end) = found
    label = None
    for pattern in (_COUNTDOWN_LABEL, _ZH_COUNTDOWN_LABEL):
        m = pattern.search(prompt)
        if m:
            label = re.sub(r"\s+(?:on|at|in)\s*$|[在於]$", "", m.group(1).replace(text[start:end], ""))
            label = label.strip(" ,.:：，。")
            break
    if not label:  # "countdown until 25 December 2026": the moment is all there is to name
        label = text[start:end].strip()
    label = label[:120]
    return G.CountdownWidget(target=moment, label=label), label[:1].upper() + label[1:]


def _timer(prompt: str, text: str, title: str, zh: bool) -> tuple[G.CountdownWidget, str] | None:
    """A timer: the intervals the request gives ("40 seconds work, 20 seconds rest"), or a Pomodoro's."""
    intervals = timer_intervals(text, zh)
    if not intervals:
        return None
    label = re.sub(r"\s*(?:timer|countdown|計時器|倒數計時|計時)\s*$", "", title, flags=re.IGNORECASE).strip() or title
    return G.CountdownWidget(label=label[:120], intervals=[G.TimerInterval(label=name[:60], seconds=seconds)
                                                           for name, seconds in intervals]), title


def _checklist_items(request: PlanRequest, doc: Document) -> list[str]:
    items = [i.text for s in doc.all_sections for i in s.items]
    if not items and request.prompt:
        items = inline_list(request.prompt)
    if not items:
        items = [s for p in doc.lead.paragraphs for s in sentences(p)]
    return items


def _data_title(table: TableData, chart_series: list[str] | None, zh: bool) -> str:
    """A title for data given without a request: what is measured, by what."""
    names = chart_series or [table.columns[c] for c in numeric_columns(table)][:3] or table.columns[1:3]
    label = table.columns[0]
    if zh:
        return f"{'、'.join(names)}（依{label}）"[:150]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{listed} by {label}"[:150]


def build_widget(request: PlanRequest, doc: Document) -> tuple[G.WidgetPlan, bool]:
    zh = is_zh(doc, request.prompt)
    title = topic_of(request.prompt, doc)
    text = f"{request.prompt}\n{request.content}"
    lines = [line.strip() for line in request.content.splitlines() if line.strip()]
    spec: G.WidgetSpec | None = None
    scaffold = False
    table = request.data or (doc.tables[0] if doc.tables else None)
    if table is not None and not request.prompt.strip() and doc.is_empty:
        zh = cjk_ratio(" ".join(table.columns + [str(r[0]) for r in table.rows[:20]])) > 0.3

    if table is not None:
        chart = None if _wants(request.prompt, "table") else chart_from_table(table)
        if chart is not None and len(numeric_columns(table)) <= 4:
            spec = G.ChartWidget(chart=chart)
        else:
            spec = G.TableWidget(table=table)
        if not request.prompt.strip() and not doc.title:
            title = _data_title(table, [s.name for s in chart.series] if chart else None, zh)
            title = title[:1].upper() + title[1:]
    elif _wants(request.prompt, "calculator") and (formulas := formula_calculator(lines)):
        spec = formulas
        if "=" in title or title == topic_of("", doc):  # the title came from the formulas, not the request
            title = "計算機" if zh else "Calculator"
    elif _wants(request.prompt, "calculator") and (calculator := _calculator(text, zh)):
        spec, title = calculator
    elif _wants(request.prompt, "converter") and (converter := _converter(text, zh)):
        spec, title = converter
    elif _wants(request.prompt, "quiz"):
        spec = _quiz(lines)
    elif _wants(request.prompt, "flashcards"):
        spec = _flashcards(lines, doc)
    elif _wants(request.prompt, "countdown") and (countdown := _countdown(request.prompt, text, title)):
        spec, title = countdown
    elif (_wants(request.prompt, "countdown") or timer_intervals(request.prompt, zh)) and \
            (timer := _timer(request.prompt, text, title, zh)):
        spec, title = timer
    elif _wants(request.prompt, "timeline"):
        dated = dated_items([i.text for s in doc.all_sections for i in s.items] + lines)
        if dated:
            spec = G.TimelineWidget(events=[G.Event(date=d[:40], title=shorten(t, 120)) for d, t in dated[:100]])
    elif _wants(request.prompt, "checklist"):
        items = _checklist_items(request, doc)
        if items:
            spec = G.ChecklistWidget(items=[G.ChecklistItem(text=shorten(t, 300)) for t in items[:100]])
            named = re.sub(r"^(?:an?|the)\s+", "", re.sub(r"\s*[:：].*$", "", title), flags=re.IGNORECASE).strip()
            title = (named[:1].upper() + named[1:]) if named else title

    if spec is None:
        spec = _fallback(request, doc, lines, title, zh)
        scaffold = spec is None
        if scaffold:
            spec = _scaffold(request.prompt, zh)
    description = None
    if isinstance(spec, G.CountdownWidget) and spec.intervals:
        # The intervals as the user typed them ("40 seconds work · 20 seconds rest"), shown above the timer.
        typed = [i.text for s in doc.all_sections for i in s.items]
        description = " · ".join(typed)[:300] or None
    return G.WidgetPlan(title=title, description=description, language="zh-TW" if zh else "en",
                        widget=spec), scaffold


def _fallback(request: PlanRequest, doc: Document, lines: list[str], title: str, zh: bool):
    """No widget named: pick one the content fits (formulas, quiz-shaped text, terms, a list), else None."""
    for make in (lambda: formula_calculator(lines), lambda: _quiz(lines), lambda: _flashcards(lines, doc)):
        found = make()
        if found:
            return found
    items = [i.text for s in doc.all_sections for i in s.items]
    if items:
        return G.ChecklistWidget(items=[G.ChecklistItem(text=shorten(t, 300)) for t in items[:100]])
    named = _calculator(request.prompt, zh) or _converter(request.prompt, zh)  # with the title they would have
    return named[0] if named else None


def _scaffold(prompt: str, zh: bool):
    """With nothing to build from, the outline the request calls for (outline.py) as something to fill in: a
    table with the options as columns for a comparison or a decision, else a checklist of the outline's items.
    Never the product's own usage hints: they are no answer."""
    o = outline_for(prompt, zh)
    if o.kind in ("compare", "decision") and o.options:
        head = "比較項目" if zh else "Criterion"
        return G.TableWidget(table=TableData(columns=[head, *o.options[:6]],
                                             rows=[[c, *[None] * len(o.options[:6])] for c in o.criteria]))
    colon = "：" if zh else ": "
    items = [f"{part.heading}{colon}{point}" for part in o.parts for point in part.points]
    return G.ChecklistWidget(items=[G.ChecklistItem(text=shorten(t, 300)) for t in items[:100]])
