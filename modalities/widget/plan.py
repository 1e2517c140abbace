"""The widget plan: a small interactive tool built from data by trusted templates, or sandboxed custom HTML."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, StringConstraints, model_validator

from renderers.plan.common import (
    SCHEMA_VERSION,
    ChartData,
    Event,
    PlanModel,
    ShortText,
    TableData,
    Text,
    Title,
    printable_str,
)

from . import formula

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,39}$"),
    Field(description="A name usable in formulas: a letter or '_', then letters, digits or '_'."),
]


class ChartWidget(PlanModel):
    kind: Literal["chart"] = "chart"
    chart: ChartData


class TableWidget(PlanModel):
    kind: Literal["table"] = "table"
    table: TableData


class MeasureUnit(PlanModel):
    column: Annotated[str, Text(60)] = Field(description="A measure column's name.")
    unit: Annotated[str, Text(20)] = Field(description="Its unit, e.g. 'mm', 'USD', '%'.")


class ExplorerWidget(PlanModel):
    """A table explored as a chart: the reader picks the measure, which column makes the series, and the view."""

    kind: Literal["explorer"] = "explorer"
    table: TableData = Field(description="The data as given: long format (date, category, value) or wide.")
    x: Annotated[str, Text(60)] = Field(description="The column along the horizontal axis, usually a date or a label.")
    group: Annotated[str, Text(60)] | None = Field(
        default=None, description="For long-format data, the column whose values become the series, e.g. 'Region'.")
    measures: list[Annotated[str, Text(60)]] = Field(
        min_length=1, max_length=12,
        description="Every numeric column to offer, the one shown first first; a picker switches between them.")
    units: list[MeasureUnit] = Field(default_factory=list, max_length=12, description="Units of the measures.")
    chart: Literal["line", "column", "bar"] = Field(default="line", description="The first view: line for time.")
    stacked: bool = Field(default=False, description="Start with the series stacked (parts of a whole).")

    @model_validator(mode="after")
    def _columns(self) -> ExplorerWidget:
        cols = self.table.columns
        named = [self.x, *( [self.group] if self.group else []), *self.measures, *(u.column for u in self.units)]
        missing = sorted({c for c in named if c not in cols})
        if missing:
            raise ValueError(f"columns {', '.join(missing)} are not in the table (its columns: {', '.join(cols)})")
        if self.group == self.x:
            raise ValueError("'group' must be another column than 'x'")
        for m in self.measures:
            c = cols.index(m)
            if m in (self.x, self.group):
                raise ValueError(f"measure '{m}' is also the x or group column")
            values = [r[c] for r in self.table.rows if r[c] not in (None, "")]
            if not values or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
                raise ValueError(f"measure '{m}' must be a column of numbers")
        return self


class CalculatorInput(PlanModel):
    name: Identifier
    label: Annotated[str, Text(80)]
    default: float = Field(description="Starting value.")
    min: float | None = None
    max: float | None = None
    step: float | None = Field(default=None, gt=0)
    unit: Annotated[str, Text(20)] | None = None

    @model_validator(mode="after")
    def _range(self) -> CalculatorInput:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"input '{self.name}' has min greater than max")
        return self


class CalculatorOutput(PlanModel):
    name: Identifier
    label: Annotated[str, Text(80)]
    formula: Annotated[str, Text(300)] = Field(
        description="Arithmetic over input names and earlier outputs: + - * / ^ %, parentheses, comparisons, and "
        "the functions min, max, round, floor, ceil, abs, sqrt, pow, log, exp, if(cond, a, b)."
    )
    unit: Annotated[str, Text(20)] | None = None
    decimals: int = Field(default=2, ge=0, le=10)


class CalculatorWidget(PlanModel):
    kind: Literal["calculator"] = "calculator"
    inputs: list[CalculatorInput] = Field(min_length=1, max_length=20)
    outputs: list[CalculatorOutput] = Field(min_length=1, max_length=20)

    @model_validator(mode="after")
    def _names(self) -> CalculatorWidget:
        names = [i.name for i in self.inputs] + [o.name for o in self.outputs]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"calculator names must be unique; repeated: {', '.join(dupes)}")
        known = {i.name for i in self.inputs}
        for out in self.outputs:
            try:
                tree = formula.parse(out.formula)
            except formula.FormulaError as exc:
                raise ValueError(f"output '{out.name}': formula '{out.formula}': {exc}") from None
            unknown = sorted(formula.names(tree) - known)
            if unknown:
                raise ValueError(
                    f"output '{out.name}' uses {', '.join(unknown)}, which is not an input or an earlier output"
                )
            known.add(out.name)
        return self


class QuizQuestion(PlanModel):
    question: Annotated[str, Text(300)]
    options: list[Annotated[str, Text(200)]] = Field(min_length=2, max_length=6)
    answer: int = Field(ge=0, description="Index (from 0) of the correct option.")
    explanation: Annotated[str, Text(400)] | None = None

    @model_validator(mode="after")
    def _answer_in_range(self) -> QuizQuestion:
        if self.answer >= len(self.options):
            raise ValueError(f"answer {self.answer} is not an option index (0..{len(self.options) - 1})")
        return self


class QuizWidget(PlanModel):
    kind: Literal["quiz"] = "quiz"
    questions: list[QuizQuestion] = Field(min_length=1, max_length=50)


class Flashcard(PlanModel):
    front: Annotated[str, Text(200)]
    back: Annotated[str, Text(400)]


class FlashcardsWidget(PlanModel):
    kind: Literal["flashcards"] = "flashcards"
    cards: list[Flashcard] = Field(min_length=1, max_length=200)


class ChecklistItem(PlanModel):
    text: ShortText
    done: bool = False


class ChecklistWidget(PlanModel):
    kind: Literal["checklist"] = "checklist"
    items: list[ChecklistItem] = Field(min_length=1, max_length=100)


class TimerInterval(PlanModel):
    label: ShortText = Field(description="What this stretch of time is for, e.g. 'Focus' or 'Break'.")
    seconds: int = Field(gt=0, le=86400, description="How long it lasts, in seconds (25 minutes is 1500).")


class CountdownWidget(PlanModel):
    """A countdown to a moment (`target`), or a timer (`intervals`) that counts each interval down in turn from
    Start and then begins again (a Pomodoro timer: 25 minutes of focus, 5 of break). Exactly one of the two."""

    kind: Literal["countdown"] = "countdown"
    target: Annotated[
        str,
        StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?$"),
        Field(description="The moment counted down to, ISO 8601: '2027-01-01' or '2027-01-01T09:00:00+08:00'. "
                          "Leave out for a timer."),
    ] | None = None
    label: Annotated[str, Text(120)] = Field(
        description="What happens then, e.g. 'Launch'; for a timer, its name, e.g. 'Pomodoro'."
    )
    intervals: list[TimerInterval] = Field(
        default_factory=list, max_length=12,
        description="A timer instead of a moment: the intervals counted down one after another when the reader "
                    "presses Start, repeating; the reader can change their minutes.")

    @model_validator(mode="after")
    def _one_of(self) -> CountdownWidget:
        if (self.target is None) == (not self.intervals):
            raise ValueError("a countdown needs either a target moment or timer intervals, not both")
        return self


class TimelineWidget(PlanModel):
    kind: Literal["timeline"] = "timeline"
    events: list[Event] = Field(min_length=1, max_length=100)


class ConverterUnit(PlanModel):
    name: Annotated[str, Text(40)] = Field(description="Unit or currency name, e.g. 'km', 'USD'.")
    per_base: float = Field(gt=0, description="How many of this unit make one base unit (the first unit has 1).")


class ConverterWidget(PlanModel):
    kind: Literal["converter"] = "converter"
    units: list[ConverterUnit] = Field(min_length=2, max_length=40)
    note: Annotated[str, Text(200)] | None = Field(default=None, description="Where the rates come from and when.")


class HtmlWidget(PlanModel):
    kind: Literal["html"] = "html"
    html: Annotated[str, StringConstraints(min_length=1, max_length=200_000),
                    BeforeValidator(printable_str)] = Field(  # cleaning last so that it runs first (see Text)
        description="A complete HTML page. It runs in a sandbox with no network access: inline scripts and styles only."
    )


WidgetSpec = Annotated[
    ChartWidget
    | ExplorerWidget
    | TableWidget
    | CalculatorWidget
    | QuizWidget
    | FlashcardsWidget
    | ChecklistWidget
    | CountdownWidget
    | TimelineWidget
    | ConverterWidget
    | HtmlWidget,
    Field(discriminator="kind"),
]


class WidgetPlan(PlanModel):
    """An interactive widget rendered to one self-contained, network-free HTML file."""

    modality: Literal["widget"] = "widget"
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    title: Title
    description: Annotated[str, Text(300)] | None = Field(
        default=None, description="One sentence shown under the title."
    )
    language: Annotated[str, Text(16)] | None = None
    widget: WidgetSpec
