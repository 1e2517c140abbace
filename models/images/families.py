"""Per-family sampling defaults: how many steps, how much guidance, and at what resolution each kind of
text-to-image model draws well.

Few-step distilled models (SD-Turbo, SDXL-Turbo, FLUX.1-schnell, SANA-Sprint, SD3.5-Turbo) are the target: they
need 1-4 steps and no classifier-free guidance, and running them with a base model's 30 steps and guidance 7.5
only makes them slow and burnt. The family is recognised from the pipeline class in `model_index.json` and a
word in the model's name ("turbo", "schnell", ...), since a distilled model keeps its base model's class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# What a picture inside a deck or an infographic must not show; used only by models that take negative prompts.
DEFAULT_NEGATIVE = "text, letters, words, watermark, signature, logo, blurry, low quality, deformed"


@dataclass(frozen=True)
class Family:
    name: str
    steps: int
    guidance: float | None  # None: leave the pipeline's own default
    native_side: int | None  # trained resolution; None: read from the model's configs
    multiple: int | None  # sampling grid in pixels; None: read from the model's configs
    takes_negative: bool = False  # classifier-free guidance with a negative prompt
    call_options: dict[str, Any] = field(default_factory=dict)  # extra pipeline arguments this family needs


# (pipeline class, a word in the model's name or "" for any) -> family, most specific first.
_FAMILIES: list[tuple[str, tuple[str, ...], Family]] = [
    ("StableDiffusionPipeline", ("turbo",), Family("sd-turbo", 1, 0.0, 512, None)),
    ("StableDiffusionXLPipeline", ("turbo",), Family("sdxl-turbo", 1, 0.0, 512, None)),
    ("StableDiffusionXLPipeline", ("lightning", "hyper", "dmd"), Family("sdxl-few-step", 4, 0.0, 1024, None)),
    ("StableDiffusion3Pipeline", ("turbo",), Family("sd3-turbo", 4, 0.0, 1024, 16)),
    ("FluxPipeline", ("schnell",), Family("flux-schnell", 4, 0.0, 1024, 16, call_options={"max_sequence_length": 256})),
    ("SanaSprintPipeline", (), Family("sana-sprint", 2, 4.5, 1024, 32, call_options={"clean_caption": False})),
    ("FluxPipeline", (), Family("flux", 28, 3.5, 1024, 16)),
    ("SanaPipeline", (), Family("sana", 20, 4.5, 1024, 32, takes_negative=True,
                                      call_options={"clean_caption": False})),
    ("StableDiffusion3Pipeline", (), Family("sd3", 28, 7.0, 1024, 16, takes_negative=True)),
    ("StableDiffusionXLPipeline", (), Family("sdxl", 30, 5.0, 1024, None, takes_negative=True)),
    ("PixArtSigmaPipeline", (), Family("pixart-sigma", 20, 4.5, 1024, 16, takes_negative=True)),
    ("StableDiffusionPipeline", (), Family("stable-diffusion", 25, 7.5, None, None, takes_negative=True)),
]

UNKNOWN = Family("unknown", 20, None, None, None)


def family_for(pipeline_class: str, model_name: str) -> Family:
    """The sampling defaults for a pipeline class and model name; `UNKNOWN` (20 steps, the pipeline's own
    guidance) for a class this table does not know."""
    name = model_name.lower()
    for cls, words, family in _FAMILIES:
        if cls == pipeline_class and (not words or any(w in name for w in words)):
            return family
    return UNKNOWN
