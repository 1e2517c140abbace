"""Pieces of the plan shared by several modalities: image requests, chart and table data, text limits.

Everything here is content and intent. A chart is data plus a kind, never code; an image is a request that the
image backend resolves at render time. Limits keep a plan renderable and tell an LLM what is allowed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Final

from annotated_types import GroupedMetadata
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator

SCHEMA_VERSION: Final = "1.0"


_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def printable(value: str) -> str:
    """The string without control characters, noncharacters and lone surrogates, which no output format can hold
    (XML 1.0 forbids them) and no reader shows."""
    return _UNPRINTABLE.sub("", value)


def printable_str(value: object) -> object:
    """`printable` for strings; anything else passes through for the type check after it to refuse."""
    return printable(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class Text(GroupedMetadata):
    """Limits of a free-text plan field: `Annotated[str, Text(150)]` is a stripped, printable string of 1 to 150
    characters.

    A metadata object rather than a function returning a type, so type checkers read the field as a `str`; pydantic
    expands it into the string constraints and the printable-cleaning validator. The validator comes last so that it
    wraps the constraints and runs first: printable, then stripped, then measured. (Listed first, it would turn the
    constraints into generic checks run before stripping: "   " passed as "", padded text that fits was refused,
    and the message spoke of "items".)"""

    max_length: int
    min_length: int = 1

    def __iter__(self) -> Iterator[object]:
        yield StringConstraints(strip_whitespace=True, min_length=self.min_length, max_length=self.max_length)
        yield BeforeValidator(printable_str)


Title = Annotated[str, Text(150)]
ShortText = Annotated[str, Text(300)]
Label = Annotated[str, Text(120)]


class PlanModel(BaseModel):
    """Base of every plan record: unknown fields are refused so a typo in a hand-written plan is reported."""

    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class ImageRequest(PlanModel):
    """A picture the renderer asks the image backend for; `alt` is shown to screen readers and when images fail."""

    prompt: Annotated[str, Text(400)] = Field(description="What the picture shows, written for a text-to-image model.")
    alt: Annotated[str, Text(200)] = Field(
        description="Alternative text describing the picture for people who cannot see it."
    )
    style: Annotated[str, Text(80)] | None = Field(
        default=None, description="Optional visual style, e.g. 'flat illustration', 'photo', 'watercolour'."
    )


class ChartKind(StrEnum):
    BAR = "bar"
    COLUMN = "column"
    LINE = "line"
    PIE = "pie"
    DOUGHNUT = "doughnut"
    SCATTER = "scatter"


class ChartSeries(PlanModel):
    name: Annotated[str, Text(60)] = Field(description="Series name shown in the legend.")
    values: list[float] = Field(min_length=1, max_length=200, description="One number per category, in order.")
    unit: Annotated[str, Text(20)] | None = Field(
        default=None,
        description="Unit of this series when it differs from the chart's unit (e.g. '%' beside 'USD'). Series "
        "with different units are never drawn on one axis: each unit gets its own chart.",
    )

    @model_validator(mode="after")
    def _finite(self) -> ChartSeries:
        if any(not math.isfinite(v) for v in self.values):
            raise ValueError("chart values must be finite numbers")
        return self


class ChartData(PlanModel):
    """A chart as data: categories along one axis, one or more series of numbers."""

    kind: ChartKind = Field(description="bar (horizontal), column (vertical), line, pie, doughnut or scatter.")
    categories: list[Annotated[str, Text(60)]] = Field(
        min_length=1,
        max_length=200,
        description="Category labels (x axis). For scatter charts, the x values written as numbers.",
    )
    series: list[ChartSeries] = Field(
        min_length=1, max_length=8, description="Data series, each one value per category."
    )
    unit: Annotated[str, Text(20)] | None = Field(
        default=None, description="Unit of the values, e.g. '%', 'USD', 'km'."
    )
    x_label: Annotated[str, Text(60)] | None = Field(
        default=None, description="Axis title for the categories: the name of the column they come from, e.g. 'Month'.")
    y_label: Annotated[str, Text(60)] | None = Field(
        default=None, description="Axis title for the values: what they measure, e.g. 'Revenue'; the unit is added.")

    @model_validator(mode="after")
    def _consistent(self) -> ChartData:
        n = len(self.categories)
        for s in self.series:
            if len(s.values) != n:
                raise ValueError(
                    f"series '{s.name}' has {len(s.values)} values but there are {n} categories; give one value per "
                    "category"
                )
        if self.kind in (ChartKind.PIE, ChartKind.DOUGHNUT):
            if len(self.series) != 1:
                raise ValueError(f"a {self.kind.value} chart shows exactly one series")
            if any(v < 0 for v in self.series[0].values):
                raise ValueError(f"a {self.kind.value} chart cannot show negative values")
        if self.kind is ChartKind.SCATTER:
            try:
                [float(c) for c in self.categories]
            except ValueError:
                raise ValueError("a scatter chart needs numeric categories (the x values)") from None
        return self


# The cleaning validator comes after the constraint so that it runs first (see Text).
Cell = Annotated[str, StringConstraints(max_length=500), BeforeValidator(printable_str)] | float | int | None
Row = Annotated[list[Cell], Field(min_length=1, max_length=20)]


class TableData(PlanModel):
    """Tabular content: column headers and rows of cells (text or numbers)."""

    columns: list[Annotated[str, Text(60)]] = Field(min_length=1, max_length=20, description="Column headers.")
    rows: list[Row] = Field(min_length=1, max_length=2000, description="Rows, each with one cell per column.")

    @model_validator(mode="after")
    def _rectangular(self) -> TableData:
        n = len(self.columns)
        for i, row in enumerate(self.rows, start=1):
            if len(row) != n:
                raise ValueError(f"row {i} has {len(row)} cells but there are {n} columns")
            for cell in row:
                if isinstance(cell, float) and not math.isfinite(cell):
                    raise ValueError(f"row {i} has a number that is not finite")
        return self


class Event(PlanModel):
    """A dated item on a timeline."""

    date: Annotated[str, Text(40)] = Field(
        description="When it happened, as the reader should see it: '2024', 'Mar 2025', '1949年'."
    )
    title: Annotated[str, Text(120)] = Field(description="What happened, in a few words.")
    detail: Annotated[str, Text(300)] | None = Field(default=None, description="One optional sentence of detail.")
