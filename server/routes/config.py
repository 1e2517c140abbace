"""/config: what the canvas app needs to know about this server before it draws its prompt bar."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from modalities import registry
from modalities.spec import ModalitySpec
from renderers.theme import THEMES

from ..security import has_token

router = APIRouter(tags=["config"])


class LLMInfo(BaseModel):
    configured: bool = Field(description="Whether an LLM planner is set up; the app offers the planner choice then.")
    model: str | None = Field(default=None, description="The configured model's name, when one is named.")


class Limits(BaseModel):
    max_prompt_chars: int
    max_content_chars: int
    max_body_bytes: int


class Access(BaseModel):
    token_required: bool = Field(description="Whether API calls need the server's token (ATELIER_API_TOKEN).")
    signed_in: bool = Field(description="Whether this request already carries it (header or session cookie).")


class ModalityLabels(BaseModel):
    name: str = Field(description="A menu entry or card badge, e.g. 'Slides'.")
    noun: str = Field(description="In a sentence, e.g. 'a slide deck'.")
    what: str = Field(description="What one answer is called, e.g. 'deck'.")


class ModalityInfo(BaseModel):
    """What the app needs to know to offer, follow and show one modality (from its ModalitySpec)."""

    name: str = Field(description="The value of a request's and a plan's `modality`.")
    labels: dict[str, ModalityLabels] = Field(description="By language: 'en', 'zh'.")
    card: str = Field(description="How the canvas shows an answer: scene, picture, deck, widget or video.")
    viewer: str = Field(description="How /embed shows it: page, slides, picture, board or video.")
    steps: list[str] = Field(description="The progress events a render sends, in order: `render` steps and `file` "
                                         "names; a progress bar advances by their count.")
    formats: list[str] = Field(description="The ?format= values a render of this modality can answer.")

    @classmethod
    def of(cls, spec: ModalitySpec) -> ModalityInfo:
        return cls(name=spec.name, labels={k: ModalityLabels(**vars(v)) for k, v in spec.labels.items()},
                   card=spec.card, viewer=spec.embed.viewer, steps=list(spec.steps), formats=spec.formats)


class Config(BaseModel):
    modalities: list[ModalityInfo] = Field(description="The modalities this server renders, in routing order.")
    planners: list[str] = Field(description="Planners a request may name.")
    themes: list[str]
    default_theme: str
    llm: LLMInfo
    limits: Limits
    access: Access


@router.get("/config", response_model=Config, summary="What this server offers: modalities, planners, limits")
async def get_config(request: Request) -> Config:
    settings = request.app.state.settings
    # The LLM settings come with the LLM planner; a server without them has no model to offer.
    configured = bool(getattr(settings, "llm_configured", False))
    model = getattr(settings, "llm_model", None) if configured else None
    return Config(
        modalities=[ModalityInfo.of(spec) for spec in registry.specs().values()],
        planners=["auto", "offline", "llm"] if configured else ["offline"],
        themes=list(THEMES),
        default_theme=settings.theme,
        llm=LLMInfo(configured=configured, model=model),
        limits=Limits(max_prompt_chars=settings.max_prompt_chars, max_content_chars=settings.max_content_chars,
                      max_body_bytes=settings.max_body_bytes),
        access=Access(token_required=settings.api_token is not None, signed_in=has_token(request)),
    )
