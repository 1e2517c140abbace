"""The infographic plan: a one-page visual summary made of blocks (stats, lists, steps, timeline, ...)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from renderers.plan.common import SCHEMA_VERSION, ChartData, Event, ImageRequest, PlanModel, ShortText, Text, Title

IconHint = Annotated[
    str | None,
    Field(
        default=None,
        max_length=40,
        description="Optional icon keyword in English, e.g. 'money', 'users', 'clock'; chosen from the text if "
        "omitted.",
    ),
]


class StatItem(PlanModel):
    value: Annotated[str, Text(24)] = Field(description="The big number as shown, e.g. '73%', '2.4M', '120 億'.")
    label: Annotated[str, Text(120)] = Field(description="What the number measures, in a few words.")
    icon: IconHint = None


class StatBlock(PlanModel):
    kind: Literal["stat"] = "stat"
    heading: Annotated[str, Text(100)] | None = None
    items: list[StatItem] = Field(min_length=1, max_length=4, description="One to four key numbers shown side by side.")


class ListItem(PlanModel):
    text: ShortText
    icon: IconHint = None


class ListBlock(PlanModel):
    kind: Literal["list"] = "list"
    heading: Annotated[str, Text(100)] | None = None
    items: list[ListItem] = Field(min_length=1, max_length=8, description="Short points, each with an icon.")


class Step(PlanModel):
    title: Annotated[str, Text(100)] = Field(description="The step, in a few words.")
    detail: Annotated[str, Text(240)] | None = None


class StepsBlock(PlanModel):
    kind: Literal["steps"] = "steps"
    heading: Annotated[str, Text(100)] | None = None
    steps: list[Step] = Field(min_length=2, max_length=8, description="Numbered steps in order.")


class TimelineBlock(PlanModel):
    kind: Literal["timeline"] = "timeline"
    heading: Annotated[str, Text(100)] | None = None
    events: list[Event] = Field(min_length=2, max_length=10)


class ComparisonColumn(PlanModel):
    title: Annotated[str, Text(60)] = Field(description="What this column is, e.g. 'Before' or 'Option A'.")
    points: list[Annotated[str, Text(160)]] = Field(min_length=1, max_length=6)


class ComparisonBlock(PlanModel):
    kind: Literal["comparison"] = "comparison"
    heading: Annotated[str, Text(100)] | None = None
    columns: list[ComparisonColumn] = Field(min_length=2, max_length=3)


class ChartBlock(PlanModel):
    kind: Literal["chart"] = "chart"
    heading: Annotated[str, Text(100)] | None = None
    chart: ChartData


class QuoteBlock(PlanModel):
    kind: Literal["quote"] = "quote"
    text: Annotated[str, Text(300)]
    attribution: Annotated[str, Text(100)] | None = None


class TextBlock(PlanModel):
    kind: Literal["text"] = "text"
    heading: Annotated[str, Text(100)] | None = None
    text: Annotated[str, Text(600)]


Block = Annotated[
    StatBlock | ListBlock | StepsBlock | TimelineBlock | ComparisonBlock | ChartBlock | QuoteBlock | TextBlock,
    Field(discriminator="kind"),
]


class Orientation(StrEnum):
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


class InfographicPlan(PlanModel):
    """A one-page infographic rendered to SVG, PNG and a one-slide PPTX."""

    modality: Literal["infographic"] = "infographic"
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    title: Title
    subtitle: Annotated[str, Text(240)] | None = None
    language: Annotated[str, Text(16)] | None = Field(
        default=None, description="BCP 47 tag such as 'en' or 'zh-TW'; detected if omitted.")
    orientation: Orientation = Field(
        default=Orientation.PORTRAIT, description="portrait: a tall page to scroll; landscape: one 16:9 screen."
    )
    hero_image: ImageRequest | None = Field(default=None, description="Optional illustration beside the title.")
    blocks: list[Block] = Field(min_length=1, max_length=12, description="The content blocks, top to bottom.")
    source: Annotated[str, Text(200)] | None = Field(
        default=None, description="Where the facts come from, shown in the footer."
    )
