"""The manifest: what a render produced and how, written as manifest.json and returned by the API."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from renderers.base import RenderWarning


class PlannerInfo(BaseModel):
    name: str = Field(description="Which planner wrote the plan: 'offline', 'llm' or 'given' (a plan was supplied).")
    rationale: str = Field(description="Why this modality.")
    alternatives: list[str] = Field(description="Runner-up modalities, best first.")
    autonomy: Literal["full", "content", "none"] = Field(
        default="full", description="What the planner decided: 'full' (the form and the content), 'content' (the "
        "user fixed the form), 'none' (the user gave the plan, rendered as is).")
    model: str | None = Field(default=None, description="The language model that wrote the plan, if one did.")
    prompt_version: str | None = Field(default=None, description="Version of the prompt templates the model was given.")


class FileInfo(BaseModel):
    name: str
    media_type: str
    role: str = Field(description="primary, export, preview or source")
    bytes: int
    url: str


class Timings(BaseModel):
    plan: float
    render: float
    total: float


class EmbedInfo(BaseModel):
    """How to put this render on another page (see server/embedding.py)."""

    url: str = Field(description="The embeddable page: the widget itself, or a viewer for the other modalities.")
    oembed: str = Field(description="This render's oEmbed endpoint (JSON, type 'rich').")
    width: int = Field(description="Natural width of the embed, in CSS pixels.")
    height: int = Field(description="Natural height of the embed at that width, in CSS pixels.")
    sandbox: str = Field(description="The iframe sandbox the embed needs; the snippets carry it.")
    iframe: str = Field(description="Copy-paste HTML: a sandboxed iframe at the natural height.")
    script: str = Field(description="Copy-paste HTML: the iframe and the loader script, which keeps the iframe as tall "
                                    "as its content.")


class Manifest(BaseModel):
    id: str
    created: str = Field(description="UTC time the render finished, ISO 8601.")
    modality: str
    title: str
    theme: str
    schema_version: str
    planner: PlannerInfo
    files: list[FileInfo]
    warnings: list[RenderWarning]
    timings_ms: Timings
    details: dict[str, Any] = Field(
        default_factory=dict, description="Modality-specific facts (slide count, seed, ...).")
    pending: list[str] = Field(default_factory=list, description="Files still being made (a widget's preview): they "
                               "join `files` a moment after the render is stored; GET /render/{id} shows them.")
    shareable: bool = Field(default=False, description="Shown on public /embed pages when the server has an API token.")
    embed: EmbedInfo | None = Field(default=None, description="Snippets to embed the render; absent for CLI renders.")

    def primary(self) -> FileInfo:
        return next((f for f in self.files if f.role == "primary"), self.files[0])

    def give_up(self, names: list[str], why: str) -> None:
        """Records that pending files will not be made: each becomes a `pdf_skipped` (a PDF) or `preview_skipped`
        warning saying why."""
        for name in names:
            if name in self.pending:
                code = "pdf_skipped" if name.endswith(".pdf") else "preview_skipped"
                self.warnings.append(RenderWarning(code=code, where=name, detail=why))
        self.pending = [name for name in self.pending if name not in names]
