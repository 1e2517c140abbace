"""The slides plan: a deck as a list of slides, each a layout kind with exactly the content that layout shows."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from renderers.plan.common import (
    SCHEMA_VERSION,
    ChartData,
    Event,
    ImageRequest,
    PlanModel,
    ShortText,
    TableData,
    Text,
    Title,
)


class SlideLayout(StrEnum):
    TITLE = "title"
    SECTION = "section"
    BULLETS = "bullets"
    TWO_COLUMN = "two_column"
    CHART = "chart"
    IMAGE = "image"
    QUOTE = "quote"
    STAT = "stat"
    TABLE = "table"
    CLOSING = "closing"
    AGENDA = "agenda"
    PROCESS = "process"
    TIMELINE = "timeline"
    ICONS = "icons"
    COMPARISON = "comparison"
    TAKEAWAYS = "takeaways"


Notes = Annotated[
    str,
    Field(
        default="",
        max_length=8000,
        description="Speaker notes: the fuller text the slide condenses, or what the presenter should say.",
    ),
]


class Bullet(PlanModel):
    text: ShortText = Field(description="One short point; aim for under 15 words (or 30 Chinese characters).")
    level: int = Field(default=0, ge=0, le=1, description="0 for a main point, 1 for a sub-point under the one before.")


class _Slide(PlanModel):
    notes: Notes = ""


class TitleSlide(_Slide):
    layout: Literal["title"] = "title"
    title: Title = Field(description="The deck's title.")
    subtitle: Annotated[str, Text(200)] | None = Field(
        default=None, description="A line under the title: the claim, audience or date."
    )
    image: ImageRequest | None = Field(default=None, description="Optional cover picture.")


class SectionSlide(_Slide):
    layout: Literal["section"] = "section"
    title: Title = Field(description="Name of the section that starts here.")
    subtitle: Annotated[str, Text(200)] | None = Field(
        default=None, description="Optional one-line description of the section."
    )


class BulletsSlide(_Slide):
    layout: Literal["bullets"] = "bullets"
    title: Title
    bullets: list[Bullet] = Field(min_length=1, max_length=12, description="The points, at most about six main ones.")


class Column(PlanModel):
    heading: Annotated[str, Text(80)] | None = Field(
        default=None, description="Column heading, e.g. one side of a comparison."
    )
    bullets: list[Bullet] = Field(min_length=1, max_length=10)


class TwoColumnSlide(_Slide):
    layout: Literal["two_column"] = "two_column"
    title: Title
    columns: list[Column] = Field(min_length=2, max_length=2, description="Left and right column (e.g. before/after).")


class ChartSlide(_Slide):
    layout: Literal["chart"] = "chart"
    title: Title
    chart: ChartData
    caption: Annotated[str, Text(200)] | None = Field(
        default=None, description="One sentence saying what the chart shows."
    )


class ImageSlide(_Slide):
    layout: Literal["image"] = "image"
    title: Title
    image: ImageRequest
    bullets: list[Bullet] = Field(default_factory=list, max_length=6, description="Optional points beside the picture.")


class QuoteSlide(_Slide):
    layout: Literal["quote"] = "quote"
    quote: Annotated[str, Text(400)] = Field(description="The quotation, without quote marks.")
    attribution: Annotated[str, Text(120)] | None = Field(default=None, description="Who said or wrote it.")


class Stat(PlanModel):
    value: Annotated[str, Text(24)] = Field(
        description="The number as it should appear, with its unit: '42%', '$3.2B', '1,200 萬'."
    )
    label: Annotated[str, Text(120)] = Field(description="What the number measures.")


class StatSlide(_Slide):
    layout: Literal["stat"] = "stat"
    title: Title
    stats: list[Stat] = Field(min_length=1, max_length=4, description="One to four key numbers.")


class TableSlide(_Slide):
    layout: Literal["table"] = "table"
    title: Title
    table: TableData


class ClosingSlide(_Slide):
    layout: Literal["closing"] = "closing"
    title: Title = Field(description="Closing line, e.g. 'Thank you' or 'Questions?'.")
    bullets: list[Bullet] = Field(default_factory=list, max_length=6, description="Optional summary points.")


class AgendaSlide(_Slide):
    layout: Literal["agenda"] = "agenda"
    title: Title = Field(description="Usually 'Agenda' or 'Contents' in the deck's language.")
    items: list[Annotated[str, Text(100)]] = Field(
        min_length=2, max_length=8, description="The deck's parts in order, a few words each (the section titles).")


class ProcessStep(PlanModel):
    title: Annotated[str, Text(60)] = Field(description="The step in a few words, e.g. 'Open a pull request'.")
    detail: Annotated[str, Text(200)] | None = Field(
        default=None, description="One optional short sentence about the step."
    )


class ProcessSlide(_Slide):
    layout: Literal["process"] = "process"
    title: Title
    steps: list[ProcessStep] = Field(
        min_length=2, max_length=6, description="Two to six steps in the order they happen, drawn as a flow.")


class TimelineSlide(_Slide):
    layout: Literal["timeline"] = "timeline"
    title: Title
    events: list[Event] = Field(
        min_length=2, max_length=8,
        description="Two to eight dated events in time order, drawn along one line; keep titles to a few words.")


class IconItem(PlanModel):
    title: Annotated[str, Text(60)] = Field(description="The point in a few words.")
    detail: Annotated[str, Text(160)] | None = Field(default=None, description="One optional short sentence under it.")
    icon: Annotated[str, Text(40)] | None = Field(
        default=None, description="Optional icon keyword in English, e.g. 'shield', 'users', 'clock'; chosen from the "
        "words when omitted.")


class IconsSlide(_Slide):
    layout: Literal["icons"] = "icons"
    title: Title
    items: list[IconItem] = Field(
        min_length=2, max_length=6, description="Two to six short parallel points, each drawn with an icon in a grid.")


class ComparisonRow(PlanModel):
    criterion: Annotated[str, Text(60)] = Field(
        description="What is compared on this row, e.g. 'Cost' or 'Set-up time'."
    )
    values: list[Annotated[str, Text(120)]] = Field(
        min_length=2, max_length=4, description="One short cell per option, in order."
    )


class ComparisonSlide(_Slide):
    layout: Literal["comparison"] = "comparison"
    title: Title
    options: list[Annotated[str, Text(40)]] = Field(
        min_length=2, max_length=4, description="The things compared, as column heads."
    )
    rows: list[ComparisonRow] = Field(
        min_length=1, max_length=7, description="One row per criterion, with one value per option.")

    @model_validator(mode="after")
    def _cells(self) -> ComparisonSlide:
        for i, row in enumerate(self.rows, start=1):
            if len(row.values) != len(self.options):
                raise ValueError(f"row {i} ('{row.criterion}') has {len(row.values)} values but there are "
                                 f"{len(self.options)} options; give one value per option")
        return self


class TakeawaysSlide(_Slide):
    layout: Literal["takeaways"] = "takeaways"
    title: Title = Field(description="Usually 'Key takeaways' in the deck's language.")
    points: list[Annotated[str, Text(200)]] = Field(
        min_length=1, max_length=5, description="One to five conclusions to remember, one short sentence each.")


Slide = Annotated[
    TitleSlide
    | SectionSlide
    | BulletsSlide
    | TwoColumnSlide
    | ChartSlide
    | ImageSlide
    | QuoteSlide
    | StatSlide
    | TableSlide
    | ClosingSlide
    | AgendaSlide
    | ProcessSlide
    | TimelineSlide
    | IconsSlide
    | ComparisonSlide
    | TakeawaysSlide,
    Field(discriminator="layout"),
]

# Each layout's slide model, for callers that write one slide at a time (the LLM planner's outline strategy).
SLIDE_MODELS: dict[str, type[PlanModel]] = {
    model.model_fields["layout"].default: model
    for model in (TitleSlide, SectionSlide, BulletsSlide, TwoColumnSlide, ChartSlide, ImageSlide, QuoteSlide,
                  StatSlide, TableSlide, ClosingSlide, AgendaSlide, ProcessSlide, TimelineSlide, IconsSlide,
                  ComparisonSlide, TakeawaysSlide)
}


class SlidesPlan(PlanModel):
    """A slide deck: 16:9 slides rendered to an editable PPTX with native text, charts and tables."""

    modality: Literal["slides"] = "slides"
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    title: Title = Field(description="The deck's title (also the file's title).")
    subtitle: Annotated[str, Text(200)] | None = None
    language: Annotated[str, Text(16)] | None = Field(
        default=None, description="Main language as a BCP 47 tag, e.g. 'en' or 'zh-TW'; detected when omitted."
    )
    slides: list[Slide] = Field(min_length=1, max_length=60, description="The slides in order.")
