"""The slides plan: a deck as a list of slides, each a layout kind with exactly the content that layout shows."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from renderers.plan.common import SCHEMA_VERSION, ChartData, ImageRequest, PlanModel, ShortText, TableData, Title, text


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
    subtitle: text(200) | None = Field(default=None, description="A line under the title: the claim, audience or date.")
    image: ImageRequest | None = Field(default=None, description="Optional cover picture.")


class SectionSlide(_Slide):
    layout: Literal["section"] = "section"
    title: Title = Field(description="Name of the section that starts here.")
    subtitle: text(200) | None = Field(default=None, description="Optional one-line description of the section.")


class BulletsSlide(_Slide):
    layout: Literal["bullets"] = "bullets"
    title: Title
    bullets: list[Bullet] = Field(min_length=1, max_length=12, description="The points, at most about six main ones.")


class Column(PlanModel):
    heading: text(80) | None = Field(default=None, description="Column heading, e.g. one side of a comparison.")
    bullets: list[Bullet] = Field(min_length=1, max_length=10)


class TwoColumnSlide(_Slide):
    layout: Literal["two_column"] = "two_column"
    title: Title
    columns: list[Column] = Field(min_length=2, max_length=2, description="Left and right column (e.g. before/after).")


class ChartSlide(_Slide):
    layout: Literal["chart"] = "chart"
    title: Title
    chart: ChartData
    caption: text(200) | None = Field(default=None, description="One sentence saying what the chart shows.")


class ImageSlide(_Slide):
    layout: Literal["image"] = "image"
    title: Title
    image: ImageRequest
    bullets: list[Bullet] = Field(default_factory=list, max_length=6, description="Optional points beside the picture.")


class QuoteSlide(_Slide):
    layout: Literal["quote"] = "quote"
    quote: text(400) = Field(description="The quotation, without quote marks.")
    attribution: text(120) | None = Field(default=None, description="Who said or wrote it.")


class Stat(PlanModel):
    value: text(24) = Field(description="The number as it should appear, with its unit: '42%', '$3.2B', '1,200 萬'.")
    label: text(120) = Field(description="What the number measures.")


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
    title: Title = Field(description="Closing line, e.g. 'Key takeaways' or 'Thank you'.")
    bullets: list[Bullet] = Field(default_factory=list, max_length=6, description="Optional summary points.")


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
    | ClosingSlide,
    Field(discriminator="layout"),
]


class SlidesPlan(PlanModel):
    """A slide deck: 16:9 slides rendered to an editable PPTX with native text, charts and tables."""

    modality: Literal["slides"] = "slides"
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    title: Title = Field(description="The deck's title (also the file's title).")
    subtitle: text(200) | None = None
    language: text(16) | None = Field(
        default=None, description="Main language as a BCP 47 tag, e.g. 'en' or 'zh-TW'; detected when omitted."
    )
    slides: list[Slide] = Field(min_length=1, max_length=60, description="The slides in order.")
