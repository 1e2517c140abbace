"""Offline image planning: the prompt without its request phrasing, a short title, and alt text."""

from __future__ import annotations

import re

from models.planners.base import PlanRequest
from models.planners.offline.common import topic_of
from models.planners.offline.document import Document

from .plan import ImagePlan

_STYLE = re.compile(r"\b(?:in (?:the )?style of [^,.]+|watercolou?r|oil painting|pixel art|photo(?:realistic)?|anime|"
                    r"flat illustration|3d render|sketch|line art)\b|水彩|油畫|寫實|插畫風|像素風", re.IGNORECASE)


def _title(subject: str, limit: int = 150) -> str:
    """The subject as a title: whole when it fits, else its first clause (never cut inside a phrase)."""
    if len(subject) <= limit:
        return subject
    for sep in (", ", "; ", " — ", "，", "；"):
        head = subject.split(sep)[0]
        if 0 < len(head) <= limit:
            return head
    return subject[:limit].rsplit(" ", 1)[0]


def build_image(request: PlanRequest, doc: Document) -> tuple[ImagePlan, bool]:
    subject = topic_of(request.prompt or request.content[:300], None)
    subject = re.sub(r"^(?:an?\s+)?(?:image|picture|photo|illustration|painting|drawing)\s+of\s+", "", subject,
                     flags=re.IGNORECASE)
    subject = re.sub(r"^(?:一張|一幅)?(?:關於)?", "", subject).strip() or request.prompt.strip()[:150] or "Image"
    style = _STYLE.search(request.prompt)
    title = _title(subject)
    prompt = subject if not request.content else f"{subject}. {request.content.strip()[:600]}"
    return ImagePlan(title=title[:150], prompt=prompt[:1000], alt=subject[:200],
                     style=style.group(0)[:80] if style else None), False
