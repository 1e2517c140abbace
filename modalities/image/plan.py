"""The image plan: one picture from a text-to-image model (or the offline fallback)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from renderers.plan.common import SCHEMA_VERSION, PlanModel, Text

MIN_SIDE = 256
MAX_SIDE = 2048


class ImagePlan(PlanModel):
    """A picture: the prompt and its settings. The file has exactly `width` x `height` pixels: the model samples
    near its own resolution and the result is cropped to the aspect ratio and resized, never stretched."""

    modality: Literal["image"] = "image"
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    title: Annotated[str, Text(150)] = Field(description="A short title for the picture.")
    prompt: Annotated[str, Text(1000)] = Field(description="What the picture shows, for a text-to-image model.")
    negative_prompt: Annotated[str, Text(500)] | None = Field(
        default=None, description="What the picture must not show."
    )
    width: int = Field(default=1024, ge=MIN_SIDE, le=MAX_SIDE, description="Width in pixels.")
    height: int = Field(default=768, ge=MIN_SIDE, le=MAX_SIDE, description="Height in pixels.")
    style: Annotated[str, Text(80)] | None = Field(
        default=None, description="Visual style, e.g. 'photo', 'flat illustration'."
    )
    seed: int | None = Field(default=None, ge=0, le=2**32 - 1, description="Fixed seed for a reproducible picture.")
    alt: Annotated[str, Text(200)] = Field(description="Alternative text describing the picture.")
