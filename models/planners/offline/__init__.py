"""The offline planner: structure from what the user gave, no model needed.

It reads the content's outline, chooses a modality from the request's words and the content's shape (unless the
user fixed one), and builds that modality's plan. A prompt with nothing to structure gets an honest scaffold,
flagged with a `scaffold` warning.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from pydantic import ValidationError

from renderers.base import RenderWarning
from renderers.plan import Modality

from ..base import PlannerResult, PlanRequest
from .build_image import build_image
from .build_infographic import build_infographic
from .build_slides import build_slides
from .build_whiteboard import build_whiteboard
from .build_widget import build_widget
from .document import Document, parse_document
from .router import route

log = logging.getLogger("atelier")

BUILDERS: dict[Modality, Callable[[PlanRequest, Document], tuple]] = {
    Modality.SLIDES: build_slides,
    Modality.INFOGRAPHIC: build_infographic,
    Modality.WHITEBOARD: build_whiteboard,
    Modality.WIDGET: build_widget,
    Modality.IMAGE: build_image,
}


class OfflinePlanner:
    name = "offline"

    def plan(self, request: PlanRequest) -> PlannerResult:
        doc = parse_document(request.content)
        chosen = route(request, doc)
        if request.modality is not None:
            modality = request.modality
            rationale = f"the {modality.value} modality was chosen in the request"
            alternatives = [m for m in [chosen.modality, *chosen.alternatives] if m != modality][:2]
        else:
            modality, rationale, alternatives = chosen.modality, chosen.rationale, chosen.alternatives
        warnings = []
        try:
            plan, scaffold = BUILDERS[modality](request, doc)
        except ValidationError as exc:
            # A builder produced something the plan refuses: a bug to fix, but the user still gets an outline.
            log.exception("offline %s builder produced an invalid plan", modality.value, exc_info=exc)
            plan, scaffold = BUILDERS[modality](PlanRequest(prompt=request.prompt or modality.value), Document())
            warnings.append(RenderWarning(code="planner_fallback", where="plan",
                                          detail="the content could not be structured, so this is an outline"))
        if scaffold:
            warnings.append(RenderWarning(
                code="scaffold",
                where="plan",
                detail="the request has no content to structure, so this is an outline to fill in; paste a document "
                       "or data, or configure a language model (ATELIER_LLM_BASE_URL) to have the content written",
            ))
        return PlannerResult(plan=plan, planner=self.name, rationale=rationale, alternatives=alternatives,
                             warnings=warnings)
