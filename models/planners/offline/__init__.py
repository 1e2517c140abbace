"""The offline planner: structure from what the user gave, no model needed.

It reads the content's outline, chooses a modality from the request's words and the content's shape (unless the
user fixed one), and has that modality's builder (`ModalitySpec.build`) make the plan. Structure typed into the
prompt itself (arrows, numbered steps, dates, conditions, a list after a colon) is content like a pasted document
(prompt_reader.py). A prompt with nothing to structure gets an outline shaped by the kind of request (outline.py),
flagged with a `scaffold` warning.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING

from pydantic import ValidationError

from renderers.base import RenderWarning

from ..base import PlannerResult, PlanRequest
from .coverage import content_dropped
from .document import Document, parse_document
from .prompt_reader import read_prompt
from .router import route

if TYPE_CHECKING:
    from modalities.spec import ModalitySpec

log = logging.getLogger("atelier")


class OfflinePlanner:
    """Plans with the builders of the modalities in `catalog` (name → spec, in routing order)."""

    name = "offline"

    def __init__(self, catalog: Mapping[str, ModalitySpec]):
        self.catalog = catalog

    def plan(self, request: PlanRequest) -> PlannerResult:
        reading = read_prompt(request.prompt) if not request.content.strip() and request.data is None else None
        if reading is not None:
            # The structure typed into the prompt is the content; the words that ask for it stay the request, and
            # are where routing looks for form words (the steps' own words, "說明會" in a step, do not ask for a
            # form), with the kind of structure typed; the classifier reads the whole prompt, as it was trained.
            chosen = route(PlanRequest(prompt=reading.asked), Document(), self.catalog, typed=reading.kind,
                           wording=request.prompt)
            request = PlanRequest(prompt=reading.request, content=reading.content, modality=request.modality)
            doc = parse_document(request.content)
            if not reading.numbered:
                # The reader numbered the steps to keep their order (boards read it from the lines); the user
                # typed arrows or prose, so no deck or page shows a number they never wrote.
                for section in doc.all_sections:
                    for item in section.items:
                        item.number = None
        else:
            doc = parse_document(request.content)
            chosen = route(request, doc, self.catalog)
        if request.modality is not None:
            modality = request.modality
            rationale = f"the request chose {self.catalog[modality].label().noun}"
            alternatives = [m for m in [chosen.modality, *chosen.alternatives] if m != modality][:2]
        else:
            modality, rationale, alternatives = chosen.modality, chosen.rationale, chosen.alternatives
        build = self.catalog[modality].build
        warnings = []
        try:
            plan, scaffold = build(request, doc)
        except ValidationError as exc:
            # A builder produced something the plan refuses: a bug to fix, but the user still gets an outline.
            log.exception("offline %s builder produced an invalid plan", modality, exc_info=exc)
            plan, scaffold = build(PlanRequest(prompt=request.prompt or modality), Document())
            warnings.append(RenderWarning(code="planner_fallback", where="plan",
                                          detail="the content could not be structured, so this is an outline"))
        if not scaffold:
            warnings += content_dropped(doc, plan)
        if scaffold:
            warnings.append(RenderWarning(
                code="scaffold",
                where="plan",
                detail="the request has no content to structure, so this is an outline to fill in; paste a document "
                       "or data, or configure a language model (ATELIER_LLM_BASE_URL) to have the content written",
            ))
        return PlannerResult(plan=plan, planner=self.name, rationale=rationale, alternatives=alternatives,
                             warnings=warnings)
